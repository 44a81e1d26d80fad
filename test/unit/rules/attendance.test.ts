// Proves what every attendance must satisfy (SPEC §2.8, §9; 第八条): ballots issued ≤ members
// present ≤ 应到会, each out-of-order number named by its field; the tallies never count such
// attendance (a ZodError, not a result — the attendance route refuses it first); the three
// election staff are different people; the assembly's vote on 监票人 and 计票人 carries with
// more than half of those present.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  attendanceNumberViolations,
  staffApprovalViolations,
  staffViolations,
} from '../../../shared/rules/attendance.ts';
import { tallyElection, tallyRecall } from '../../../shared/rules/election-tally.ts';
import { tallyEvaluation } from '../../../shared/rules/evaluation-tally.ts';
import { PRESETS } from '../../../shared/rules/presets.ts';
import { tallyRecommendation } from '../../../shared/rules/recommendation-tally.ts';
import { ballots } from './fixtures.ts';

const community = PRESETS.community;

describe('SPEC §2.8: ballots issued ≤ members present ≤ 应到会', () => {
  it('names the number out of order and where it was reported', () => {
    expect(attendanceNumberViolations({ expected: 16, present: 10, ballotsIssued: 16 })).toEqual([
      expect.objectContaining({ rule: 'ballots-exceed-present', path: ['ballotsIssued'] }),
    ]);
    const place = { label: '社区居民群众', path: ['constituencies', 1] };
    const [wrong] = attendanceNumberViolations(
      { expected: 150, present: 151, ballotsIssued: 151 },
      place,
    );
    expect(wrong).toMatchObject({
      rule: 'present-exceeds-expected',
      path: ['constituencies', 1, 'present'],
    });
    expect(wrong?.message).toContain('社区居民群众');
    expect(wrong?.message).toContain('constituencies[1].present');
  });

  it('property: no violation exactly when issued ≤ present ≤ expected', () => {
    const count = fc.nat({ max: 50 });
    fc.assert(
      fc.property(count, count, count, (expected, present, ballotsIssued) => {
        const numbers = { expected, present, ballotsIssued };
        const rules = attendanceNumberViolations(numbers).map((v) => v.rule);
        expect(rules.includes('present-exceeds-expected')).toBe(present > expected);
        expect(rules.includes('ballots-exceed-present')).toBe(ballotsIssued > present);
        expect(rules.length === 0).toBe(ballotsIssued <= present && present <= expected);
      }),
    );
  });
});

describe('SPEC §2.8: the tallies never count attendance out of order (ZodError)', () => {
  const round = { candidates: ['zhang', 'li'], seats: 1 };
  const election = (attendance: { expected: number; present: number; issued: number }) => () =>
    tallyElection({
      round,
      attendance,
      ballots: ballots([1, { zhang: 'for' }], [15, {}]),
      rules: community,
      revotesSoFar: 0,
    });

  it('10 present with 16 ballots issued, or nobody present, never elects', () => {
    expect(election({ expected: 16, present: 10, issued: 16 })).toThrow(ZodError);
    // `present: 0` once elected zhang with 1 赞成 of 16 (more than half of 0 present).
    expect(election({ expected: 16, present: 0, issued: 16 })).toThrow(ZodError);
    expect(election({ expected: 15, present: 16, issued: 16 })).toThrow(ZodError);
    expect(election({ expected: 16, present: 16, issued: 16 })().elected).toEqual([]);
  });

  it('nor does a recall vote, an evaluation or a recommendation', () => {
    const recall = () =>
      tallyRecall({
        round: { candidates: ['zhang'] },
        attendance: { expected: 16, present: 0, issued: 16 },
        ballots: ballots([1, { zhang: 'for' }], [15, {}]),
        rules: community,
      });
    expect(recall).toThrow(ZodError);

    const evaluation = () =>
      tallyEvaluation(PRESETS.yuyang, {
        candidates: ['A'],
        attendance: {
          constituencies: [{ id: 'employees', expected: 40, present: 10, ballotsIssued: 30 }],
        },
        ballots: Array.from({ length: 30 }, (_, i) => ({
          serial: `e${i}`,
          ratings: { A: 'satisfied' as const },
        })),
      });
    expect(evaluation).toThrow(ZodError);

    const recommendation = () =>
      tallyRecommendation(community, {
        candidates: ['A', 'B', 'C', 'D'],
        seats: 1,
        places: 3,
        revotesSoFar: 0,
        attendance: {
          constituencies: [
            { id: 'units', expected: 40, present: 40, ballotsIssued: 40 },
            { id: 'residents', expected: 150, present: 100, ballotsIssued: 150 },
          ],
        },
        ballots: [],
      });
    expect(recommendation).toThrow(ZodError);
    try {
      recommendation();
    } catch (error) {
      expect((error as ZodError).issues[0]?.path).toEqual([
        'attendance',
        'constituencies',
        1,
        'ballotsIssued',
      ]);
    }
  });
});

describe('第八条: election staff', () => {
  const roll = ['a', 'b', 'c', 'd', 'x'];

  it('唱票人、监票人、计票人 are three different people, on the roll, none a candidate of the round', () => {
    const check = (staff: { announcer: string; scrutineer: string; counter: string }) =>
      staffViolations(staff, { roll, candidates: ['x'] }).map((v) => v.rule);
    expect(check({ announcer: 'a', scrutineer: 'b', counter: 'c' })).toEqual([]);
    expect(check({ announcer: 'a', scrutineer: 'a', counter: 'c' })).toEqual([
      'staff-not-distinct',
    ]);
    expect(check({ announcer: 'x', scrutineer: 'b', counter: 'nobody' })).toEqual([
      'staff-is-candidate',
      'staff-not-member',
    ]);
  });

  it('第八条1: 监票人和计票人经大会表决通过 — more than half of those present vote for', () => {
    const rules = (votes: { for: number; against: number; abstain: number }, present: number) =>
      staffApprovalViolations(votes, present).map((v) => v.rule);
    expect(rules({ for: 6, against: 4, abstain: 0 }, 10)).toEqual([]);
    expect(rules({ for: 6, against: 0, abstain: 0 }, 11)).toEqual([]);
    expect(rules({ for: 5, against: 0, abstain: 0 }, 10)).toEqual(['staff-not-approved']);
    expect(rules({ for: 6, against: 4, abstain: 1 }, 10)).toEqual([
      'staff-approval-exceeds-present',
    ]);
    expect(rules({ for: 0, against: 0, abstain: 0 }, 0)).toEqual(['staff-not-approved']);
  });
});
