// Proves the batch statistics of 第一篇: nomination shares counted per nomination, failures per
// rule, turnout per round (应到会 from the attendance, else the entitled members), age on the
// election day and the 大专以上 share — each election reduced on its own, then added.
import { describe, expect, it } from 'vitest';
import {
  batchStats,
  type ElectionFacts,
  electionStats,
} from '../../../shared/election/batch-stats.ts';
import type { Member } from '../../../shared/rules/index.ts';

const member = (
  id: string,
  birthDate: string,
  education: Member['education'],
  extra: Partial<Member> = {},
): Member => ({
  id,
  name: id,
  birthDate,
  education,
  status: 'full',
  fullSince: '2000-01-01',
  orgRelationLocal: true,
  healthy: true,
  ...extra,
});

// The secretary election is planned on 2026-03-15 (Shanghai): ages are reckoned that day.
const calendar = {
  'secretary-election': { from: '2026-03-15T01:00:00.000Z', until: '2026-03-16T01:00:00.000Z' },
};

const facts = (overrides: Partial<ElectionFacts> = {}): ElectionFacts => ({
  electionId: 'e1',
  calendar,
  nominations: [],
  candidates: [],
  rounds: [],
  roll: [
    member('a', '1980-03-15', 'bachelor'), // 46: birthday reached that day
    member('b', '1980-03-16', 'senior'), // 45: not yet
    member('c', '1990-01-01', 'associate'), // 36
    member('d', '1960-01-01', 'junior', { status: 'probationary' }), // 66, not entitled
  ],
  ...overrides,
});

const check = { eligible: true, failures: [] };
const at = '2026-03-15T02:00:00.000Z';

describe('electionStats + batchStats', () => {
  it('reckons age on the election day and counts associate and above as 大专以上', () => {
    const stats = batchStats([electionStats(facts(), '2030-01-01')]);
    expect(stats.roll).toEqual({
      count: 4,
      averageAge: (46 + 45 + 36 + 66) / 4,
      collegeShare: 0.5,
    });
  });

  it('counts each nomination by kind, with shares of the total, and distinct nominees per office', () => {
    const nominations = [
      { kind: 'self' as const, nomineeId: 'a', office: 'secretary' as const },
      { kind: 'organization' as const, nomineeId: 'a', office: 'secretary' as const },
      { kind: 'joint' as const, nomineeId: 'b', office: 'secretary' as const },
      { kind: 'self' as const, nomineeId: 'a', office: 'member' as const },
    ];
    const { nominations: counted } = batchStats([
      electionStats(facts({ nominations }), '2030-01-01'),
    ]);
    expect(counted).toEqual({
      self: 2,
      joint: 1,
      organization: 1,
      total: 4,
      nominees: 3,
      shares: { self: 0.5, joint: 0.25, organization: 0.25 },
    });
  });

  it('gives null shares and averages when there is nobody to count', () => {
    const stats = batchStats([electionStats(facts({ roll: [] }), '2030-01-01')]);
    expect(stats.nominations.shares).toEqual({ self: null, joint: null, organization: null });
    expect(stats.roll).toEqual({ count: 0, averageAge: null, collegeShare: null });
    expect(stats.elected).toEqual({ count: 0, averageAge: null, collegeShare: null });
    expect(stats.averageElectionTurnout).toBeNull();
    expect(batchStats([])).toMatchObject({ turnout: [], eligibilityFailures: {} });
  });

  it('counts eligibility failures per rule over the candidates', () => {
    const candidates = [
      {
        memberId: 'a',
        office: 'secretary' as const,
        status: 'rejected' as const,
        check: {
          eligible: false,
          failures: [
            { rule: 'age' as const, message: '' },
            { rule: 'education' as const, message: '' },
          ],
        },
      },
      {
        memberId: 'b',
        office: 'secretary' as const,
        status: 'rejected' as const,
        check: { eligible: false, failures: [{ rule: 'age' as const, message: '' }] },
      },
      { memberId: 'c', office: 'secretary' as const, status: 'eligible' as const, check },
    ];
    const stats = batchStats([electionStats(facts({ candidates }), '2030-01-01')]);
    expect(stats.eligibilityFailures).toEqual({ age: 2, education: 1 });
  });

  it('takes those in office from the result, else from the candidates marked elected', () => {
    const fromResult = electionStats(
      facts({
        result: { secretary: 'a', deputies: [], members: ['c'] },
        candidates: [{ memberId: 'b', office: 'member', status: 'elected', check }],
      }),
      '2030-01-01',
    );
    expect(fromResult.elected).toEqual({ count: 2, ageSum: 46 + 36, college: 2 });
    expect(fromResult.secretaries).toEqual({ count: 1, ageSum: 46, college: 1 });
    const fromCandidates = electionStats(
      facts({ candidates: [{ memberId: 'b', office: 'secretary', status: 'elected', check }] }),
      '2030-01-01',
    );
    expect(fromCandidates.secretaries).toEqual({ count: 1, ageSum: 45, college: 0 });
  });

  it('reports turnout of rounds that have attendance and a tally, 应到会 falling back to the entitled members', () => {
    const tally = (returned: number) => ({
      status: 'valid' as const,
      issued: returned,
      returned,
      valid: returned,
      invalid: 0,
      counts: {},
      elected: [],
      next: 'advance' as const,
    });
    const staff = { announcer: 'a', scrutineer: 'b', counter: 'c' };
    const base = { office: 'secretary' as const, number: 1 };
    const rounds = [
      {
        ...base,
        id: 'r2',
        kind: 'election' as const,
        openedAt: '2026-03-15T03:00:00.000Z',
        attendance: { present: 3, ballotsIssued: 3, staff, recordedBy: 'x', at },
        tally: tally(3),
      },
      {
        ...base,
        id: 'r1',
        kind: 'recommendation' as const,
        openedAt: '2026-03-15T02:00:00.000Z',
        attendance: {
          present: 8,
          ballotsIssued: 8,
          constituencies: [
            { id: 'u', expected: 6, present: 5, ballotsIssued: 5 },
            { id: 'r', expected: 4, present: 3, ballotsIssued: 3 },
          ],
          staff,
          recordedBy: 'x',
          at,
        },
        tally: tally(8),
      },
      {
        ...base,
        id: 'r3',
        kind: 'election' as const,
        openedAt: '2026-03-15T04:00:00.000Z',
        attendance: { present: 3, ballotsIssued: 3, expected: 4, staff, recordedBy: 'x', at },
      },
      {
        ...base,
        id: 'r4',
        kind: 'election' as const,
        openedAt: '2026-03-15T05:00:00.000Z',
        tally: tally(1),
      },
    ];
    const stats = batchStats([electionStats(facts({ rounds }), '2030-01-01')]);
    expect(stats.turnout.map((t) => [t.roundId, t.expected, t.returned, t.rate])).toEqual([
      ['r1', 10, 8, 0.8],
      ['r2', 3, 3, 1], // a, b, c are entitled; d is probationary
    ]);
    expect(stats.averageElectionTurnout).toBe(1);
  });

  it('adds elections up: sums, not averages of averages', () => {
    const small = electionStats(
      facts({ electionId: 'e1', roll: [member('a', '1980-03-15', 'bachelor')] }),
      '2030-01-01',
    );
    const large = electionStats(
      facts({
        electionId: 'e2',
        roll: [
          member('x', '1990-03-15', 'senior'),
          member('y', '1990-03-15', 'senior'),
          member('z', '1990-03-15', 'senior'),
        ],
      }),
      '2030-01-01',
    );
    expect(batchStats([small, large]).roll).toEqual({
      count: 4,
      averageAge: (46 + 36 * 3) / 4,
      collegeShare: 0.25,
    });
  });

  it('reckons age on `today` when the calendar has no election day', () => {
    const stats = batchStats([
      electionStats(
        facts({ calendar: {}, roll: [member('a', '1980-03-15', 'bachelor')] }),
        '2030-03-14',
      ),
    ]);
    expect(stats.roll.averageAge).toBe(49);
  });
});
