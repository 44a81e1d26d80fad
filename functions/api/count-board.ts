import * as z from 'zod';
import {
  CountBoardLink,
  CountBoardView,
  createCountBoard,
  loadCountBoard,
  revokeCountBoard,
} from '../../shared/election/rounds/count-board.ts';
import { notFound } from '../../shared/errors.ts';
import { endpoint, routeGroup } from '../../shared/http/endpoint.ts';
import { ElectionParams } from '../../shared/http/params.ts';
import { electionEndpoint } from './election-endpoint.ts';

/**
 * The 唱票 board (issue 15): organizers create and revoke its links; the board itself is public
 * JSON behind the link's random token, polled every second by the projector's page, so it
 * answers 304 to a request whose `If-None-Match` holds the current strong ETag.
 */

/** A board token as `createCountBoard` makes it (base64url); anything else is refused (400). */
const BoardToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a 唱票 board token is 1–64 letters, digits, - or _');

const TokenParams = z.strictObject({ token: BoardToken });

// Revalidated on every poll, never taken from a cache without asking.
const CACHE = { 'cache-control': 'no-cache' };

const create = electionEndpoint({
  method: 'POST',
  path: '/v1/elections/{id}/count-board',
  response: CountBoardLink,
  auth: ['organizer'],
  summary: 'A new link to the 唱票 board of the election (its token is the credential; revocable)',
  params: ElectionParams,
  handle: async ({ election, principal }) => ({
    status: 201,
    body: await createCountBoard(election, principal),
  }),
});

const revoke = electionEndpoint({
  method: 'DELETE',
  path: '/v1/elections/{id}/count-board/{token}',
  response: z.object({ revoked: z.literal(true) }),
  auth: ['organizer'],
  summary: 'Revoke a 唱票 board link (404 when the election has none by that token)',
  params: ElectionParams.extend({ token: BoardToken }),
  handle: async ({ election, params, principal }) => {
    await revokeCountBoard(election, params.token, principal);
    return { body: { revoked: true as const } };
  },
});

const show = endpoint({
  method: 'GET',
  path: '/public/count-boards/{token}',
  response: CountBoardView,
  auth: 'public',
  params: TokenParams,
  summary:
    'The 唱票 board: the current round, candidates in 姓氏笔画 order with their running counts, ballots counted vs issued, the tally once closed (strong ETag; If-None-Match → 304)',
  handle: async ({ params, event }) => {
    const found = await loadCountBoard(params.token);
    if (!found) throw notFound('count board');
    const headers = { ...CACHE, etag: found.etag };
    const asked = event.headers?.['if-none-match'];
    if (asked?.split(/\s*,\s*/).includes(found.etag)) return { status: 304, headers };
    return { headers, body: found.board };
  },
});

export const { endpoints, handler } = routeGroup([create, revoke, show]);
