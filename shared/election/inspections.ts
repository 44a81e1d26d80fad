import * as z from 'zod';
import type { Principal } from '../http/auth.ts';
import { conflict, unprocessable } from '../http/errors.ts';
import { MemberId } from '../rules/index.ts';
import type { CandidateRecord, ElectionRecord } from '../store/records.ts';
import { electionScope } from './access.ts';
import { getCandidate, statusIs, updateCandidate } from './candidates.ts';
import { commitInStage, requireStage } from './stage.ts';
import { wakeWorkflow } from './wake.ts';

/**
 * 组织考察: the organizers record the inspection of each recommended secretary candidate, once;
 * the inspection stage waits for all of them before the superior's vote.
 */

/** `POST /v1/elections/{id}/inspections`. */
export const InspectionBody = z.strictObject({
  candidateId: MemberId,
  summary: z.string().trim().min(1).max(10_000),
  rating: z.enum(['excellent', 'good', 'fair', 'poor']),
});
export type InspectionBody = z.infer<typeof InspectionBody>;

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
  const recommended = statusIs('recommended');
  await commitInStage(
    election,
    ['inspection'],
    what,
    [
      updateCandidate(
        election.id,
        candidate,
        { inspection },
        {
          ...recommended,
          expression: `${recommended.expression} AND attribute_not_exists(inspection)`,
        },
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
