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

type CandidateField = keyof CandidateRecord & string;

/**
 * The state a request was decided on, which the write requires still to hold: the status read,
 * fields still unset (`absent`) or already set (`present`), and fields equal to what was read
 * (`unchanged`; a field read as undefined must still be unset).
 */
export interface CandidateGuard {
  status: CandidateStatus;
  absent?: readonly CandidateField[];
  present?: readonly CandidateField[];
  unchanged?: Partial<CandidateRecord>;
}

/** A value placeholder apart from the changes' `:field` ones (placeholders are alphanumeric). */
const previous = (field: string) => `:previous${field[0]?.toUpperCase()}${field.slice(1)}`;

/** The guard as a condition expression; names reuse the changes' `#field`. */
const guardCondition = (guard: CandidateGuard) => {
  const unchanged = Object.entries(guard.unchanged ?? {}) as [CandidateField, unknown][];
  const fields = [
    ...(guard.absent ?? []),
    ...(guard.present ?? []),
    ...unchanged.map(([field]) => field),
  ];
  const terms = [
    '#status = :expectedStatus',
    ...(guard.absent ?? []).map((field) => `attribute_not_exists(#${field})`),
    ...(guard.present ?? []).map((field) => `attribute_exists(#${field})`),
    ...unchanged.map(([field, value]) =>
      value === undefined ? `attribute_not_exists(#${field})` : `#${field} = ${previous(field)}`,
    ),
  ];
  return {
    expression: terms.join(' AND '),
    names: {
      '#status': 'status',
      ...Object.fromEntries(fields.map((field) => [`#${field}`, field])),
    },
    values: {
      ':expectedStatus': guard.status,
      ...Object.fromEntries(
        unchanged
          .filter(([, value]) => value !== undefined)
          .map(([field, value]) => [previous(field), value]),
      ),
    },
  };
};

/**
 * Sets top-level fields of an existing candidate record, only while `guard` holds (the state
 * the request was decided on), so two racing requests cannot both win.
 */
export const updateCandidate = (
  electionId: string,
  candidate: Pick<CandidateRecord, 'office' | 'memberId'>,
  changes: Partial<CandidateRecord>,
  guard?: CandidateGuard,
): Write => {
  const fields = Object.keys(changes);
  const condition = guard ? guardCondition(guard) : undefined;
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
