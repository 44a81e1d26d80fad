// Proves the conditions for office of 第三条 (正式党员, 党龄, 组织关系, 文化程度, 年龄, 健康) plus documents and voting rights, on calendar dates, and the waiver rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  ageOn,
  checkEligibility,
  decideEligibility,
  type EligibilityCheck,
  fullYearsBetween,
  type NominationDocuments,
  parseCalendarDate,
} from '../../../shared/rules/eligibility.ts';
import type { Member } from '../../../shared/rules/members.ts';
import { PRESETS, resolveRules } from '../../../shared/rules/presets.ts';
import { ALL_DOCUMENTS, member } from './fixtures.ts';

const community = PRESETS.community;
// 第六条 5: 党员直选 on 4月14日.
const ELECTION_DAY = '2024-04-14';

const nominee = (overrides: Partial<Member> = {}): Member =>
  member('m1', { name: '张明', ...overrides });

const check = (
  overrides: Partial<Member> = {},
  rules = community,
  documents: NominationDocuments = ALL_DOCUMENTS,
  electionDay = ELECTION_DAY,
) => checkEligibility({ member: nominee(overrides), documents, electionDay }, rules);

const failedRules = (result: EligibilityCheck) => result.failures.map((f) => f.rule);

describe('calendar dates', () => {
  it('a date is read as integers, never through a Date in some time zone', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('a birthday counts on the day itself, not the day before', () => {
    expect(ageOn('1968-04-14', '2024-04-13')).toBe(55);
    expect(ageOn('1968-04-14', '2024-04-14')).toBe(56);
  });

  it('someone born on Feb 29 is a year older on Mar 1 of a common year, not on Feb 28', () => {
    expect(ageOn('1968-02-29', '2023-02-28')).toBe(54);
    expect(ageOn('1968-02-29', '2023-03-01')).toBe(55);
    expect(ageOn('1968-02-29', '2024-02-29')).toBe(56);
  });

  it('a day before the start gives a negative span', () => {
    expect(fullYearsBetween('2024-05-01', '2024-04-14')).toBe(-1);
  });

  it('age rises by exactly one on each anniversary and not the day before', () => {
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1930, 0, 1), max: Date.UTC(2005, 11, 31) }),
        fc.integer({ min: 1, max: 80 }),
        (birthMs, years) => {
          const birth = day(birthMs);
          // Feb 29 has no anniversary in most years; it has its own test above.
          fc.pre(!birth.endsWith('-02-29'));
          const anniversary = `${Number(birth.slice(0, 4)) + years}${birth.slice(4)}`;
          const dayBefore = day(Date.parse(`${anniversary}T00:00:00Z`) - 86_400_000);
          expect(ageOn(birth, anniversary)).toBe(years);
          expect(ageOn(birth, dayBefore)).toBe(years - 1);
        },
      ),
    );
  });

  it('an impossible date is a ZodError naming the date', () => {
    expect(() => parseCalendarDate('2023-02-29')).toThrow(ZodError);
    expect(() => parseCalendarDate('2023-02-29')).toThrow(/date/);
  });
});

describe('checkEligibility (第三条)', () => {
  it('a full member of 2 years, local, 高中以上, 55 or younger, healthy, with all four documents is eligible', () => {
    expect(check()).toEqual({ eligible: true, failures: [] });
  });

  it('a probationary member (预备党员) fails full-member — 第一篇: 395 applicants were not full members', () => {
    const result = check({ status: 'probationary', fullSince: undefined });
    expect(result.eligible).toBe(false);
    expect(failedRules(result)).toEqual(['full-member']);
    expect(result.failures[0]?.message).toContain('正式党员');
  });

  it('a nominee whose 党龄 reaches 2 years only the day after the election fails party-age', () => {
    const result = check({ fullSince: '2022-04-15' });
    expect(failedRules(result)).toEqual(['party-age']);
    expect(result.failures[0]?.message).toContain('党龄不足2年');
  });

  it('a nominee whose 党龄 reaches 2 years on the election day itself passes party-age', () => {
    expect(check({ fullSince: '2022-04-14' }).eligible).toBe(true);
  });

  it('a full member without a fullSince date fails party-age', () => {
    expect(failedRules(check({ fullSince: undefined }))).toEqual(['party-age']);
  });

  it('a fullSince after the election day fails party-age', () => {
    expect(failedRules(check({ fullSince: '2024-05-01' }))).toEqual(['party-age']);
  });

  it('the party-age threshold is the rules’ minPartyAgeYears', () => {
    const rules = resolveRules('community', { minPartyAgeYears: 5 });
    expect(failedRules(check({ fullSince: '2020-01-01' }, rules))).toEqual(['party-age']);
    expect(check({ fullSince: '2019-04-14' }, rules).eligible).toBe(true);
  });

  it('a member whose 组织关系 is not in this 街道 fails org-relation — 第一篇: 组织关系不能转入社区', () => {
    const result = check({ orgRelationLocal: false });
    expect(failedRules(result)).toEqual(['org-relation']);
    expect(result.failures[0]?.message).toContain('组织关系');
  });

  it('org-relation is not checked when the rules do not require it', () => {
    const rules = resolveRules('community', { orgRelation: 'any' });
    expect(check({ orgRelationLocal: false }, rules).eligible).toBe(true);
  });

  it('第一篇 (nanjing): a relation elsewhere that can be transferred into the community passes org-relation', () => {
    const transferable = { orgRelationLocal: false, orgRelationTransferable: true };
    expect(check(transferable, PRESETS.nanjing).eligible).toBe(true);
    expect(check({ orgRelationLocal: true }, PRESETS.nanjing).eligible).toBe(true);
    // 党组织关系不能转入社区: the 395 who failed review included these.
    const stuck = check({ orgRelationLocal: false }, PRESETS.nanjing);
    expect(failedRules(stuck)).toEqual(['org-relation']);
    expect(stuck.failures[0]?.message).toContain('不能转入');
    const refused = check(
      { orgRelationLocal: false, orgRelationTransferable: false },
      PRESETS.nanjing,
    );
    expect(failedRules(refused)).toEqual(['org-relation']);
  });

  it('第四篇 第三条 2 (community): 组织关系在本街道 — transferable is not enough', () => {
    const transferable = { orgRelationLocal: false, orgRelationTransferable: true };
    expect(failedRules(check(transferable))).toEqual(['org-relation']);
  });

  it('a nominee with 初中 education fails education (高中以上)', () => {
    const result = check({ education: 'junior' });
    expect(failedRules(result)).toEqual(['education']);
    expect(result.failures[0]?.message).toContain('初中');
    expect(result.failures[0]?.message).toContain('高中以上');
  });

  it('高中 (senior) and 中专 (vocational) meet 高中以上', () => {
    expect(check({ education: 'senior' }).eligible).toBe(true);
    expect(check({ education: 'vocational' }).eligible).toBe(true);
  });

  it('the education threshold is the rules’ minEducation', () => {
    const rules = resolveRules('community', { minEducation: 'associate' });
    expect(failedRules(check({ education: 'senior' }, rules))).toEqual(['education']);
  });

  it('a nominee who turns 56 before the election day fails age (55周岁以下)', () => {
    const result = check({ birthDate: '1968-04-01' });
    expect(failedRules(result)).toEqual(['age']);
    expect(result.failures[0]?.message).toContain('56周岁');
  });

  it('a nominee who turns 56 on the election day fails age', () => {
    expect(failedRules(check({ birthDate: '1968-04-14' }))).toEqual(['age']);
  });

  it('a nominee who is 55 on the election day (turning 56 the next day) passes age', () => {
    expect(check({ birthDate: '1968-04-15' }).eligible).toBe(true);
  });

  it('a nominee born on Feb 29 reaches the age limit on Mar 1 in a common year', () => {
    const rules = resolveRules('community', { maxAge: 54 });
    const born = { birthDate: '1968-02-29' };
    expect(check(born, rules, ALL_DOCUMENTS, '2023-02-28').eligible).toBe(true);
    expect(failedRules(check(born, rules, ALL_DOCUMENTS, '2023-03-01'))).toEqual(['age']);
  });

  it('第三条 5 身体健康 is declared, not assumed: a nominee who declared not healthy fails health', () => {
    expect(failedRules(check({ healthy: false }))).toEqual(['health']);
    expect(check({ healthy: true }).eligible).toBe(true);
  });

  it('第三条 5: a nominee without a health declaration fails health, asked to declare it', () => {
    const result = check({ healthy: undefined });
    expect(failedRules(result)).toEqual(['health']);
    expect(result.failures[0]?.message).toContain('未申报身体健康状况,请补充申报');
  });

  it.each([
    ['ill', '患病'],
    ['bedridden', '卧床'],
  ] as const)(
    '第三条 5: a member the roll records as %s fails health, whatever was declared',
    (category, words) => {
      const result = check({ healthy: true, excluded: { category, approvedBy: '街道党工委' } });
      expect(failedRules(result)).toEqual(['health']);
      expect(result.failures[0]?.message).toContain(words);
    },
  );

  it('第三条: a member the roll records as serving a sentence (服刑) is not eligible: voting-rights', () => {
    const result = check({ excluded: { category: 'sentence', approvedBy: '街道党工委' } });
    expect(failedRules(result)).toEqual(['voting-rights']);
    expect(result.failures[0]?.message).toContain('服刑');
    // Not a health matter: rules without the health condition still refuse them.
    const noHealth = resolveRules('community', { requireHealthy: false });
    const anyway = check({ excluded: { category: 'sentence', approvedBy: '党工委' } }, noHealth);
    expect(failedRules(anyway)).toEqual(['voting-rights']);
  });

  it('abroad or away members are not thereby ineligible (only 应到会 leaves them out)', () => {
    for (const category of ['abroad', 'away'] as const) {
      expect(check({ excluded: { category, approvedBy: '街道党工委' } }).eligible).toBe(true);
    }
  });

  it('health is not checked when the rules do not require it', () => {
    const rules = resolveRules('community', { requireHealthy: false });
    expect(check({ healthy: false }, rules).eligible).toBe(true);
    expect(check({ healthy: undefined }, rules).eligible).toBe(true);
    const ill = { excluded: { category: 'ill' as const, approvedBy: '街道党工委' } };
    expect(check(ill, rules).eligible).toBe(true);
  });

  it('a nomination without the diploma fails documents, naming the missing paper', () => {
    const result = check({}, community, { ...ALL_DOCUMENTS, diploma: false });
    expect(failedRules(result)).toEqual(['documents']);
    expect(result.failures[0]?.message).toContain('学历证明');
  });

  it('a nomination missing every paper fails documents once, naming all four', () => {
    const none = { idCard: false, householdRegister: false, diploma: false, photo: false };
    const result = check({}, community, none);
    expect(failedRules(result)).toEqual(['documents']);
    for (const paper of ['身份证', '户口簿', '学历证明', '照片']) {
      expect(result.failures[0]?.message).toContain(paper);
    }
  });

  it('a member under 留党察看 or with suspended rights fails voting-rights; missing rights are normal', () => {
    expect(failedRules(check({ rights: 'discipline' }))).toEqual(['voting-rights']);
    expect(failedRules(check({ rights: 'suspended' }))).toEqual(['voting-rights']);
    expect(check({ rights: 'normal' }).eligible).toBe(true);
    expect(check({ rights: undefined }).eligible).toBe(true);
  });

  it('every failed condition is listed at once, each with a Chinese message', () => {
    const result = check(
      { orgRelationLocal: false, education: 'primary', birthDate: '1950-01-01', healthy: false },
      community,
      { ...ALL_DOCUMENTS, photo: false },
    );
    expect(failedRules(result)).toEqual([
      'org-relation',
      'education',
      'age',
      'health',
      'documents',
    ]);
    for (const failure of result.failures) expect(failure.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a member with a malformed birth date is a ZodError naming birthDate', () => {
    const bad = () =>
      checkEligibility(
        {
          member: nominee({ birthDate: '1975/06/01' }),
          documents: ALL_DOCUMENTS,
          electionDay: ELECTION_DAY,
        },
        community,
      );
    expect(bad).toThrow(ZodError);
    expect(bad).toThrow(/birthDate/);
  });

  it('documents with a missing flag or an extra field are a ZodError naming the field', () => {
    const { photo: _photo, ...three } = ALL_DOCUMENTS;
    const missing = () =>
      checkEligibility(
        { member: nominee(), documents: three as never, electionDay: ELECTION_DAY },
        community,
      );
    expect(missing).toThrow(ZodError);
    expect(missing).toThrow(/photo/);
    const extra = () =>
      checkEligibility(
        {
          member: nominee(),
          documents: { ...ALL_DOCUMENTS, idNumber: '1101…' } as never,
          electionDay: ELECTION_DAY,
        },
        community,
      );
    expect(extra).toThrow(/idNumber/);
  });

  it('an impossible election day is a ZodError naming electionDay', () => {
    const bad = () =>
      checkEligibility(
        { member: nominee(), documents: ALL_DOCUMENTS, electionDay: '2023-02-29' },
        community,
      );
    expect(bad).toThrow(ZodError);
    expect(bad).toThrow(/electionDay/);
  });
});

describe('第三篇 (yuyang): 有2年以上党龄的正式党员均可自荐', () => {
  const yuyang = PRESETS.yuyang;
  const none = { idCard: false, householdRegister: false, diploma: false, photo: false };

  it('a full member of 2 years is eligible whatever the age, education, relation, health or papers', () => {
    const result = check(
      {
        birthDate: '1958-01-01',
        education: 'primary',
        orgRelationLocal: false,
        healthy: undefined,
      },
      yuyang,
      none,
    );
    expect(result).toEqual({ eligible: true, failures: [] });
  });

  it('a probationary member, or one of less than 2 years, is not', () => {
    expect(failedRules(check({ status: 'probationary', fullSince: undefined }, yuyang))).toEqual([
      'full-member',
    ]);
    expect(failedRules(check({ fullSince: '2023-01-01' }, yuyang))).toEqual(['party-age']);
  });

  it('an election’s rules may add a condition back (maxAge, minEducation, documents)', () => {
    const stricter = resolveRules('yuyang', {
      maxAge: 55,
      minEducation: 'senior',
      requireDocuments: true,
    });
    const result = check({ birthDate: '1958-01-01', education: 'primary' }, stricter, none);
    expect(failedRules(result)).toEqual(['education', 'age', 'documents']);
  });

  it('community can switch its age and education conditions off as data (null)', () => {
    const rules = resolveRules('community', { maxAge: null, minEducation: null });
    expect(check({ birthDate: '1950-01-01', education: 'primary' }, rules).eligible).toBe(true);
  });
});

describe('decideEligibility (资格审查确认 and waivers)', () => {
  const eligible = check();
  const lowEducation = check({ education: 'junior' });
  const tooOld = check({ birthDate: '1960-01-01' });
  const probationary = check({ status: 'probationary', fullSince: undefined });

  it('organizers may accept a nominee who meets every condition', () => {
    expect(decideEligibility(eligible, { decision: 'accept' }, community)).toEqual({
      ok: true,
      value: { status: 'eligible', waived: [], failures: [] },
    });
  });

  it('an outstanding nominee below 高中 may be accepted with education waived and a written reason (特别优秀的可适当放宽)', () => {
    const result = decideEligibility(
      lowEducation,
      { decision: 'accept', waive: ['education'], reason: '长期从事社区工作,群众公认' },
      community,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { status: 'eligible', waived: ['education'], reason: '长期从事社区工作,群众公认' },
    });
  });

  it('age may be waived likewise', () => {
    const result = decideEligibility(
      tooOld,
      { decision: 'accept', waive: ['age'], reason: '工作实绩突出' },
      community,
    );
    expect(result).toMatchObject({ ok: true, value: { waived: ['age'] } });
  });

  it('accepting a nominee with an unwaived failure is a violation naming the rule', () => {
    const result = decideEligibility(lowEducation, { decision: 'accept' }, community);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.violations.map((v) => v.rule)).toEqual(['education']);
  });

  it('a waiver without a written reason is a violation, and a blank reason is no reason', () => {
    for (const reason of [undefined, '', '   ']) {
      const result = decideEligibility(
        lowEducation,
        { decision: 'accept', waive: ['education'], ...(reason === undefined ? {} : { reason }) },
        community,
      );
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.violations.map((v) => v.rule)).toEqual(['waiver-reason-required']);
    }
  });

  it('only education and age can be waived: waiving full-member is not-waivable and the failure stands', () => {
    const result = decideEligibility(
      probationary,
      { decision: 'accept', waive: ['full-member'], reason: '很优秀' },
      community,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.violations.map((v) => v.rule)).toEqual(['not-waivable', 'full-member']);
    }
  });

  it('a rule the rules do not list as waivable cannot be waived', () => {
    const strict = resolveRules('community', { waivableRules: [] });
    const result = decideEligibility(
      lowEducation,
      { decision: 'accept', waive: ['education'], reason: '很优秀' },
      strict,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.violations.map((v) => v.rule)).toEqual(['not-waivable', 'education']);
  });

  it('waiving a condition the nominee meets is harmless and not recorded as waived', () => {
    const result = decideEligibility(
      lowEducation,
      { decision: 'accept', waive: ['education', 'age'], reason: '很优秀' },
      community,
    );
    expect(result).toMatchObject({ ok: true, value: { waived: ['education'] } });
  });

  it('an ineligible nominee may be rejected; the failures say why', () => {
    const result = decideEligibility(probationary, { decision: 'reject' }, community);
    expect(result).toMatchObject({ ok: true, value: { status: 'rejected', waived: [] } });
    if (result.ok) expect(result.value.failures.map((f) => f.rule)).toEqual(['full-member']);
  });

  it('rejecting a nominee who meets every condition needs a reason the nominee can be told', () => {
    const result = decideEligibility(eligible, { decision: 'reject' }, community);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.violations[0]?.rule).toBe('rejection-reason-required');
    const withReason = decideEligibility(
      eligible,
      { decision: 'reject', reason: '公示期间异议经核实成立' },
      community,
    );
    expect(withReason).toMatchObject({ ok: true, value: { status: 'rejected' } });
  });

  it('a decision other than accept/reject, or an unknown rule to waive, is a ZodError naming the field', () => {
    expect(() => decideEligibility(eligible, { decision: 'maybe' } as never, community)).toThrow(
      /decision/,
    );
    expect(() =>
      decideEligibility(eligible, { decision: 'accept', waive: ['charm'] } as never, community),
    ).toThrow(/waive/);
    expect(() =>
      decideEligibility({ eligible: true } as never, { decision: 'accept' }, community),
    ).toThrow(ZodError);
  });
});
