import { notify, type TypedNotifyRequest } from '../notices/index.ts';
import { organizersOf } from '../notices/recipients.ts';
import type { Stage } from '../rules/index.ts';
import type { ElectionRecord } from '../store/records.ts';
import { stageContext } from './context.ts';
import { openWork } from './stages/index.ts';

/**
 * Tells the organizers what keeps a stage open — at most once per calendar day of the stage
 * (the notice's key names the day), however often the workflow looks.
 */
export const remindOrganizers = async (election: ElectionRecord, stage: Stage, reason: string) => {
  const now = new Date();
  const ctx = stageContext(election, stage);
  const org = await ctx.org();
  const day = Math.floor((now.getTime() - Date.parse(ctx.since)) / election.dayLengthMs);
  await notify({
    electionId: election.id,
    template: 'organizer-reminder',
    ref: `${stage}@${ctx.since}:${reason}:day-${day}`,
    recipients: organizersOf(org),
    // Recorded at the instant its day was taken from: the day in its key is its day.
    at: now,
    data: {
      organization: org.name,
      stage,
      deadline: election.calendar[stage]?.until ?? ctx.since,
      open: [await openWork(ctx, reason)],
    },
  } satisfies TypedNotifyRequest<'organizer-reminder'>);
};
