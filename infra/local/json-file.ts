import { readFileSync, renameSync, writeFileSync } from 'node:fs';

let sequence = 0;

/**
 * Writes JSON so that a reader (or a restart after `kill -9`) sees either the old
 * file or the new one, never half of it: write a temp file beside it, then rename.
 */
export function writeJsonAtomic(path: string, value: unknown): void {
  const temp = `${path}.${process.pid}.${++sequence}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temp, path);
}

/** Reads a JSON file, or `undefined` when it does not exist. */
export function readJsonFile<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
