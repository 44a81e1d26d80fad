// The pace of a batch's starts: the tightest of the account's quotas, half of each.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUOTAS,
  NO_QUOTAS,
  type Quotas,
  quotasFromEnv,
  startPace,
  startsWithin,
} from '../../../shared/rules/pace.ts';

const unlimitedMail: Quotas = { ...DEFAULT_QUOTAS, mailsPerSecond: 1e9, mailsPerDay: 1e12 };

describe('the pace of a batch’s starts', () => {
  it('is set by SES on AWS’s defaults: half of 50 000 mails a day, 60 members each', () => {
    const pace = startPace(DEFAULT_QUOTAS, 60);
    expect(pace.limitedBy).toBe('mailsPerDay');
    expect(pace.perSecond).toBeCloseTo(25_000 / 86_400 / 60, 9);
  });

  it('is set by the mail rate once the daily quota is raised', () => {
    const pace = startPace({ ...DEFAULT_QUOTAS, mailsPerDay: 10_000_000 }, 60);
    expect(pace).toEqual({ perSecond: 7 / 60, limitedBy: 'mailsPerSecond' });
  });

  it('is set by state transitions, then Lambda, then StartExecution, when mail is no limit', () => {
    expect(startPace(unlimitedMail, 60)).toEqual({
      perSecond: 400 / 12,
      limitedBy: 'stateTransitionsPerSecond',
    });
    const moreTransitions = { ...unlimitedMail, stateTransitionsPerSecond: 5000 };
    expect(startPace(moreTransitions, 60)).toEqual({
      perSecond: 50,
      limitedBy: 'lambdaConcurrency',
    });
    const moreLambdas = { ...moreTransitions, lambdaConcurrency: 100_000 };
    expect(startPace(moreLambdas, 60)).toEqual({
      perSecond: 75,
      limitedBy: 'startExecutionsPerSecond',
    });
  });

  it('lets larger rolls start more slowly: each member is an announcement', () => {
    const quotas = { ...DEFAULT_QUOTAS, mailsPerDay: 10_000_000 };
    expect(startPace(quotas, 2000).perSecond).toBeCloseTo(startPace(quotas, 60).perSecond * 0.03);
  });

  it('counts the elections that fit a window, in order, and at least one', () => {
    const quotas = { ...DEFAULT_QUOTAS, mailsPerDay: 10_000_000 }; // 7 mails a second
    // 70 members: 10 s each; a minute holds 6.
    expect(startsWithin(Array(20).fill(70), quotas, 60)).toBe(6);
    // A 2 000-member roll takes longer than the window: it still starts, alone.
    expect(startsWithin([2000, 70], quotas, 60)).toBe(1);
    expect(startsWithin([], quotas, 60)).toBe(0);
  });

  it('reads the quotas from ZX_QUOTAS over the defaults, and refuses a broken one', () => {
    expect(quotasFromEnv({})).toEqual(NO_QUOTAS);
    expect(startPace(NO_QUOTAS, 2000).perSecond).toBe(Number.POSITIVE_INFINITY);
    expect(quotasFromEnv({ ZX_QUOTAS: '{"mailsPerSecond": 200}' })).toEqual({
      ...DEFAULT_QUOTAS,
      mailsPerSecond: 200,
    });
    expect(() => quotasFromEnv({ ZX_QUOTAS: '{"mailsPerSecond": 0}' })).toThrow();
    expect(() => quotasFromEnv({ ZX_QUOTAS: '{"mailRate": 5}' })).toThrow();
  });
});
