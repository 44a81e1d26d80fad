// Proves moving one deadline of an election: only that stage's, audited elsewhere; 404-worthy
// unknown stages; conflicts for a passed deadline, a stage already over or an ended election;
// 422 for a new deadline not in the future or not after the stage's start.
import { describe, expect, it } from 'vitest';
import { moveElectionDeadline } from '../../../../shared/election/elections/deadline.ts';
import { electionRecord } from '../../../support/builders.ts';

const startsAt = '2026-03-15T00:00:00.000Z';
const day = 86_400_000;
const election = electionRecord({
  id: 'e1',
  orgId: 'org-1',
  rollId: 'r',
  stage: 'announcement',
  version: 3,
  dayLengthMs: day,
  startsAt,
  createdAt: startsAt,
  createdBy: 'o',
});
const at = (days: number) => new Date(Date.parse(startsAt) + days * day);
const rulesOf = (result: ReturnType<typeof moveElectionDeadline>) =>
  result.ok ? [] : result.violations.map((v) => [v.rule, v.conflict ?? false]);

describe('moveElectionDeadline', () => {
  it('moves only that stage’s deadline and marks it moved', () => {
    const moved = moveElectionDeadline(election, 'nomination', at(13).toISOString(), at(1));
    if (!moved.ok) throw new Error('refused');
    expect(moved.value.calendar.nomination).toEqual({
      from: at(8).toISOString(),
      until: at(13).toISOString(),
      moved: true,
    });
    expect({ ...moved.value.calendar, nomination: null }).toEqual({
      ...election.calendar,
      nomination: null,
    });
    expect(moved.value.version).toBe(3);
  });

  it('names a stage the election does not run (or no stage at all) unknown-stage', () => {
    expect(
      rulesOf(moveElectionDeadline(election, 'evaluation', at(40).toISOString(), at(1))),
    ).toEqual([['unknown-stage', false]]);
    expect(
      rulesOf(moveElectionDeadline(election, 'whenever', at(40).toISOString(), at(1))),
    ).toEqual([['unknown-stage', false]]);
  });

  it('refuses a passed deadline as a conflict', () => {
    const late = {
      ...election,
      stage: 'announcement' as const,
      begun: { stage: 'announcement' as const, from: startsAt },
    };
    expect(
      rulesOf(moveElectionDeadline(late, 'announcement', at(20).toISOString(), at(9))),
    ).toEqual([['deadline-passed', true]]);
  });

  it('moves the planned deadline of a stage that has not begun, even one behind schedule', () => {
    // Still in the announcement on day 13: the nomination's planned deadline (day 12) lies in
    // the past, but the nomination has not run, so its deadline has not passed.
    const behind = { ...election, begun: { stage: 'announcement' as const, from: startsAt } };
    const moved = moveElectionDeadline(behind, 'nomination', at(20).toISOString(), at(13));
    expect(moved.ok && moved.value.calendar.nomination?.until).toBe(at(20).toISOString());
    expect(
      rulesOf(moveElectionDeadline(behind, 'nomination', at(12).toISOString(), at(13))),
    ).toEqual([['deadline-not-in-future', false]]);
  });

  it('refuses a stage the election has moved past, and every stage of an ended one, as conflicts', () => {
    const later = { ...election, stage: 'preliminary-notice' as const };
    expect(rulesOf(moveElectionDeadline(later, 'nomination', at(20).toISOString(), at(1)))).toEqual(
      [['stage-closed', true]],
    );
    for (const stage of ['completed', 'cancelled'] as const) {
      expect(
        rulesOf(
          moveElectionDeadline(
            { ...election, stage },
            'member-approval',
            at(60).toISOString(),
            at(1),
          ),
        ),
      ).toEqual([['election-ended', true]]);
    }
  });

  it('lets a halted election’s deadlines move', () => {
    const halted = { ...election, stage: 'halted' as const };
    expect(moveElectionDeadline(halted, 'nomination', at(13).toISOString(), at(1)).ok).toBe(true);
  });

  it('refuses a deadline not in the future, or not after the stage’s start (422)', () => {
    expect(
      rulesOf(moveElectionDeadline(election, 'nomination', at(0.5).toISOString(), at(1))),
    ).toEqual([
      ['deadline-not-in-future', false],
      ['deadline-before-start', false],
    ]);
    expect(
      rulesOf(moveElectionDeadline(election, 'nomination', at(5).toISOString(), at(1))),
    ).toEqual([['deadline-before-start', false]]);
  });
});
