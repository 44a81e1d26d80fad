import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import FakeTimers from '@sinonjs/fake-timers';
import * as z from 'zod';
import type { HttpResult, RawRequest } from './http-server.ts';
import { readJsonFile, writeJsonAtomic } from './json-file.ts';

/**
 * The local stack's virtual clock (`ZX_CLOCK=virtual`, issue 16). The process's `Date` is faked
 * and stands still; every timer that means "when a moment of product time comes" (Wait states,
 * task-token timeouts and heartbeats, the schedules) is set here; `advance(to)` moves the clock
 * from timer to timer, letting the stack settle after each, so a 40-day election runs in
 * seconds and always the same way. Real timers (SDK retries, HTTP, Lambda budgets) stay real.
 * Local only: shared/ code never imports it.
 */

export interface TimerHandle {
  cancel(): void;
}

export interface TimerOptions {
  /**
   * A periodic sweep (the schedules): when due, it runs once at the end of an advance, not at
   * every instant the clock stops on the way — one run catches up on every tick jumped over.
   */
  lazy?: boolean;
}

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
  lazy: boolean;
}

export interface Advanced {
  now: string;
  fired: number;
}

export interface VirtualClockOptions {
  /** Where the instant is kept across restarts (`<dataDir>/clock.json`); memory only if omitted. */
  file?: string;
  /** The instant to start at when nothing is persisted (default: the real now). */
  start?: number;
  /** The longest the stack may take to settle after one timer (real ms; default 120 s). */
  settleTimeoutMs?: number;
}

export class VirtualClock {
  readonly #timers: Timer[] = [];
  readonly #watches: (() => boolean)[] = [];
  readonly #file: string | undefined;
  #fake: ReturnType<typeof FakeTimers.install> | undefined;
  readonly #settleTimeoutMs: number;
  #now: number;
  #seq = 0;
  #tracked = 0;
  /** Advances one at a time: a second POST waits for the first. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: VirtualClockOptions = {}) {
    this.#file = options.file;
    this.#settleTimeoutMs = options.settleTimeoutMs ?? 120_000;
    const saved = this.#file ? readJsonFile<{ now: string }>(this.#file) : undefined;
    this.#now = saved ? Date.parse(saved.now) : (options.start ?? Date.now());
    this.#persist();
  }

  /**
   * Fakes the process's `Date` (only `Date`: timers stay real) to read this clock, so every
   * `Date.now()` of the handlers, store and tasks is virtual time without a change to them.
   */
  install(): void {
    this.#fake ??= FakeTimers.install({ now: this.#now, toFake: ['Date'] });
  }

  now(): number {
    return this.#now;
  }

  /** Calls `fire` when the clock reaches `at` (ms since the epoch), during an advance. */
  at(at: number, fire: () => void, options: TimerOptions = {}): TimerHandle {
    const timer: Timer = { at, seq: ++this.#seq, fire, lazy: options.lazy ?? false };
    this.#timers.push(timer);
    return {
      cancel: () => {
        const index = this.#timers.indexOf(timer);
        if (index >= 0) this.#timers.splice(index, 1);
      },
    };
  }

  after(ms: number, fire: () => void, options?: TimerOptions): TimerHandle {
    return this.at(this.#now + ms, fire, options);
  }

  /** The instant of the earliest timer that is not a sweep, if any. */
  next(): number | undefined {
    return this.#earliest(Number.POSITIVE_INFINITY, false)?.at;
  }

  /** Counts as work in progress while `busy` answers true (HTTP requests, execution steps…). */
  watch(busy: () => boolean): void {
    this.#watches.push(busy);
  }

  /** Counts `work` as in progress until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.#tracked += 1;
    return work.finally(() => {
      this.#tracked -= 1;
    });
  }

  /**
   * Moves the clock to `to`: the earliest due timer first (the clock set to its instant, then
   * the stack settles), same-instant timers in the order they were set; the due sweeps run
   * once at `to`. Throws a RangeError when `to` is before now.
   */
  advance(to: number): Promise<Advanced> {
    const run = this.#queue.then(() => this.#advance(to));
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Waits until nothing runs: no request, no execution step, no sweep, no tracked work. */
  async settle(): Promise<void> {
    const deadline = performance.now() + this.#settleTimeoutMs;
    let calm = 0;
    // Twice in a row across real I/O turns: a step that just ended may be about to start another.
    while (calm < 2) {
      await yieldToIo();
      await new Promise((resolve) => setTimeout(resolve, 1));
      calm = this.#busy() ? 0 : calm + 1;
      if (performance.now() > deadline) {
        throw new Error(`the stack did not settle within ${this.#settleTimeoutMs} ms`);
      }
    }
  }

  /** Restores the real `Date`. */
  uninstall(): void {
    this.#fake?.uninstall();
    this.#fake = undefined;
  }

  async #advance(to: number): Promise<Advanced> {
    if (!(to >= this.#now)) {
      throw new RangeError(`'to' is before the clock's now (${new Date(this.#now).toISOString()})`);
    }
    let fired = 0;
    await this.settle();
    for (;;) {
      // The due sweeps only once nothing else is due by `to`: then at `to`, once each, in the
      // order they were set; what they start may set timers of its own, due at `to` at most.
      let timer = this.#earliest(to, false);
      if (!timer) {
        this.#set(to);
        timer = this.#earliest(to, true);
      }
      if (!timer) break;
      this.#fire(timer);
      fired += 1;
      await this.settle();
    }
    return { now: new Date(this.#now).toISOString(), fired };
  }

  #earliest(to: number, lazy: boolean): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.#timers) {
      if (timer.lazy !== lazy || timer.at > to) continue;
      if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) {
        best = timer;
      }
    }
    return best;
  }

  #fire(timer: Timer): void {
    this.#timers.splice(this.#timers.indexOf(timer), 1);
    if (timer.at > this.#now) this.#set(timer.at);
    timer.fire();
  }

  #set(now: number): void {
    if (now === this.#now) return;
    this.#now = now;
    this.#fake?.setSystemTime(now);
    this.#persist();
  }

  #persist(): void {
    if (this.#file) writeJsonAtomic(this.#file, { now: new Date(this.#now).toISOString() });
  }

  #busy(): boolean {
    return this.#tracked > 0 || this.#watches.some((busy) => busy());
  }
}

export type ClockMode = 'virtual' | 'real';

/** The clock `ZX_CLOCK` asks for: a virtual one (its instant kept in `dataDir`), or none. */
export function clockFromEnv(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): VirtualClock | undefined {
  const mode = env.ZX_CLOCK || 'real';
  if (mode === 'real') return undefined;
  if (mode !== 'virtual') throw new Error(`ZX_CLOCK must be 'virtual' or 'real', not '${mode}'`);
  mkdirSync(dataDir, { recursive: true });
  return new VirtualClock({ file: join(dataDir, 'clock.json') });
}

const AdvanceRequest = z.object({
  to: z.iso.datetime({ offset: true, error: 'to must be an ISO-8601 instant' }),
});

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // refused below as a missing `to`
  }
};

const json = (statusCode: number, body: unknown): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)),
});

/**
 * `GET /local/clock` → `{mode, now, next}` (`next`: the earliest pending timer, or null);
 * `POST /local/clock {to}` → 200 `{now, fired}` once the stack is quiet at `to`; 422 when `to`
 * is before now; 409 when the clock is real. Local only, like `POST /local/token`.
 */
export const clockRoute =
  (clock: VirtualClock | undefined) =>
  async (request: RawRequest): Promise<HttpResult | undefined> => {
    if (request.url.split('?')[0] !== '/local/clock') return undefined;
    if (request.method === 'GET') {
      const next = clock?.next();
      return json(200, {
        mode: clock ? 'virtual' : 'real',
        now: new Date().toISOString(),
        next: next === undefined ? null : new Date(next).toISOString(),
      });
    }
    if (request.method !== 'POST') return undefined;
    if (!clock) {
      return json(409, {
        error: { code: 'real-clock', message: 'the clock is real: start with ZX_CLOCK=virtual' },
      });
    }
    const parsed = AdvanceRequest.safeParse(parseJson(request.body.toString('utf8')));
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'to must be an ISO-8601 instant';
      const details = [{ path: ['body', 'to'], message }];
      return json(400, { error: { code: 'invalid-input', message, details } });
    }
    const to = Date.parse(parsed.data.to);
    if (to < clock.now()) {
      return json(422, {
        error: {
          code: 'clock-backwards',
          message: `to (${parsed.data.to}) is before now (${new Date(clock.now()).toISOString()})`,
        },
      });
    }
    return json(200, await clock.advance(to));
  };
