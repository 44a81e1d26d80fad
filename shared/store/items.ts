import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';
import { GSI1, tableName } from './table.ts';

/** Reads shared by the repositories: one item by key, or every item under a key prefix. */

type Key = { pk: string; sk: string };

/** The item without its key attributes. */
export const withoutKeys = <T>(item: Record<string, unknown>): T => {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _gpk,
    gsi1sk: _gsk,
    gsi2pk: _g2pk,
    gsi2sk: _g2sk,
    ...rest
  } = item;
  return rest as T;
};

export const getItem = async <T>(key: Key): Promise<T | undefined> => {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
  );
  return Item ? withoutKeys<T>(Item) : undefined;
};

// BatchGetItem reads at most 100 keys a call.
const BATCH_GET = 100;

/** Batch calls at once: a province's batch reads and writes tens of thousands of items. */
const BATCH_CALLS_AT_ONCE = 8;

/** Runs `call` on each chunk of `size`, BATCH_CALLS_AT_ONCE at a time. */
const inChunks = async <T>(
  items: readonly T[],
  size: number,
  call: (chunk: T[]) => Promise<void>,
): Promise<void> => {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) await call(chunks[next++] as T[]);
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CALLS_AT_ONCE, chunks.length) }, worker));
};

/** The items of the given keys that exist (consistent reads, 100 keys a call), in no order. */
export const getItems = async <T>(itemKeys: readonly Key[]): Promise<T[]> => {
  const found: T[] = [];
  await inChunks(itemKeys, BATCH_GET, async (chunk) => {
    let requested = chunk;
    // BatchGet may leave keys unprocessed under load: ask again until none are left.
    for (let attempt = 0; requested.length > 0; attempt++) {
      const { Responses, UnprocessedKeys } = await documentClient().send(
        new BatchGetCommand({
          RequestItems: { [tableName()]: { Keys: [...requested], ConsistentRead: true } },
        }),
      );
      for (const item of Responses?.[tableName()] ?? []) found.push(withoutKeys<T>(item));
      requested = (UnprocessedKeys?.[tableName()]?.Keys ?? []) as Key[];
      if (requested.length > 0) {
        await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 6)));
      }
    }
  });
  return found;
};

// BatchWriteItem writes at most 25 items a call.
const BATCH_WRITE = 25;

/** Puts the items (keys included), 25 a call: unconditional, so for idempotent writes only. */
export const putItems = (items: readonly Record<string, unknown>[]): Promise<void> =>
  inChunks(items, BATCH_WRITE, async (chunk) => {
    let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
    // BatchWrite may leave items unprocessed under load: write them again until none are left.
    for (let attempt = 0; requests.length > 0; attempt++) {
      const { UnprocessedItems } = await documentClient().send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName()] ?? []) as typeof requests;
      if (requests.length > 0) {
        await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 6)));
      }
    }
  });

/** Every item under `pk` whose sort key starts with `skPrefix`, in key order, read by `read`. */
export const queryPrefix = async <T>(
  pk: string,
  skPrefix: string,
  read: (item: Record<string, unknown>) => T = withoutKeys<T>,
): Promise<T[]> => {
  const items: T[] = [];
  const pages = paginateQuery(
    { client: documentClient() },
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) items.push(read(item));
  }
  return items;
};

/** Pages of the gsi1 items under `pk` whose sort key has the prefix, or is below the bound. */
export const indexPages = (pk: string, sk: { prefix: string } | { below: string }) =>
  paginateQuery(
    { client: documentClient() },
    {
      TableName: tableName(),
      IndexName: GSI1.name,
      KeyConditionExpression:
        'prefix' in sk ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk AND #sk < :sk',
      ExpressionAttributeNames: { '#pk': GSI1.pk, '#sk': GSI1.sk },
      ExpressionAttributeValues: { ':pk': pk, ':sk': 'prefix' in sk ? sk.prefix : sk.below },
    },
  );

/** The same on gsi1, oldest first; the index is eventually consistent (no consistent read). */
export const queryIndexPrefix = async <T>(pk: string, skPrefix: string): Promise<T[]> => {
  const items: T[] = [];
  for await (const page of indexPages(pk, { prefix: skPrefix })) {
    for (const item of page.Items ?? []) items.push(withoutKeys<T>(item));
  }
  return items;
};
