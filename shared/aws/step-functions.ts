import {
  ExecutionAlreadyExists,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
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
        name: `${electionId}-${attempt}`.slice(0, 80),
        input: JSON.stringify({ electionId }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
};

/**
 * Whether another execution whose name starts with `prefix` runs on the state machine, i.e. a
 * failed one was superseded (resumed, continued as new). Pages through the RUNNING ones: an
 * election's executions are named `<electionId>-…`.
 */
export const otherRunningExecution = async (
  stateMachineArn: string,
  prefix: string,
  except: string,
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
    const found = page.executions?.find(
      (e) => e.name?.startsWith(prefix) && e.executionArn !== except,
    );
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
