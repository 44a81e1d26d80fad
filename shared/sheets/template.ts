import { ROLL_COLUMNS } from '../rules/roll-sheet.ts';
import { loadExcelJs } from './read.ts';

/**
 * The roll template (党员名册模板.xlsx): the columns of shared/rules/roll-sheet.ts with one
 * example row, and a second sheet with each column's rule. Bytes out (Node and browser alike).
 */

export const TEMPLATE_FILENAME = '党员名册模板.xlsx';

export const writeRollTemplate = async (): Promise<Uint8Array> => {
  const workbook = new (await loadExcelJs()).Workbook();
  const roll = workbook.addWorksheet('党员名册');
  roll.columns = ROLL_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(12, c.example.length + 4),
    // Text cells: Excel would otherwise turn 13800000000 or 2006-07-01 into numbers.
    style: { numFmt: '@' },
  }));
  roll.addRow(Object.fromEntries(ROLL_COLUMNS.map((c) => [c.field, c.example])));
  roll.getRow(1).font = { bold: true };
  roll.views = [{ state: 'frozen', ySplit: 1 }];

  const rules = workbook.addWorksheet('填写说明');
  rules.columns = [
    { header: '列名', key: 'header', width: 12 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'rule', width: 80 },
    { header: '也可用的列名', key: 'aliases', width: 30 },
  ];
  for (const c of ROLL_COLUMNS) {
    rules.addRow({
      header: c.header,
      required: c.required ? '必填' : '可选',
      rule: c.rule,
      aliases: c.aliases.join('、'),
    });
  }
  rules.addRow({});
  rules.addRow({
    header: '说明',
    rule: '列的顺序不限;未列出的列会被忽略。第一行为列名,每名党员一行。',
  });
  rules.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
};
