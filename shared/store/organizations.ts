import { randomUUID } from 'node:crypto';
import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Member } from '../rules/index.ts';
import { documentClient } from './client.ts';
import { getItem, putItems, queryPrefix } from './items.ts';
import { keys } from './keys.ts';
import { listKeys } from './lists.ts';
import type { OrganizationRecord } from './records.ts';
import { tableName } from './table.ts';
import { ConditionFailed, commit, type Write } from './transact.ts';

/** The audit chain of an organization (its roll, its undeliverable addresses). */
export const orgScope = (orgId: string) => `ORG#${orgId}`;

/** Creates an organization once; a second create of the same id fails with ConditionFailed. */
export const createOrganization = async (org: OrganizationRecord, actor: string) =>
  commit(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...keys.organization(org.id), ...listKeys('organizations', org), ...org },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
    { scope: orgScope(org.id), actor, action: 'organization-created', data: org },
  );

export const getOrganization = (orgId: string) =>
  getItem<OrganizationRecord>(keys.organization(orgId));

/** The members of a roll (the organization's current one unless given). */
export const getRoll = async (orgId: string, rollId?: string | null): Promise<Member[]> => {
  const id = rollId === undefined ? (await getOrganization(orgId))?.rollId : rollId;
  if (!id) return [];
  return queryPrefix<Member>(keys.rollPartition(orgId, id), 'MEMBER#');
};

const writeMembers = (orgId: string, rollId: string, members: readonly Member[]) =>
  putItems(members.map((member) => ({ ...keys.rollMember(orgId, rollId, member.id), ...member })));

/**
 * Replaces the roll: the members are written under a new roll id, then the organization moves
 * to it in one audited transaction conditional on the roll it was read with, so readers see the
 * old roll or the new one, never half of each. Elections keep the roll they started with.
 * A refused replacement leaves only an unreferenced roll behind.
 */
export const replaceRoll = async (
  org: OrganizationRecord,
  members: readonly Member[],
  actor: string,
): Promise<string> => {
  const version = org.rollVersion + 1;
  const rollId = `${String(version).padStart(6, '0')}-${randomUUID()}`;
  await writeMembers(org.id, rollId, members);
  await commit(
    [
      {
        Update: {
          TableName: tableName(),
          Key: keys.organization(org.id),
          UpdateExpression:
            'SET rollVersion = :next, rollId = :rollId, memberCount = :count, rollReplacedAt = :at',
          ConditionExpression: 'rollVersion = :read',
          ExpressionAttributeValues: {
            ':next': version,
            ':rollId': rollId,
            ':read': org.rollVersion,
            ':count': members.length,
            ':at': new Date().toISOString(),
          },
        },
      },
    ],
    {
      scope: orgScope(org.id),
      actor,
      action: 'roll-replaced',
      data: { rollVersion: version, rollId, count: members.length },
    },
  );
  return rollId;
};

/** An organization as a batch file gives it (its record's own fields). */
export type ImportedOrganization = Pick<OrganizationRecord, 'id' | 'name' | 'level' | 'superior'>;

/**
 * An organization and its roll from a batch file (issue 17): created, or — existing — its name,
 * level and superior set as the file has them and its roll replaced, audited. The roll's id
 * ends with the batch's, so a repeat (an importer killed after this write, or racing) finds it
 * done and writes nothing more; a roll replaced meanwhile by hand is read again and replaced.
 */
export const importOrganization = async (
  org: ImportedOrganization,
  members: readonly Member[],
  { batchId, actor }: { batchId: string; actor: string },
): Promise<{ rollId: string; created: boolean }> => {
  for (let attempt = 1; ; attempt++) {
    const existing = await getOrganization(org.id);
    if (existing?.rollId?.endsWith(`-${batchId}`))
      return { rollId: existing.rollId, created: false };
    const version = (existing?.rollVersion ?? 0) + 1;
    const rollId = `${String(version).padStart(6, '0')}-${batchId}`;
    await writeMembers(org.id, rollId, members);
    const at = new Date().toISOString();
    const record: OrganizationRecord = {
      ...(existing ?? { createdAt: at }),
      ...org,
      rollVersion: version,
      rollId,
      memberCount: members.length,
      rollReplacedAt: at,
    };
    const write: Write = existing
      ? {
          Update: {
            TableName: tableName(),
            Key: keys.organization(org.id),
            UpdateExpression:
              'SET #name = :name, #level = :level, superior = :superior, rollVersion = :next, ' +
              'rollId = :rollId, memberCount = :count, rollReplacedAt = :at',
            ConditionExpression: 'rollVersion = :read',
            ExpressionAttributeNames: { '#name': 'name', '#level': 'level' },
            ExpressionAttributeValues: {
              ':name': org.name,
              ':level': org.level,
              ':superior': org.superior,
              ':next': version,
              ':rollId': rollId,
              ':count': members.length,
              ':at': at,
              ':read': existing.rollVersion,
            },
          },
        }
      : {
          Put: {
            TableName: tableName(),
            Item: { ...keys.organization(org.id), ...listKeys('organizations', record), ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        };
    try {
      await commit([write], {
        scope: orgScope(org.id),
        actor,
        action: 'organization-imported',
        data: {
          batchId,
          created: !existing,
          ...org,
          rollVersion: version,
          rollId,
          count: members.length,
        },
      });
      return { rollId, created: !existing };
    } catch (error) {
      // Changed meanwhile (a hand-made roll, a racing importer): read it again.
      if (!(error instanceof ConditionFailed) || attempt >= 3) throw error;
    }
  }
};

/** How many members a roll has, counted (for an organization whose count was never kept). */
export const countRoll = async (orgId: string, rollId: string): Promise<number> => {
  let count = 0;
  const pages = paginateQuery(
    { client: documentClient() },
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.rollPartition(orgId, rollId), ':prefix': 'MEMBER#' },
      Select: 'COUNT',
    },
  );
  for await (const page of pages) count += page.Count ?? 0;
  return count;
};
