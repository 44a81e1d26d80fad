import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { startWritten } from '../../shared/election/start-workflow.ts';
import { clearPendingStart, getElection, pendingStarts } from '../../shared/store/elections.ts';

/**
 * The workflow sweeper, run every minute: starts the workflow of every election written but
 * not started — a batch's elections past its request's time budget, or one whose request was
 * cut off between writing and starting. A start is idempotent (the execution is named after
 * the election), so racing the request that wrote it starts nothing twice.
 */
export const SCHEDULE = { everyMinutes: 1, timeoutSeconds: 120 } as const;

/** Time kept back from the function's timeout for the starts already under way. */
const SETTLE_MARGIN_MS = 15_000;

export interface StartReport {
  started: number;
  /** Elections whose start failed: each is halted with the reason (start-workflow.ts). */
  halted: number;
  deferred: number;
}

export const handler = middy<unknown, StartReport>().handler(
  async (_event: unknown, context: Context) => {
    const until = Date.now() + context.getRemainingTimeInMillis() - SETTLE_MARGIN_MS;
    const report: StartReport = { started: 0, halted: 0, deferred: 0 };
    for await (const page of pendingStarts()) {
      for (const electionId of page) {
        if (Date.now() >= until) {
          report.deferred++;
          continue;
        }
        const election = await getElection(electionId);
        if (!election) {
          await clearPendingStart(electionId); // the marker of an election never written
          continue;
        }
        const now = await startWritten(election, 'workflow-sweeper');
        report[now.stage === 'halted' && election.stage !== 'halted' ? 'halted' : 'started']++;
      }
    }
    if (report.started + report.halted + report.deferred > 0) {
      console.info(JSON.stringify({ level: 'info', message: 'workflows started', ...report }));
    }
    return report;
  },
);
