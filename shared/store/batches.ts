import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';
import { getItem, indexPages, putItems, queryPrefix, withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { listKeys } from './lists.ts';
import type { BatchImport, BatchMember, BatchRecord } from './records.ts';
import { GSI1, tableName } from './table.ts';
import { type AuditEvent, ConditionFailed, commit, type Write } from './transact.ts';

/**
 * Batches (批次): the record of one request's plan, and one member item per organization with
 * the election planned for it (a province's batch is tens of thousands: no single item holds
 * them). Until every member's election is written, the batch is in gsi1 under
 * `BATCHES-CREATING`: the workflow sweeper creates the rest at the pace of the account's quotas.
 */

const CREATING = 'BATCHES-CREATING';
/** Batches from an uploaded file still being checked or written (batch-import.ts). */
const IMPORTING = 'BATCHES-IMPORTING';

const importing = (batch: BatchRecord) =>
  batch.import?.status === 'checking' || batch.import?.status === 'writing';

/** The list of workers a batch is on (gsi1): its importers, its election creators, or none. */
const workList = (batch: BatchRecord): string | undefined =>
  importing(batch) ? IMPORTING : batch.created < batch.size ? CREATING : undefined;

/** The write that stores a new batch (its random id stored once), on its workers' list. */
export const putNewBatch = (batch: BatchRecord): Write => {
  const list = workList(batch);
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.batch(batch.id),
        ...listKeys('batches', batch),
        ...(list ? { [GSI1.pk]: list, [GSI1.sk]: `${batch.createdAt}#${batch.id}` } : {}),
        ...batch,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
};

/** Writes a new batch's members (fresh keys under a fresh id: a repeat writes the same). */
export const putBatchMembers = (members: readonly BatchMember[]): Promise<void> =>
  putItems(members.map((m) => ({ ...keys.batchMember(m.batchId, m.seq), ...m })));

export const getBatch = (batchId: string) => getItem<BatchRecord>(keys.batch(batchId));

/** Every member of a batch, in order. */
export const listBatchMembers = (batchId: string): Promise<BatchMember[]> =>
  queryPrefix<BatchMember>(`BATCH#${batchId}`, 'MEMBER#');

/** Up to `limit` members from `seq` on, in order. */
export const batchMembersFrom = async (
  batchId: string,
  seq: number,
  limit: number,
): Promise<BatchMember[]> => {
  const { Items } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :last',
      ExpressionAttributeValues: {
        ':pk': `BATCH#${batchId}`,
        ':from': keys.batchMember(batchId, seq).sk,
        ':last': 'MEMBER#~',
      },
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).map((item) => withoutKeys<BatchMember>(item));
};

const batchesOn = async (list: string): Promise<BatchRecord[]> => {
  const batches: BatchRecord[] = [];
  // Every sort key is `{createdAt}#{id}`: all of them sort below '~'.
  for await (const page of indexPages(list, { below: '~' })) {
    for (const item of page.Items ?? []) batches.push(withoutKeys<BatchRecord>(item));
  }
  return batches;
};

/** The batches whose elections are not all written yet, oldest first (gsi1). */
export const creatingBatches = (): Promise<BatchRecord[]> => batchesOn(CREATING);

/** The batches whose uploaded file is being checked or written, oldest first (gsi1). */
export const importingBatches = (): Promise<BatchRecord[]> => batchesOn(IMPORTING);

/** Another importer holds the batch (its lease was taken over): this one stops. */
export class ImportLeaseLost extends Error {}

/**
 * Takes a batch's import for `claimId` until `until`, unless another importer's lease runs
 * (a killed one's runs out). Answers the batch as taken, or undefined.
 */
export const claimImport = async (
  batchId: string,
  { claimId, until, now }: { claimId: string; until: Date; now: Date },
): Promise<BatchRecord | undefined> => {
  try {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.batch(batchId),
        UpdateExpression: 'SET #import.leaseUntil = :until, #import.claimId = :claim',
        ConditionExpression:
          '#import.#status IN (:checking, :writing) AND ' +
          '(attribute_not_exists(#import.leaseUntil) OR #import.leaseUntil < :now)',
        ExpressionAttributeNames: { '#import': 'import', '#status': 'status' },
        ExpressionAttributeValues: {
          ':until': until.toISOString(),
          ':claim': claimId,
          ':now': now.toISOString(),
          ':checking': 'checking',
          ':writing': 'writing',
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? withoutKeys<BatchRecord>(Attributes) : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
};

/**
 * Stores an import's progress (and the batch's size and organizations once known) while
 * `claimId` holds it; moves the batch to its next workers' list when the import ends there.
 * Throws ImportLeaseLost when another importer took it.
 */
export const saveImport = async (
  batch: BatchRecord & { import: BatchImport },
  claimId: string,
  audit?: AuditEvent,
): Promise<void> => {
  const list = workList(batch);
  const names: Record<string, string> = { '#import': 'import', '#gpk': GSI1.pk, '#gsk': GSI1.sk };
  const values: Record<string, unknown> = {
    ':import': batch.import,
    ':size': batch.size,
    ':orgIds': batch.orgIds,
    ':claim': claimId,
  };
  let update = 'SET #import = :import, size = :size, orgIds = :orgIds';
  if (list) {
    update += ', #gpk = :gpk, #gsk = :gsk';
    values[':gpk'] = list;
    values[':gsk'] = `${batch.createdAt}#${batch.id}`;
  } else {
    update += ' REMOVE #gpk, #gsk';
  }
  try {
    await commit(
      [
        {
          Update: {
            TableName: tableName(),
            Key: keys.batch(batch.id),
            UpdateExpression: update,
            ConditionExpression: '#import.claimId = :claim',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
      ],
      audit,
    );
  } catch (error) {
    if (error instanceof ConditionFailed) throw new ImportLeaseLost(`batch ${batch.id}`);
    throw error;
  }
};

/**
 * Moves the creator's cursor forward to `created` (never back: a slower creator's older cursor
 * is ignored); the last one takes the batch off the creators' list.
 */
export const advanceCreated = async (batch: BatchRecord, created: number): Promise<void> => {
  const done = created >= batch.size;
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.batch(batch.id),
        UpdateExpression: `SET created = :created${done ? ` REMOVE ${GSI1.pk}, ${GSI1.sk}` : ''}`,
        ConditionExpression: 'created < :created',
        ExpressionAttributeValues: { ':created': created },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
};
