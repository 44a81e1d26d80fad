import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EntryChoice, EntryVersion, SerialEntries } from '../rules/double-entry.ts';
import { putBallot, type StoredBallot } from './ballots.ts';
import { documentClient } from './client.ts';
import { getItem, queryPrefix } from './items.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';
import type { Write } from './transact.ts';

/**
 * Double entry's items (双人录入): one `ENTRY#{serial}` item a serial, in the round's ballot
 * partition, holding each pass's content and who typed it — never a voter. Every write is
 * conditional on the state it was planned from: a pass 1 only on a new serial, a pass 2 only
 * while the serial holds that one single entry (two tellers racing on pass 2: one wins), and
 * the counted `BALLOT#` item goes in the same transaction as the pass 2 or resolution that
 * counts it (a killed process leaves both or neither; a retried request finds them).
 */

/** One planned write: the use case decides, this module only persists. */
export type EntryWrite =
  | { kind: 'first'; serial: string; version: EntryVersion }
  | {
      kind: 'second';
      serial: string;
      firstBy: string;
      version: EntryVersion;
      /** The counted ballot, written with the entry when pass 2 matches pass 1. */
      ballot?: StoredBallot;
    };

const NAMES = { '#status': 'status', '#first': 'first', '#second': 'second', '#by': 'by' };

const writesOf = (electionId: string, roundId: string, write: EntryWrite): Write[] => {
  const key = keys.entry(electionId, roundId, write.serial);
  if (write.kind === 'first') {
    const item: SerialEntries = { serial: write.serial, first: write.version, status: 'single' };
    return [
      {
        Put: {
          TableName: tableName(),
          Item: { ...key, ...item },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
  }
  const entry: Write = {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET #second = :second, #status = :status',
      ConditionExpression:
        '#status = :single AND attribute_not_exists(#second) AND #first.#by = :firstBy',
      ExpressionAttributeNames: NAMES,
      ExpressionAttributeValues: {
        ':second': write.version,
        ':status': write.ballot ? 'matched' : 'mismatched',
        ':single': 'single',
        ':firstBy': write.firstBy,
      },
    },
  };
  return write.ballot ? [entry, putBallot(electionId, roundId, write.ballot)] : [entry];
};

/** DynamoDB takes at most 100 items in one transaction; a matching pass 2 is two. */
const CHUNK_ITEMS = 100;

const chunksOf = (electionId: string, roundId: string, writes: readonly EntryWrite[]) => {
  const chunks: { write: EntryWrite; items: Write[] }[][] = [];
  let current: { write: EntryWrite; items: Write[] }[] = [];
  let size = 0;
  for (const write of writes) {
    const items = writesOf(electionId, roundId, write);
    if (size + items.length > CHUNK_ITEMS) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push({ write, items });
    size += items.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

/**
 * Writes the planned entries, each serial's items together. Answers the serials written and
 * those whose condition failed (someone else wrote that serial first: read it and plan again).
 * A transaction lost to a concurrent one, with no failed condition, is retried.
 */
export const writeEntries = async (
  electionId: string,
  roundId: string,
  writes: readonly EntryWrite[],
): Promise<{ written: string[]; conflicted: string[] }> => {
  const written: string[] = [];
  const conflicted: string[] = [];
  for (const chunk of chunksOf(electionId, roundId, writes)) {
    let pending = chunk;
    for (let attempt = 1; pending.length > 0; attempt++) {
      try {
        await documentClient().send(
          new TransactWriteCommand({ TransactItems: pending.flatMap((w) => w.items) }),
        );
        written.push(...pending.map((w) => w.write.serial));
        pending = [];
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        let index = 0;
        const failed = new Set<(typeof pending)[number]>();
        for (const planned of pending) {
          const codes = planned.items.map((_, i) => reasons[index + i]?.Code);
          if (codes.includes('ConditionalCheckFailed')) failed.add(planned);
          index += planned.items.length;
        }
        for (const planned of failed) conflicted.push(planned.write.serial);
        pending = pending.filter((planned) => !failed.has(planned));
        if (failed.size === 0) {
          if (attempt >= 25) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
        }
      }
    }
  }
  return { written, conflicted };
};

/** The entries of these serials (those found), read consistently, a few at a time. */
export const entriesBySerial = async (
  electionId: string,
  roundId: string,
  serials: readonly string[],
): Promise<Map<string, SerialEntries>> => {
  const found = new Map<string, SerialEntries>();
  for (let start = 0; start < serials.length; start += 25) {
    const items = await Promise.all(
      serials
        .slice(start, start + 25)
        .map((serial) => getItem<SerialEntries>(keys.entry(electionId, roundId, serial))),
    );
    for (const item of items) if (item) found.set(item.serial, item);
  }
  return found;
};

/** One serial's entries. */
export const getEntries = (electionId: string, roundId: string, serial: string) =>
  getItem<SerialEntries>(keys.entry(electionId, roundId, serial));

/** Every serial's entries of a round, in serial order, read consistently. */
export const listEntries = (electionId: string, roundId: string) =>
  queryPrefix<SerialEntries>(keys.ballotPartition(electionId, roundId), 'ENTRY#');

/**
 * The 监票人's resolution of an open serial, for `commit` with its audit entry: the serial
 * settles only from the status it was read in (and with the same pass 2, or still none), and
 * the chosen version becomes the counted ballot in the same transaction.
 */
export const resolveEntryWrites = (
  electionId: string,
  roundId: string,
  read: SerialEntries,
  resolution: { choose: EntryChoice; reason: string; by: string; at: string },
  ballot?: StoredBallot,
): Write[] => {
  const entry: Write = {
    Update: {
      TableName: tableName(),
      Key: keys.entry(electionId, roundId, read.serial),
      UpdateExpression: 'SET #status = :resolved, resolution = :resolution',
      ConditionExpression: read.second
        ? '#status = :read AND #second.#by = :secondBy'
        : '#status = :read AND attribute_not_exists(#second)',
      ExpressionAttributeNames: {
        '#status': 'status',
        '#second': 'second',
        ...(read.second ? { '#by': 'by' } : {}),
      },
      ExpressionAttributeValues: {
        ':resolved': 'resolved',
        ':resolution': resolution,
        ':read': read.status,
        ...(read.second ? { ':secondBy': read.second.by } : {}),
      },
    },
  };
  return ballot ? [entry, putBallot(electionId, roundId, ballot)] : [entry];
};
