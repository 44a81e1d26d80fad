import { electionScope } from '../election/access.ts';
import { afterwards } from '../election/afterwards.ts';
import type { ApprovalSubject } from '../election/approvals/subject.ts';
import { type AfterRound, openRound } from '../election/rounds/round.ts';
import { conflict, fromViolations, unprocessable } from '../errors.ts';
import type { Principal } from '../principal.ts';
import {
  checkEligibility,
  type Member,
  officeOf,
  type Rules,
  shanghaiToday,
  shortfall,
  type Violation,
} from '../rules/index.ts';
import { getElection, StaleElection, saveElection } from '../store/elections.ts';
import type {
  ApprovalRecord,
  ByElection,
  ElectionRecord,
  ElectionResult,
  RecallRecord,
  RoundRecord,
} from '../store/records.ts';
import { listRounds } from '../store/rounds.ts';
import { getRecall, listRecalls, putRecallVersion } from '../store/supervision.ts';
import { ConditionFailed } from '../store/transact.ts';
import { requestSupervisionApproval } from './approvals.ts';
import { requireCompleted, supervised } from './context.ts';
import { mailApprovalOutcome } from './notices.ts';
import { loadRecall, saveRecall } from './recalls.ts';
import type { ByElectionBody } from './schemas.ts';

/**
 * 补选 (第七条 3): the seat of a recalled committee member (or deputy) is filled at a members'
 * assembly — a round of kind `election` on the `by-election` stage, 差额 (≥ ceil(seats × 1.2)
 * eligible candidates for the one seat), the election's quorum and majority. Whoever it elects
 * is reported to the superior like any election result; once approved, `Election.result` gains
 * them.
 */

/** A by-election fills one seat: the one the recall vacated. */
const SEATS = 1;

const ALL_DOCUMENTS = { idCard: true, householdRegister: true, diploma: true, photo: true };

/**
 * The candidates' violations (pure): each once, on the roll, eligible for office on `day`, not
 * in office already; at least ceil(seats × (100 + margin) / 100) of them.
 */
export const checkByElectionCandidates = (
  candidateIds: readonly string[],
  input: { roll: readonly Member[]; result?: ElectionResult; rules: Rules; day: string },
): Violation[] => {
  const byId = new Map(input.roll.map((member) => [member.id, member]));
  const violations: Violation[] = [];
  const repeated = [...new Set(candidateIds.filter((id, i) => candidateIds.indexOf(id) !== i))];
  for (const id of repeated) {
    violations.push({ rule: 'duplicate-candidate', message: `候选人 ${id} 重复出现` });
  }
  const names = [...new Set(candidateIds)];
  let eligible = 0;
  for (const id of names) {
    const member = byId.get(id);
    if (!member) {
      violations.push({ rule: 'not-a-member', message: `${id} 不在本组织的党员名册中` });
    } else if (officeOf(input.result ?? {}, id)) {
      violations.push({ rule: 'in-office', message: `${member.name} 现已在任,不能作为补选候选人` });
    } else {
      const check = checkEligibility(
        { member, documents: ALL_DOCUMENTS, electionDay: input.day },
        input.rules,
      );
      if (check.eligible) eligible++;
      else {
        violations.push({
          rule: 'not-eligible',
          message: `${member.name} 不符合任职条件:${check.failures.map((f) => f.message).join(';')}`,
        });
      }
    }
  }
  const short = shortfall({
    count: eligible,
    seats: SEATS,
    marginPercent: input.rules.competitionMarginPercent,
    when: '补选符合条件的',
  });
  return short ? [...violations, short] : violations;
};

/** A by-election under way or done: the seat is not vacant. */
const FILLING: readonly string[] = ['voting', 'pending-approval', 'approved'];

/** A seat the recall vacated and no by-election fills (a secretary's is filled by a new election). */
const leavesVacancy = (recall: RecallRecord): boolean =>
  recall.status === 'recalled' &&
  recall.office !== 'secretary' &&
  !(recall.byElection && FILLING.includes(recall.byElection.status));

/** The seat a recall vacated, still to fill: 409 otherwise. */
const requireVacancy = (recall: RecallRecord): void => {
  if (recall.status !== 'recalled' || recall.office === 'secretary') {
    throw conflict(
      'no-vacancy',
      recall.office === 'secretary' && recall.status === 'recalled'
        ? '罢免书记后按公推直选办法重新选举(已自动启动新的选举),不进行补选'
        : `罢免要求 ${recall.id} 未产生空缺(状态 ${recall.status})`,
    );
  }
  if (recall.byElection && FILLING.includes(recall.byElection.status)) {
    throw conflict(
      'no-vacancy',
      `该空缺的补选已在进行或已完成(补选状态 ${recall.byElection.status})`,
      [{ roundId: recall.byElection.roundId }],
    );
  }
};

/**
 * The recall whose seat the by-election fills: the one named (404 unknown, 409 no vacancy from
 * it), else the only vacancy — 409 when there is none, 422 naming `recallId` when several.
 */
const vacancyToFill = async (
  election: ElectionRecord,
  recallId: string | undefined,
): Promise<RecallRecord> => {
  if (recallId !== undefined) {
    const recall = await loadRecall(election, recallId);
    requireVacancy(recall);
    return recall;
  }
  const vacant = (await listRecalls(election.id)).filter(leavesVacancy);
  const [only] = vacant;
  if (!only) {
    throw conflict('no-vacancy', '没有因罢免而空缺、尚待补选的职位');
  }
  if (vacant.length > 1) {
    const message = `有${vacant.length}个因罢免而空缺的职位,请以 recallId 指明补选哪一个`;
    throw unprocessable('recall-required', message, [
      {
        rule: 'recall-required',
        path: ['body', 'recallId'],
        message,
        recallIds: vacant.map((recall) => recall.id),
      },
    ]);
  }
  return only;
};

/**
 * Opens a by-election for the seat a recall vacated (organizers): the seat as `vacancyToFill`
 * finds it (404, 409 no vacancy, 422 which one); 409 another by-election vote open; 422
 * candidates too few or not eligible on the current roll. Answers the round's id.
 */
export const openByElection = async (
  election: ElectionRecord,
  principal: Principal,
  body: ByElectionBody,
): Promise<{ roundId: string }> => {
  requireCompleted(election);
  const recall = await vacancyToFill(election, body.recallId);
  const { roll } = await supervised(election);
  const violations = checkByElectionCandidates(body.candidateIds, {
    roll,
    ...(election.result ? { result: election.result } : {}),
    rules: election.rules,
    day: shanghaiToday(new Date()),
  });
  if (violations.length > 0) throw fromViolations(violations);
  const open = (await listRounds(election.id)).find(
    (round) => round.stage === 'by-election' && round.status === 'open',
  );
  if (open) {
    throw conflict('by-election-open', `补选投票 ${open.id} 尚未结束,请先完成该轮投票`, [
      { roundId: open.id },
    ]);
  }

  const candidateIds = [...new Set(body.candidateIds)];
  const round = await openRound(
    election,
    {
      kind: 'election',
      office: recall.office,
      stage: 'by-election',
      candidates: candidateIds,
      seats: SEATS,
      revotesSoFar: 0,
    },
    principal.sub,
  );
  if (round.candidates.join() !== candidateIds.join()) {
    // Another by-election's round opened meanwhile (openRound answers the stage's open round).
    throw conflict('by-election-open', `补选投票 ${round.id} 尚未结束,请先完成该轮投票`, [
      { roundId: round.id },
    ]);
  }
  const byElection: ByElection = {
    firstRoundId: round.id,
    roundId: round.id,
    candidateIds,
    status: 'voting',
    openedBy: principal.sub,
    openedAt: round.openedAt,
  };
  const saved = await saveRecall({ ...recall, byElection }, principal.sub, 'by-election-opened', {
    roundId: round.id,
    office: recall.office,
    candidateIds,
  });
  if (!saved) throw conflict('recall-changed', '罢免记录已被他人更新,请重新查看后再试');
  return { roundId: round.id };
};

/** What the superior approves: the by-election's candidates and votes, who was elected. */
export const byElectionSubject = async (
  election: ElectionRecord,
  recall: RecallRecord,
): Promise<ApprovalSubject> => {
  const byElection = recall.byElection;
  const round = (await listRounds(election.id)).find((r) => r.id === byElection?.roundId);
  const s = await supervised(election);
  const elected = byElection?.elected ?? [];
  const tally = round?.tally;
  const office = recall.office;
  return {
    title: '补选结果',
    description: `因${s.name(recall.officeHolderId)}被罢免,党员大会补选${office === 'deputy' ? '副书记' : '委员'}1名,结果如下。`,
    office,
    ...(round ? { roundId: round.id } : {}),
    candidates: (byElection?.candidateIds ?? []).map((memberId) => ({
      memberId,
      name: s.name(memberId),
      office,
      ...(tally ? { count: tally.counts[memberId] ?? 0 } : {}),
      elected: elected.includes(memberId),
    })),
    ...(tally
      ? {
          totals: {
            issued: tally.issued,
            returned: tally.returned,
            valid: tally.valid,
            invalid: tally.invalid,
          },
        }
      : {}),
    result: office === 'deputy' ? { deputies: elected } : { members: elected },
  };
};

/** Who the settled round elects: its decision's, else a final tally's; undefined while open. */
const electedBy = (round: RoundRecord): string[] | undefined => {
  if (round.decision?.elected) return round.decision.elected;
  if (round.status !== 'closed' || !round.tally) return undefined;
  return round.tally.next === 'advance' ? round.tally.elected : undefined;
};

/**
 * A by-election round settled (closed, or decided by the organizers after a repeated tie): a
 * re-vote is followed; someone elected → the result goes to the superior; nobody → the
 * by-election failed and the seat stays vacant (the organizers may hold another).
 */
export const afterByElectionRound: AfterRound = async (election, round, actor) => {
  const recall = (await listRecalls(election.id)).find(
    (r) => r.byElection?.roundId === round.id && r.byElection.status === 'voting',
  );
  const byElection = recall?.byElection;
  if (!recall || !byElection) return;
  if (round.followUp) {
    await saveRecall(
      { ...recall, byElection: { ...byElection, roundId: round.followUp } },
      actor,
      'by-election-revote',
      { from: round.id, roundId: round.followUp },
    );
    return;
  }
  const elected = electedBy(round);
  if (!elected) return; // the organizers' decision is still to come
  const next: RecallRecord = {
    ...recall,
    byElection: {
      ...byElection,
      status: elected.length > 0 ? 'pending-approval' : 'failed',
      elected,
    },
  };
  const saved = await saveRecall(
    next,
    actor,
    elected.length > 0 ? 'by-election-elected' : 'by-election-failed',
    { roundId: round.id, elected },
  );
  if (!saved || elected.length === 0) return;
  await afterwards('by-election approval request', recall.id, async () =>
    requestSupervisionApproval(
      election,
      'by-election',
      byElection.firstRoundId,
      await byElectionSubject(election, next),
    ),
  );
};

/** The result with the by-elected added to the vacated office (pure). */
export const withByElected = (
  result: ElectionResult | undefined,
  office: RecallRecord['office'],
  elected: readonly string[],
): ElectionResult => {
  const current = { secretary: null, deputies: [], members: [], ...result };
  const add = (ids: readonly string[]) => [...ids, ...elected.filter((id) => !ids.includes(id))];
  return office === 'deputy'
    ? { ...current, deputies: add(current.deputies) }
    : { ...current, members: add(current.members) };
};

/**
 * The superior decided on a by-election result (follow-ups.ts): approved → `result`
 * gains the elected, in one transaction with the recall; rejected → the seat stays vacant.
 * Idempotent: a by-election no longer pending approval is left as it is.
 */
export const applyByElectionDecision = async (
  electionId: string,
  approval: ApprovalRecord,
): Promise<void> => {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const election = await getElection(electionId);
    const found = (await listRecalls(electionId)).find(
      (r) => r.byElection?.firstRoundId === approval.ref,
    );
    const recall = found && (await getRecall(electionId, found.id));
    const byElection = recall?.byElection;
    if (!election || !recall || byElection?.status !== 'pending-approval') return;
    const approved = approval.status === 'approved';
    const decided: RecallRecord = {
      ...recall,
      byElection: {
        ...byElection,
        status: approved ? 'approved' : 'rejected',
        decidedAt: approval.decidedAt ?? new Date().toISOString(),
      },
    };
    const data = { approvalId: approval.id, elected: byElection.elected ?? [] };
    try {
      if (approved) {
        const result = withByElected(election.result, recall.office, byElection.elected ?? []);
        await saveElection(
          { ...election, result },
          {
            scope: electionScope(electionId),
            actor: 'superior',
            action: 'by-election-approved',
            data: { recallId: recall.id, ...data, result },
          },
          [putRecallVersion(decided)],
        );
      } else if (!(await saveRecall(decided, 'superior', 'by-election-rejected', data))) {
        continue;
      }
    } catch (error) {
      if (error instanceof StaleElection || error instanceof ConditionFailed) continue;
      throw error;
    }
    const s = await supervised(election);
    // A rejection is for the organizers to act on; the approval-outcome template's words for a
    // rejection speak of a halted election, so it goes out on approval only.
    if (approved) await mailApprovalOutcome(election, approval, s, byElection.elected ?? []);
    return;
  }
};
