import type ExcelJS from 'exceljs';
import type { Cell } from '../rules/roll-sheet.ts';

/**
 * Spreadsheet bytes → rows of cells (`rows[i]` is row i + 1; an empty row is `[]`): .xlsx
 * through exceljs (its first worksheet), CSV by our own RFC 4180 reader (exceljs reads CSV only
 * from Node streams). CSV text is UTF-8, with or without a BOM, or else GBK/GB18030 (what
 * Chinese Excel saves as "CSV"): bytes that are not valid UTF-8 are decoded as GB18030.
 * Runs in Node and in the browser (the console's preview): bytes in, no node:* imports.
 */

/**
 * exceljs is loaded when a workbook is read or written, not with the module: a Lambda's cold
 * start (and a CSV import) does not pay for initializing ~1 MB of it, and the console's bundler
 * puts it in a chunk of its own, off the first screen.
 */
export const loadExcelJs = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/** What a spreadsheet request may carry. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SHEET_TYPES = [XLSX_TYPE, 'text/csv', 'application/octet-stream'] as const;

const asBytes = (data: Uint8Array | ArrayBuffer): Uint8Array =>
  data instanceof Uint8Array ? data : new Uint8Array(data);

/** A zip (every .xlsx) starts with `PK\x03\x04`. */
export const isXlsx = (bytes: Uint8Array): boolean =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

export const readSheet = async (data: Uint8Array | ArrayBuffer): Promise<Cell[][]> => {
  const bytes = asBytes(data);
  return isXlsx(bytes) ? readXlsx(bytes) : parseCsv(decodeText(bytes));
};

/** UTF-8 (a BOM dropped), else GB18030, the superset of GBK. */
export const decodeText = (bytes: Uint8Array): string => {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
};

/** One cell's value as the roll reads it: rich text joined, a formula's result, a link's text. */
const cellValue = (value: ExcelJS.CellValue): Cell => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellValue(value.text);
  return null;
};

const readXlsx = async (bytes: Uint8Array): Promise<Cell[][]> => {
  const workbook = new (await loadExcelJs()).Workbook();
  // exceljs's typing asks for a Node Buffer; its zip reader takes any Uint8Array.
  await workbook.xlsx.load(bytes as never);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    // `values` is 1-based (index 0 empty), sparse where cells are empty.
    const values = row.values as ExcelJS.CellValue[];
    rows[number - 1] = Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) =>
      cellValue(values[i + 1]),
    );
  });
  return Array.from({ length: rows.length }, (_, i) => rows[i] ?? []);
};

/**
 * RFC 4180: fields separated by commas (or tabs, when the first line has tabs and no comma),
 * quoted fields with `""` for a quote and line breaks inside, CRLF or LF between records.
 */
export const parseCsv = (text: string): Cell[][] => {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: Cell[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row.every((f) => f === '') ? [] : row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row.every((f) => f === '') ? [] : row);
  }
  return rows;
};
