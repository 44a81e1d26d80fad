// Proves the send rate: a token bucket lets a burst of `rate` mails go at once and then one every
// 1/rate seconds, in the order asked; unset or 0 means no limit; a bad setting is refused.
import { describe, expect, it } from 'vitest';
import { sendRate, tokenBucket } from '../../../shared/notices/send-rate.ts';

/** A clock that only moves when the bucket sleeps. */
const fakeClock = () => {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
};

describe('the send rate', () => {
  it('sends at most 1 a second at the SES sandbox rate', async () => {
    const clock = fakeClock();
    const bucket = tokenBucket(1, clock);
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, () => bucket.take().then(() => times.push(clock.now()))),
    );
    expect(times).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('lets a burst of 14 go at 14/s, then one every 1/14 s', async () => {
    const clock = fakeClock();
    const bucket = tokenBucket(14, clock);
    const times: number[] = [];
    for (let i = 0; i < 28; i++) {
      await bucket.take();
      times.push(clock.now());
    }
    expect(times.slice(0, 14)).toEqual(Array(14).fill(0));
    // 14 more within one second more (ms rounding up: at most 72 ms apart).
    expect(times[27]).toBeLessThanOrEqual(1008);
    expect(times[27]).toBeGreaterThanOrEqual(1000 - 72);
  });

  it('is unlimited when ZX_MAIL_RATE is unset or 0, and refuses nonsense', async () => {
    await expect(sendRate({}).take()).resolves.toBeUndefined();
    await expect(sendRate({ ZX_MAIL_RATE: '0' }).take()).resolves.toBeUndefined();
    expect(() => sendRate({ ZX_MAIL_RATE: 'fast' })).toThrow(/positive number/);
    expect(sendRate({ ZX_MAIL_RATE: '14' })).toBe(sendRate({ ZX_MAIL_RATE: '14' }));
  });
});
