import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { mapLimited } from '../../shared/election/map-limited.ts';
import { startWritten } from '../../shared/election/start-workflow.ts';
import { clearPendingStart, getElection, pendingStarts } from '../../shared/store/elections.ts';

/**
 * The workflow sweeper, run every minute: starts the workflow of every election written but
 * not started — a batch's elections past its request's time budget, or one whose request was
 * cut off between writing and starting. A start is idempotent (the execution is named after
 * the election), so racing the request that wrote it starts nothing twice.
 */
export const SCHEDULE = { everyMinutes: 1, timeoutSeconds: 120 } as const;

/** As many starts at once as a batch request makes (shared/election/batch.ts). */
const START_CONCURRENCY = 8;

/**
 * An election written this recently may still be started by the request that wrote it (API
 * Gateway gives a request 30 s): the sweeper leaves it alone, so the two rarely race.
 */
export const START_GRACE_MS = 30_000;

/** Time kept back from the function's timeout for the starts already under way. */
const SETTLE_MARGIN_MS = 15_000;

export interface StartReport {
  started: number;
  /** Elections whose start failed: each is halted with the reason (start-workflow.ts). */
  halted: number;
  deferred: number;
}

/** The event is EventBridge's (ignored); a test may pass its own `graceMs`. */
export const handler = middy<{ graceMs?: number } | undefined, StartReport>().handler(
  async (event, context: Context) => {
    const until = Date.now() + context.getRemainingTimeInMillis() - SETTLE_MARGIN_MS;
    const writtenBefore = new Date(Date.now() - (event?.graceMs ?? START_GRACE_MS)).toISOString();
    const report: StartReport = { started: 0, halted: 0, deferred: 0 };
    for await (const page of pendingStarts()) {
      const due = page.filter((pending) => pending.createdAt <= writtenBefore);
      await mapLimited(due, START_CONCURRENCY, async ({ electionId }) => {
        if (Date.now() >= until) {
          report.deferred++;
          return;
        }
        const election = await getElection(electionId);
        if (!election) {
          await clearPendingStart(electionId); // the marker of an election never written
          return;
        }
        const now = await startWritten(election, 'workflow-sweeper');
        report[now.stage === 'halted' && election.stage !== 'halted' ? 'halted' : 'started']++;
      });
    }
    if (report.started + report.halted + report.deferred > 0) {
      console.info(JSON.stringify({ level: 'info', message: 'workflows started', ...report }));
    }
    return report;
  },
);
