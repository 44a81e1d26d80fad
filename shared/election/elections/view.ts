import * as z from 'zod';
import { ElectionStage, Office, PresetName, RoundKind, Rules, Stage } from '../../rules/index.ts';
import { listApprovals } from '../../store/approvals.ts';
import { getAwaiting } from '../../store/elections.ts';
import { listCandidates } from '../../store/nominations.ts';
import type {
  ApprovalKind,
  ApprovalRecord,
  AwaitingTask,
  CandidateRecord,
  CandidateStatus,
  ElectionRecord,
  RoundRecord,
} from '../../store/records.ts';
import { listRounds } from '../../store/rounds.ts';
import { Awaiting, awaitingOf } from './awaiting.ts';

/**
 * The `Election` of SPEC §8, as the API answers it: what people need to follow the election,
 * without the workflow's internals (task tokens, version, entry markers).
 */
export const ElectionView = z.object({
  id: z.string(),
  orgId: z.string(),
  preset: PresetName,
  stage: ElectionStage,
  rules: Rules,
  calendar: z.partialRecord(Stage, z.object({ from: z.string(), until: z.string() })),
  seats: z.object({ secretary: z.number(), deputies: z.number(), members: z.number() }),
  startsAt: z.string(),
  dayLengthMs: z.number(),
  createdAt: z.string(),
  candidates: z.array(
    z.object({ memberId: z.string(), office: Office, status: z.custom<CandidateStatus>() }),
  ),
  rounds: z.array(
    z.object({
      id: z.string(),
      kind: RoundKind,
      office: Office,
      number: z.number(),
      status: z.enum(['open', 'closed', 'void', 'no-quorum']),
    }),
  ),
  pendingApprovals: z.array(z.object({ id: z.string(), kind: z.custom<ApprovalKind>() })),
  /** What the workflow waits for now, and since when (null when nothing, or ended). */
  awaiting: Awaiting.nullable(),
  result: z
    .object({
      secretary: z.string().nullable(),
      deputies: z.array(z.string()),
      members: z.array(z.string()),
    })
    .optional(),
  haltReason: z.string().optional(),
  /** Why, by whom, when and from which stage it was cancelled (撤销). */
  cancellation: z
    .object({ reason: z.string(), by: z.string(), at: z.string(), stage: ElectionStage })
    .optional(),
  batchId: z.string().optional(),
  replaces: z.object({ electionId: z.string(), recallId: z.string() }).optional(),
});
export type ElectionView = z.infer<typeof ElectionView>;

const OFFICE_ORDER: Record<Office, number> = { secretary: 0, deputy: 1, member: 2 };

/** Whether an approval link still works: pending and not past its expiry. */
export const isPendingApproval = (approval: ApprovalRecord, now: Date): boolean =>
  approval.status === 'pending' && Date.parse(approval.expiresAt) > now.getTime();

/** The view from the records (pure); `parked` is the task the workflow waits on, if any. */
export const toElectionView = (
  election: ElectionRecord,
  candidates: readonly CandidateRecord[],
  rounds: readonly RoundRecord[],
  approvals: readonly ApprovalRecord[],
  now: Date = new Date(),
  parked?: AwaitingTask,
): ElectionView => ({
  id: election.id,
  orgId: election.orgId,
  preset: election.preset,
  stage: election.stage,
  rules: election.rules,
  // `moved` marks stay on the record (the workflow honours them); the contract is {from, until}.
  calendar: Object.fromEntries(
    Object.entries(election.calendar).map(([stage, entry]) => [
      stage,
      { from: entry.from, until: entry.until },
    ]),
  ),
  seats: election.seats,
  startsAt: election.startsAt,
  dayLengthMs: election.dayLengthMs,
  createdAt: election.createdAt,
  candidates: [...candidates]
    .sort(
      (a, b) =>
        OFFICE_ORDER[a.office] - OFFICE_ORDER[b.office] || a.memberId.localeCompare(b.memberId),
    )
    .map(({ memberId, office, status }) => ({ memberId, office, status })),
  rounds: [...rounds]
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.number - b.number)
    .map(({ id, kind, office, number, status }) => ({ id, kind, office, number, status })),
  pendingApprovals: approvals
    .filter((approval) => isPendingApproval(approval, now))
    .map(({ id, kind }) => ({ id, kind })),
  awaiting: awaitingOf(election, approvals, parked),
  ...(election.result ? { result: election.result } : {}),
  ...(election.haltReason ? { haltReason: election.haltReason } : {}),
  ...(election.cancellation ? { cancellation: election.cancellation } : {}),
  ...(election.batchId ? { batchId: election.batchId } : {}),
  ...(election.replaces ? { replaces: election.replaces } : {}),
});

/** Reads what the view shows besides the election itself. */
export const loadElectionView = async (election: ElectionRecord): Promise<ElectionView> => {
  const [candidates, rounds, approvals, parked] = await Promise.all([
    listCandidates(election.id),
    listRounds(election.id),
    listApprovals(election.id),
    getAwaiting(election.id),
  ]);
  return toElectionView(election, candidates, rounds, approvals, new Date(), parked);
};
