// Proves the recount verifier (shared/recount/verify.ts) on a file built as the server builds
// one: an untouched file is `match`; a changed, removed or added ballot, a tampered round-closed
// entry, a broken link, a stated count that is not the ballots', a head the chain does not reach
// and a malformed file are each reported by name.
import { describe, expect, it } from 'vitest';
import { tallyRound } from '../../../shared/election/rounds/tally.ts';
import type { RecountFile } from '../../../shared/recount/format.ts';
import { verifyRecount, verifyRecountText } from '../../../shared/recount/verify.ts';
import { PRESETS } from '../../../shared/rules/index.ts';
import {
  type AuditEntry,
  digestOf,
  fingerprintOf,
  GENESIS_HASH,
  sealEntry,
} from '../../../shared/store/audit-chain.ts';
import type { StoredBallot } from '../../../shared/store/ballots.ts';
import type { RoundAttendance } from '../../../shared/store/records.ts';

const round = {
  id: 'secretary-election-1',
  kind: 'election' as const,
  office: 'secretary' as const,
  stage: 'secretary-election' as const,
  number: 1,
  candidates: ['m1', 'm2'],
  seats: 1,
  revotesSoFar: 0,
};
const attendance: RoundAttendance = {
  expected: 30,
  present: 28,
  ballotsIssued: 28,
  staff: { announcer: 'm7', scrutineer: 'm8', counter: 'm9' },
  recordedBy: 'teller',
  at: '2026-06-01T09:00:00.000Z',
};
/** 28 ballots 0001…0028: m1 for on the first 17, m2 for on the rest. */
const BALLOTS: StoredBallot[] = Array.from({ length: 28 }, (_, n) => ({
  serial: String(n + 1).padStart(4, '0'),
  content: {
    marks: n < 17 ? { m1: 'for', m2: 'against' } : { m1: 'against', m2: 'for' },
  },
  valid: true,
}));

const chain = (steps: { action: string; data: unknown }[]): AuditEntry[] => {
  const entries: AuditEntry[] = [];
  for (const [index, { action, data }] of steps.entries()) {
    entries.push(
      sealEntry({
        seq: index + 1,
        at: `2026-06-01T09:00:0${index}.000Z`,
        actor: 'organizer',
        action,
        data,
        prevHash: entries.at(-1)?.hash ?? GENESIS_HASH,
      }),
    );
  }
  return entries;
};

/** A file as GET …/recount answers it, its chain sealed by the store's own functions. */
const builtFile = (): RecountFile => {
  const rules = PRESETS.community;
  const tally = tallyRound(round, attendance, BALLOTS, rules, { rounds: [], alreadyElected: [] });
  const entries = chain([
    { action: 'election-created', data: { preset: 'community', rules } },
    { action: 'objection-filed', data: { text: 'not public' } },
    { action: 'round-opened', data: { roundId: round.id, ...round, id: undefined } },
    { action: 'round-attendance', data: { roundId: round.id, attendance } },
    {
      action: 'round-closed',
      data: {
        roundId: round.id,
        status: 'closed',
        tally,
        ballots: {
          count: BALLOTS.length,
          digest: digestOf(BALLOTS),
          fingerprints: Object.fromEntries(BALLOTS.map((b) => [b.serial, fingerprintOf(b)])),
        },
        alreadyElected: [],
      },
    },
    { action: 'approval-requested', data: {} },
  ]);
  const published = entries.map(({ seq, hash, prevHash, ...entry }) =>
    ['objection-filed', 'approval-requested'].includes(entry.action)
      ? { seq, hash, prevHash }
      : { seq, hash, prevHash, ...entry },
  );
  // Through JSON, as a downloaded file is.
  return JSON.parse(
    JSON.stringify({
      format: 'zx-recount/1',
      election: { id: 'e1', organization: '新光社区党支部', preset: 'community' },
      rules,
      round: { ...round, status: 'closed' },
      alreadyElected: [],
      attendance,
      ballots: BALLOTS,
      tally,
      audit: { entries: published },
    }),
  );
};

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
