import * as z from 'zod';
import { ElectionStage, Office, Stage, TallyStatus } from '../../rules/index.ts';
import type { CandidateStatus, RecallStatus } from '../../store/records.ts';
import { ROUND_HEAD } from '../rounds/views.ts';

/** The public board (公示栏) as JSON, as a zod schema: the OpenAPI document shows it. */

const Person = z.object({ memberId: z.string(), name: z.string() });

const BoardCandidate = Person.extend({
  office: Office,
  status: z.custom<CandidateStatus>().meta({ description: 'The candidate status' }),
  statusReason: z.string().optional(),
  statements: z.object({ speech: z.string().optional(), commitment: z.string().optional() }),
  objections: z.object({
    total: z.number(),
    open: z.number(),
    upheld: z.number(),
    dismissed: z.number(),
    resolutions: z.array(
      z.object({ decision: z.enum(['upheld', 'dismissed']), reason: z.string(), at: z.string() }),
    ),
  }),
  acceptsObjections: z.boolean(),
});

const BoardRound = z.object({
  ...ROUND_HEAD,
  seats: z.number(),
  candidates: z.array(Person),
  attendance: z
    .object({
      present: z.number(),
      ballotsIssued: z.number(),
      expected: z.number().optional(),
      staffApproval: z
        .object({ for: z.number(), against: z.number(), abstain: z.number() })
        .optional(),
    })
    .optional(),
  tally: z
    .object({
      status: TallyStatus,
      reason: z.string().optional(),
      issued: z.number(),
      returned: z.number(),
      valid: z.number(),
      invalid: z.number(),
      counts: z.array(Person.extend({ count: z.number(), rate: z.number().optional() })),
      elected: z.array(Person),
      tied: z.array(Person),
    })
    .optional(),
  closedAt: z.string().optional(),
});

const BoardRecall = z.object({
  holder: Person,
  office: Office,
  status: z.custom<RecallStatus>().meta({ description: 'The recall status' }),
  signatories: z.number(),
  filedAt: z.string(),
  decidedAt: z.string().optional(),
  settledAt: z.string().optional(),
  roundId: z.string().optional(),
  membersRemoved: z.array(Person),
  newElectionId: z.string().optional(),
  byElection: z.object({ status: z.string(), elected: z.array(Person) }).optional(),
});

/** `GET /public/elections/{id}` with `Accept: application/json`. */
export const BoardView = z.object({
  electionId: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  preset: z.string(),
  stage: ElectionStage,
  haltReason: z.string().optional(),
  calendar: z.array(z.object({ stage: Stage, from: z.string(), until: z.string() })),
  candidates: z.array(BoardCandidate),
  rounds: z.array(BoardRound),
  result: z
    .object({
      secretary: Person.nullable(),
      deputies: z.array(Person),
      members: z.array(Person),
    })
    .optional(),
  commitments: z.array(
    z.object({
      approvedAt: z.string(),
      goals: z.array(z.object({ category: z.string(), text: z.string(), target: z.string() })),
    }),
  ),
  recalls: z.array(BoardRecall),
  objectionsUrl: z.string().optional(),
});
