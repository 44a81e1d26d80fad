import { EDUCATION_LEVELS, type Education, Member } from './members.ts';

/**
 * The roll (党员名册) from the spreadsheet organizers already keep: columns found BY HEADER (in
 * any order, a few names each), every row turned into a `Member` or into problems naming the
 * row as Excel numbers it and the column as its header is written. Pure: the API's import and
 * the console's preview run the same code on the rows shared/sheets reads.
 *
 * Member ids: the 编号 (党员编号) column when the sheet has one; else `姓名-YYYYMMDD` (name and
 * birth date). That is stable across re-imports and re-orderings (a row number is not), readable
 * in the audit log, and unique where the pair is — a repeated pair (or a repeated 编号) is a row
 * problem, never a silent merge.
 */

/** A cell as a spreadsheet gives it (a date cell as a Date, an Excel serial as a number). */
export type Cell = string | number | boolean | Date | null | undefined;

type Field =
  | 'id'
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'joinedAt'
  | 'fullSince'
  | 'education'
  | 'orgRelation'
  | 'rights'
  | 'health'
  | 'phone'
  | 'email'
  | 'note';

export interface RollColumn {
  field: Field;
  /** The header the template writes. */
  header: string;
  /** Other headers taken for it. */
  aliases: readonly string[];
  required: boolean;
  /** Whether it is stored on the roll (the others are read, checked where a rule needs, and dropped). */
  stored: boolean;
  /** The template's example row. */
  example: string;
  /** What the template's rules sheet says of it. */
  rule: string;
}

const EDUCATION_WORDS: Readonly<Record<string, Education>> = {
  小学: 'primary',
  初中: 'junior',
  高中: 'senior',
  // The product's own word for it (notices, the roll's exports): what it writes, it reads.
  '高中(中专)': 'senior',
  '高中（中专）': 'senior',
  中专: 'vocational',
  中技: 'vocational',
  职高: 'vocational',
  技校: 'vocational',
  大专: 'associate',
  专科: 'associate',
  大学专科: 'associate',
  大学本科: 'bachelor',
  本科: 'bachelor',
  硕士研究生: 'master',
  硕士: 'master',
  研究生: 'master',
  博士研究生: 'doctor',
  博士: 'doctor',
};

/** The columns, in the template's order: the one list the parser and the template share. */
export const ROLL_COLUMNS: readonly RollColumn[] = [
  {
    field: 'id',
    header: '编号',
    aliases: ['党员编号', '序号编号', '人员编号'],
    required: false,
    stored: true,
    example: 'M001',
    rule: '可选。名册内唯一;留空则以“姓名-出生日期”为编号(重新导入时保持不变)。',
  },
  {
    field: 'name',
    header: '姓名',
    aliases: [],
    required: true,
    stored: true,
    example: '王芳',
    rule: '必填。',
  },
  {
    field: 'gender',
    header: '性别',
    aliases: [],
    required: false,
    stored: false,
    example: '女',
    rule: '可选,男或女;不存入名册。',
  },
  {
    field: 'birthDate',
    header: '出生日期',
    aliases: ['出生年月日'],
    required: true,
    stored: true,
    example: '1980-05-12',
    rule: '必填。Excel 日期,或 1980-05-12、1980/5/12、1980.05.12、1980年5月12日。',
  },
  {
    field: 'joinedAt',
    header: '入党时间',
    aliases: ['入党日期'],
    required: false,
    stored: false,
    example: '2005-07-01',
    rule: '可选,日期格式同上;不存入名册(党龄自转正时间起算)。',
  },
  {
    field: 'fullSince',
    header: '转正时间',
    aliases: ['转正日期'],
    required: false,
    stored: true,
    example: '2006-07-01',
    rule: '正式党员填写;留空即为预备党员。',
  },
  {
    field: 'education',
    header: '学历',
    aliases: ['文化程度', '最高学历'],
    required: true,
    stored: true,
    example: '大学本科',
    rule: `必填:${Object.keys(EDUCATION_WORDS).join('、')}。`,
  },
  {
    field: 'orgRelation',
    header: '组织关系',
    aliases: ['组织关系所在地', '组织关系是否在本组织'],
    required: true,
    stored: true,
    example: '在本组织',
    rule: '必填:在本组织(本社区、是)→ 有选举权;可转入 → 组织关系可转入本组织;外地、否 → 不在本组织。',
  },
  {
    field: 'rights',
    header: '党员权利',
    aliases: ['权利状态'],
    required: false,
    stored: true,
    example: '正常',
    rule: '可选:正常、留党察看、停止党员权利;留空为正常。',
  },
  {
    field: 'health',
    header: '健康',
    aliases: ['健康状况', '身体状况'],
    required: false,
    stored: true,
    example: '健康',
    rule: '可选:健康、良好、是 → 健康;否、患病、卧床 → 不健康;留空为未申报(需要健康条件的职务不能报名)。',
  },
  {
    field: 'phone',
    header: '手机',
    aliases: ['手机号', '联系电话', '电话'],
    required: false,
    stored: false,
    example: '13800000000',
    rule: '可选;不存入名册。',
  },
  {
    field: 'email',
    header: '邮箱',
    aliases: ['电子邮箱', 'Email', 'E-mail'],
    required: false,
    stored: true,
    example: 'wangfang@example.org',
    rule: '可选;选举通知发送到此邮箱。',
  },
  {
    field: 'note',
    header: '备注',
    aliases: [],
    required: false,
    stored: false,
    example: '',
    rule: '可选;不存入名册。',
  },
];

export interface RowProblem {
  /** The header as written in the sheet (the template's, for a missing column). */
  column: string;
  message: string;
}

export interface RowReport {
  /** The row number as Excel shows it (1 = the first row of the sheet). */
  row: number;
  ok: boolean;
  member?: Member;
  problems: RowProblem[];
}

export interface RollSheet {
  /** The members of the valid rows (all of them only when every row is valid). */
  members: Member[];
  rows: RowReport[];
  /** Headers matching no known column: their cells are not read. */
  ignoredColumns: string[];
  /** Sheet-level problems: a required column missing, a column given twice, no header row. */
  problems: RowProblem[];
}

/** Headers compare without spaces, asterisks (必填 marks) and ASCII/full-width case noise. */
export const normalizeHeader = (header: string): string =>
  header
    .normalize('NFKC')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();

const byHeader = new Map(
  ROLL_COLUMNS.flatMap((c) =>
    [c.header, ...c.aliases].map((h) => [normalizeHeader(h), c] as const),
  ),
);

/** A cell's text as read: NFKC-normalized and trimmed (a date cell as its day). */
export const cellText = (cell: Cell): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).normalize('NFKC').trim();
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A real calendar date as YYYY-MM-DD, or undefined (2023-02-30 is not one). */
const isoDate = (y: number, m: number, d: number): string | undefined => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return undefined;
  }
  return `${y}-${pad2(m)}-${pad2(d)}`;
};

// Excel's day 0 is 1899-12-30 (its 1900 leap-year bug folded in); serials cover 1900–2199.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** A date cell: a Date (read as its UTC day, as exceljs gives it), an Excel serial, or text. */
export const parseSheetDate = (cell: Cell): string | undefined => {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return undefined;
    return isoDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 109_574) return undefined;
    const date = new Date(EXCEL_EPOCH_MS + cell * DAY_MS);
    return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  const value = cellText(cell);
  const match =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(value);
  if (!match) return undefined;
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
};

const DATE_MESSAGE =
  '不是有效日期(可用 Excel 日期,或 1980-05-12、1980/5/12、1980.05.12、1980年5月12日)';

const ORG_LOCAL = new Set([
  '在本组织',
  '本组织',
  '本社区',
  '在本社区',
  '本支部',
  '在本支部',
  '本单位',
  '是',
  '本地',
]);
const ORG_TRANSFERABLE = new Set(['可转入', '可转入本组织', '可转接']);
const ORG_ELSEWHERE = new Set(['外地', '否', '不在本组织', '在外地', '外单位', '其他', '流动党员']);

const HEALTHY = new Set(['健康', '良好', '是', '一般', '较好']);
const UNHEALTHY = new Set(['否', '患病', '生病', '病', '卧床', '长期卧床', '不健康', '较差', '差']);

const RIGHTS: Readonly<Record<string, NonNullable<Member['rights']>>> = {
  正常: 'normal',
  留党察看: 'discipline',
  停止党员权利: 'suspended',
  停止党籍: 'suspended',
  停止: 'suspended',
};

const GENDERS = new Set(['男', '女']);

/** Where each known column is (by field), as the header row names it. */
export type RollColumns = ReadonlyMap<Field, { index: number; header: string }>;

/**
 * Finds the roll's columns in a header row by their names. `otherHeaders` are headers a wider
 * file reads itself (the batch file's organization columns): neither ignored nor roll columns.
 */
export const readRollHeader = (
  header: readonly Cell[],
  otherHeaders: ReadonlySet<string> = new Set(),
): { columns: RollColumns; ignoredColumns: string[]; problems: RowProblem[] } => {
  const columns = new Map<Field, { index: number; header: string }>();
  const ignoredColumns: string[] = [];
  const problems: RowProblem[] = [];
  header.forEach((cell, index) => {
    const written = cellText(cell);
    if (!written || otherHeaders.has(normalizeHeader(written))) return;
    const column = byHeader.get(normalizeHeader(written));
    if (!column) {
      ignoredColumns.push(written);
      return;
    }
    const seen = columns.get(column.field);
    if (seen) {
      problems.push({ column: written, message: `与“${seen.header}”是同一列,只能出现一次` });
      return;
    }
    columns.set(column.field, { index, header: written });
  });
  for (const column of ROLL_COLUMNS) {
    if (column.required && !columns.has(column.field)) {
      problems.push({ column: column.header, message: `缺少必填列“${column.header}”` });
    }
  }
  return { columns, ignoredColumns, problems };
};

/** Whether a row has any text (an empty row is skipped, not an error). */
export const hasText = (cells: readonly Cell[]): boolean => cells.some((c) => cellText(c) !== '');

/**
 * Reads the sheet: `rows[i]` is Excel row i + 1 (an empty array for an empty row); the first
 * row with any text is the header row. Never throws on data: everything wrong is reported.
 */
export const readRollSheet = (rows: readonly (readonly Cell[])[]): RollSheet => {
  const headerIndex = rows.findIndex(hasText);
  if (headerIndex < 0) {
    return {
      members: [],
      rows: [],
      ignoredColumns: [],
      problems: [{ column: '', message: '表格是空的:第一行应为列名(姓名、出生日期……)' }],
    };
  }
  const { columns, ignoredColumns, problems } = readRollHeader(rows[headerIndex] ?? []);
  if (problems.length > 0) return { members: [], rows: [], ignoredColumns, problems };

  const reports: RowReport[] = [];
  const idRows = new Map<string, number>();
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    if (!hasText(cells)) continue;
    reports.push(readRollRow(i + 1, cells, columns, idRows));
  }
  if (reports.length === 0) {
    problems.push({ column: '', message: '表格中没有党员数据行' });
  }
  return {
    members: reports.flatMap((r) => (r.member ? [r.member] : [])),
    rows: reports,
    ignoredColumns,
    problems,
  };
};

const FIELD_OF_MEMBER_KEY: Readonly<Record<string, Field>> = {
  id: 'id',
  name: 'name',
  email: 'email',
  birthDate: 'birthDate',
  education: 'education',
  fullSince: 'fullSince',
  orgRelationLocal: 'orgRelation',
  orgRelationTransferable: 'orgRelation',
  rights: 'rights',
  healthy: 'health',
};

/**
 * One member row (`row` as Excel numbers it): the member, or its problems. `idRows` maps each id
 * seen so far in the roll to its row: a repeat is a problem.
 */
export const readRollRow = (
  row: number,
  cells: readonly Cell[],
  columns: RollColumns,
  idRows: Map<string, number>,
): RowReport => {
  const problems: RowProblem[] = [];
  const headerOf = (field: Field) =>
    columns.get(field)?.header ?? ROLL_COLUMNS.find((c) => c.field === field)?.header ?? field;
  const cell = (field: Field): Cell => {
    const at = columns.get(field);
    return at === undefined ? undefined : cells[at.index];
  };
  const problem = (field: Field, message: string) =>
    problems.push({ column: headerOf(field), message });
  const required = (field: Field): string | undefined => {
    const value = cellText(cell(field));
    if (!value) problem(field, '必填,不能为空');
    return value || undefined;
  };

  const name = required('name');
  const birthText = required('birthDate');
  const birthDate = birthText === undefined ? undefined : parseSheetDate(cell('birthDate'));
  if (birthText !== undefined && birthDate === undefined) problem('birthDate', DATE_MESSAGE);

  for (const field of ['fullSince', 'joinedAt'] as const) {
    if (cellText(cell(field)) && parseSheetDate(cell(field)) === undefined)
      problem(field, DATE_MESSAGE);
  }
  const fullSince = cellText(cell('fullSince')) ? parseSheetDate(cell('fullSince')) : undefined;

  const educationText = required('education');
  const education =
    educationText === undefined
      ? undefined
      : (EDUCATION_WORDS[educationText] ??
        (EDUCATION_LEVELS as readonly string[]).find((l) => l === educationText.toLowerCase()));
  if (educationText !== undefined && education === undefined) {
    problem(
      'education',
      `“${educationText}”不是可识别的学历(${Object.keys(EDUCATION_WORDS).join('、')})`,
    );
  }

  const relation = required('orgRelation');
  let orgRelationLocal: boolean | undefined;
  let orgRelationTransferable: boolean | undefined;
  if (relation !== undefined) {
    if (ORG_LOCAL.has(relation)) orgRelationLocal = true;
    else if (ORG_TRANSFERABLE.has(relation))
      [orgRelationLocal, orgRelationTransferable] = [false, true];
    else if (ORG_ELSEWHERE.has(relation)) orgRelationLocal = false;
    else problem('orgRelation', `“${relation}”无法识别(在本组织、本社区、是;可转入;外地、否)`);
  }

  const rightsText = cellText(cell('rights'));
  const rights = rightsText ? RIGHTS[rightsText] : undefined;
  if (rightsText && !rights)
    problem('rights', `“${rightsText}”无法识别(正常、留党察看、停止党员权利)`);

  const healthText = cellText(cell('health'));
  const healthy = !healthText
    ? undefined
    : HEALTHY.has(healthText)
      ? true
      : UNHEALTHY.has(healthText) || /病|卧床/.test(healthText)
        ? false
        : undefined;
  if (healthText && healthy === undefined) {
    problem('health', `“${healthText}”无法识别(健康、良好、是;否、患病、卧床)`);
  }

  const gender = cellText(cell('gender'));
  if (gender && !GENDERS.has(gender)) problem('gender', `“${gender}”应为男或女`);

  const email = cellText(cell('email')) || undefined;
  const givenId = cellText(cell('id')) || undefined;
  const id =
    givenId ?? (name && birthDate ? `${name}-${birthDate.replaceAll('-', '')}` : undefined);

  const candidate = {
    ...(id === undefined ? {} : { id }),
    ...(name === undefined ? {} : { name }),
    ...(email === undefined ? {} : { email }),
    ...(birthDate === undefined ? {} : { birthDate }),
    ...(education === undefined ? {} : { education }),
    status: fullSince ? ('full' as const) : ('probationary' as const),
    ...(fullSince ? { fullSince } : {}),
    ...(orgRelationLocal === undefined ? {} : { orgRelationLocal }),
    ...(orgRelationTransferable ? { orgRelationTransferable } : {}),
    ...(rights === undefined ? {} : { rights }),
    ...(healthy === undefined ? {} : { healthy }),
  };
  if (problems.length === 0) {
    const parsed = Member.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = FIELD_OF_MEMBER_KEY[String(issue.path[0])] ?? 'id';
        problem(
          field,
          field === 'email' ? `“${email}”不是有效的邮箱地址` : `不符合要求:${issue.message}`,
        );
      }
    }
  }
  if (id !== undefined) {
    const first = idRows.get(id);
    if (first !== undefined) {
      problem(
        givenId ? 'id' : 'name',
        givenId
          ? `编号 ${id} 与第 ${first} 行重复`
          : `与第 ${first} 行姓名和出生日期相同(同名同生日的党员请填写“编号”列区分)`,
      );
    } else {
      idRows.set(id, row);
    }
  }
  if (problems.length > 0) return { row, ok: false, problems };
  return { row, ok: true, member: Member.parse(candidate), problems };
};
