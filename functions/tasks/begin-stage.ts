import { beginStage } from '../../shared/rules/index.ts';
import { saveElection } from '../../shared/store/elections.ts';
import { stageContext } from '../../shared/workflow/context.ts';
import { STAGE_LOGIC } from '../../shared/workflow/stage-logic.ts';
import { loadElection, StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

/**
 * A stage's entry: its actual start in the calendar, then its entry actions (notices, …), once.
 * Re-run after a crash it finds the stage begun and does nothing; a stage resumed after a halt
 * (a new start in its calendar entry) begins again.
 */
export const handler = taskHandler(StageTaskInput, async ({ electionId, stage }) => {
  let election = await loadElection(electionId);
  const entry = election.calendar[stage];
  if (election.begun?.stage === stage && election.begun.from === entry?.from) return {};
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
  // Entry actions first: they are idempotent, and the mark below is set only once they are done.
  await STAGE_LOGIC[stage].begin?.(stageContext({ ...election, calendar }, stage, now));
  election = await saveElection(
    { ...election, calendar, begun: { stage, from } },
    {
      scope: `ELECTION#${electionId}`,
      actor: 'workflow',
      action: 'stage-begun',
      data: { stage, from, until: calendar[stage]?.until },
    },
  );
  return {};
});
