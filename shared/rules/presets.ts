import type * as z from 'zod';
import { type PresetName, Rules, RulesOverrides } from './rules.ts';

/**
 * The presets are data: each a complete rules object, validated when this module loads.
 * Sources: 社区党组织第一届公推直选实施细则 (community, 第四篇), the 2020 条例 reading of the
 * quorum (regulation), 南京 363 communities (nanjing, 第一篇), 渝阳煤矿 两推一评 (yuyang, 第三篇).
 */

/** The community's stages in order (SPEC §7); the scenarios and test fixtures derive from it. */
export const COMMUNITY_STAGES = [
  'announcement',
  'nomination',
  'eligibility-review',
  'preliminary-notice',
  'recommendation',
  'inspection',
  'formal-notice',
  'secretary-election',
  // 第六条5: 书记产生后,即可将…委员建议名单提交社区党员大会 — the committee at the same
  // assembly; both results then go to the superior.
  'member-election',
  'secretary-approval',
  'member-approval',
] as const;

/** 第六条: days after the start (SPEC §7). Assemblies are one day; approvals run until answered. */
const COMMUNITY_CALENDAR = {
  announcement: { fromDay: 0, days: 8 },
  nomination: { fromDay: 8, days: 4 },
  'eligibility-review': { fromDay: 12, days: 1 },
  'preliminary-notice': { fromDay: 13, days: 7 },
  recommendation: { fromDay: 21, days: 1 },
  inspection: { fromDay: 22, days: 1 },
  'formal-notice': { fromDay: 23, days: 7 },
  'secretary-election': { fromDay: 30, days: 1 },
  // The same assembly, right after the secretary's vote; then both approvals.
  'member-election': { fromDay: 30, days: 1 },
  'secretary-approval': { fromDay: 31, days: 7 },
  'member-approval': { fromDay: 31, days: 7 },
} as const;

const community: z.input<typeof Rules> = {
  preset: 'community',
  stages: [...COMMUNITY_STAGES],
  calendar: COMMUNITY_CALENDAR,
  nominationKinds: ['self', 'joint', 'organization'],
  nominationOffices: ['secretary'],
  minJointSupporters: 5,
  minPartyAgeYears: 2,
  maxAge: 55,
  minEducation: 'senior',
  orgRelation: 'local',
  requireHealthy: true,
  requireDocuments: true,
  waivableRules: ['education', 'age'],
  minPreliminarySecretary: 3,
  // 依据由高到低的顺序确定考察人选3名: all three inspected go to the 党工委.
  recommendedSecretaryCount: 3,
  inspectionCount: 3,
  formalSecretaryCandidates: 2,
  memberRecommendationFactor: 2,
  memberCandidates: 'suggestion-list',
  minResidentRepresentatives: 150,
  // 参会代表必须超过应到会代表的三分之二
  recommendationQuorum: {
    basis: 'present',
    share: { numerator: 2, denominator: 3 },
    comparison: 'more-than',
  },
  recommendation: {
    constituencies: [
      { id: 'units', name: '社区单位党组织', weight: 0.5 },
      { id: 'residents', name: '社区居民群众', weight: 0.5, residentRepresentatives: true },
    ],
  },
  evaluation: { basicallyCounts: false, participation: { numerator: 1, denominator: 2 } },
  competitionMarginPercent: 20,
  // 有选举权的党员五分之四以上参加投票,选举有效
  electionQuorum: {
    basis: 'returned',
    share: { numerator: 4, denominator: 5 },
    comparison: 'at-least',
  },
  majorityBase: 'present',
  automaticRevotes: 1,
  recallMinSignatories: 10,
  approvalTimeoutDays: 7,
  // Single entry as SPEC §8 describes it; an election may ask for 双人录入 (the console does).
  doubleEntry: [],
};

const regulation: z.input<typeof Rules> = {
  ...community,
  preset: 'regulation',
  // 条例: 应到会党员超过五分之四出席, 选举有效
  electionQuorum: {
    basis: 'present',
    share: { numerator: 4, denominator: 5 },
    comparison: 'more-than',
  },
  // 被选举人获得赞成票超过应到会有选举权人数半数的,始得当选
  majorityBase: 'expected',
};

const nanjing: z.input<typeof Rules> = {
  ...community,
  preset: 'nanjing',
  // The community's stages with the 副书记's vote right after the secretary's.
  stages: COMMUNITY_STAGES.flatMap((stage) =>
    stage === 'secretary-election' ? [stage, 'deputy-election' as const] : [stage],
  ),
  // 副书记 and 委员 at the secretary's assembly; the approvals after it.
  calendar: { ...COMMUNITY_CALENDAR, 'deputy-election': { fromDay: 30, days: 1 } },
  nominationOffices: ['secretary', 'deputy', 'member'],
  // 第一篇 sets no minimum of resident representatives (its assemblies averaged ~54 people).
  minResidentRepresentatives: 0,
  memberCandidates: 'nominations',
  // 公推时,至少产生4名推荐人选 → 考察后确定3名提交街道党工委 → 票决确定2名候选人.
  minPreliminarySecretary: 4,
  recommendedSecretaryCount: 4,
  // Only those whose relation 不能转入社区 failed the review.
  orgRelation: 'transferable',
};

const yuyang: z.input<typeof Rules> = {
  ...community,
  preset: 'yuyang',
  stages: [
    'announcement',
    'nomination',
    'party-recommendation',
    'evaluation',
    'eligibility-review',
    'secretary-election',
    'member-election',
    'approval',
  ],
  calendar: {
    announcement: { fromDay: 0, days: 7 },
    nomination: { fromDay: 7, days: 4 },
    'party-recommendation': { fromDay: 11, days: 1 },
    evaluation: { fromDay: 12, days: 2 },
    'eligibility-review': { fromDay: 14, days: 2 },
    'secretary-election': { fromDay: 16, days: 1 },
    'member-election': { fromDay: 16, days: 1 },
    approval: { fromDay: 17, days: 7 },
  },
  nominationKinds: ['self'],
  nominationOffices: ['secretary', 'member'],
  memberCandidates: 'recommendation',
  // 有2年以上党龄…的正式党员均可自荐: no other condition unless an election adds one.
  maxAge: null,
  minEducation: null,
  orgRelation: 'any',
  requireHealthy: false,
  requireDocuments: false,
  minPreliminarySecretary: 3,
  recommendedSecretaryCount: 3,
  inspectionCount: 3,
  formalSecretaryCandidates: 2,
  memberRecommendationFactor: 2,
  minResidentRepresentatives: 0,
  // 支部大会…无记名投票: the seed sets no attendance share for it.
  recommendationQuorum: null,
  recommendation: { constituencies: [{ id: 'members', name: '党员', weight: 1 }] },
  // 第三篇: two ties in a row were voted again by the members, never decided from above.
  automaticRevotes: 3,
};

export const PRESETS: Readonly<Record<PresetName, Rules>> = {
  community: Rules.parse(community),
  regulation: Rules.parse(regulation),
  nanjing: Rules.parse(nanjing),
  yuyang: Rules.parse(yuyang),
};

/**
 * The rules of a new election: the preset's, with the organizers' overrides on top (nested
 * `recommendation` / `evaluation` merged one level deep), validated again as a whole.
 * Throws a ZodError naming the field when the overrides or their result break a rule.
 */
export const resolveRules = (preset: PresetName, overrides: unknown = {}): Rules => {
  const base = PRESETS[preset];
  const changes = RulesOverrides.parse(overrides);
  return Rules.parse({
    ...base,
    ...changes,
    recommendation: { ...base.recommendation, ...changes.recommendation },
    evaluation: { ...base.evaluation, ...changes.evaluation },
  });
};
