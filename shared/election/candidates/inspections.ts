import { conflict, fromViolations, unprocessable } from '../../errors.ts';
import type { Principal } from '../../principal.ts';
import { checkInspectionProposal } from '../../rules/index.ts';
import { type CandidateGuard, getCandidate, updateCandidate } from '../../store/candidates.ts';
import { listCandidates } from '../../store/nominations.ts';
import type { CandidateRecord, ElectionRecord } from '../../store/records.ts';
import { electionScope } from '../access.ts';
import { commitInStage, requireStage } from '../stage.ts';
import { wakeWorkflow } from '../wake.ts';
import type { InspectionBody, ProposalBody } from './schemas.ts';

/**
 * 组织考察: the organizers record the inspection of each recommended secretary candidate, once;
 * the inspection stage waits for all of them before the superior's vote. Where more were
 * recommended than go to the superior (nanjing: 4 → 3), the organizers then submit their choice
 * (`proposeToSuperior`), and the inspection stage waits for it too.
 */

export const recordInspection = async (
  election: ElectionRecord,
  principal: Principal,
  body: InspectionBody,
): Promise<{ candidateId: string; inspection: NonNullable<CandidateRecord['inspection']> }> => {
  const what = 'recording an inspection (考察)';
  requireStage(election, ['inspection'], what);
  const candidate = await getCandidate(election.id, 'secretary', body.candidateId);
  if (candidate?.status !== 'recommended') {
    throw unprocessable(
      'not-recommended',
      `${body.candidateId} is not a recommended secretary candidate (考察人选)`,
    );
  }
  const alreadyInspected = () =>
    conflict('already-inspected', `the inspection of ${body.candidateId} is already recorded`);
  if (candidate.inspection) throw alreadyInspected();

  const inspection = {
    summary: body.summary,
    rating: body.rating,
    by: principal.sub,
    at: new Date().toISOString(),
  };
  await commitInStage(
    election,
    ['inspection'],
    what,
    [
      updateCandidate(
        election.id,
        candidate,
        { inspection },
        { status: 'recommended', absent: ['inspection'] },
      ),
    ],
    {
      scope: electionScope(election.id),
      actor: principal.sub,
      action: 'inspection-recorded',
      data: { candidateId: body.candidateId, rating: body.rating, summary: body.summary },
    },
    alreadyInspected,
  );
  await wakeWorkflow(election.id);
  return { candidateId: body.candidateId, inspection };
};

const NOT_PROPOSED = '经组织考察,未被确定为提交上级党组织票决的人选';

/**
 * The organizers submit exactly `inspectionCount` of the inspected to the superior, once every
 * recommended candidate is inspected; the others are eliminated with the reason, in the same
 * commit. Only when more were recommended than that (else 422), once (else 409).
 */
export const proposeToSuperior = async (
  election: ElectionRecord,
  principal: Principal,
  body: ProposalBody,
): Promise<{ proposed: string[]; eliminated: string[] }> => {
  const what = 'submitting the inspected to the superior (确定提交票决的人选)';
  requireStage(election, ['inspection'], what);
  const secretaries = (await listCandidates(election.id)).filter((c) => c.office === 'secretary');
  const alreadyProposed = () =>
    conflict('already-proposed', 'the candidates for the superior’s vote are already submitted');
  if (secretaries.some((c) => c.proposal)) throw alreadyProposed();
  const recommended = secretaries.filter((c) => c.status === 'recommended');
  const checked = checkInspectionProposal(
    body.candidateIds,
    recommended.map((c) => ({ memberId: c.memberId, inspected: c.inspection !== undefined })),
    election.rules,
  );
  if (!checked.ok) throw fromViolations(checked.violations);
  const { proposed, eliminated } = checked.value;

  const proposal = { by: principal.sub, at: new Date().toISOString() };
  const statusReason = body.reason ? `${NOT_PROPOSED}:${body.reason}` : NOT_PROPOSED;
  const guard: CandidateGuard = {
    status: 'recommended',
    present: ['inspection'],
    absent: ['proposal'],
  };
  const writes = recommended.map((candidate) =>
    updateCandidate(
      election.id,
      candidate,
      proposed.includes(candidate.memberId)
        ? { proposal: { ...proposal, proposed: true } }
        : { proposal: { ...proposal, proposed: false }, status: 'eliminated', statusReason },
      guard,
    ),
  );
  await commitInStage(
    election,
    ['inspection'],
    what,
    writes,
    {
      scope: electionScope(election.id),
      actor: principal.sub,
      action: 'inspection-proposal',
      data: { proposed, eliminated, reason: body.reason ?? null },
    },
    alreadyProposed,
  );
  await wakeWorkflow(election.id);
  return { proposed, eliminated };
};
