// Proves an endpoint's handler sees the caller its `auth` promises, by type: a verified
// Principal on a protected route (no null check, no cast), null on a public one.
import { describe, expectTypeOf, it } from 'vitest';
import type { Principal } from '../../../shared/http/auth.ts';
import { endpoint } from '../../../shared/http/endpoint.ts';

describe('endpoint', () => {
  it('gives protected handlers a Principal and public ones null', () => {
    endpoint({
      method: 'GET',
      path: '/protected',
      auth: ['organizer', 'member'],
      summary: 'protected',
      handle: async ({ principal }) => {
        expectTypeOf(principal).toEqualTypeOf<Principal>();
        return { body: principal.sub };
      },
    });
    endpoint({
      method: 'GET',
      path: '/public',
      auth: 'public',
      summary: 'public',
      handle: async ({ principal }) => {
        expectTypeOf(principal).toEqualTypeOf<null>();
        return { body: null };
      },
    });
  });
});
