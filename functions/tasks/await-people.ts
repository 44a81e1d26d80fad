import * as z from 'zod';
import { releaseToken } from '../../shared/aws/step-functions.ts';
import { setAwaiting } from '../../shared/store/elections.ts';
import { stageContext } from '../../shared/workflow/context.ts';
import { remindOrganizers } from '../../shared/workflow/remind.ts';
import { STAGE_LOGIC } from '../../shared/workflow/stages/index.ts';
import { loadElection, StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

/**
 * Parks the workflow until people act: the token is stored where the API finds it, then the
 * work is looked at once more — an action that came before the token was stored would
 * otherwise go unnoticed until the next reminder.
 */
export const handler = taskHandler(
  StageTaskInput.extend({ token: z.string().min(1), reason: z.string() }),
  async ({ electionId, stage, token, reason }) => {
    await setAwaiting(electionId, { reason, stage, token, since: new Date().toISOString() });
    const election = await loadElection(electionId);
    const logic = STAGE_LOGIC[stage];
    const open = await logic.waitingFor?.(stageContext(election, stage));
    if (!open) {
      await releaseToken(token);
      return {};
    }
    // A stage kept open past its deadline tells the organizers at once, not a day later.
    const deadline = election.calendar[stage]?.until;
    if (logic.timed && deadline && Date.parse(deadline) <= Date.now()) {
      await remindOrganizers(election, stage, open);
    }
    return {};
  },
);
