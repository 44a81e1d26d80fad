import { createHash, randomUUID } from 'node:crypto';
import * as z from 'zod';
import { conflict, notFound, unprocessable } from '../../errors.ts';
import { notify } from '../../notices/index.ts';
import { organizersOf } from '../../notices/recipients.ts';
import type { Principal } from '../../principal.ts';
import { MemberId, NOTICE_STAGES, Office, type Stage } from '../../rules/index.ts';
import { candidateStillIs, getCandidate, updateCandidate } from '../../store/candidates.ts';
import {
  getObjection,
  listObjections,
  putNewObjection,
  resolveObjectionWrite,
} from '../../store/objections.ts';
import { getRoll } from '../../store/organizations.ts';
import type { CandidateStatus, ElectionRecord, ObjectionRecord } from '../../store/records.ts';
import { ConditionFailed, commit, type Write } from '../../store/transact.ts';
import { electionScope, organizationOf } from '../access.ts';
import { commitInStage, requireStage } from '../stage.ts';
import { wakeWorkflow } from '../wake.ts';

/**
 * 异议: anyone may object to a candidate the current 公示 publishes; the organizers resolve every
 * objection (upheld → the candidate is removed, with the reason). The text reaches the
 * organizers only: the board shows how many objections there are and their resolutions.
 */

/** `POST /v1/elections/{id}/objections` (public). */
export const ObjectionBody = z.strictObject({
  candidateId: MemberId,
  office: Office,
  text: z.string().trim().min(1).max(5000),
});
export type ObjectionBody = z.infer<typeof ObjectionBody>;

/** `POST /v1/elections/{id}/objections/{objectionId}/resolution`. */
export const ResolutionBody = z.strictObject({
  decision: z.enum(['upheld', 'dismissed']),
  reason: z.string().trim().min(1).max(2000),
});
export type ResolutionBody = z.infer<typeof ResolutionBody>;

/** Whom each notice stage publishes: the only candidates objections may be filed against. */
export const PUBLISHED_STATUS: Partial<Record<Stage, CandidateStatus>> = {
  'preliminary-notice': 'preliminary',
  'formal-notice': 'formal',
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Files an objection against a candidate of the running notice; the organizers are told. */
export const fileObjection = async (
  election: ElectionRecord,
  body: ObjectionBody,
): Promise<{ id: string }> => {
  const what = 'filing an objection (异议)';
  requireStage(election, NOTICE_STAGES, what);
  const stage = election.stage as Stage;
  const published = PUBLISHED_STATUS[stage] as CandidateStatus;
  const candidate = await getCandidate(election.id, body.office, body.candidateId);
  if (candidate?.status !== published) {
    throw unprocessable(
      'not-a-candidate',
      `${body.candidateId} is not a ${published} candidate for ${body.office} in this notice`,
    );
  }

  const objection: ObjectionRecord = {
    id: randomUUID(),
    candidateId: body.candidateId,
    office: body.office,
    text: body.text,
    stage,
    filedAt: new Date().toISOString(),
    status: 'open',
  };
  await commitInStage(
    election,
    [stage],
    what,
    [candidateStillIs(election.id, candidate, published), putNewObjection(election.id, objection)],
    {
      scope: electionScope(election.id),
      actor: 'public',
      action: 'objection-filed',
      // The text stays on the objection; the chain holds its digest, so a changed text shows.
      data: {
        objectionId: objection.id,
        candidateId: objection.candidateId,
        office: objection.office,
        stage,
        textSha256: sha256(objection.text),
      },
    },
    () =>
      unprocessable('not-a-candidate', `${body.candidateId} is no longer a ${published} candidate`),
  );

  const [roll, org] = await Promise.all([
    getRoll(election.orgId, election.rollId),
    organizationOf(election),
  ]);
  const name = roll.find((member) => member.id === objection.candidateId)?.name;
  const until = election.calendar[stage]?.until;
  await notify({
    electionId: election.id,
    template: 'objection-filed',
    ref: objection.id,
    recipients: organizersOf(org),
    data: {
      organization: org.name,
      objectionId: objection.id,
      candidate: name ?? objection.candidateId,
      office: objection.office,
      text: objection.text,
      filedAt: objection.filedAt,
      ...(until ? { until } : {}),
    },
  });
  return { id: objection.id };
};

/**
 * Resolves an open objection once. Upheld removes the candidate in the same transaction; whether
 * too few candidates remain is the workflow's to decide when the stage closes.
 */
export const resolveObjection = async (
  election: ElectionRecord,
  principal: Principal,
  objectionId: string,
  body: ResolutionBody,
): Promise<ObjectionRecord> => {
  const objection = await getObjection(election.id, objectionId);
  if (!objection) throw notFound(`objection ${objectionId}`);
  const alreadyResolved = () =>
    conflict(
      'already-resolved',
      `objection ${objectionId} is already resolved (${objection.status})`,
    );
  if (objection.status !== 'open') throw alreadyResolved();

  const resolution = { reason: body.reason, by: principal.sub, at: new Date().toISOString() };
  const writes: Write[] = [
    resolveObjectionWrite(election.id, objectionId, body.decision, resolution),
  ];
  if (body.decision === 'upheld') {
    writes.push(
      updateCandidate(
        election.id,
        { office: objection.office, memberId: objection.candidateId },
        { status: 'removed', statusReason: body.reason },
      ),
    );
  }
  try {
    await commit(writes, {
      scope: electionScope(election.id),
      actor: principal.sub,
      action: 'objection-resolved',
      data: {
        objectionId,
        candidateId: objection.candidateId,
        office: objection.office,
        decision: body.decision,
        reason: body.reason,
        ...(body.decision === 'upheld' ? { candidateStatus: 'removed' } : {}),
      },
    });
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) throw alreadyResolved();
    if (error instanceof ConditionFailed) throw notFound(`candidate ${objection.candidateId}`);
    throw error;
  }
  await wakeWorkflow(election.id);
  return { ...objection, status: body.decision, resolution };
};

/** Every objection of the election, oldest first, with its status (for the organizers). */
export const objectionsOf = (electionId: string): Promise<ObjectionRecord[]> =>
  listObjections(electionId);
