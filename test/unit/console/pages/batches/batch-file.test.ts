// Proves the console's side of the batch file (批量选举文件): the template it offers is read by
// the server's own parser without a problem — its header found, its two rows one organization of
// two members — and the check run before an upload stops what the server would refuse at its
// first line: a workbook, a file not in UTF-8 (Excel's plain “CSV” on a Chinese Windows), a
// required column missing; a good file passes.
import { describe, expect, it } from 'vitest';
import { checkBatchFileHead } from '../../../../../console/src/pages/batches/batch-file-head.ts';
import { batchFileTemplate } from '../../../../../console/src/pages/batches/batch-file-template.ts';
import { csvRows } from '../../../../../console/src/pages/batches/org-id-file.ts';
import {
  NOT_UTF8,
  OrgBlocks,
  readBatchFileHeader,
} from '../../../../../shared/election/batches/batch-file.ts';

describe('the batch file template', () => {
  it('is UTF-8 with a BOM, and imports as one organization of two members', () => {
    const text = batchFileTemplate();
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header = [], ...rows] = csvRows(text).filter((row) => row.some((cell) => cell !== ''));
    const read = readBatchFileHeader(header);
    expect(read.problems).toEqual([]);
    if (!read.header) throw new Error('no header');
    const blocks = new OrgBlocks(read.header);
    const answers = [...rows.map((cells, i) => blocks.row(i + 2, cells)), blocks.end()];
    const found = answers.flatMap((a) => (a ? [a] : []));
    expect(found.flatMap((a) => a.problems)).toEqual([]);
    expect(found.map((a) => a.block?.members.length)).toEqual([2]);
    expect(found[0]?.block?.organization).toMatchObject({ id: 'xinjie-01', level: 'branch' });
  });
});

describe('the check before an upload', () => {
  const file = (parts: BlobPart[]) => new Blob(parts);

  it('passes the template', async () => {
    expect(await checkBatchFileHead(file([batchFileTemplate()]))).toEqual([]);
  });

  it('stops a file not in UTF-8 at its header', async () => {
    // 组织编号 in GBK.
    const gbk = new Uint8Array([0xd7, 0xe9, 0xd6, 0xaf, 0xb1, 0xe0, 0xba, 0xc5, 0x0d, 0x0a]);
    expect(await checkBatchFileHead(file([gbk]))).toEqual([
      { row: 1, column: '', message: NOT_UTF8 },
    ]);
  });

  it('stops a workbook', async () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    const [problem] = await checkBatchFileHead(file([xlsx]));
    expect(problem?.message).toMatch(/Excel 工作簿/);
  });

  it('names a required column that is missing', async () => {
    const text =
      '组织编号,组织名称,上级党组织,上级邮箱,姓名,学历,组织关系\r\nx,x,x,a@b.cn,王芳,本科,是\r\n';
    expect(await checkBatchFileHead(file([text]))).toEqual([
      { row: 1, column: '出生日期', message: '缺少必填列“出生日期”' },
    ]);
  });
});
