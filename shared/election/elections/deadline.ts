import { broken, type Checked, moveDeadline, ok, Stage } from '../../rules/index.ts';
import type { ElectionRecord } from '../../store/records.ts';

/** Stands in for a planned deadline that cannot have passed yet. */
const FAR_FUTURE = '9999-12-31T00:00:00.000Z';

/** Elections that have ended: nothing of their calendar moves any more. */
const ENDED = new Set(['completed', 'cancelled']);

/**
 * An organizer moves one stage's deadline (PUT …/deadlines/{stage}), decided without the table.
 * Refused with `unknown-stage` when the election does not run that stage, `election-ended` /
 * `stage-closed` (conflicts) when the election or that stage is over, and the rules'
 * `deadline-passed` (conflict), `deadline-not-in-future`, `deadline-before-start`.
 */
export const moveElectionDeadline = (
  election: ElectionRecord,
  stage: string,
  deadline: string,
  now: Date,
): Checked<ElectionRecord> => {
  const parsed = Stage.safeParse(stage);
  if (!parsed.success || !election.calendar[parsed.data]) {
    return broken([
      { rule: 'unknown-stage', message: `本次选举没有阶段 ${stage},无法调整其截止时间` },
    ]);
  }
  if (ENDED.has(election.stage)) {
    return broken([
      {
        rule: 'election-ended',
        message: `选举已结束(${election.stage}),不能再调整截止时间`,
        conflict: true,
      },
    ]);
  }
  const stages: readonly string[] = election.rules.stages;
  const current = stages.indexOf(election.stage);
  if (current >= 0 && stages.indexOf(parsed.data) < current) {
    return broken([
      {
        rule: 'stage-closed',
        message: `阶段 ${stage} 已经结束(当前阶段 ${election.stage}),不能再调整其截止时间`,
        conflict: true,
      },
    ]);
  }
  // A later stage has only a planned deadline: behind schedule, it may lie in the past without
  // having passed (the stage has not run), and moving it is still allowed.
  const begun = current < 0 || stages.indexOf(parsed.data) <= current;
  const entry = election.calendar[parsed.data];
  const calendar =
    begun || !entry
      ? election.calendar
      : { ...election.calendar, [parsed.data]: { ...entry, until: FAR_FUTURE } };
  const moved = moveDeadline(calendar, parsed.data, deadline, now.toISOString());
  if (!moved.ok) return moved;
  return ok({ ...election, calendar: moved.value });
};
