import { queryPrefix } from './items.ts';
import { keys } from './keys.ts';
import type { CandidateRecord, NominationRecord } from './records.ts';
import { tableName } from './table.ts';
import { type AuditEvent, ConditionFailed, commit, type Write } from './transact.ts';

export class DuplicateNomination extends Error {
  constructor() {
    super('the same kind of nomination for this nominee and office is already recorded');
    this.name = 'DuplicateNomination';
  }
}

export class SupporterAlreadyBacking extends Error {
  constructor(readonly supporterId: string) {
    super(`supporter ${supporterId} already backs another nominee for this office`);
    this.name = 'SupporterAlreadyBacking';
  }
}

/**
 * Records a nomination with one marker per supporter and the nominee's candidate record, in one
 * audited transaction. The markers' keys make "one nominee per office per supporter" a
 * property of the table: a second backing fails whole, whoever races for it.
 */
export const recordNomination = async (
  electionId: string,
  nomination: NominationRecord,
  candidate: CandidateRecord,
  audit: AuditEvent,
): Promise<void> => {
  const table = tableName();
  const { office, nomineeId, kind } = nomination;
  const writes: Write[] = [
    {
      Put: {
        TableName: table,
        Item: { ...keys.nomination(electionId, office, nomineeId, kind), ...nomination },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...nomination.supporterIds.map(
      (supporterId): Write => ({
        Put: {
          TableName: table,
          Item: { ...keys.supporter(electionId, office, supporterId), supporterId, nomineeId },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }),
    ),
    {
      Put: {
        TableName: table,
        Item: { ...keys.candidate(electionId, office, nomineeId), ...candidate },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
  // Several kinds may nominate the same member: without the candidate write when it exists.
  for (const items of [writes, writes.slice(0, -1)]) {
    try {
      await commit(items, audit);
      return;
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      if (error.index === 0) throw new DuplicateNomination();
      if (error.index <= nomination.supporterIds.length) {
        throw new SupporterAlreadyBacking(nomination.supporterIds[error.index - 1] as string);
      }
    }
  }
};

export const listNominations = (electionId: string) =>
  queryPrefix<NominationRecord>(keys.electionPartition(electionId), 'NOMINATION#');

export const listCandidates = (electionId: string) =>
  queryPrefix<CandidateRecord>(keys.electionPartition(electionId), 'CANDIDATE#');
