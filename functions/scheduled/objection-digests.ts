import { sendObjectionDigests } from '../../shared/election/candidates/objection-digests.ts';
import { SWEEP_SCHEDULE, sweeper } from './sweeper.ts';

/**
 * The objection digest sweeper, run every minute: for each election hour that ended with
 * objections, records and sends the organizers' one digest of them (异议汇总).
 */
export const SCHEDULE = SWEEP_SCHEDULE;

export const handler = sweeper('objection digests sent', (until) =>
  sendObjectionDigests(new Date(), until),
);
