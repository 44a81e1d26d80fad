import * as z from 'zod';
import { BallotPapers, Office, RoundKind, Stage, Tally } from '../../rules/index.ts';
import type { RoundRecord } from '../../store/records.ts';

/** What the round routes answer, as zod schemas (the OpenAPI document shows them). */

const Attendance = z.object({
  present: z.number(),
  ballotsIssued: z.number(),
  expected: z.number().optional(),
  constituencies: z
    .array(
      z.object({
        id: z.string(),
        name: z.string().optional(),
        expected: z.number(),
        present: z.number(),
        ballotsIssued: z.number(),
      }),
    )
    .optional(),
  staff: z.object({ announcer: z.string(), scrutineer: z.string(), counter: z.string() }),
  staffApproval: z.object({ for: z.number(), against: z.number(), abstain: z.number() }).optional(),
  recordedBy: z.string(),
  at: z.string(),
});

/** Which round it is and where it stands: the head of both the API's and the board's views. */
export const ROUND_HEAD = {
  id: z.string(),
  kind: RoundKind,
  office: Office,
  stage: z.union([Stage, z.enum(['recall', 'by-election'])]),
  number: z.number(),
  status: z.enum(['open', 'closed', 'void', 'no-quorum']),
};

export const roundHead = (round: RoundRecord) => ({
  id: round.id,
  kind: round.kind,
  office: round.office,
  stage: round.stage,
  number: round.number,
  status: round.status,
});

/** A round as the API shows it: its attendance, and its tally once it is closed. */
export const RoundView = z.object({
  ...ROUND_HEAD,
  candidates: z.array(z.string()),
  seats: z.number(),
  places: z.number().optional(),
  revotesSoFar: z.number(),
  amongTied: z.literal(true).optional(),
  attendance: Attendance.optional(),
  ballotsEntered: z.boolean(),
  /** The printed papers, once recorded (`POST …/ballot-papers`). */
  ballotPapers: BallotPapers.optional(),
  tally: Tally.optional(),
  decision: z
    .object({
      choice: z.string(),
      reason: z.string(),
      by: z.string(),
      at: z.string(),
      memberIds: z.array(z.string()).optional(),
      seats: z.number().optional(),
      elected: z.array(z.string()).optional(),
    })
    .optional(),
  follows: z.string().optional(),
  followUp: z.string().optional(),
  openedAt: z.string(),
  closedAt: z.string().optional(),
});
export type RoundView = z.infer<typeof RoundView>;

/** The round as the API shows it; the tally once it is closed. */
export const roundView = (round: RoundRecord): RoundView => ({
  ...roundHead(round),
  candidates: round.candidates,
  seats: round.seats,
  ...(round.places === undefined ? {} : { places: round.places }),
  revotesSoFar: round.revotesSoFar,
  ...(round.amongTied ? { amongTied: true } : {}),
  ...(round.attendance ? { attendance: round.attendance } : {}),
  ballotsEntered: round.ballotsEntered === true,
  ...(round.ballotPapers ? { ballotPapers: round.ballotPapers } : {}),
  ...(round.tally ? { tally: round.tally } : {}),
  ...(round.decision ? { decision: round.decision } : {}),
  ...(round.follows ? { follows: round.follows } : {}),
  ...(round.followUp ? { followUp: round.followUp } : {}),
  openedAt: round.openedAt,
  ...(round.closedAt ? { closedAt: round.closedAt } : {}),
});

/** `POST /ballots`: ballots newly stored, the invalid ones kept with why, repeated serials. */
export const BallotEntry = z.object({
  accepted: z.number(),
  invalid: z.array(z.object({ serial: z.string(), reason: z.string() })),
  duplicates: z.array(z.string()),
  /** Duplicates holding exactly the ballot sent: a resend of one already stored, not a clash. */
  alreadyStored: z
    .array(z.object({ serial: z.string(), valid: z.boolean(), reason: z.string().optional() }))
    .optional(),
  /** Double entry: second entries that matched the first (counted now), or differ from it. */
  matched: z.array(z.string()).optional(),
  mismatched: z.array(z.string()).optional(),
});
