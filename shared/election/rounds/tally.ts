import {
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
 * Closing a round, as pure functions: the tally by round kind (the rules engine decides); the
 * round that follows it is the rules' `planRevote` (shared/rules/revote.ts). No I/O: the caller
 * reads the ballots and stores the result.
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
 * election's tally is told who already holds a seat: `alreadyElected` when given (as the close
 * sealed it: a recount), else from the election's rounds and result.
 */
export const tallyRound = (
  round: TalliedRound & RoundPlace,
  attendance: RoundAttendance,
  stored: readonly StoredBallot[],
  rules: Rules,
  election: {
    rounds: readonly RoundRecord[];
    result?: ElectionResult;
    alreadyElected?: readonly string[];
  } = { rounds: [] },
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
        alreadyElected: election.alreadyElected
          ? [...election.alreadyElected]
          : alreadyElected(round, election.rounds, election.result),
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
