import type { TimerHandle, VirtualClock } from './clock.ts';
import { invokeLocalLambda, type LocalLambdaHandler } from './lambda-context.ts';

/** A function EventBridge invokes on a schedule on AWS (`rate(n minutes)`). */
export interface LocalSchedule {
  functionName: string;
  handler: LocalLambdaHandler;
  everyMinutes: number;
  /** The function's timeout on AWS: the handler is told its remaining time from it. */
  timeoutMs: number;
}

/**
 * The local stand-in for EventBridge schedules: each handler runs every `everyMinutes`, or every
 * `ZX_SCHEDULE_MS` when that is set (tests and short-day demos need the sweeps sooner). A run
 * never overlaps the previous one; a failing run is logged and the next one comes on time.
 * On a virtual `clock` the runs are its sweeps: due every `everyMinutes` of its time, run once
 * at the end of an advance however many periods it jumped (clock.ts `lazy`).
 */
export function runSchedules(
  schedules: readonly LocalSchedule[],
  log: (line: string) => void = console.error,
  env: NodeJS.ProcessEnv = process.env,
  clock?: VirtualClock,
): { stop(): Promise<void> } {
  const override = Number(env.ZX_SCHEDULE_MS);
  let stopped = false;
  const timers = new Set<TimerHandle>();
  const running = new Set<Promise<void>>();
  clock?.watch(() => running.size > 0);
  for (const schedule of schedules) {
    const everyMs = override > 0 ? override : schedule.everyMinutes * 60_000;
    const tick = () => {
      const run = Promise.resolve(
        invokeLocalLambda(schedule.handler, schedule.functionName, {}, schedule.timeoutMs),
      ).then(
        () => {},
        (error) => log(`scheduled ${schedule.functionName} failed: ${String(error)}`),
      );
      running.add(run);
      void run.finally(() => {
        running.delete(run);
        if (!stopped) arm();
      });
    };
    const arm = () => {
      const fire = () => {
        timers.delete(timer);
        tick();
      };
      let timer: TimerHandle;
      if (clock) {
        timer = clock.after(everyMs, fire, { lazy: true });
      } else {
        const real = setTimeout(fire, everyMs);
        timer = { cancel: () => clearTimeout(real) };
      }
      timers.add(timer);
    };
    arm();
  }
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) timer.cancel();
      await Promise.all(running);
    },
  };
}
