import * as z from 'zod';
import { refineDistinct } from './distinct.ts';

/** A calendar date as written on a form: YYYY-MM-DD (no time, no zone). */
export const IsoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

export const MemberId = z.string().min(1).max(64);
export type MemberId = z.infer<typeof MemberId>;

/** Education levels in ascending order; `senior` (高中/中专) and above count as 高中以上. */
export const EDUCATION_LEVELS = [
  'primary',
  'junior',
  'senior',
  'vocational',
  'associate',
  'bachelor',
  'master',
  'doctor',
] as const;
export const Education = z.enum(EDUCATION_LEVELS);
export type Education = z.infer<typeof Education>;

export const educationRank = (level: Education): number => EDUCATION_LEVELS.indexOf(level);

/** College = 大专以上 (associate and above), as 第一篇 reports it. */
export const isCollegeEducated = (level: Education): boolean =>
  educationRank(level) >= educationRank('associate');

/** Recorded reasons a member is not counted in 应到会, each needing the superior's consent. */
export const ExclusionCategory = z.enum(['ill', 'abroad', 'sentence', 'bedridden', 'away']);

export const Member = z.strictObject({
  id: MemberId,
  name: z.string().min(1).max(100),
  email: z.email().optional(),
  birthDate: IsoDate,
  education: Education,
  /** 正式党员 (full) or 预备党员 (probationary). */
  status: z.enum(['full', 'probationary']),
  /** The day the member became a full member; party age (党龄) counts from it. */
  fullSince: IsoDate.optional(),
  /** 组织关系 in this 街道: it decides the vote. */
  orgRelationLocal: z.boolean(),
  /**
   * A relation elsewhere that can be transferred here (第一篇: 机关 cadres, 驻区单位 members): it
   * passes `org-relation` where the rules take `transferable`, and gives no vote.
   */
  orgRelationTransferable: z.boolean().optional(),
  /** normal, 留党察看 (discipline) or suspended (停止党籍/党员权利). Missing means normal. */
  rights: z.enum(['normal', 'discipline', 'suspended']).optional(),
  /** Declared health (身体健康): missing means not declared, which fails where health is required. */
  healthy: z.boolean().optional(),
  excluded: z
    .strictObject({ category: ExclusionCategory, approvedBy: z.string().min(1).max(200) })
    .optional(),
});
export type Member = z.infer<typeof Member>;

export const Roll = z.array(Member).superRefine(
  refineDistinct(
    (member: Member) => member.id,
    (id) => `member id ${id} appears twice in the roll`,
    'id',
  ),
);
export type Roll = z.infer<typeof Roll>;

export const Office = z.enum(['secretary', 'deputy', 'member']);
export type Office = z.infer<typeof Office>;

/** Who may be named (written in as 另选他人, put on a list): a set of member ids or a predicate. */
export const EligibleMembers = z.union([
  z.custom<ReadonlySet<string>>((value) => value instanceof Set, {
    message: 'must be a Set of member ids',
  }),
  z.custom<(memberId: string) => boolean>((value) => typeof value === 'function', {
    message: 'must be a Set of member ids or a predicate',
  }),
]);
export type EligibleMembers = z.infer<typeof EligibleMembers>;

/** Whether a member is among `eligible`; nobody is when it is absent. */
export const isEligibleMember = (
  eligible: EligibleMembers | undefined,
  memberId: string,
): boolean => {
  if (eligible === undefined) return false;
  return typeof eligible === 'function' ? eligible(memberId) : eligible.has(memberId);
};
