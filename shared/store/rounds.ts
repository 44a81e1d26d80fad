import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Tally } from '../rules/index.ts';
import { documentClient } from './client.ts';
import { getItem, queryPrefix } from './items.ts';
import { keys } from './keys.ts';
import type { RoundAttendance, RoundRecord } from './records.ts';
import { tableName } from './table.ts';
import type { Write } from './transact.ts';

/**
 * Rounds of an election (投票轮次). Writes are transaction items for `commit` (each with its audit
 * entry), every one conditional on the state it was decided on, so two racing requests never
 * both win: a round is opened once, closed once, decided once.
 */

export const getRound = (electionId: string, roundId: string) =>
  getItem<RoundRecord>(keys.round(electionId, roundId));

/** Every round of an election in the order they were opened (ids sort `-10` before `-2`). */
export const listRounds = async (electionId: string) =>
  (await queryPrefix<RoundRecord>(keys.electionPartition(electionId), 'ROUND#')).sort(
    (a, b) => a.openedAt.localeCompare(b.openedAt) || a.number - b.number,
  );

/** Puts a new round; fails if its id is taken (someone opened it first). */
export const putNewRound = (electionId: string, round: RoundRecord): Write => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.round(electionId, round.id), ...round },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

const OPEN = { '#status': 'status' } as const;

/** Records (or replaces) the attendance while the round is open and no ballot is entered. */
export const putAttendance = (
  electionId: string,
  roundId: string,
  attendance: RoundAttendance,
): Write => ({
  Update: {
    TableName: tableName(),
    Key: keys.round(electionId, roundId),
    UpdateExpression: 'SET attendance = :attendance',
    ConditionExpression: '#status = :open AND attribute_not_exists(ballotsEntered)',
    ExpressionAttributeNames: OPEN,
    ExpressionAttributeValues: { ':attendance': attendance, ':open': 'open' },
  },
});

/**
 * Marks that ballots are being entered, only while the round is open with its attendance
 * recorded: the attendance is frozen from then on. Not audited (the close seals the ballots);
 * a plain update, so concurrent tellers do not contend on a transaction. False when refused.
 */
export const markBallotsEntered = async (electionId: string, roundId: string) => {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.round(electionId, roundId),
        UpdateExpression: 'SET ballotsEntered = :yes',
        ConditionExpression: '#status = :open AND attribute_exists(attendance)',
        ExpressionAttributeNames: OPEN,
        ExpressionAttributeValues: { ':yes': true, ':open': 'open' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** Stores the tally and the round's final status, only if it is still open (one tally). */
export const putTally = (
  electionId: string,
  roundId: string,
  closing: {
    status: Exclude<RoundRecord['status'], 'open'>;
    tally: Tally;
    closedAt: string;
    followUp?: string;
  },
): Write => {
  const followUp = closing.followUp === undefined ? '' : ', followUp = :followUp';
  return {
    Update: {
      TableName: tableName(),
      Key: keys.round(electionId, roundId),
      UpdateExpression: `SET #status = :status, tally = :tally, closedAt = :closedAt${followUp}`,
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: OPEN,
      ExpressionAttributeValues: {
        ':status': closing.status,
        ':tally': closing.tally,
        ':closedAt': closing.closedAt,
        ':open': 'open',
        ...(closing.followUp === undefined ? {} : { ':followUp': closing.followUp }),
      },
    },
  };
};

/** Records the organizers' decision, once, on a closed round whose tally waits for it. */
export const putDecision = (
  electionId: string,
  roundId: string,
  decision: NonNullable<RoundRecord['decision']>,
  followUp?: string,
): Write => ({
  Update: {
    TableName: tableName(),
    Key: keys.round(electionId, roundId),
    UpdateExpression: `SET decision = :decision${followUp === undefined ? '' : ', followUp = :followUp'}`,
    ConditionExpression:
      '#status = :closed AND attribute_not_exists(decision) AND tally.#next = :pending',
    ExpressionAttributeNames: { ...OPEN, '#next': 'next' },
    ExpressionAttributeValues: {
      ':decision': decision,
      ':closed': 'closed',
      ':pending': 'organizer-decision',
      ...(followUp === undefined ? {} : { ':followUp': followUp }),
    },
  },
});
