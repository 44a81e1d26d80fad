import * as z from 'zod';
import type { BallotCheck } from './ballots.ts';
import { MemberId } from './members.ts';

export const TallyStatus = z.enum(['valid', 'void', 'no-quorum']);
export type TallyStatus = z.infer<typeof TallyStatus>;

export const TallyNext = z.enum(['advance', 'revote', 'organizer-decision']);
export type TallyNext = z.infer<typeof TallyNext>;

/**
 * The outcome of closing a round (SPEC §8 `Tally`). `elected` lists those who go on
 * (recommended, passed, elected); with a tie at the cut-off, those safely above it, and `tied`
 * the tied. `void` and `no-quorum` always give `next: "revote"`.
 */
export const Tally = z.strictObject({
  status: TallyStatus,
  reason: z.string().optional(),
  issued: z.int().min(0),
  returned: z.int().min(0),
  valid: z.int().min(0),
  invalid: z.int().min(0),
  counts: z.record(MemberId, z.int().min(0)),
  rates: z.record(MemberId, z.number().min(0).max(1)).optional(),
  elected: z.array(MemberId),
  tied: z.array(MemberId).optional(),
  /** Seats still to fill by a further round (另行选举) when too few passed the threshold. */
  shortfall: z.int().min(0).optional(),
  /**
   * Write-ins (另选他人) of someone already elected — in this chain of rounds or to another
   * office of the election — that counted for nobody (SPEC §2.9); absent when there were none.
   */
  voidWriteIns: z.int().min(1).optional(),
  next: TallyNext,
});
export type Tally = z.infer<typeof Tally>;

/** The ballot totals every tally reports, whether or not the round could be counted. */
export type BallotTotals = Pick<Tally, 'issued' | 'returned' | 'valid' | 'invalid'>;

/** A round's valid ballots, and its totals: an invalid ballot is returned but counts for nobody. */
const splitBallots = <B>(
  issued: number,
  ballots: readonly B[],
  check: (ballot: B) => BallotCheck,
): { valid: B[]; totals: BallotTotals } => {
  const valid = ballots.filter((ballot) => check(ballot).valid);
  const returned = ballots.length;
  return {
    valid,
    totals: { issued, returned, valid: valid.length, invalid: returned - valid.length },
  };
};

/** The tally of a round that cannot be counted: no votes, nobody goes on, the round is held again. */
const uncountedTally = (
  status: Exclude<TallyStatus, 'valid'>,
  reason: string,
  totals: BallotTotals,
): Tally => Tally.parse({ status, reason, ...totals, counts: {}, elected: [], next: 'revote' });

/**
 * A round's ballots screened in SPEC §2.8 order, as every tally does: the valid ones set apart,
 * then void when `voidReason` gives a reason, then no-quorum when `quorumShortfall` does.
 * `uncounted` is the finished tally of a round that stops there.
 */
export const screenBallots = <B>(
  issued: number,
  ballots: readonly B[],
  checks: {
    ballot: (ballot: B) => BallotCheck;
    voidReason: (totals: BallotTotals) => string | undefined;
    quorumShortfall: (totals: BallotTotals) => string | undefined;
  },
): { valid: B[]; totals: BallotTotals; uncounted?: Tally } => {
  const { valid, totals } = splitBallots(issued, ballots, checks.ballot);
  const voidReason = checks.voidReason(totals);
  if (voidReason) return { valid, totals, uncounted: uncountedTally('void', voidReason, totals) };
  const shortfall = checks.quorumShortfall(totals);
  if (shortfall) {
    return { valid, totals, uncounted: uncountedTally('no-quorum', shortfall, totals) };
  }
  return { valid, totals };
};

/** Where a tie or shortfall goes: a re-vote while automatic ones remain, then the organizers. */
export const afterTieOrShortfall = (revotesSoFar: number, automaticRevotes: number): TallyNext =>
  revotesSoFar < automaticRevotes ? 'revote' : 'organizer-decision';
