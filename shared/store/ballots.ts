import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { paginateQuery, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';
import { getItem } from './items.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';

/**
 * Ballots are secret: a ballot item holds the serial, the marks and whether it is valid —
 * never who cast it. Paper ballots are keyed by serial, so entering the same serial twice stores
 * nothing and is reported as a duplicate, whoever enters it and however often a step is retried.
 */

export interface StoredBallot {
  serial: string;
  /** The ballot as entered (choices, ratings or marks); no voter identity. */
  content: Record<string, unknown>;
  valid: boolean;
  reason?: string;
}

export interface EntryResult {
  accepted: string[];
  duplicates: string[];
}

/** DynamoDB takes at most 100 items in one transaction. */
const CHUNK = 100;

/** Puts a ballot under its serial, only if the serial is new (also in a double entry's pass 2). */
export const putBallot = (electionId: string, roundId: string, ballot: StoredBallot) => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.ballot(electionId, roundId, ballot.serial), ...ballot },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

const writeChunk = async (
  electionId: string,
  roundId: string,
  chunk: StoredBallot[],
  result: EntryResult,
): Promise<void> => {
  let pending = chunk;
  for (let attempt = 1; pending.length > 0; attempt++) {
    try {
      await documentClient().send(
        new TransactWriteCommand({
          TransactItems: pending.map((ballot) => putBallot(electionId, roundId, ballot)),
        }),
      );
      result.accepted.push(...pending.map((ballot) => ballot.serial));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const taken = new Set(
        pending.filter((_, index) => reasons[index]?.Code === 'ConditionalCheckFailed'),
      );
      for (const ballot of taken) result.duplicates.push(ballot.serial);
      pending = pending.filter((ballot) => !taken.has(ballot));
      // No duplicate among them: another transaction held the items; back off and try again.
      if (taken.size === 0) {
        if (attempt >= 25) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }
};

/**
 * Stores each ballot once. Serials repeated inside the request count as duplicates after the
 * first; serials already in the round are duplicates too.
 */
export const enterBallots = async (
  electionId: string,
  roundId: string,
  ballots: readonly StoredBallot[],
): Promise<EntryResult> => {
  const result: EntryResult = { accepted: [], duplicates: [] };
  const seen = new Set<string>();
  const fresh: StoredBallot[] = [];
  for (const ballot of ballots) {
    if (seen.has(ballot.serial)) result.duplicates.push(ballot.serial);
    else fresh.push(ballot);
    seen.add(ballot.serial);
  }
  for (let start = 0; start < fresh.length; start += CHUNK) {
    await writeChunk(electionId, roundId, fresh.slice(start, start + CHUNK), result);
  }
  return result;
};

/**
 * The ballots stored under these serials (those found), read consistently: what a repeated
 * serial holds, for telling a resend of the same ballot from a second ballot under its number.
 */
export const ballotsBySerial = async (
  electionId: string,
  roundId: string,
  serials: readonly string[],
): Promise<StoredBallot[]> => {
  const found: StoredBallot[] = [];
  // A few at a time: a resent batch is small, and a large one must not burst the table.
  for (let start = 0; start < serials.length; start += 25) {
    const items = await Promise.all(
      serials
        .slice(start, start + 25)
        .map((serial) => getItem<StoredBallot>(keys.ballot(electionId, roundId, serial))),
    );
    for (const item of items) if (item) found.push(item);
  }
  return found;
};

/**
 * An electronic vote: the voter's "has voted" marker and the ballot, in one transaction, with
 * nothing linking them (the serial is random). A second vote by the same member fails whole.
 */
export const castElectronicBallot = async (
  electionId: string,
  roundId: string,
  voterId: string,
  ballot: StoredBallot,
): Promise<'cast' | 'already-voted'> => {
  try {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: keys.voted(electionId, roundId, voterId),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          putBallot(electionId, roundId, ballot),
        ],
      }),
    );
    return 'cast';
  } catch (error) {
    const reasons = error instanceof TransactionCanceledException ? error.CancellationReasons : [];
    if (reasons?.[0]?.Code === 'ConditionalCheckFailed') return 'already-voted';
    throw error;
  }
};

/** Every ballot of a round, in serial order, page by page. */
export async function* readBallots(electionId: string, roundId: string) {
  const pages = paginateQuery(
    { client: documentClient(), pageSize: 1000 },
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ballot)',
      ExpressionAttributeValues: {
        ':pk': keys.ballotPartition(electionId, roundId),
        ':ballot': 'BALLOT#',
      },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const { serial, content, valid, reason } = item as StoredBallot;
      yield reason === undefined ? { serial, content, valid } : { serial, content, valid, reason };
    }
  }
}

/** Every ballot of a round at once, in serial order (a close, a recount file, the board). */
export const allBallots = async (electionId: string, roundId: string): Promise<StoredBallot[]> => {
  const ballots: StoredBallot[] = [];
  for await (const ballot of readBallots(electionId, roundId)) ballots.push(ballot);
  return ballots;
};
