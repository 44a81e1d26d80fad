import * as z from 'zod';
import {
  BALLOT_SCHEMAS,
  type ElectionBallot,
  type EvaluationBallot,
  type RecommendationBallot,
  RoundKind,
} from './ballots-schema.ts';
import { isDistinct } from './distinct.ts';
import { EligibleMembers, isEligibleMember, MemberId } from './members.ts';

/**
 * Whether one ballot counts (SPEC §2.5, §2.8, §8 `Ballot`, §9). A ballot of the wrong shape is
 * refused at entry (ZodError → 400); a well-formed ballot that breaks a rule is kept as an
 * invalid ballot: it still counts as returned, but for nobody.
 */

export const BallotInvalidReason = z.enum([
  /** 每张推荐票所推荐的人数多于应推荐人数 (recommendation). */
  'too-many-choices',
  /** Names, rates or marks someone who is not a candidate of this round. */
  'unknown-candidate',
  /** The same person named twice on a recommendation ballot. */
  'duplicate-choice',
  /** A recommendation ballot from a constituency this round does not have. */
  'unknown-constituency',
  /** 赞成 marks plus write-ins exceed the round's seats. */
  'too-many-for',
  /** 另选他人 of someone who may not hold the office. */
  'write-in-ineligible',
  /** 另选他人 of someone already on the ballot. */
  'write-in-is-candidate',
  /** More write-ins than 不赞成 marks: 另选他人 only replaces a 不赞成. */
  'write-in-without-against',
  /** The same person written in twice. */
  'duplicate-write-in',
  /**
   * Nobody can be written in: a recall asks one question about one office holder, and a
   * re-vote among the tied is among them only.
   */
  'write-in-not-allowed',
]);
export type BallotInvalidReason = z.infer<typeof BallotInvalidReason>;

export type BallotCheck = { valid: true } | { valid: false; reason: BallotInvalidReason };

/** Who may be written in (另选他人): `EligibleMembers` under the name ballots use. */
export const EligibleWriteIns = EligibleMembers;
export type EligibleWriteIns = EligibleMembers;
export const isEligibleWriteIn = isEligibleMember;

/** The round a ballot belongs to, as far as checking one ballot needs it (other fields ignored). */
export const BallotRound = z.object({
  kind: RoundKind,
  candidates: z
    .array(MemberId)
    .min(1)
    .refine(isDistinct, { message: 'candidates must be distinct' }),
  /** Seats of this round (a further round: the remaining ones); a recommendation: names allowed. */
  seats: z.int().min(1),
  /** Constituency ids of a recommendation round; absent means any is accepted. */
  constituencies: z
    .union([
      z.array(z.string().min(1).max(64)),
      z.custom<ReadonlySet<string>>((value) => value instanceof Set, {
        message: 'must be an array or a Set of constituency ids',
      }),
    ])
    .optional(),
  /** Absent: nobody may be written in (an unchecked name is never counted). */
  eligibleWriteIns: EligibleWriteIns.optional(),
  /** A re-vote among the tied (SPEC §2.8–9): a ballot for anyone else is invalid. */
  amongTied: z.boolean().optional(),
});
export type BallotRound = z.infer<typeof BallotRound>;

const valid: BallotCheck = { valid: true };
const invalid = (reason: BallotInvalidReason): BallotCheck => ({ valid: false, reason });

const knowsConstituency = (round: BallotRound, constituency: string): boolean => {
  const known = round.constituencies;
  if (known === undefined) return true;
  return Array.isArray(known) ? known.includes(constituency) : known.has(constituency);
};

/** 推荐票: at most `seats` distinct names, all among the round's candidates; blank is valid. */
export const checkRecommendationBallot = (
  round: BallotRound,
  ballot: RecommendationBallot,
): BallotCheck => {
  if (!knowsConstituency(round, ballot.constituency)) return invalid('unknown-constituency');
  if (ballot.choices.length > round.seats) return invalid('too-many-choices');
  if (!isDistinct(ballot.choices)) return invalid('duplicate-choice');
  const candidates = new Set(round.candidates);
  if (!ballot.choices.every((id) => candidates.has(id))) return invalid('unknown-candidate');
  return valid;
};

/** 满意度测评票: ratings only for the round's nominees; an unrated nominee gets no rating. */
export const checkEvaluationBallot = (
  round: BallotRound,
  ballot: EvaluationBallot,
): BallotCheck => {
  const nominees = new Set(round.candidates);
  if (!Object.keys(ballot.ratings).every((id) => nominees.has(id))) {
    return invalid('unknown-candidate');
  }
  return valid;
};

/**
 * 选举票 / 罢免票: marks only for the round's candidates (unmarked = 弃权); write-ins
 * (另选他人) — none in a recall or a re-vote among the tied — distinct, eligible, not on the
 * ballot, each replacing a 不赞成; 赞成 + write-ins within the seats. Checked in that order; the first broken rule is the reason.
 */
export const checkElectionBallot = (round: BallotRound, ballot: ElectionBallot): BallotCheck => {
  const candidates = new Set(round.candidates);
  const marks = Object.entries(ballot.marks);
  if (!marks.every(([id]) => candidates.has(id))) return invalid('unknown-candidate');

  const writeIns = ballot.writeIns ?? [];
  if (writeIns.length > 0) {
    if (round.kind === 'recall' || round.amongTied) return invalid('write-in-not-allowed');
    if (!isDistinct(writeIns)) return invalid('duplicate-write-in');
    if (writeIns.some((id) => candidates.has(id))) return invalid('write-in-is-candidate');
    if (!writeIns.every((id) => isEligibleWriteIn(round.eligibleWriteIns, id))) {
      return invalid('write-in-ineligible');
    }
    const against = marks.filter(([, mark]) => mark === 'against').length;
    if (writeIns.length > against) return invalid('write-in-without-against');
  }

  const forMarks = marks.filter(([, mark]) => mark === 'for').length;
  if (forMarks + writeIns.length > round.seats) return invalid('too-many-for');
  return valid;
};

/**
 * A checker for the ballots of one round: parses the round once (ZodError naming the field),
 * then parses each ballot with its kind's schema (ZodError → the ballot is refused at entry)
 * and applies the kind's rules.
 */
export const ballotChecker = (round: z.input<typeof BallotRound>) => {
  const context = BallotRound.parse(round);
  return (ballot: unknown): BallotCheck => {
    switch (context.kind) {
      case 'recommendation':
        return checkRecommendationBallot(context, BALLOT_SCHEMAS.recommendation.parse(ballot));
      case 'evaluation':
        return checkEvaluationBallot(context, BALLOT_SCHEMAS.evaluation.parse(ballot));
      case 'election':
      case 'recall':
        return checkElectionBallot(context, BALLOT_SCHEMAS[context.kind].parse(ballot));
    }
  };
};

/** Checks one ballot against its round; see `ballotChecker`. */
export const checkBallot = (round: z.input<typeof BallotRound>, ballot: unknown): BallotCheck =>
  ballotChecker(round)(ballot);
