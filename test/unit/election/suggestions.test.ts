// Proves who may be put on a suggestion list: members meeting every condition for office on
// the election day (papers aside), never the secretary candidate himself.
import { describe, expect, it } from 'vitest';
import { suggestibleMembers } from '../../../shared/election/suggestions.ts';
import { type Member, PRESETS } from '../../../shared/rules/index.ts';

const member = (id: string, overrides: Partial<Member> = {}): Member => ({
  id,
  name: `党员${id}`,
  birthDate: '1975-06-01',
  education: 'bachelor',
  status: 'full',
  fullSince: '2010-07-01',
  orgRelationLocal: true,
  ...overrides,
});

describe('suggestibleMembers', () => {
  const roll = [
    member('a'),
    member('b'),
    member('old', { birthDate: '1960-01-01' }),
    member('probationary', { status: 'probationary', fullSince: undefined }),
    member('elsewhere', { orgRelationLocal: false }),
    member('new', { fullSince: '2025-01-01' }),
  ];

  it('keeps only members meeting every condition, without the candidate', () => {
    expect([...suggestibleMembers(roll, PRESETS.community, '2026-03-31', 'a')]).toEqual(['b']);
  });

  it('reckons age on the election day: 55 on that day is still within the limit', () => {
    const turning = [
      member('c', { birthDate: '1971-03-31' }),
      member('d', { birthDate: '1970-03-31' }),
    ];
    expect([...suggestibleMembers(turning, PRESETS.community, '2026-03-31', 'x')]).toEqual(['c']);
  });
});
