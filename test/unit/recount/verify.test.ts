// Proves the recount verifier (shared/recount/verify.ts) on a file built as the server builds
// one: an untouched file is `match`; a changed, removed or added ballot, a tampered round-closed
// entry, a broken link, a stated count that is not the ballots', a head the chain does not reach
// and a malformed file are each reported by name.
import { describe, expect, it } from 'vitest';
import { verifyRecount, verifyRecountText } from '../../../shared/recount/verify.ts';
import type { StoredBallot } from '../../../shared/store/ballots.ts';
import { builtFile, round } from './built-file.ts';

const differencesOf = async (file: unknown, options = {}) => {
  const verdict = await verifyRecount(file, options);
  return verdict.outcome === 'differs' ? verdict.differences : verdict;
};

describe('verifyRecount', () => {
  it('answers match for the file as built, also anchored at the printed head', async () => {
    const file = builtFile();
    const head = file.audit.entries.at(-1)?.hash;
    expect(await verifyRecount(file)).toEqual({
      outcome: 'match',
      roundId: round.id,
      checked: 28,
    });
    expect((await verifyRecount(file, { head })).outcome).toBe('match');
  });

  it('names a changed ballot, and the count that no longer follows from the ballots', async () => {
    const file = builtFile();
    (file.ballots[1] as StoredBallot).content = { marks: { m1: 'against', m2: 'for' } };
    expect(await differencesOf(file)).toEqual([
      'ballot 0002 changed',
      'counts of m1: file 17, recomputed 16',
      'counts of m2: file 11, recomputed 12',
    ]);
  });

  it('names a removed ballot and an added one', async () => {
    const file = builtFile();
    file.ballots.splice(16, 1);
    expect(await differencesOf(file)).toEqual(
      expect.arrayContaining([
        'ballot 0017 removed',
        'ballots: file 27, sealed 28',
        'counts of m1: file 17, recomputed 16',
      ]),
    );
    const more = builtFile();
    more.ballots.push({ serial: '0099', content: { marks: { m1: 'for' } }, valid: true });
    expect(await differencesOf(more)).toEqual(
      expect.arrayContaining(['ballot 0099 added', 'ballots: file 29, sealed 28']),
    );
  });

  it('names a tampered round-closed entry, and the tally that no longer matches its seal', async () => {
    const file = builtFile();
    const closed = file.audit.entries[4] as { data: { tally: { counts: Record<string, number> } } };
    closed.data.tally.counts.m1 = 12;
    expect(await differencesOf(file)).toEqual([
      'audit entry 5 (round-closed) does not match its hash',
      'counts of m1: file 17, sealed 12',
    ]);
  });

  it('names a broken link, and a head the chain does not reach', async () => {
    const file = builtFile();
    (file.audit.entries[2] as { prevHash: string }).prevHash = 'a'.repeat(64);
    expect(await differencesOf(file)).toEqual([
      "audit entry 3 does not follow entry 2 (its prevHash is not that entry's hash)",
      'audit entry 3 (round-opened) does not match its hash',
    ]);
    expect(await differencesOf(builtFile(), { head: 'b'.repeat(64) })).toEqual([
      expect.stringMatching(/^the chain does not reach head b{64}/),
    ]);
  });

  it('names a stated tally or attendance that differs from what the audit recorded', async () => {
    const file = builtFile();
    file.tally.counts.m2 = 12;
    file.attendance.present = 29;
    expect(await differencesOf(file)).toEqual([
      'attendance present: file 29, audit entry 4 (round-attendance) 28',
      'counts of m2: file 12, sealed 11',
      'counts of m2: file 12, recomputed 11',
    ]);
  });

  it('refuses a malformed file, naming the field', async () => {
    const file = builtFile() as unknown as Record<string, unknown>;
    (file.ballots as { valid: unknown }[])[3] = { ...(file.ballots as object[])[3], valid: 'yes' };
    delete file.tally;
    const verdict = await verifyRecount(file);
    expect(verdict.outcome).toBe('bad-file');
    const problems = verdict.outcome === 'bad-file' ? verdict.problems : [];
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ballots\.3\.valid: /),
        expect.stringMatching(/^tally: /),
      ]),
    );
    expect(await verifyRecountText('{"format":')).toEqual({
      outcome: 'bad-file',
      problems: [expect.stringMatching(/^not JSON: /)],
    });
  });
});
