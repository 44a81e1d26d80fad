// Proves who joins after a by-election, and the by-election's 差额 and eligibility rules.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../shared/rules/index.ts';
import {
  checkByElectionCandidates,
  withByElected,
} from '../../../shared/supervision/by-elections.ts';
import { member } from '../../support/builders.ts';
import { result } from './fixtures.ts';

describe('withByElected', () => {
  it('adds the by-elected to the vacated office, once', () => {
    expect(withByElected(result, 'member', ['c1', 'm1'])).toEqual({
      ...result,
      members: ['m1', 'm2', 'm3', 'c1'],
    });
    expect(withByElected(result, 'deputy', ['c2']).deputies).toEqual(['d1', 'c2']);
  });
});

describe('checkByElectionCandidates', () => {
  const roll = [
    member('c1'),
    member('c2'),
    member('c3'),
    member('m1'),
    member('old', { birthDate: '1960-01-01' }),
    member('new', { fullSince: '2026-01-01' }),
  ];
  const check = (ids: string[], rules = PRESETS.community) =>
    checkByElectionCandidates(ids, { roll, result, rules, day: '2026-11-01' }).map((v) => v.rule);

  it('one seat needs ceil(1 × 1.2) = 2 eligible candidates (差额)', () => {
    expect(check(['c1', 'c2'])).toEqual([]);
    expect(check(['c1'])).toEqual(['too-few-candidates']);
  });

  it('a wider margin asks for more: 150% → 3 for one seat', () => {
    const rules = { ...PRESETS.community, competitionMarginPercent: 150 };
    expect(check(['c1', 'c2'], rules)).toEqual(['too-few-candidates']);
    expect(check(['c1', 'c2', 'c3'], rules)).toEqual([]);
  });

  it('over 55 on the day, too short a party age, in office, not on the roll, repeated: each named', () => {
    expect(check(['c1', 'c2', 'old'])).toEqual(['not-eligible']);
    expect(check(['c1', 'c2', 'new'])).toEqual(['not-eligible']);
    expect(check(['c1', 'c2', 'm1'])).toEqual(['in-office']);
    expect(check(['c1', 'c2', 'zz'])).toEqual(['not-a-member']);
    expect(check(['c1', 'c2', 'c2'])).toEqual(['duplicate-candidate']);
  });
});
