import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

/**
 * The longest delay a Node timer can take: a `setTimeout` over 2^31−1 ms fires at once.
 * ~24.8 days. No Wait, task timeout or retry interval handed to the interpreter may exceed it.
 */
export const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** How the local service runs a Task state, decided from its `Resource`. */
export type TaskKind =
  /** `arn:aws:states:::lambda:invoke`: input `{FunctionName, Payload}`, result `{Payload, StatusCode…}`. */
  | 'lambda-invoke'
  /** `…lambda:invoke.waitForTaskToken`: invoke, then wait for SendTaskSuccess/Failure. */
  | 'lambda-wait-token'
  /** A Lambda function ARN as `Resource`: the input is the event, the result is the output. */
  | 'lambda-function'
  /** `arn:aws:states:::states:startExecution` (request-response): starts an execution here. */
  | 'sfn-start-execution'
  /** Inserted by us before a Wait whose length is only known at run time (see below). */
  | 'wait-guard'
  /** With a virtual clock: a Wait, as a task that sleeps on that clock (see below). */
  | 'virtual-wait';

export interface TaskSpec {
  kind: TaskKind;
  /** For `lambda-function`: the name or ARN from `Resource`. */
  functionName?: string;
  /** For `wait-guard` and `virtual-wait`: the Wait state it stands for. */
  waitState?: string;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  /**
   * The task has TimeoutSecondsPath / HeartbeatSecondsPath: its input arrives wrapped as
   * `{parameters, timeoutSeconds?, heartbeatSeconds?}` (see `resolveDynamicTimeouts`).
   */
  wrapped?: boolean;
}

export interface PreparedDefinition {
  /** The definition as given, for DescribeStateMachine. */
  source: unknown;
  /** The definition handed to the interpreter (timeouts filled in, guards inserted). */
  definition: StateMachineDefinition;
  /** Every Task state by name (ASL names are unique across the whole machine, nesting included). */
  tasks: Map<string, TaskSpec>;
}

type Json = Record<string, unknown>;

const LAMBDA_INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke(\.waitForTaskToken)?$/;
const SFN_START_EXECUTION = /^arn:aws[\w-]*:states:::states:startExecution$/;
const LAMBDA_FUNCTION = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/;

/**
 * Checks an ASL definition and rewrites it for `aws-local-stepfunctions`. Refuses, with a
 * message naming the state, whatever would run wrong locally instead of failing silently:
 * JSONata, `Assign`, resources other than Lambda, and static delays over MAX_TIMER_SECONDS.
 */
export function prepareDefinition(
  source: unknown,
  options: { virtualClock?: boolean } = {},
): PreparedDefinition {
  // The interpreter's own validator (asl-validator): syntax, paths, ARNs.
  new StateMachine(structuredClone(source) as StateMachineDefinition);
  const definition = structuredClone(source) as Json;
  refuseJsonata(definition, 'the state machine');
  checkSeconds(definition.TimeoutSeconds, 'TimeoutSeconds of the state machine');
  const tasks = new Map<string, TaskSpec>();
  prepareStates(definition.States as Record<string, Json>, tasks, options.virtualClock ?? false);
  return { source, definition: definition as unknown as StateMachineDefinition, tasks };
}

function prepareStates(
  states: Record<string, Json>,
  tasks: Map<string, TaskSpec>,
  virtual: boolean,
): void {
  for (const [name, state] of Object.entries(states)) {
    const where = `state '${name}'`;
    refuseJsonata(state, where);
    checkRetriers(state.Retry as Json[] | undefined, where);
    switch (state.Type) {
      case 'Task':
        tasks.set(name, prepareTask(state, where, virtual));
        break;
      case 'Wait':
        checkSeconds(state.Seconds, `Seconds of ${where}`);
        if (virtual || state.Timestamp !== undefined || state.SecondsPath || state.TimestampPath) {
          replaceWait(states, name, state, tasks, virtual);
        }
        break;
      case 'Parallel':
        for (const branch of state.Branches as Json[]) {
          prepareStates(branch.States as Record<string, Json>, tasks, virtual);
        }
        break;
      case 'Map': {
        const processor = (state.ItemProcessor ?? state.Iterator) as Json;
        prepareStates(processor.States as Record<string, Json>, tasks, virtual);
        break;
      }
    }
  }
}

function prepareTask(state: Json, where: string, virtual: boolean): TaskSpec {
  const resource = String(state.Resource);
  const invoke = LAMBDA_INVOKE.exec(resource);
  let spec: TaskSpec;
  if (invoke) {
    spec = { kind: invoke[1] ? 'lambda-wait-token' : 'lambda-invoke' };
  } else if (LAMBDA_FUNCTION.test(resource)) {
    spec = { kind: 'lambda-function', functionName: resource };
  } else if (SFN_START_EXECUTION.test(resource)) {
    spec = { kind: 'sfn-start-execution' };
  } else {
    throw new Error(
      `${where}: Resource '${resource}' is not supported locally (only Lambda: ` +
        'arn:aws:states:::lambda:invoke[.waitForTaskToken] or a function ARN; and ' +
        'arn:aws:states:::states:startExecution)',
    );
  }
  checkSeconds(state.TimeoutSeconds, `TimeoutSeconds of ${where}`);
  checkSeconds(state.HeartbeatSeconds, `HeartbeatSeconds of ${where}`);
  // AWS's default is "no timeout" (up to a year); the interpreter's is 60 s. The closest a
  // Node timer gets to the former is MAX_TIMER_SECONDS.
  if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
    state.TimeoutSeconds = MAX_TIMER_SECONDS;
  }
  const prepared: TaskSpec = {
    ...spec,
    timeoutSeconds: state.TimeoutSeconds as number | undefined,
    heartbeatSeconds: state.HeartbeatSeconds as number | undefined,
    wrapped: resolveDynamicTimeouts(state),
  };
  if (virtual && spec.kind === 'lambda-wait-token') {
    // The token's timeout is product time: the task's handler times it on the virtual clock
    // (task-tokens.ts); the interpreter's own timer, real, only bounds it from afar.
    state.TimeoutSeconds = MAX_TIMER_SECONDS;
    delete state.TimeoutSecondsPath;
  }
  return prepared;
}

/**
 * AWS reads TimeoutSecondsPath / HeartbeatSecondsPath from the state input; the interpreter
 * reads the former from the input after `Parameters` (`{FunctionName, Payload}`) and ignores
 * the latter. So `Parameters` is wrapped to resolve both paths against the state input, and
 * the interpreter is pointed at the resolved value; the task handler unwraps.
 */
function resolveDynamicTimeouts(state: Json): boolean {
  const timeoutPath = state.TimeoutSecondsPath as string | undefined;
  const heartbeatPath = state.HeartbeatSecondsPath as string | undefined;
  if (timeoutPath === undefined && heartbeatPath === undefined) return false;
  state.Parameters = {
    ...('Parameters' in state ? { parameters: state.Parameters } : { 'parameters.$': '$' }),
    ...(timeoutPath === undefined ? {} : { 'timeoutSeconds.$': timeoutPath }),
    ...(heartbeatPath === undefined ? {} : { 'heartbeatSeconds.$': heartbeatPath }),
  };
  if (timeoutPath !== undefined) state.TimeoutSecondsPath = '$.timeoutSeconds';
  delete state.HeartbeatSecondsPath;
  return true;
}

/**
 * A Wait with `SecondsPath`, `TimestampPath` or `Timestamp` gets its length at run time, too
 * late to refuse here. So the Wait moves to a new name and a Task takes its place: the Task
 * resolves the same path (the interpreter does that, via `Parameters`) and fails the
 * execution with States.Runtime if the wait is too long; its `ResultPath: null` passes the
 * input through unchanged, and every `Next` pointing at the Wait now reaches the guard.
 *
 * With a virtual clock (`virtual`), the interpreter's Wait (a real `setTimeout` against
 * `Date.now()`) would never see the clock move. So every Wait is replaced so, and the Task
 * also sleeps on the virtual clock until the Wait's instant; the Wait itself becomes a Pass
 * with its InputPath, OutputPath and Next/End, which gives the Wait's output. Counted as one
 * Wait in the history either way (history.ts).
 */
function replaceWait(
  states: Record<string, Json>,
  name: string,
  wait: Json,
  tasks: Map<string, TaskSpec>,
  virtual: boolean,
): void {
  let waitName = `${name} (local wait)`;
  while (waitName in states) waitName += "'";
  const parameters: Json = {};
  if (wait.SecondsPath) parameters['seconds.$'] = wait.SecondsPath;
  else if (wait.TimestampPath) parameters['timestamp.$'] = wait.TimestampPath;
  else if (wait.Timestamp !== undefined) parameters.timestamp = wait.Timestamp;
  else parameters.seconds = wait.Seconds;
  const { Type, Seconds, SecondsPath, Timestamp, TimestampPath, Comment, ...passing } = wait;
  states[waitName] = virtual
    ? { Type: 'Pass', Comment: `the Wait '${name}' once its time came`, ...passing }
    : wait;
  // A virtual Wait may sleep as long as a Wait may last; the guard only checks.
  const timeoutSeconds = virtual ? MAX_TIMER_SECONDS : 60;
  states[name] = {
    Type: 'Task',
    Comment: virtual
      ? `the Wait '${name}' on the virtual clock`
      : `local guard of the Wait '${name}'`,
    Resource: 'arn:aws:states:::lambda:invoke',
    ...('InputPath' in wait ? { InputPath: wait.InputPath } : {}),
    Parameters: parameters,
    ResultPath: null,
    TimeoutSeconds: timeoutSeconds,
    Next: waitName,
  };
  tasks.set(name, {
    kind: virtual ? 'virtual-wait' : 'wait-guard',
    waitState: name,
    timeoutSeconds,
  });
}

function checkRetriers(retriers: Json[] | undefined, where: string): void {
  for (const retrier of retriers ?? []) {
    const interval = (retrier.IntervalSeconds as number | undefined) ?? 1;
    const backoff = (retrier.BackoffRate as number | undefined) ?? 2;
    const attempts = (retrier.MaxAttempts as number | undefined) ?? 3;
    let longest = attempts > 0 ? interval * backoff ** (attempts - 1) : 0;
    if (retrier.MaxDelaySeconds !== undefined) {
      longest = Math.min(longest, retrier.MaxDelaySeconds as number);
    }
    checkSeconds(longest, `a Retry interval of ${where} (set MaxDelaySeconds)`);
  }
}

export function checkSeconds(seconds: unknown, what: string): void {
  if (typeof seconds === 'number' && seconds > MAX_TIMER_SECONDS) {
    throw new Error(
      `${what} is ${seconds} s; the local Step Functions cannot time more than ` +
        `${MAX_TIMER_SECONDS} s (~24.8 days, the Node timer limit): wait in shorter chunks`,
    );
  }
}

function refuseJsonata(node: Json, where: string): void {
  if (node.QueryLanguage === 'JSONata') {
    throw new Error(`${where}: JSONata is not supported locally (aws-local-stepfunctions)`);
  }
  if ('Assign' in node) {
    throw new Error(`${where}: Assign (variables) is not supported locally`);
  }
}
