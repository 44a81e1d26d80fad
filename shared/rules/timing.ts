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
 * A wait this long or longer is one an organizer's move can cut short (a task token the API
 * releases); a shorter one is an exact timer — a deadline moved within its last seconds is
 * noticed at the old one, at most this late.
 */
export const WAKEABLE_WAIT_MS = 2000;

export type DeadlineWait =
  | { passed: true; waitUntil: string }
  /** An exact wait until `waitUntil` (a Wait state). */
  | { passed: false; waitUntil: string; wakeable: false }
  /** A wait of `timeoutSeconds` (whole, ending at or before `waitUntil`) that a move wakes. */
  | { passed: false; waitUntil: string; wakeable: true; timeoutSeconds: number };

/**
 * How to wait for a stage's deadline: not at all once it passed; else until the deadline, or
 * the execution's own bound (`until`: it continues as new then), whichever is first, and never
 * more than MAX_WAIT_SECONDS at once. Long waits are wakeable, so a deadline an organizer moves
 * is looked at again at once instead of being polled for; the last seconds are an exact timer.
 */
export const deadlineWait = (deadline: string, now: Date, until?: Date): DeadlineWait => {
  const due = Date.parse(deadline);
  if (due <= now.getTime()) return { passed: true, waitUntil: now.toISOString() };
  const end = Math.min(
    due,
    until?.getTime() ?? Number.POSITIVE_INFINITY,
    now.getTime() + MAX_WAIT_SECONDS * 1000,
  );
  const waitUntil = new Date(end).toISOString();
  const ms = end - now.getTime();
  return ms >= WAKEABLE_WAIT_MS
    ? { passed: false, waitUntil, wakeable: true, timeoutSeconds: Math.floor(ms / 1000) }
    : { passed: false, waitUntil, wakeable: false };
};
