// Examples of what follows a failed send: a backoff of 30 s doubling to 30 min, parked after
// MAX_SEND_ATTEMPTS, at once when refused for good; throttling waits a second and is no attempt.
import { describe, expect, it } from 'vitest';
import { afterFailedSend, MAX_SEND_ATTEMPTS } from '../../../shared/rules/send-retry.ts';

const now = new Date('2026-12-07T08:00:00.000Z');
const nowPlus = (ms: number) => new Date(now.getTime() + ms);

describe('afterFailedSend', () => {
  it('retries after 30 s, then doubling, at most 30 min apart', () => {
    expect(afterFailedSend(1, undefined, now)).toEqual({
      next: 'retry',
      notBefore: nowPlus(30_000),
      countsAsAttempt: true,
    });
    expect(afterFailedSend(3, undefined, now)).toMatchObject({ notBefore: nowPlus(120_000) });
    expect(afterFailedSend(7, undefined, now)).toMatchObject({ notBefore: nowPlus(1_800_000) });
  });

  it('parks the notice after the last attempt, or at once when refused for good', () => {
    expect(afterFailedSend(MAX_SEND_ATTEMPTS, undefined, now)).toEqual({ next: 'failed' });
    expect(afterFailedSend(1, 'never', now)).toEqual({ next: 'failed' });
  });

  it('waits a second after throttling, and the attempt does not count', () => {
    expect(afterFailedSend(MAX_SEND_ATTEMPTS, 'throttled', now)).toEqual({
      next: 'retry',
      notBefore: nowPlus(1_000),
      countsAsAttempt: false,
    });
  });
});
