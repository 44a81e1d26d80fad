// Proves who a request is from: on AWS the claims API Gateway's authorizer verified (Cognito
// groups as roles, `custom:orgs` as organizations); locally an HS256 token verified here.
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../../shared/http/auth.ts';

const SECRET = 'unit-test-secret-0123456789';
beforeAll(() => {
  process.env.ZX_AUTH_SECRET = SECRET;
});

const sign = (payload: Record<string, unknown>, alg = 'HS256', secret = SECRET) =>
  new SignJWT(payload)
    .setProtectedHeader({ alg })
    .setSubject('u1')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));

describe('principalOf', () => {
  it('reads the authorizer-verified Cognito claims: groups are roles, custom:orgs organizations', async () => {
    const principal = await principalOf({
      requestContext: {
        authorizer: {
          jwt: {
            claims: {
              sub: 'c1',
              'cognito:groups': '[organizer teller]',
              'custom:orgs': 'org-1,org-2',
            },
          },
        },
      },
    });
    expect(principal).toEqual({
      sub: 'c1',
      roles: ['organizer', 'teller'],
      orgs: ['org-1', 'org-2'],
    });
  });

  it('drops Cognito groups that are not roles of the product', async () => {
    const principal = await principalOf({
      requestContext: {
        authorizer: {
          jwt: {
            claims: { sub: 'c1', 'cognito:groups': ['admins', 'member'], 'custom:orgs': '*' },
          },
        },
      },
    });
    expect(principal.roles).toEqual(['member']);
  });

  it('verifies a local HS256 bearer token', async () => {
    const token = await sign({ roles: ['teller'], orgs: ['org-1'] });
    expect(await principalOf({ headers: { authorization: `Bearer ${token}` } })).toEqual({
      sub: 'u1',
      roles: ['teller'],
      orgs: ['org-1'],
    });
  });

  it('SPEC §9: a valid token whose roles are all unknown to the product has no role (a 403 at the route, not a 401)', async () => {
    const chairman = await sign({ roles: ['chairman'], orgs: ['org-1'] });
    expect(await principalOf({ headers: { authorization: `Bearer ${chairman}` } })).toEqual({
      sub: 'u1',
      roles: [],
      orgs: ['org-1'],
    });
    const mixed = await sign({ roles: ['chairman', 'teller'], orgs: ['org-1'] });
    const principal = await principalOf({ headers: { authorization: `Bearer ${mixed}` } });
    expect(principal.roles).toEqual(['teller']);
    // Roles that are not a list of names are still a malformed token.
    const malformed = await sign({ roles: 'organizer', orgs: ['org-1'] });
    await expect(
      principalOf({ headers: { authorization: `Bearer ${malformed}` } }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a token signed with another secret, and one with another algorithm', async () => {
    const forged = await sign(
      { roles: ['organizer'], orgs: ['*'] },
      'HS256',
      'another-secret-0123456789',
    );
    await expect(
      principalOf({ headers: { authorization: `Bearer ${forged}` } }),
    ).rejects.toMatchObject({ status: 401 });
    const hs512 = await sign({ roles: ['organizer'], orgs: ['*'] }, 'HS512');
    await expect(
      principalOf({ headers: { authorization: `Bearer ${hs512}` } }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a request with no token', async () => {
    await expect(principalOf({ headers: {} })).rejects.toMatchObject({ status: 401 });
  });
});
