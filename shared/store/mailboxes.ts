import { getItem, getItems } from './items.ts';
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

/** The undeliverable ones among the addresses (a roll's), by normalized address. */
export const undeliverableAmong = async (
  addresses: readonly string[],
): Promise<Map<string, UndeliverableAddress>> => {
  const unique = [...new Set(addresses.map(normalizeAddress))];
  const marks = await getItems<UndeliverableAddress>(unique.map((a) => keys.undeliverable(a)));
  return new Map(marks.map((mark) => [mark.address, mark]));
};
