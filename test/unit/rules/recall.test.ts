// Proves a recall petition (罢免动议, 第七条 2) needs 10名以上 distinct signatories, members of the
// organization (full or probationary: 党章), a reason, and a holder in office who did not sign.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Member } from '../../../shared/rules/members.ts';
import { PRESETS, resolveRules } from '../../../shared/rules/presets.ts';
import {
  checkRecallPetition,
  type OfficeHolders,
  officeOf,
  type RecallPetition,
} from '../../../shared/rules/recall.ts';
import { brokenRules, member } from './fixtures.ts';

const community = PRESETS.community;

const SIGNERS = Array.from({ length: 12 }, (_, i) => `m${i + 1}`);
const TEN = SIGNERS.slice(0, 10);
const ROLL: Member[] = [
  member('sec'),
  member('dep'),
  member('c1'),
  member('c2'),
  ...SIGNERS.map((id) => member(id)),
  member('p1', { status: 'probationary', fullSince: undefined }),
  member('x1', { orgRelationLocal: false }),
  member('d1', { rights: 'discipline' }),
  member('s1', { rights: 'suspended' }),
];
const HOLDERS: OfficeHolders = { secretary: 'sec', deputies: ['dep'], members: ['c1', 'c2'] };

const petition = (overrides: Partial<RecallPetition> = {}): RecallPetition => ({
  officeHolderId: 'sec',
  signatoryIds: TEN,
  reason: '任期内未完成工作目标,工作业绩与竞选承诺不符',
  ...overrides,
});

const check = (p: RecallPetition, holders: OfficeHolders = HOLDERS, rules = community) =>
  checkRecallPetition(p, ROLL, holders, rules);

describe('checkRecallPetition', () => {
  it('10 entitled members may petition to recall the secretary (10名以上党员联名)', () => {
    expect(check(petition())).toEqual({
      ok: true,
      value: {
        officeHolderId: 'sec',
        office: 'secretary',
        signatoryIds: TEN,
        reason: '任期内未完成工作目标,工作业绩与竞选承诺不符',
      },
    });
  });

  it('9 signatories are too-few-signatories', () => {
    const result = check(petition({ signatoryIds: TEN.slice(0, 9) }));
    expect(brokenRules(result)).toEqual(['too-few-signatories']);
    if (!result.ok) expect(result.violations[0]?.message).toContain('10');
  });

  it('a repeated signatory counts once: 10 names with one repeated are 9 signatories', () => {
    const result = check(petition({ signatoryIds: [...TEN.slice(0, 9), 'm1'] }));
    expect(brokenRules(result)).toEqual(['too-few-signatories']);
  });

  it('the distinct signatories are returned once each, in the order first given', () => {
    const result = check(petition({ signatoryIds: [...TEN, 'm3', 'm1'] }));
    expect(result.ok && result.value.signatoryIds).toEqual(TEN);
  });

  it('党章: a 预备党员 may sign (they lack only 表决权、选举权、被选举权), and so may one under 留党察看', () => {
    const result = check(petition({ signatoryIds: [...TEN.slice(0, 8), 'p1', 'd1'] }));
    expect(result.ok && result.value.signatoryIds).toEqual([...TEN.slice(0, 8), 'p1', 'd1']);
  });

  it('党章: a signatory not on the roll, with 组织关系 elsewhere, or whose membership is suspended is signatory-not-member and does not count', () => {
    const result = check(petition({ signatoryIds: [...TEN.slice(0, 9), 'ghost', 'x1', 's1'] }));
    expect(brokenRules(result)).toEqual([
      'signatory-not-member',
      'signatory-not-member',
      'signatory-not-member',
      'too-few-signatories',
    ]);
    if (!result.ok) expect(result.violations[0]?.message).toContain('ghost');
  });

  it('the office holder among the signatories is holder-signed', () => {
    expect(brokenRules(check(petition({ signatoryIds: [...TEN, 'sec'] })))).toEqual([
      'holder-signed',
    ]);
  });

  it('a committee member (委员) and a deputy can be recalled, each from their office', () => {
    const c1 = check(petition({ officeHolderId: 'c1' }));
    expect(c1.ok && c1.value.office).toBe('member');
    const dep = check(petition({ officeHolderId: 'dep' }));
    expect(dep.ok && dep.value.office).toBe('deputy');
  });

  it('someone not in office cannot be recalled: not-in-office', () => {
    expect(brokenRules(check(petition({ officeHolderId: 'm12' })))).toEqual(['not-in-office']);
  });

  it('a secretary already recalled (result.secretary null) is not-in-office', () => {
    const after = { secretary: null, deputies: [], members: ['c1'] };
    expect(brokenRules(check(petition(), after))).toEqual(['not-in-office']);
  });

  it('an Election.result without deputies is read as having none', () => {
    expect(officeOf({ secretary: 'sec', members: ['c1'] }, 'c1')).toBe('member');
    expect(officeOf({}, 'sec')).toBeNull();
  });

  it('a petition needs a written reason: a blank one is reason-required', () => {
    expect(brokenRules(check(petition({ reason: '  ' })))).toEqual(['reason-required']);
  });

  it('the number of signatories is the rules’ recallMinSignatories', () => {
    const rules = resolveRules('community', { recallMinSignatories: 3 });
    expect(check(petition({ signatoryIds: ['m1', 'm2', 'm3'] }), HOLDERS, rules).ok).toBe(true);
  });

  it('counting distinct signatories does not depend on their order or repeats', () => {
    const pool = [...SIGNERS, 'p1', 'ghost', 'sec'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 30 }), fc.nat(), (ids, seed) => {
        const rotated = ids.map((_, i) => ids[(i + seed) % ids.length] as string);
        const a = check(petition({ signatoryIds: ids }));
        const b = check(petition({ signatoryIds: [...rotated].reverse() }));
        expect(a.ok).toBe(b.ok);
        expect(brokenRules(a).sort()).toEqual(brokenRules(b).sort());
        if (a.ok && b.ok)
          expect([...a.value.signatoryIds].sort()).toEqual([...b.value.signatoryIds].sort());
      }),
    );
  });

  it('a petition without a reason or with signatoryIds not a list is a ZodError naming the field', () => {
    const { reason: _reason, ...withoutReason } = petition();
    expect(() => check(withoutReason as never)).toThrow(ZodError);
    expect(() => check(withoutReason as never)).toThrow(/reason/);
    expect(() => check(petition({ signatoryIds: 'm1,m2' as never }))).toThrow(/signatoryIds/);
  });

  it('a malformed record of who is in office is a ZodError naming the field', () => {
    expect(() => check(petition(), { secretary: 7 } as never)).toThrow(/secretary/);
    expect(() => check(petition(), { ...HOLDERS, chair: 'x' } as never)).toThrow(/chair/);
  });
});
