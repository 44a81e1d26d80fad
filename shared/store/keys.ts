/**
 * Key builders for every item kind: the single source of the key design (see README.md here).
 * Sort keys pad numbers so that lexical order is numeric order.
 */

export const pad = (n: number, width = 10): string => String(n).padStart(width, '0');

const electionPartition = (electionId: string) => `ELECTION#${electionId}`;
const ballotPartition = (electionId: string, roundId: string) => `BALLOTS#${electionId}#${roundId}`;

/** An item of the election's own partition: the election and nearly all it holds live there. */
const inElection = (electionId: string, sk: string) => ({ pk: electionPartition(electionId), sk });

/** An item of a round's ballot partition, apart from the election's (see `ballot`). */
const inBallots = (electionId: string, roundId: string, sk: string) => ({
  pk: ballotPartition(electionId, roundId),
  sk,
});

export const keys = {
  organization: (orgId: string) => ({ pk: `ORG#${orgId}`, sk: 'ORG' }),
  /** Each roll is written under its own random id, so a refused replacement overwrites nothing. */
  rollMember: (orgId: string, rollId: string, memberId: string) => ({
    pk: `ORG#${orgId}#ROLL#${rollId}`,
    sk: `MEMBER#${memberId}`,
  }),
  rollPartition: (orgId: string, rollId: string) => `ORG#${orgId}#ROLL#${rollId}`,

  election: (electionId: string) => inElection(electionId, 'ELECTION'),
  electionPartition,
  /** The workflow task waiting for people on this election (see elections.ts setAwaiting). */
  awaiting: (electionId: string) => inElection(electionId, 'AWAITING'),
  /** The workflow's wait for the current stage's deadline, which a moved deadline wakes. */
  deadlineWait: (electionId: string) => inElection(electionId, 'DEADLINE-WAIT'),
  /** The election's current workflow execution (see executions.ts). */
  execution: (electionId: string) => inElection(electionId, 'EXECUTION'),
  nomination: (electionId: string, office: string, nomineeId: string, kind: string) =>
    inElection(electionId, `NOMINATION#${office}#${nomineeId}#${kind}`),
  /** One nominee per office per supporter: the marker's key is the rule. */
  supporter: (electionId: string, office: string, supporterId: string) =>
    inElection(electionId, `SUPPORT#${office}#${supporterId}`),
  candidate: (electionId: string, office: string, memberId: string) =>
    inElection(electionId, `CANDIDATE#${office}#${memberId}`),
  objection: (electionId: string, objectionId: string) =>
    inElection(electionId, `OBJECTION#${objectionId}`),
  /** A rate-limit count of one fixed window (`limit` names it: per-election, per-source#hash). */
  rateWindow: (electionId: string, limit: string, windowId: string) =>
    inElection(electionId, `RATE#${limit}#${windowId}`),
  /** An election hour with objections the organizers' digest has not covered yet. */
  objectionDigest: (electionId: string, windowId: string) =>
    inElection(electionId, `OBJECTION-DIGEST#${windowId}`),
  round: (electionId: string, roundId: string) => inElection(electionId, `ROUND#${roundId}`),
  /** Ballots live in their round's own partition, keyed by serial: a serial is stored once. */
  ballot: (electionId: string, roundId: string, serial: string) =>
    inBallots(electionId, roundId, `BALLOT#${serial}`),
  ballotPartition,
  /** Double entry (双人录入): a serial's entries beside the ballots, never linked to a voter. */
  entry: (electionId: string, roundId: string, serial: string) =>
    inBallots(electionId, roundId, `ENTRY#${serial}`),
  /** An electronic voter's "has voted" marker: same partition, never linked to a ballot. */
  voted: (electionId: string, roundId: string, memberId: string) =>
    inBallots(electionId, roundId, `VOTED#${memberId}`),
  approval: (approvalId: string) => ({ pk: `APPROVAL#${approvalId}`, sk: 'APPROVAL' }),
  /** The current approval of one thing to approve: asking for it again finds it (idempotence). */
  approvalSlot: (electionId: string, kind: string, ref: string) =>
    inElection(electionId, `APPROVAL-SLOT#${kind}#${ref}`),
  notice: (electionId: string, noticeKey: string) => inElection(electionId, `NOTICE#${noticeKey}`),
  /** An address SES reported as bouncing or complaining: no notice is sent to it again. */
  undeliverable: (address: string) => ({ pk: `MAILBOX#${address}`, sk: 'UNDELIVERABLE' }),
  auditHead: (scope: string) => ({ pk: `AUDIT#${scope}`, sk: 'HEAD' }),
  auditEntry: (scope: string, seq: number) => ({ pk: `AUDIT#${scope}`, sk: `ENTRY#${pad(seq)}` }),
  auditPartition: (scope: string) => `AUDIT#${scope}`,
  batch: (batchId: string) => ({ pk: `BATCH#${batchId}`, sk: 'BATCH' }),
  batchMember: (batchId: string, seq: number) => ({
    pk: `BATCH#${batchId}`,
    sk: `MEMBER#${String(seq).padStart(6, '0')}`,
  }),
  /** One resend of an approval's mail in a window: the key makes quick repeats one (approvals.ts). */
  approvalResend: (approvalId: string, windowId: string) => ({
    pk: `APPROVAL#${approvalId}`,
    sk: `RESEND#${windowId}`,
  }),
  /** A 唱票 board link (count-boards.ts): the random token is the credential, read by get. */
  countBoard: (token: string) => ({ pk: `COUNT-BOARD#${token}`, sk: 'COUNT-BOARD' }),
  /** An election written but whose workflow is not started yet (see elections.ts). */
  pendingStart: (electionId: string) => ({ pk: 'WORKFLOW-STARTS', sk: `ELECTION#${electionId}` }),
  pendingStartPartition: 'WORKFLOW-STARTS',
  /** Who runs a job now (one sweep of each sweeper at a time): see leases.ts. */
  lease: (name: string) => ({ pk: `LEASE#${name}`, sk: 'LEASE' }),

  // Supervision after the election (监督管理): recalls, the 任职承诺书, term goals, progress.
  recall: (electionId: string, recallId: string) => inElection(electionId, `RECALL#${recallId}`),
  /** One pending recall per office holder: the marker's key is the rule (deleted when settled). */
  recallPending: (electionId: string, holderId: string) =>
    inElection(electionId, `RECALL-PENDING#${holderId}`),
  commitment: (electionId: string, commitmentId: string) =>
    inElection(electionId, `COMMITMENT#${commitmentId}`),
  /** The election's current 任职承诺书: one pending or approved at a time. */
  commitmentSlot: (electionId: string) => inElection(electionId, 'COMMITMENT-SLOT'),
  /** Goal ids are unique within the organization: the key is the rule. */
  goal: (orgId: string, goalId: string) => ({ pk: `ORG#${orgId}`, sk: `GOAL#${goalId}` }),
  progress: (orgId: string, goalId: string, progressId: string) => ({
    pk: `ORG#${orgId}`,
    sk: `PROGRESS#${goalId}#${progressId}`,
  }),
  orgPartition: (orgId: string) => `ORG#${orgId}`,
} as const;
