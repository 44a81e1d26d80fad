import { loadBoard } from '../../shared/election/board/board.ts';
import { BoardView } from '../../shared/election/board/views.ts';
import { buildRecountFile } from '../../shared/election/rounds/recount.ts';
import { notFound } from '../../shared/errors.ts';
import { endpoint, routeGroup } from '../../shared/http/endpoint.ts';
import { PAGE_HEADERS, wantsJson } from '../../shared/http/negotiation.ts';
import { ElectionParams, RoundParams } from '../../shared/http/params.ts';
import { renderBoardNotFound, renderBoardPage } from '../../shared/pages/board.ts';
import { RecountFile } from '../../shared/recount/format.ts';

/**
 * The public notice board (公示栏, SPEC §2 stages 1, 4, 7, §9): no token; HTML for people, the
 * same content as JSON with `Accept: application/json`. Beside it, each closed round's recount
 * file (shared/election/rounds/recount.ts).
 */

// Public and changing as the election runs: shown fresh, never from a cache.
const headers = { 'cache-control': 'no-cache', vary: 'accept' };

const show = endpoint({
  method: 'GET',
  path: '/public/elections/{id}',
  response: BoardView,
  auth: 'public',
  params: ElectionParams,
  page: 'The board, for people',
  summary: 'The public notice board (公示栏): HTML, or JSON with Accept: application/json',
  handle: async ({ params, event }) => {
    const json = wantsJson(event.headers);
    const board = await loadBoard(params.id);
    if (!board) {
      if (json) throw notFound(`election ${params.id}`);
      return {
        status: 404,
        headers: { ...PAGE_HEADERS, ...headers },
        html: renderBoardNotFound(params.id),
      };
    }
    if (json) return { headers, body: board };
    return { headers: { ...PAGE_HEADERS, ...headers }, html: renderBoardPage(board) };
  },
});

/** A closed round's recount file (复核): public as the count itself was, a download. */
const recount = endpoint({
  method: 'GET',
  path: '/public/elections/{id}/rounds/{roundId}/recount',
  response: RecountFile,
  auth: 'public',
  params: RoundParams,
  summary:
    "A closed round's public recount file (zx-recount/1): its anonymous ballots, attendance, rules, tally and audit chain; 409 while the round is open",
  handle: async ({ params }) => ({
    // The round is final, but the file's chain runs to the head, which moves on.
    headers: {
      'cache-control': 'no-cache',
      'content-disposition': `attachment; filename=recount-${params.id}-${params.roundId}.json`,
    },
    body: await buildRecountFile(params.id, params.roundId),
  }),
});

export const { endpoints, handler } = routeGroup([show, recount]);
