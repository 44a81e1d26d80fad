import { startPendingElections } from '../../shared/election/elections/start-workflow.ts';
import { SWEEP_SCHEDULE, sweeper } from './sweeper.ts';

/**
 * The workflow sweeper, run every minute: starts the workflow of every election written but
 * not started — a batch's elections past its request's time budget, or one whose request was
 * cut off between writing and starting. A start is idempotent (the execution is named after
 * the election), so racing the request that wrote it starts nothing twice.
 */
export const SCHEDULE = SWEEP_SCHEDULE;

/** The event is EventBridge's (ignored); a test may pass its own `graceMs`. */
export const handler = sweeper(
  'workflows started',
  (until, event: { graceMs?: number } | undefined) =>
    startPendingElections({ until, graceMs: event?.graceMs }),
);
