import * as z from 'zod';
import { remindOrganizers } from '../../shared/workflow/remind.ts';
import { loadElection, StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

/** Nobody acted for a calendar day: the organizers are told what is open. */
export const handler = taskHandler(
  StageTaskInput.extend({ reason: z.string() }),
  async ({ electionId, stage, reason }) => {
    await remindOrganizers(await loadElection(electionId), stage, reason);
    return {};
  },
);
