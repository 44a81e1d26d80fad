import type { CandidateStatus, Office } from '../rules/index.ts';
import { getItem } from './items.ts';
import { keys } from './keys.ts';
import { listCandidates } from './nominations.ts';
import type { CandidateRecord } from './records.ts';
import { tableName } from './table.ts';
import type { Write } from './transact.ts';

/**
 * Candidates (候选人): one record per member and office, its status moving along the funnel.
 * `candidateId` in the API is the member id.
 */

// Which statuses still stand is a rule of the funnel; re-exported for the store's callers.
export { CURRENT_STATUSES, isCurrent } from '../rules/index.ts';

export const getCandidate = (electionId: string, office: Office, memberId: string) =>
  getItem<CandidateRecord>(keys.candidate(electionId, office, memberId));

/** Every candidacy of one member in the election (one per office). */
export const candidaciesOf = async (electionId: string, memberId: string) =>
  (await listCandidates(electionId)).filter((candidate) => candidate.memberId === memberId);

export interface WriteCondition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/**
 * Sets top-level fields of an existing candidate record, only while `condition` holds (the
 * state the request was decided on), so two racing requests cannot both win.
 */
export const updateCandidate = (
  electionId: string,
  candidate: Pick<CandidateRecord, 'office' | 'memberId'>,
  changes: Partial<CandidateRecord>,
  condition?: WriteCondition,
): Write => {
  const fields = Object.keys(changes);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.candidate(electionId, candidate.office, candidate.memberId),
      UpdateExpression: `SET ${fields.map((field) => `#${field} = :${field}`).join(', ')}`,
      ConditionExpression: condition
        ? `attribute_exists(pk) AND (${condition.expression})`
        : 'attribute_exists(pk)',
      ExpressionAttributeNames: {
        ...Object.fromEntries(fields.map((field) => [`#${field}`, field])),
        ...condition?.names,
      },
      ExpressionAttributeValues: {
        ...Object.fromEntries(
          fields.map((field) => [`:${field}`, changes[field as keyof CandidateRecord]]),
        ),
        ...condition?.values,
      },
    },
  };
};

/** The condition "its status is still `status`". */
export const statusIs = (status: CandidateStatus): WriteCondition => ({
  expression: '#status = :expectedStatus',
  names: { '#status': 'status' },
  values: { ':expectedStatus': status },
});

/** A transaction item that holds only while the candidate is still in `status`. */
export const candidateStillIs = (
  electionId: string,
  candidate: Pick<CandidateRecord, 'office' | 'memberId'>,
  status: CandidateStatus,
): Write => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.candidate(electionId, candidate.office, candidate.memberId),
    ConditionExpression: '#status = :expectedStatus',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':expectedStatus': status },
  },
});
