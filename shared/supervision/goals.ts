import { randomUUID } from 'node:crypto';
import { electionScope } from '../election/access.ts';
import { conflict, notFound } from '../errors.ts';
import type { Principal } from '../principal.ts';
import type { GoalRecord, OrganizationRecord, ProgressRecord } from '../store/records.ts';
import { getGoal, listGoals, listProgress, putProgress } from '../store/supervision.ts';
import { ConditionFailed, commit } from '../store/transact.ts';
import type { ProgressBody } from './schemas.ts';

/**
 * Term goals (任期目标): the approved goals of a 任职承诺书, and the progress the organizers
 * record against them through the term — what the annual work report (第二篇) is made of.
 */

export const progressView = ({ id, goalId, at, text, value, recordedAt }: ProgressRecord) => ({
  id,
  goalId,
  at,
  text,
  ...(value === undefined ? {} : { value }),
  recordedAt,
});

const notApproved = (goal: GoalRecord) =>
  conflict(
    'goal-not-approved',
    `目标 ${goal.id} 所属的任职承诺书${goal.status === 'rejected' ? '未获批准' : '尚未批准'},不能记录进展`,
    [{ goalId: goal.id, status: goal.status }],
  );

/**
 * Records progress against an approved goal (409 otherwise, 404 for an unknown goal), audited
 * in the chain of the election whose commitment holds the goal.
 */
export const recordProgress = async (
  org: OrganizationRecord,
  goalId: string,
  principal: Principal,
  body: ProgressBody,
): Promise<ReturnType<typeof progressView>> => {
  const goal = await getGoal(org.id, goalId);
  if (!goal) throw notFound(`goal ${goalId}`);
  if (goal.status !== 'approved') throw notApproved(goal);
  const progress: ProgressRecord = {
    id: randomUUID(),
    orgId: org.id,
    goalId,
    at: body.at,
    text: body.text,
    ...(body.value === undefined ? {} : { value: body.value }),
    recordedBy: principal.sub,
    recordedAt: new Date().toISOString(),
  };
  try {
    await commit(putProgress(progress), {
      scope: electionScope(goal.electionId),
      actor: principal.sub,
      action: 'goal-progress-recorded',
      data: progressView(progress),
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    throw notApproved((await getGoal(org.id, goalId)) ?? goal);
  }
  return progressView(progress);
};

/** Every goal of the organization with its status and its progress so far. */
export const goalsWithProgress = async (orgId: string) => {
  const [goals, progress] = await Promise.all([listGoals(orgId), listProgress(orgId)]);
  return goals
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((goal) => ({
      id: goal.id,
      electionId: goal.electionId,
      commitmentId: goal.commitmentId,
      category: goal.category,
      text: goal.text,
      target: goal.target,
      status: goal.status,
      ...(goal.approvedAt ? { approvedAt: goal.approvedAt } : {}),
      progress: progress.filter((p) => p.goalId === goal.id).map(progressView),
    }));
};
