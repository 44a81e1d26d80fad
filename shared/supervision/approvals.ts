import {
  findCurrentApproval,
  isDecidable,
  NO_TASK,
  requestApproval,
} from '../election/approvals/approval.ts';
import type { ApprovalSubject } from '../election/approvals/subject.ts';
import { conflict } from '../errors.ts';
import { formatShanghai } from '../rules/index.ts';
import { approvalTimeoutSeconds } from '../rules/timing.ts';
import type { ApprovalKind, ApprovalRecord, ElectionRecord } from '../store/records.ts';

/**
 * The superior's approvals after the election (任职承诺书, 罢免, 补选结果): no workflow task waits
 * for them — the election is `completed` — so they are requested without a task token, and the
 * decision is applied by the supervision code when the superior decides (approvals.ts hands it
 * to follow-ups.ts). Their links expire after `approvalTimeoutDays` calendar days like
 * any other; nothing times out by itself, so a new link is sent when the organizers ask for a
 * reminder (`remindSuperior`).
 */

export type SupervisionKind = Extract<ApprovalKind, 'commitment' | 'recall' | 'by-election'>;

export const requestSupervisionApproval = (
  election: ElectionRecord,
  kind: SupervisionKind,
  ref: string,
  subject: ApprovalSubject,
): Promise<ApprovalRecord> =>
  requestApproval({
    election,
    kind,
    ref,
    subject,
    token: NO_TASK,
    timeoutSeconds: approvalTimeoutSeconds(election),
  });

/**
 * The superior's decision as the decided record keeps it: when (now if the approval has no
 * time), and the trimmed comment — `fields` carries the comment only when one was written.
 */
export const superiorDecision = (approval: ApprovalRecord) => {
  const decidedAt = approval.decidedAt ?? new Date().toISOString();
  const comment = approval.decision?.comment?.trim();
  return { decidedAt, comment, fields: { decidedAt, ...(comment ? { comment } : {}) } };
};

/**
 * The record an approval decides (its `ref`), while it still awaits the superior; undefined once
 * decided, so that applying a decision again changes nothing.
 */
export const awaitingDecision = async <R extends { status: string }>(
  approval: ApprovalRecord,
  load: (ref: string) => Promise<R | undefined>,
): Promise<R | undefined> => {
  const record = approval.ref ? await load(approval.ref) : undefined;
  return record?.status === 'pending-approval' ? record : undefined;
};

export interface ReminderAnswer {
  kind: SupervisionKind;
  /** The approval's status now: `pending` with a new link, or the decision found. */
  status: ApprovalRecord['status'];
  expiresAt: string;
  /** Whether a new link was e-mailed (an `approval-reminder`, or a first request). */
  reminded: boolean;
}

/**
 * The organizers' reminder: a link that expired unanswered is replaced by a new one, mailed as
 * a reminder to every superior address (the old id stays expired). A link that still works is
 * left alone (409, saying until when). A decision already recorded is applied once more
 * (idempotent), in case applying it failed when it was made.
 */
export const remindSuperior = async (request: {
  election: ElectionRecord;
  kind: SupervisionKind;
  ref: string;
  subject: () => Promise<ApprovalSubject>;
  apply: (approval: ApprovalRecord) => Promise<unknown>;
}): Promise<ReminderAnswer> => {
  const { election, kind, ref } = request;
  const current = await findCurrentApproval({ electionId: election.id, kind, ref });
  if (current?.status === 'approved' || current?.status === 'rejected') {
    await request.apply(current);
    return { kind, status: current.status, expiresAt: current.expiresAt, reminded: false };
  }
  if (current && isDecidable(current, new Date())) {
    throw conflict(
      'approval-open',
      `审批链接仍然有效(至 ${formatShanghai(current.expiresAt)}),上级党组织可继续使用原链接`,
      [{ kind, expiresAt: current.expiresAt }],
    );
  }
  const approval = await requestSupervisionApproval(election, kind, ref, await request.subject());
  return { kind, status: approval.status, expiresAt: approval.expiresAt, reminded: true };
};
