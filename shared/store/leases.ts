import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';

/**
 * A lease on a named job: whoever holds it runs the job, others skip their turn. It replaces
 * Lambda reserved concurrency (which fails stack creation on accounts with a low concurrency
 * quota). A holder that dies keeps it only until `until`, so the job never stops for good.
 */

/** Takes the lease until `until` unless another owner holds it unexpired; answers whether taken. */
export const acquireLease = async (
  name: string,
  owner: string,
  until: Date,
  now: Date = new Date(),
): Promise<boolean> => {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.lease(name), owner, until: until.toISOString() },
        // Its own owner may take it again: an SDK retry after a lost answer is not a rival.
        ConditionExpression: 'attribute_not_exists(pk) OR #until < :now OR #owner = :owner',
        ExpressionAttributeNames: { '#until': 'until', '#owner': 'owner' },
        ExpressionAttributeValues: { ':now': now.toISOString(), ':owner': owner },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** Gives the lease back if this owner still holds it (a lapsed one may be another's now). */
export const releaseLease = async (name: string, owner: string): Promise<void> => {
  try {
    await documentClient().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: keys.lease(name),
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': owner },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
};
