import { localRoutes } from '../../functions/api/index.ts';
import { ensureTable } from '../../shared/store/ensure-table.ts';
import type { Route } from './http-server.ts';
import type { LocalLambdaHandler } from './lambda-context.ts';

// The product as the local stack runs it. Placeholders for now: the handlers, and the state
// machine extracted from the CDK template, are plugged in here as they are written.

/** HTTP API routes: the same table CDK turns into API Gateway routes. */
export const routes: Route[] = localRoutes();

/** State machines by ARN (see `localStateMachineArn`): ASL definitions as JSON objects. */
export const stateMachines: Record<string, unknown> = {};

/** The Lambda handlers the state machines' Task states invoke, by function name. */
export const lambdaHandlers: Record<string, LocalLambdaHandler> = {};

/** Runs once the stand-ins are up, before anything is served: the table CDK creates on AWS. */
export async function setup(): Promise<void> {
  await ensureTable();
}
