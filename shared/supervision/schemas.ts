import * as z from 'zod';
import { IsoDate, MemberId } from '../rules/index.ts';

/**
 * Request shapes of the supervision routes (pure zod): the endpoints validate with them and the
 * console's forms check with the same ones before sending.
 */

/** A goal id: chosen by the organizers or given by the server; no `#`, `/` or spaces. */
export const GoalId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^#/\s]+$/u, { error: 'a goal id has no #, / or spaces' });

export const GoalCategory = z.enum(['party-building', 'economy', 'employment', 'social']);

export const GoalInput = z.strictObject({
  id: GoalId.optional(),
  category: GoalCategory,
  text: z.string().trim().min(1).max(2000),
  /** Measurable, as text: e.g. `新增就业岗位 50 个`. */
  target: z.string().trim().min(1).max(500),
});

/** `POST /v1/elections/{id}/commitments`. */
export const CommitmentBody = z.strictObject({ goals: z.array(GoalInput).min(1).max(50) });
export type CommitmentBody = z.infer<typeof CommitmentBody>;

/** `POST /v1/organizations/{orgId}/goals/{goalId}/progress`. */
export const ProgressBody = z.strictObject({
  /** The day the progress concerns (Shanghai calendar). */
  at: IsoDate,
  text: z.string().trim().min(1).max(4000),
  /** A figure, e.g. jobs created, households visited. */
  value: z.number().finite().optional(),
});
export type ProgressBody = z.infer<typeof ProgressBody>;

/**
 * `POST /v1/elections/{id}/by-elections` (SPEC §9): `recallId` names the seat only when several
 * are vacant; the one vacant seat is found by itself.
 */
export const ByElectionBody = z.strictObject({
  candidateIds: z.array(MemberId).min(1).max(100),
  recallId: z.string().min(1).max(128).optional(),
});
export type ByElectionBody = z.infer<typeof ByElectionBody>;
