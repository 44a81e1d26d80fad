import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Tally } from '../rules/index.ts';
import { documentClient } from './client.ts';
import { getItem, queryPrefix, withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import type { RoundAttendance, RoundRecord } from './records.ts';
import { tableName } from './table.ts';
import type { Write } from './transact.ts';

/**
 * Rounds of an election (投票轮次). Writes are transaction items for `commit` (each with its audit
 * entry), every one conditional on the state it was decided on, so two racing requests never
 * both win: a round is opened once, closed once, decided once.
 */

/** A round as stored, without its gate's bookkeeping (see `enterGate`). */
const withoutGate = (item: RoundRecord & { entries?: unknown; countingAt?: unknown }) => {
  const { entries: _entries, countingAt: _countingAt, ...round } = item;
  return round as RoundRecord;
};

export const getRound = async (electionId: string, roundId: string) => {
  const item = await getItem<RoundRecord>(keys.round(electionId, roundId));
  return item && withoutGate(item);
};

/** Every round of an election in the order they were opened (ids sort `-10` before `-2`). */
export const listRounds = async (electionId: string) =>
  (await queryPrefix<RoundRecord>(keys.electionPartition(electionId), 'ROUND#'))
    .map(withoutGate)
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.number - b.number);

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
 * Records the round's printed papers while it is open and no ballot is entered (the serial check
 * applies from the first ballot on, never to some ballots only).
 */
export const putBallotPapers = (
  electionId: string,
  roundId: string,
  ballotPapers: NonNullable<RoundRecord['ballotPapers']>,
): Write => ({
  Update: {
    TableName: tableName(),
    Key: keys.round(electionId, roundId),
    UpdateExpression: 'SET ballotPapers = :papers',
    ConditionExpression: '#status = :open AND attribute_not_exists(ballotsEntered)',
    ExpressionAttributeNames: OPEN,
    ExpressionAttributeValues: { ':papers': ballotPapers, ':open': 'open' },
  },
});

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

/**
 * The round's gate, on the round item: it makes a close count every ballot an entry stored.
 * Each entry registers under its own id before it writes and leaves after (set members: a
 * retried update adds or removes the same id, never a second one); a close first marks the
 * count begun (`countingAt`), which turns new entries away, then waits for the registered ones
 * to leave before it reads the ballots. An entry lives no longer than its request (API Gateway:
 * 30 s), so an id older than ENTRY_MAX_MS — its process died — is not waited for; and a mark
 * older than COUNT_STALE_MS — a close that failed or died — no longer turns entries away.
 * Plain updates, not transactions, so concurrent tellers do not contend on a transaction.
 */
export const ENTRY_MAX_MS = 30_000;
const COUNT_STALE_MS = 120_000;

/** A new entry's id: when it began (so a dead one can be told apart) and a random part. */
export const gateEntryId = (now = new Date()): string => `${now.toISOString()}#${randomUUID()}`;

/**
 * Registers an entry, only while the round is open with its attendance recorded and its count
 * not begun; marks that ballots are being entered, which freezes the attendance. Not audited
 * (the close seals the ballots). Answers the round as the gate froze it, or undefined when
 * refused: the entry must not write.
 */
export const enterGate = async (
  electionId: string,
  roundId: string,
  entryId: string,
  now = new Date(),
): Promise<RoundRecord | undefined> => {
  try {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.round(electionId, roundId),
        UpdateExpression: 'SET ballotsEntered = :yes ADD entries :entry',
        ConditionExpression:
          '#status = :open AND attribute_exists(attendance) AND ' +
          '(attribute_not_exists(countingAt) OR countingAt < :stale)',
        ExpressionAttributeNames: OPEN,
        ExpressionAttributeValues: {
          ':yes': true,
          ':open': 'open',
          ':entry': new Set([entryId]),
          ':stale': new Date(now.getTime() - COUNT_STALE_MS).toISOString(),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutGate(withoutKeys<RoundRecord>(Attributes ?? {}));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
};

/** A plain update of the round item: the gate's bookkeeping (no audit, no transaction). */
const updateRound = (
  electionId: string,
  roundId: string,
  update: Omit<UpdateCommandInput, 'TableName' | 'Key'>,
) =>
  documentClient().send(
    new UpdateCommand({ TableName: tableName(), Key: keys.round(electionId, roundId), ...update }),
  );

/** The entry has written (or given up): it no longer holds the count back. */
export const leaveGate = async (electionId: string, roundId: string, entryId: string) => {
  await updateRound(electionId, roundId, {
    UpdateExpression: 'DELETE entries :entry',
    ExpressionAttributeValues: { ':entry': new Set([entryId]) },
  });
};

/** A close that refused after beginning its count lets entries in again at once. */
export const reopenGate = async (electionId: string, roundId: string) => {
  try {
    await updateRound(electionId, roundId, {
      UpdateExpression: 'REMOVE countingAt',
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: OPEN,
      ExpressionAttributeValues: { ':open': 'open' },
    });
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Begins the count: from now on entries are turned away, and this resolves once every entry
 * under way has left (or is too old to be alive). Answers how many entries it waited for.
 */
export const closeGate = async (
  electionId: string,
  roundId: string,
  now = () => new Date(),
): Promise<{ waitedFor: number }> => {
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.round(electionId, roundId),
      UpdateExpression: 'SET countingAt = :at',
      ExpressionAttributeValues: { ':at': now().toISOString() },
    }),
  );
  let waitedFor: number | undefined;
  for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: tableName(),
        Key: keys.round(electionId, roundId),
        ProjectionExpression: 'entries',
        ConsistentRead: true,
      }),
    );
    const alive = now().getTime() - ENTRY_MAX_MS;
    const live = [...((Item?.entries as Set<string> | undefined) ?? [])].filter(
      (id) => Date.parse(id.slice(0, id.indexOf('#'))) > alive,
    );
    waitedFor ??= live.length;
    if (live.length === 0) return { waitedFor };
    await sleep(pause);
  }
};
