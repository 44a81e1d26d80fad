// Proves the attendance rules of a round: staff from the roll and never a candidate of the vote,
// 应到会 of an election counted from the roll (not typed in), constituencies named by id or
// name and checked against the rules, and a yuyang party recommendation's one constituency.
import { describe, expect, it } from 'vitest';
import {
  type AttendanceReport,
  resolveAttendance,
} from '../../../shared/election/round-attendance.ts';
import { type Member, PRESETS } from '../../../shared/rules/index.ts';

const member = (id: string, overrides: Partial<Member> = {}): Member => ({
  id,
  name: `党员${id}`,
  birthDate: '1975-06-01',
  education: 'bachelor',
  status: 'full',
  fullSince: '2010-07-01',
  orgRelationLocal: true,
  healthy: true,
  ...overrides,
});

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
});
