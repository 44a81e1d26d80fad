import { conflict, forbidden, unprocessable } from '../../errors.ts';
import type { Principal } from '../../principal.ts';
import { candidaciesOf, isCurrent, updateCandidate } from '../../store/candidates.ts';
import type { CandidateRecord, ElectionRecord } from '../../store/records.ts';
import { ConditionFailed, commit } from '../../store/transact.ts';
import { electionScope } from '../access.ts';
import type { StatementBody } from './schemas.ts';

/**
 * A candidate's speech (竞职演讲) or commitment (竞职承诺), recorded as text and shown on the
 * board. Entered by the candidate or by an organizer; a later one of the same kind replaces it
 * (the audit log keeps every version).
 */

export const recordStatement = async (
  election: ElectionRecord,
  principal: Principal,
  body: StatementBody,
): Promise<{ candidateId: string; kind: StatementBody['kind']; offices: string[] }> => {
  if (!principal.roles.includes('organizer') && principal.sub !== body.candidateId) {
    throw forbidden('a statement is entered by the candidate or by an organizer');
  }
  const standing = (await candidaciesOf(election.id, body.candidateId)).filter(
    (c) => isCurrent(c.status) && (body.office === undefined || c.office === body.office),
  );
  if (standing.length === 0) {
    throw unprocessable(
      'not-a-current-candidate',
      `${body.candidateId} is not a current candidate${body.office ? ` for ${body.office}` : ''}`,
    );
  }

  // Each record changes only from what was read: a concurrent statement is not overwritten.
  const writes = standing.map((candidate: CandidateRecord) =>
    updateCandidate(
      election.id,
      candidate,
      { statements: { ...candidate.statements, [body.kind]: body.text } },
      { status: candidate.status, unchanged: { statements: candidate.statements } },
    ),
  );
  const offices = standing.map((c) => c.office);
  try {
    await commit(writes, {
      scope: electionScope(election.id),
      actor: principal.sub,
      action: 'statement-recorded',
      data: { candidateId: body.candidateId, offices, kind: body.kind, text: body.text },
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    throw conflict(
      'candidate-changed',
      `the candidacy of ${body.candidateId} changed meanwhile; send the statement again`,
    );
  }
  return { candidateId: body.candidateId, kind: body.kind, offices };
};
