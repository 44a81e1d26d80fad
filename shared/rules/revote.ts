import type { RoundKind } from './ballots-schema.ts';
import { type FollowUpRound, followUpRound } from './election-tally.ts';
import type { Tally } from './tally.ts';

/**
 * The one re-vote planner (SPEC §9, §2.9; 第四篇: 对这部分人重新投票推荐): whether a round votes
 * again after a round — its tally says `revote`, or the organizers it waited for ordered one —
 * and among whom, for how many places.
 */

/** A round as the planner reads it (a stored round may be passed whole). */
export interface RevoteRound {
  kind: RoundKind;
  candidates: readonly string[];
  /** Seats to fill; on a recommendation ballot, the most names it may carry. */
  seats: number;
  /** Recommendation: how many go on, when it differs from seats. */
  places?: number;
  revotesSoFar: number;
  /** An election's re-vote among the tied (no write-ins). */
  amongTied?: boolean;
  /** The organizers' decision on the round, once recorded. */
  decision?: { choice: string };
}

/** What a new round of the same stage needs beyond kind, office and stage. */
export interface RevotePlan {
  candidates: string[];
  seats: number;
  places?: number;
  revotesSoFar: number;
  /** An election's re-vote among the tied (no write-ins). */
  amongTied?: boolean;
}

export type RevoteTally = Pick<Tally, 'status' | 'elected' | 'tied' | 'shortfall' | 'next'>;

/**
 * The places a round fills, as `followUpRound` and `applyDecision` count them: the seats of an
 * election, how many go on from a recommendation (its `places`).
 */
export const placesOf = (round: Pick<RevoteRound, 'kind' | 'seats' | 'places'>): number =>
  round.kind === 'recommendation' ? (round.places ?? round.seats) : round.seats;

/** The same round held again after a void count or a missing quorum: nothing changes. */
const heldAgain = ({
  candidates,
  seats,
  places,
  revotesSoFar,
  amongTied,
}: RevoteRound): RevotePlan => ({
  candidates: [...candidates],
  seats,
  ...(places === undefined ? {} : { places }),
  revotesSoFar,
  ...(amongTied ? { amongTied } : {}),
});

/**
 * A follow-up in the terms of the round, one more re-vote: a recommendation's ballots still name
 * at most the round's seats, never more than the places left; an election after a tie is among
 * the tied.
 */
const inTermsOf = (
  round: RevoteRound,
  next: FollowUpRound,
  tally: Pick<Tally, 'tied'> | undefined,
): RevotePlan =>
  round.kind === 'recommendation'
    ? {
        candidates: next.candidates,
        seats: Math.min(round.seats, next.seats),
        places: next.seats,
        revotesSoFar: round.revotesSoFar + 1,
      }
    : {
        candidates: next.candidates,
        seats: next.seats,
        revotesSoFar: round.revotesSoFar + 1,
        ...((tally?.tied?.length ?? 0) > 0 ? { amongTied: true } : {}),
      };

/**
 * The round that votes again after `round` counted as `tally`, or null when none is due:
 * - `decided` given (the organizers' decision: a re-vote, or reduced seats still open): among
 *   whom and for how many places it says;
 * - else one is due when the tally says `revote`, or it waited for the organizers and they
 *   ordered a re-vote: no count (void, no quorum) ⇒ the same round again, the re-vote count
 *   unchanged; a tie ⇒ the tied for the places left; a shortfall ⇒ those not elected for the
 *   seats missing (另行选举) — each one more re-vote.
 */
export const planRevote = (
  round: RevoteRound,
  tally: RevoteTally | undefined,
  decided?: FollowUpRound,
): RevotePlan | null => {
  if (decided) return inTermsOf(round, decided, tally);
  const ordered = tally?.next === 'organizer-decision' && round.decision?.choice === 'revote';
  if (!tally || (tally.next !== 'revote' && !ordered)) return null;
  if (tally.status !== 'valid') return heldAgain(round);
  const next = followUpRound({ candidates: round.candidates, seats: placesOf(round) }, tally);
  return next ? inTermsOf(round, next, tally) : null;
};
