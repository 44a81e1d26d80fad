import { randomUUID } from 'node:crypto';
import { electionScope } from '../election/access.ts';
import { afterwards } from '../election/afterwards.ts';
import type { ApprovalSubject } from '../election/approvals/subject.ts';
import { conflict, forbidden, notFound, unprocessable } from '../errors.ts';
import type { Principal } from '../principal.ts';
import type {
  ApprovalRecord,
  CommitmentRecord,
  ElectionRecord,
  GoalRecord,
} from '../store/records.ts';
import {
  decideCommitmentWrites,
  getCommitment,
  getGoal,
  listCommitments,
  putNewCommitment,
} from '../store/supervision.ts';
import { ConditionFailed, commit } from '../store/transact.ts';
import {
  awaitingDecision,
  type ReminderAnswer,
  remindSuperior,
  requestSupervisionApproval,
  superiorDecision,
} from './approvals.ts';
import { requireCompleted, type Supervised, supervised } from './context.ts';
import { mailApprovalOutcome, mailCommitmentPublished } from './notices.ts';
import type { CommitmentBody } from './schemas.ts';

/**
 * The elected secretary's 任职承诺书 (第七条 1): goals for party building, the community economy,
 * employment and other social work, each with a measurable target. Submitted by the secretary
 * or the organizers once the election is `completed`, approved by the superior by link, then
 * published on the board and e-mailed to every member. One commitment is pending or approved
 * per election at a time; after a rejection a revised one may be submitted.
 */

const goalView = ({ id, category, text, target }: GoalRecord) => ({ id, category, text, target });

export const commitmentView = (commitment: CommitmentRecord, goals: readonly GoalRecord[]) => ({
  id: commitment.id,
  electionId: commitment.electionId,
  holderId: commitment.holderId,
  status: commitment.status,
  goals: goals.map(goalView),
  submittedAt: commitment.submittedAt,
  ...(commitment.decidedAt ? { decidedAt: commitment.decidedAt } : {}),
  ...(commitment.comment ? { comment: commitment.comment } : {}),
});

const goalsOf = async (commitment: CommitmentRecord): Promise<GoalRecord[]> =>
  (await Promise.all(commitment.goalIds.map((id) => getGoal(commitment.orgId, id)))).filter(
    (goal): goal is GoalRecord => goal?.commitmentId === commitment.id,
  );

/** What the superior's page shows: the secretary and every goal with its target. */
const subjectOf = (
  commitment: CommitmentRecord,
  goals: readonly GoalRecord[],
  s: Supervised,
): ApprovalSubject => {
  const holder = s.name(commitment.holderId);
  return {
    title: `书记${holder}的任职承诺书`,
    description: `书记${holder}根据在党员大会上的承诺提交《任职承诺书》,共 ${goals.length} 项目标。批准后在全社区公示,接受街道党工委和党员群众监督。`,
    office: 'secretary',
    candidates: [{ memberId: commitment.holderId, name: holder, office: 'secretary' }],
    goals: goals.map(({ category, text, target }) => ({ category, text, target })),
  };
};

const repeatedIds = (goals: CommitmentBody['goals']): string[] => {
  const ids = goals.flatMap((goal) => (goal.id ? [goal.id] : []));
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
};

/**
 * Records a commitment (`pending-approval`) and asks the superior. 409: the election is not
 * completed, has no secretary in office, already has a pending or approved commitment, or a
 * goal id is taken in the organization; 422: a goal id repeated; 403: neither an organizer nor
 * the secretary.
 */
export const submitCommitment = async (
  election: ElectionRecord,
  principal: Principal,
  body: CommitmentBody,
): Promise<ReturnType<typeof commitmentView>> => {
  requireCompleted(election);
  const holderId = election.result?.secretary;
  if (!holderId) {
    throw conflict('no-secretary', '本届书记已不在任(已被罢免),任职承诺书由新当选的书记提交');
  }
  if (!principal.roles.includes('organizer') && principal.sub !== holderId) {
    throw forbidden('任职承诺书由当选的书记本人或选举工作小组提交');
  }
  const repeated = repeatedIds(body.goals);
  if (repeated.length > 0) {
    throw unprocessable('duplicate-goal-id', `目标编号重复:${repeated.join('、')}`, [
      { path: ['body', 'goals'], ids: repeated },
    ]);
  }

  const at = new Date().toISOString();
  const commitmentId = randomUUID();
  const goals: GoalRecord[] = body.goals.map((goal) => ({
    id: goal.id ?? `goal-${randomUUID()}`,
    orgId: election.orgId,
    electionId: election.id,
    commitmentId,
    category: goal.category,
    text: goal.text,
    target: goal.target,
    status: 'pending-approval',
    createdAt: at,
  }));
  const commitment: CommitmentRecord = {
    id: commitmentId,
    electionId: election.id,
    orgId: election.orgId,
    holderId,
    goalIds: goals.map((goal) => goal.id),
    status: 'pending-approval',
    submittedBy: principal.sub,
    submittedAt: at,
    version: 1,
  };
  try {
    await commit(putNewCommitment(commitment, goals), {
      scope: electionScope(election.id),
      actor: principal.sub,
      action: 'commitment-submitted',
      data: { commitmentId, holderId, goals: goals.map(goalView) },
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    if (error.index === 0) {
      throw conflict(
        'commitment-exists',
        '本届书记的任职承诺书已提交(待审批或已批准);被退回后才能重新提交',
      );
    }
    const goal = goals[error.index - 2];
    throw conflict('goal-id-taken', `目标编号 ${goal?.id} 在本组织已被使用`, [
      { path: ['body', 'goals', error.index - 2, 'id'], id: goal?.id },
    ]);
  }
  // The commitment stands; should asking fail, the organizers' reminder asks again.
  await afterwards('commitment approval request', commitmentId, async () =>
    requestSupervisionApproval(
      election,
      'commitment',
      commitmentId,
      subjectOf(commitment, goals, await supervised(election)),
    ),
  );
  return commitmentView(commitment, goals);
};

/**
 * The superior decided (follow-ups.ts): approved → the commitment and its goals are
 * approved (on the board from now on) and every member is told; rejected → it may be revised
 * and submitted again. Idempotent: a commitment no longer pending is left as it is.
 */
export const applyCommitmentDecision = async (
  election: ElectionRecord,
  approval: ApprovalRecord,
): Promise<void> => {
  const commitment = await awaitingDecision(approval, (ref) => getCommitment(election.id, ref));
  if (!commitment) return;
  const approved = approval.status === 'approved';
  const { decidedAt, comment, fields } = superiorDecision(approval);
  const decided: CommitmentRecord = {
    ...commitment,
    status: approved ? 'approved' : 'rejected',
    ...fields,
  };
  const goals = (await goalsOf(commitment)).map(
    (goal): GoalRecord => ({
      ...goal,
      status: decided.status,
      ...(approved ? { approvedAt: decidedAt } : {}),
    }),
  );
  try {
    await commit(decideCommitmentWrites(decided, goals), {
      scope: electionScope(election.id),
      actor: 'superior',
      action: approved ? 'commitment-approved' : 'commitment-rejected',
      data: { commitmentId: commitment.id, approvalId: approval.id, comment },
    });
  } catch (error) {
    if (error instanceof ConditionFailed) return; // applied meanwhile
    throw error;
  }
  const s = await supervised(election);
  await mailApprovalOutcome(election, approval, s, [commitment.holderId]);
  if (approved) await mailCommitmentPublished(election, decided, goals, s);
};

const loadCommitment = async (election: ElectionRecord, commitmentId: string) => {
  const commitment = await getCommitment(election.id, commitmentId);
  if (!commitment) throw notFound(`commitment ${commitmentId}`);
  return commitment;
};

export const showCommitment = async (election: ElectionRecord, commitmentId: string) => {
  const commitment = await loadCommitment(election, commitmentId);
  return commitmentView(commitment, await goalsOf(commitment));
};

export const listCommitmentViews = async (election: ElectionRecord) =>
  Promise.all(
    (await listCommitments(election.id)).map(async (c) => commitmentView(c, await goalsOf(c))),
  );

/** The organizers' reminder to the superior (409 once decided and applied). */
export const remindCommitment = async (
  election: ElectionRecord,
  commitmentId: string,
): Promise<ReminderAnswer> => {
  const commitment = await loadCommitment(election, commitmentId);
  if (commitment.status !== 'pending-approval') {
    throw conflict('already-decided', `任职承诺书已审批(${commitment.status}),无需提醒`);
  }
  return remindSuperior({
    election,
    kind: 'commitment',
    ref: commitment.id,
    subject: async () =>
      subjectOf(commitment, await goalsOf(commitment), await supervised(election)),
    apply: (approval) => applyCommitmentDecision(election, approval),
  });
};
