// Proves the batch file (shared/election/batches/batch-file.ts, batch-file-stream.ts): a
// province's organizations and their rolls in one CSV, a row per member, read as a stream one
// organization at a time — the organization's columns on every row or only its first, its
// 组织类别 and 上级邮箱 words; every problem named by row and column (a missing column, rows of
// one organization that come apart, a row that disagrees with its organization's first, a bad
// member, a file not in UTF-8); and a reading resumed at any organization's start reads the rest
// exactly as the whole reading did.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeRoll } from '../../../../scripts/scenario/roll.ts';
import {
  type BlockRead,
  FILE_START,
  type FilePosition,
  readBatchFile,
} from '../../../../shared/election/batches/batch-file-stream.ts';
import { batchFileCsv } from '../../../support/batch-file.ts';

const HEAD = '组织编号,组织名称,组织类别,上级党组织,上级邮箱,姓名,出生日期,转正时间,学历,组织关系';

const member = (name: string, birth = '1980-05-12') =>
  `${name},${birth},2006-07-01,大学本科,在本组织`;

const csv = (lines: string[], eol = '\n') => Buffer.from(`\uFEFF${lines.join(eol)}${eol}`);

const read = async (bytes: Buffer, from: FilePosition = FILE_START, header?: string[]) => {
  const input = Readable.from([bytes.subarray(from.byte)]);
  const items = [];
  for await (const item of readBatchFile(input, { from, ...(header ? { header } : {}) })) {
    items.push(item);
  }
  return items;
};

const organizations = (items: Awaited<ReturnType<typeof read>>) =>
  items.filter((i): i is { kind: 'organization' } & BlockRead => i.kind === 'organization');

const problemsOf = (items: Awaited<ReturnType<typeof read>>) => items.flatMap((i) => i.problems);

describe('the batch file', () => {
  it('reads each organization with its members; its columns on the first row are enough', async () => {
    const file = csv([
      HEAD,
      `sq-1,清河社区党支部,党支部,清河街道党工委,a@jd.cn;b@jd.cn,${member('王芳')}`,
      `,,,,,${member('李强', '1975-03-02')}`,
      `sq-2,东风社区党总支,党总支,东风街道党工委,c@jd.cn,${member('陈静')}`,
      `sq-2,东风社区党总支,党总支,东风街道党工委,c@jd.cn,${member('刘洋', '1990-01-02')}`,
    ]);
    const items = await read(file);
    expect(problemsOf(items)).toEqual([]);
    const blocks = organizations(items).map((o) => o.block);
    expect(blocks.map((b) => b?.organization)).toEqual([
      {
        id: 'sq-1',
        name: '清河社区党支部',
        level: 'branch',
        superior: { name: '清河街道党工委', emails: ['a@jd.cn', 'b@jd.cn'] },
      },
      {
        id: 'sq-2',
        name: '东风社区党总支',
        level: 'general-branch',
        superior: { name: '东风街道党工委', emails: ['c@jd.cn'] },
      },
    ]);
    expect(blocks.map((b) => b?.members.map((m) => m.id))).toEqual([
      ['王芳-19800512', '李强-19750302'],
      ['陈静-19800512', '刘洋-19900102'],
    ]);
    expect(blocks.map((b) => [b?.firstRow, b?.lastRow])).toEqual([
      [2, 3],
      [4, 5],
    ]);
  });

  it('names a missing column in the header and reads no further', async () => {
    const items = await read(csv(['组织编号,组织名称,姓名,出生日期,学历,组织关系', 'x']));
    expect(items).toHaveLength(1);
    expect(problemsOf(items)).toEqual([
      { row: 1, column: '上级党组织', message: '缺少必填列“上级党组织”' },
      { row: 1, column: '上级邮箱', message: '缺少必填列“上级邮箱”' },
    ]);
  });

  it('names each problem by row and column, and answers no organization that has one', async () => {
    const file = csv([
      HEAD,
      `sq-1,清河社区党支部,党支部,清河街道党工委,a@jd.cn,${member('王芳')}`,
      `sq-1,清河社区居委会,党支部,清河街道党工委,a@jd.cn,${member('李强', '1975-03-02')}`,
      `sq-2,东风社区党支部,支委会,东风街道党工委,not-mail,${member('陈静')}`,
      `sq-3,西湖社区党支部,,西湖街道党工委,d@jd.cn,刘洋,1990-13-01,,大学本科,在本组织`,
      `sq-1,清河社区党支部,党支部,清河街道党工委,a@jd.cn,${member('孙丽')}`,
    ]);
    const items = await read(file);
    expect(organizations(items).every((o) => o.block === undefined)).toBe(true);
    expect(problemsOf(items)).toEqual([
      { row: 3, column: '组织名称', message: '与本组织第 2 行的“清河社区党支部”不同' },
      { row: 4, column: '组织类别', message: '“支委会”无法识别(党支部、党总支、党委)' },
      { row: 4, column: '上级邮箱', message: '“not-mail”中有无效的邮箱地址' },
      {
        row: 5,
        column: '出生日期',
        message:
          '不是有效日期(可用 Excel 日期,或 1980-05-12、1980/5/12、1980.05.12、1980年5月12日)',
      },
      {
        row: 6,
        column: '组织编号',
        message: '组织 sq-1 的行不连续(第 2 行已出现):同一组织的党员须排在一起',
      },
    ]);
  });

  it('refuses a file that is not UTF-8 at its header (Excel’s plain “CSV” is GBK)', async () => {
    const gbk = Buffer.from([0xd7, 0xe9, 0xd6, 0xaf, 0xb1, 0xe0, 0xba, 0xc5, 0x0a]); // 组织编号
    const items = await read(gbk);
    expect(problemsOf(items)).toEqual([
      {
        row: 1,
        column: '',
        message: '文件不是 UTF-8 编码:请在 Excel 中“另存为 CSV UTF-8(逗号分隔)”后重新上传',
      },
    ]);
  });

  it('resumed at any organization’s start, reads the rest as the whole reading did', async () => {
    const lines = [HEAD];
    for (let org = 1; org <= 6; org++) {
      for (let n = 1; n <= org; n++) {
        // A quoted name with a line break inside: a row is not a line.
        const name = n === 2 ? `"王\n${org}"` : `党员${org}${n}`;
        lines.push(
          `sq-${org},社区${org},党支部,街道,s@jd.cn,${name},1980-01-0${n},2006-07-01,大学本科,在本组织`,
        );
      }
    }
    for (const eol of ['\n', '\r\n']) {
      const file = csv(lines, eol);
      const whole = await read(file);
      const header = (whole[0] as { cells: string[] }).cells;
      const all = organizations(whole);
      expect(all).toHaveLength(6);
      for (const [k, at] of all.entries()) {
        const rest = organizations(await read(file, at.start, header));
        expect(rest.map((o) => o.block)).toEqual(all.slice(k).map((o) => o.block));
        expect(rest.map((o) => o.start)).toEqual(all.slice(k).map((o) => o.start));
      }
    }
  });

  it('reads back a roll exported as a batch file as the same members', async () => {
    const rolls = [makeRoll(60, 7, 'a-'), makeRoll(25, 8, 'b-')];
    const file = batchFileCsv(
      rolls.map((members, i) => ({
        id: `sq-${i}`,
        name: `社区${i}`,
        superior: { name: '街道党工委', emails: ['s@jd.cn'] },
        members,
      })),
    );
    const items = await read(Buffer.from(file));
    expect(problemsOf(items)).toEqual([]);
    expect(organizations(items).map((o) => o.block?.members)).toEqual(rolls);
  });
});
