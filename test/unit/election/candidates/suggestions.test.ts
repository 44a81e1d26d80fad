// Proves who may be put on a suggestion list: members meeting every condition for office on
// the election day (papers aside), never the secretary candidate himself — or failing only
// conditions the organizers waived with a written reason (第三条: 特别优秀的可适当放宽).
import { describe, expect, it } from 'vitest';
import {
  applyWaivers,
  suggestibleMembers,
} from '../../../../shared/election/candidates/suggestion-list.ts';
import { PRESETS } from '../../../../shared/rules/index.ts';
import { member } from '../../../support/builders.ts';

describe('suggestibleMembers', () => {
  const roll = [
    member('a'),
    member('b'),
    member('old', { birthDate: '1960-01-01' }),
    member('probationary', { status: 'probationary', fullSince: undefined }),
    member('elsewhere', { orgRelationLocal: false }),
    member('new', { fullSince: '2025-01-01' }),
    member('undeclared', { healthy: undefined }),
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

describe('applyWaivers (第三条: 书记及委员任职条件 … 特别优秀的可适当放宽)', () => {
  const DAY = '2026-03-31';
  const roll = [
    member('a'),
    member('b'),
    member('old', { birthDate: '1960-01-01' }),
    member('school', { education: 'junior', birthDate: '1960-01-01' }),
    member('sick', { healthy: false }),
  ];
  const rules = PRESETS.community;
  const list = ['b', 'old', 'school', 'sick'];

  it('第三条: a suggested member failing only waived conditions is made eligible; the waiver is kept with its reason', () => {
    const { waived, refused } = applyWaivers(roll, rules, DAY, list, [
      { memberId: 'old', waive: ['age'], reason: '长期从事社区工作,群众公认' },
      { memberId: 'school', waive: ['education', 'age'], reason: '工作实绩突出' },
    ]);
    expect(refused).toEqual([]);
    expect(waived).toEqual([
      { memberId: 'old', waive: ['age'], reason: '长期从事社区工作,群众公认' },
      { memberId: 'school', waive: ['education', 'age'], reason: '工作实绩突出' },
    ]);
  });

  it('第三条: a waiver that leaves a condition failed makes nobody eligible; one that waives nothing is not kept', () => {
    const { waived, refused } = applyWaivers(roll, rules, DAY, list, [
      { memberId: 'school', waive: ['education'], reason: '很优秀' },
      { memberId: 'b', waive: ['age'], reason: '很优秀' },
    ]);
    expect(refused).toEqual([]);
    expect(waived).toEqual([]);
  });

  it('第三条: only the rules’ waivable conditions, each with a reason, for a member on the list — else refused naming the field', () => {
    const { waived, refused } = applyWaivers(roll, rules, DAY, list, [
      { memberId: 'sick', waive: ['health'], reason: '很优秀' },
      { memberId: 'old', waive: ['age'], reason: '  ' },
      { memberId: 'a', waive: ['age'], reason: '很优秀' },
    ]);
    expect(waived).toEqual([]);
    expect(refused.map(({ rule, path }) => [rule, path.join('.')])).toEqual([
      ['not-waivable', 'body.waivers.0.waive'],
      ['waiver-reason-required', 'body.waivers.1.reason'],
      ['waiver-not-on-list', 'body.waivers.2.memberId'],
    ]);
    for (const { message } of refused) expect(message).toMatch(/^waivers\.\d\./);
  });

  it('a rule set without waivable conditions refuses the waiver of age', () => {
    const strict = { ...rules, waivableRules: [] };
    const { refused } = applyWaivers(roll, strict, DAY, list, [
      { memberId: 'old', waive: ['age'], reason: '很优秀' },
    ]);
    expect(refused.map((v) => v.rule)).toEqual(['not-waivable']);
  });
});
