import { randomUUID } from 'node:crypto';
import type {
  DescribeExecutionInput,
  DescribeStateMachineInput,
  ListExecutionsInput,
  SendTaskFailureInput,
  SendTaskHeartbeatInput,
  SendTaskSuccessInput,
  StartExecutionInput,
  StopExecutionInput,
} from '@aws-sdk/client-sfn';
import { ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import type { VirtualClock } from '../clock.ts';
import { LOCAL_ACCOUNT_ID, type LocalLambdaHandler } from '../lambda-context.ts';
import { type PreparedDefinition, prepareDefinition } from './definition.ts';
import { SfnProtocolError } from './errors.ts';
import {
  type ExecutionRecord,
  type ExecutionStore,
  openExecutionStore,
} from './execution-store.ts';
import {
  HISTORY_LIMIT,
  HISTORY_LIMIT_ERROR,
  historyLimitCause,
  historyWeight,
  type InterpreterEvent,
} from './history.ts';
import { type Parking, taskHandlersFor } from './task-handlers.ts';
import { TaskTokens } from './task-tokens.ts';

export interface EngineOptions {
  /** Where executions are recorded (`<dataDir>/executions/`); memory only when omitted. */
  dataDir?: string;
  /** Where to report executions that fail (default: stderr). */
  log?: (line: string) => void;
  /** The history quota of one execution (AWS: 25 000, a hard limit); lower only in tests. */
  historyLimit?: number;
  /**
   * A virtual clock (`ZX_CLOCK=virtual`): Waits, token timeouts and heartbeats are timed on it,
   * and it counts an execution as working until it ends or parks on a timer or a token.
   */
  clock?: VirtualClock;
}

/**
 * What EventBridge's "Step Functions Execution Status Change" event carries in `detail`
 * (dates in epoch milliseconds), for every status an execution reaches.
 */
export interface ExecutionStatusChange {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionRecord['status'];
  startDate: number;
  stopDate: number | null;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
}

interface RegisteredMachine {
  prepared: PreparedDefinition;
  interpreter: StateMachine;
  createdAt: Date;
}

interface ActiveRun {
  abort(): void;
  /** Set before aborting: a stopped run is recorded ABORTED, a shut-down one stays RUNNING. */
  ending?: 'stop' | 'shutdown';
  /** Set before aborting when the history reached its quota: recorded FAILED like AWS. */
  historyFull?: true;
  done: Promise<void>;
  parking: Parking;
}

/** Protocol outputs: plain JSON objects, dates as epoch seconds (awsJson1_0). */
type Output = Record<string, unknown>;

const NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u;
const STATE_MACHINE_ARN = /^arn:aws[\w-]*:states:[^:]+:\d{12}:stateMachine:[^:]+$/;
const ROLE_ARN = `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/local-step-functions`;

/**
 * The Step Functions operations, run by `aws-local-stepfunctions`, with executions recorded
 * on disk. After a restart every RUNNING execution starts again from the top with its
 * original input, as soon as its state machine is registered.
 */
export class StepFunctionsEngine {
  readonly #machines = new Map<string, RegisteredMachine>();
  readonly #lambdaHandlers = new Map<string, LocalLambdaHandler>();
  readonly #executions = new Map<string, ExecutionRecord>();
  readonly #running = new Map<string, ActiveRun>();
  readonly #store: ExecutionStore;
  readonly #tokens: TaskTokens;
  readonly #sentinel = `local-task-token-${randomUUID()}`;
  readonly #log: (line: string) => void;
  readonly #historyLimit: number;
  /** AWS history events of each execution since it (re)started here (see history.ts). */
  readonly #history = new Map<string, number>();
  readonly #listeners: ((change: ExecutionStatusChange) => void)[] = [];
  readonly #clock: VirtualClock | undefined;
  #closed = false;

  constructor(options: EngineOptions = {}) {
    this.#log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.#historyLimit = options.historyLimit ?? HISTORY_LIMIT;
    this.#clock = options.clock;
    this.#clock?.watch(() => this.#working());
    this.#store = openExecutionStore(
      options.dataDir === undefined ? undefined : `${options.dataDir}/executions`,
    );
    for (const record of this.#store.loadAll()) {
      this.#executions.set(record.executionArn, { ...record, pendingTasks: [] });
    }
    this.#tokens = new TaskTokens((executionArn) => {
      const record = this.#executions.get(executionArn);
      if (record?.status !== 'RUNNING') return;
      record.pendingTasks = this.#tokens.pendingOf(executionArn);
      this.#store.save(record);
    }, this.#clock);
  }

  /**
   * Calls `listener` whenever an execution starts or ends (RUNNING, SUCCEEDED, FAILED,
   * TIMED_OUT, ABORTED), as EventBridge delivers Step Functions' status changes on AWS.
   * A throwing listener is logged, never fails the execution.
   */
  onStatusChange(listener: (change: ExecutionStatusChange) => void): void {
    this.#listeners.push(listener);
  }

  /**
   * The AWS history events an execution has written so far (as AWS counts them, see
   * history.ts); counted from its latest start on this service. Undefined if unknown.
   */
  historyEventCount(executionArn: string): number | undefined {
    return this.#history.get(executionArn) ?? this.#executions.get(executionArn)?.historyEvents;
  }

  /** Handlers for Lambda tasks, by function name (a function ARN finds its name too). */
  registerLambdaHandlers(handlers: Record<string, LocalLambdaHandler>): void {
    for (const [name, handler] of Object.entries(handlers)) this.#lambdaHandlers.set(name, handler);
  }

  /**
   * Registers (or replaces) a state machine from its ASL JSON; throws if it cannot run
   * locally. Its RUNNING executions left from an earlier run of the service start again.
   */
  registerStateMachine(stateMachineArn: string, definition: unknown): void {
    if (!STATE_MACHINE_ARN.test(stateMachineArn)) {
      throw new Error(`not a state machine ARN: ${stateMachineArn}`);
    }
    const prepared = prepareDefinition(definition, { virtualClock: this.#clock !== undefined });
    const interpreter = new StateMachine(prepared.definition, {
      validationOptions: { noValidate: true },
    });
    this.#machines.set(stateMachineArn, { prepared, interpreter, createdAt: new Date() });
    for (const record of this.#executions.values()) {
      if (record.stateMachineArn === stateMachineArn && record.status === 'RUNNING') {
        this.#run(record);
      }
    }
  }

  startExecution(input: StartExecutionInput): Output {
    const stateMachineArn = required(input.stateMachineArn, 'stateMachineArn');
    this.#machineOf(stateMachineArn);
    const name = input.name ?? randomUUID();
    if (!NAME.test(name)) throw new SfnProtocolError('InvalidName', `Invalid Name: '${name}'`);
    const text = input.input ?? '{}';
    try {
      JSON.parse(text);
    } catch {
      throw new SfnProtocolError('InvalidExecutionInput', 'Invalid State Machine Execution Input');
    }
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.#executions.get(executionArn);
    if (existing) {
      // AWS: the same name and input while it runs is the same request; anything else clashes.
      if (existing.status === 'RUNNING' && existing.input === text) {
        return { executionArn, startDate: epoch(existing.startDate) };
      }
      throw new SfnProtocolError(
        'ExecutionAlreadyExists',
        `Execution Already Exists: '${executionArn}'`,
      );
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name,
      input: text,
      status: 'RUNNING',
      startDate: new Date().toISOString(),
      starts: 0,
      pendingTasks: [],
    };
    this.#executions.set(executionArn, record);
    this.#run(record);
    this.#report(record);
    return { executionArn, startDate: epoch(record.startDate) };
  }

  describeExecution(input: DescribeExecutionInput): Output {
    const record = this.#executionOf(input.executionArn);
    return {
      ...summary(record),
      input: record.input,
      inputDetails: { included: true },
      ...(record.output === undefined
        ? {}
        : { output: record.output, outputDetails: { included: true } }),
      ...(record.error === undefined ? {} : { error: record.error }),
      ...(record.cause === undefined ? {} : { cause: record.cause }),
      // Not in AWS's answer (the SDK ignores it): what the local history quota counts.
      historyEventCount: this.historyEventCount(record.executionArn),
    };
  }

  listExecutions(input: ListExecutionsInput): Output {
    const stateMachineArn = required(input.stateMachineArn, 'stateMachineArn');
    const all = [...this.#executions.values()]
      .filter((record) => record.stateMachineArn === stateMachineArn)
      .filter((record) => !input.statusFilter || record.status === input.statusFilter)
      .sort((a, b) => b.startDate.localeCompare(a.startDate));
    if (all.length === 0) this.#machineOf(stateMachineArn);
    const offset = input.nextToken
      ? Number(Buffer.from(input.nextToken, 'base64url').toString())
      : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      throw new SfnProtocolError('InvalidToken', 'Invalid nextToken');
    }
    const size = input.maxResults || 100;
    const next = offset + size;
    return {
      executions: all.slice(offset, next).map(summary),
      ...(next < all.length ? { nextToken: Buffer.from(String(next)).toString('base64url') } : {}),
    };
  }

  stopExecution(input: StopExecutionInput): Output {
    const record = this.#executionOf(input.executionArn);
    if (record.status === 'RUNNING') {
      Object.assign(record, {
        status: 'ABORTED',
        stopDate: new Date().toISOString(),
        pendingTasks: [],
        ...(input.error === undefined ? {} : { error: input.error }),
        ...(input.cause === undefined ? {} : { cause: input.cause }),
      });
      this.#store.save(record);
      const active = this.#running.get(record.executionArn);
      if (active) {
        active.ending = 'stop';
        active.abort();
      }
      this.#tokens.dropExecution(record.executionArn, 'execution stopped');
      this.#report(record);
    }
    return { stopDate: epoch(record.stopDate as string) };
  }

  sendTaskSuccess(input: SendTaskSuccessInput): Output {
    const token = required(input.taskToken, 'taskToken');
    let output: unknown;
    try {
      output = JSON.parse(required(input.output, 'output'));
    } catch {
      throw new SfnProtocolError('InvalidOutput', 'Invalid Output: not a JSON text');
    }
    this.#tokens.succeed(token, output);
    return {};
  }

  sendTaskFailure(input: SendTaskFailureInput): Output {
    const token = required(input.taskToken, 'taskToken');
    this.#tokens.fail(token, input.error || 'States.TaskFailed', input.cause ?? '');
    return {};
  }

  sendTaskHeartbeat(input: SendTaskHeartbeatInput): Output {
    this.#tokens.heartbeat(required(input.taskToken, 'taskToken'));
    return {};
  }

  describeStateMachine(input: DescribeStateMachineInput): Output {
    const stateMachineArn = required(input.stateMachineArn, 'stateMachineArn');
    const machine = this.#machineOf(stateMachineArn);
    return {
      stateMachineArn,
      name: nameOf(stateMachineArn),
      status: 'ACTIVE',
      definition: JSON.stringify(machine.prepared.source),
      roleArn: ROLE_ARN,
      type: 'STANDARD',
      creationDate: epoch(machine.createdAt.toISOString()),
    };
  }

  listStateMachines(): Output {
    return {
      stateMachines: [...this.#machines].map(([stateMachineArn, machine]) => ({
        stateMachineArn,
        name: nameOf(stateMachineArn),
        type: 'STANDARD',
        creationDate: epoch(machine.createdAt.toISOString()),
      })),
    };
  }

  /**
   * Stops interpreting without recording an end: RUNNING executions stay RUNNING on disk
   * and start again at the next start. Their task tokens are withdrawn.
   */
  async shutdown(): Promise<void> {
    this.#closed = true;
    const runs = [...this.#running];
    for (const [executionArn, active] of runs) {
      active.ending = 'shutdown';
      active.abort();
      this.#tokens.dropExecution(executionArn, 'service stopping');
    }
    await Promise.allSettled(runs.map(([, active]) => active.done));
  }

  #run(record: ExecutionRecord): void {
    const machine = this.#machines.get(record.stateMachineArn);
    if (!machine || this.#closed || this.#running.has(record.executionArn)) return;
    record.starts += 1;
    record.pendingTasks = [];
    this.#store.save(record);
    const input = JSON.parse(record.input);
    const context = {
      Execution: {
        Id: record.executionArn,
        Input: input,
        Name: record.name,
        RoleArn: ROLE_ARN,
        StartTime: record.startDate,
      },
      StateMachine: { Id: record.stateMachineArn, Name: nameOf(record.stateMachineArn) },
      // `$$.Task.Token` resolves to this; waitForTaskToken tasks swap it for a real token.
      Task: { Token: this.#sentinel },
    };
    const parking: Parking = { count: 0, timers: new Set() };
    const handlers = taskHandlersFor(
      machine.prepared,
      { executionArn: record.executionArn, ...(this.#clock ? { parking } : {}) },
      {
        lambdaHandlers: this.#lambdaHandlers,
        tokens: this.#tokens,
        tokenSentinel: this.#sentinel,
        startExecution: (start) => this.startExecution(start),
        ...(this.#clock ? { clock: this.#clock } : {}),
      },
    );
    const run = machine.interpreter.run(input, {
      context,
      overrides: { taskResourceLocalHandlers: handlers },
    });
    const abort = () => {
      // An aborted run sleeps no more: its timers must not fire into nothing.
      for (const timer of parking.timers) timer.cancel();
      run.abort();
    };
    const active: ActiveRun = { abort, done: Promise.resolve(), parking };
    this.#history.set(record.executionArn, 0);
    void this.#count(record, active, run.eventLogs as AsyncGenerator<InterpreterEvent>, machine);
    active.done = run.result.then(
      (output) =>
        this.#finish(record, active, { status: 'SUCCEEDED', output: JSON.stringify(output) }),
      (error: unknown) =>
        this.#finish(
          record,
          active,
          active.historyFull
            ? {
                status: 'FAILED',
                error: HISTORY_LIMIT_ERROR,
                cause: historyLimitCause(this.#historyLimit),
              }
            : failureOf(error),
        ),
    );
    this.#running.set(record.executionArn, active);
  }

  /**
   * Counts the run's history as AWS would (history.ts) and enforces the quota as AWS does:
   * event N (the limit) may only be ExecutionSucceeded; anything else makes event N an
   * ExecutionFailed (States.Runtime), whatever Retry or Catch the states have. The
   * interpreter's events are read as they come, so reading them also keeps memory flat.
   */
  async #count(
    record: ExecutionRecord,
    active: ActiveRun,
    events: AsyncGenerator<InterpreterEvent>,
    machine: RegisteredMachine,
  ): Promise<void> {
    const arn = record.executionArn;
    for await (const event of events) {
      if (active.historyFull) continue;
      const count = this.#history.get(arn) ?? 0;
      const weight = historyWeight(event, machine.prepared.tasks);
      const ends = event.type.startsWith('Execution') && event.type !== 'ExecutionStarted';
      if (count + weight >= this.#historyLimit && !(ends && count + weight <= this.#historyLimit)) {
        this.#history.set(arn, this.#historyLimit);
        if (ends || active.ending) continue;
        active.historyFull = true;
        active.abort();
        continue;
      }
      this.#history.set(arn, count + weight);
    }
  }

  /**
   * For the virtual clock: some execution is working — running, and not parked on a timer or a
   * token (an execution with several branches counts as parked once one of them is).
   */
  #working(): boolean {
    for (const active of this.#running.values()) if (active.parking.count === 0) return true;
    return false;
  }

  #finish(record: ExecutionRecord, active: ActiveRun, outcome: Partial<ExecutionRecord>): void {
    this.#running.delete(record.executionArn);
    for (const timer of active.parking.timers) timer.cancel();
    if (active.ending) return;
    this.#tokens.dropExecution(record.executionArn, 'execution ended');
    Object.assign(record, outcome, {
      stopDate: new Date().toISOString(),
      pendingTasks: [],
      historyEvents: this.#history.get(record.executionArn),
    });
    this.#store.save(record);
    if (record.status !== 'SUCCEEDED') {
      this.#log(`[sfn] ${record.name} ${record.status}: ${record.error} ${record.cause ?? ''}`);
    }
    this.#report(record);
  }

  #report(record: ExecutionRecord): void {
    const change: ExecutionStatusChange = {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: Date.parse(record.startDate),
      stopDate: record.stopDate === undefined ? null : Date.parse(record.stopDate),
      input: record.input,
      output: record.output ?? null,
      error: record.error ?? null,
      cause: record.cause ?? null,
    };
    for (const listener of this.#listeners) {
      // Delivered after the caller's step, as EventBridge delivers it: asynchronously.
      const delivered = new Promise<void>((resolve) =>
        queueMicrotask(() => {
          try {
            listener(change);
          } catch (error) {
            this.#log(`[sfn] status listener failed for ${record.name}: ${String(error)}`);
          }
          resolve();
        }),
      );
      void this.#clock?.track(delivered);
    }
  }

  #machineOf(stateMachineArn: string): RegisteredMachine {
    const machine = this.#machines.get(stateMachineArn);
    if (machine) return machine;
    if (!STATE_MACHINE_ARN.test(stateMachineArn)) {
      throw new SfnProtocolError('InvalidArn', `Invalid Arn: '${stateMachineArn}'`);
    }
    throw new SfnProtocolError(
      'StateMachineDoesNotExist',
      `State Machine Does Not Exist: '${stateMachineArn}'`,
    );
  }

  #executionOf(executionArn: string | undefined): ExecutionRecord {
    const arn = required(executionArn, 'executionArn');
    const record = this.#executions.get(arn);
    if (record) return record;
    if (!/^arn:aws[\w-]*:states:[^:]+:\d{12}:execution:[^:]+:[^:]+$/.test(arn)) {
      throw new SfnProtocolError('InvalidArn', `Invalid Arn: '${arn}'`);
    }
    throw new SfnProtocolError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  }
}

function failureOf(error: unknown): Partial<ExecutionRecord> {
  if (error instanceof ExecutionTimeoutError) {
    return {
      status: 'TIMED_OUT',
      error: 'States.Timeout',
      cause: 'The execution exceeded its TimeoutSeconds',
    };
  }
  if (error instanceof ExecutionError && error.cause instanceof Error) {
    return { status: 'FAILED', error: error.cause.name, cause: error.cause.message };
  }
  return { status: 'FAILED', error: 'States.Runtime', cause: String(error) };
}

function summary(record: ExecutionRecord): Output {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: epoch(record.startDate),
    ...(record.stopDate === undefined ? {} : { stopDate: epoch(record.stopDate) }),
  };
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined || value === null || value === '') {
    throw new SfnProtocolError('ValidationException', `'${field}' is required`);
  }
  return value;
}

const epoch = (iso: string): number => Date.parse(iso) / 1000;
const nameOf = (arn: string): string => arn.slice(arn.lastIndexOf(':') + 1);
