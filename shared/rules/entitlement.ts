import * as z from 'zod';
import { Member, Roll } from './members.ts';
import { Quorum } from './rules.ts';

/**
 * Who may vote (有选举权的党员, SPEC §9), how many are expected (应到会), and the quorum and
 * majority arithmetic — on integers only, so 4/5 of 应到会 is never off by a rounding error.
 */

// An exclusion counts only with the superior's consent on record.
const isExcluded = (member: Member): boolean =>
  member.excluded !== undefined && member.excluded.approvedBy.trim() !== '';

/** Entitled without re-parsing: for members already validated in this module. */
const entitled = (member: Member): boolean =>
  member.status === 'full' &&
  (member.rights ?? 'normal') === 'normal' &&
  member.orgRelationLocal &&
  !isExcluded(member);

/**
 * A 正式党员 with normal rights (not 留党察看, not suspended), whose 组织关系 is here, and not
 * excluded from 应到会 with the superior's consent.
 */
export const isEntitled = (member: z.input<typeof Member>): boolean =>
  entitled(Member.parse(member));

export const entitledMembers = (roll: z.input<typeof Roll>): Member[] =>
  Roll.parse(roll).filter(entitled);

/** 应到会人数: the entitled members (exclusions are already taken out). */
export const expectedAttendance = (roll: z.input<typeof Roll>): number =>
  entitledMembers(roll).length;

/** 列席: on the roll but not entitled to vote (预备党员, relation elsewhere, excluded …). */
export const observers = (roll: z.input<typeof Roll>): Member[] =>
  Roll.parse(roll).filter((member) => !entitled(member));

const Count = z.int().min(0);

/** Who is expected and who came: what a quorum and a majority are measured against. */
export const Headcount = z.strictObject({
  /** 应到会. */
  expected: Count,
  /** 实到会. */
  present: Count,
});
export type Headcount = z.infer<typeof Headcount>;

/** What a quorum is checked on: the headcount and the ballots returned (收回的选票). */
export const AttendanceCounts = Headcount.extend({ returned: Count });
export type AttendanceCounts = z.infer<typeof AttendanceCounts>;

/**
 * Whether the counted basis reaches the quorum's share of the expected: `at-least` means
 * basis × den ≥ expected × num, `more-than` strictly greater. BigInt keeps the products exact.
 * Nobody counted is never a quorum, even of nobody expected.
 */
export const meetsQuorum = (
  quorum: z.input<typeof Quorum>,
  counts: z.input<typeof AttendanceCounts>,
): boolean => {
  const { basis, share, comparison } = Quorum.parse(quorum);
  const valid = AttendanceCounts.parse(counts);
  const counted = valid[basis];
  if (counted === 0) return false;
  const left = BigInt(counted) * BigInt(share.denominator);
  const right = BigInt(valid.expected) * BigInt(share.numerator);
  return comparison === 'at-least' ? left >= right : left > right;
};

const MajorityInput = z.strictObject({ votes: Count, base: Count });

/** 过半数: more than half of the base. Exactly half is not enough. */
export const hasMajority = (votes: number, base: number): boolean => {
  const valid = MajorityInput.parse({ votes, base });
  return valid.votes * 2 > valid.base;
};
