import { expireApproval, findCurrentApproval } from '../../shared/election/approvals/approval.ts';
import { STAGE_LOGIC } from '../../shared/workflow/stages/index.ts';
import { StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

/** The approval's task timed out: its id expires (the next request mails a reminder with a new one). */
export const handler = taskHandler(StageTaskInput, async ({ electionId, stage }) => {
  const kind = STAGE_LOGIC[stage].approval?.kind;
  if (!kind) return {};
  const approval = await findCurrentApproval({ electionId, kind, stage });
  if (approval?.status === 'pending') await expireApproval(approval.id);
  return {};
});
