// Proves issue 13 point 7, no test knob in production: on an AWS deployment (ZX_DEPLOYMENT=aws,
// which the stack sets) without the test clock, POST /v1/elections and POST /v1/batches refuse
// `dayLengthMs` with a 400 naming `body.dayLengthMs`, and ZX_DAY_MS is ignored; with
// ZX_TEST_CLOCK=1, and locally, both count. The store is stubbed: an unknown organization (404)
// shows a request got past validation.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler as batches } from '../../../../functions/api/batches.ts';
import { handler as elections } from '../../../../functions/api/elections.ts';
import { signLocalToken } from '../../../../scripts/token.ts';
import { defaultDayLengthMs } from '../../../../shared/election/elections/create.ts';
import { DEFAULT_DAY_LENGTH_MS } from '../../../../shared/rules/index.ts';

vi.mock('../../../../shared/store/organizations.ts', async (original) => ({
  ...(await original<object>()),
  getOrganization: async () => undefined,
}));

afterEach(() => {
  delete process.env.ZX_DEPLOYMENT;
  delete process.env.ZX_TEST_CLOCK;
});

const plan = {
  preset: 'community',
  seats: { secretary: 1, deputies: 0, members: 2 },
  startsAt: '2030-03-15T00:00:00.000Z',
  dayLengthMs: 60_000,
};

/** A request as API Gateway passes it after its JWT authorizer verified an organizer's token. */
const post = async (
  handler: typeof elections,
  path: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { error: { code: string; details: unknown[] } } }> => {
  const event = {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      http: { method: 'POST', path },
      authorizer: {
        jwt: {
          claims: { sub: 'o1', token_use: 'access', roles: '[organizer]', orgs: '[*]' },
          scopes: [],
        },
      },
    },
  } as unknown as APIGatewayProxyEventV2;
  const result = await handler(event, {} as Context);
  return { status: result.statusCode ?? 0, body: JSON.parse(String(result.body)) };
};

describe('dayLengthMs on AWS without the test clock', () => {
  it('is refused by POST /v1/elections and POST /v1/batches, naming the field', async () => {
    process.env.ZX_DEPLOYMENT = 'aws';
    const one = await post(elections, '/v1/elections', { ...plan, orgId: 'org-1' });
    expect(one.status).toBe(400);
    expect(JSON.stringify(one.body.error.details)).toContain('"path":["body","dayLengthMs"]');
    expect(JSON.stringify(one.body)).toMatch(/testClock/);
    const many = await post(batches, '/v1/batches', { ...plan, orgIds: ['org-1'] });
    expect(many.status).toBe(400);
    expect(JSON.stringify(many.body.error.details)).toContain('"path":["body","dayLengthMs"]');
  });

  it('is not needed: the same request without it passes validation', async () => {
    process.env.ZX_DEPLOYMENT = 'aws';
    const { dayLengthMs: _, ...realDays } = plan;
    expect((await post(elections, '/v1/elections', { ...realDays, orgId: 'org-1' })).status).toBe(
      404,
    );
  });

  it('passes with the test clock (ZX_TEST_CLOCK=1), and locally', async () => {
    process.env.ZX_DEPLOYMENT = 'aws';
    process.env.ZX_TEST_CLOCK = '1';
    expect((await post(elections, '/v1/elections', { ...plan, orgId: 'org-1' })).status).toBe(404);
    delete process.env.ZX_DEPLOYMENT;
    delete process.env.ZX_TEST_CLOCK;
    // Locally (the local stack): the HS256 token, and the knob allowed.
    process.env.ZX_AUTH_SECRET = 'unit-test-secret-0123456789';
    try {
      const token = await signLocalToken(
        { sub: 'o1', roles: ['organizer'], orgs: ['*'], hours: 1 },
        'unit-test-secret-0123456789',
      );
      const local = await post(
        elections,
        '/v1/elections',
        { ...plan, orgId: 'org-1' },
        { authorization: `Bearer ${token}` },
      );
      expect(local.status).toBe(404);
    } finally {
      delete process.env.ZX_AUTH_SECRET;
    }
  });
});

describe('ZX_DAY_MS', () => {
  it('sets the default day only where the test clock is on', () => {
    expect(defaultDayLengthMs({ ZX_DAY_MS: '1000' })).toBe(1000);
    expect(defaultDayLengthMs({ ZX_DAY_MS: '1000', ZX_DEPLOYMENT: 'aws' })).toBe(
      DEFAULT_DAY_LENGTH_MS,
    );
    expect(
      defaultDayLengthMs({ ZX_DAY_MS: '1000', ZX_DEPLOYMENT: 'aws', ZX_TEST_CLOCK: '1' }),
    ).toBe(1000);
    // A Lambda runtime without the stack's variable still counts as AWS.
    expect(
      defaultDayLengthMs({ ZX_DAY_MS: '1000', AWS_LAMBDA_FUNCTION_NAME: 'ApiElections' }),
    ).toBe(DEFAULT_DAY_LENGTH_MS);
  });
});
