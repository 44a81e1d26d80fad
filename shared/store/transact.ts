import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { type AuditEntry, GENESIS_HASH, sealEntry } from './audit-chain.ts';
import { documentClient } from './client.ts';
import { queryPrefix } from './items.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';

export type Write = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What happened, by whom, in which chain (`ELECTION#id` or `ORG#id`). */
export interface AuditEvent {
  scope: string;
  actor: string;
  action: string;
  data: unknown;
}

/** A domain write's condition failed: the caller maps it (duplicate → 409, stale version → retry). */
export class ConditionFailed extends Error {
  constructor(
    readonly index: number,
    readonly write: Write,
  ) {
    super(`condition of write ${index} failed`);
    this.name = 'ConditionFailed';
  }
}

const MAX_ATTEMPTS = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const readHead = async (scope: string): Promise<{ seq: number; hash: string }> => {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.auditHead(scope), ConsistentRead: true }),
  );
  return Item
    ? { seq: Item.seq as number, hash: Item.hash as string }
    : { seq: 0, hash: GENESIS_HASH };
};

const auditWrites = (entry: AuditEntry, scope: string): Write[] => {
  const table = tableName();
  return [
    {
      Put: {
        TableName: table,
        Item: { ...keys.auditEntry(scope, entry.seq), ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: table,
        Item: { ...keys.auditHead(scope), seq: entry.seq, hash: entry.hash },
        ConditionExpression: entry.seq === 1 ? 'attribute_not_exists(pk)' : 'seq = :previous',
        ...(entry.seq === 1 ? {} : { ExpressionAttributeValues: { ':previous': entry.seq - 1 } }),
      },
    },
  ];
};

/**
 * Writes the domain change and its audit entry in one transaction: both happen or neither.
 * Concurrent appends to the same chain race on its head; the loser reads the head again and
 * retries. A failed domain condition is not retried: it is thrown as ConditionFailed.
 */
export const commit = async (
  writes: Write[],
  audit?: AuditEvent,
  now: () => Date = () => new Date(),
): Promise<AuditEntry | undefined> => {
  for (let attempt = 1; ; attempt++) {
    let entry: AuditEntry | undefined;
    let items = writes;
    if (audit) {
      const head = await readHead(audit.scope);
      entry = sealEntry({
        seq: head.seq + 1,
        at: now().toISOString(),
        actor: audit.actor,
        action: audit.action,
        // As stored and read back: plain JSON, so the hash verifies after a round trip.
        data: JSON.parse(JSON.stringify(audit.data ?? null)),
        prevHash: head.hash,
      });
      items = [...writes, ...auditWrites(entry, audit.scope)];
    }
    try {
      await documentClient().send(new TransactWriteCommand({ TransactItems: items }));
      return entry;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failedDomain = reasons.findIndex(
        (reason, index) => index < writes.length && reason.Code === 'ConditionalCheckFailed',
      );
      if (failedDomain >= 0) throw new ConditionFailed(failedDomain, writes[failedDomain] as Write);
      if (attempt >= MAX_ATTEMPTS) throw error;
      // The chain's head moved or the items were in another transaction: jittered back-off.
      await sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
    }
  }
};

/** The whole chain of a scope, in order. */
export const readAudit = (scope: string): Promise<AuditEntry[]> =>
  queryPrefix(keys.auditPartition(scope), 'ENTRY#', (item) => {
    const { seq, at, actor, action, data, prevHash, hash } = item as unknown as AuditEntry;
    return { seq, at, actor, action, data, prevHash, hash };
  });
