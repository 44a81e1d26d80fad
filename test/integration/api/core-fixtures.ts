// Fixtures of the core route groups' tests (organizations, elections, batches, auth): a roll,
// organizations seeded through the API, tokens, and direct reads of the table to prove that a
// refused request wrote nothing.
import type { Role } from '../../../shared/http/auth.ts';
import { signToken, startTestApi, type TestApi } from '../../support/api.ts';
import { roll } from '../../support/builders.ts';
import { freshTable } from '../../support/fresh-table.ts';
import { scanTable } from '../../support/inspect.ts';

export { roll };

export const organizer = (orgs: string[] = ['*'], sub = 'organizer-1') =>
  signToken({ sub, roles: ['organizer'], orgs });

export const tokenFor = (roles: Role[], orgs: string[] = ['*'], sub = 'someone') =>
  signToken({ sub, roles, orgs });

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
export const tableItems = scanTable;

export const countItems = async (predicate: (item: Record<string, unknown>) => boolean) =>
  (await tableItems()).filter(predicate).length;

export const isElection = (item: Record<string, unknown>) => item.sk === 'ELECTION';

export interface ErrorBody {
  error: { code: string; message: string; details: { path?: unknown[]; rule?: string }[] };
}

/** The zod paths a 400 names. */
export const detailPaths = (body: unknown): unknown[][] =>
  (body as ErrorBody).error.details.map((d) => d.path ?? []);

/**
 * A fresh table and the API, an organizer's token, and the organizations: those `withRoll` with
 * one, those `withoutRoll` without. Elections start workflows: the stubbed state machine's ARN.
 */
export const startCoreApi = async (
  withRoll: readonly string[],
  withoutRoll: readonly string[],
): Promise<{ api: TestApi; token: string }> => {
  process.env.ZX_STATE_MACHINE_ARN = 'arn:aws:states:local:000000000000:stateMachine:zx';
  await freshTable();
  const api = await startTestApi();
  const token = await organizer();
  await seedOrganizations(api, withRoll);
  await seedOrganizations(api, withoutRoll, { withRoll: false });
  return { api, token };
};
