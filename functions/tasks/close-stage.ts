import { approvalTimeoutSeconds, remindAfterSeconds } from '../../shared/rules/timing.ts';
import { stageContext } from '../../shared/workflow/context.ts';
import { STAGE_LOGIC } from '../../shared/workflow/stages/index.ts';
import { loadElection, StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

/**
 * Closes the stage if the people's work is done — or says what it waits for. The pacing of the
 * waits that may follow travels with the answer (the state machine reads it as a path).
 */
export const handler = taskHandler(StageTaskInput, async ({ electionId, stage }) => {
  const election = await loadElection(electionId);
  const logic = STAGE_LOGIC[stage];
  const ctx = stageContext(election, stage);
  const open = (await logic.waitingFor?.(ctx)) ?? null;
  const outcome = open ? { outcome: 'await' as const, reason: open } : await logic.finish(ctx);
  return {
    reason: '',
    ...outcome,
    remindAfterSeconds: remindAfterSeconds(election),
    approvalTimeoutSeconds: approvalTimeoutSeconds(election),
  };
});
