import { randomBytes } from 'node:crypto';
import { releaseToken } from '../../aws/step-functions.ts';
import { conflict, fromViolations, notFound, unprocessable } from '../../errors.ts';
import { logger } from '../../log.ts';
import { notify } from '../../notices/index.ts';
import { APPROVAL_KIND_NAMES, RATING_NAMES } from '../../notices/labels.ts';
import { percent, STAGE_NAMES } from '../../notices/words.ts';
import { checkFormalSelection, formatShanghai, type Stage } from '../../rules/index.ts';
import {
  decideApprovalWrite,
  expireApprovalWrite,
  getApproval,
  getApprovalSlot,
  putNewApproval,
  renewApproval,
} from '../../store/approvals.ts';
import { getElection } from '../../store/elections.ts';
import { getOrganization } from '../../store/organizations.ts';
import type { ApprovalKind, ApprovalRecord, ElectionRecord } from '../../store/records.ts';
import { ConditionFailed, commit } from '../../store/transact.ts';
import { electionScope } from '../access.ts';
import { electionNames } from '../names.ts';
import {
  type ApprovalSubject,
  readSubject,
  type SubjectCandidate,
  subjectCandidateIds,
} from './subject.ts';

/**
 * Approvals by the superior (SPEC §4, §9): the workflow's waiting task token is kept under a
 * random, unguessable id; the superior gets a link with the id (never the token), decides on the
 * page, and the decision releases the token. An id works once and only until its task times out.
 */

/** 18 random bytes: 144 bits, 24 URL-safe characters. */
export const newApprovalId = (): string => randomBytes(18).toString('base64url');

const WORKFLOW = 'workflow';
const SUPERIOR = 'superior';
const MAX_ATTEMPTS = 5;

/**
 * The token of an approval no workflow task waits for: those after the election is `completed`
 * (任职承诺书, recall, by-election result). Nothing is released for it; the decision is applied
 * by the caller's `AfterUnawaitedDecision` instead.
 */
export const NO_TASK = '';

/**
 * What follows a decision no workflow task waits for (NO_TASK): supervision's consequences,
 * passed in by the composition root (`afterSupervisionDecision`) so that the election does not
 * import supervision. Required: a default that did nothing would fail silently.
 */
export type AfterUnawaitedDecision = (approval: ApprovalRecord) => Promise<void>;

export interface ApprovalRequest {
  election: Pick<ElectionRecord, 'id' | 'orgId'>;
  kind: ApprovalKind;
  stage?: Stage;
  /**
   * What of its kind is approved when the stage does not say (a recall id, a by-election round
   * id): with election and kind, the identity of the request. Default: the stage, else the kind.
   */
  ref?: string;
  subject: ApprovalSubject;
  /** The waiting task's token: stored in the record only (NO_TASK when no task waits). */
  token: string;
  /** The task's timeout: the id expires with it. */
  timeoutSeconds: number;
}

/** What the released task outputs. */
export interface ApprovalOutcome {
  approvalId: string;
  decision: 'approve' | 'reject';
  selection?: string[];
}

const outcomeOf = (approval: ApprovalRecord): ApprovalOutcome => ({
  approvalId: approval.id,
  decision: approval.decision?.decision ?? 'reject',
  ...(approval.decision?.selection ? { selection: approval.decision.selection } : {}),
});

const refOf = (request: Pick<ApprovalRequest, 'kind' | 'stage' | 'ref'>): string =>
  request.ref ?? request.stage ?? request.kind;

/** Whether the id can still be decided: pending and not past its expiry. */
export const isDecidable = (approval: ApprovalRecord, at: Date): boolean =>
  approval.status === 'pending' && approval.expiresAt > at.toISOString();

/** When the id stops (or stopped) working: its task's timeout, or earlier if the workflow said so. */
export const expiryOf = (approval: ApprovalRecord): string =>
  approval.expiredAt && approval.expiredAt < approval.expiresAt
    ? approval.expiredAt
    : approval.expiresAt;

/** The current approval of (election, kind, stage or ref), whatever its status: for the workflow's close. */
export const findCurrentApproval = async (
  request: Pick<ApprovalRequest, 'kind' | 'stage' | 'ref'> & { electionId: string },
): Promise<ApprovalRecord | undefined> => {
  const slot = await getApprovalSlot(request.electionId, request.kind, refOf(request));
  return slot ? getApproval(slot.approvalId) : undefined;
};

/**
 * Asks the superior to approve: a new approval, e-mailed to each superior address
 * ('approval-reminder' when the previous one of the same thing expired). Idempotent for the
 * workflow's retries: while the same thing's approval is pending and unexpired, it keeps its id
 * (the link mailed stays valid, no second mail) and takes the new token and timeout.
 */
export const requestApproval = async (
  request: ApprovalRequest,
  now: () => Date = () => new Date(),
): Promise<ApprovalRecord> => {
  const { election, kind, stage, token } = request;
  const ref = refOf(request);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const at = now();
    const expiresAt = new Date(at.getTime() + request.timeoutSeconds * 1000).toISOString();
    const slot = await getApprovalSlot(election.id, kind, ref);
    const current = slot && (await getApproval(slot.approvalId));

    if (current && isDecidable(current, at)) {
      const renewed = await renew(current, token, expiresAt);
      if (renewed) {
        // Records nothing new (same notices), and sends any that failed before.
        if (renewed.status === 'pending') await mailSuperior(renewed);
        return renewed;
      }
      continue; // it expired meanwhile: a new one, as a reminder
    }

    let previousId: string | undefined;
    if (current?.status === 'pending' || current?.status === 'expired') {
      // A pending id past its expiry is expired: its task timed out without telling us yet.
      if (current.status === 'pending') await expireApproval(current.id, now);
      previousId = current.id;
    }
    const approval: ApprovalRecord = {
      id: newApprovalId(),
      electionId: election.id,
      kind,
      ...(stage ? { stage } : {}),
      ...(request.ref ? { ref: request.ref } : {}),
      ...(previousId ? { previousId } : {}),
      token,
      status: 'pending',
      createdAt: at.toISOString(),
      expiresAt,
      subject: request.subject,
    };
    try {
      await commit(
        putNewApproval(
          approval,
          { electionId: election.id, kind, ref, approvalId: approval.id },
          slot?.approvalId,
        ),
        {
          scope: electionScope(election.id),
          actor: WORKFLOW,
          action: 'approval-requested',
          data: { approvalId: approval.id, kind, stage, ref, expiresAt, previousId },
        },
        () => at,
      );
    } catch (error) {
      if (error instanceof ConditionFailed) continue; // another request took the slot: look again
      throw error;
    }
    await mailSuperior(approval);
    return approval;
  }
  throw new Error(`approval of ${kind} ${ref} for election ${election.id}: the slot kept changing`);
};

/**
 * A retried task's token on the pending approval. Undefined when it expired meanwhile; when it
 * was decided meanwhile, the new token is released at once with that decision.
 */
const renew = async (
  current: ApprovalRecord,
  token: string,
  expiresAt: string,
): Promise<ApprovalRecord | undefined> => {
  try {
    await commit([renewApproval(current.id, token, expiresAt)], {
      scope: electionScope(current.electionId),
      actor: WORKFLOW,
      action: 'approval-renewed',
      data: { approvalId: current.id, kind: current.kind, stage: current.stage, expiresAt },
    });
    return { ...current, token, expiresAt };
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
  }
  const after = await getApproval(current.id);
  if (after?.status === 'approved' || after?.status === 'rejected') {
    if (token !== NO_TASK) await releaseToken(token, outcomeOf(after));
    return after;
  }
  return undefined;
};

/**
 * The request (or reminder) to every superior address; the outbox sends each once per `ref`
 * (an organizer's resend passes its own).
 */
export const mailSuperior = async (approval: ApprovalRecord, ref = approval.id): Promise<void> => {
  const election = await getElection(approval.electionId);
  const organization = election && (await getOrganization(election.orgId));
  if (!election || !organization) {
    throw new Error(`election ${approval.electionId} or its organization is missing`);
  }
  const previous = approval.previousId ? await getApproval(approval.previousId) : undefined;
  await notify({
    electionId: approval.electionId,
    template: approval.previousId ? 'approval-reminder' : 'approval-request',
    ref,
    recipients: organization.superior.emails.map((email) => ({
      id: `${SUPERIOR}:${email}`,
      name: organization.superior.name,
      email,
    })),
    data: {
      ...(await requestMailData(approval, election, organization.name)),
      ...(previous ? { expiredAt: previous.expiredAt ?? previous.expiresAt } : {}),
    },
  });
};

/** The data of the approval-request template: who is concerned, and the facts of the page. */
const requestMailData = async (
  approval: ApprovalRecord,
  election: ElectionRecord,
  organization: string,
) => {
  const subject = readSubject(approval.subject);
  const known = Object.fromEntries((subject.candidates ?? []).map((c) => [c.memberId, c.name]));
  const names = await electionNames(election, known);
  const facts: [string, string][] = [
    ['审批事项', subject.title ?? APPROVAL_KIND_NAMES[approval.kind]],
  ];
  if (approval.stage) facts.push(['选举阶段', STAGE_NAMES[approval.stage]]);
  if (subject.description) facts.push(['说明', subject.description]);
  const { secretary, deputies = [], members = [] } = subject.result ?? {};
  if (secretary) facts.push(['当选书记', names(secretary)]);
  if (deputies.length > 0) facts.push(['当选副书记', deputies.map(names).join('、')]);
  if (members.length > 0) facts.push(['当选委员', members.map(names).join('、')]);
  if (subject.recall) {
    facts.push(['被罢免人', names(subject.recall.officeHolderId)]);
    facts.push(['罢免理由', subject.recall.reason]);
  }
  return {
    organization,
    approvalId: approval.id,
    kind: approval.kind,
    expiresAt: approval.expiresAt,
    candidates: (subject.candidates ?? []).map((c) => ({
      name: names(c.memberId),
      ...(candidateDetail(c) ? { detail: candidateDetail(c) } : {}),
    })),
    ...(approval.kind === 'inspection' ? { select: election.rules.formalSecretaryCandidates } : {}),
    facts: facts.filter(([, value]) => value.trim().length > 0),
  };
};

/** e.g. `得票 12；推荐综合得票率 45.83%；考察评价：优秀`. */
const candidateDetail = (candidate: SubjectCandidate): string | undefined => {
  const parts = [
    candidate.count === undefined ? undefined : `得票 ${candidate.count}`,
    candidate.rate === undefined ? undefined : `综合得票率 ${percent(candidate.rate)}`,
    candidate.inspection
      ? `考察评价：${RATING_NAMES[candidate.inspection.rating] ?? candidate.inspection.rating}`
      : undefined,
    candidate.elected === undefined ? undefined : candidate.elected ? '当选' : '未当选',
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join('；') : undefined;
};

/**
 * The workflow's task timed out: the id stops working (pending → expired, once). Answers the
 * approval as it now is; undefined for an unknown id.
 */
export const expireApproval = async (
  approvalId: string,
  now: () => Date = () => new Date(),
): Promise<ApprovalRecord | undefined> => {
  const approval = await getApproval(approvalId);
  if (approval?.status !== 'pending') return approval;
  const at = now().toISOString();
  try {
    await commit(
      [expireApprovalWrite(approvalId, at)],
      {
        scope: electionScope(approval.electionId),
        actor: WORKFLOW,
        action: 'approval-expired',
        data: { approvalId, kind: approval.kind, stage: approval.stage },
      },
      now,
    );
  } catch (error) {
    if (error instanceof ConditionFailed) return getApproval(approvalId);
    throw error;
  }
  return { ...approval, status: 'expired', expiredAt: at };
};

export interface DecisionInput {
  decision: 'approve' | 'reject';
  selection?: readonly string[];
  comment?: string;
}

/** 409 unless the approval can still be decided. */
const requireOpen = (approval: ApprovalRecord, at: Date): void => {
  if (approval.status === 'approved' || approval.status === 'rejected') {
    throw conflict(
      'approval-decided',
      `此审批已于 ${formatShanghai(approval.decidedAt ?? approval.createdAt)} 作出决定，不能再次提交`,
    );
  }
  if (!isDecidable(approval, at)) {
    throw conflict('approval-expired', `此审批链接已于 ${formatShanghai(expiryOf(approval))} 过期`);
  }
};

/**
 * The formal candidates chosen, for an approved inspection (exactly `formalSecretaryCandidates`
 * among the inspected, else 422); a rejection chooses nobody, and other kinds take no selection.
 */
const selectionOf = (
  approval: ApprovalRecord,
  election: ElectionRecord,
  input: DecisionInput,
): string[] | undefined => {
  const selection = input.selection ?? [];
  if (approval.kind !== 'inspection') {
    if (selection.length > 0) {
      throw unprocessable(
        'selection-not-allowed',
        `${APPROVAL_KIND_NAMES[approval.kind]}的审批不选择候选人（selection）`,
      );
    }
    return undefined;
  }
  if (input.decision === 'reject') return undefined;
  const checked = checkFormalSelection(
    selection,
    subjectCandidateIds(approval.subject),
    election.rules,
  );
  if (!checked.ok) throw fromViolations(checked.violations);
  return checked.value.candidateIds;
};

/**
 * The superior's decision on the page: 404 for an unknown id, 409 once decided or expired, 422
 * for a wrong selection. The first decision wins, however many arrive at once; it is recorded
 * and audited, then the workflow's task is released with it (or, when none waits,
 * `afterUnawaited` applies it).
 */
export const decideApproval = async (
  approvalId: string,
  input: DecisionInput,
  afterUnawaited: AfterUnawaitedDecision,
  now: () => Date = () => new Date(),
): Promise<ApprovalRecord> => {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const at = now();
    const approval = await getApproval(approvalId);
    if (!approval) throw notFound(`approval ${approvalId}`);
    requireOpen(approval, at);
    const election = await getElection(approval.electionId);
    if (!election) throw notFound(`election ${approval.electionId}`);
    const selection = selectionOf(approval, election, input);
    const comment = input.comment?.trim();
    const decision: NonNullable<ApprovalRecord['decision']> = {
      decision: input.decision,
      ...(selection ? { selection } : {}),
      ...(comment ? { comment } : {}),
    };
    try {
      await commit(
        [decideApprovalWrite(approval, decision, at.toISOString())],
        {
          scope: electionScope(approval.electionId),
          actor: SUPERIOR,
          action: 'approval-decided',
          data: { approvalId, kind: approval.kind, stage: approval.stage, ...decision },
        },
        () => at,
      );
    } catch (error) {
      // Decided, expired, or the task retried with a new token: read it again.
      if (error instanceof ConditionFailed) continue;
      throw error;
    }
    const decided: ApprovalRecord = {
      ...approval,
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      decidedAt: at.toISOString(),
      decision,
    };
    await release(decided, afterUnawaited);
    return decided;
  }
  throw conflict('approval-busy', '此审批正在更新，请稍后再试');
};

/**
 * Releases the waiting task. The decision is already recorded, so a failure here is logged, not
 * answered: the workflow's close reads the decision from the record when its task times out.
 */
const release = async (
  approval: ApprovalRecord,
  afterUnawaited: AfterUnawaitedDecision,
): Promise<void> => {
  if (approval.token === NO_TASK) {
    await afterUnawaited(approval);
    return;
  }
  try {
    await releaseToken(approval.token, outcomeOf(approval));
  } catch (error) {
    logger.error('could not release the approval task', {
      approvalId: approval.id,
      electionId: approval.electionId,
      error,
    });
  }
};
