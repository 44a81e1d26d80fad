import { emitMetric, METRIC } from '../../shared/metrics.ts';
import { redactSentBodies, sendMail } from '../../shared/notices/index.ts';
import { flushOutbox } from '../../shared/store/outbox.ts';
import { SWEEP_SCHEDULE, sweeper } from './sweeper.ts';

/**
 * The outbox sweeper, run every minute: sends every notice a request or workflow task left
 * unsent — a send that failed (once its backoff is over), one deferred past the sender's time
 * budget, one whose process was killed between recording and sending, or whose lease ran out.
 * Notices are claimed, so a sweep racing a request sends nothing twice. With the time left it
 * removes the bodies of notices sent or failed more than BODY_RETENTION_DAYS ago.
 */
export const SCHEDULE = SWEEP_SCHEDULE;

export const handler = sweeper('outbox swept', async (until) => {
  const { oldestUnsentAt, ...report } = await flushOutbox(undefined, sendMail, { until });
  // Every run reports (0 when nothing waits): the alarm takes silence for a stopped sweeper.
  const waitedMs = oldestUnsentAt ? Date.now() - Date.parse(oldestUnsentAt) : 0;
  emitMetric(METRIC.oldestUnsentNoticeAge, Math.max(0, Math.round(waitedMs / 1000)));
  return { ...report, redacted: await redactSentBodies({ until }) };
});
