import { localRoutes } from '../../functions/api/index.ts';
import * as mailFeedbackFunction from '../../functions/events/mail-feedback.ts';
import * as workflowFailed from '../../functions/events/workflow-failed.ts';
import { scheduledFunctions } from '../../functions/scheduled/index.ts';
import * as advanceStage from '../../functions/tasks/advance-stage.ts';
import * as awaitDeadline from '../../functions/tasks/await-deadline.ts';
import * as awaitPeople from '../../functions/tasks/await-people.ts';
import * as beginStage from '../../functions/tasks/begin-stage.ts';
import * as checkDeadline from '../../functions/tasks/check-deadline.ts';
import * as closeStage from '../../functions/tasks/close-stage.ts';
import * as expireApproval from '../../functions/tasks/expire-approval.ts';
import * as halt from '../../functions/tasks/halt.ts';
import * as loadElection from '../../functions/tasks/load-election.ts';
import * as remind from '../../functions/tasks/remind.ts';
import * as requestApproval from '../../functions/tasks/request-approval.ts';
import { ensureTable } from '../../shared/store/ensure-table.ts';
import { WORKFLOW_TASKS, type WorkflowTask } from '../../workflows/election-workflow.ts';
import type { Route } from './http-server.ts';
import type { LocalLambdaHandler } from './lambda-context.ts';
import type { LocalSchedule } from './schedules.ts';
import { localStateMachineArn } from './sfn/service.ts';
import { synthesizedWorkflow } from './synthesized-workflow.ts';

// The product as the local stack runs it: the same handlers, and the state machine CDK deploys
// (synthesized from infra/stack.ts, see synthesized-workflow.ts).

/** HTTP API routes: the same table CDK turns into API Gateway routes. */
export const routes: Route[] = localRoutes();

/** The election workflow's ARN in the local account (ZX_STATE_MACHINE_ARN). */
export const ELECTION_STATE_MACHINE_ARN = localStateMachineArn('zx-election');

const workflow = synthesizedWorkflow();

/** State machines by ARN (see `localStateMachineArn`): ASL definitions as JSON objects. */
export const stateMachines: Record<string, unknown> = {
  [ELECTION_STATE_MACHINE_ARN]: workflow.definition,
};

/** Each workflow task's module (entry `functions/tasks/<task>.ts` on AWS). */
const TASKS: Record<WorkflowTask, { handler: LocalLambdaHandler }> = {
  'load-election': loadElection,
  'begin-stage': beginStage,
  'check-deadline': checkDeadline,
  'close-stage': closeStage,
  'await-people': awaitPeople,
  'await-deadline': awaitDeadline,
  remind,
  'request-approval': requestApproval,
  'expire-approval': expireApproval,
  'advance-stage': advanceStage,
  halt,
};

/** The Lambda handlers the state machines' Task states invoke, by function name. */
export const lambdaHandlers: Record<string, LocalLambdaHandler> = Object.fromEntries(
  WORKFLOW_TASKS.map((task) => [workflow.functionNames[task], TASKS[task].handler]),
);

/**
 * What EventBridge runs on AWS for the election workflow's FAILED / TIMED_OUT / ABORTED
 * executions (infra/workflow-events.ts): the local Step Functions service reports them here.
 */
export const executionStopped: LocalLambdaHandler = workflowFailed.handler;

/** What EventBridge runs on AWS (infra/stack.ts): the sweepers. */
export const schedules: LocalSchedule[] = Object.entries(scheduledFunctions).map(
  ([name, { SCHEDULE, handler }]) => ({
    functionName: `zx-${name}`,
    handler,
    everyMinutes: SCHEDULE.everyMinutes,
    timeoutMs: SCHEDULE.timeoutSeconds * 1000,
  }),
);

/** What EventBridge hands SES's bounces and complaints to on AWS (infra/mail.ts). */
export const mailFeedback: LocalLambdaHandler = mailFeedbackFunction.handler;

/** Runs once the stand-ins are up, before anything is served: the table CDK creates on AWS. */
export async function setup(): Promise<void> {
  process.env.ZX_STATE_MACHINE_ARN ||= ELECTION_STATE_MACHINE_ARN;
  await ensureTable();
}
