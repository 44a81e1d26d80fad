import { getItem, queryPrefix } from './items.ts';
import { keys } from './keys.ts';
import type { ObjectionRecord } from './records.ts';
import { tableName } from './table.ts';
import type { Write } from './transact.ts';

/** Objections (异议) to a published candidate: one item each in the election's partition. */

/** The write that files a new objection; its random id is stored once. */
export const putNewObjection = (electionId: string, objection: ObjectionRecord): Write => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.objection(electionId, objection.id), ...objection },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export const getObjection = (electionId: string, objectionId: string) =>
  getItem<ObjectionRecord>(keys.objection(electionId, objectionId));

/** The write that resolves an objection, only while it is still open (resolved once). */
export const resolveObjectionWrite = (
  electionId: string,
  objectionId: string,
  decision: 'upheld' | 'dismissed',
  resolution: NonNullable<ObjectionRecord['resolution']>,
): Write => ({
  Update: {
    TableName: tableName(),
    Key: keys.objection(electionId, objectionId),
    UpdateExpression: 'SET #status = :decision, resolution = :resolution',
    ConditionExpression: '#status = :open',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':decision': decision,
      ':resolution': resolution,
      ':open': 'open',
    },
  },
});

/** Every objection of the election, oldest first (ties by id, so the order is stable). */
export const listObjections = async (electionId: string): Promise<ObjectionRecord[]> =>
  (await queryPrefix<ObjectionRecord>(keys.electionPartition(electionId), 'OBJECTION#')).sort(
    (a, b) => a.filedAt.localeCompare(b.filedAt) || a.id.localeCompare(b.id),
  );
