// Proves the fixed-window rules of the objection limits: every instant falls in exactly one
// window of the given length, aligned on the epoch; a refusal says to come back when the window
// ends (never 0 s); a counter outlives its window by a day (TTL in epoch seconds); an objection
// counts against the election and its source with the documented caps; the digest hour follows
// the election's clock; the refusal names its limit in Chinese and English.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  counterExpiry,
  DIGEST_GRACE_MS,
  digestDueAt,
  digestWindow,
  fixedWindow,
  OBJECTION_LIMITS,
  objectionCounters,
  objectionLimitMessage,
  retryAfterSeconds,
} from '../../../shared/rules/rate-limit.ts';

const HOUR = 3_600_000;

describe('fixedWindow', () => {
  it('holds the instant: start ≤ at < end, of exactly the length, aligned on the epoch', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: 1, max: 7 * 24 * HOUR }),
        (at, length) => {
          const window = fixedWindow(new Date(at), length);
          expect(window.start).toBeLessThanOrEqual(at);
          expect(at).toBeLessThan(window.end);
          expect(window.end - window.start).toBe(length);
          expect(window.start % length).toBe(0);
          expect(window.id).toBe(new Date(window.start).toISOString());
        },
      ),
    );
  });

  it('puts the last millisecond of an hour and the first of the next in different windows', () => {
    const end = Date.parse('2026-03-30T09:00:00Z');
    expect(fixedWindow(new Date(end - 1), HOUR).id).toBe('2026-03-30T08:00:00.000Z');
    expect(fixedWindow(new Date(end), HOUR).id).toBe('2026-03-30T09:00:00.000Z');
  });

  it('refuses a window of no length and an invalid date', () => {
    expect(() => fixedWindow(new Date(0), 0)).toThrow(ZodError);
    expect(() => fixedWindow(new Date(Number.NaN), HOUR)).toThrow(ZodError);
  });
});

describe('retryAfterSeconds and counterExpiry', () => {
  const window = fixedWindow(new Date('2026-03-30T08:30:00Z'), HOUR);

  it('is the whole seconds left in the window, at least 1', () => {
    expect(retryAfterSeconds(new Date('2026-03-30T08:30:00Z'), window)).toBe(1800);
    expect(retryAfterSeconds(new Date('2026-03-30T08:59:59.001Z'), window)).toBe(1);
    expect(retryAfterSeconds(new Date('2026-03-30T08:59:59.999Z'), window)).toBe(1);
  });

  it('keeps a counter a day after its window ends, in epoch seconds', () => {
    expect(counterExpiry(window)).toBe(Date.parse('2026-03-31T09:00:00Z') / 1000);
  });
});

describe('objectionCounters', () => {
  it('counts an objection per election (60) and per source (10) in the hour it is filed', () => {
    const at = new Date('2026-03-30T08:15:00Z');
    expect(objectionCounters(at).map(({ limit, max, window }) => [limit, max, window.id])).toEqual([
      ['per-election', 60, '2026-03-30T08:00:00.000Z'],
      ['per-source', 10, '2026-03-30T08:00:00.000Z'],
    ]);
    // One source alone cannot use up the election's allowance.
    expect(OBJECTION_LIMITS.perSource).toBeLessThan(OBJECTION_LIMITS.perElection);
  });

  it('names the limit and when to come back, in Chinese and English', () => {
    const perSource = objectionLimitMessage('per-source', 1500);
    expect(perSource).toContain('同一来源每小时对本次选举最多提交 10 件异议');
    expect(perSource).toContain('约 25 分钟后再试');
    expect(perSource).toContain('at most 10 objections per hour from one source');
    const perElection = objectionLimitMessage('per-election', 5);
    expect(perElection).toContain('本次选举每小时最多受理 60 件异议');
    expect(perElection).toContain('约 1 分钟后再试');
  });
});

describe('the digest hour', () => {
  it('is an hour of the election’s clock: a real hour, or a 24th of a test-clock day', () => {
    const at = new Date('2026-03-30T08:15:00Z');
    expect(digestWindow(at, 24 * HOUR)).toEqual(fixedWindow(at, HOUR));
    expect(digestWindow(at, 2400).end - digestWindow(at, 2400).start).toBe(100);
  });

  it('is due a grace minute after the hour ends', () => {
    const window = digestWindow(new Date('2026-03-30T08:15:00Z'), 24 * HOUR);
    expect(digestDueAt(window).getTime()).toBe(window.end + DIGEST_GRACE_MS);
    expect(DIGEST_GRACE_MS).toBeGreaterThan(30_000); // longer than an API function may run
  });
});
