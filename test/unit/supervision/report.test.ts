// Proves the annual report's year and figures, and its events.
import { describe, expect, it } from 'vitest';
import type { RecallRecord } from '../../../shared/store/records.ts';
import { goalInYear, recallEvents } from '../../../shared/supervision/report.ts';
import { goal, progress } from './fixtures.ts';

describe('goalInYear', () => {
  it('keeps the year’s progress in day order and sums its values', () => {
    const year = goalInYear(
      goal,
      [progress('2026-12-31', 5), progress('2027-01-01', 9), progress('2026-03-01', 12)],
      2026,
    );
    expect(year.progress.map((p) => p.at)).toEqual(['2026-03-01', '2026-12-31']);
    expect(year.figures).toEqual({ entries: 2, total: 17 });
  });

  it('gives no total when no entry has a figure', () => {
    expect(goalInYear(goal, [progress('2026-05-01')], 2026).figures).toEqual({ entries: 1 });
  });
});

describe('recallEvents', () => {
  const recall: RecallRecord = {
    id: 'r1',
    electionId: 'e',
    orgId: 'o',
    officeHolderId: 's1',
    office: 'secretary',
    signatoryIds: Array.from({ length: 10 }, (_, i) => `p${i}`),
    reason: '不称职',
    status: 'recalled',
    filedBy: 'p0',
    filedAt: '2026-05-01T02:00:00.000Z',
    decidedAt: '2026-05-10T02:00:00.000Z',
    settledAt: '2026-05-20T02:00:00.000Z',
    membersRemoved: ['m1'],
    newElectionId: 'e2',
    version: 3,
  };
  const name = (id: string) => ({ s1: '王芳', m1: '李强' })[id] ?? id;

  it('a carried recall: filed, approved, recalled (with the nominees who left)', () => {
    const events = recallEvents(recall, name);
    expect(events.map((e) => e.kind)).toEqual(['recall-filed', 'recall-approved', 'recalled']);
    expect(events[2]?.text).toContain('李强');
    expect(events[0]?.text).toContain('10名党员联名提出罢免书记王芳');
  });

  it('a rejected one: filed, rejected; a retained one ends with retained', () => {
    expect(
      recallEvents({ ...recall, status: 'rejected', settledAt: undefined }, name).map(
        (e) => e.kind,
      ),
    ).toEqual(['recall-filed', 'recall-rejected']);
    expect(recallEvents({ ...recall, status: 'retained' }, name).at(-1)?.kind).toBe('retained');
  });
});
