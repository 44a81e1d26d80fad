import { getItem, queryIndexPrefix, queryPrefix } from './items.ts';
import { keys } from './keys.ts';
import type {
  CommitmentRecord,
  ElectionRecord,
  GoalRecord,
  ProgressRecord,
  RecallRecord,
  SupervisionApprovalStatus,
} from './records.ts';
import { tableName } from './table.ts';
import type { Write } from './transact.ts';

/**
 * Supervision after the election (第七条): recalls with their one-pending-per-holder marker, the
 * 任职承诺书 with its slot, goals (ids unique in the organization) and progress. Writes are
 * transaction items for `commit`, each conditional on what it was decided on.
 */

const put = (key: { pk: string; sk: string }, item: object, condition?: Partial<Write['Put']>) => ({
  Put: { TableName: tableName(), Item: { ...key, ...item }, ...condition },
});

/** Replaces a record read at `version` with its next version (optimistic lock). */
const putVersion = <T extends { version: number }>(key: { pk: string; sk: string }, record: T) =>
  put(
    key,
    { ...record, version: record.version + 1 },
    {
      ConditionExpression: 'version = :read',
      ExpressionAttributeValues: { ':read': record.version },
    },
  );

// ——— Recalls ———

export const getRecall = (electionId: string, recallId: string) =>
  getItem<RecallRecord>(keys.recall(electionId, recallId));

/** An election's recalls, oldest first. */
export const listRecalls = async (electionId: string): Promise<RecallRecord[]> =>
  (await queryPrefix<RecallRecord>(keys.electionPartition(electionId), 'RECALL#')).sort((a, b) =>
    a.filedAt.localeCompare(b.filedAt),
  );

/** A new recall and its holder's marker: fails (index 1) while one against them is pending. */
export const putNewRecall = (recall: RecallRecord): Write[] => [
  put(keys.recall(recall.electionId, recall.id), recall, {
    ConditionExpression: 'attribute_not_exists(pk)',
  }),
  put(
    keys.recallPending(recall.electionId, recall.officeHolderId),
    { recallId: recall.id, since: recall.filedAt },
    { ConditionExpression: 'attribute_not_exists(pk)' },
  ),
];

/** The next version of a recall, from the version it was read at. */
export const putRecallVersion = (recall: RecallRecord): Write =>
  putVersion(keys.recall(recall.electionId, recall.id), recall);

/** The recall is settled: a new petition against the holder may be filed. */
export const releaseRecallMarker = (
  recall: Pick<RecallRecord, 'electionId' | 'officeHolderId' | 'id'>,
): Write => ({
  Delete: {
    TableName: tableName(),
    Key: keys.recallPending(recall.electionId, recall.officeHolderId),
    ConditionExpression: 'attribute_not_exists(pk) OR recallId = :id',
    ExpressionAttributeValues: { ':id': recall.id },
  },
});

// ——— The 任职承诺书 and its goals ———

export const getCommitment = (electionId: string, commitmentId: string) =>
  getItem<CommitmentRecord>(keys.commitment(electionId, commitmentId));

export const listCommitments = async (electionId: string): Promise<CommitmentRecord[]> =>
  (await queryPrefix<CommitmentRecord>(keys.electionPartition(electionId), 'COMMITMENT#')).sort(
    (a, b) => a.submittedAt.localeCompare(b.submittedAt),
  );

const REJECTED = 'rejected' satisfies SupervisionApprovalStatus;

/**
 * A new commitment with its goals and the election's slot. The slot and each goal id may be
 * taken only when free or left by a rejected commitment: one pending or approved commitment per
 * election, goal ids unique in the organization (a failed write's index says which).
 */
export const putNewCommitment = (commitment: CommitmentRecord, goals: GoalRecord[]): Write[] => {
  const free = {
    ConditionExpression: 'attribute_not_exists(pk) OR #status = :rejected',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':rejected': REJECTED },
  };
  return [
    put(
      keys.commitmentSlot(commitment.electionId),
      { commitmentId: commitment.id, status: commitment.status },
      free,
    ),
    put(keys.commitment(commitment.electionId, commitment.id), commitment, {
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
    ...goals.map((goal) => put(keys.goal(goal.orgId, goal.id), goal, free)),
  ];
};

/** The superior's decision on a commitment: the record (from its version), its slot and goals. */
export const decideCommitmentWrites = (
  commitment: CommitmentRecord,
  goals: GoalRecord[],
): Write[] => [
  putVersion(keys.commitment(commitment.electionId, commitment.id), commitment),
  put(
    keys.commitmentSlot(commitment.electionId),
    { commitmentId: commitment.id, status: commitment.status },
    {
      ConditionExpression: 'commitmentId = :id',
      ExpressionAttributeValues: { ':id': commitment.id },
    },
  ),
  ...goals.map((goal) =>
    put(keys.goal(goal.orgId, goal.id), goal, {
      ConditionExpression: 'commitmentId = :id',
      ExpressionAttributeValues: { ':id': commitment.id },
    }),
  ),
];

export const getGoal = (orgId: string, goalId: string) =>
  getItem<GoalRecord>(keys.goal(orgId, goalId));

export const listGoals = (orgId: string) =>
  queryPrefix<GoalRecord>(keys.orgPartition(orgId), 'GOAL#');

// ——— Progress ———

/** A progress entry; only while its goal is still approved. */
export const putProgress = (progress: ProgressRecord): Write[] => [
  put(keys.progress(progress.orgId, progress.goalId, progress.id), progress, {
    ConditionExpression: 'attribute_not_exists(pk)',
  }),
  {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.goal(progress.orgId, progress.goalId),
      ConditionExpression: '#status = :approved',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':approved': 'approved' },
    },
  },
];

/** Every progress entry of the organization, by goal and then day. */
export const listProgress = async (orgId: string): Promise<ProgressRecord[]> =>
  (await queryPrefix<ProgressRecord>(keys.orgPartition(orgId), 'PROGRESS#')).sort(
    (a, b) =>
      a.goalId.localeCompare(b.goalId) ||
      a.at.localeCompare(b.at) ||
      a.recordedAt.localeCompare(b.recordedAt),
  );

// ——— The organization's elections ———

/** Every election of an organization, oldest first (gsi1; eventually consistent). */
export const listOrganizationElections = (orgId: string): Promise<ElectionRecord[]> =>
  queryIndexPrefix<ElectionRecord>(keys.orgPartition(orgId), 'ELECTION#');
