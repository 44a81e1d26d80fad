import * as z from 'zod';
import { NominationDocuments } from './eligibility.ts';
import { isEntitled } from './entitlement.ts';
import { type Member, MemberId, Office, Roll } from './members.ts';
import { NominationKind, Rules } from './rules.ts';
import { broken, type Checked, ok, type Violation } from './violations.ts';

/**
 * A nomination (党员自荐 / 联名举荐 / 组织推荐) checked against the roll and the nominations
 * already recorded. Eligibility of the nominee is a separate check: an ineligible nominee is
 * still recorded.
 */

/** `POST /v1/elections/{id}/nominations`. Supporters belong to a joint nomination only. */
export const NominationRequest = z
  .strictObject({
    kind: NominationKind,
    office: Office,
    nomineeId: MemberId,
    /** 联名人: the members backing a joint nomination. */
    supporterIds: z.array(MemberId).max(1000).optional(),
    documents: NominationDocuments,
  })
  .superRefine((request, ctx) => {
    if (request.kind !== 'joint' && (request.supporterIds?.length ?? 0) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['supporterIds'],
        message: 'only a joint nomination has supporters',
      });
    }
  });
export type NominationRequest = z.infer<typeof NominationRequest>;

/** What a recorded nomination must tell (records may carry more, e.g. id and check). */
export const RecordedNomination = z.object({
  kind: NominationKind,
  office: Office,
  nomineeId: MemberId,
  supporterIds: z.array(MemberId).optional(),
});
export type RecordedNomination = z.infer<typeof RecordedNomination>;

export const NominationContext = z.strictObject({
  roll: Roll,
  existing: z.array(RecordedNomination),
});
export type NominationContext = z.infer<typeof NominationContext>;

/** A nomination that may be recorded: supporters distinct, in the order first given. */
export interface ValidNomination {
  nomination: NominationRequest & { supporterIds: string[] };
  nominee: Member;
}

const KIND_NAMES = { self: '党员自荐', joint: '联名举荐', organization: '组织推荐' } as const;
const OFFICE_NAMES = { secretary: '书记', deputy: '副书记', member: '委员' } as const;

const presetViolations = (request: NominationRequest, rules: Rules): Violation[] => {
  const violations: Violation[] = [];
  if (!rules.nominationKinds.includes(request.kind)) {
    violations.push({
      rule: 'kind-not-allowed',
      message: `本次选举不接受${KIND_NAMES[request.kind]}`,
    });
  }
  if (!rules.nominationOffices.includes(request.office)) {
    violations.push({
      rule: 'office-not-open',
      message: `本次选举不接受${OFFICE_NAMES[request.office]}的报名`,
    });
  }
  return violations;
};

const supporterViolations = (
  request: NominationRequest,
  supporters: readonly string[],
  roll: Roll,
  rules: Rules,
): Violation[] => {
  const byId = new Map(roll.map((member) => [member.id, member]));
  const violations: Violation[] = [];
  let counted = 0;
  for (const id of supporters) {
    const member = byId.get(id);
    if (id === request.nomineeId) {
      violations.push({
        rule: 'nominee-among-supporters',
        message: '被举荐人不能作为自己的联名人',
      });
    } else if (!member) {
      violations.push({
        rule: 'supporter-not-entitled',
        message: `联名人 ${id} 不在本组织党员名册中`,
      });
    } else if (!isEntitled(member)) {
      violations.push({
        rule: 'supporter-not-entitled',
        message: `联名人${member.name}(${id})没有选举权,不能联名举荐`,
      });
    } else {
      counted += 1;
    }
  }
  if (counted < rules.minJointSupporters) {
    violations.push({
      rule: 'too-few-supporters',
      message: `联名举荐须有${rules.minJointSupporters}名以上有选举权的党员联名,现有${counted}名`,
    });
  }
  return violations;
};

const conflicts = (
  request: NominationRequest,
  supporters: readonly string[],
  existing: readonly RecordedNomination[],
): Violation[] => {
  const sameOffice = existing.filter((recorded) => recorded.office === request.office);
  const violations: Violation[] = [];
  if (sameOffice.some((r) => r.kind === request.kind && r.nomineeId === request.nomineeId)) {
    violations.push({
      rule: 'duplicate-nomination',
      message: `该人选已有同一方式(${KIND_NAMES[request.kind]})的${OFFICE_NAMES[request.office]}报名`,
      conflict: true,
    });
  }
  // 一名党员对同一职务只能联名举荐一人.
  for (const id of supporters) {
    const backing = sameOffice.find(
      (r) => r.nomineeId !== request.nomineeId && (r.supporterIds ?? []).includes(id),
    );
    if (backing) {
      violations.push({
        rule: 'supporter-already-backing',
        message: `联名人 ${id} 已联名举荐 ${backing.nomineeId} 为${OFFICE_NAMES[request.office]}人选`,
        conflict: true,
      });
    }
  }
  return violations;
};

/**
 * Validates a nomination. Every violation is listed; those with `conflict` clash with what is
 * recorded (HTTP 409), the others break a rule by themselves (HTTP 422). Bad input throws a
 * ZodError naming the field.
 */
export const validateNomination = (
  request: z.input<typeof NominationRequest>,
  context: z.input<typeof NominationContext>,
  rules: z.input<typeof Rules>,
): Checked<ValidNomination> => {
  const valid = NominationRequest.parse(request);
  const { roll, existing } = NominationContext.parse(context);
  const parsedRules = Rules.parse(rules);
  const supporters = [...new Set(valid.supporterIds ?? [])];
  const nominee = roll.find((member) => member.id === valid.nomineeId);

  const violations = presetViolations(valid, parsedRules);
  if (!nominee) {
    violations.push({
      rule: 'unknown-member',
      message: `被提名人 ${valid.nomineeId} 不在本组织党员名册中`,
    });
  }
  if (valid.kind === 'joint') {
    violations.push(...supporterViolations(valid, supporters, roll, parsedRules));
  }
  violations.push(...conflicts(valid, supporters, existing));

  if (violations.length > 0 || !nominee) return broken(violations);
  return ok({ nomination: { ...valid, supporterIds: supporters }, nominee });
};
