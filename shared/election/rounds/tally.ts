import {
  type FollowUpRound,
  followUpRound,
  type Rules,
  type Tally,
  tallyElection,
  tallyEvaluation,
  tallyRecall,
  tallyRecommendation,
} from '../../rules/index.ts';
import type { StoredBallot } from '../../store/ballots.ts';
import type { ElectionResult, RoundAttendance, RoundRecord } from '../../store/records.ts';

/**
 * Closing a round, as pure functions: the tally by round kind (the rules engine decides), and
 * the round that follows it. No I/O: the caller reads the ballots and stores the result.
 */

export type TalliedRound = Pick<
  RoundRecord,
  'kind' | 'candidates' | 'seats' | 'places' | 'revotesSoFar' | 'amongTied'
>;

/** Where a round stands: its chain (the rounds it follows) and the offices already filled. */
export type RoundPlace = Partial<Pick<RoundRecord, 'follows' | 'office' | 'stage'>>;

/** Everyone a settled round put through: its tally's, and those the organizers selected. */
export const electedIn = (round: Pick<RoundRecord, 'status' | 'tally' | 'decision'>): string[] =>
  round.status === 'closed'
    ? [...new Set([...(round.tally?.elected ?? []), ...(round.decision?.memberIds ?? [])])]
    : [];

/**
 * Who already holds a seat when `round` is counted (SPEC §2.9): whom the earlier rounds of its
 * chain elected (the rounds it follows, back to the first), and whoever the election's result
 * has in another office — in any office for a by-election, whose office others still hold. A
 * write-in of them cannot take a seat.
 */
export const alreadyElected = (
  round: RoundPlace,
  rounds: readonly RoundRecord[],
  result?: ElectionResult,
): string[] => {
  const byId = new Map(rounds.map((r) => [r.id, r]));
  const chain: RoundRecord[] = [];
  for (let id = round.follows; id !== undefined; ) {
    const earlier = byId.get(id);
    if (!earlier || chain.includes(earlier)) break;
    chain.unshift(earlier);
    id = earlier.follows;
  }
  const everyOffice = round.stage === 'by-election';
  const holders = [
    ...(result?.secretary && (everyOffice || round.office !== 'secretary')
      ? [result.secretary]
      : []),
    ...(everyOffice || round.office !== 'deputy' ? (result?.deputies ?? []) : []),
    ...(everyOffice || round.office !== 'member' ? (result?.members ?? []) : []),
  ];
  return [...new Set([...chain.flatMap(electedIn), ...holders])];
};

/** A stored ballot as the tallies take it: the serial with the content entered. */
const asBallot = ({ serial, content }: StoredBallot) => ({ ...content, serial });

/**
 * Who may be written in, as judged when the ballots were entered: the write-ins of the ballots
 * stored valid. The tally then counts exactly the ballots the tellers were told were valid.
 */
const writeInsJudgedEligible = (ballots: readonly StoredBallot[]): Set<string> =>
  new Set(
    ballots
      .filter((ballot) => ballot.valid)
      .flatMap((ballot) => (ballot.content.writeIns as string[] | undefined) ?? []),
  );

const constituenciesOf = (attendance: RoundAttendance) =>
  (attendance.constituencies ?? []).map(({ id, expected, present, ballotsIssued }) => ({
    id,
    expected,
    present,
    ballotsIssued,
  }));

/**
 * The tally of a round from its attendance and every ballot returned (valid or not). An
 * election's tally is told who already holds a seat (`alreadyElected`), from the election's
 * rounds and result.
 */
export const tallyRound = (
  round: TalliedRound & RoundPlace,
  attendance: RoundAttendance,
  stored: readonly StoredBallot[],
  rules: Rules,
  election: { rounds: readonly RoundRecord[]; result?: ElectionResult } = { rounds: [] },
): Tally => {
  // Typed loosely here: each tally parses the ballots with its kind's schema.
  const ballots = stored.map(asBallot) as never[];
  const headcount = {
    expected: attendance.expected ?? 0,
    present: attendance.present,
    issued: attendance.ballotsIssued,
  };
  switch (round.kind) {
    case 'recommendation':
      return tallyRecommendation(rules, {
        candidates: round.candidates,
        seats: round.seats,
        places: round.places ?? round.seats,
        attendance: { constituencies: constituenciesOf(attendance) },
        ballots,
        revotesSoFar: round.revotesSoFar,
      });
    case 'evaluation':
      return tallyEvaluation(rules, {
        candidates: round.candidates,
        attendance: { constituencies: constituenciesOf(attendance) as never },
        ballots,
      });
    case 'election':
      return tallyElection({
        round: {
          candidates: round.candidates,
          seats: round.seats,
          ...(round.amongTied ? { amongTied: true } : {}),
        },
        attendance: headcount,
        ballots,
        rules,
        revotesSoFar: round.revotesSoFar,
        eligibleWriteIns: writeInsJudgedEligible(stored),
        alreadyElected: alreadyElected(round, election.rounds, election.result),
      });
    case 'recall':
      return tallyRecall({
        round: { candidates: round.candidates as [string], seats: 1 },
        attendance: headcount,
        ballots,
        rules,
      });
  }
};

/** The round's status once tallied. */
export const closedStatus = (tally: Tally): Exclude<RoundRecord['status'], 'open'> =>
  tally.status === 'valid' ? 'closed' : tally.status;

/** What a new round of the same stage needs beyond kind, office and stage. */
export interface RoundPlan {
  candidates: string[];
  seats: number;
  places?: number;
  revotesSoFar: number;
  /** An election's re-vote among the tied (no write-ins). */
  amongTied?: boolean;
}

/**
 * The places a round fills, as `followUpRound` and `applyDecision` count them: the seats of an
 * election, how many go on from a recommendation (its `places`).
 */
export const placesOf = (round: Pick<RoundRecord, 'kind' | 'seats' | 'places'>): number =>
  round.kind === 'recommendation' ? (round.places ?? round.seats) : round.seats;

/**
 * A follow-up round in the terms of a round: a recommendation's ballots still name at most the
 * round's seats, never more than the places left; an election after a tie is among the tied.
 */
export const planOf = (
  round: Pick<RoundRecord, 'kind' | 'seats'>,
  next: FollowUpRound,
  revotesSoFar: number,
  tally?: Pick<Tally, 'tied'>,
): RoundPlan =>
  round.kind === 'recommendation'
    ? {
        candidates: next.candidates,
        seats: Math.min(round.seats, next.seats),
        places: next.seats,
        revotesSoFar,
      }
    : {
        candidates: next.candidates,
        seats: next.seats,
        revotesSoFar,
        ...((tally?.tied?.length ?? 0) > 0 ? { amongTied: true } : {}),
      };

/** The same round held again after a void count or a missing quorum: nothing changes. */
const heldAgain = ({ candidates, seats, places, revotesSoFar, amongTied }: TalliedRound) => ({
  candidates,
  seats,
  ...(places === undefined ? {} : { places }),
  revotesSoFar,
  ...(amongTied ? { amongTied } : {}),
});

/**
 * The round that opens by itself after a tally that says `revote` (SPEC §9): void / no-quorum
 * ⇒ the same round again, re-vote count unchanged; a tie ⇒ the tied for the places left; a
 * shortfall ⇒ those not elected for the seats left — each one more re-vote. Null otherwise.
 */
export const revoteAfter = (round: TalliedRound, tally: Tally): RoundPlan | null => {
  if (tally.next !== 'revote') return null;
  const next = followUpRound({ candidates: round.candidates, seats: placesOf(round) }, tally);
  if (!next) return null;
  if (tally.status !== 'valid') return heldAgain(round);
  return planOf(round, next, round.revotesSoFar + 1, tally);
};

/**
 * The round that votes again after `round`, when none was opened with its close or decision:
 * as `revoteAfter` would have it — also after the organizers ordered a re-vote.
 */
export const followUpPlan = (round: RoundRecord): RoundPlan => {
  const tally = round.tally;
  if (round.status !== 'closed' || !tally) return heldAgain(round);
  const places = placesOf(round);
  const next = followUpRound({ candidates: round.candidates, seats: places }, tally) ?? {
    candidates: round.candidates.filter((id) => !tally.elected.includes(id)),
    seats: places - tally.elected.length,
  };
  return planOf(round, next, round.revotesSoFar + 1, tally);
};
