import * as z from 'zod';
import { refineDistinct } from './distinct.ts';
import { MemberId } from './members.ts';

/** Ballot shapes by round kind (SPEC §8). Shape errors are 400s; rule breaks make a ballot invalid. */

export const RoundKind = z.enum(['recommendation', 'evaluation', 'election', 'recall']);
export type RoundKind = z.infer<typeof RoundKind>;

export const Serial = z.string().min(1).max(64);

/** A round's ballots: each serial once, since a repeated serial is never stored (SPEC §9). */
export const distinctSerials = <S extends z.ZodType<{ serial: string }>>(ballot: S) =>
  z.array(ballot).superRefine(
    refineDistinct(
      (b: { serial: string }) => b.serial,
      (serial) => `serial ${serial} appears twice in the round`,
      'serial',
    ),
  );

export const RecommendationBallot = z.strictObject({
  serial: Serial,
  constituency: z.string().min(1).max(64),
  choices: z.array(MemberId).max(1000),
});
export type RecommendationBallot = z.infer<typeof RecommendationBallot>;

export const Rating = z.enum(['satisfied', 'basically', 'unsatisfied']);
export type Rating = z.infer<typeof Rating>;

export const EvaluationBallot = z.strictObject({
  serial: Serial,
  ratings: z.record(MemberId, Rating),
});
export type EvaluationBallot = z.infer<typeof EvaluationBallot>;

export const Mark = z.enum(['for', 'against', 'abstain']);
export type Mark = z.infer<typeof Mark>;

/** Election and recall ballots: 赞成 / 不赞成 / 弃权 per candidate, 另选他人 as write-ins. */
export const ElectionBallot = z.strictObject({
  serial: Serial,
  marks: z.record(MemberId, Mark),
  writeIns: z.array(MemberId).max(1000).optional(),
});
export type ElectionBallot = z.infer<typeof ElectionBallot>;

export const BALLOT_SCHEMAS = {
  recommendation: RecommendationBallot,
  evaluation: EvaluationBallot,
  election: ElectionBallot,
  recall: ElectionBallot,
} as const;

export type Ballot = RecommendationBallot | EvaluationBallot | ElectionBallot;
