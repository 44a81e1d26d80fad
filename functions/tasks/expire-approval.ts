import { expireApproval } from '../../shared/election/approvals.ts';
import { stageContext } from '../../shared/workflow/context.ts';
import { loadElection, StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

/** The approval's task timed out: its id expires (the next request mails a reminder with a new one). */
export const handler = taskHandler(StageTaskInput, async ({ electionId, stage }) => {
  const ctx = stageContext(await loadElection(electionId), stage);
  for (const approval of await ctx.approvals()) {
    if (approval.status === 'pending') await expireApproval(approval.id);
  }
  return {};
});
