// Proves the roll from a spreadsheet (shared/rules/roll-sheet.ts): columns found by header in
// any order, unknown ones reported as ignored and missing required ones named; every date form
// organizers write (Excel date or serial, YYYY-MM-DD, YYYY/M/D, YYYY.MM.DD, YYYY年M月D日); the
// Chinese words of 学历, 组织关系, 健康 and 党员权利; probationary without 转正时间; ids from 编号
// or stable from 姓名 + 出生日期; and every bad row reported by its Excel row and its header.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDUCATION_NAMES } from '../../../shared/notices/words.ts';
import { Member } from '../../../shared/rules/members.ts';
import {
  type Cell,
  parseSheetDate,
  ROLL_COLUMNS,
  readRollSheet,
} from '../../../shared/rules/roll-sheet.ts';

const HEAD = ['姓名', '性别', '出生日期', '转正时间', '学历', '组织关系', '健康', '邮箱'];
const row = (over: Partial<Record<string, Cell>> = {}): Cell[] => {
  const base: Record<string, Cell> = {
    姓名: '王芳',
    性别: '女',
    出生日期: '1980-05-12',
    转正时间: '2006-07-01',
    学历: '大学本科',
    组织关系: '在本组织',
    健康: '健康',
    邮箱: 'wf@example.org',
    ...over,
  };
  return HEAD.map((h) => base[h]);
};

describe('readRollSheet', () => {
  it('turns a row into a Member, with a stable id from name and birth date', () => {
    const sheet = readRollSheet([HEAD, row()]);
    expect(sheet.problems).toEqual([]);
    expect(sheet.rows).toEqual([
      {
        row: 2,
        ok: true,
        problems: [],
        member: {
          id: '王芳-19800512',
          name: '王芳',
          email: 'wf@example.org',
          birthDate: '1980-05-12',
          education: 'bachelor',
          status: 'full',
          fullSince: '2006-07-01',
          orgRelationLocal: true,
          healthy: true,
        },
      },
    ]);
  });

  it('maps columns by header in any order, with aliases, and reports unknown ones as ignored', () => {
    const head = ['文化程度', '党员编号', '籍贯', '组织关系', '出生日期', '*姓名'];
    const sheet = readRollSheet([head, ['硕士', 'M7', '江苏', '外地', '1990/1/2', '李强']]);
    expect(sheet.ignoredColumns).toEqual(['籍贯']);
    expect(sheet.rows[0]?.member).toEqual({
      id: 'M7',
      name: '李强',
      birthDate: '1990-01-02',
      education: 'master',
      status: 'probationary',
      orgRelationLocal: false,
    });
  });

  it('names a missing required column and reads no row', () => {
    const sheet = readRollSheet([
      ['姓名', '学历', '组织关系'],
      ['王芳', '本科', '是'],
    ]);
    expect(sheet.problems).toEqual([{ column: '出生日期', message: '缺少必填列“出生日期”' }]);
    expect(sheet.rows).toEqual([]);
  });

  it('reports each bad cell by Excel row and the header as written, skipping empty rows', () => {
    const head = ['姓名', '出生年月日', '学历', '组织关系', '邮箱', '健康'];
    const sheet = readRollSheet([
      [],
      head,
      ['王芳', '1980-02-30', '大学', '是', 'not-an-email', '健康'],
      [],
      ['', '1980-01-01', '本科', '火星', '', '也许'],
    ]);
    expect(sheet.members).toEqual([]);
    const problems = sheet.rows.map((r) => [r.row, r.problems.map((p) => p.column)]);
    expect(problems).toEqual([
      [3, ['出生年月日', '学历']],
      [5, ['姓名', '组织关系', '健康']],
    ]);
    const withEmail = readRollSheet([
      head,
      ['王芳', '1980-02-03', '本科', '是', 'not-an-email', ''],
    ]);
    expect(withEmail.rows[0]?.problems).toEqual([
      { column: '邮箱', message: '“not-an-email”不是有效的邮箱地址' },
    ]);
  });

  it('reports a repeated 编号, and a repeated name with birth date, on the later row', () => {
    const byId = readRollSheet([
      ['编号', ...HEAD],
      ['A1', ...row()],
      ['A1', ...row({ 姓名: '李强' })],
    ]);
    expect(byId.rows.map((r) => r.ok)).toEqual([true, false]);
    expect(byId.rows[1]?.problems).toEqual([{ column: '编号', message: '编号 A1 与第 2 行重复' }]);
    const byName = readRollSheet([HEAD, row(), row({ 邮箱: '' })]);
    expect(byName.rows[1]?.problems[0]?.column).toBe('姓名');
    expect(byName.members).toHaveLength(1);
  });

  it('reads the words of 学历, 组织关系, 健康 and 党员权利', () => {
    const head = ['姓名', '出生日期', '学历', '组织关系', '健康', '权利状态'];
    const read = (cells: Cell[]) => readRollSheet([head, ['甲', '1970-01-01', ...cells]]).rows[0];
    expect(read(['中专', '可转入', '患病', '留党察看'])?.member).toMatchObject({
      education: 'vocational',
      orgRelationLocal: false,
      orgRelationTransferable: true,
      healthy: false,
      rights: 'discipline',
    });
    expect(read(['高中', '本社区', '良好', '停止党员权利'])?.member).toMatchObject({
      education: 'senior',
      orgRelationLocal: true,
      healthy: true,
      rights: 'suspended',
    });
    expect(read(['大专', '否', '', ''])?.member).toMatchObject({ education: 'associate' });
    expect(read(['大专', '否', '', ''])?.member?.healthy).toBeUndefined();
  });

  it('reads back every 学历 as the product itself writes it (notices, exported rolls)', () => {
    const head = ['姓名', '出生日期', '学历', '组织关系'];
    for (const [education, word] of Object.entries(EDUCATION_NAMES)) {
      const read = readRollSheet([head, ['甲', '1970-01-01', word, '在本组织']]).rows[0];
      expect(read?.member?.education, word).toBe(education);
    }
  });

  it('gives every row a valid Member or at least one problem (property)', () => {
    const cell = fc.oneof(
      fc.constantFrom(
        '',
        '王芳',
        '本科',
        '博士',
        '是',
        '外地',
        '健康',
        '否',
        '1980-05-12',
        '1980年5月12日',
        'x@y.org',
        'bad',
      ),
      fc.integer({ min: -5, max: 80_000 }),
      fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 8, maxLength: 8 }), { maxLength: 6 }),
        (rows) => {
          const sheet = readRollSheet([HEAD, ...rows]);
          for (const report of sheet.rows) {
            if (report.ok) expect(Member.safeParse(report.member).success).toBe(true);
            else expect(report.problems.length).toBeGreaterThan(0);
            expect(report.row).toBeGreaterThanOrEqual(2);
          }
          const ids = sheet.members.map((m) => m.id);
          expect(new Set(ids).size).toBe(ids.length);
        },
      ),
    );
  });
});

describe('parseSheetDate', () => {
  it('reads every date form organizers write as the same day', () => {
    for (const cell of [
      '2006-07-01',
      '2006/7/1',
      '2006.07.01',
      '2006年7月1日',
      new Date(Date.UTC(2006, 6, 1)),
      38_899, // Excel's serial of 2006-07-01
    ]) {
      expect(parseSheetDate(cell)).toBe('2006-07-01');
    }
  });

  it('refuses what is not a calendar day', () => {
    for (const cell of ['2006-02-29', '2006-13-01', '七月一日', 1.5, 0, '', null]) {
      expect(parseSheetDate(cell as Cell)).toBeUndefined();
    }
  });

  it('round-trips any day through each text form (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-03-01'), max: new Date('2199-12-31'), noInvalidDate: true }),
        (d) => {
          const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
          const iso = d.toISOString().slice(0, 10);
          expect(parseSheetDate(`${y}/${m}/${day}`)).toBe(iso);
          expect(parseSheetDate(`${y}年${m}月${day}日`)).toBe(iso);
          expect(parseSheetDate(iso.replaceAll('-', '.'))).toBe(iso);
        },
      ),
    );
  });
});

it('keeps the template columns and the parser on one list: every header reads as its column', () => {
  const sheet = readRollSheet([
    ROLL_COLUMNS.map((c) => c.header),
    ROLL_COLUMNS.map((c) => c.example),
  ]);
  expect(sheet.ignoredColumns).toEqual([]);
  expect(sheet.rows[0]?.ok).toBe(true);
});
