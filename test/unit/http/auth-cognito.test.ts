// Proves sign-in on AWS end to end in the code we own: the pre-token-generation trigger writes
// the same `roles` and `orgs` into the ID and the access token from the user's groups and
// `custom:orgs`; the handlers (ZX_DEPLOYMENT=aws) map the claims API Gateway's JWT authorizer
// verified — in the flattened `[a b]` form it passes arrays in — to the Principal, whichever
// token was sent, and never verify a bearer token themselves there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type PreTokenGenerationV2Event,
  handler as preTokenGeneration,
} from '../../../functions/auth/pre-token-generation.ts';
import { signLocalToken } from '../../../scripts/token.ts';
import { principalOf } from '../../../shared/http/auth.ts';
import { claimsOfCognitoUser, orgsAttribute, orgsOfAttribute } from '../../../shared/principal.ts';

beforeEach(() => {
  process.env.ZX_DEPLOYMENT = 'aws';
});
afterEach(() => {
  delete process.env.ZX_DEPLOYMENT;
});

const triggerEvent = (groups: string[], orgs?: string): PreTokenGenerationV2Event => ({
  version: '2',
  triggerSource: 'TokenGeneration_HostedAuth',
  request: {
    userAttributes: { sub: 'c1', email: 'a@example.org', ...(orgs ? { 'custom:orgs': orgs } : {}) },
    groupConfiguration: { groupsToOverride: groups },
  },
  response: { claimsAndScopeOverrideDetails: null },
});

/** What API Gateway's JWT authorizer passes on: array claims flattened to `[a b]`. */
const flatten = (claims: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : v]),
  );
const verified = (claims: Record<string, unknown>) => ({
  requestContext: { authorizer: { jwt: { claims } } },
});

describe('the pre-token-generation trigger', () => {
  it('writes the same roles (groups that are roles) and orgs into both tokens', async () => {
    const out = await preTokenGeneration(
      triggerEvent(['organizer', 'admins', 'teller'], 'org-1, org-2'),
    );
    const expected = { roles: ['organizer', 'teller'], orgs: ['org-1', 'org-2'] };
    expect(out.response.claimsAndScopeOverrideDetails).toEqual({
      idTokenGeneration: { claimsToAddOrOverride: expected },
      accessTokenGeneration: { claimsToAddOrOverride: expected },
    });
  });

  it('gives a user without groups or organizations empty lists, not missing claims', async () => {
    const out = await preTokenGeneration(triggerEvent([]));
    expect(out.response.claimsAndScopeOverrideDetails?.accessTokenGeneration).toEqual({
      claimsToAddOrOverride: { roles: [], orgs: [] },
    });
  });
});

describe('principalOf on AWS', () => {
  const claimsFor = async (groups: string[], orgs: string) =>
    (await preTokenGeneration(triggerEvent(groups, orgs))).response.claimsAndScopeOverrideDetails;

  it('maps an ID token and an access token of the same user to the same principal', async () => {
    const details = await claimsFor(['organizer', 'teller'], 'org-1,org-2');
    const id = flatten({
      sub: 'c1',
      token_use: 'id',
      aud: 'client',
      'cognito:groups': ['organizer', 'teller'],
      'custom:orgs': 'org-1,org-2',
      ...details?.idTokenGeneration?.claimsToAddOrOverride,
    });
    const access = flatten({
      sub: 'c1',
      token_use: 'access',
      client_id: 'client',
      scope: 'openid email profile',
      'cognito:groups': ['organizer', 'teller'],
      ...details?.accessTokenGeneration?.claimsToAddOrOverride,
    });
    const expected = { sub: 'c1', roles: ['organizer', 'teller'], orgs: ['org-1', 'org-2'] };
    expect(await principalOf(verified(id))).toEqual(expected);
    expect(await principalOf(verified(access))).toEqual(expected);
  });

  it('takes `*` (all organizations) and unflattened lists alike', async () => {
    const claims = { sub: 'c2', token_use: 'access', roles: ['member'], orgs: ['*'] };
    expect(await principalOf(verified(claims))).toEqual({
      sub: 'c2',
      roles: ['member'],
      orgs: ['*'],
    });
    expect(await principalOf(verified(flatten(claims)))).toEqual({
      sub: 'c2',
      roles: ['member'],
      orgs: ['*'],
    });
  });

  it('drops role names the product does not know (a 403 at the route, not a 401)', async () => {
    const claims = { sub: 'c1', token_use: 'id', roles: '[chairman member]', orgs: '[org-1]' };
    expect((await principalOf(verified(claims))).roles).toEqual(['member']);
  });

  it('refuses a token issued without the trigger’s claims (401), even with cognito:groups', async () => {
    const claims = {
      sub: 'c1',
      token_use: 'id',
      'cognito:groups': '[organizer]',
      'custom:orgs': '*',
    };
    await expect(principalOf(verified(claims))).rejects.toMatchObject({ status: 401 });
  });

  it('refuses claims of another kind of token, and a request the authorizer did not verify', async () => {
    const refresh = { sub: 'c1', token_use: 'refresh', roles: '[organizer]', orgs: '[*]' };
    await expect(principalOf(verified(refresh))).rejects.toMatchObject({ status: 401 });
    // A bearer token alone is not verified here, even one the local secret signs: on AWS only
    // the authorizer's claims count.
    process.env.ZX_AUTH_SECRET = 'unit-test-secret-0123456789';
    try {
      const local = await signLocalToken(
        { sub: 'x', roles: ['organizer'], orgs: ['*'], hours: 1 },
        'unit-test-secret-0123456789',
      );
      const event = { headers: { authorization: `Bearer ${local}` } };
      await expect(principalOf(event)).rejects.toMatchObject({ status: 401 });
      delete process.env.ZX_DEPLOYMENT; // the same token locally: accepted
      expect((await principalOf(event)).roles).toEqual(['organizer']);
    } finally {
      delete process.env.ZX_AUTH_SECRET;
    }
  });
});

describe('custom:orgs', () => {
  it('reads and writes comma-separated grants, without duplicates', () => {
    expect(orgsOfAttribute(' a ,b,,c')).toEqual(['a', 'b', 'c']);
    expect(orgsOfAttribute(undefined)).toEqual([]);
    expect(orgsAttribute(['a', 'b', 'a'])).toBe('a,b');
    expect(claimsOfCognitoUser(['approver', 'x'], '*')).toEqual({
      roles: ['approver'],
      orgs: ['*'],
    });
  });
});
