import {
  type FileProblem,
  NOT_UTF8,
  readBatchFileHeader,
} from '../../../../shared/election/batches/batch-file.ts';
import { csvRows } from './org-id-file.ts';

/**
 * The batch file's start, checked in the browser before it is sent (a province's file takes
 * minutes to upload): a workbook or another encoding than UTF-8 — Excel's plain “CSV” is GBK on
 * a Chinese Windows — and the header row, with the server's own code. The rows themselves the
 * server checks, all of them, after the upload.
 */

/** Enough for the header row and the first members. */
const HEAD_BYTES = 64 * 1024;

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export const checkBatchFileHead = async (file: Blob): Promise<FileProblem[]> => {
  if (file.size === 0) return [{ row: 1, column: '', message: '文件是空的' }];
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  if (XLSX_MAGIC.every((byte, i) => bytes[i] === byte)) {
    return [
      {
        row: 1,
        column: '',
        message: '这是 Excel 工作簿,不是 CSV:请在 Excel 中“另存为 → CSV UTF-8(逗号分隔)”后重新选择',
      },
    ];
  }
  // `stream`: a character cut at the slice's end is held back, not read as broken.
  const text = new TextDecoder('utf-8').decode(bytes, { stream: true });
  const lineEnd = text.indexOf('\n');
  if (lineEnd < 0 && file.size > HEAD_BYTES) return [];
  const header = csvRows(lineEnd < 0 ? text : text.slice(0, lineEnd))[0] ?? [];
  const { problems } = readBatchFileHeader(header);
  if (problems.length > 0) return problems;
  const broken = text.indexOf('\uFFFD');
  if (broken >= 0) {
    const row = text.slice(0, broken).split('\n').length;
    return [{ row, column: '', message: NOT_UTF8 }];
  }
  return [];
};
