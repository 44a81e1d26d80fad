// Proves an endpoint's handler sees the caller its `auth` promises, by type: a verified
// Principal on a protected route (no null check, no cast), null on a public one; and that its
// answers are of its response schema's type, and that every endpoint of the API declares what
// its 2xx answers are.

import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import { apiGroups } from '../../../functions/api/index.ts';
import type { Principal } from '../../../shared/http/auth.ts';
import { endpoint } from '../../../shared/http/endpoint.ts';

describe('endpoint', () => {
  it('gives protected handlers a Principal and public ones null', () => {
    endpoint({
      method: 'GET',
      path: '/protected',
      auth: ['organizer', 'member'],
      summary: 'protected',
      response: z.string(),
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
      response: z.null(),
      handle: async ({ principal }) => {
        expectTypeOf(principal).toEqualTypeOf<null>();
        return { body: null };
      },
    });
  });

  it('types the answer by the response schema, and allows no JSON body without one', () => {
    endpoint({
      method: 'GET',
      path: '/typed',
      auth: 'public',
      summary: 'typed',
      response: z.object({ n: z.number() }),
      // @ts-expect-error: the body is not of the response schema's type
      handle: async () => ({ body: { n: 'one' } }),
    });
    const pageOnly = endpoint({
      method: 'GET',
      path: '/page',
      auth: 'public',
      summary: 'a page only',
      page: 'a page',
      // @ts-expect-error: no response schema, so no JSON body
      handle: async () => ({ body: { n: 1 } }),
    });
    expect(pageOnly.response).toBeUndefined();
  });

  it('every endpoint of the API declares its 2xx answer: a response schema, pages or a download', () => {
    const endpoints = Object.values(apiGroups).flatMap((group) => group.endpoints);
    const undeclared = endpoints
      .filter((e) => !e.response && !e.page && !e.download)
      .map((e) => `${e.method} ${e.path}`);
    expect(undeclared).toEqual([]);
    const withoutJson = endpoints.filter((e) => !e.response).map((e) => `${e.method} ${e.path}`);
    expect(withoutJson).toEqual([
      'GET /v1/organizations/roll-template',
      'GET /approve/{approvalId}',
      'GET /approve/{approvalId}/report',
    ]);
  });
});
