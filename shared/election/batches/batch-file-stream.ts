import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import {
  type BatchFileHeader,
  type FileProblem,
  type OrgBlock,
  OrgBlocks,
  readBatchFileHeader,
} from './batch-file.ts';

/**
 * The batch file read as a stream (a province's is ~1.2 million rows): rows with the byte each
 * starts at, then organizations with where each starts, so a reader killed half-way resumes at
 * the organization it was writing — S3 reads from a byte (`Range`), the header kept aside.
 */

/** Where a row starts: its first byte in the file, and the number of the row before it. */
export interface FilePosition {
  byte: number;
  row: number;
}

export const FILE_START: FilePosition = { byte: 0, row: 0 };

interface CsvRow {
  row: number;
  cells: string[];
  start: FilePosition;
  /** Where the row after it starts. */
  end: FilePosition;
}

const csvRows = async function* (input: Readable, from: FilePosition): AsyncGenerator<CsvRow> {
  const parser = input.pipe(
    parse({
      bom: from.byte === 0,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      // A file edited on two systems may mix them.
      record_delimiter: ['\r\n', '\n'],
    }),
  );
  let byte = from.byte;
  let row = from.row;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { bytes: number };
  }>) {
    const start = { byte, row };
    row += 1;
    byte = from.byte + info.bytes;
    yield { row, cells: record, start, end: { byte, row } };
  }
};

/** One organization read, or what was wrong with it; `start` is where its first row starts. */
export interface BlockRead {
  block?: OrgBlock;
  problems: FileProblem[];
  start: FilePosition;
}

/**
 * The header row, and the organizations after it. From `FILE_START` the first row is the
 * header; resuming elsewhere, `header` is the one read before. `seen` spans one reading.
 */
export const readBatchFile = async function* (
  input: Readable,
  options: { from?: FilePosition; header?: string[]; seen?: Map<string, number> } = {},
): AsyncGenerator<
  | {
      kind: 'header';
      cells: string[];
      header?: BatchFileHeader;
      problems: FileProblem[];
      /** Where the data rows start. */
      end: FilePosition;
    }
  | ({ kind: 'organization' } & BlockRead)
> {
  const from = options.from ?? FILE_START;
  let blocks: OrgBlocks | undefined;
  let opened: FilePosition | undefined;
  if (options.header) {
    const read = readBatchFileHeader(options.header);
    if (!read.header) throw new Error('the stored header of a batch file no longer reads');
    blocks = new OrgBlocks(read.header, options.seen);
  }
  for await (const { row, cells, start, end } of csvRows(input, from)) {
    if (!blocks) {
      const read = readBatchFileHeader(cells);
      yield { kind: 'header', cells, ...read, end };
      if (!read.header) return;
      blocks = new OrgBlocks(read.header, options.seen);
      continue;
    }
    const closed = blocks.row(row, cells);
    if (closed && opened) yield { kind: 'organization', ...closed, start: opened };
    if (closed || !opened) opened = start;
  }
  const last = blocks?.end();
  if (last && opened) yield { kind: 'organization', ...last, start: opened };
};
