import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { verdictLines, verifyRecount } from '../../shared/recount/verify.ts';
import type { Api } from './client.ts';
import type { ElectionView } from './views.ts';

/**
 * The recount step every scenario ends with (issue 15): each closed round's public recount file
 * fetched as anyone would (no token) and counted again — the first through the shipped command
 * (`npx gongtui-zhixuan-recount FILE`, a process of its own), the others in this process with
 * the same verifier. Answers each round's verdict lines: `['match']` when it reproduces.
 */

export interface Recount {
  roundId: string;
  via: 'command' | 'in-process';
  lines: string[];
}

const run = promisify(execFile);

/** The command as a person runs it in the repository; its exit code is part of the verdict. */
const byCommand = async (path: string): Promise<string[]> => {
  try {
    const { stdout } = await run('npx', ['--no', 'gongtui-zhixuan-recount', path]);
    return stdout.trim().split('\n');
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: number; stdout?: string; stderr?: string };
    return [`exit ${code}`, ...`${stdout ?? ''}${stderr ?? ''}`.trim().split('\n')];
  }
};

export const recountClosedRounds = async (
  api: Api,
  election: Pick<ElectionView, 'id' | 'rounds'>,
): Promise<Recount[]> => {
  const closed = election.rounds.filter((round) => round.status !== 'open');
  const dir = mkdtempSync(join(tmpdir(), 'zx-recount-'));
  try {
    const recounts: Recount[] = [];
    for (const [index, { id }] of closed.entries()) {
      const file = await api.call('GET', `/public/elections/${election.id}/rounds/${id}/recount`);
      if (index === 0) {
        const path = join(dir, `${id}.json`);
        writeFileSync(path, JSON.stringify(file));
        recounts.push({ roundId: id, via: 'command', lines: await byCommand(path) });
      } else {
        const lines = verdictLines(await verifyRecount(file));
        recounts.push({ roundId: id, via: 'in-process', lines });
      }
    }
    return recounts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** One line a round, as the demo prints them: `recount <roundId>: match`. */
export const recountLines = (recounts: readonly Recount[]): string[] =>
  recounts.map(({ roundId, lines }) => `recount ${roundId}: ${lines.join('; ')}`);

/** The recount step's lines for an election, and what they must be: every closed round `match`. */
export const recountEveryRound = async (api: Api, final: Pick<ElectionView, 'id' | 'rounds'>) => {
  const recounts = await recountClosedRounds(api, final);
  const closed = final.rounds.filter((round) => round.status !== 'open');
  return {
    lines: recountLines(recounts),
    expected: closed.map((round) => `recount ${round.id}: match`),
    vias: recounts.map((recount) => recount.via),
  };
};
