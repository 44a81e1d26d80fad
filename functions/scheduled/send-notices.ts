import { sendWithSes } from '../../shared/aws/ses.ts';
import { flushOutbox } from '../../shared/store/outbox.ts';
import { SWEEP_SCHEDULE, sweeper } from './sweeper.ts';

/**
 * The outbox sweeper, run every minute: sends every notice a request or workflow task left
 * unsent — a send that failed, one deferred past the sender's time budget, one whose process
 * was killed between recording and sending, or whose lease ran out. Notices are claimed, so a
 * sweep racing a request sends nothing twice.
 */
export const SCHEDULE = SWEEP_SCHEDULE;

export const handler = sweeper('outbox swept', (until) =>
  flushOutbox(undefined, sendWithSes, { until }),
);
