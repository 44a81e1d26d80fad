/**
 * What follows a failed send of a notice (the outbox, shared/store/outbox.ts, applies it): a
 * send refused for good is not tried again; one over the send rate waits a second and costs no
 * attempt; anything else is tried again after a backoff, at most MAX_SEND_ATTEMPTS times.
 */

/** Attempts before a notice is parked as `failed` (about an hour and a half of backoff). */
export const MAX_SEND_ATTEMPTS = 8;

/** The wait after failed attempt n (1-based): 30 s doubling, at most 30 min. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));

/** A throttled send (over the account's send rate) waits this long and costs no attempt. */
const THROTTLED_DELAY_MS = 1_000;

/** What a transport says of its error: `never` refused for good, `throttled` over the rate. */
export type SendRetry = 'never' | 'throttled' | undefined;

export type AfterFailedSend =
  | { next: 'failed' }
  | { next: 'retry'; notBefore: Date; countsAsAttempt: boolean };

/** After the `attempts`-th attempt failed with `retry`, at `now`. */
export const afterFailedSend = (attempts: number, retry: SendRetry, now: Date): AfterFailedSend => {
  if (retry === 'throttled') {
    return {
      next: 'retry',
      notBefore: new Date(now.getTime() + THROTTLED_DELAY_MS),
      countsAsAttempt: false,
    };
  }
  if (retry === 'never' || attempts >= MAX_SEND_ATTEMPTS) return { next: 'failed' };
  return {
    next: 'retry',
    notBefore: new Date(now.getTime() + retryDelayMs(attempts)),
    countsAsAttempt: true,
  };
};
