import { randomUUID } from 'node:crypto';
import { electionScope } from '../election/access.ts';
import { afterwards } from '../election/afterwards.ts';
import type { ApprovalSubject } from '../election/approvals/subject.ts';
import { openRound } from '../election/rounds/round.ts';
import { conflict, forbidden, fromViolations, notFound } from '../errors.ts';
import { OFFICE_NAMES } from '../notices/words.ts';
import type { Principal } from '../principal.ts';
import { checkRecallPetition, type RecallPetition } from '../rules/index.ts';
import type { ApprovalRecord, ElectionRecord, RecallRecord } from '../store/records.ts';
import { listRounds } from '../store/rounds.ts';
import {
  getRecall,
  listRecalls,
  putNewRecall,
  putRecallVersion,
  releaseRecallMarker,
} from '../store/supervision.ts';
import { ConditionFailed, commit, type Write } from '../store/transact.ts';
import { awaitingDecision, requestSupervisionApproval, superiorDecision } from './approvals.ts';
import { requireCompleted, type Supervised, supervised } from './context.ts';
import { mailApprovalOutcome, mailRecallFiled, mailRecallOutcome } from './notices.ts';

/**
 * 罢免 (第七条 2–3, SPEC §2 step 11): a petition of ≥ `recallMinSignatories` members of the
 * organization (full or probationary, on its current roll) against someone in office; the superior investigates and approves or rejects it by link; an
 * approved recall is voted on by the members' assembly (a round of kind `recall`), whose outcome
 * recall-vote.ts applies. One petition per office holder is pending at a time.
 */

export const recallView = (recall: RecallRecord) => ({
  id: recall.id,
  electionId: recall.electionId,
  officeHolderId: recall.officeHolderId,
  office: recall.office,
  status: recall.status,
  reason: recall.reason,
  signatoryIds: recall.signatoryIds,
  filedAt: recall.filedAt,
  ...(recall.decidedAt ? { decidedAt: recall.decidedAt } : {}),
  ...(recall.comment ? { comment: recall.comment } : {}),
  ...(recall.roundId ? { roundId: recall.roundId } : {}),
  ...(recall.settledAt ? { settledAt: recall.settledAt } : {}),
  ...(recall.membersRemoved ? { membersRemoved: recall.membersRemoved } : {}),
  ...(recall.newElectionId ? { newElectionId: recall.newElectionId } : {}),
  ...(recall.byElection
    ? {
        byElectionRoundId: recall.byElection.roundId,
        byElection: {
          status: recall.byElection.status,
          candidateIds: recall.byElection.candidateIds,
          ...(recall.byElection.elected ? { elected: recall.byElection.elected } : {}),
        },
      }
    : {}),
});
export type RecallView = ReturnType<typeof recallView>;

export const loadRecall = async (election: ElectionRecord, recallId: string) => {
  const recall = await getRecall(election.id, recallId);
  if (!recall) throw notFound(`recall ${recallId}`);
  return recall;
};

/** What the superior's page shows: the holder, the reason, the signatories. */
export const recallSubject = (recall: RecallRecord, s: Supervised): ApprovalSubject => {
  const holder = s.name(recall.officeHolderId);
  return {
    title: `罢免${OFFICE_NAMES[recall.office]}${holder}`,
    description: `${recall.signatoryIds.length}名党员联名提出罢免${OFFICE_NAMES[recall.office]}${holder}的要求。请调查核实:理由成立的予以批准,召开党员大会投票表决;不成立的不予批准。`,
    office: recall.office,
    candidates: [{ memberId: recall.officeHolderId, name: holder, office: recall.office }],
    recall: {
      officeHolderId: recall.officeHolderId,
      reason: recall.reason,
      signatoryIds: recall.signatoryIds,
    },
  };
};

/**
 * Files a petition (SPEC §9): by an organizer, or by a member who signs it (else 403); the
 * election `completed` (else 409); the rules' check against the current roll (too few distinct
 * signatories, one not a member of the organization, the holder signing, someone not in office → 422, nothing stored); one
 * pending petition per holder (409). Then the holder, the signatories and the superior are
 * e-mailed, and the superior gets the approval link.
 */
export const fileRecall = async (
  election: ElectionRecord,
  principal: Principal,
  petition: RecallPetition,
): Promise<RecallView> => {
  requireCompleted(election);
  const signs = petition.signatoryIds.includes(principal.sub);
  if (!principal.roles.includes('organizer') && !(principal.roles.includes('member') && signs)) {
    throw forbidden('罢免要求由联名党员本人或选举工作小组提交');
  }
  const s = await supervised(election);
  const checked = checkRecallPetition(petition, s.roll, election.result ?? {}, election.rules);
  if (!checked.ok) throw fromViolations(checked.violations);

  const recall: RecallRecord = {
    id: randomUUID(),
    electionId: election.id,
    orgId: election.orgId,
    ...checked.value,
    status: 'pending-approval',
    filedBy: principal.sub,
    filedAt: new Date().toISOString(),
    version: 1,
  };
  try {
    await commit(putNewRecall(recall), {
      scope: electionScope(election.id),
      actor: principal.sub,
      action: 'recall-filed',
      data: {
        recallId: recall.id,
        officeHolderId: recall.officeHolderId,
        office: recall.office,
        signatoryIds: recall.signatoryIds,
        reason: recall.reason,
      },
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    throw conflict(
      'recall-pending',
      `对 ${s.name(recall.officeHolderId)} 的罢免要求正在处理中,不能重复提出`,
      [{ officeHolderId: recall.officeHolderId }],
    );
  }
  await afterwards('recall-filed mail', recall.id, () => mailRecallFiled(election, recall, s));
  // The petition stands; should asking fail, the organizers' reminder asks again.
  await afterwards('recall approval request', recall.id, () =>
    requestSupervisionApproval(election, 'recall', recall.id, recallSubject(recall, s)),
  );
  return recallView(recall);
};

/** Saves the recall's next version with an audit entry; false when it changed meanwhile. */
export const saveRecall = async (
  recall: RecallRecord,
  actor: string,
  action: string,
  data: Record<string, unknown>,
  writes: Write[] = [],
): Promise<boolean> => {
  try {
    await commit([putRecallVersion(recall), ...writes], {
      scope: electionScope(recall.electionId),
      actor,
      action,
      data: { recallId: recall.id, ...data },
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailed) return false;
    throw error;
  }
};

/**
 * The recall round for a recall: a round of kind `recall` (the holder the one candidate, one
 * seat) — unless another recall's round is open (one recall vote at a time on an election's
 * `recall` stage): then this one waits its turn and opens when that one settles.
 */
const openRecallRound = async (
  election: ElectionRecord,
  recall: RecallRecord,
  actor: string,
): Promise<string | undefined> => {
  const open = (await listRounds(election.id)).find(
    (round) => round.stage === 'recall' && round.status === 'open',
  );
  if (open && open.candidates[0] !== recall.officeHolderId) return undefined;
  const round = await openRound(
    election,
    {
      kind: 'recall',
      office: recall.office,
      stage: 'recall',
      candidates: [recall.officeHolderId],
      seats: 1,
      revotesSoFar: 0,
    },
    actor,
  );
  // Another recall's round opened meanwhile (openRound answers the stage's open round).
  return round.candidates[0] === recall.officeHolderId ? round.id : undefined;
};

/** Opens the round of the oldest approved recall still waiting for one (after a vote settled). */
export const openNextRecallRound = async (election: ElectionRecord, actor: string) => {
  const waiting = (await listRecalls(election.id)).find((r) => r.status === 'voting' && !r.roundId);
  if (!waiting) return;
  const roundId = await openRecallRound(election, waiting, actor);
  if (roundId) await saveRecall({ ...waiting, roundId }, actor, 'recall-round-opened', { roundId });
};

/**
 * The superior decided (follow-ups.ts): approved → `voting` and the recall round opens
 * (the entitled members are invited); rejected → `rejected`, nothing else changes, and every
 * member is told. Idempotent: a recall no longer pending approval is left as it is.
 */
export const applyRecallDecision = async (
  election: ElectionRecord,
  approval: ApprovalRecord,
): Promise<void> => {
  const recall = await awaitingDecision(approval, (ref) => getRecall(election.id, ref));
  if (!recall) return;
  const { decidedAt, comment, fields: decision } = superiorDecision(approval);
  const s = await supervised(election);

  if (approval.status === 'rejected') {
    const rejected: RecallRecord = { ...recall, ...decision, status: 'rejected' };
    const saved = await saveRecall(
      rejected,
      'superior',
      'recall-rejected',
      {
        approvalId: approval.id,
        comment,
      },
      [releaseRecallMarker(recall)],
    );
    if (saved) {
      await mailRecallOutcome(election, rejected, s, { outcome: 'rejected', at: decidedAt });
    }
    return;
  }

  const roundId = await openRecallRound(election, recall, 'superior');
  const voting: RecallRecord = {
    ...recall,
    ...decision,
    status: 'voting',
    ...(roundId ? { roundId } : {}),
  };
  const saved = await saveRecall(voting, 'superior', 'recall-approved', {
    approvalId: approval.id,
    comment,
    roundId,
  });
  if (saved) {
    await mailApprovalOutcome(election, approval, s, [
      recall.officeHolderId,
      ...recall.signatoryIds,
    ]);
  }
};

export const listRecallViews = async (election: ElectionRecord) =>
  (await listRecalls(election.id)).map(recallView);
