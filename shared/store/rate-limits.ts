import { keys } from './keys.ts';
import { TTL_ATTRIBUTE, tableName } from './table.ts';
import type { Write } from './transact.ts';

/**
 * Rate-limit counts in fixed windows: one item per counter and window, in the election's
 * partition. The count is raised only while it is under the limit, inside the transaction of
 * what it counts: a refused attempt raises nothing, and a stored one is counted exactly once.
 * DynamoDB deletes the item after `ttl` (epoch seconds; the table's TTL attribute).
 */

export interface CounterWrite {
  electionId: string;
  /** The counter's name in the key: `per-election`, or `per-source#<hash>`. */
  counter: string;
  windowId: string;
  max: number;
  /** Epoch seconds. */
  expiresAt: number;
}

/** The write that counts one more in the window, failing its condition at `max`. */
export const countInWindow = ({
  electionId,
  counter,
  windowId,
  max,
  expiresAt,
}: CounterWrite): Write => ({
  Update: {
    TableName: tableName(),
    Key: keys.rateWindow(electionId, counter, windowId),
    UpdateExpression: 'ADD #count :one SET #ttl = if_not_exists(#ttl, :ttl)',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
    ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
    ExpressionAttributeValues: { ':one': 1, ':max': max, ':ttl': expiresAt },
  },
});
