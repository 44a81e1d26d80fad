// Proves the local stack's virtual clock (issue 16): due timers fire in time order, timers of one
// instant in the order they were set, nothing after `to`; sweeps run once per advance; advancing
// waits for the work a timer started; the instant survives a new clock on the same file. Then, on
// a local stack with ZX_CLOCK=virtual: a Wait and a task token's timeout due at the same instant
// both fire on one POST /local/clock, in the order they were set; a heartbeat is timed on the
// clock; and the route's refusals.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockRoute, VirtualClock } from '../../../infra/local/clock.ts';
import { MAX_TIMER_SECONDS, prepareDefinition } from '../../../infra/local/sfn/definition.ts';
import { localStateMachineArn } from '../../../infra/local/sfn/service.ts';
import { type LocalStack, startLocalStack } from '../../../infra/local/stack.ts';

const T0 = Date.parse('2030-01-01T00:00:00Z');
const MINUTE = 60_000;

describe('VirtualClock', () => {
  it('fires due timers earliest first, each at its instant, and none after `to`', async () => {
    const clock = new VirtualClock({ start: T0 });
    const fired: [string, number][] = [];
    for (const [name, at] of [
      ['c', 30],
      ['a', 10],
      ['b', 20],
    ] as const) {
      clock.at(T0 + at * MINUTE, () => fired.push([name, clock.now() - T0]));
    }
    expect(await clock.advance(T0 + 25 * MINUTE)).toEqual({
      now: new Date(T0 + 25 * MINUTE).toISOString(),
      fired: 2,
    });
    expect(fired).toEqual([
      ['a', 10 * MINUTE],
      ['b', 20 * MINUTE],
    ]);
    expect(clock.next()).toBe(T0 + 30 * MINUTE);
    expect(await clock.advance(T0 + 30 * MINUTE - 1)).toMatchObject({ fired: 0 });
    expect(await clock.advance(T0 + 30 * MINUTE)).toMatchObject({ fired: 1 });
    expect(fired.at(-1)).toEqual(['c', 30 * MINUTE]);
  });

  it('fires timers of one instant in the order they were set, also those set meanwhile', async () => {
    const clock = new VirtualClock({ start: T0 });
    const fired: string[] = [];
    const at = T0 + MINUTE;
    clock.at(at, () => {
      fired.push('first');
      // Set while firing, due at the same instant: after those set before it.
      clock.at(at, () => fired.push('set by first'));
    });
    clock.at(at, () => fired.push('second'));
    const cancelled = clock.at(at, () => fired.push('cancelled'));
    clock.at(at, () => fired.push('third'));
    cancelled.cancel();
    expect(await clock.advance(at)).toMatchObject({ fired: 4 });
    expect(fired).toEqual(['first', 'second', 'third', 'set by first']);
  });

  it('refuses to go back, and runs the sweeps once at the end of an advance', async () => {
    const clock = new VirtualClock({ start: T0 });
    await expect(clock.advance(T0 - 1)).rejects.toThrow(RangeError);
    const sweeps: number[] = [];
    const arm = () =>
      clock.after(
        MINUTE,
        () => {
          sweeps.push(clock.now());
          arm();
        },
        { lazy: true },
      );
    arm();
    const deadlines: number[] = [];
    clock.at(T0 + 3 * MINUTE, () => deadlines.push(clock.now()));
    // A day of 1-minute sweeps jumped over: one run, at `to`, after the deadline's timer.
    expect(await clock.advance(T0 + 1440 * MINUTE)).toMatchObject({ fired: 2 });
    expect(deadlines).toEqual([T0 + 3 * MINUTE]);
    expect(sweeps).toEqual([T0 + 1440 * MINUTE]);
    expect(clock.next()).toBeUndefined();
  });

  it('answers only once the work a timer started has ended', async () => {
    const clock = new VirtualClock({ start: T0 });
    const log: string[] = [];
    let working = false;
    clock.watch(() => working);
    clock.at(T0 + MINUTE, () => {
      working = true;
      setTimeout(() => {
        log.push('watched work done');
        working = false;
        // More work, tracked, started by the first: still before the answer.
        void clock.track(
          new Promise((resolve) => setTimeout(resolve, 30)).then(() => log.push('tracked done')),
        );
      }, 30);
    });
    await clock.advance(T0 + 2 * MINUTE);
    log.push('answered');
    expect(log).toEqual(['watched work done', 'tracked done', 'answered']);
  });

  it('keeps its instant in its file: a new clock on it resumes there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zx-clock-'));
    try {
      const file = join(dir, 'clock.json');
      const clock = new VirtualClock({ file, start: T0 });
      clock.at(T0 + 5 * MINUTE, () => {});
      await clock.advance(T0 + 7 * MINUTE);
      expect(new VirtualClock({ file }).now()).toBe(T0 + 7 * MINUTE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 409 to an advance when the clock is real', async () => {
    const route = clockRoute(undefined);
    const request = {
      method: 'POST',
      url: '/local/clock',
      rawHeaders: [],
      body: Buffer.from(JSON.stringify({ to: new Date().toISOString() })),
      sourceIp: '127.0.0.1',
      protocol: 'HTTP/1.1',
    };
    expect((await route(request))?.statusCode).toBe(409);
    const got = await route({ ...request, method: 'GET', body: Buffer.alloc(0) });
    expect(JSON.parse(String(got?.body))).toMatchObject({ mode: 'real', next: null });
  });
});

describe('a state machine on a virtual clock', () => {
  const source = {
    StartAt: 'Pause',
    States: {
      Pause: {
        Type: 'Wait',
        SecondsPath: '$.s',
        InputPath: '$.in',
        OutputPath: '$.out',
        Next: 'Ask',
      },
      Ask: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'ask', Payload: { 'token.$': '$$.Task.Token' } },
        TimeoutSeconds: 90,
        End: true,
      },
    },
  };

  it('turns each Wait into a task sleeping on the clock, then a Pass giving its output', () => {
    const { definition, tasks } = prepareDefinition(source, { virtualClock: true });
    const states = definition.States as unknown as Record<string, Record<string, unknown>>;
    expect(states.Pause).toMatchObject({
      Type: 'Task',
      InputPath: '$.in',
      Parameters: { 'seconds.$': '$.s' },
      ResultPath: null,
      Next: 'Pause (local wait)',
    });
    expect(states['Pause (local wait)']).toMatchObject({
      Type: 'Pass',
      InputPath: '$.in',
      OutputPath: '$.out',
      Next: 'Ask',
    });
    expect(tasks.get('Pause')?.kind).toBe('virtual-wait');
    // The token's 90 s are timed on the clock; the interpreter's real timer only from afar.
    expect(tasks.get('Ask')?.timeoutSeconds).toBe(90);
    expect(states.Ask?.TimeoutSeconds).toBe(MAX_TIMER_SECONDS);
    // On a real clock, as before: the guard, then the Wait itself.
    const real = prepareDefinition(source).definition.States as unknown as Record<
      string,
      { Type: string }
    >;
    expect([real.Pause?.Type, real['Pause (local wait)']?.Type, real.Ask]).toEqual([
      'Task',
      'Wait',
      source.States.Ask,
    ]);
  });
});

describe('a local stack on a virtual clock', () => {
  const waitArn = localStateMachineArn('clock-wait');
  const tokenArn = localStateMachineArn('clock-token');
  const heartbeatArn = localStateMachineArn('clock-heartbeat');
  const record = (who: string) => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: 'record', Payload: { who } },
    End: true,
  });
  const recorded: string[] = [];
  let dataDir: string;
  let stack: LocalStack;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zx-clock-stack-'));
    stack = await startLocalStack({
      port: 0,
      dataDir,
      clock: 'virtual',
      loadApp: async () => ({
        routes: [],
        stateMachines: {
          [heartbeatArn]: {
            StartAt: 'Beat',
            States: {
              Beat: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                Parameters: { FunctionName: 'ask', Payload: { 'token.$': '$$.Task.Token' } },
                TimeoutSeconds: 600,
                HeartbeatSeconds: 30,
                Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Silent' }],
                End: true,
              },
              Silent: record('heartbeat'),
            },
          },
          [waitArn]: {
            StartAt: 'Sleep',
            States: { Sleep: { Type: 'Wait', Seconds: 60, Next: 'Woke' }, Woke: record('wait') },
          },
          [tokenArn]: {
            StartAt: 'Ask',
            States: {
              Ask: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                Parameters: { FunctionName: 'ask', Payload: { 'token.$': '$$.Task.Token' } },
                TimeoutSeconds: 60,
                Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'TimedOut' }],
                Next: 'Answered',
              },
              Answered: record('answered'),
              TimedOut: record('timeout'),
            },
          },
        },
        lambdaHandlers: {
          ask: async () => ({}),
          record: async (event: { who: string }) => {
            recorded.push(`${event.who} ${new Date().toISOString()}`);
            return {};
          },
        },
      }),
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const clockAt = async (method: string, body?: unknown) => {
    const response = await fetch(`${stack.url}/local/clock`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  };
  const start = async (stateMachineArn: string) => {
    const { executionArn } = stack.stepFunctions.engine.startExecution({ stateMachineArn });
    // Parked on its timer before the next one starts: the order they were set is known.
    await stack.clock?.settle();
    return executionArn as string;
  };
  const statusOf = (executionArn: string) =>
    stack.stepFunctions.engine.describeExecution({ executionArn }).status;

  it('fires a Wait and a token timeout of the same instant on one advance, in the order set', async () => {
    const { body: before } = await clockAt('GET');
    expect(before.mode).toBe('virtual');
    // The process's Date is the stack's clock, standing still between advances.
    expect(new Date().toISOString()).toBe(before.now);
    const due = new Date(Date.parse(before.now) + MINUTE).toISOString();

    const [wait, token] = [await start(waitArn), await start(tokenArn)];
    expect(await clockAt('GET')).toMatchObject({ body: { next: due } });
    expect(await clockAt('POST', { to: due })).toEqual({
      status: 200,
      body: { now: due, fired: 2 },
    });
    expect(recorded).toEqual([`wait ${due}`, `timeout ${due}`]);
    expect([statusOf(wait), statusOf(token)]).toEqual(['SUCCEEDED', 'SUCCEEDED']);

    // The other way round: the token first.
    const again = new Date(Date.parse(due) + MINUTE).toISOString();
    await start(tokenArn);
    await start(waitArn);
    expect(await clockAt('POST', { to: again })).toMatchObject({ body: { fired: 2 } });
    expect(recorded.slice(2)).toEqual([`timeout ${again}`, `wait ${again}`]);
  });

  it('times a heartbeat on the clock: silence past it fails the task, not a moment before', async () => {
    const { body } = await clockAt('GET');
    const from = Date.parse(body.now);
    const beat = await start(heartbeatArn);
    expect(await clockAt('POST', { to: new Date(from + 29_999).toISOString() })).toMatchObject({
      body: { fired: 0 },
    });
    expect(statusOf(beat)).toBe('RUNNING');
    const due = new Date(from + 30_000).toISOString();
    expect(await clockAt('POST', { to: due })).toMatchObject({ body: { fired: 1 } });
    expect(recorded.at(-1)).toBe(`heartbeat ${due}`);
    expect(statusOf(beat)).toBe('SUCCEEDED');
  });

  it('refuses to go back (422) and a `to` that is no instant (400)', async () => {
    const { body } = await clockAt('GET');
    const earlier = new Date(Date.parse(body.now) - 1).toISOString();
    expect(await clockAt('POST', { to: earlier })).toMatchObject({
      status: 422,
      body: { error: { code: 'clock-backwards' } },
    });
    expect(await clockAt('POST', { to: 'tomorrow' })).toMatchObject({
      status: 400,
      body: { error: { details: [{ path: ['body', 'to'] }] } },
    });
    expect((await clockAt('GET')).body.now).toBe(body.now);
  });
});
