import { createPlannedElections } from '../../shared/election/batches/batch.ts';
import { importBatchFiles } from '../../shared/election/batches/batch-import.ts';
import { startPendingElections } from '../../shared/election/elections/start-workflow.ts';
import { SWEEP_SCHEDULE, sweeper } from './sweeper.ts';

/**
 * The workflow sweeper, run every minute: carries batch files' imports forward
 * (batch-import.ts), creates and starts the elections batches planned
 * (at the pace of the account's quotas, shared/rules/pace.ts), then starts the workflow of every
 * election written but not started — one whose request or creator was cut off between writing
 * and starting. A start is idempotent (the execution is named after the election), so racing
 * the request that wrote it starts nothing twice.
 */
export const SCHEDULE = SWEEP_SCHEDULE;

/** The part of a run that batch files' imports may take. */
const IMPORT_SHARE_MS = 60_000;

/** The event is EventBridge's (ignored); a test may pass its own `graceMs`. */
export const handler = sweeper(
  'workflows started',
  async (until, event: { graceMs?: number } | undefined) => {
    // A province's file takes minutes: the elections already planned must not wait on it.
    const files = await importBatchFiles({
      until: new Date(Math.min(until.getTime(), Date.now() + IMPORT_SHARE_MS)),
    });
    const batches = await createPlannedElections({ until, graceMs: event?.graceMs });
    const pending = await startPendingElections({ until, graceMs: event?.graceMs });
    return {
      imported: files.imported,
      created: batches.created,
      started: pending.started,
      halted: batches.halted + pending.halted,
      deferred: batches.deferred + pending.deferred,
    };
  },
);
