// Proves the shipped command (bin/recount.mjs, `gongtui-zhixuan-recount`): run as a process on a
// recount file it prints `match` and exits 0; a changed ballot is printed by name with exit 1; a
// file that is not a recount file, or missing arguments, exit 2 naming the problem.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../recount/built-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'zx-recount-'));
const fileWith = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const recount = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['bin/recount.mjs', ...args], { encoding: 'utf8' });
  return { status: run.status, out: run.stdout.trim(), err: run.stderr.trim() };
};

describe('gongtui-zhixuan-recount', () => {
  it('prints match and exits 0, anchored at a head or not', () => {
    const file = builtFile();
    const path = fileWith('match.json', file);
    expect(recount(path)).toEqual({ status: 0, out: 'match', err: '' });
    const head = file.audit.entries.at(-1)?.hash ?? '';
    expect(recount(path, '--head', head).status).toBe(0);
  });

  it('prints each difference and exits 1', () => {
    const file = builtFile();
    (file.ballots[41 % file.ballots.length] as { content: unknown }).content = { marks: {} };
    const { status, out } = recount(fileWith('changed.json', file));
    expect(status).toBe(1);
    expect(out.split('\n')).toContain('ballot 0014 changed');
  });

  it('exits 2 on a bad file or bad arguments', () => {
    const bad = recount(fileWith('bad.json', { format: 'zx-recount/0' }));
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('bad file: format: ');
    expect(recount().status).toBe(2);
    expect(recount(join(dir, 'none.json')).err).toMatch(/^bad file: ENOENT/);
  });
});
