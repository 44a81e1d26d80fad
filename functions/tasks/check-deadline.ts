import { nextDeadlineCheck } from '../../shared/rules/timing.ts';
import { STAGE_LOGIC } from '../../shared/workflow/stages/index.ts';
import { loadElection, StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

/** Re-reads the stage's deadline (an organizer may have moved it): passed, or when to look again. */
export const handler = taskHandler(StageTaskInput, async ({ electionId, stage }) => {
  const election = await loadElection(electionId);
  const deadline = election.calendar[stage]?.until;
  if (!STAGE_LOGIC[stage].timed || !deadline)
    return { passed: true, waitUntil: new Date().toISOString() };
  return nextDeadlineCheck(deadline, new Date(), election.dayLengthMs);
});
