import { broken, type Checked, ok, type Stage, type Violation } from '../../rules/index.ts';
import type { ElectionRecord } from '../../store/records.ts';

/**
 * Puts a halted election back into one of its stages (POST …/resume), decided without the
 * table. The stage runs from now until `deadline` (marked as moved, so the workflow keeps that
 * deadline when it begins the stage); the halt reason is cleared.
 * Refused with `not-halted` (a conflict) unless the election is halted, with `unknown-stage`
 * when its preset does not run that stage, with `deadline-not-in-future` otherwise.
 */
export const resumeElection = (
  election: ElectionRecord,
  stage: Stage,
  deadline: string,
  now: Date,
): Checked<ElectionRecord> => {
  if (election.stage !== 'halted') {
    return broken([
      {
        rule: 'not-halted',
        message: `只有已中止(halted)的选举可以恢复;本选举当前阶段为 ${election.stage}`,
        conflict: true,
      },
    ]);
  }
  const violations: Violation[] = [];
  if (!election.rules.stages.includes(stage)) {
    violations.push({
      rule: 'unknown-stage',
      message: `预设 ${election.preset} 没有阶段 ${stage}(可选:${election.rules.stages.join('、')})`,
    });
  }
  if (!(Date.parse(deadline) > now.getTime())) {
    violations.push({ rule: 'deadline-not-in-future', message: '新的截止时间必须晚于当前时间' });
  }
  if (violations.length > 0) return broken(violations);
  const { haltReason: _reason, ...rest } = election;
  return ok({
    ...rest,
    stage,
    calendar: {
      ...election.calendar,
      [stage]: { from: now.toISOString(), until: new Date(deadline).toISOString(), moved: true },
    },
  });
};
