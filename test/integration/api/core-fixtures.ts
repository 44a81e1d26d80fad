// Fixtures of the core route groups' tests (organizations, elections, batches, auth): a roll,
// organizations seeded through the API, tokens, and direct reads of the table to prove that a
// refused request wrote nothing.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../../../shared/http/auth.ts';
import type { Member } from '../../../shared/rules/index.ts';
import { documentClient } from '../../../shared/store/client.ts';
import { tableName } from '../../../shared/store/table.ts';
import { signToken, type TestApi } from '../../support/api.ts';

export const organizer = (orgs: string[] = ['*'], sub = 'organizer-1') =>
  signToken({ sub, roles: ['organizer'], orgs });

export const tokenFor = (roles: Role[], orgs: string[] = ['*'], sub = 'someone') =>
  signToken({ sub, roles, orgs });

const EDUCATION: Member['education'][] = ['senior', 'associate', 'bachelor', 'junior', 'master'];

/** A roll of `n` full members (ids `m01`…), ages and education varied but predictable. */
export const roll = (n: number, prefix = 'm'): Member[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${String(i + 1).padStart(2, '0')}`,
    name: `党员${i + 1}`,
    email: `${prefix}${i + 1}@example.org`,
    birthDate: `${1970 + (i % 20)}-06-15`,
    education: EDUCATION[i % EDUCATION.length] as Member['education'],
    status: 'full' as const,
    fullSince: '2010-07-01',
    orgRelationLocal: true,
    healthy: true,
  }));

export const organizationBody = (id: string) => ({
  id,
  name: `${id} 社区党支部`,
  level: 'branch' as const,
  superior: { name: '街道党工委', emails: ['superior@example.org'] },
});

/** Creates organizations through the API, each with a roll unless `withRoll` is false. */
export const seedOrganizations = async (
  api: TestApi,
  ids: readonly string[],
  { members = 12, withRoll = true } = {},
): Promise<void> => {
  const token = await organizer();
  for (const id of ids) {
    const created = await api.call('POST', '/v1/organizations', {
      token,
      body: organizationBody(id),
    });
    if (created.status !== 201) throw new Error(`seed ${id}: ${created.text}`);
    if (!withRoll) continue;
    const filled = await api.call('PUT', `/v1/organizations/${id}/roll`, {
      token,
      body: { members: roll(members) },
    });
    if (filled.status !== 200) throw new Error(`seed roll ${id}: ${filled.text}`);
  }
};

export const electionBody = (orgId: string, extra: Record<string, unknown> = {}) => ({
  orgId,
  preset: 'community',
  seats: { secretary: 1, deputies: 0, members: 2 },
  startsAt: new Date(Date.now() + 86_400_000).toISOString(),
  dayLengthMs: 60_000,
  ...extra,
});

/** Every item of the table with its keys, for "nothing was written" assertions. */
export const tableItems = async (): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

export const countItems = async (predicate: (item: Record<string, unknown>) => boolean) =>
  (await tableItems()).filter(predicate).length;

export const isElection = (item: Record<string, unknown>) => item.sk === 'ELECTION';

export interface ErrorBody {
  error: { code: string; message: string; details: { path?: unknown[]; rule?: string }[] };
}

/** The zod paths a 400 names. */
export const detailPaths = (body: unknown): unknown[][] =>
  (body as ErrorBody).error.details.map((d) => d.path ?? []);
