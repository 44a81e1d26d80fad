import { DeleteCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { ElectionStage } from '../rules/index.ts';
import { documentClient } from './client.ts';
import { getItem } from './items.ts';
import { keys } from './keys.ts';
import { listKeys } from './lists.ts';
import type { AwaitingTask, DeadlineWaitTask, ElectionRecord } from './records.ts';
import { tableName } from './table.ts';
import { type AuditEvent, ConditionFailed, commit, type Write } from './transact.ts';

/**
 * Elections carry a `version`: every change is conditional on the version it was read at and
 * bumps it, so two writers can never both win (optimistic locking). The loser gets
 * StaleElection and decides whether to read again and retry or to refuse with 409.
 */

export class StaleElection extends Error {
  constructor(readonly electionId: string) {
    super(`election ${electionId} was changed by someone else`);
    this.name = 'StaleElection';
  }
}

export const getElection = (electionId: string) =>
  getItem<ElectionRecord>(keys.election(electionId));

/** An election's item: its key, its index entry under its organization, then the record. */
const electionItem = (election: ElectionRecord) => ({
  ...keys.election(election.id),
  gsi1pk: `ORG#${election.orgId}`,
  gsi1sk: `ELECTION#${election.createdAt}#${election.id}`,
  ...listKeys('elections', election),
  ...election,
});

export const putNewElection = (election: ElectionRecord): Write => ({
  Put: {
    TableName: tableName(),
    Item: electionItem(election),
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/**
 * A new election is written with a marker saying its workflow is still to start; the marker
 * goes once the start is done. Whatever stops the start — a request cut short by its time
 * budget, a process killed — the workflow sweeper starts it (functions/scheduled/).
 */
export const putPendingStart = (election: Pick<ElectionRecord, 'id' | 'createdAt'>): Write => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...keys.pendingStart(election.id),
      electionId: election.id,
      createdAt: election.createdAt,
    },
  },
});

export const clearPendingStart = async (electionId: string): Promise<void> => {
  await documentClient().send(
    new DeleteCommand({ TableName: tableName(), Key: keys.pendingStart(electionId) }),
  );
};

/** The elections whose workflow is still to start, in pages, each with when it was written. */
export async function* pendingStarts(): AsyncGenerator<
  { electionId: string; createdAt: string }[]
> {
  const pages = paginateQuery(
    { client: documentClient() },
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.pendingStartPartition },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    yield (page.Items ?? []).map((item) => ({
      electionId: item.electionId as string,
      createdAt: item.createdAt as string,
    }));
  }
}

/** The write that replaces an election read at `election.version` with its next version. */
export const putElectionVersion = (election: ElectionRecord): Write => ({
  Put: {
    TableName: tableName(),
    Item: { ...electionItem(election), version: election.version + 1 },
    ConditionExpression: 'version = :read',
    ExpressionAttributeValues: { ':read': election.version },
  },
});

/**
 * A transaction item that holds only while the election is still in one of `stages`: a write
 * decided in a stage cannot land after the workflow has moved on (election/stage.ts).
 */
export const stageGuard = (electionId: string, stages: readonly ElectionStage[]): Write => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.election(electionId),
    ConditionExpression: `#stage IN (${stages.map((_, i) => `:stage${i}`).join(', ')})`,
    ExpressionAttributeNames: { '#stage': 'stage' },
    ExpressionAttributeValues: Object.fromEntries(stages.map((s, i) => [`:stage${i}`, s])),
  },
});

/**
 * Saves the next version of an election with other writes and an audit entry, all or nothing.
 * The election write comes first, so a failed version check is told apart from the others.
 */
export const saveElection = async (
  election: ElectionRecord,
  audit: AuditEvent,
  otherWrites: Write[] = [],
): Promise<ElectionRecord> => {
  try {
    await commit([putElectionVersion(election), ...otherWrites], audit);
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) throw new StaleElection(election.id);
    if (error instanceof ConditionFailed) {
      throw new ConditionFailed(error.index - 1, error.write);
    }
    throw error;
  }
  return { ...election, version: election.version + 1 };
};

/**
 * The workflow task now waiting for people, kept in an item of its own: whole-item saves of the
 * election (optimistic locking) can never erase it, and setting it bumps no version (an
 * organizer's concurrent change must not be refused for it). Workflow-internal: not audited.
 */
export const setAwaiting = async (electionId: string, awaiting: AwaitingTask) => {
  await documentClient().send(
    new PutCommand({ TableName: tableName(), Item: { ...keys.awaiting(electionId), ...awaiting } }),
  );
};

export const getAwaiting = (electionId: string) => getItem<AwaitingTask>(keys.awaiting(electionId));

/** The workflow task waiting for the deadline: an item of its own, like `setAwaiting`'s. */
export const setDeadlineWait = async (electionId: string, wait: DeadlineWaitTask) => {
  await documentClient().send(
    new PutCommand({ TableName: tableName(), Item: { ...keys.deadlineWait(electionId), ...wait } }),
  );
};

export const getDeadlineWait = (electionId: string) =>
  getItem<DeadlineWaitTask>(keys.deadlineWait(electionId));

/** The write that drops the pending-start marker (a cancelled election is never started). */
export const deletePendingStart = (electionId: string): Write => ({
  Delete: { TableName: tableName(), Key: keys.pendingStart(electionId) },
});
