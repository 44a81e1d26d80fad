import { createHash } from 'node:crypto';
import {
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { clientPerEndpoint } from './client.ts';

/**
 * The API's side of the workflow: start an election's execution, and release a waiting task
 * (election/wake.ts finds the one that waits for people). The endpoint comes from the SDK's own settings
 * (AWS_ENDPOINT_URL_SFN locally).
 */
const sfn = clientPerEndpoint('AWS_ENDPOINT_URL_SFN', () => new SFNClient({}));

const stateMachineArn = (): string => {
  const arn = process.env.ZX_STATE_MACHINE_ARN;
  if (!arn) throw new Error('ZX_STATE_MACHINE_ARN is not set');
  return arn;
};

/** Step Functions' limit on an execution's name. */
export const MAX_EXECUTION_NAME = 80;

/**
 * `head` + `tail` as an execution name of at most 80 characters: when longer, `head` is cut
 * and a hash of the whole name keeps it unique (a 128-character election id would otherwise
 * give every execution of the election the same 80 characters). Deterministic: the same
 * request names the same execution.
 */
export const executionName = (head: string, tail: string): string => {
  const whole = `${head}${tail}`;
  if (whole.length <= MAX_EXECUTION_NAME) return whole;
  const hash = createHash('sha256').update(whole).digest('hex').slice(0, 12);
  return `${head.slice(0, MAX_EXECUTION_NAME - tail.length - hash.length - 1)}-${hash}${tail}`;
};

/** The name of an election's execution for one start (`start`, `resume-<version>`). */
export const workflowExecutionName = (electionId: string, attempt: string): string =>
  executionName(electionId, `-${attempt}`);

/**
 * Starts the election's workflow. The execution is named after the election and its start
 * (a resumed election gets a new one), so a retried request starts nothing twice: Step
 * Functions answers a running one as started, and one that already ended as existing — also
 * started, so not an error.
 */
export const startWorkflow = async (electionId: string, attempt = 'start'): Promise<void> => {
  try {
    await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn(),
        name: workflowExecutionName(electionId, attempt),
        input: JSON.stringify({ electionId }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
};

/**
 * The ARN of the RUNNING execution named `name` on the state machine, if one runs. Pages
 * through the RUNNING ones (ListExecutions has no name filter; DescribeExecution would need a
 * grant on every execution).
 */
export const runningExecutionNamed = async (
  stateMachineArn: string,
  name: string,
): Promise<string | undefined> => {
  let nextToken: string | undefined;
  do {
    const page = await sfn().send(
      new ListExecutionsCommand({
        stateMachineArn,
        statusFilter: 'RUNNING',
        maxResults: 1000,
        nextToken,
      }),
    );
    const found = page.executions?.find((e) => e.name === name);
    if (found) return found.executionArn;
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
};

/** Sends success to a task token; a token already used, timed out or unknown is not an error. */
export const releaseToken = async (token: string, output: unknown = {}): Promise<boolean> => {
  try {
    await sfn().send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }),
    );
    return true;
  } catch (error) {
    if (
      error instanceof TaskDoesNotExist ||
      error instanceof TaskTimedOut ||
      error instanceof InvalidToken
    ) {
      return false;
    }
    throw error;
  }
};

/**
 * Stops the election's execution named `name` (an organizer cancelled it). The execution's ARN
 * is the state machine's with `execution` and the name; one that already ended, or never
 * started, is not an error: stopping is idempotent.
 */
export const stopWorkflow = async (name: string, cause: string): Promise<void> => {
  const executionArn = `${stateMachineArn().replace(':stateMachine:', ':execution:')}:${name}`;
  try {
    await sfn().send(
      new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: cause.slice(0, 32_000) }),
    );
  } catch (error) {
    if (!(error instanceof ExecutionDoesNotExist)) throw error;
  }
};
