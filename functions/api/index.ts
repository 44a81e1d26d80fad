import type { AnyEndpoint } from '../../shared/http/endpoint.ts';
import * as approvals from './approvals.ts';
import * as batches from './batches.ts';
import * as board from './board.ts';
import * as candidates from './candidates.ts';
import * as countBoard from './count-board.ts';
import * as elections from './elections.ts';
import * as nominations from './nominations.ts';
import * as openapi from './openapi.ts';
import * as organizations from './organizations.ts';
import * as rolls from './rolls.ts';
import * as rounds from './rounds.ts';
import * as supervision from './supervision.ts';

/** A route group: its endpoints and the one Lambda handler that dispatches to them. */
type RouteGroup = {
  endpoints: readonly AnyEndpoint[];
  handler: (event: never, context: never) => unknown;
};

const groups = {
  organizations,
  rolls,
  elections,
  nominations,
  candidates,
  rounds,
  approvals,
  board,
  'count-board': countBoard,
  batches,
  supervision,
  openapi,
};

/** Each group with its endpoints' own types: the console's API client is typed from it. */
export type ApiGroups = typeof groups;

/**
 * The API's route groups: one Lambda each on AWS (entry `functions/api/<name>.ts`, export
 * `handler`), one module each locally. CDK and the local server both read this table.
 */
export const apiGroups: Record<string, RouteGroup> = groups;

/** Every route as the local HTTP server takes it. */
export const localRoutes = () =>
  Object.entries(apiGroups).flatMap(([name, group]) =>
    group.endpoints.map((endpoint) => ({
      method: endpoint.method,
      path: endpoint.path,
      handler: group.handler as never,
      functionName: `zx-api-${name}`,
    })),
  );
