import type { Rules } from './rules.ts';

/**
 * How the workflow paces itself on the election's calendar. Every value stays far below the
 * 24.8-day ceiling of a Node timer (the local Step Functions service refuses longer waits).
 */

/** The longest single wait handed to a timer: 20 days, under a Node timer's 24.8-day ceiling. */
export const MAX_WAIT_SECONDS = 20 * 24 * 3600;

const seconds = (ms: number) => Math.min(MAX_WAIT_SECONDS, Math.max(1, Math.round(ms / 1000)));

/** A stage waiting for people reminds the organizers once a calendar day. */
export const remindAfterSeconds = (election: { dayLengthMs: number }): number =>
  seconds(election.dayLengthMs);

/**
 * An approval link lives `approvalTimeoutDays` calendar days — at most 20 real days a link: a
 * longer timeout expires the link then, and the superior gets a reminder with a new one.
 */
export const approvalTimeoutSeconds = (election: {
  dayLengthMs: number;
  rules: Pick<Rules, 'approvalTimeoutDays'>;
}): number => seconds(election.rules.approvalTimeoutDays * election.dayLengthMs);

/**
 * When to look at a deadline again: the deadline itself, or sooner — an organizer may move it
 * earlier, and it is noticed within 1/24 of a calendar day (an hour on real days, never < 1 s).
 */
export const nextDeadlineCheck = (
  deadline: string,
  now: Date,
  dayLengthMs: number,
): { passed: boolean; waitUntil: string } => {
  const due = Date.parse(deadline);
  const interval = Math.max(1000, Math.round(dayLengthMs / 24));
  return {
    passed: due <= now.getTime(),
    waitUntil: new Date(Math.min(due, now.getTime() + interval)).toISOString(),
  };
};
