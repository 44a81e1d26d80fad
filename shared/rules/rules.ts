import * as z from 'zod';
import { RoundKind } from './ballots-schema.ts';
import { isDistinct } from './distinct.ts';
import { Education, Office } from './members.ts';
import { Stage } from './stages.ts';

/**
 * The rules an election runs under. Every number of SPEC §2–3 lives here, with each preset's
 * defaults; an election stores the rules it ran under. Fields are top-level except
 * `recommendation` and `evaluation` (SPEC §9).
 */

export const PresetName = z.enum(['community', 'regulation', 'nanjing', 'yuyang']);
export type PresetName = z.infer<typeof PresetName>;

export const NominationKind = z.enum(['self', 'joint', 'organization']);
export type NominationKind = z.infer<typeof NominationKind>;

/** An exact share such as 2/3 or 4/5: integers, so comparisons never suffer float error. */
export const Fraction = z
  .strictObject({ numerator: z.int().min(0), denominator: z.int().positive() })
  .refine((f) => f.numerator <= f.denominator, { message: 'a share cannot exceed 1' });
export type Fraction = z.infer<typeof Fraction>;

/** A quorum: `basis` out of the expected number must reach `share` (at least, or more than). */
export const Quorum = z.strictObject({
  /** `returned`: ballots cast (实施细则 第六条 5); `present`: members attending (条例). */
  basis: z.enum(['returned', 'present']),
  share: Fraction,
  comparison: z.enum(['at-least', 'more-than']),
});
export type Quorum = z.infer<typeof Quorum>;

/** A planned window in days after the election's start. */
export const StageWindow = z.strictObject({
  fromDay: z.number().min(0),
  days: z.number().positive(),
});
export type StageWindow = z.infer<typeof StageWindow>;

export const Constituency = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  weight: z.number().gt(0).max(1),
  /**
   * The resident representatives (居民代表): `minResidentRepresentatives` applies to this
   * constituency's 应到. The minimum attaches to the mark, not to an id, so renamed
   * constituencies keep it.
   */
  residentRepresentatives: z.boolean().optional(),
});
export type Constituency = z.infer<typeof Constituency>;

export const MajorityBase = z.enum(['present', 'expected', 'valid-ballots']);
export type MajorityBase = z.infer<typeof MajorityBase>;

/**
 * The 组织关系 condition: `local` — in this 街道 (第四篇 第三条 2); `transferable` — here, or
 * elsewhere but able to be transferred in (第一篇: only those whose relation 不能转入社区 failed);
 * `any` — no condition (第三篇).
 */
export const OrgRelationCondition = z.enum(['local', 'transferable', 'any']);
export type OrgRelationCondition = z.infer<typeof OrgRelationCondition>;

/** Conditions of 第三条 that can be waived for an outstanding nominee (特别优秀的可适当放宽). */
export const WaivableRule = z.enum(['education', 'age']);
export type WaivableRule = z.infer<typeof WaivableRule>;

/** Each round kind once: a double-entry list names a kind or leaves it out. */
const DoubleEntryKinds = z.array(RoundKind).refine(isDistinct, { message: 'each round kind once' });

const rulesShape = {
  preset: PresetName,
  /** The stages this election runs, in order. */
  stages: z.array(Stage).min(1),
  /** Planned window of each stage in `stages`. */
  calendar: z.partialRecord(Stage, StageWindow),

  nominationKinds: z.array(NominationKind).min(1),
  nominationOffices: z.array(Office).min(1),
  /** 联名举荐: how many entitled members must back a joint nomination. */
  minJointSupporters: z.int().min(1),

  // Conditions for office (第三条). A condition a preset does not have is switched off as data:
  // `null` age or education, `orgRelation: 'any'`, `false` health or documents (第三篇).
  minPartyAgeYears: z.number().min(0),
  maxAge: z.int().min(18).nullable(),
  minEducation: Education.nullable(),
  orgRelation: OrgRelationCondition,
  /** Health declared on the roll (SPEC §2.3): no declaration, or recorded ill, fails. */
  requireHealthy: z.boolean(),
  /** The four papers presented with the nomination (第六条 2). */
  requireDocuments: z.boolean(),
  waivableRules: z.array(WaivableRule),

  // The funnel for the secretary: ≥ N preliminary → recommended → inspected → formal.
  minPreliminarySecretary: z.int().min(1),
  /** How many the recommendation puts through (考察人选; 第一篇: 至少产生4名推荐人选). */
  recommendedSecretaryCount: z.int().min(1),
  /** How many of them go to the superior's vote (第一篇: 确定3名人选提交街道党工委讨论). */
  inspectionCount: z.int().min(1),
  formalSecretaryCandidates: z.int().min(2),
  /** yuyang party recommendation: committee members who go on = factor × seats. */
  memberRecommendationFactor: z.int().min(1),
  /**
   * Where the committee election's candidates come from: the elected secretary's suggestion
   * list (书记提名委员, 第五条), the members' nominations (nanjing), or the recommendation (yuyang).
   */
  memberCandidates: z.enum(['suggestion-list', 'nominations', 'recommendation']),

  // The public recommendation assembly (公开推荐大会).
  minResidentRepresentatives: z.int().min(0),
  /** `null`: the recommendation counts whoever attends (yuyang's 党内推荐, 第三篇). */
  recommendationQuorum: Quorum.nullable(),
  recommendation: z.strictObject({ constituencies: z.array(Constituency).min(1) }),

  // Employee satisfaction evaluation (yuyang).
  evaluation: z.strictObject({
    /** Whether 基本满意 counts with 满意 toward passing. */
    basicallyCounts: z.boolean(),
    /** Share of the non-party employees who must take part. */
    participation: Fraction,
  }),

  /** 差额: candidates ≥ ceil(seats × (100 + margin) / 100). */
  competitionMarginPercent: z.int().min(1).max(1000),

  // The direct election (党员大会差额直选) and recall votes.
  electionQuorum: Quorum,
  majorityBase: MajorityBase,
  /** Re-votes held by themselves after a tie or shortfall before the organizers must decide. */
  automaticRevotes: z.int().min(0).max(10),

  recallMinSignatories: z.int().min(1),
  approvalTimeoutDays: z.number().positive(),

  /**
   * The round kinds whose paper ballots two tellers enter independently (双人录入): a ballot
   * counts once two entries by different people match, or the 监票人 chooses a version.
   * Defaults to none, so an election stored before the field reads as single entry (SPEC §8).
   */
  doubleEntry: DoubleEntryKinds.default([]),
};

const checkConsistency = (rules: z.infer<z.ZodObject<typeof rulesShape>>, ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  rules.stages.forEach((stage, index) => {
    if (seen.has(stage)) {
      ctx.addIssue({ code: 'custom', path: ['stages', index], message: `stage ${stage} twice` });
    }
    seen.add(stage);
    if (!rules.calendar[stage]) {
      ctx.addIssue({
        code: 'custom',
        path: ['calendar', stage],
        message: `stage ${stage} needs a planned window`,
      });
    }
  });
  if (rules.formalSecretaryCandidates > rules.inspectionCount) {
    ctx.addIssue({
      code: 'custom',
      path: ['formalSecretaryCandidates'],
      message: 'cannot exceed inspectionCount (the superior chooses among the inspected)',
    });
  }
  if (rules.inspectionCount > rules.recommendedSecretaryCount) {
    ctx.addIssue({
      code: 'custom',
      path: ['inspectionCount'],
      message:
        'cannot exceed recommendedSecretaryCount (the inspection chooses among the recommended)',
    });
  }
  if (rules.recommendedSecretaryCount > rules.minPreliminarySecretary) {
    ctx.addIssue({
      code: 'custom',
      path: ['recommendedSecretaryCount'],
      message: 'cannot exceed minPreliminarySecretary (差额 at every step)',
    });
  }
  const constituencies = rules.recommendation.constituencies;
  if (!isDistinct(constituencies.map((c) => c.id))) {
    ctx.addIssue({
      code: 'custom',
      path: ['recommendation', 'constituencies'],
      message: 'constituency ids must be distinct',
    });
  }
  const marked = constituencies.filter((c) => c.residentRepresentatives === true);
  if (marked.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['recommendation', 'constituencies'],
      message: `only one constituency can be the resident representatives (residentRepresentatives: ${marked.map((c) => c.id).join(', ')})`,
    });
  }
  if (rules.minResidentRepresentatives > 0 && marked.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['minResidentRepresentatives'],
      message: `a minimum of ${rules.minResidentRepresentatives} resident representatives needs the constituency it applies to marked residentRepresentatives: true (or set it to 0)`,
    });
  }
  const totalWeight = constituencies.reduce((sum, c) => sum + c.weight, 0);
  if (Math.abs(totalWeight - 1) > 1e-9) {
    ctx.addIssue({
      code: 'custom',
      path: ['recommendation', 'constituencies'],
      message: `constituency weights must add up to 1 (they add up to ${totalWeight})`,
    });
  }
};

export const Rules = z.strictObject(rulesShape).superRefine(checkConsistency);

/** The rules' fields, each checked alone: for schemas that take a part of the rules (`.pick`). */
export const RuleFields = z.object(rulesShape);
export type Rules = z.infer<typeof Rules>;

/** What `POST /v1/elections` may override: any field but the preset; `evaluation` in part. */
export const RulesOverrides = z
  .strictObject({
    ...rulesShape,
    evaluation: rulesShape.evaluation.partial(),
    // Without the default: an override that leaves it out keeps the preset's.
    doubleEntry: DoubleEntryKinds,
  })
  .omit({ preset: true })
  .partial();
export type RulesOverrides = z.infer<typeof RulesOverrides>;
