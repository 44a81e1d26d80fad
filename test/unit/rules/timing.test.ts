// Proves the workflow's pacing: reminders once a calendar day, approval links for
// approvalTimeoutDays, deadlines re-read often enough to notice one moved earlier, and no wait
// ever beyond what a Node timer can hold (24.8 days).
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../shared/rules/index.ts';
import {
  approvalTimeoutSeconds,
  MAX_WAIT_SECONDS,
  nextDeadlineCheck,
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

  it('looks at a far deadline again within 1/24 of a day, so a deadline moved earlier is noticed', () => {
    const now = new Date('2026-03-15T00:00:00.000Z');
    const check = nextDeadlineCheck('2026-03-22T00:00:00.000Z', now, DAY);
    expect(check.passed).toBe(false);
    expect(Date.parse(check.waitUntil) - now.getTime()).toBe(DAY / 24);
  });

  it('waits exactly until a near deadline, and says when it has passed', () => {
    const now = new Date('2026-03-15T00:00:00.000Z');
    expect(nextDeadlineCheck('2026-03-15T00:00:00.500Z', now, 1000)).toEqual({
      passed: false,
      waitUntil: '2026-03-15T00:00:00.500Z',
    });
    expect(nextDeadlineCheck('2026-03-15T00:00:00.000Z', now, 1000).passed).toBe(true);
  });
});
