import * as z from 'zod';
import { refineDistinct } from '../../rules/distinct.ts';
import {
  EligibilityDecision,
  EligibilityRule,
  MemberId,
  NominationRequest,
  Office,
} from '../../rules/index.ts';

/**
 * What the candidate routes take (报名, 资格审查, 异议, 考察, statements, suggestion lists), apart
 * from their use cases: the endpoints declare them and the console's forms check with them, so
 * the browser imports these without the store behind the use cases.
 */

/**
 * Supporters one transaction can hold: each is a marker item, beside the nomination, the
 * candidate and the two audit items (DynamoDB allows 100 items in a transaction).
 */
export const MAX_SUPPORTERS = 95;

/** `POST /v1/elections/{id}/nominations`. */
export const NominationBody = NominationRequest.refine(
  (request) => new Set(request.supporterIds ?? []).size <= MAX_SUPPORTERS,
  { path: ['supporterIds'], message: `at most ${MAX_SUPPORTERS} supporters can be recorded` },
);
export type NominationBody = z.infer<typeof NominationBody>;

/** `POST /v1/elections/{id}/eligibility`. */
export const EligibilityBody = EligibilityDecision.extend({ nomineeId: MemberId, office: Office });
export type EligibilityBody = z.infer<typeof EligibilityBody>;

/** `POST /v1/elections/{id}/objections` (public). */
export const ObjectionBody = z.strictObject({
  candidateId: MemberId,
  office: Office,
  text: z.string().trim().min(1).max(5000),
});
export type ObjectionBody = z.infer<typeof ObjectionBody>;

/** `POST /v1/elections/{id}/objections/{objectionId}/resolution`. */
export const ResolutionBody = z.strictObject({
  decision: z.enum(['upheld', 'dismissed']),
  reason: z.string().trim().min(1).max(2000),
});
export type ResolutionBody = z.infer<typeof ResolutionBody>;

/** `POST /v1/elections/{id}/inspections`. */
export const InspectionBody = z.strictObject({
  candidateId: MemberId,
  summary: z.string().trim().min(1).max(10_000),
  rating: z.enum(['excellent', 'good', 'fair', 'poor']),
});
export type InspectionBody = z.infer<typeof InspectionBody>;

/**
 * `POST /v1/elections/{id}/inspections/proposal`: 经过组织考察后,确定3名人选提交街道党工委讨论
 * (第一篇) — which of the inspected go to the superior's vote.
 */
export const ProposalBody = z.strictObject({
  candidateIds: z.array(MemberId).min(1).max(100),
  /** Why the others go no further; told on their candidacy. */
  reason: z.string().trim().min(1).max(2000).optional(),
});
export type ProposalBody = z.infer<typeof ProposalBody>;

/** `POST /v1/elections/{id}/statements`; `office` narrows it when the member stands for several. */
export const StatementBody = z.strictObject({
  candidateId: MemberId,
  kind: z.enum(['speech', 'commitment']),
  text: z.string().trim().min(1).max(20_000),
  office: Office.optional(),
});
export type StatementBody = z.infer<typeof StatementBody>;

const MemberIds = z.array(MemberId).min(1).max(1000);

/**
 * 特别优秀的可适当放宽 (第三条): a suggested member's failed conditions waived, as a nominee's can be
 * — only the rules' `waivableRules`, each waiver with a written reason (else 422).
 */
export const SuggestionWaiver = z.strictObject({
  memberId: MemberId,
  waive: z.array(EligibilityRule).min(1).max(8),
  reason: z.string().max(2000).optional(),
});
export type SuggestionWaiver = z.infer<typeof SuggestionWaiver>;

const Waivers = z
  .array(SuggestionWaiver)
  .max(1000)
  .superRefine(
    refineDistinct(
      (waiver: SuggestionWaiver) => waiver.memberId,
      (id) => `a second waiver for ${id}`,
      'memberId',
    ),
  );

/** `POST /v1/elections/{id}/suggestions`. */
export const SuggestionBody = z.strictObject({
  candidateId: MemberId,
  memberIds: MemberIds,
  waivers: Waivers.optional(),
});
export type SuggestionBody = z.infer<typeof SuggestionBody>;

/** `PUT /v1/elections/{id}/suggestions/{candidateId}`: the whole list again, with its waivers. */
export const AmendmentBody = z.strictObject({ memberIds: MemberIds, waivers: Waivers.optional() });
export type AmendmentBody = z.infer<typeof AmendmentBody>;
