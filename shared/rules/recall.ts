import * as z from 'zod';
import { type Member, MemberId, type Office, Roll } from './members.ts';
import { Rules } from './rules.ts';
import { broken, type Checked, ok, type Violation } from './violations.ts';

/**
 * 罢免动议 (第七条 2): 10名以上党员联名提出罢免要求, with reasons, against someone in office.
 * The superior then investigates; this module only decides whether the petition may be filed.
 * Asking for an unfit cadre's recall is a right of every member (党章 第四条); 预备党员 lack
 * only 表决权、选举权、被选举权, and 留党察看 takes away no more: so any member of the
 * organization may sign, not only those entitled to vote on it.
 */

/** `POST /v1/elections/{id}/recalls`. */
export const RecallPetition = z.strictObject({
  officeHolderId: MemberId,
  /** 联名人. A repeated signatory counts once. */
  signatoryIds: z.array(MemberId).max(10_000),
  /** 罢免理由. */
  reason: z.string().max(4000),
});
export type RecallPetition = z.infer<typeof RecallPetition>;

/** Who is in office: `Election.result` (a recall removes, a by-election adds). */
export const OfficeHolders = z.strictObject({
  secretary: MemberId.nullable().optional(),
  deputies: z.array(MemberId).optional(),
  members: z.array(MemberId).optional(),
});
export type OfficeHolders = z.infer<typeof OfficeHolders>;

export interface ValidRecall {
  officeHolderId: string;
  /** The office the holder is recalled from. */
  office: Office;
  /** Distinct signatories, in the order first given. */
  signatoryIds: string[];
  reason: string;
}

/** The office someone holds, if any (secretary first, should the record name them twice). */
export const officeOf = (holders: z.input<typeof OfficeHolders>, id: string): Office | null => {
  const valid = OfficeHolders.parse(holders);
  if (valid.secretary === id) return 'secretary';
  if (valid.deputies?.includes(id)) return 'deputy';
  if (valid.members?.includes(id)) return 'member';
  return null;
};

/**
 * A member of the organization (本社区党支部党员): on its roll with the 组织关系 here (those
 * whose relation is elsewhere belong to another organization), membership not suspended.
 */
const isOrganizationMember = (member: Member): boolean =>
  member.orgRelationLocal && member.rights !== 'suspended';

const signatoryViolations = (
  petition: RecallPetition,
  signatories: readonly string[],
  members: ReadonlySet<string>,
  rules: Rules,
): Violation[] => {
  const violations: Violation[] = [];
  if (signatories.includes(petition.officeHolderId)) {
    violations.push({ rule: 'holder-signed', message: '被罢免人不能在罢免动议上联名' });
  }
  const others = signatories.filter((id) => id !== petition.officeHolderId);
  for (const id of others.filter((id) => !members.has(id))) {
    violations.push({
      rule: 'signatory-not-member',
      message: `联名人 ${id} 不是本组织的党员(正式党员或预备党员)`,
    });
  }
  const counted = others.filter((id) => members.has(id)).length;
  if (counted < rules.recallMinSignatories) {
    violations.push({
      rule: 'too-few-signatories',
      message: `罢免动议须有${rules.recallMinSignatories}名以上本组织党员联名,现有${counted}名`,
    });
  }
  return violations;
};

/**
 * Checks a recall petition against the organization's (current) roll and who is in office. Every violation is listed;
 * bad input throws a ZodError naming the field.
 */
export const checkRecallPetition = (
  petition: z.input<typeof RecallPetition>,
  roll: z.input<typeof Roll>,
  holders: z.input<typeof OfficeHolders>,
  rules: z.input<typeof Rules>,
): Checked<ValidRecall> => {
  const valid = RecallPetition.parse(petition);
  const members = new Set(
    Roll.parse(roll)
      .filter(isOrganizationMember)
      .map((member) => member.id),
  );
  const office = officeOf(holders, valid.officeHolderId);
  const parsedRules = Rules.parse(rules);
  const signatories = [...new Set(valid.signatoryIds)];

  const violations: Violation[] = [];
  if (!office) {
    violations.push({
      rule: 'not-in-office',
      message: `${valid.officeHolderId} 现不在任,不能对其提出罢免`,
    });
  }
  if (valid.reason.trim() === '') {
    violations.push({ rule: 'reason-required', message: '罢免动议须写明理由' });
  }
  violations.push(...signatoryViolations(valid, signatories, members, parsedRules));

  if (violations.length > 0 || !office) return broken(violations);
  return ok({
    officeHolderId: valid.officeHolderId,
    office,
    signatoryIds: signatories,
    reason: valid.reason.trim(),
  });
};
