import { randomBytes } from 'node:crypto';
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
  expiry?: NodeJS.Timeout;
  heartbeatMs?: number;
  heartbeat?: NodeJS.Timeout;
}

export interface IssueOptions {
  executionArn: string;
  stateName: string;
  /** When the interpreter will time the task out (it raises States.Timeout itself). */
  timeoutMs: number;
  /** HeartbeatSeconds (the interpreter has none): silence this long fails the task. */
  heartbeatMs?: number;
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

  /** `onChange` runs whenever an execution's pending tokens change (to record them). */
  constructor(onChange: (executionArn: string) => void) {
    this.#onChange = onChange;
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
    };
    // Only bookkeeping: the interpreter's own timer raises States.Timeout; afterwards the
    // token answers TaskTimedOut, like AWS.
    waiter.expiry = setTimeout(() => {
      this.#close(waiter);
      this.#rememberTimeout(token);
    }, options.timeoutMs).unref();
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

  #close(waiter: Waiter): void {
    clearTimeout(waiter.expiry);
    clearTimeout(waiter.heartbeat);
    if (this.#waiting.delete(waiter.token)) this.#onChange(waiter.executionArn);
  }

  #armHeartbeat(waiter: Waiter): void {
    if (waiter.heartbeatMs === undefined) return;
    clearTimeout(waiter.heartbeat);
    waiter.heartbeat = setTimeout(() => {
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
    }, waiter.heartbeatMs).unref();
  }

  #rememberTimeout(token: string): void {
    this.#timedOut.add(token);
    if (this.#timedOut.size > REMEMBERED_TIMEOUTS) {
      this.#timedOut.delete(this.#timedOut.values().next().value as string);
    }
  }
}
