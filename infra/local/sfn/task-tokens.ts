import { randomBytes } from 'node:crypto';
import type { TimerHandle, VirtualClock } from '../clock.ts';
import { RuntimeFailure, SfnProtocolError, TaskFailure } from './errors.ts';

type JsonValue = unknown;

export interface PendingTask {
  token: string;
  stateName: string;
  issuedAt: string;
}

interface Waiter extends PendingTask {
  executionArn: string;
  resolve(output: JsonValue): void;
  reject(error: Error): void;
  expiry?: TimerHandle;
  heartbeatMs?: number;
  heartbeat?: TimerHandle;
  onClosed?: () => void;
}

export interface IssueOptions {
  executionArn: string;
  stateName: string;
  /** When the interpreter will time the task out (it raises States.Timeout itself). */
  timeoutMs: number;
  /** HeartbeatSeconds (the interpreter has none): silence this long fails the task. */
  heartbeatMs?: number;
  /** Runs as the token closes (answered, timed out, withdrawn), before its task resumes. */
  onClosed?: () => void;
}

const TOKEN = /^zxtt1\.[A-Za-z0-9_-]{43}$/;
const REMEMBERED_TIMEOUTS = 10_000;

/**
 * The task tokens of `.waitForTaskToken` states. Each token is a promise the interpreter is
 * waiting on; SendTaskSuccess / SendTaskFailure settle it. Tokens live in memory only: after
 * a restart the task runs again and issues a new one.
 */
export class TaskTokens {
  readonly #waiting = new Map<string, Waiter>();
  readonly #timedOut = new Set<string>();
  readonly #onChange: (executionArn: string) => void;
  readonly #clock: VirtualClock | undefined;

  /**
   * `onChange` runs whenever an execution's pending tokens change (to record them). With a
   * virtual `clock`, timeouts and heartbeats are timed on it, and a timeout is raised here.
   */
  constructor(onChange: (executionArn: string) => void, clock?: VirtualClock) {
    this.#onChange = onChange;
    this.#clock = clock;
  }

  issue(options: IssueOptions): { token: string; settled: Promise<JsonValue> } {
    const token = `zxtt1.${randomBytes(32).toString('base64url')}`;
    const { promise, resolve, reject } = Promise.withResolvers<JsonValue>();
    // Marked handled: an aborted run (the service stopping) no longer awaits the token, and its
    // rejection must not surface as an unhandled one. Whoever awaits it still sees it.
    promise.catch(() => {});
    const waiter: Waiter = {
      token,
      stateName: options.stateName,
      issuedAt: new Date().toISOString(),
      executionArn: options.executionArn,
      resolve,
      reject,
      heartbeatMs: options.heartbeatMs,
      onClosed: options.onClosed,
    };
    // On a real clock only bookkeeping: the interpreter's own timer raises States.Timeout. On a
    // virtual one the interpreter's timer is real (definition.ts), so the timeout is raised
    // here. Afterwards the token answers TaskTimedOut, like AWS.
    waiter.expiry = this.#after(options.timeoutMs, () => {
      this.#close(waiter);
      this.#rememberTimeout(token);
      if (this.#clock) {
        waiter.reject(new TaskFailure('States.Timeout', 'States.Timeout: the task timed out'));
      }
    });
    this.#waiting.set(token, waiter);
    this.#armHeartbeat(waiter);
    this.#onChange(options.executionArn);
    return { token, settled: promise };
  }

  pendingOf(executionArn: string): PendingTask[] {
    return [...this.#waiting.values()]
      .filter((waiter) => waiter.executionArn === executionArn)
      .map(({ token, stateName, issuedAt }) => ({ token, stateName, issuedAt }));
  }

  succeed(token: string, output: JsonValue): void {
    const waiter = this.#take(token);
    waiter.resolve(output);
  }

  fail(token: string, error: string, cause: string): void {
    const waiter = this.#take(token);
    waiter.reject(new TaskFailure(error, cause));
  }

  heartbeat(token: string): void {
    this.#armHeartbeat(this.#find(token));
  }

  /** Forgets one token without settling it (its task failed before anyone could answer). */
  withdraw(token: string): void {
    const waiter = this.#waiting.get(token);
    if (waiter) this.#close(waiter);
  }

  /** Withdraws an execution's tokens (it stopped, or the service is shutting down). */
  dropExecution(executionArn: string, reason: string): void {
    for (const waiter of this.#waiting.values()) {
      if (waiter.executionArn !== executionArn) continue;
      this.#close(waiter);
      // Uncatchable, so no Retry re-enters the task of an execution that is already over.
      waiter.reject(new RuntimeFailure(reason));
    }
  }

  #find(token: string): Waiter {
    if (!TOKEN.test(token)) throw new SfnProtocolError('InvalidToken', 'Invalid Token');
    if (this.#timedOut.has(token)) {
      throw new SfnProtocolError('TaskTimedOut', 'Task Timed Out');
    }
    const waiter = this.#waiting.get(token);
    if (!waiter) throw new SfnProtocolError('TaskDoesNotExist', 'Task Does Not Exist');
    return waiter;
  }

  #take(token: string): Waiter {
    const waiter = this.#find(token);
    this.#close(waiter);
    return waiter;
  }

  /** Whether the token still waits for an answer. */
  isPending(token: string): boolean {
    return this.#waiting.has(token);
  }

  #close(waiter: Waiter): void {
    waiter.expiry?.cancel();
    waiter.heartbeat?.cancel();
    if (this.#waiting.delete(waiter.token)) {
      this.#onChange(waiter.executionArn);
      waiter.onClosed?.();
    }
  }

  /** A timer of product time: on the virtual clock when there is one, else a real one. */
  #after(ms: number, fire: () => void): TimerHandle {
    if (this.#clock) return this.#clock.after(ms, fire);
    const timer = setTimeout(fire, ms).unref();
    return { cancel: () => clearTimeout(timer) };
  }

  #armHeartbeat(waiter: Waiter): void {
    if (waiter.heartbeatMs === undefined) return;
    waiter.heartbeat?.cancel();
    waiter.heartbeat = this.#after(waiter.heartbeatMs, () => {
      this.#close(waiter);
      this.#rememberTimeout(waiter.token);
      // Named States.Timeout so a `Catch` on it works (the interpreter matches one name;
      // AWS reports States.HeartbeatTimeout, which States.Timeout also matches there).
      waiter.reject(
        new TaskFailure(
          'States.Timeout',
          `States.HeartbeatTimeout: no heartbeat in ${waiter.heartbeatMs} ms`,
        ),
      );
    });
  }

  #rememberTimeout(token: string): void {
    this.#timedOut.add(token);
    if (this.#timedOut.size > REMEMBERED_TIMEOUTS) {
      this.#timedOut.delete(this.#timedOut.values().next().value as string);
    }
  }
}
