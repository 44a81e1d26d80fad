import { beginStage } from '../../shared/rules/index.ts';
import { StaleElection, saveElection } from '../../shared/store/elections.ts';
import { stageContext } from '../../shared/workflow/context.ts';
import { STAGE_LOGIC } from '../../shared/workflow/stages/index.ts';
import { loadElection, StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

/**
 * A stage's entry: its actual start in the calendar, then its entry actions (notices, …), once.
 * The start is recorded first (`begun.entering`): a retry — the save after the actions may
 * meet an organizer's concurrent change — or a re-run after a crash begins at that same start,
 * so the notices keyed by it are not sent again. Re-run once the actions are done it does
 * nothing; a stage resumed after a halt (a new start in its calendar entry) begins again.
 */
export const handler = taskHandler(StageTaskInput, async ({ electionId, stage }) => {
  let election = await loadElection(electionId);
  const entry = election.calendar[stage];
  const recorded = election.begun?.stage === stage && election.begun.from === entry?.from;
  if (recorded && !election.begun?.entering) return {};
  if (!recorded) {
    const now = new Date();
    const calendar =
      election.begun?.stage === stage || !entry
        ? election.calendar
        : beginStage(
            election.calendar,
            stage,
            now.toISOString(),
            election.rules,
            election.dayLengthMs,
          );
    const from = calendar[stage]?.from ?? now.toISOString();
    election = await saveElection(
      { ...election, calendar, begun: { stage, from, entering: true } },
      {
        scope: `ELECTION#${electionId}`,
        actor: 'workflow',
        action: 'stage-begun',
        data: { stage, from, until: calendar[stage]?.until },
      },
    );
  }
  const from = election.begun?.from as string;
  await STAGE_LOGIC[stage].begin?.(stageContext(election, stage, new Date()));
  // The actions are done: marked so, on the election as it is now (an organizer may have moved
  // a deadline meanwhile).
  for (let attempt = 1; ; attempt++) {
    try {
      await saveElection(
        { ...election, begun: { stage, from } },
        {
          scope: `ELECTION#${electionId}`,
          actor: 'workflow',
          action: 'stage-entered',
          data: { stage, from },
        },
      );
      return {};
    } catch (error) {
      if (!(error instanceof StaleElection) || attempt >= 5) throw error;
      election = await loadElection(electionId);
      if (election.begun?.stage !== stage || election.begun.from !== from) return {};
    }
  }
});
