import type { Member } from '../../rules/index.ts';
import {
  type Cell,
  cellText,
  hasText,
  normalizeHeader,
  type RollColumns,
  readRollHeader,
  readRollRow,
} from '../../rules/roll-sheet.ts';
import type { ImportedOrganization } from '../../store/organizations.ts';
import { NewOrganization } from '../organizations/schemas.ts';

/**
 * The batch file (批量选举文件, issue 17): a province's organizations and their rolls in one CSV
 * of one row per member — the organization's columns, then the roll's (the 党员名册 template's,
 * found by header as there). Every row of an organization repeats its columns (or leaves them
 * empty: the same as above); its rows come together, as a system's export sorted by
 * organization writes them, so the file is read as a stream, one organization at a time.
 * Pure: rows in, organizations and problems out.
 */

type OrgField = 'orgId' | 'orgName' | 'level' | 'superiorName' | 'superiorEmails';

interface OrgColumn {
  field: OrgField;
  header: string;
  aliases: readonly string[];
  required: boolean;
  /** The template's example row (the console's 批量选举文件模板). */
  example: string;
  rule: string;
}

export const ORG_FILE_COLUMNS: readonly OrgColumn[] = [
  {
    field: 'orgId',
    header: '组织编号',
    aliases: ['党组织编号', '组织代码'],
    required: true,
    example: 'xinjie-01',
    rule: '必填。党组织的编号(不含 #、/ 和空格);同一组织的行须连续。',
  },
  {
    field: 'orgName',
    header: '组织名称',
    aliases: ['党组织名称'],
    required: true,
    example: '新街社区党支部',
    rule: '必填。',
  },
  {
    field: 'level',
    header: '组织类别',
    aliases: ['组织类型'],
    required: false,
    example: '党支部',
    rule: '可选:党支部、党总支、党委;留空为党支部。',
  },
  {
    field: 'superiorName',
    header: '上级党组织',
    aliases: ['审批党组织'],
    required: true,
    example: '新街街道党工委',
    rule: '必填。审批选举结果的上级党组织(街道党工委等)。',
  },
  {
    field: 'superiorEmails',
    header: '上级邮箱',
    aliases: ['上级党组织邮箱'],
    required: true,
    example: 'dangwei@xinjie.example.org',
    rule: '必填。审批请求发到这些邮箱;多个用分号隔开。',
  },
];

const LEVELS: Readonly<Record<string, ImportedOrganization['level']>> = {
  党支部: 'branch',
  支部: 'branch',
  党总支: 'general-branch',
  总支部: 'general-branch',
  党总支部: 'general-branch',
  党委: 'committee',
  党委员会: 'committee',
};

const ORG_HEADERS = new Map(
  ORG_FILE_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [normalizeHeader(h), c])),
);

export interface BatchFileHeader {
  org: ReadonlyMap<OrgField, { index: number; header: string }>;
  roll: RollColumns;
  ignoredColumns: string[];
}

/** A problem of the file: its row as a spreadsheet numbers it (1: the header), its column. */
export interface FileProblem {
  row: number;
  column: string;
  message: string;
}

/** One organization of the file, read whole. */
export interface OrgBlock {
  organization: ImportedOrganization;
  members: Member[];
  firstRow: number;
  lastRow: number;
}

export const NOT_UTF8 = '文件不是 UTF-8 编码:请在 Excel 中“另存为 CSV UTF-8(逗号分隔)”后重新上传';

/** The header row: where each column is, or what is wrong with it. */
export const readBatchFileHeader = (
  cells: readonly Cell[],
): { header: BatchFileHeader; problems: [] } | { header?: undefined; problems: FileProblem[] } => {
  const problems: FileProblem[] = [];
  if (cells.some((c) => cellText(c).includes('\uFFFD'))) {
    return { problems: [{ row: 1, column: '', message: NOT_UTF8 }] };
  }
  const org = new Map<OrgField, { index: number; header: string }>();
  cells.forEach((cell, index) => {
    const written = cellText(cell);
    const column = ORG_HEADERS.get(normalizeHeader(written));
    if (!column) return;
    const seen = org.get(column.field);
    if (seen) {
      problems.push({
        row: 1,
        column: written,
        message: `与“${seen.header}”是同一列,只能出现一次`,
      });
    } else {
      org.set(column.field, { index, header: written });
    }
  });
  for (const column of ORG_FILE_COLUMNS) {
    if (column.required && !org.has(column.field)) {
      problems.push({ row: 1, column: column.header, message: `缺少必填列“${column.header}”` });
    }
  }
  const roll = readRollHeader(cells, new Set(ORG_HEADERS.keys()));
  problems.push(...roll.problems.map((p) => ({ row: 1, ...p })));
  if (problems.length > 0) return { problems };
  return { header: { org, roll: roll.columns, ignoredColumns: roll.ignoredColumns }, problems: [] };
};

const splitEmails = (value: string): string[] =>
  value.split(/[;；,，、\s]+/u).filter((email) => email !== '');

/**
 * Groups the data rows into organizations, checking each row as it comes. Feed it every row in
 * order (`row` as a spreadsheet numbers it); it answers an organization once its last row has
 * passed. An organization with any problem is answered with them, and without its members.
 * `seen` (organization id → its first row) spans the whole file: an id whose rows come apart is
 * a problem.
 */
export class OrgBlocks {
  readonly #header: BatchFileHeader;
  readonly #seen: Map<string, number>;
  #current:
    | {
        orgId: string;
        fields: Record<OrgField, string>;
        firstRow: number;
        lastRow: number;
        members: Member[];
        idRows: Map<string, number>;
        problems: FileProblem[];
      }
    | undefined;

  constructor(header: BatchFileHeader, seen = new Map<string, number>()) {
    this.#header = header;
    this.#seen = seen;
  }

  /** One data row; answers the organization it closes, if it closes one. */
  row(
    row: number,
    cells: readonly Cell[],
  ): { block?: OrgBlock; problems: FileProblem[] } | undefined {
    if (!hasText(cells)) return undefined;
    const value = (field: OrgField) => {
      const at = this.#header.org.get(field);
      return at === undefined ? '' : cellText(cells[at.index]);
    };
    const orgId = value('orgId');
    const current = this.#current;
    let closed: ReturnType<OrgBlocks['end']>;
    if (!current || (orgId !== '' && orgId !== current.orgId)) {
      closed = this.end();
      this.#open(row, cells);
    } else {
      this.#continue(row, cells);
    }
    return closed;
  }

  /** Closes the organization being read (at the end of the file). */
  end(): { block?: OrgBlock; problems: FileProblem[] } | undefined {
    const current = this.#current;
    if (!current) return undefined;
    this.#current = undefined;
    const problems = [...current.problems];
    const { fields } = current;
    const levelText = fields.level;
    const level = levelText === '' ? 'branch' : LEVELS[levelText];
    const columnOf = (field: OrgField) => this.#orgHeader(field);
    if (level === undefined) {
      problems.push({
        row: current.firstRow,
        column: columnOf('level'),
        message: `“${levelText}”无法识别(党支部、党总支、党委)`,
      });
    }
    const parsed = NewOrganization.safeParse({
      id: current.orgId,
      name: fields.orgName,
      level: level ?? 'branch',
      superior: { name: fields.superiorName, emails: splitEmails(fields.superiorEmails) },
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [key, sub] = issue.path;
        const field: OrgField =
          key === 'id'
            ? 'orgId'
            : key === 'name'
              ? 'orgName'
              : sub === 'emails'
                ? 'superiorEmails'
                : 'superiorName';
        const empty = fields[field] === '';
        problems.push({
          row: current.firstRow,
          column: columnOf(field),
          message: empty
            ? '必填,不能为空'
            : field === 'superiorEmails'
              ? `“${fields.superiorEmails}”中有无效的邮箱地址`
              : `不符合要求:${issue.message}`,
        });
      }
    }
    if (problems.length > 0 || !parsed.success) return { problems };
    return {
      block: {
        organization: parsed.data,
        members: current.members,
        firstRow: current.firstRow,
        lastRow: current.lastRow,
      },
      problems: [],
    };
  }

  #open(row: number, cells: readonly Cell[]): void {
    const fields = Object.fromEntries(
      ORG_FILE_COLUMNS.map(({ field }) => {
        const at = this.#header.org.get(field);
        return [field, at === undefined ? '' : cellText(cells[at.index])];
      }),
    ) as Record<OrgField, string>;
    const problems: FileProblem[] = [];
    const orgId = fields.orgId;
    if (orgId === '') {
      problems.push({ row, column: this.#orgHeader('orgId'), message: '必填,不能为空' });
    } else {
      const first = this.#seen.get(orgId);
      if (first !== undefined) {
        problems.push({
          row,
          column: this.#orgHeader('orgId'),
          message: `组织 ${orgId} 的行不连续(第 ${first} 行已出现):同一组织的党员须排在一起`,
        });
      } else {
        this.#seen.set(orgId, row);
      }
    }
    this.#current = {
      orgId,
      fields,
      firstRow: row,
      lastRow: row,
      members: [],
      idRows: new Map(),
      problems,
    };
    this.#member(row, cells);
  }

  #continue(row: number, cells: readonly Cell[]): void {
    const current = this.#current;
    if (!current) return;
    for (const { field } of ORG_FILE_COLUMNS) {
      const at = this.#header.org.get(field);
      const written = at === undefined ? '' : cellText(cells[at.index]);
      // Empty: the same as above. Otherwise it must be the same.
      if (written !== '' && written !== current.fields[field]) {
        current.problems.push({
          row,
          column: this.#orgHeader(field),
          message: `与本组织第 ${current.firstRow} 行的“${current.fields[field]}”不同`,
        });
      }
    }
    current.lastRow = row;
    this.#member(row, cells);
  }

  #member(row: number, cells: readonly Cell[]): void {
    const current = this.#current;
    if (!current) return;
    const report = readRollRow(row, cells, this.#header.roll, current.idRows);
    if (report.member) current.members.push(report.member);
    for (const problem of report.problems) current.problems.push({ row, ...problem });
    if (cells.some((c) => cellText(c).includes('\uFFFD'))) {
      current.problems.push({ row, column: '', message: NOT_UTF8 });
    }
  }

  #orgHeader(field: OrgField): string {
    return (
      this.#header.org.get(field)?.header ??
      ORG_FILE_COLUMNS.find((c) => c.field === field)?.header ??
      field
    );
  }
}
