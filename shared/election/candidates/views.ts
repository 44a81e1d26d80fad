import * as z from 'zod';
import {
  EligibilityCheck,
  EligibilityRule,
  NominationDocuments,
  NominationKind,
  Office,
  Stage,
  WaivableRule,
} from '../../rules/index.ts';
import type { CandidateStatus } from '../../store/records.ts';

/**
 * What the candidate routes answer (报名, 资格审查, 异议, 考察, statements, suggestion lists), as
 * zod schemas: the OpenAPI document shows them, the API's handlers must answer their types.
 */

// The funnel's statuses (rules/funnel.ts once CandidateStatus moves there).
const Status = z.custom<CandidateStatus>().meta({ description: 'The candidate status' });

/** `POST /nominations`: the nomination's id and its eligibility check. */
export const NominationAnswer = z.object({ id: z.string(), check: EligibilityCheck });

/** One of `GET /nominations`: the nomination, its check, and its candidate's status now. */
export const ListedNomination = z.object({
  id: z.string(),
  kind: NominationKind,
  office: Office,
  nomineeId: z.string(),
  supporterIds: z.array(z.string()),
  documents: NominationDocuments,
  check: EligibilityCheck,
  enteredBy: z.string(),
  at: z.string(),
  candidateStatus: Status.nullable(),
});

const Suggestion = z.object({
  memberIds: z.array(z.string()),
  waivers: z
    .array(z.object({ memberId: z.string(), waive: z.array(WaivableRule), reason: z.string() }))
    .optional(),
  amendedBy: z.string().optional(),
  at: z.string(),
});

const Inspection = z.object({
  summary: z.string(),
  rating: z.enum(['excellent', 'good', 'fair', 'poor']),
  by: z.string(),
  at: z.string(),
});

/** A candidate as `POST /eligibility` answers it (the organizers' decision recorded). */
export const Candidate = z.object({
  memberId: z.string(),
  office: Office,
  status: Status,
  check: EligibilityCheck,
  decision: z
    .object({
      decision: z.enum(['accept', 'reject']),
      waived: z.array(EligibilityRule),
      reason: z.string().optional(),
      by: z.string(),
      at: z.string(),
    })
    .optional(),
  statusReason: z.string().optional(),
  inspection: Inspection.optional(),
  proposal: z.object({ proposed: z.boolean(), by: z.string(), at: z.string() }).optional(),
  statements: z
    .object({ speech: z.string().optional(), commitment: z.string().optional() })
    .optional(),
  suggestion: Suggestion.optional(),
});

/** `POST /objections`: the objection's id (its text is never shown publicly). */
export const ObjectionFiled = z.object({ id: z.string() });

/** An objection as the organizers see it. */
export const Objection = z.object({
  id: z.string(),
  candidateId: z.string(),
  office: Office,
  text: z.string(),
  stage: Stage,
  filedAt: z.string(),
  status: z.enum(['open', 'upheld', 'dismissed']),
  resolution: z.object({ reason: z.string(), by: z.string(), at: z.string() }).optional(),
});

/** `POST /inspections`: the inspection recorded. */
export const InspectionRecorded = z.object({ candidateId: z.string(), inspection: Inspection });

/** `POST /inspections/proposal`: who goes to the superior's vote, who is eliminated. */
export const ProposalAnswer = z.object({
  proposed: z.array(z.string()),
  eliminated: z.array(z.string()),
});

/** `POST /statements`: whose statement, of which kind, for which offices. */
export const StatementRecorded = z.object({
  candidateId: z.string(),
  kind: z.enum(['speech', 'commitment']),
  offices: z.array(z.string()),
});

/** `POST /suggestions`, `PUT /suggestions/{candidateId}`: the list as kept. */
export const SuggestionRecorded = z.object({ candidateId: z.string(), suggestion: Suggestion });
