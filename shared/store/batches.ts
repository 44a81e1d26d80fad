import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';
import { getItem, indexPages, putItems, queryPrefix, withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { listKeys } from './lists.ts';
import type { BatchMember, BatchRecord } from './records.ts';
import { GSI1, tableName } from './table.ts';
import type { Write } from './transact.ts';

/**
 * Batches (批次): the record of one request's plan, and one member item per organization with
 * the election planned for it (a province's batch is tens of thousands: no single item holds
 * them). Until every member's election is written, the batch is in gsi1 under
 * `BATCHES-CREATING`: the workflow sweeper creates the rest at the pace of the account's quotas.
 */

const CREATING = 'BATCHES-CREATING';

/** The write that stores a new batch (its random id stored once), on the creator's list. */
export const putNewBatch = (batch: BatchRecord): Write => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...keys.batch(batch.id),
      ...listKeys('batches', batch),
      ...(batch.created < batch.size
        ? { [GSI1.pk]: CREATING, [GSI1.sk]: `${batch.createdAt}#${batch.id}` }
        : {}),
      ...batch,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

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

/** The batches whose elections are not all written yet, oldest first (gsi1). */
export const creatingBatches = async (): Promise<BatchRecord[]> => {
  const batches: BatchRecord[] = [];
  // Every sort key is `{createdAt}#{id}`: all of them sort below '~'.
  for await (const page of indexPages(CREATING, { below: '~' })) {
    for (const item of page.Items ?? []) batches.push(withoutKeys<BatchRecord>(item));
  }
  return batches;
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
