import { getItem, queryIndexPrefix } from './items.ts';
import { keys } from './keys.ts';
import { listKeys } from './lists.ts';
import type { ApprovalKind, ApprovalRecord } from './records.ts';
import { GSI1, tableName } from './table.ts';
import type { Write } from './transact.ts';

/** Approvals live under their random id (the link's); gsi1 lists an election's approvals. */
export const approvalIndexKeys = (approval: ApprovalRecord) => ({
  [GSI1.pk]: keys.electionPartition(approval.electionId),
  [GSI1.sk]: `APPROVAL#${approval.createdAt}#${approval.id}`,
});

export const getApproval = (approvalId: string) =>
  getItem<ApprovalRecord>(keys.approval(approvalId));

/** An election's approvals, oldest first (the index is eventually consistent). */
export const listApprovals = (electionId: string): Promise<ApprovalRecord[]> =>
  queryIndexPrefix<ApprovalRecord>(keys.electionPartition(electionId), 'APPROVAL#');

/** What one approval slot names: the current approval of one thing to approve. */
export interface ApprovalSlot {
  electionId: string;
  kind: ApprovalKind;
  ref: string;
  approvalId: string;
}

/** The slot of (election, kind, ref), read consistently (unlike the index). */
export const getApprovalSlot = (electionId: string, kind: ApprovalKind, ref: string) =>
  getItem<ApprovalSlot>(keys.approvalSlot(electionId, kind, ref));

/**
 * A new approval and its slot. The slot moves to it only from the approval it was read with
 * (or from none), so two racing requests for the same thing cannot both create one.
 */
export const putNewApproval = (
  approval: ApprovalRecord,
  slot: ApprovalSlot,
  readId?: string,
): Write[] => [
  {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.approval(approval.id),
        ...approvalIndexKeys(approval),
        ...listKeys('pendingApprovals', approval),
        ...approval,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
  {
    Put: {
      TableName: tableName(),
      Item: { ...keys.approvalSlot(slot.electionId, slot.kind, slot.ref), ...slot },
      ...(readId === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'approvalId = :read',
            ExpressionAttributeValues: { ':read': readId },
          }),
    },
  },
];

const NAMES = { '#status': 'status', '#token': 'token', '#expiresAt': 'expiresAt' };

/** A retried workflow task's new token and timeout, while the approval is still pending. */
export const renewApproval = (approvalId: string, token: string, expiresAt: string): Write => ({
  Update: {
    TableName: tableName(),
    Key: keys.approval(approvalId),
    UpdateExpression: 'SET #token = :token, #expiresAt = :expiresAt',
    ConditionExpression: '#status = :pending',
    ExpressionAttributeNames: NAMES,
    ExpressionAttributeValues: { ':token': token, ':expiresAt': expiresAt, ':pending': 'pending' },
  },
});

/**
 * The superior's decision. It holds only while the approval is pending, unexpired and still
 * bound to the token read with it: the first decision wins, and the token released afterwards
 * is the one the decision was made against.
 */
export const decideApprovalWrite = (
  approval: Pick<ApprovalRecord, 'id' | 'token'>,
  decision: NonNullable<ApprovalRecord['decision']>,
  at: string,
): Write => ({
  Update: {
    TableName: tableName(),
    Key: keys.approval(approval.id),
    // Decided: off the list of pending approvals.
    UpdateExpression:
      'SET #status = :decided, decidedAt = :at, decision = :decision REMOVE gsi2pk, gsi2sk',
    ConditionExpression: '#status = :pending AND #token = :token AND #expiresAt > :at',
    ExpressionAttributeNames: NAMES,
    ExpressionAttributeValues: {
      ':decided': decision.decision === 'approve' ? 'approved' : 'rejected',
      ':at': at,
      ':decision': decision,
      ':pending': 'pending',
      ':token': approval.token,
    },
  },
});

/** Pending → expired (the workflow's task timed out); nothing else changes. */
export const expireApprovalWrite = (approvalId: string, at: string): Write => ({
  Update: {
    TableName: tableName(),
    Key: keys.approval(approvalId),
    UpdateExpression: 'SET #status = :expired, expiredAt = :at REMOVE gsi2pk, gsi2sk',
    ConditionExpression: '#status = :pending',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':expired': 'expired', ':at': at, ':pending': 'pending' },
  },
});

/**
 * Claims the resend of an approval's mail in one window (`windowId`): the marker's key makes
 * two clicks in the window one resend. Fails with ConditionFailed when it is claimed already.
 */
export const claimApprovalResend = (
  approvalId: string,
  windowId: string,
  by: string,
  at: string,
): Write => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.approvalResend(approvalId, windowId), approvalId, by, at },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
