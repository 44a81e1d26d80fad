// Proves the attendance rules of a round: staff from the roll and never a candidate of the vote,
// 应到会 of an election counted from the roll (not typed in), constituencies named by id or
// name and checked against the rules, and a yuyang party recommendation's one constituency.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AttendanceReport,
  type Member,
  PRESETS,
  resolveAttendance,
  resolveRules,
} from '../../../shared/rules/index.ts';
import { byConstituency } from '../../support/attendance.ts';
import { member } from '../../support/builders.ts';

/** Ten entitled members, and four on the roll who do not count in 应到会. */
const roll: Member[] = [
  ...Array.from({ length: 10 }, (_, i) => member(`m${i}`)),
  member('prob', { status: 'probationary' }),
  member('away', { orgRelationLocal: false }),
  member('ill', { excluded: { category: 'ill', approvedBy: '街道党工委' } }),
  member('susp', { rights: 'suspended' }),
];

const staff = { announcer: 'm7', scrutineer: 'm8', counter: 'm9' };
const electionRound = { kind: 'election' as const, candidates: ['m0', 'm1'] };

const resolve = (
  report: Partial<AttendanceReport>,
  round: Parameters<typeof resolveAttendance>[0]['round'] = electionRound,
  rules = PRESETS.community,
) =>
  resolveAttendance({
    round,
    rules,
    roll,
    report: { present: 9, ballotsIssued: 9, staff, ...report },
    recordedBy: 'teller-1',
    at: '2026-03-31T02:00:00.000Z',
  });

const rules = (result: ReturnType<typeof resolve>) =>
  result.ok ? [] : result.violations.map((v) => v.rule);

describe('resolveAttendance', () => {
  it('counts 应到会 of an election as the entitled members: no 预备党员, no relation elsewhere, no approved exclusion, no suspended rights', () => {
    const result = resolve({});
    expect(result).toEqual({
      ok: true,
      value: {
        present: 9,
        ballotsIssued: 9,
        expected: 10,
        staff,
        recordedBy: 'teller-1',
        at: '2026-03-31T02:00:00.000Z',
      },
    });
  });

  it('refuses staff who are not on the roll, and staff who are candidates in this round', () => {
    const result = resolve({ staff: { announcer: 'stranger', scrutineer: 'm1', counter: 'm9' } });
    expect(rules(result)).toEqual(['staff-not-member', 'staff-is-candidate']);
  });

  it('refuses more present than entitled to vote (observers, 列席, do not count)', () => {
    expect(rules(resolve({ present: 11, ballotsIssued: 11 }))).toEqual([
      'present-exceeds-expected',
    ]);
  });

  it('takes a constituency by its id or its name, but not an id and a name of two different ones', () => {
    const round = { kind: 'recommendation' as const, candidates: ['m0', 'm1', 'm2', 'm3'] };
    const constituencies = [
      { id: 'units', expected: 40, present: 30, ballotsIssued: 30 },
      { name: '社区居民群众', expected: 150, present: 120, ballotsIssued: 120 },
    ];
    const result = resolve({ present: 150, ballotsIssued: 150, constituencies }, round);
    expect(result.ok && result.value.constituencies).toEqual([
      { id: 'units', name: '社区单位党组织', expected: 40, present: 30, ballotsIssued: 30 },
      { id: 'residents', name: '社区居民群众', expected: 150, present: 120, ballotsIssued: 120 },
    ]);
    expect(result.ok && result.value.expected).toBe(190);

    const mixed = resolve(
      {
        present: 150,
        ballotsIssued: 150,
        constituencies: [
          { ...constituencies[0], name: '社区居民群众' },
          constituencies[1],
        ] as never,
      },
      round,
    );
    expect(rules(mixed)).toContain('constituency-mismatch');
  });

  it('needs every constituency of the rules and residents at or above minResidentRepresentatives', () => {
    const round = { kind: 'recommendation' as const, candidates: ['m0', 'm1', 'm2', 'm3'] };
    const result = resolve(
      {
        present: 120,
        ballotsIssued: 120,
        constituencies: [{ id: 'residents', expected: 149, present: 120, ballotsIssued: 120 }],
      },
      round,
    );
    expect(rules(result).sort()).toEqual([
      'missing-constituency',
      'too-few-resident-representatives',
    ]);
  });

  it('a yuyang party recommendation may leave its one constituency, the members, to the roll', () => {
    const round = { kind: 'recommendation' as const, candidates: ['m0', 'm1', 'm2', 'm3'] };
    const result = resolve({}, round, PRESETS.yuyang);
    expect(result.ok && result.value.constituencies).toEqual([
      { id: 'members', name: '党员', expected: 10, present: 9, ballotsIssued: 9 },
    ]);
  });

  it('SPEC §2.8: ballots issued never exceed members present — 10 present with 16 ballots issued is refused, naming the field', () => {
    const result = resolve({ present: 10, ballotsIssued: 16 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations).toEqual([
      expect.objectContaining({ rule: 'ballots-exceed-present', path: ['ballotsIssued'] }),
    ]);
    expect(result.violations[0]?.message).toContain('ballotsIssued');
    // `present: 0` with ballots issued could elect with 1 赞成 of 16: refused the same way.
    expect(rules(resolve({ present: 0, ballotsIssued: 16 }))).toEqual(['ballots-exceed-present']);
    // And at a recall vote, which counts on the same roll.
    const recall = { kind: 'recall' as const, candidates: ['m0'] };
    expect(rules(resolve({ present: 9, ballotsIssued: 10 }, recall))).toEqual([
      'ballots-exceed-present',
    ]);
  });

  it('SPEC §2.8: per constituency at the recommendation assembly, naming which constituency and which field', () => {
    const round = { kind: 'recommendation' as const, candidates: ['m0', 'm1', 'm2', 'm3'] };
    const result = resolve(
      byConstituency(
        { id: 'units', expected: 40, present: 45, ballotsIssued: 40 },
        { id: 'residents', expected: 150, present: 145, ballotsIssued: 150 },
      ),
      round,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations.map(({ rule, path }) => ({ rule, path }))).toEqual([
      { rule: 'present-exceeds-expected', path: ['constituencies', 0, 'present'] },
      { rule: 'ballots-exceed-present', path: ['constituencies', 1, 'ballotsIssued'] },
    ]);
    expect(result.violations[0]?.message).toContain('社区单位党组织');
    expect(result.violations[1]?.message).toContain('社区居民群众');
  });

  it('SPEC §2.8: at the evaluation and at a yuyang party recommendation too', () => {
    const evaluation = { kind: 'evaluation' as const, candidates: ['m0', 'm1'] };
    const employees = { id: 'employees', expected: 80, present: 40, ballotsIssued: 41 };
    expect(
      rules(resolve({ present: 40, ballotsIssued: 41, constituencies: [employees] }, evaluation)),
    ).toEqual(['ballots-exceed-present']);
    const recommendation = { kind: 'recommendation' as const, candidates: ['m0', 'm1', 'm2'] };
    expect(
      rules(resolve({ present: 8, ballotsIssued: 9 }, recommendation, PRESETS.yuyang)),
    ).toEqual(['ballots-exceed-present']);
  });

  it('SPEC §2.8 property: any accepted attendance has issued ≤ present ≤ expected, overall and per constituency', () => {
    const count = fc.integer({ min: 0, max: 220 });
    const numbers = fc.record({ expected: count, present: count, ballotsIssued: count });
    const recommendation = { kind: 'recommendation' as const, candidates: ['m0', 'm1', 'm2'] };
    const evaluation = { kind: 'evaluation' as const, candidates: ['m0', 'm1'] };
    const nested = (n: { expected?: number; present: number; ballotsIssued: number }) =>
      n.ballotsIssued <= n.present && n.present <= (n.expected ?? Number.POSITIVE_INFINITY);
    fc.assert(
      fc.property(
        fc.oneof(
          numbers.map((n) => ({ round: electionRound, report: n, preset: PRESETS.community })),
          numbers.map((n) => ({ round: recommendation, report: n, preset: PRESETS.yuyang })),
          numbers.map((n) => ({
            round: evaluation,
            report: { ...n, constituencies: [{ id: 'employees', ...n }] },
            preset: PRESETS.yuyang,
          })),
          fc.tuple(numbers, numbers).map(([units, residents]) => ({
            round: recommendation,
            report: {
              present: units.present + residents.present,
              ballotsIssued: units.ballotsIssued + residents.ballotsIssued,
              constituencies: [
                { id: 'units', ...units },
                { id: 'residents', ...residents },
              ],
            },
            preset: resolveRules('community', { minResidentRepresentatives: 0 }),
          })),
        ),
        ({ round, report, preset }) => {
          const { expected: _, ...reported } = report as typeof report & { expected?: number };
          const result = resolve(reported, round, preset);
          if (!result.ok) return;
          const { value } = result;
          expect(nested(value)).toBe(true);
          for (const c of value.constituencies ?? []) expect(nested(c)).toBe(true);
        },
      ),
    );
  });

  it('第八条: 唱票人、监票人、计票人 are three different people', () => {
    const same = resolve({ staff: { announcer: 'm7', scrutineer: 'm8', counter: 'm7' } });
    expect(same.ok).toBe(false);
    if (same.ok) return;
    expect(same.violations).toEqual([
      expect.objectContaining({ rule: 'staff-not-distinct', path: ['staff', 'counter'] }),
    ]);
    expect(rules(resolve({ staff: { announcer: 'm9', scrutineer: 'm9', counter: 'm9' } }))).toEqual(
      ['staff-not-distinct', 'staff-not-distinct'],
    );
  });

  it('第八条1: the assembly’s vote approving 监票人 and 计票人 is kept with the attendance; it needs more than half of those present', () => {
    const approved = resolve({ staffApproval: { for: 5, against: 3, abstain: 1 } });
    expect(approved.ok && approved.value.staffApproval).toEqual({ for: 5, against: 3, abstain: 1 });
    // 9 present: 4 for is not more than half.
    expect(rules(resolve({ staffApproval: { for: 4, against: 0, abstain: 0 } }))).toEqual([
      'staff-not-approved',
    ]);
    // More votes than members present.
    expect(rules(resolve({ staffApproval: { for: 8, against: 2, abstain: 0 } }))).toEqual([
      'staff-approval-exceeds-present',
    ]);
    // Optional: an attendance without it is kept without it.
    const without = resolve({});
    expect(without.ok && 'staffApproval' in without.value).toBe(false);
  });
});
