import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { sendWithSes } from '../../shared/notices/send.ts';
import { flushOutbox, type SendReport } from '../../shared/store/outbox.ts';

/**
 * The outbox sweeper, run every minute: sends every notice a request or workflow task left
 * unsent — a send that failed, one deferred past the sender's time budget, one whose process
 * was killed between recording and sending, or whose lease ran out. Notices are claimed, so a
 * sweep racing a request sends nothing twice.
 */
export const SCHEDULE = { everyMinutes: 1, timeoutSeconds: 120 } as const;

/** Time kept back from the function's timeout for the sends already started to settle. */
const SETTLE_MARGIN_MS = 15_000;

export const handler = middy<unknown, SendReport>().handler(
  async (_event: unknown, context: Context) => {
    const until = new Date(Date.now() + context.getRemainingTimeInMillis() - SETTLE_MARGIN_MS);
    const report = await flushOutbox(undefined, sendWithSes, { until });
    if (report.sent + report.failed + report.deferred > 0) {
      console.info(JSON.stringify({ level: 'info', message: 'outbox swept', ...report }));
    }
    return report;
  },
);
