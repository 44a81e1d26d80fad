import { ORG_FILE_COLUMNS } from '../../../../shared/election/batches/batch-file.ts';
import { ROLL_COLUMNS } from '../../../../shared/rules/roll-sheet.ts';

/**
 * The batch file's template (批量选举文件模板): the header the server reads — the organization's
 * columns, then the roll's, from the same column lists its parser uses — and two members of one
 * organization from the columns' examples. The second row leaves the organization's columns
 * empty (the same as above) and is another person, so the template as saved imports cleanly.
 * UTF-8 with a BOM: Excel opens it in Chinese, and saves it back as CSV UTF-8.
 */

/** The second example member: the fields that tell two members apart. */
const SECOND_MEMBER: Readonly<Record<string, string>> = {
  id: 'M002',
  name: '李强',
  gender: '男',
  birthDate: '1975-10-03',
  joinedAt: '1998-06-30',
  fullSince: '1999-06-30',
  email: 'liqiang@example.org',
};

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
const cell = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

const line = (values: readonly string[]) => values.map(cell).join(',');

export const TEMPLATE_NAME = '批量选举文件模板.csv';

export const batchFileTemplate = (): string => {
  const header = [...ORG_FILE_COLUMNS, ...ROLL_COLUMNS].map((c) => c.header);
  const first = [...ORG_FILE_COLUMNS, ...ROLL_COLUMNS].map((c) => c.example);
  const second = [
    ...ORG_FILE_COLUMNS.map(() => ''),
    ...ROLL_COLUMNS.map((c) => SECOND_MEMBER[c.field] ?? c.example),
  ];
  return `\uFEFF${[header, first, second].map(line).join('\r\n')}\r\n`;
};

/** The required columns, as the dialog names them. */
export const REQUIRED_HEADERS = [...ORG_FILE_COLUMNS, ...ROLL_COLUMNS]
  .filter((c) => c.required)
  .map((c) => c.header);
