import { getItem } from './items.ts';
import { keys } from './keys.ts';
import { listKeys } from './lists.ts';
import type { BatchRecord } from './records.ts';
import { tableName } from './table.ts';
import type { Write } from './transact.ts';

/** Batches (批次): the record naming every election one request started. */

/** The write that stores a new batch; its random id is stored once. */
export const putNewBatch = (batch: BatchRecord): Write => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.batch(batch.id), ...listKeys('batches', batch), ...batch },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export const getBatch = (batchId: string) => getItem<BatchRecord>(keys.batch(batchId));
