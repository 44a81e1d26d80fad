import { z } from 'zod';
import { notify, type TypedNotifyRequest } from '../../shared/notices/index.ts';
import { stageContext } from '../../shared/workflow/context.ts';
import { organizersOf } from '../../shared/workflow/recipients.ts';
import { openWork } from '../../shared/workflow/stage-logic.ts';
import { loadElection, StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

/** Nobody acted for a calendar day: the organizers are told what is open, once that day. */
export const handler = taskHandler(
  StageTaskInput.extend({ reason: z.string() }),
  async ({ electionId, stage, reason }) => {
    const election = await loadElection(electionId);
    const ctx = stageContext(election, stage);
    const org = await ctx.org();
    const from = Date.parse(ctx.since);
    const day = Math.floor((Date.now() - from) / election.dayLengthMs);
    await notify({
      electionId,
      template: 'organizer-reminder',
      ref: `${stage}@${ctx.since}:${reason}:day-${day}`,
      recipients: organizersOf(org),
      data: {
        organization: org.name,
        stage,
        deadline: election.calendar[stage]?.until ?? ctx.since,
        open: [await openWork(ctx, reason)],
      },
    } satisfies TypedNotifyRequest<'organizer-reminder'>);
    return {};
  },
);
