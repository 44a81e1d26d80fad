/**
 * The organization ids of a batch from a file organizers keep: CSV or Excel (.xlsx), one
 * organization a row. The column is the one headed 编号 / 党组织编号 / 组织编号 / orgId / id,
 * else the first; blank rows are skipped and each id is kept once.
 */

const HEADERS = ['编号', '党组织编号', '组织编号', 'orgid', 'id', 'org id'];

const idsOf = (rows: string[][]): string[] => {
  const header = rows[0]?.map((cell) => cell.trim().toLowerCase()) ?? [];
  const headed = header.findIndex((cell) => HEADERS.includes(cell));
  const column = Math.max(headed, 0);
  const body = headed >= 0 || HEADERS.includes(header[0] ?? '') ? rows.slice(1) : rows;
  const ids = body.map((row) => (row[column] ?? '').trim()).filter((id) => id !== '');
  return [...new Set(ids)];
};

/** CSV as spreadsheets write it: commas, quotes doubled inside quoted cells, CRLF or LF. */
export const csvRows = (text: string): string[][] =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) =>
      [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)]
        .map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"'))
        .slice(0, -1),
    );

export const readOrgIds = async (file: File): Promise<string[]> => {
  if (/\.xlsx$/i.test(file.name)) {
    // Loaded only when an organizer picks a workbook: the list page stays small.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await file.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const rows: string[][] = [];
    sheet?.eachRow((row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v))));
    });
    return idsOf(rows);
  }
  return idsOf(csvRows(await file.text()));
};
