// Proves the local stand-in for EventBridge schedules: each handler runs on its interval (or
// ZX_SCHEDULE_MS), told its remaining time from the function's timeout; runs never overlap; a
// failing run is logged and the next one still comes; stop waits for the run under way.
import { describe, expect, it, vi } from 'vitest';
import { runSchedules } from '../../../infra/local/schedules.ts';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('runSchedules', () => {
  it('runs a handler every ZX_SCHEDULE_MS, never two runs at once, with its remaining time', async () => {
    let running = 0;
    let most = 0;
    const remaining: number[] = [];
    const handler = vi.fn(
      async (_event: never, context: { getRemainingTimeInMillis(): number }) => {
        remaining.push(context.getRemainingTimeInMillis());
        running++;
        most = Math.max(most, running);
        await sleep(30);
        running--;
      },
    );
    const schedules = runSchedules(
      [{ functionName: 'sweeper', handler, everyMinutes: 1, timeoutMs: 120_000 }],
      () => {},
      { ZX_SCHEDULE_MS: '10' },
    );
    await vi.waitFor(() => expect(handler.mock.calls.length).toBeGreaterThanOrEqual(3));
    await schedules.stop();
    const runs = handler.mock.calls.length;
    await sleep(60);
    expect(handler.mock.calls.length).toBe(runs);
    expect(most).toBe(1);
    expect(running).toBe(0);
    for (const ms of remaining) expect(ms).toBeGreaterThan(100_000);
  });

  it('logs a failing run and runs again on time', async () => {
    const log = vi.fn();
    let calls = 0;
    const handler = async () => {
      calls++;
      if (calls === 1) throw new Error('SES unreachable');
    };
    const schedules = runSchedules(
      [{ functionName: 'sweeper', handler, everyMinutes: 1, timeoutMs: 1000 }],
      log,
      { ZX_SCHEDULE_MS: '5' },
    );
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(2));
    await schedules.stop();
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('sweeper failed: Error: SES unreachable'),
    );
  });

  it('waits a minute per everyMinutes when ZX_SCHEDULE_MS is not set', async () => {
    vi.useFakeTimers();
    try {
      const handler = vi.fn(async () => {});
      const schedules = runSchedules(
        [{ functionName: 'sweeper', handler, everyMinutes: 1, timeoutMs: 1000 }],
        () => {},
        {},
      );
      await vi.advanceTimersByTimeAsync(59_000);
      expect(handler).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(handler).toHaveBeenCalledTimes(1);
      await schedules.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
