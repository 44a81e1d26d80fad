// Proves the day a round's write-ins are reckoned on, years after the election.
import { describe, expect, it } from 'vitest';
import { reckonedOn } from '../../../../shared/election/rounds/roll.ts';
import type { ElectionRecord } from '../../../../shared/store/records.ts';

describe('reckonedOn', () => {
  const election = {
    calendar: {
      'secretary-election': { from: '2026-03-15T01:00:00.000Z', until: '2026-03-16T01:00:00.000Z' },
    },
  } as unknown as ElectionRecord;

  it('SPEC §9: a by-election’s write-ins meet the conditions on the day it opened (as its candidates did), years after the election', () => {
    // 2029-06-30T17:00Z is 2029-07-01 in Shanghai.
    expect(
      reckonedOn(election, { stage: 'by-election', openedAt: '2029-06-30T17:00:00.000Z' }),
    ).toBe('2029-07-01');
    expect(
      reckonedOn(election, { stage: 'member-election', openedAt: '2026-03-15T03:00:00.000Z' }),
    ).toBe('2026-03-15');
  });
});
