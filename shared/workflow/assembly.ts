import { followUpRound, type Office, type RoundKind } from '../rules/index.ts';
import type { RoundRecord } from '../store/records.ts';
import type { StageContext } from './context.ts';

/**
 * An assembly stage votes in chains of rounds, one chain per office: a first round, then the
 * re-votes a tie, a shortfall, a void count or a missing quorum call for, or the organizers'
 * decision. The chain is done when its last round needs nothing more; those who went on are
 * everyone any of its rounds (or a decision) put through.
 */

export interface ChainSpec {
  office: Office;
  kind: RoundKind;
  candidates: string[];
  /** Names a ballot may mark (recommendation) or seats to fill (election). */
  seats: number;
  /** How many go on (recommendation), when it differs from seats. */
  places?: number;
}

export type ChainState =
  | { state: 'not-started' }
  | { state: 'voting'; round: RoundRecord }
  | { state: 'decision'; round: RoundRecord }
  | { state: 'needs-follow-up'; round: RoundRecord }
  | { state: 'done'; elected: string[] };

const decidedMembers = (round: RoundRecord): string[] =>
  (round.decision as { memberIds?: string[] } | undefined)?.memberIds ?? [];

export const chainState = (rounds: readonly RoundRecord[]): ChainState => {
  const latest = rounds.at(-1);
  if (!latest) return { state: 'not-started' };
  if (latest.status === 'open') return { state: 'voting', round: latest };
  const next = latest.tally?.next;
  if (next === 'organizer-decision') {
    if (!latest.decision) return { state: 'decision', round: latest };
    if (latest.decision.choice === 'revote') return { state: 'needs-follow-up', round: latest };
  }
  if (next === 'revote') return { state: 'needs-follow-up', round: latest };
  const elected = new Set<string>();
  for (const round of rounds) {
    if (round.status !== 'closed') continue;
    for (const id of round.tally?.elected ?? []) elected.add(id);
    for (const id of decidedMembers(round)) elected.add(id);
  }
  return { state: 'done', elected: [...elected] };
};

/** The round a re-vote opens: the same one again after a void count, else among those left. */
export const followUpSpec = (
  round: RoundRecord,
): Omit<ChainSpec, 'office' | 'kind'> & { revotesSoFar: number } => {
  const tally = round.tally;
  const uncounted = round.status === 'void' || round.status === 'no-quorum' || !tally;
  if (uncounted) {
    return {
      candidates: round.candidates,
      seats: round.seats,
      places: round.places,
      revotesSoFar: round.revotesSoFar,
    };
  }
  const places = round.places ?? round.seats;
  const next = followUpRound({ candidates: round.candidates, seats: places }, tally) ?? {
    candidates: round.candidates.filter((id) => !tally.elected.includes(id)),
    seats: places - tally.elected.length,
  };
  return round.kind === 'recommendation'
    ? {
        candidates: next.candidates,
        seats: Math.min(round.seats, next.seats),
        places: next.seats,
        revotesSoFar: round.revotesSoFar + 1,
      }
    : { candidates: next.candidates, seats: next.seats, revotesSoFar: round.revotesSoFar + 1 };
};

/** The rounds of one office's chain in this stage. */
export const chainRounds = async (ctx: StageContext, office: Office) =>
  (await ctx.rounds()).filter((round) => round.office === office);
