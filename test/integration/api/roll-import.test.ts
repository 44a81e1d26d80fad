// Proves PUT /v1/organizations/{orgId}/roll from a spreadsheet and the template download: an
// .xlsx (the template itself, filled) and a CSV (UTF-8 with BOM, and GBK) are stored as members;
// a sheet with bad rows stores nothing and answers 422 with every bad row {row, column,
// message}; dropInvalid=true stores the valid rows and names the dropped ones; JSON still works.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from '../../../shared/sheets/read.ts';
import { getOrganization, getRoll } from '../../../shared/store/organizations.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { freshTable } from '../../support/fresh-table.ts';
import { organizer, roll, seedOrganizations } from './core-fixtures.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let api: TestApi;
let token: string;

const put = (orgId: string, bytes: Uint8Array, type: string, query = '') =>
  fetch(`${api.url}/v1/organizations/${orgId}/roll${query}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: new Blob([bytes.slice()]),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

const xlsxOf = async (rows: (string | number | Date)[][]): Promise<Uint8Array> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
};

const HEAD = ['姓名', '出生日期', '学历', '组织关系', '转正时间', '邮箱'];

beforeAll(async () => {
  await freshTable();
  api = await startTestApi();
  token = await organizer();
  await seedOrganizations(api, ['org-x', 'org-c', 'org-bad', 'org-gbk'], { withRoll: false });
}, 60_000);
afterAll(() => api?.stop());

describe('GET /v1/organizations/roll-template', () => {
  it('answers the template .xlsx, which reads back with the headers and the example row', async () => {
    const answer = await fetch(`${api.url}/v1/organizations/roll-template`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(XLSX);
    expect(answer.headers.get('content-disposition')).toContain('filename*=UTF-8');
    const rows = await readSheet(await answer.arrayBuffer());
    expect(rows[0]).toContain('姓名');
    expect(rows[1]).toContain('王芳');
    // The filled template itself imports.
    const stored = await put(
      'org-x',
      new Uint8Array(
        await (
          await fetch(`${api.url}/v1/organizations/roll-template`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).arrayBuffer(),
      ),
      XLSX,
    );
    expect(stored).toEqual({ status: 200, body: { count: 1 } });
  });
});

describe('PUT /v1/organizations/{orgId}/roll with a file', () => {
  it('stores an .xlsx with Excel dates and a UTF-8 CSV with a BOM as members', async () => {
    const xlsx = await xlsxOf([
      ['备注', ...HEAD],
      ['', '王芳', new Date(Date.UTC(1980, 4, 12)), '本科', '是', '2006-07-01', 'wf@example.org'],
      ['', '李强', '1975年3月4日', '高中', '外地', '', ''],
    ]);
    const answer = await put('org-x', xlsx, XLSX);
    expect(answer).toEqual({ status: 200, body: { count: 2 } });
    const members = await getRoll('org-x');
    expect(members.map((m) => [m.id, m.birthDate, m.status])).toEqual([
      ['李强-19750304', '1975-03-04', 'probationary'],
      ['王芳-19800512', '1980-05-12', 'full'],
    ]);
    const csv = `\uFEFF${HEAD.join(',')},籍贯\r\n"赵,敏",1988/8/8,硕士,本社区,2010.01.01,,江苏\r\n`;
    const fromCsv = await put('org-c', new TextEncoder().encode(csv), 'text/csv');
    expect(fromCsv).toEqual({ status: 200, body: { count: 1, ignoredColumns: ['籍贯'] } });
    expect((await getRoll('org-c'))[0]).toMatchObject({ name: '赵,敏', education: 'master' });
  });

  it('reads a GBK CSV sent as bytes', async () => {
    // "姓名,出生日期,学历,组织关系\n王芳,1980-05-12,本科,是" in GBK.
    const gbk = Buffer.from(
      'd0d5c3fb2cb3f6c9fac8d5c6da2cd1a7c0fa2cd7e9d6afb9d8cfb50acdf5b7bc2c313938302d30352d31322cb1bebfc62ccac70a',
      'hex',
    );
    const answer = await put('org-gbk', new Uint8Array(gbk), 'application/octet-stream');
    expect(answer).toEqual({ status: 200, body: { count: 1 } });
    expect((await getRoll('org-gbk'))[0]?.name).toBe('王芳');
  });

  it('stores nothing while a row is bad: 422 lists every bad row; dropInvalid stores the rest', async () => {
    const xlsx = await xlsxOf([
      HEAD,
      ['王芳', '1980-05-12', '本科', '是', '', ''],
      ['李强', '1980-02-30', '大学', '是', '', ''],
      ['赵敏', '1990-01-01', '博士', '火星', '', 'nope'],
    ]);
    const refused = await put('org-bad', xlsx, XLSX);
    expect(refused.status).toBe(422);
    const error = refused.body.error as { code: string; details: unknown[] };
    expect(error.code).toBe('invalid-roll-rows');
    expect(error.details).toEqual([
      { row: 3, column: '出生日期', message: expect.stringContaining('不是有效日期') },
      { row: 3, column: '学历', message: expect.stringContaining('大学') },
      { row: 4, column: '组织关系', message: expect.stringContaining('火星') },
    ]);
    expect((await getOrganization('org-bad'))?.rollVersion).toBe(0);

    const dropped = await put('org-bad', xlsx, XLSX, '?dropInvalid=true');
    expect(dropped).toEqual({ status: 200, body: { count: 1, dropped: [3, 4] } });
    expect((await getRoll('org-bad')).map((m) => m.name)).toEqual(['王芳']);
  });

  it('names a missing required column with 422, and still takes the JSON body', async () => {
    const sheet = await xlsxOf([
      ['姓名', '学历'],
      ['王芳', '本科'],
    ]);
    const refused = await put('org-bad', sheet, XLSX);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('出生日期');
    const json = await api.call('PUT', '/v1/organizations/org-bad/roll', {
      token,
      body: { members: roll(3) },
    });
    expect(json).toMatchObject({ status: 200, body: { count: 3 } });
  });
});
