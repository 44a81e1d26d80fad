// Proves the batch statistics of 第一篇: nominations counted per nomination and 报名人选 per
// person (a share of 报名人选 is a share of persons), failures per rule, turnout per round
// (到会率 = present ÷ 应到会, 应到会 from the attendance, else the entitled members), age on the
// election day and the 大专以上 share — each election reduced on its own, then added.
import { describe, expect, it } from 'vitest';
import {
  batchStats,
  type ElectionFacts,
  electionStats,
} from '../../../../shared/election/batches/stats.ts';
import type { Member } from '../../../../shared/rules/index.ts';
import { byConstituency } from '../../../support/attendance.ts';
import { member as entitled } from '../../../support/builders.ts';

const member = (
  id: string,
  birthDate: string,
  education: Member['education'],
  extra: Partial<Member> = {},
): Member => entitled(id, { name: id, birthDate, education, fullSince: '2000-01-01', ...extra });

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
const staff = { announcer: 'a', scrutineer: 'b', counter: 'c' };
/** A valid count with nobody elected: `returned` ballots, all valid, of `issued`. */
const tally = (returned: number, issued = returned) => ({
  status: 'valid' as const,
  issued,
  returned,
  valid: returned,
  invalid: 0,
  counts: {},
  elected: [],
  next: 'advance' as const,
});

describe('electionStats + batchStats', () => {
  it('reckons age on the election day and counts associate and above as 大专以上', () => {
    const stats = batchStats([electionStats(facts(), '2030-01-01')]);
    expect(stats.roll).toEqual({
      count: 4,
      averageAge: (46 + 45 + 36 + 66) / 4,
      collegeShare: 0.5,
    });
  });

  it('counts each nomination by kind, and the persons (报名人选) each kind named', () => {
    const nominations = [
      { kind: 'self' as const, nomineeId: 'a', office: 'secretary' as const },
      { kind: 'organization' as const, nomineeId: 'a', office: 'secretary' as const },
      { kind: 'joint' as const, nomineeId: 'b', office: 'secretary' as const },
      { kind: 'self' as const, nomineeId: 'a', office: 'member' as const },
    ];
    const stats = batchStats([electionStats(facts({ nominations }), '2030-01-01')]);
    expect(stats.nominations).toEqual({ self: 2, joint: 1, organization: 1, total: 4 });
    expect(stats.nominees).toEqual({
      self: 1,
      joint: 1,
      organization: 1,
      total: 2,
      shares: { self: 0.5, joint: 0.5, organization: 0.5 },
    });
  });

  it('第一篇: shares are of 报名人选, persons not nominations — 4562 报名人选, 1944 自荐 = 42.6 %, 1139 联名举荐 = 25 %', () => {
    // 1944 people nominate themselves, each for secretary and for member (two nominations, one
    // person); 1139 are named jointly, the other 1479 by the organization, once each.
    const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const nominations = [
      ...ids('s', 1944).flatMap((nomineeId) => [
        { kind: 'self' as const, nomineeId, office: 'secretary' as const },
        { kind: 'self' as const, nomineeId, office: 'member' as const },
      ]),
      ...ids('j', 1139).map((nomineeId) => ({
        kind: 'joint' as const,
        nomineeId,
        office: 'member' as const,
      })),
      ...ids('o', 1479).map((nomineeId) => ({
        kind: 'organization' as const,
        nomineeId,
        office: 'member' as const,
      })),
    ];
    const { nominees } = batchStats([electionStats(facts({ nominations }), '2030-01-01')]);
    expect(nominees.total).toBe(4562);
    expect(nominees.self).toBe(1944);
    expect(Math.round((nominees.shares.self ?? 0) * 1000) / 10).toBe(42.6);
    expect(Math.round((nominees.shares.joint ?? 0) * 100)).toBe(25);
  });

  it('第一篇: persons are counted in each election apart, then added', () => {
    const one = [{ kind: 'self' as const, nomineeId: 'a', office: 'secretary' as const }];
    const stats = batchStats([
      electionStats(facts({ electionId: 'e1', nominations: one }), '2030-01-01'),
      electionStats(facts({ electionId: 'e2', nominations: one }), '2030-01-01'),
    ]);
    expect(stats.nominees).toMatchObject({ self: 2, total: 2 });
  });

  it('gives null shares and averages when there is nobody to count', () => {
    const stats = batchStats([electionStats(facts({ roll: [] }), '2030-01-01')]);
    expect(stats.nominees).toEqual({
      self: 0,
      joint: 0,
      organization: 0,
      total: 0,
      shares: { self: null, joint: null, organization: null },
    });
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
          ...byConstituency(
            { id: 'u', expected: 6, present: 5, ballotsIssued: 5 },
            { id: 'r', expected: 4, present: 3, ballotsIssued: 3 },
          ),
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
    expect(stats.turnout.map((t) => [t.roundId, t.expected, t.present, t.returned])).toEqual([
      ['r1', 10, 8, 8],
      ['r2', 3, 3, 3], // a, b, c are entitled; d is probationary
    ]);
    expect(stats.averageElectionTurnout).toBe(1);
  });

  it('第一篇: 到会率 = present ÷ 应到会 (363 assemblies averaged 93 %), not ballots returned', () => {
    const round = (id: string, present: number, returned: number) => ({
      id,
      kind: 'election' as const,
      office: 'secretary' as const,
      number: 1,
      openedAt: at,
      attendance: { present, ballotsIssued: present, expected: 100, staff, recordedBy: 'x', at },
      tally: tally(returned, present),
    });
    const stats = batchStats([
      electionStats(facts({ electionId: 'e1', rounds: [round('r1', 93, 90)] }), '2030-01-01'),
      electionStats(facts({ electionId: 'e2', rounds: [round('r1', 99, 99)] }), '2030-01-01'),
    ]);
    expect(stats.turnout.map((t) => [t.expected, t.present, t.returned, t.rate])).toEqual([
      [100, 93, 90, 0.93],
      [100, 99, 99, 0.99],
    ]);
    expect(stats.averageElectionTurnout).toBeCloseTo(0.96);
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
