/**
 * Key builders for every item kind: the single source of the key design (see README.md here).
 * Sort keys pad numbers so that lexical order is numeric order.
 */

export const pad = (n: number, width = 10): string => String(n).padStart(width, '0');

export const keys = {
  organization: (orgId: string) => ({ pk: `ORG#${orgId}`, sk: 'ORG' }),
  /** Each roll is written under its own random id, so a refused replacement overwrites nothing. */
  rollMember: (orgId: string, rollId: string, memberId: string) => ({
    pk: `ORG#${orgId}#ROLL#${rollId}`,
    sk: `MEMBER#${memberId}`,
  }),
  rollPartition: (orgId: string, rollId: string) => `ORG#${orgId}#ROLL#${rollId}`,

  election: (electionId: string) => ({ pk: `ELECTION#${electionId}`, sk: 'ELECTION' }),
  electionPartition: (electionId: string) => `ELECTION#${electionId}`,
  /** The workflow task waiting for people on this election (see elections.ts setAwaiting). */
  awaiting: (electionId: string) => ({ pk: `ELECTION#${electionId}`, sk: 'AWAITING' }),
  /** The election's current workflow execution (see executions.ts). */
  execution: (electionId: string) => ({ pk: `ELECTION#${electionId}`, sk: 'EXECUTION' }),
  nomination: (electionId: string, office: string, nomineeId: string, kind: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: `NOMINATION#${office}#${nomineeId}#${kind}`,
  }),
  /** One nominee per office per supporter: the marker's key is the rule. */
  supporter: (electionId: string, office: string, supporterId: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: `SUPPORT#${office}#${supporterId}`,
  }),
  candidate: (electionId: string, office: string, memberId: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: `CANDIDATE#${office}#${memberId}`,
  }),
  objection: (electionId: string, objectionId: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: `OBJECTION#${objectionId}`,
  }),
  /** A rate-limit count of one fixed window (`limit` names it: per-election, per-source#hash). */
  rateWindow: (electionId: string, limit: string, windowId: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: `RATE#${limit}#${windowId}`,
  }),
  /** An election hour with objections the organizers' digest has not covered yet. */
  objectionDigest: (electionId: string, windowId: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: `OBJECTION-DIGEST#${windowId}`,
  }),
  round: (electionId: string, roundId: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: `ROUND#${roundId}`,
  }),
  /** Ballots live in their round's own partition, keyed by serial: a serial is stored once. */
  ballot: (electionId: string, roundId: string, serial: string) => ({
    pk: `BALLOTS#${electionId}#${roundId}`,
    sk: `BALLOT#${serial}`,
  }),
  ballotPartition: (electionId: string, roundId: string) => `BALLOTS#${electionId}#${roundId}`,
  /** An electronic voter's "has voted" marker: same partition, never linked to a ballot. */
  voted: (electionId: string, roundId: string, memberId: string) => ({
    pk: `BALLOTS#${electionId}#${roundId}`,
    sk: `VOTED#${memberId}`,
  }),
  approval: (approvalId: string) => ({ pk: `APPROVAL#${approvalId}`, sk: 'APPROVAL' }),
  /** The current approval of one thing to approve: asking for it again finds it (idempotence). */
  approvalSlot: (electionId: string, kind: string, ref: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: `APPROVAL-SLOT#${kind}#${ref}`,
  }),
  notice: (electionId: string, noticeKey: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: `NOTICE#${noticeKey}`,
  }),
  /** An address SES reported as bouncing or complaining: no notice is sent to it again. */
  undeliverable: (address: string) => ({ pk: `MAILBOX#${address}`, sk: 'UNDELIVERABLE' }),
  auditHead: (scope: string) => ({ pk: `AUDIT#${scope}`, sk: 'HEAD' }),
  auditEntry: (scope: string, seq: number) => ({ pk: `AUDIT#${scope}`, sk: `ENTRY#${pad(seq)}` }),
  auditPartition: (scope: string) => `AUDIT#${scope}`,
  batch: (batchId: string) => ({ pk: `BATCH#${batchId}`, sk: 'BATCH' }),
  /** An election written but whose workflow is not started yet (see elections.ts). */
  pendingStart: (electionId: string) => ({ pk: 'WORKFLOW-STARTS', sk: `ELECTION#${electionId}` }),
  pendingStartPartition: 'WORKFLOW-STARTS',
  /** Who runs a job now (one sweep of each sweeper at a time): see leases.ts. */
  lease: (name: string) => ({ pk: `LEASE#${name}`, sk: 'LEASE' }),

  // Supervision after the election (监督管理): recalls, the 任职承诺书, term goals, progress.
  recall: (electionId: string, recallId: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: `RECALL#${recallId}`,
  }),
  /** One pending recall per office holder: the marker's key is the rule (deleted when settled). */
  recallPending: (electionId: string, holderId: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: `RECALL-PENDING#${holderId}`,
  }),
  commitment: (electionId: string, commitmentId: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: `COMMITMENT#${commitmentId}`,
  }),
  /** The election's current 任职承诺书: one pending or approved at a time. */
  commitmentSlot: (electionId: string) => ({
    pk: `ELECTION#${electionId}`,
    sk: 'COMMITMENT-SLOT',
  }),
  /** Goal ids are unique within the organization: the key is the rule. */
  goal: (orgId: string, goalId: string) => ({ pk: `ORG#${orgId}`, sk: `GOAL#${goalId}` }),
  progress: (orgId: string, goalId: string, progressId: string) => ({
    pk: `ORG#${orgId}`,
    sk: `PROGRESS#${goalId}#${progressId}`,
  }),
  orgPartition: (orgId: string) => `ORG#${orgId}`,
} as const;
