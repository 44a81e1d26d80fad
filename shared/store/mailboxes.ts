import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';
import { getItem, withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';
import { type AuditEvent, ConditionFailed, commit } from './transact.ts';

/**
 * Addresses mail cannot reach (`MAILBOX#{address}` / `UNDELIVERABLE`): SES reported a permanent
 * bounce or a complaint. Keyed by the address alone (lower case), so one bounce stops mail to
 * it from every election, and the roll can show it per member.
 */
export interface UndeliverableAddress {
  address: string;
  kind: 'bounce' | 'complaint';
  /** What the receiving side said, e.g. `Permanent/General: smtp; 550 5.1.1 user unknown`. */
  reason: string;
  /** When the feedback was reported (ISO-8601). */
  at: string;
  /** The mail that bounced (SES's message id) and the feedback's own id: a redelivery is a no-op. */
  messageId: string;
  feedbackId: string;
  electionId?: string;
}

export const normalizeAddress = (address: string): string => address.trim().toLowerCase();

/**
 * Marks the address undeliverable (a later feedback replaces the reason), with its audit entry
 * (whose data is the mark as stored) when one is given; answers false when this very feedback was recorded already (EventBridge
 * delivers at least once).
 */
export const markUndeliverable = async (
  mark: UndeliverableAddress,
  audit?: AuditEvent,
): Promise<boolean> => {
  const item = { ...mark, address: normalizeAddress(mark.address) };
  const entry = audit && { ...audit, data: item };
  try {
    await commit(
      [
        {
          Put: {
            TableName: tableName(),
            Item: { ...keys.undeliverable(item.address), ...item },
            ConditionExpression: 'attribute_not_exists(pk) OR feedbackId <> :feedback',
            ExpressionAttributeValues: { ':feedback': item.feedbackId },
          },
        },
      ],
      entry,
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailed) return false;
    throw error;
  }
};

export const getUndeliverable = (address: string): Promise<UndeliverableAddress | undefined> =>
  getItem<UndeliverableAddress>(keys.undeliverable(normalizeAddress(address)));

// BatchGetItem reads at most 100 keys a call.
const BATCH = 100;

/** The undeliverable ones among the addresses (a roll's), by normalized address. */
export const undeliverableAmong = async (
  addresses: readonly string[],
): Promise<Map<string, UndeliverableAddress>> => {
  const found = new Map<string, UndeliverableAddress>();
  const unique = [...new Set(addresses.map(normalizeAddress))];
  for (let start = 0; start < unique.length; start += BATCH) {
    let requested = unique.slice(start, start + BATCH).map((a) => keys.undeliverable(a));
    // BatchGet may leave keys unprocessed under load: ask again until none are left.
    for (let attempt = 0; requested.length > 0; attempt++) {
      const { Responses, UnprocessedKeys } = await documentClient().send(
        new BatchGetCommand({
          RequestItems: { [tableName()]: { Keys: requested, ConsistentRead: true } },
        }),
      );
      for (const item of Responses?.[tableName()] ?? []) {
        const mark = withoutKeys<UndeliverableAddress>(item);
        found.set(mark.address, mark);
      }
      requested = (UnprocessedKeys?.[tableName()]?.Keys ?? []) as typeof requested;
      if (requested.length > 0) {
        await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 6)));
      }
    }
  }
  return found;
};
