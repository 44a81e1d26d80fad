import * as z from 'zod';
import { MemberId } from './members.ts';
import type { Violation } from './violations.ts';

/**
 * What a round's attendance (到会情况) must satisfy whatever the round (SPEC §2.8, §9):
 * ballots issued ≤ members present ≤ 应到会 — one ballot per member present, nobody counted
 * present who was not expected — at every assembly and per constituency; the election staff
 * (第八条 1) three different people, none a candidate of the vote; and the assembly's vote
 * approving 监票人 and 计票人 (经大会表决通过) carried by more than half of those present.
 * Pure: the roll, the candidates and the numbers are passed in.
 */

const Count = z.int().min(0);

/**
 * 应到, 实到 and the ballots issued (发出的选票) of an assembly or of one constituency; other
 * keys (a constituency's id) are ignored.
 */
export const AttendanceNumbers = z.object({
  expected: Count,
  present: Count,
  ballotsIssued: Count,
});
export type AttendanceNumbers = z.infer<typeof AttendanceNumbers>;

/** Where numbers were reported: a name for people and the path of their fields in the report. */
export interface AttendancePlace {
  label: string;
  path: readonly (string | number)[];
  /** Said after the 实到 > 应到 message (e.g. that observers do not count). */
  note?: string;
}

const ASSEMBLY: AttendancePlace = { label: '大会', path: [] };

const fieldName = (path: readonly (string | number)[], field: string): string =>
  [...path, field]
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');

/**
 * The numbers out of order, each naming its field: 实到 > 应到 (`present-exceeds-expected`),
 * 发出 > 实到 (`ballots-exceed-present`). Throws a ZodError when they are not counts.
 */
export const attendanceNumberViolations = (
  numbers: z.input<typeof AttendanceNumbers>,
  place: AttendancePlace = ASSEMBLY,
): Violation[] => {
  const { expected, present, ballotsIssued } = AttendanceNumbers.parse(numbers);
  const violations: Violation[] = [];
  if (present > expected) {
    const field = fieldName(place.path, 'present');
    violations.push({
      rule: 'present-exceeds-expected',
      message: `${place.label}实到 ${present} 人(${field}),多于应到 ${expected} 人${place.note ? `(${place.note})` : ''}`,
      path: [...place.path, 'present'],
    });
  }
  if (ballotsIssued > present) {
    const field = fieldName(place.path, 'ballotsIssued');
    violations.push({
      rule: 'ballots-exceed-present',
      message: `${place.label}发出选票 ${ballotsIssued} 张(${field}),多于实到 ${present} 人:每位到会者只发一张`,
      path: [...place.path, 'ballotsIssued'],
    });
  }
  return violations;
};

/**
 * The same check as a zod refinement, for the tallies: numbers out of order are malformed input
 * there (the attendance route refuses them first), so a tally never counts them.
 */
export const refineAttendanceNumbers = (
  ctx: z.RefinementCtx,
  numbers: AttendanceNumbers,
  place: AttendancePlace = ASSEMBLY,
): void => {
  for (const violation of attendanceNumberViolations(numbers, place)) {
    ctx.addIssue({ code: 'custom', path: [...(violation.path ?? [])], message: violation.message });
  }
};

export const Staff = z.strictObject({
  announcer: MemberId, // 唱票人
  scrutineer: MemberId, // 监票人
  counter: MemberId, // 计票人
});
export type Staff = z.infer<typeof Staff>;

const STAFF_ROLES = ['announcer', 'scrutineer', 'counter'] as const;
const STAFF_NAMES = {
  announcer: '唱票人',
  scrutineer: '监票人',
  counter: '计票人',
} as const;

/**
 * 第八条 1: 唱票人, 监票人 and 计票人 are three different members of the organization, none a
 * candidate in this vote (SPEC §9).
 */
export const staffViolations = (
  staff: Staff,
  { roll, candidates }: { roll: readonly string[]; candidates: readonly string[] },
): Violation[] => {
  const onRoll = new Set(roll);
  const violations: Violation[] = [];
  const taken = new Map<string, (typeof STAFF_ROLES)[number]>();
  for (const role of STAFF_ROLES) {
    const id = staff[role];
    const earlier = taken.get(id);
    if (earlier) {
      violations.push({
        rule: 'staff-not-distinct',
        message: `唱票人、监票人、计票人须为三个不同的人:${STAFF_NAMES[earlier]}(staff.${earlier})与${STAFF_NAMES[role]}(staff.${role})都是 ${id}`,
        path: ['staff', role],
      });
    }
    taken.set(id, earlier ?? role);
    if (!onRoll.has(id)) {
      violations.push({
        rule: 'staff-not-member',
        message: `${STAFF_NAMES[role]}(staff.${role})${id} 不在本组织的党员名册中`,
        path: ['staff', role],
      });
    } else if (candidates.includes(id)) {
      violations.push({
        rule: 'staff-is-candidate',
        message: `${STAFF_NAMES[role]}(staff.${role})${id} 是本轮的候选人,不得担任`,
        path: ['staff', role],
      });
    }
  }
  return violations;
};

/** The assembly's vote on 监票人 and 计票人 (第八条 1: 经大会表决通过). */
const Votes = z.int().min(0).max(10_000_000);
export const StaffApproval = z.strictObject({ for: Votes, against: Votes, abstain: Votes });
export type StaffApproval = z.infer<typeof StaffApproval>;

/**
 * The staff vote against those present: nobody votes twice (for + against + abstain ≤ present;
 * those who do not vote are simply not counted), and it carries only with `for` more than half
 * of those present — exactly half is not enough (SPEC §9).
 */
export const staffApprovalViolations = (
  approval: z.input<typeof StaffApproval>,
  present: number,
): Violation[] => {
  const votes = StaffApproval.parse(approval);
  const total = votes.for + votes.against + votes.abstain;
  if (total > present) {
    return [
      {
        rule: 'staff-approval-exceeds-present',
        message: `监票人、计票人表决共 ${total} 票(staffApproval:赞成 ${votes.for}、反对 ${votes.against}、弃权 ${votes.abstain}),多于实到 ${present} 人`,
        path: ['staffApproval'],
      },
    ];
  }
  if (votes.for * 2 <= present) {
    return [
      {
        rule: 'staff-not-approved',
        message: `监票人、计票人须经大会表决通过:赞成 ${votes.for} 票(staffApproval.for)未超过实到 ${present} 人的半数`,
        path: ['staffApproval', 'for'],
      },
    ];
  }
  return [];
};
