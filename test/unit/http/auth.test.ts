// Proves who a request is from locally: an HS256 token verified here, and never claims an event
// carries (no authorizer runs locally). On AWS: auth-cognito.test.ts.
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

  it('never trusts authorizer claims locally: only the bearer token counts', async () => {
    const claims = { sub: 'x', token_use: 'id', roles: ['organizer'], orgs: ['*'] };
    const event = { requestContext: { authorizer: { jwt: { claims } } } };
    await expect(principalOf(event)).rejects.toMatchObject({ status: 401 });
    const token = await sign({ roles: ['teller'], orgs: ['org-1'] });
    expect(
      await principalOf({ ...event, headers: { authorization: `Bearer ${token}` } }),
    ).toMatchObject({ sub: 'u1', roles: ['teller'] });
  });

  it('refuses a request with no token', async () => {
    await expect(principalOf({ headers: {} })).rejects.toMatchObject({ status: 401 });
  });
});
