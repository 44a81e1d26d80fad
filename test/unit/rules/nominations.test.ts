// Proves a nomination (自荐 / 联名举荐 / 组织推荐) is checked against the preset, the roll and the nominations already recorded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Member } from '../../../shared/rules/members.ts';
import {
  type NominationRequest,
  type RecordedNomination,
  validateNomination,
} from '../../../shared/rules/nominations.ts';
import { PRESETS, resolveRules } from '../../../shared/rules/presets.ts';
import { ALL_DOCUMENTS, brokenRules, member } from './fixtures.ts';

const community = PRESETS.community;

// n1..n3 nominees, s1..s8 entitled supporters, plus members who may not vote.
const ROLL: Member[] = [
  ...['n1', 'n2', 'n3'].map((id) => member(id)),
  ...['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'].map((id) => member(id)),
  member('p1', { name: '李预备', status: 'probationary', fullSince: undefined }),
  member('x1', { name: '王外转', orgRelationLocal: false }),
  member('d1', { name: '赵察看', rights: 'discipline' }),
  member('e1', { name: '钱出国', excluded: { category: 'abroad', approvedBy: '街道党工委' } }),
];
const FIVE = ['s1', 's2', 's3', 's4', 's5'];

const request = (overrides: Partial<NominationRequest> = {}): NominationRequest => ({
  kind: 'self',
  office: 'secretary',
  nomineeId: 'n1',
  documents: ALL_DOCUMENTS,
  ...overrides,
});

const joint = (supporterIds: string[], overrides: Partial<NominationRequest> = {}) =>
  request({ kind: 'joint', supporterIds, ...overrides });

const validate = (req: NominationRequest, existing: RecordedNomination[] = [], rules = community) =>
  validateNomination(req, { roll: ROLL, existing }, rules);

describe('validateNomination', () => {
  it('a member on the roll may nominate himself (党员自荐)', () => {
    const result = validate(request());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.nominee.id).toBe('n1');
      expect(result.value.nomination).toMatchObject({ kind: 'self', supporterIds: [] });
    }
  });

  it('organizers may nominate (组织推荐) when the preset allows organization nominations', () => {
    expect(validate(request({ kind: 'organization' })).ok).toBe(true);
  });

  it('an organization nomination is refused when organization is not in nominationKinds', () => {
    const rules = resolveRules('community', { nominationKinds: ['self', 'joint'] });
    expect(brokenRules(validate(request({ kind: 'organization' }), [], rules))).toEqual([
      'kind-not-allowed',
    ]);
  });

  it('yuyang takes self-nominations only: a joint nomination is kind-not-allowed', () => {
    expect(brokenRules(validate(joint(FIVE), [], PRESETS.yuyang))).toEqual(['kind-not-allowed']);
  });

  it('a nomination for an office the election does not fill is office-not-open', () => {
    expect(brokenRules(validate(request({ office: 'deputy' })))).toEqual(['office-not-open']);
    expect(validate(request({ office: 'deputy' }), [], PRESETS.nanjing).ok).toBe(true);
  });

  it('a nominee not on the roll is unknown-member', () => {
    const result = validate(request({ nomineeId: 'nobody' }));
    expect(brokenRules(result)).toEqual(['unknown-member']);
    if (!result.ok) expect(result.violations[0]?.message).toContain('nobody');
  });

  it('an ineligible nominee on the roll may still be nominated (eligibility is reviewed later)', () => {
    expect(validate(request({ nomineeId: 'p1' })).ok).toBe(true);
  });

  it('a joint nomination (联名举荐) backed by 5 entitled members is valid', () => {
    const result = validate(joint(FIVE));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.nomination.supporterIds).toEqual(FIVE);
  });

  it('a joint nomination backed by 4 members is too-few-supporters', () => {
    const result = validate(joint(FIVE.slice(0, 4)));
    expect(brokenRules(result)).toEqual(['too-few-supporters']);
    if (!result.ok) expect(result.violations[0]?.message).toContain('5');
  });

  it('a joint nomination without supporterIds is too-few-supporters', () => {
    expect(brokenRules(validate(request({ kind: 'joint' })))).toEqual(['too-few-supporters']);
  });

  it('supporters are counted distinct: 5 names with one repeated are 4 supporters', () => {
    const result = validate(joint(['s1', 's2', 's3', 's4', 's4']));
    expect(brokenRules(result)).toEqual(['too-few-supporters']);
  });

  it('the minimum number of supporters is the rules’ minJointSupporters (e.g. 10名以上)', () => {
    const rules = resolveRules('community', { minJointSupporters: 10 });
    expect(brokenRules(validate(joint(FIVE), [], rules))).toEqual(['too-few-supporters']);
  });

  it.each([
    ['p1', '李预备', '预备党员'],
    ['x1', '王外转', '组织关系不在本街道'],
    ['d1', '赵察看', '留党察看'],
    ['e1', '钱出国', '经批准不计入应到会'],
  ])(
    'a supporter who is not entitled to vote (%s, %s: %s) is supporter-not-entitled, named',
    (id, name) => {
      const result = validate(joint([...FIVE, id]));
      expect(brokenRules(result)).toEqual(['supporter-not-entitled']);
      if (!result.ok) expect(result.violations[0]?.message).toContain(name);
    },
  );

  it('a supporter not on the roll is supporter-not-entitled, named by id', () => {
    const result = validate(joint([...FIVE, 'ghost']));
    expect(brokenRules(result)).toEqual(['supporter-not-entitled']);
    if (!result.ok) expect(result.violations[0]?.message).toContain('ghost');
  });

  it('an unentitled supporter does not count toward the minimum', () => {
    const result = validate(joint(['s1', 's2', 's3', 's4', 'p1']));
    expect(brokenRules(result)).toEqual(['supporter-not-entitled', 'too-few-supporters']);
  });

  it('a nominee among their own supporters is nominee-among-supporters', () => {
    expect(brokenRules(validate(joint([...FIVE, 'n1'])))).toEqual(['nominee-among-supporters']);
  });

  it('a supporter already backing another nominee for the same office is a conflict', () => {
    const existing: RecordedNomination[] = [
      { kind: 'joint', office: 'secretary', nomineeId: 'n2', supporterIds: ['s5', 's6'] },
    ];
    const result = validate(joint(FIVE), existing);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.violations).toEqual([
        expect.objectContaining({ rule: 'supporter-already-backing', conflict: true }),
      ]);
      expect(result.violations[0]?.message).toContain('s5');
    }
  });

  it('a supporter may back one nominee per office: backing another nominee for another office is fine', () => {
    const existing: RecordedNomination[] = [
      { kind: 'joint', office: 'member', nomineeId: 'n2', supporterIds: FIVE },
    ];
    expect(validate(joint(FIVE), existing, PRESETS.nanjing).ok).toBe(true);
  });

  it('the same kind for the same nominee and office twice is a duplicate-nomination conflict', () => {
    const existing: RecordedNomination[] = [{ kind: 'self', office: 'secretary', nomineeId: 'n1' }];
    const result = validate(request(), existing);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.violations).toEqual([
        expect.objectContaining({ rule: 'duplicate-nomination', conflict: true }),
      ]);
    }
  });

  it('the same nominee may be nominated by several kinds', () => {
    const existing: RecordedNomination[] = [
      { kind: 'self', office: 'secretary', nomineeId: 'n1' },
      { kind: 'organization', office: 'secretary', nomineeId: 'n1' },
    ];
    expect(validate(joint(FIVE), existing).ok).toBe(true);
  });

  it('the same kind for the same nominee but another office is not a duplicate', () => {
    const existing: RecordedNomination[] = [{ kind: 'self', office: 'secretary', nomineeId: 'n1' }];
    expect(validate(request({ office: 'member' }), existing, PRESETS.nanjing).ok).toBe(true);
  });

  it('recorded nominations may carry more fields than the check needs', () => {
    const stored = { id: 'nom-1', kind: 'self', office: 'secretary', nomineeId: 'n2', check: {} };
    expect(validate(request(), [stored as RecordedNomination]).ok).toBe(true);
  });

  it('the outcome does not depend on the order of the supporters', () => {
    const pool = ['s1', 's2', 's3', 's4', 's5', 's6', 'p1', 'n1', 'ghost'];
    fc.assert(
      fc.property(fc.shuffledSubarray(pool), (ids) => {
        const shuffled = validate(joint(ids));
        const sorted = validate(joint([...ids].sort()));
        expect(shuffled.ok).toBe(sorted.ok);
        expect(brokenRules(shuffled).sort()).toEqual(brokenRules(sorted).sort());
      }),
    );
  });

  it('supporters on a self or organization nomination are a ZodError naming supporterIds', () => {
    const bad = () => validate(request({ supporterIds: FIVE }));
    expect(bad).toThrow(ZodError);
    expect(bad).toThrow(/supporterIds/);
  });

  it('an unknown field, a bad kind or missing documents are ZodErrors naming the field', () => {
    expect(() => validate({ ...request(), proxy: 'x' } as never)).toThrow(/proxy/);
    expect(() => validate(request({ kind: 'party' as never }))).toThrow(/kind/);
    const { documents: _documents, ...withoutDocuments } = request();
    expect(() => validate(withoutDocuments as never)).toThrow(/documents/);
  });

  it('a roll naming one member twice is a ZodError naming the id', () => {
    const bad = () =>
      validateNomination(request(), { roll: [...ROLL, member('n1')], existing: [] }, community);
    expect(bad).toThrow(ZodError);
    expect(bad).toThrow(/appears twice/);
  });
});
