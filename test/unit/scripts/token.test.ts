// Proves `npm run token`: the command line becomes sub/roles/orgs claims (orgs `*` unless given,
// several roles and orgs allowed), signed HS256 with an `exp`, verifiable with the same secret.
import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { LOCAL_DEV_SECRET, parseTokenArgs, signLocalToken } from '../../../scripts/token.ts';

describe('parseTokenArgs', () => {
  it('reads repeated roles and orgs, with defaults for sub, orgs and hours', () => {
    expect(parseTokenArgs(['--role', 'organizer', '--role', 'teller'])).toEqual({
      roles: ['organizer', 'teller'],
      sub: 'local-user',
      orgs: ['*'],
      hours: 12,
    });
    expect(
      parseTokenArgs([
        '--role',
        'member',
        '--sub',
        'm01',
        '--org',
        'a',
        '--org',
        'b',
        '--hours',
        '2',
      ]),
    ).toEqual({
      roles: ['member'],
      sub: 'm01',
      orgs: ['a', 'b'],
      hours: 2,
    });
  });

  it('refuses no role, an unknown role, a bad number of hours and unknown options', () => {
    expect(() => parseTokenArgs([])).toThrow(/role/);
    expect(() => parseTokenArgs(['--role', 'boss'])).toThrow();
    expect(() => parseTokenArgs(['--role', 'member', '--hours', 'many'])).toThrow();
    expect(() => parseTokenArgs(['--role', 'member', '--admin'])).toThrow();
  });
});

describe('signLocalToken', () => {
  it('signs HS256 with the claims and an expiry `hours` ahead', async () => {
    const now = new Date();
    const token = await signLocalToken(
      { roles: ['organizer'], sub: 'o1', orgs: ['*'], hours: 2 },
      's3cret',
      now,
    );
    const { payload, protectedHeader } = await jwtVerify(
      token,
      new TextEncoder().encode('s3cret'),
      {
        algorithms: ['HS256'],
      },
    );
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'o1', roles: ['organizer'], orgs: ['*'] });
    expect((payload.exp as number) - (payload.iat as number)).toBe(7200);
  });

  it('uses the local stack’s default secret when ZX_AUTH_SECRET is unset', async () => {
    const saved = process.env.ZX_AUTH_SECRET;
    delete process.env.ZX_AUTH_SECRET;
    try {
      const token = await signLocalToken({ roles: ['member'], sub: 'm', orgs: ['*'], hours: 1 });
      await expect(
        jwtVerify(token, new TextEncoder().encode(LOCAL_DEV_SECRET)),
      ).resolves.toBeDefined();
    } finally {
      if (saved !== undefined) process.env.ZX_AUTH_SECRET = saved;
    }
  });
});
