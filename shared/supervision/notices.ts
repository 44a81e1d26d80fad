import {
  notify,
  rollRecipients,
  superiorRecipients,
  type TypedNotifyRequest,
} from '../notices/index.ts';
import { organizersOf } from '../notices/recipients.ts';
import type { Tally } from '../rules/index.ts';
import type {
  ApprovalRecord,
  CommitmentRecord,
  ElectionRecord,
  GoalRecord,
  RecallRecord,
} from '../store/records.ts';
import type { Supervised } from './context.ts';

/**
 * The e-mails of supervision (SPEC §4, §9): a recall filed goes to the office holder, the
 * signatories and the superior; its outcome to every member (and the organizers and superior);
 * an approval's outcome to the organizers and those it concerns; an approved 任职承诺书 to every
 * member. Each is keyed by its template and subject in the outbox: sent once.
 */

export const mailRecallFiled = (election: ElectionRecord, recall: RecallRecord, s: Supervised) =>
  notify({
    electionId: election.id,
    template: 'recall-filed',
    ref: recall.id,
    recipients: [
      ...s.recipients([recall.officeHolderId, ...recall.signatoryIds]),
      ...superiorRecipients(s.org.superior),
    ],
    data: {
      organization: s.org.name,
      recallId: recall.id,
      holder: s.name(recall.officeHolderId),
      office: recall.office,
      signatories: recall.signatoryIds.map(s.name),
      reason: recall.reason,
      filedAt: recall.filedAt,
    },
  } satisfies TypedNotifyRequest<'recall-filed'>);

export const mailRecallOutcome = (
  election: ElectionRecord,
  recall: RecallRecord,
  s: Supervised,
  outcome: { outcome: 'rejected' | 'recalled' | 'retained'; at: string; tally?: Tally },
) =>
  notify({
    electionId: election.id,
    template: 'recall-outcome',
    ref: recall.id,
    recipients: [
      ...rollRecipients(s.roll),
      ...s.recipients([recall.officeHolderId, ...recall.signatoryIds]),
      ...organizersOf(s.org),
      ...superiorRecipients(s.org.superior),
    ],
    data: {
      organization: s.org.name,
      holder: s.name(recall.officeHolderId),
      office: recall.office,
      outcome: outcome.outcome,
      decidedAt: outcome.at,
      ...(recall.comment ? { comment: recall.comment } : {}),
      ...(outcome.tally ? { tally: outcome.tally } : {}),
      membersRemoved: (recall.membersRemoved ?? []).map(s.name),
    },
  } satisfies TypedNotifyRequest<'recall-outcome'>);

/** The superior's decision, to the organizers and the members it concerns. */
export const mailApprovalOutcome = (
  election: ElectionRecord,
  approval: ApprovalRecord,
  s: Supervised,
  concerned: readonly string[],
) => {
  const comment = approval.decision?.comment?.trim();
  return notify({
    electionId: election.id,
    template: 'approval-outcome',
    ref: `approval-${approval.id}`,
    recipients: [...organizersOf(s.org), ...s.recipients(concerned)],
    data: {
      organization: s.org.name,
      kind: approval.kind,
      decision: approval.status === 'approved' ? 'approved' : 'rejected',
      decidedAt: approval.decidedAt ?? new Date().toISOString(),
      superior: s.org.superior.name,
      selection: [],
      ...(comment ? { comment } : {}),
    },
  } satisfies TypedNotifyRequest<'approval-outcome'>);
};

/** 任职承诺书 published: to every member, the organizers and the superior. */
export const mailCommitmentPublished = (
  election: ElectionRecord,
  commitment: CommitmentRecord,
  goals: readonly GoalRecord[],
  s: Supervised,
) =>
  notify({
    electionId: election.id,
    template: 'commitment-published',
    ref: commitment.id,
    recipients: [...rollRecipients(s.roll), ...organizersOf(s.org)],
    data: {
      organization: s.org.name,
      holder: s.name(commitment.holderId),
      goals: goals.map(({ category, text, target }) => ({ category, text, target })),
      approvedAt: commitment.decidedAt ?? new Date().toISOString(),
      approvedBy: s.org.superior.name,
    },
  } satisfies TypedNotifyRequest<'commitment-published'>);
