// Proves the token rules of SPEC §9 on every route of the organizations, elections and batches
// groups: no token, `alg: none`, another algorithm, a wrong secret, an expired token (beyond
// the 60 s skew) or one without `exp` → 401, before any validation or lookup; no roles, only
// roles the product does not know, a role not allowed, or orgs not covering the organization
// → 403; and no refusal writes anything.
// The workflow is not wired yet: startWorkflow is stubbed.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../../shared/http/auth.ts';
import { signToken, startTestApi, type TestApi } from '../../support/api.ts';
import { freshTable } from '../../support/fresh-table.ts';
import {
  electionBody,
  organizationBody,
  organizer,
  roll,
  seedOrganizations,
  tableItems,
} from './core-fixtures.ts';

vi.mock('../../../shared/aws/step-functions.ts', async (original) =>
  (await import('../../support/workflow-stub.ts')).stubStarts(original),
);

const ORG = 'auth-org';
const ALL_ROLES: Role[] = ['organizer', 'teller', 'scrutineer', 'approver', 'member'];

interface RouteCase {
  method: string;
  path: string;
  body?: unknown;
  roles: Role[];
}

let api: TestApi;
let routes: RouteCase[];

beforeAll(async () => {
  process.env.ZX_STATE_MACHINE_ARN = 'arn:aws:states:local:000000000000:stateMachine:zx';
  await freshTable();
  api = await startTestApi();
  await seedOrganizations(api, [ORG]);
  const token = await organizer();
  const election = await api.call('POST', '/v1/elections', { token, body: electionBody(ORG) });
  const batch = await api.call('POST', '/v1/batches', {
    token,
    body: { ...electionBody(ORG), orgId: undefined, orgIds: [ORG] },
  });
  const electionId = (election.body as { id: string }).id;
  const batchId = (batch.body as { id: string }).id;
  const later = new Date(Date.now() + 90 * 86_400_000).toISOString();
  routes = [
    {
      method: 'POST',
      path: '/v1/organizations',
      body: organizationBody('auth-new'),
      roles: ['organizer'],
    },
    { method: 'GET', path: `/v1/organizations/${ORG}`, roles: ['organizer'] },
    {
      method: 'PUT',
      path: `/v1/organizations/${ORG}/roll`,
      body: { members: roll(3) },
      roles: ['organizer'],
    },
    { method: 'GET', path: `/v1/organizations/${ORG}/roll`, roles: ['organizer'] },
    { method: 'POST', path: '/v1/elections', body: electionBody(ORG), roles: ['organizer'] },
    { method: 'GET', path: `/v1/elections/${electionId}`, roles: ALL_ROLES },
    {
      method: 'PUT',
      path: `/v1/elections/${electionId}/deadlines/member-approval`,
      body: { deadline: later },
      roles: ['organizer'],
    },
    {
      method: 'POST',
      path: `/v1/elections/${electionId}/resume`,
      body: { stage: 'nomination', deadline: later },
      roles: ['organizer'],
    },
    { method: 'GET', path: `/v1/elections/${electionId}/audit`, roles: ['organizer'] },
    { method: 'GET', path: `/v1/elections/${electionId}/notices`, roles: ['organizer'] },
    {
      method: 'POST',
      path: '/v1/batches',
      body: { ...electionBody(ORG), orgId: undefined, orgIds: [ORG] },
      roles: ['organizer'],
    },
    { method: 'GET', path: `/v1/batches/${batchId}`, roles: ['organizer'] },
  ];
}, 60_000);
afterAll(() => api?.stop());

const secret = () => new TextEncoder().encode(process.env.ZX_AUTH_SECRET);
const now = () => Math.floor(Date.now() / 1000);
const claims = { roles: ['organizer'], orgs: ['*'] };

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens that must all be refused with 401. */
const invalidTokens = async (): Promise<Record<string, string>> => ({
  'alg none': `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, sub: 'x', exp: now() + 3600 })}.`,
  HS512: await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS512' })
    .setSubject('x')
    .setExpirationTime(now() + 3600)
    .sign(secret()),
  'wrong secret': await signToken(
    { sub: 'x', roles: ['organizer'], orgs: ['*'] },
    { secret: 'not-the-secret-0123456789abcdef' },
  ),
  'expired beyond the skew': await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('x')
    .setExpirationTime(now() - 120)
    .sign(secret()),
  'without exp': await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('x')
    .sign(secret()),
  'without roles and orgs': await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('x')
    .setExpirationTime(now() + 3600)
    .sign(secret()),
  garbage: 'not.a.token',
});

const codeOf = (body: unknown) => (body as { error: { code: string } }).error.code;

describe('401: no valid token, on every route, before anything else', () => {
  it('refuses a request without a token, even with a malformed body or an unknown id', async () => {
    for (const route of routes) {
      const bare = await api.call(route.method, route.path, { body: route.body });
      expect(bare.status, `${route.method} ${route.path}`).toBe(401);
      expect(codeOf(bare.body)).toBe('unauthorized');
      if (route.body !== undefined) {
        const malformed = await api.call(route.method, route.path, { body: { nonsense: true } });
        expect(malformed.status, `${route.method} ${route.path} malformed`).toBe(401);
      }
    }
    const unknown = await api.call('GET', '/v1/elections/no-such-election');
    expect(unknown.status).toBe(401);
    const badJson = await api.call('POST', '/v1/elections', { body: '{not json' });
    expect(badJson.status).toBe(401);
  });

  it('refuses alg none, another algorithm, a wrong secret, an expired token, one without exp or claims', async () => {
    const tokens = await invalidTokens();
    for (const route of routes) {
      for (const [name, token] of Object.entries(tokens)) {
        const answer = await api.call(route.method, route.path, { token, body: route.body });
        expect(answer.status, `${name}: ${route.method} ${route.path}`).toBe(401);
      }
    }
  });

  it('accepts a token expired within the 60 s clock skew', async () => {
    const token = await new SignJWT({ roles: ['organizer'], orgs: ['*'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime(now() - 30)
      .sign(secret());
    const answer = await api.call('GET', `/v1/organizations/${ORG}`, { token });
    expect(answer.status).toBe(200);
  });
});

describe('403: roles and organizations', () => {
  it('refuses a token with no roles on every route', async () => {
    const token = await signToken({ sub: 'x', roles: [], orgs: ['*'] });
    for (const route of routes) {
      const answer = await api.call(route.method, route.path, { token, body: route.body });
      expect(answer.status, `${route.method} ${route.path}`).toBe(403);
    }
  });

  it('SPEC §9: refuses a valid token whose roles are all unknown to the product with 403, not 401', async () => {
    const token = await signToken({ sub: 'x', roles: ['chairman'] as never, orgs: ['*'] });
    for (const route of routes) {
      const answer = await api.call(route.method, route.path, { token, body: route.body });
      expect(answer.status, `${route.method} ${route.path}`).toBe(403);
      expect(codeOf(answer.body)).toBe('forbidden');
    }
  });

  it('refuses every role a route does not allow', async () => {
    for (const route of routes) {
      for (const role of ALL_ROLES.filter((r) => !route.roles.includes(r))) {
        const token = await signToken({ sub: 'x', roles: [role], orgs: ['*'] });
        const answer = await api.call(route.method, route.path, { token, body: route.body });
        expect(answer.status, `${role}: ${route.method} ${route.path}`).toBe(403);
      }
    }
  });

  it('refuses a token whose orgs do not cover the organization, whatever its roles', async () => {
    for (const route of routes) {
      const token = await signToken({ sub: 'x', roles: ALL_ROLES, orgs: ['elsewhere'] });
      const answer = await api.call(route.method, route.path, { token, body: route.body });
      expect(answer.status, `${route.method} ${route.path}`).toBe(403);
    }
  });
});

describe('refusals change nothing', () => {
  it('leaves the table exactly as it was after every refused request', async () => {
    const before = await tableItems();
    const tokens = [
      ...Object.values(await invalidTokens()),
      await signToken({ sub: 'x', roles: [], orgs: ['*'] }),
      await signToken({ sub: 'x', roles: ['chairman'] as never, orgs: ['*'] }),
      await signToken({ sub: 'x', roles: ALL_ROLES, orgs: ['elsewhere'] }),
      await signToken({ sub: 'x', roles: ['member', 'teller'], orgs: ['*'] }),
    ];
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      for (const token of tokens)
        await api.call(route.method, route.path, { token, body: route.body });
    }
    const after = await tableItems();
    const keyOf = (item: Record<string, unknown>) => `${item.pk} ${item.sk}`;
    expect(after.map(keyOf).sort()).toEqual(before.map(keyOf).sort());
    expect(after).toEqual(expect.arrayContaining(before));
  });
});
