import * as z from 'zod';
import { type Education, educationRank, IsoDate, Member } from './members.ts';
import { Rules, type WaivableRule } from './rules.ts';
import { broken, type Checked, ok, type Violation } from './violations.ts';

/**
 * 资格审查: the conditions for office of 第三条 (all configurable in the rules), checked for one
 * nominee as of the election day, and the organizers' decision on the result (with waivers).
 */

/** The conditions a nominee can fail; the names are the API's `failures[].rule`. */
export const EligibilityRule = z.enum([
  'full-member', // 正式党员
  'party-age', // 党龄
  'org-relation', // 组织关系在本街道
  'education', // 文化程度
  'age', // 年龄
  'health', // 身体健康
  'documents', // 报名材料
  'voting-rights', // 党员权利 (留党察看 / 停止党员权利)
]);
export type EligibilityRule = z.infer<typeof EligibilityRule>;

/** The papers a nominee brings (第六条 2), recorded as checked flags — never images or numbers. */
export const NominationDocuments = z.strictObject({
  idCard: z.boolean(), // 身份证原件
  householdRegister: z.boolean(), // 户口簿原件
  diploma: z.boolean(), // 学历证明原件
  photo: z.boolean(), // 一寸照片
});
export type NominationDocuments = z.infer<typeof NominationDocuments>;

export const EligibilityFailure = z.strictObject({
  rule: EligibilityRule,
  message: z.string().min(1),
});
export type EligibilityFailure = z.infer<typeof EligibilityFailure>;

/** The automatic check, as the API answers it: `check: {eligible, failures}`. */
export const EligibilityCheck = z.strictObject({
  eligible: z.boolean(),
  failures: z.array(EligibilityFailure),
});
export type EligibilityCheck = z.infer<typeof EligibilityCheck>;

export const EligibilityInput = z.strictObject({
  member: Member,
  documents: NominationDocuments,
  /** Age and party age are reckoned on this day (the planned secretary-election day). */
  electionDay: IsoDate,
});
export type EligibilityInput = z.infer<typeof EligibilityInput>;

// --- Calendar dates: integers only, so no time zone can move a birthday. ---

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const DateInput = z.strictObject({ date: IsoDate });

/** 'YYYY-MM-DD' → {year, month, day}; anything else is a ZodError on `date`. */
export const parseCalendarDate = (date: string): CalendarDate => {
  const valid = DateInput.parse({ date }).date;
  const [year, month, day] = valid.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

/**
 * Whole years from `from` to `on` (周岁): the anniversary counts once reached. A Feb 29
 * anniversary is reached on Mar 1 in a common year (Feb 28 is still before it), so someone
 * born on Feb 29 never "ages" a day early. Negative when `on` is before `from`.
 */
export const fullYearsBetween = (from: string, on: string): number => {
  const a = parseCalendarDate(from);
  const b = parseCalendarDate(on);
  const anniversaryReached = b.month > a.month || (b.month === a.month && b.day >= a.day);
  return b.year - a.year - (anniversaryReached ? 0 : 1);
};

/** Age in full years (周岁) on a day. */
export const ageOn = (birthDate: string, day: string): number => fullYearsBetween(birthDate, day);

// --- The conditions. ---

const EDUCATION_NAMES: Record<Education, string> = {
  primary: '小学',
  junior: '初中',
  senior: '高中',
  vocational: '中专',
  associate: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctor: '博士研究生',
};

const DOCUMENT_NAMES: Record<keyof NominationDocuments, string> = {
  idCard: '身份证原件',
  householdRegister: '户口簿原件',
  diploma: '学历证明原件',
  photo: '一寸照片',
};

type Condition = (input: EligibilityInput, rules: Rules) => EligibilityFailure | null;

const fail = (rule: EligibilityRule, message: string): EligibilityFailure => ({ rule, message });

const fullMember: Condition = ({ member }) =>
  member.status === 'full' ? null : fail('full-member', '不是正式党员(预备党员不能报名)');

// Only a full member has a party age; a probationary one already fails full-member.
const partyAge: Condition = ({ member, electionDay }, rules) => {
  if (member.status !== 'full') return null;
  const required = rules.minPartyAgeYears;
  if (!member.fullSince) {
    return fail('party-age', `名册中没有转为正式党员的日期,无法确认有${required}年以上党龄`);
  }
  const years = fullYearsBetween(member.fullSince, electionDay);
  return years >= required
    ? null
    : fail(
        'party-age',
        `党龄不足${required}年:${member.fullSince}转为正式党员,至选举日${electionDay}满${Math.max(years, 0)}年`,
      );
};

const orgRelation: Condition = ({ member }, rules) => {
  if (rules.orgRelation === 'any' || member.orgRelationLocal) return null;
  if (rules.orgRelation === 'local') return fail('org-relation', '组织关系不在本街道');
  return member.orgRelationTransferable
    ? null
    : fail('org-relation', '组织关系不在本社区,且不能转入社区');
};

const education: Condition = ({ member }, { minEducation }) =>
  minEducation === null || educationRank(member.education) >= educationRank(minEducation)
    ? null
    : fail(
        'education',
        `文化程度为${EDUCATION_NAMES[member.education]},未达到${EDUCATION_NAMES[minEducation]}以上的要求`,
      );

const age: Condition = ({ member, electionDay }, { maxAge }) => {
  if (maxAge === null) return null;
  const years = ageOn(member.birthDate, electionDay);
  return years <= maxAge
    ? null
    : fail('age', `至选举日${electionDay}已满${years}周岁,超过${maxAge}周岁以下的要求`);
};

const RECORDED_UNWELL = { ill: '长期患病', bedridden: '长期卧床' } as const;

// Declared, not assumed (SPEC §2.3): the roll's record of illness outweighs any declaration.
const health: Condition = ({ member }, rules) => {
  if (!rules.requireHealthy) return null;
  const category = member.excluded?.category;
  if (category === 'ill' || category === 'bedridden') {
    return fail('health', `名册记录为${RECORDED_UNWELL[category]},不符合身体健康的条件`);
  }
  if (member.healthy === undefined) return fail('health', '未申报身体健康状况,请补充申报');
  return member.healthy ? null : fail('health', '申报的身体状况为不健康,不符合身体健康的条件');
};

const documents: Condition = ({ documents: papers }, rules) => {
  if (!rules.requireDocuments) return null;
  const missing = (Object.keys(DOCUMENT_NAMES) as (keyof NominationDocuments)[]).filter(
    (name) => !papers[name],
  );
  return missing.length === 0
    ? null
    : fail(
        'documents',
        `报名材料不全,缺少:${missing.map((name) => DOCUMENT_NAMES[name]).join('、')}`,
      );
};

// Serving a sentence is no health matter: it bars office under every preset.
const votingRights: Condition = ({ member }) => {
  const reasons = [
    member.rights === 'discipline' && '正在受留党察看处分',
    member.rights === 'suspended' && '党员权利被停止',
    member.excluded?.category === 'sentence' && '名册记录为正在服刑',
  ].filter((reason): reason is string => typeof reason === 'string');
  return reasons.length === 0 ? null : fail('voting-rights', reasons.join(';'));
};

const CONDITIONS: readonly Condition[] = [
  fullMember,
  partyAge,
  orgRelation,
  education,
  age,
  health,
  documents,
  votingRights,
];

/**
 * Checks one nominee against every condition and lists each one failed (never stops at the
 * first, so the nominee is told everything at once). Bad input throws a ZodError.
 */
export const checkEligibility = (
  input: z.input<typeof EligibilityInput>,
  rules: z.input<typeof Rules>,
): EligibilityCheck => {
  const valid = EligibilityInput.parse(input);
  const parsedRules = Rules.parse(rules);
  const failures = CONDITIONS.map((condition) => condition(valid, parsedRules)).filter(
    (failure): failure is EligibilityFailure => failure !== null,
  );
  return { eligible: failures.length === 0, failures };
};

// --- The organizers' decision (资格审查确认), with waivers (特别优秀的可适当放宽). ---

export const EligibilityDecision = z.strictObject({
  decision: z.enum(['accept', 'reject']),
  /** Failed conditions the organizers waive; only the rules' `waivableRules` may be. */
  waive: z.array(EligibilityRule).optional(),
  /** The written reason, kept in the audit log. */
  reason: z.string().max(2000).optional(),
});
export type EligibilityDecision = z.infer<typeof EligibilityDecision>;

export interface EligibilityOutcome {
  /** The candidate's new status. */
  status: 'eligible' | 'rejected';
  /** Failed conditions that were waived (a waiver of a condition that passed is dropped). */
  waived: WaivableRule[];
  reason?: string;
  /** The check's failures: why a rejected nominee is rejected, or what was waived. */
  failures: EligibilityFailure[];
}

export const RULE_NAMES: Record<EligibilityRule, string> = {
  'full-member': '正式党员',
  'party-age': '党龄',
  'org-relation': '组织关系',
  education: '文化程度',
  age: '年龄',
  health: '身体健康',
  documents: '报名材料',
  'voting-rights': '党员权利',
};

const isBlank = (text: string | undefined): boolean => !text || text.trim() === '';

/** What is wrong with a waiver itself: a rule the rules do not let be waived, a missing reason. */
export const waiverViolations = (
  waive: readonly EligibilityRule[],
  reason: string | undefined,
  rules: Rules,
): Violation[] => {
  const waivable: readonly string[] = rules.waivableRules;
  const violations: Violation[] = waive
    .filter((rule) => !waivable.includes(rule))
    .map((rule) => ({
      rule: 'not-waivable',
      message: `任职条件“${RULE_NAMES[rule]}”(${rule})不能放宽`,
    }));
  if (waive.length > 0 && isBlank(reason)) {
    violations.push({ rule: 'waiver-reason-required', message: '放宽任职条件须写明理由' });
  }
  return violations;
};

/**
 * Applies the organizers' decision to an automatic check. Accepting needs every failure waived;
 * a waiver needs a written reason and a waivable rule; rejecting a nominee who passed every
 * condition needs a reason, since the nominee must be told why.
 */
export const decideEligibility = (
  check: z.input<typeof EligibilityCheck>,
  decision: z.input<typeof EligibilityDecision>,
  rules: z.input<typeof Rules>,
): Checked<EligibilityOutcome> => {
  const { failures } = EligibilityCheck.parse(check);
  const { decision: verdict, waive = [], reason } = EligibilityDecision.parse(decision);
  const parsedRules = Rules.parse(rules);
  const reasonText = isBlank(reason) ? undefined : reason?.trim();
  const withReason = reasonText === undefined ? {} : { reason: reasonText };

  if (verdict === 'reject') {
    if (failures.length === 0 && reasonText === undefined) {
      return broken([
        {
          rule: 'rejection-reason-required',
          message: '符合全部任职条件的报名人被否决时须写明理由',
        },
      ]);
    }
    return ok({ status: 'rejected', waived: [], failures, ...withReason });
  }

  const violations = waiverViolations([...new Set(waive)], reason, parsedRules);
  const waived = new Set<string>(waive);
  for (const failure of failures) {
    if (!waived.has(failure.rule) || !parsedRules.waivableRules.some((r) => r === failure.rule)) {
      violations.push({ rule: failure.rule, message: `未放宽的任职条件不符合:${failure.message}` });
    }
  }
  if (violations.length > 0) return broken(violations);
  const applied = parsedRules.waivableRules.filter(
    (rule) => waived.has(rule) && failures.some((failure) => failure.rule === rule),
  );
  return ok({ status: 'eligible', waived: applied, failures, ...withReason });
};
