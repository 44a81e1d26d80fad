import { conflict } from '../errors.ts';
import type { ElectionRecord } from '../store/records.ts';
import { type ReminderAnswer, remindSuperior } from './approvals.ts';
import { applyByElectionDecision, byElectionSubject } from './by-elections.ts';
import { supervised } from './context.ts';
import { applyRecallDecision, loadRecall, recallSubject } from './recalls.ts';

/**
 * The organizers' reminder for a recall: what of it waits for the superior — the petition
 * itself, or the result of its by-election — gets a new link when the old one expired
 * (approvals.ts). 409 when nothing of it waits for the superior.
 */
export const remindRecall = async (
  election: ElectionRecord,
  recallId: string,
): Promise<ReminderAnswer> => {
  const recall = await loadRecall(election, recallId);
  if (recall.status === 'pending-approval') {
    return remindSuperior({
      election,
      kind: 'recall',
      ref: recall.id,
      subject: async () => recallSubject(recall, await supervised(election)),
      apply: (approval) => applyRecallDecision(election, approval),
    });
  }
  const byElection = recall.byElection;
  if (byElection?.status === 'pending-approval') {
    return remindSuperior({
      election,
      kind: 'by-election',
      ref: byElection.firstRoundId,
      subject: () => byElectionSubject(election, recall),
      apply: (approval) => applyByElectionDecision(election.id, approval),
    });
  }
  throw conflict(
    'nothing-to-approve',
    `罢免要求 ${recall.id}(状态 ${recall.status})没有等待上级审批的事项`,
  );
};
