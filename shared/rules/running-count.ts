import type { RoundKind } from './ballots-schema.ts';

/**
 * The running count of a round while its ballots are entered (唱票): each candidate's marks of
 * the round kind, from the ballots stored so far as they were judged at entry. Unlike a tally it
 * applies no quorum and elects nobody: the close's tally (tally.ts) decides; this only shows the
 * marks as they come in, and equals the tally's counts once every ballot is in.
 */

export interface BallotMarks {
  content: Record<string, unknown>;
  valid: boolean;
}

export interface CandidateCount {
  memberId: string;
  /** The number that decides in the round kind: 推荐票, 满意 (and 基本满意 where it counts), 赞成. */
  votes: number;
  /** Every mark of the kind: votes; satisfied/basically/unsatisfied; for/against/abstain. */
  marks: Record<string, number>;
}

export interface RunningCount {
  counted: number;
  valid: number;
  invalid: number;
  candidates: CandidateCount[];
  /** 另选他人 (election): those written in, by votes; none in other kinds. */
  writeIns: { memberId: string; votes: number }[];
}

const MARKS: Record<RoundKind, readonly string[]> = {
  recommendation: ['votes'],
  evaluation: ['satisfied', 'basically', 'unsatisfied'],
  election: ['for', 'against', 'abstain'],
  recall: ['for', 'against', 'abstain'],
};

/** What one valid ballot gives one candidate, as the kind's ballot schema holds it. */
const markOf = (kind: RoundKind, content: Record<string, unknown>, id: string): string => {
  switch (kind) {
    case 'recommendation':
      return ((content.choices as string[] | undefined) ?? []).includes(id) ? 'votes' : '';
    case 'evaluation':
      return (content.ratings as Record<string, string> | undefined)?.[id] ?? '';
    default:
      // An unmarked candidate is 弃权 (ballots.ts).
      return (content.marks as Record<string, string> | undefined)?.[id] ?? 'abstain';
  }
};

/** The running count of `ballots` for a round of `kind` among `candidates`. */
export const runningCount = (
  round: { kind: RoundKind; candidates: readonly string[] },
  ballots: readonly BallotMarks[],
  options: { basicallyCounts?: boolean } = {},
): RunningCount => {
  const valid = ballots.filter((ballot) => ballot.valid);
  const deciding = new Set(
    round.kind === 'evaluation'
      ? options.basicallyCounts
        ? ['satisfied', 'basically']
        : ['satisfied']
      : ['votes', 'for'],
  );
  const candidates = round.candidates.map((memberId) => {
    const marks = Object.fromEntries(MARKS[round.kind].map((mark) => [mark, 0]));
    for (const ballot of valid) {
      const mark = markOf(round.kind, ballot.content, memberId);
      if (mark in marks) marks[mark] = (marks[mark] ?? 0) + 1;
    }
    const votes = Object.entries(marks)
      .filter(([mark]) => deciding.has(mark))
      .reduce((sum, [, n]) => sum + n, 0);
    return { memberId, votes, marks };
  });
  const written = new Map<string, number>();
  if (round.kind === 'election') {
    for (const ballot of valid) {
      for (const id of (ballot.content.writeIns as string[] | undefined) ?? []) {
        written.set(id, (written.get(id) ?? 0) + 1);
      }
    }
  }
  return {
    counted: ballots.length,
    valid: valid.length,
    invalid: ballots.length - valid.length,
    candidates,
    // Sorted by id like the tally's write-ins, so the order does not follow the entry order.
    writeIns: [...written.keys()].sort().map((memberId) => ({
      memberId,
      votes: written.get(memberId) ?? 0,
    })),
  };
};
