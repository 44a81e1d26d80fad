import * as z from 'zod';
import { MemberId } from '../rules/index.ts';

/**
 * The path parameters of every route group, declared once. Ids are bounded: an unbounded one
 * reached DynamoDB as an oversized key (a 500). 128 holds every id the product makes (UUIDs:
 * 36 characters, approval ids: 24) and those the tests and presets choose.
 *
 * Organization ids are the election's `OrgId` (shared/election/elections/schemas.ts, also a
 * body field), which http may not import: the two organization route groups declare
 * `{ orgId: OrgId }` themselves.
 */
export const Id = z.string().min(1).max(128);

/** `/v1/elections/{id}`, `/public/elections/{id}` */
export const ElectionParams = z.strictObject({ id: Id });

/** `/v1/elections/{id}/deadlines/{stage}`: the stage is checked by the use case (404). */
export const DeadlineParams = z.strictObject({ id: Id, stage: z.string().min(1).max(64) });

/** `/v1/elections/{id}/objections/{objectionId}/…` */
export const ObjectionParams = z.strictObject({ id: Id, objectionId: Id });

/** `/v1/elections/{id}/suggestions/{candidateId}` */
export const SuggestionParams = z.strictObject({ id: Id, candidateId: MemberId });

/** `/v1/elections/{id}/rounds/{roundId}/…` */
export const RoundParams = z.strictObject({ id: Id, roundId: Id });
export type RoundParams = z.infer<typeof RoundParams>;

/** `/v1/elections/{id}/commitments/{commitmentId}/…` */
export const CommitmentParams = z.strictObject({ id: Id, commitmentId: Id });

/** `/v1/elections/{id}/recalls/{recallId}/…` */
export const RecallParams = z.strictObject({ id: Id, recallId: Id });

/** `/approve/{approvalId}`: the random id is the credential. */
export const ApprovalParams = z.strictObject({ approvalId: Id });

/** `/v1/batches/{id}` */
export const BatchParams = z.strictObject({ id: Id });
