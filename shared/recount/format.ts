import * as z from 'zod';
import { MemberId, Office, RoundKind, Rules, Tally } from '../rules/index.ts';

/**
 * The public recount file of a closed round (`zx-recount/1`): what anyone needs to count the
 * round again and to tie that count to the election's audit chain. The server builds it
 * (shared/election/rounds/recount.ts), the verifier (verify.ts) reads it — one schema for both,
 * so a malformed file is refused naming its field.
 */

export const RECOUNT_FORMAT = 'zx-recount/1';

const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256 (64 lowercase hex digits)');

/** An entry of the round (or the election's creation), in full: its hash can be recomputed. */
export const FullAuditEntry = z.strictObject({
  seq: z.int().min(1),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  data: z.unknown(),
  prevHash: Hash,
  hash: Hash,
});

/** Any other entry: only its place in the chain (its content is not public). */
export const LinkAuditEntry = z.strictObject({ seq: z.int().min(1), prevHash: Hash, hash: Hash });

export const RecountBallot = z.strictObject({
  serial: z.string().min(1).max(64),
  content: z.record(z.string(), z.unknown()),
  valid: z.boolean(),
  reason: z.string().optional(),
});

/** The round's fields the tally reads, and where it stands; extra fields are kept, not refused. */
export const RecountRound = z.looseObject({
  id: z.string().min(1),
  kind: RoundKind,
  office: Office,
  stage: z.string().min(1),
  number: z.int().min(1),
  status: z.enum(['closed', 'void', 'no-quorum']),
  candidates: z.array(MemberId),
  seats: z.int().min(1),
  places: z.int().min(1).optional(),
  revotesSoFar: z.int().min(0),
  amongTied: z.boolean().optional(),
  follows: z.string().optional(),
  closedAt: z.string().optional(),
});

export const RecountAttendance = z.looseObject({
  present: z.int().min(0),
  ballotsIssued: z.int().min(0),
  expected: z.int().min(0).optional(),
  constituencies: z
    .array(
      z.looseObject({
        id: z.string(),
        expected: z.int().min(0),
        present: z.int().min(0),
        ballotsIssued: z.int().min(0),
      }),
    )
    .optional(),
});

export const RecountFile = z.strictObject({
  format: z.literal(RECOUNT_FORMAT),
  election: z.strictObject({ id: z.string().min(1), organization: z.string(), preset: z.string() }),
  rules: Rules,
  round: RecountRound,
  /** Who already held a seat when an election round was counted (SPEC §2.9), as sealed. */
  alreadyElected: z.array(MemberId),
  attendance: RecountAttendance,
  ballots: z.array(RecountBallot),
  tally: Tally,
  audit: z.strictObject({ entries: z.array(z.union([FullAuditEntry, LinkAuditEntry])) }),
});
export type RecountFile = z.infer<typeof RecountFile>;
export type FullAuditEntry = z.infer<typeof FullAuditEntry>;
