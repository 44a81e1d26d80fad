import * as z from 'zod';
import { requestApproval } from '../../shared/election/approvals/approval.ts';
import { approvalTimeoutSeconds } from '../../shared/rules/timing.ts';
import { stageContext } from '../../shared/workflow/context.ts';
import { STAGE_LOGIC } from '../../shared/workflow/stages/index.ts';
import { loadElection, StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

/**
 * Asks the superior: the token is kept under a random, single-use approval id, and the link to
 * it is e-mailed. A retried or re-run request keeps the pending id and mails nobody again.
 */
export const handler = taskHandler(
  StageTaskInput.extend({ token: z.string().min(1) }),
  async ({ electionId, stage, token }) => {
    const election = await loadElection(electionId);
    const approval = STAGE_LOGIC[stage].approval;
    if (!approval) throw new Error(`stage ${stage} asks for no approval`);
    const ctx = stageContext(election, stage);
    await requestApproval({
      election,
      kind: approval.kind,
      stage,
      subject: await approval.subject(ctx),
      token,
      timeoutSeconds: approvalTimeoutSeconds(election),
    });
    return {};
  },
);
