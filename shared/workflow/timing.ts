import type { ElectionRecord } from '../store/records.ts';

/**
 * How the workflow paces itself on the election's calendar. Every value stays far below the
 * 24.8-day ceiling of a Node timer (the local Step Functions service refuses longer waits).
 */

/** A stage waiting for people reminds the organizers once a calendar day. */
export const remindAfterSeconds = (election: Pick<ElectionRecord, 'dayLengthMs'>): number =>
  Math.max(1, Math.round(election.dayLengthMs / 1000));

/** An approval link lives `approvalTimeoutDays` calendar days. */
export const approvalTimeoutSeconds = (
  election: Pick<ElectionRecord, 'dayLengthMs' | 'rules'>,
): number =>
  Math.max(1, Math.round((election.rules.approvalTimeoutDays * election.dayLengthMs) / 1000));

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
