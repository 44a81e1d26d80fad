// Proves who may vote (有选举权), 应到会 and 列席, and the quorum and majority arithmetic on exact integers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  entitledMembers,
  expectedAttendance,
  hasMajority,
  isEntitled,
  meetsQuorum,
  observers,
} from '../../../shared/rules/entitlement.ts';
import type { Member } from '../../../shared/rules/members.ts';
import { PRESETS } from '../../../shared/rules/presets.ts';
import type { Quorum } from '../../../shared/rules/rules.ts';
import { member } from './fixtures.ts';

const ROLL: Member[] = [
  member('a'),
  member('b', { rights: 'normal' }),
  member('c'),
  member('p', { status: 'probationary', fullSince: undefined }),
  member('x', { orgRelationLocal: false }),
  member('d', { rights: 'discipline' }),
  member('s', { rights: 'suspended' }),
  member('e', { excluded: { category: 'sentence', approvedBy: '街道党工委' } }),
];

describe('entitlement (有选举权的党员)', () => {
  it('a full member with normal rights whose 组织关系 is here is entitled; missing rights are normal', () => {
    expect(isEntitled(member('a'))).toBe(true);
    expect(isEntitled(member('a', { rights: 'normal' }))).toBe(true);
  });

  it('a probationary member (预备党员) is not entitled', () => {
    expect(isEntitled(member('p', { status: 'probationary' }))).toBe(false);
  });

  it('a member under 留党察看 or with suspended rights is not entitled', () => {
    expect(isEntitled(member('d', { rights: 'discipline' }))).toBe(false);
    expect(isEntitled(member('s', { rights: 'suspended' }))).toBe(false);
  });

  it('a member whose 组织关系 is elsewhere is not entitled', () => {
    expect(isEntitled(member('x', { orgRelationLocal: false }))).toBe(false);
  });

  it.each(['ill', 'abroad', 'sentence', 'bedridden', 'away'] as const)(
    'a member excluded for %s with the superior’s consent is not entitled',
    (category) => {
      expect(isEntitled(member('e', { excluded: { category, approvedBy: '街道党工委' } }))).toBe(
        false,
      );
    },
  );

  it('an exclusion whose consent is blank does not count: the member stays entitled', () => {
    expect(isEntitled(member('e', { excluded: { category: 'ill', approvedBy: '  ' } }))).toBe(true);
  });

  it('应到会 is the number of entitled members, the exclusions already taken out', () => {
    expect(entitledMembers(ROLL).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(expectedAttendance(ROLL)).toBe(3);
  });

  it('everyone else on the roll may attend as an observer (列席)', () => {
    expect(observers(ROLL).map((m) => m.id)).toEqual(['p', 'x', 'd', 's', 'e']);
  });

  it('the entitled and the observers together are the roll', () => {
    expect(entitledMembers(ROLL).length + observers(ROLL).length).toBe(ROLL.length);
  });

  it('a member with a bad field is a ZodError naming it', () => {
    expect(() => isEntitled({ ...member('a'), status: 'candidate' } as never)).toThrow(ZodError);
    expect(() => isEntitled({ ...member('a'), status: 'candidate' } as never)).toThrow(/status/);
    expect(() =>
      expectedAttendance([member('a'), { ...member('b'), orgRelationLocal: 'yes' }] as never),
    ).toThrow(/orgRelationLocal/);
  });
});

/** 应到会, present, returned. */
type Counts = [number, number, number];

describe('meetsQuorum', () => {
  const community = PRESETS.community.electionQuorum;
  const regulation = PRESETS.regulation.electionQuorum;
  // community has one (yuyang's is null, 第三篇).
  const recommendation = PRESETS.community.recommendationQuorum ?? community;

  /** The counts [应到会, present, returned] that just meet the quorum, and those that just miss it. */
  const expectThreshold = (quorum: Quorum, meets: Counts, misses: Counts) => {
    const counts = ([expected, present, returned]: Counts) => ({ expected, present, returned });
    expect(meetsQuorum(quorum, counts(meets))).toBe(true);
    expect(meetsQuorum(quorum, counts(misses))).toBe(false);
  };

  it('community: ballots returned by at least 4/5 of 应到会 make the election valid (五分之四以上参加投票)', () => {
    expectThreshold(community, [100, 100, 80], [100, 100, 79]);
  });

  it('community counts ballots returned, not members present', () => {
    expect(meetsQuorum(community, { expected: 100, present: 90, returned: 70 })).toBe(false);
  });

  it('community: 4/5 of 7 is 5.6, so 6 ballots are needed and 5 are not', () => {
    expectThreshold(community, [7, 7, 6], [7, 7, 5]);
  });

  it('regulation: more than 4/5 of 应到会 must attend — exactly 4/5 is not enough', () => {
    expectThreshold(regulation, [100, 81, 0], [100, 80, 80]);
  });

  it('recommendation assembly: more than 2/3 of the representatives expected must attend', () => {
    expectThreshold(recommendation, [150, 101, 101], [150, 100, 100]);
  });

  it('nobody counted is never a quorum, even of nobody expected', () => {
    expect(meetsQuorum(community, { expected: 0, present: 0, returned: 0 })).toBe(false);
  });

  it('at-least agrees with the exact ceiling of the share, more-than with the floor plus one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (expected, counted, denominator, rawNumerator) => {
          const numerator = Math.min(rawNumerator, denominator);
          const share = { numerator, denominator };
          const counts = { expected, present: counted, returned: counted };
          const atLeast: Quorum = { basis: 'returned', share, comparison: 'at-least' };
          const moreThan: Quorum = { basis: 'present', share, comparison: 'more-than' };
          const product = expected * numerator;
          const ceiling = Math.floor((product + denominator - 1) / denominator);
          expect(meetsQuorum(atLeast, counts)).toBe(counted >= ceiling);
          expect(meetsQuorum(moreThan, counts)).toBe(counted > Math.floor(product / denominator));
        },
      ),
    );
  });

  it('counts near the largest safe integer are still compared exactly', () => {
    const expected = 9_007_199_254_740_990; // divisible by 5
    const fourFifths = 7_205_759_403_792_792;
    const quorum: Quorum = {
      basis: 'returned',
      share: { numerator: 4, denominator: 5 },
      comparison: 'at-least',
    };
    expect(meetsQuorum(quorum, { expected, present: 0, returned: fourFifths })).toBe(true);
    expect(meetsQuorum(quorum, { expected, present: 0, returned: fourFifths - 1 })).toBe(false);
  });

  it('negative or fractional counts and malformed quorums are ZodErrors naming the field', () => {
    expect(() => meetsQuorum(community, { expected: 10, present: -1, returned: 8 })).toThrow(
      /present/,
    );
    expect(() => meetsQuorum(community, { expected: 10.5, present: 9, returned: 8 })).toThrow(
      /expected/,
    );
    expect(() =>
      meetsQuorum({ ...community, basis: 'voters' } as never, {
        expected: 1,
        present: 1,
        returned: 1,
      }),
    ).toThrow(/basis/);
    expect(() => meetsQuorum(community, { expected: 1, present: 1 } as never)).toThrow(ZodError);
  });
});

describe('hasMajority (过半数)', () => {
  it('exactly half is not enough: 50 of 100 fails, 51 of 100 passes', () => {
    expect(hasMajority(50, 100)).toBe(false);
    expect(hasMajority(51, 100)).toBe(true);
  });

  it('with an odd base, the larger half is a majority: 4 of 7 passes, 3 of 7 fails', () => {
    expect(hasMajority(4, 7)).toBe(true);
    expect(hasMajority(3, 7)).toBe(false);
  });

  it('no votes of nobody is no majority', () => {
    expect(hasMajority(0, 0)).toBe(false);
  });

  it('is exactly votes > base / 2', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (votes, base) => {
        expect(hasMajority(votes, base)).toBe(votes > base / 2);
      }),
    );
  });

  it('negative or fractional numbers are ZodErrors naming votes or base', () => {
    expect(() => hasMajority(-1, 3)).toThrow(ZodError);
    expect(() => hasMajority(-1, 3)).toThrow(/votes/);
    expect(() => hasMajority(1, 2.5)).toThrow(/base/);
  });
});
