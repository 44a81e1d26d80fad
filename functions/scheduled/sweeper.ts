import middy from '@middy/core';
import type { Context } from 'aws-lambda';

/** Every sweeper runs each minute, for up to two minutes (one run at a time: infra/stack.ts). */
export const SWEEP_SCHEDULE = { everyMinutes: 1, timeoutSeconds: 120 } as const;

/** Time kept back from the function's timeout for the work already started to settle. */
const SETTLE_MARGIN_MS = 15_000;

/**
 * A sweeper's handler: runs `sweep` with the time it may start new work until, and logs what
 * it did when it did anything.
 */
export const sweeper = <E, R extends { [K in keyof R]: number }>(
  message: string,
  sweep: (until: Date, event: E) => Promise<R>,
) =>
  middy<E, R>().handler(async (event: E, context: Context) => {
    const until = new Date(Date.now() + context.getRemainingTimeInMillis() - SETTLE_MARGIN_MS);
    const report = await sweep(until, event);
    if (Object.values<number>(report).some((n) => n > 0)) {
      console.info(JSON.stringify({ level: 'info', message, ...report }));
    }
    return report;
  });
