// A recount file as GET …/recount answers one, built and sealed with the store's own functions:
// what the verifier's and the command's tests start from.
import { tallyRound } from '../../../shared/election/rounds/tally.ts';
import type { RecountFile } from '../../../shared/recount/format.ts';
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

export const round = {
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
export const builtFile = (): RecountFile => {
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
