// Proves the workflow's pacing: reminders once a calendar day, approval links for
// approvalTimeoutDays, deadlines re-read often enough to notice one moved earlier, and no wait
// ever beyond what a Node timer can hold (24.8 days).
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../shared/rules/index.ts';
import {
  approvalTimeoutSeconds,
  deadlineWait,
  MAX_WAIT_SECONDS,
  remindAfterSeconds,
} from '../../../shared/rules/timing.ts';

const DAY = 86_400_000;
const rules = PRESETS.community;

describe('workflow timing', () => {
  it('reminds once a calendar day, real or short', () => {
    expect(remindAfterSeconds({ dayLengthMs: DAY })).toBe(86_400);
    expect(remindAfterSeconds({ dayLengthMs: 1000 })).toBe(1);
    expect(remindAfterSeconds({ dayLengthMs: 20 })).toBe(1);
  });

  it('keeps an approval link approvalTimeoutDays (7) calendar days', () => {
    expect(approvalTimeoutSeconds({ dayLengthMs: DAY, rules })).toBe(7 * 86_400);
    expect(approvalTimeoutSeconds({ dayLengthMs: 1000, rules })).toBe(7);
  });

  it('never waits longer than 20 days at once, below the 24.8-day timer ceiling', () => {
    const long = { ...rules, approvalTimeoutDays: 60 };
    expect(approvalTimeoutSeconds({ dayLengthMs: DAY, rules: long })).toBe(MAX_WAIT_SECONDS);
    expect(MAX_WAIT_SECONDS * 1000).toBeLessThan(2 ** 31 - 1);
  });

  it('waits for a far deadline in one wakeable wait, of whole seconds ending by the deadline', () => {
    const now = new Date('2026-03-15T00:00:00.000Z');
    expect(deadlineWait('2026-03-22T00:00:00.500Z', now)).toEqual({
      passed: false,
      waitUntil: '2026-03-22T00:00:00.500Z',
      wakeable: true,
      timeoutSeconds: 7 * 86_400,
    });
  });

  it('ends the wait at the execution’s bound, and never waits more than 20 days at once', () => {
    const now = new Date('2026-03-15T00:00:00.000Z');
    const bound = new Date('2026-03-16T00:00:00.000Z');
    expect(deadlineWait('2026-05-01T00:00:00.000Z', now, bound)).toMatchObject({
      waitUntil: bound.toISOString(),
      timeoutSeconds: 86_400,
    });
    expect(deadlineWait('2026-06-01T00:00:00.000Z', now)).toMatchObject({
      timeoutSeconds: MAX_WAIT_SECONDS,
    });
  });

  it('waits exactly for a deadline under two seconds away, and says when it has passed', () => {
    const now = new Date('2026-03-15T00:00:00.000Z');
    expect(deadlineWait('2026-03-15T00:00:01.999Z', now)).toEqual({
      passed: false,
      waitUntil: '2026-03-15T00:00:01.999Z',
      wakeable: false,
    });
    expect(deadlineWait('2026-03-15T00:00:02.000Z', now)).toMatchObject({
      wakeable: true,
      timeoutSeconds: 2,
    });
    expect(deadlineWait('2026-03-15T00:00:00.000Z', now).passed).toBe(true);
  });
});
