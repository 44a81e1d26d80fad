// Proves the 差额 rules: more candidates than seats (ceil of seats × 1.2 in integers), the committee suggestion list, and the secretary funnel.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  checkFormalSelection,
  checkPreliminaryList,
  checkSuggestionList,
  minCompetitiveCandidates,
  shortfall,
} from '../../../shared/rules/competition.ts';
import { PRESETS, resolveRules } from '../../../shared/rules/presets.ts';
import { brokenRules } from './fixtures.ts';

const community = PRESETS.community;

describe('minCompetitiveCandidates', () => {
  it('2 committee seats need 3 names (第六条 4: 差额提出委员建议名单3名)', () => {
    expect(minCompetitiveCandidates(2, 20)).toBe(3);
  });

  it('1 seat needs 2 candidates (差额直选书记: 2 formal candidates)', () => {
    expect(minCompetitiveCandidates(1, 20)).toBe(2);
  });

  it('5 seats need 6 and 10 seats need 12', () => {
    expect(minCompetitiveCandidates(5, 20)).toBe(6);
    expect(minCompetitiveCandidates(10, 20)).toBe(12);
  });

  it('50 seats at 10% need 55, although 50 × 1.1 in floating point is just above 55', () => {
    expect(Math.ceil(50 * 1.1)).toBe(56);
    expect(minCompetitiveCandidates(50, 10)).toBe(55);
  });

  it('is always more than the seats and the smallest n with n ≥ seats × (100 + margin) / 100', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 1000 }),
        (seats, margin) => {
          const n = minCompetitiveCandidates(seats, margin);
          expect(n).toBeGreaterThan(seats);
          expect(n * 100).toBeGreaterThanOrEqual(seats * (100 + margin));
          expect((n - 1) * 100).toBeLessThan(seats * (100 + margin));
        },
      ),
    );
  });

  it('zero seats or a fractional margin are ZodErrors naming the field', () => {
    expect(() => minCompetitiveCandidates(0, 20)).toThrow(ZodError);
    expect(() => minCompetitiveCandidates(0, 20)).toThrow(/seats/);
    expect(() => minCompetitiveCandidates(2, 1.5)).toThrow(/marginPercent/);
  });
});

describe('shortfall (差额 at every step of the funnel)', () => {
  it('1 deputy seat with 1 candidate left after the review: too few, saying when and for which office', () => {
    expect(
      shortfall({ office: 'deputy', count: 1, seats: 1, marginPercent: 20, when: '资格审查后' }),
    ).toEqual({
      rule: 'too-few-candidates',
      message: '资格审查后副书记候选人只有 1 名,不足 1 个名额差额选举所需的 2 名',
    });
  });

  it('a 补选 names no office; enough candidates are no violation', () => {
    expect(
      shortfall({ count: 1, seats: 1, marginPercent: 20, when: '补选符合条件的' })?.message,
    ).toBe('补选符合条件的候选人只有 1 名,不足 1 个名额差额选举所需的 2 名');
    expect(
      shortfall({ office: 'member', count: 3, seats: 2, marginPercent: 20, when: '' }),
    ).toBeNull();
  });

  it('差额 (property): a violation exactly when the count is below minCompetitiveCandidates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 300 }),
        fc.nat(400),
        fc.constantFrom('secretary' as const, 'deputy' as const, 'member' as const),
        (seats, marginPercent, count, office) => {
          const short = shortfall({ office, count, seats, marginPercent, when: '' });
          expect(short === null).toBe(count >= minCompetitiveCandidates(seats, marginPercent));
          if (short) expect(short.rule).toBe('too-few-candidates');
        },
      ),
    );
  });
});

describe('checkSuggestionList (委员建议名单)', () => {
  const ELIGIBLE = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'cand']);
  const list = (memberIds: string[], seats = 2) => ({ candidateId: 'cand', memberIds, seats });

  it('3 distinct eligible names for 2 seats pass', () => {
    expect(checkSuggestionList(list(['a', 'b', 'c']), community, ELIGIBLE)).toEqual({
      ok: true,
      value: { memberIds: ['a', 'b', 'c'] },
    });
  });

  it('2 names for 2 seats are too-few-names (not 差额)', () => {
    const result = checkSuggestionList(list(['a', 'b']), community, ELIGIBLE);
    expect(brokenRules(result)).toEqual(['too-few-names']);
    if (!result.ok) expect(result.violations[0]?.message).toContain('3');
  });

  it('5 seats need 6 names', () => {
    const five = ['a', 'b', 'c', 'd', 'e'];
    expect(brokenRules(checkSuggestionList(list(five, 5), community, ELIGIBLE))).toEqual([
      'too-few-names',
    ]);
    expect(checkSuggestionList(list([...five, 'f'], 5), community, ELIGIBLE).ok).toBe(true);
  });

  it('the candidate naming himself is candidate-in-own-list and does not count', () => {
    expect(brokenRules(checkSuggestionList(list(['a', 'b', 'cand']), community, ELIGIBLE))).toEqual(
      ['candidate-in-own-list', 'too-few-names'],
    );
  });

  it('a name that is not eligible is not-eligible, named, and does not count', () => {
    const result = checkSuggestionList(list(['a', 'b', 'c', 'zz']), community, ELIGIBLE);
    expect(brokenRules(result)).toEqual(['not-eligible']);
    if (!result.ok) expect(result.violations[0]?.message).toContain('zz');
  });

  it('eligibility may be given as a predicate instead of a set', () => {
    const onlyVowels = (id: string) => 'aeiou'.includes(id);
    expect(brokenRules(checkSuggestionList(list(['a', 'e', 'b']), community, onlyVowels))).toEqual([
      'not-eligible',
      'too-few-names',
    ]);
  });

  it('a name listed twice is duplicate-name and counts once', () => {
    expect(brokenRules(checkSuggestionList(list(['a', 'b', 'b']), community, ELIGIBLE))).toEqual([
      'duplicate-name',
      'too-few-names',
    ]);
  });

  it('the margin is the rules’ competitionMarginPercent', () => {
    const wide = resolveRules('community', { competitionMarginPercent: 100 });
    expect(brokenRules(checkSuggestionList(list(['a', 'b', 'c']), wide, ELIGIBLE))).toEqual([
      'too-few-names',
    ]);
  });

  it('memberIds not a list, or no seats, are ZodErrors naming the field', () => {
    expect(() =>
      checkSuggestionList(
        { candidateId: 'cand', memberIds: 'a,b,c', seats: 2 } as never,
        community,
        ELIGIBLE,
      ),
    ).toThrow(/memberIds/);
    expect(() => checkSuggestionList(list(['a', 'b', 'c'], 0), community, ELIGIBLE)).toThrow(
      /seats/,
    );
  });
});

describe('the secretary funnel', () => {
  it('a preliminary list of 3 names lets the community election proceed (书记初步候选人原则上不少于3名)', () => {
    expect(checkPreliminaryList(['a', 'b', 'c'], community)).toEqual({
      ok: true,
      value: { candidateIds: ['a', 'b', 'c'] },
    });
  });

  it('2 preliminary names are too-few-preliminary; a repeated name counts once', () => {
    expect(brokenRules(checkPreliminaryList(['a', 'b'], community))).toEqual([
      'too-few-preliminary',
    ]);
    expect(brokenRules(checkPreliminaryList(['a', 'b', 'b'], community))).toEqual([
      'too-few-preliminary',
    ]);
  });

  it('nanjing needs at least 4 recommended (至少产生4名推荐人选)', () => {
    expect(brokenRules(checkPreliminaryList(['a', 'b', 'c'], PRESETS.nanjing))).toEqual([
      'too-few-preliminary',
    ]);
    expect(checkPreliminaryList(['a', 'b', 'c', 'd'], PRESETS.nanjing).ok).toBe(true);
  });

  it('the superior choosing 2 of the 3 inspected is a valid formal selection', () => {
    expect(checkFormalSelection(['b', 'a'], ['a', 'b', 'c'], community)).toEqual({
      ok: true,
      value: { candidateIds: ['b', 'a'] },
    });
  });

  it('choosing 1 or 3 is wrong-selection-size; a name chosen twice counts once', () => {
    const inspected = ['a', 'b', 'c'];
    expect(brokenRules(checkFormalSelection(['a'], inspected, community))).toEqual([
      'wrong-selection-size',
    ]);
    expect(brokenRules(checkFormalSelection(inspected, inspected, community))).toEqual([
      'wrong-selection-size',
    ]);
    expect(brokenRules(checkFormalSelection(['a', 'a'], inspected, community))).toEqual([
      'wrong-selection-size',
    ]);
  });

  it('choosing someone who was not inspected is not-a-candidate, named', () => {
    const result = checkFormalSelection(['a', 'z'], ['a', 'b', 'c'], community);
    expect(brokenRules(result)).toEqual(['not-a-candidate']);
    if (!result.ok) expect(result.violations[0]?.message).toContain('z');
  });

  it('a selection that is not a list of ids is a ZodError naming the field', () => {
    expect(() => checkFormalSelection('a' as never, ['a'], community)).toThrow(/selection/);
    expect(() => checkPreliminaryList([''], community)).toThrow(/candidateIds/);
  });
});
