import { randomUUID } from 'node:crypto';
import type { StartExecutionInput } from '@aws-sdk/client-sfn';
import type { RunOptions } from 'aws-local-stepfunctions';
import type { TimerHandle, VirtualClock } from '../clock.ts';
import { invokeLocalLambda, type LocalLambdaHandler } from '../lambda-context.ts';
import {
  checkSeconds,
  MAX_TIMER_SECONDS,
  type PreparedDefinition,
  type TaskSpec,
} from './definition.ts';
import { RuntimeFailure, SfnProtocolError, TaskFailure } from './errors.ts';
import type { TaskTokens } from './task-tokens.ts';

type Json = Record<string, unknown>;
type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type JsonValue = Awaited<ReturnType<LocalHandlers[string]>>;

/** The budget of a function a token-waiting task invokes: the functions' Lambda timeout. */
const TOKEN_FUNCTION_TIMEOUT_MS = 300_000;

export interface TaskRuntime {
  /** StartExecution of this service, for `states:startExecution` tasks. */
  startExecution?: (input: StartExecutionInput) => Record<string, unknown>;
  lambdaHandlers: ReadonlyMap<string, LocalLambdaHandler>;
  tokens: TaskTokens;
  /** The string `$$.Task.Token` resolves to; swapped for a real token in waitForTaskToken tasks. */
  tokenSentinel: string;
  /** The virtual clock Waits sleep on (`virtual-wait` tasks), when the stack has one. */
  clock?: VirtualClock;
}

/**
 * What a virtual clock needs to know of one execution's run: how many of its tasks are parked
 * (asleep on the clock, or waiting for a token's answer) — a run with none parked is working —
 * and the timers it sleeps on, cancelled when the run ends.
 */
export interface Parking {
  count: number;
  timers: Set<TimerHandle>;
}

export interface ExecutionScope {
  executionArn: string;
  parking?: Parking;
}

/**
 * The `taskResourceLocalHandlers` for one run: every Task state of the machine runs an
 * in-process Lambda handler instead of calling AWS.
 */
export function taskHandlersFor(
  prepared: PreparedDefinition,
  scope: ExecutionScope,
  runtime: TaskRuntime,
): LocalHandlers {
  const handlers: LocalHandlers = {};
  for (const [stateName, spec] of prepared.tasks) {
    handlers[stateName] = (input) =>
      runTask(stateName, spec, input, scope, runtime) as Promise<JsonValue>;
  }
  return handlers;
}

async function runTask(
  stateName: string,
  spec: TaskSpec,
  received: unknown,
  scope: ExecutionScope,
  runtime: TaskRuntime,
): Promise<unknown> {
  let input = received;
  let { timeoutSeconds, heartbeatSeconds } = spec;
  if (spec.wrapped) {
    const wrapper = received as Json;
    input = wrapper.parameters;
    timeoutSeconds = (wrapper.timeoutSeconds as number | undefined) ?? timeoutSeconds;
    heartbeatSeconds = (wrapper.heartbeatSeconds as number | undefined) ?? heartbeatSeconds;
  }
  checkRunTimeSeconds(timeoutSeconds, `TimeoutSeconds of state '${stateName}'`);
  const timeoutMs = (timeoutSeconds ?? MAX_TIMER_SECONDS) * 1000;
  switch (spec.kind) {
    case 'wait-guard':
      guardWait(spec.waitState as string, input as Json);
      return {};
    case 'virtual-wait':
      await sleepOnClock(runtime, scope, guardWait(spec.waitState as string, input as Json));
      return {};
    case 'lambda-function':
      return await invoke(runtime, spec.functionName as string, input, timeoutMs);
    case 'sfn-start-execution':
      return startExecution(runtime, input as Json);
    case 'lambda-invoke': {
      const { FunctionName, Payload } = input as Json;
      const result = await invoke(runtime, String(FunctionName), Payload ?? {}, timeoutMs);
      // The shape the optimized Lambda integration returns (CDK selects `$.Payload`).
      return {
        ExecutedVersion: '$LATEST',
        Payload: result,
        SdkHttpMetadata: { HttpStatusCode: 200 },
        SdkResponseMetadata: { RequestId: randomUUID() },
        StatusCode: 200,
      };
    }
    case 'lambda-wait-token': {
      checkRunTimeSeconds(heartbeatSeconds, `HeartbeatSeconds of state '${stateName}'`);
      const { parking } = scope;
      let parked = false;
      const { token, settled } = runtime.tokens.issue({
        executionArn: scope.executionArn,
        stateName,
        timeoutMs,
        heartbeatMs: heartbeatSeconds === undefined ? undefined : heartbeatSeconds * 1000,
        // At once as the token closes, so the execution counts as working before it resumes.
        onClosed: () => {
          if (parked && parking) parking.count -= 1;
          parked = false;
        },
      });
      // The token may be settled (or the service stopped) before anything awaits it below.
      settled.catch(() => {});
      const { FunctionName, Payload } = withToken(input, runtime.tokenSentinel, token) as Json;
      // Like AWS: the function is invoked synchronously (its failure fails the task), then
      // the task waits for SendTaskSuccess / SendTaskFailure with the token. The function runs
      // on its own budget (a Lambda's timeout), not the task's, which may be days — or, on a
      // short demo day, a second.
      try {
        await invoke(runtime, String(FunctionName), Payload ?? {}, TOKEN_FUNCTION_TIMEOUT_MS);
      } catch (error) {
        runtime.tokens.withdraw(token);
        throw error;
      }
      if (parking && runtime.tokens.isPending(token)) {
        parked = true;
        parking.count += 1;
      }
      return await settled;
    }
  }
}

async function invoke(
  runtime: TaskRuntime,
  functionName: string,
  payload: unknown,
  timeoutMs: number,
): Promise<unknown> {
  const name = /:function:([^:]+)/.exec(functionName)?.[1] ?? functionName;
  const handler = runtime.lambdaHandlers.get(functionName) ?? runtime.lambdaHandlers.get(name);
  if (!handler) {
    throw new TaskFailure(
      'Lambda.ResourceNotFoundException',
      `Function not found: ${functionName} (no local handler registered under that name)`,
    );
  }
  try {
    // Through JSON both ways, as over the wire: Dates become strings, undefined disappears.
    const event = JSON.parse(JSON.stringify(payload));
    const result = await invokeLocalLambda(handler, name, event, Math.min(timeoutMs, 900_000));
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  } catch (error) {
    // What Step Functions sees when a Lambda function throws: Error = errorType,
    // Cause = the runtime's JSON error document.
    const failure = error instanceof Error ? error : new Error(String(error));
    const errorType = failure.name || 'Error';
    throw new TaskFailure(
      errorType,
      JSON.stringify({
        errorType,
        errorMessage: failure.message,
        trace: failure.stack?.split('\n') ?? [],
      }),
    );
  }
}

/**
 * The optimized `states:startExecution` integration: Parameters `StateMachineArn`, `Name`,
 * `Input` (JSON text or object); result `{ExecutionArn, StartDate}`. A refusal fails the task
 * as AWS names it, `StepFunctions.<Type>Exception` (e.g. ExecutionAlreadyExistsException).
 */
function startExecution(runtime: TaskRuntime, parameters: Json): unknown {
  if (!runtime.startExecution) {
    throw new TaskFailure('States.TaskFailed', 'StartExecution is not available here');
  }
  const input = parameters.Input;
  try {
    const started = runtime.startExecution({
      stateMachineArn: parameters.StateMachineArn as string | undefined,
      name: parameters.Name as string | undefined,
      input: input === undefined || typeof input === 'string' ? input : JSON.stringify(input),
    });
    return {
      ExecutionArn: started.executionArn,
      StartDate: new Date((started.startDate as number) * 1000).toISOString(),
    };
  } catch (error) {
    if (!(error instanceof SfnProtocolError)) throw error;
    const type = error.type.endsWith('Exception') ? error.type : `${error.type}Exception`;
    throw new TaskFailure(`StepFunctions.${type}`, error.message);
  }
}

/** Replaces the sentinel wherever `$$.Task.Token` put it, also inside States.Format strings. */
function withToken(value: unknown, sentinel: string, token: string): unknown {
  if (typeof value === 'string') return value.replaceAll(sentinel, token);
  if (Array.isArray(value)) return value.map((item) => withToken(item, sentinel, token));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withToken(item, sentinel, token)]),
    );
  }
  return value;
}

/** Refuses a Wait too long for a timer; answers how long it waits, in seconds. */
function guardWait(waitState: string, input: Json): number {
  const seconds =
    input.seconds !== undefined
      ? Number(input.seconds)
      : (Date.parse(String(input.timestamp)) - Date.now()) / 1000;
  checkRunTimeSeconds(seconds, `the Wait '${waitState}'`);
  return seconds;
}

/**
 * A Wait on the virtual clock: parked until the clock reaches its instant (a past one passes at
 * once, as the interpreter's Wait does). Counted as working again the moment the timer fires.
 */
async function sleepOnClock(
  runtime: TaskRuntime,
  scope: ExecutionScope,
  seconds: number,
): Promise<void> {
  const { clock } = runtime;
  const parking = scope.parking;
  if (!clock || !parking) throw new RuntimeFailure('a virtual Wait without a virtual clock');
  // As the interpreter's Wait refuses a timestamp that is none.
  if (Number.isNaN(seconds)) throw new RuntimeFailure('the Wait has no valid Timestamp');
  if (!(seconds > 0)) return;
  parking.count += 1;
  await new Promise<void>((resolve) => {
    const timer = clock.after(seconds * 1000, () => {
      parking.timers.delete(timer);
      parking.count -= 1;
      resolve();
    });
    parking.timers.add(timer);
  });
}

/** Refuses a too-long delay found at run time: the execution fails with States.Runtime. */
function checkRunTimeSeconds(seconds: number | undefined, what: string): void {
  try {
    checkSeconds(seconds, what);
  } catch (error) {
    throw new RuntimeFailure((error as Error).message);
  }
}
