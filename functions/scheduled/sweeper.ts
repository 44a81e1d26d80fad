import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '../../shared/log.ts';
import { acquireLease, releaseLease } from '../../shared/store/leases.ts';

/** Every sweeper runs each minute, for up to two minutes (one run at a time: a lease). */
export const SWEEP_SCHEDULE = { everyMinutes: 1, timeoutSeconds: 120 } as const;

/** Time kept back from the function's timeout for the work already started to settle. */
const SETTLE_MARGIN_MS = 15_000;

/** A run that found another run of the same sweeper still going, and left the work to it. */
export interface SkippedSweep {
  skipped: 'another run holds the lease';
}

/**
 * A sweeper's handler: runs `sweep` with the time it may start new work until, and logs what
 * it did when it did anything. One run of each sweeper at a time (a run may outlast the minute
 * between two): the run holds a lease named after its function for as long as it may run.
 */
export const sweeper = <E, R extends { [K in keyof R]: number }>(
  message: string,
  sweep: (until: Date, event: E) => Promise<R>,
) =>
  middy<E, R | SkippedSweep>().handler(async (event: E, context: Context) => {
    const remaining = context.getRemainingTimeInMillis();
    const lease = `sweep#${context.functionName}`;
    const owner = randomUUID();
    if (!(await acquireLease(lease, owner, new Date(Date.now() + remaining)))) {
      return { skipped: 'another run holds the lease' };
    }
    try {
      const until = new Date(Date.now() + remaining - SETTLE_MARGIN_MS);
      const report = await sweep(until, event);
      if (Object.values<number>(report).some((n) => n > 0)) logger.info(message, { ...report });
      return report;
    } finally {
      await releaseLease(lease, owner);
    }
  });
