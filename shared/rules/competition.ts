import * as z from 'zod';
import { type EligibleMembers, isEligibleMember, MemberId, type Office } from './members.ts';
import { Rules } from './rules.ts';
import { broken, type Checked, ok, type Violation } from './violations.ts';

/**
 * 差额: more candidates than seats at every step — the committee suggestion list (差额提出委员
 * 建议名单), the secretary's preliminary list (书记初步候选人不少于3名) and the superior's choice
 * of formal candidates among the inspected (差额票决).
 */

const CompetitionInput = z.strictObject({
  seats: z.int().min(1),
  /** As `Rules.competitionMarginPercent`. */
  marginPercent: z.int().min(1).max(1000),
});

/**
 * The fewest candidates for `seats`: ceil(seats × (100 + margin) / 100), in integers: in floating
 * point 50 × 1.1 is 55.00000000000001, which would round up to 56 instead of 55.
 */
export const minCompetitiveCandidates = (seats: number, marginPercent: number): number => {
  const valid = CompetitionInput.parse({ seats, marginPercent });
  const hundredths = valid.seats * (100 + valid.marginPercent);
  return Math.floor(hundredths / 100) + (hundredths % 100 === 0 ? 0 : 1);
};

const OFFICE_NAMES: Record<Office, string> = {
  secretary: '书记',
  deputy: '副书记',
  member: '委员',
};

export interface ShortfallInput {
  /** The office the candidates stand for; absent where the message names none (a 补选). */
  office?: Office;
  /** Candidates still standing. */
  count: number;
  seats: number;
  /** As `Rules.competitionMarginPercent`. */
  marginPercent: number;
  /** When the count was taken, said first (e.g. `资格审查后`). */
  when: string;
}

/**
 * 差额, the one check every step of the funnel makes: a violation when `count` candidates are
 * fewer than `seats` need (minCompetitiveCandidates), null when they are enough.
 */
export const shortfall = ({
  office,
  count,
  seats,
  marginPercent,
  when,
}: ShortfallInput): Violation | null => {
  const needed = minCompetitiveCandidates(seats, marginPercent);
  if (count >= needed) return null;
  return {
    rule: 'too-few-candidates',
    message: `${when}${office ? OFFICE_NAMES[office] : ''}候选人只有 ${count} 名,不足 ${seats} 个名额差额选举所需的 ${needed} 名`,
  };
};

/** A formal secretary candidate's committee-member suggestion list (委员建议名单). */
export const SuggestionList = z.strictObject({
  candidateId: MemberId,
  memberIds: z.array(MemberId).max(1000),
  /** Committee seats (委员名额) the list is for. */
  seats: z.int().min(1),
});
export type SuggestionList = z.infer<typeof SuggestionList>;

const duplicates = (ids: readonly string[]): string[] => [
  ...new Set(ids.filter((id, index) => ids.indexOf(id) !== index)),
];

/**
 * Checks a suggestion list: ≥ minCompetitiveCandidates(seats, margin) distinct eligible members
 * (3 names for 2 seats by default), without the candidate himself and without repeats.
 */
export const checkSuggestionList = (
  list: z.input<typeof SuggestionList>,
  rules: z.input<typeof Rules>,
  eligible: EligibleMembers,
): Checked<{ memberIds: string[] }> => {
  const { candidateId, memberIds, seats } = SuggestionList.parse(list);
  const { competitionMarginPercent } = Rules.parse(rules);
  const isEligible = (id: string) => isEligibleMember(eligible, id);
  const names = [...new Set(memberIds)];
  const required = minCompetitiveCandidates(seats, competitionMarginPercent);

  const violations: Violation[] = duplicates(memberIds).map((id) => ({
    rule: 'duplicate-name',
    message: `建议名单中 ${id} 重复出现`,
  }));
  if (names.includes(candidateId)) {
    violations.push({ rule: 'candidate-in-own-list', message: '书记候选人不能把自己列入建议名单' });
  }
  const others = names.filter((id) => id !== candidateId);
  for (const id of others.filter((id) => !isEligible(id))) {
    violations.push({ rule: 'not-eligible', message: `${id} 不符合委员任职条件,不能列入建议名单` });
  }
  const counted = others.filter(isEligible).length;
  if (counted < required) {
    violations.push({
      rule: 'too-few-names',
      message: `${seats}名委员须差额提出${required}名以上建议人选,现有${counted}名符合条件`,
    });
  }
  return violations.length > 0 ? broken(violations) : ok({ memberIds: names });
};

const Candidates = z.strictObject({ candidateIds: z.array(MemberId).max(10_000) });

/** 书记初步候选人: at least `minPreliminarySecretary` distinct names, or the election halts. */
export const checkPreliminaryList = (
  candidateIds: readonly string[],
  rules: z.input<typeof Rules>,
): Checked<{ candidateIds: string[] }> => {
  const valid = Candidates.parse({ candidateIds });
  const { minPreliminarySecretary } = Rules.parse(rules);
  const names = [...new Set(valid.candidateIds)];
  if (names.length >= minPreliminarySecretary) return ok({ candidateIds: names });
  return broken([
    {
      rule: 'too-few-preliminary',
      message: `书记初步候选人不少于${minPreliminarySecretary}名,现有${names.length}名`,
    },
  ]);
};

const Selection = z.strictObject({
  selection: z.array(MemberId).max(1000),
  inspectedIds: z.array(MemberId).max(1000),
});

/**
 * The superior's choice of formal secretary candidates (确定书记正式候选人): exactly
 * `formalSecretaryCandidates` distinct people, all among the inspected (考察人选).
 */
export const checkFormalSelection = (
  selection: readonly string[],
  inspectedIds: readonly string[],
  rules: z.input<typeof Rules>,
): Checked<{ candidateIds: string[] }> => {
  const valid = Selection.parse({ selection, inspectedIds });
  const { formalSecretaryCandidates } = Rules.parse(rules);
  const chosen = [...new Set(valid.selection)];
  const inspected = new Set(valid.inspectedIds);

  const violations: Violation[] = [];
  if (chosen.length !== formalSecretaryCandidates) {
    violations.push({
      rule: 'wrong-selection-size',
      message: `须确定书记正式候选人${formalSecretaryCandidates}名,所选为${chosen.length}名`,
    });
  }
  for (const id of chosen.filter((id) => !inspected.has(id))) {
    violations.push({ rule: 'not-a-candidate', message: `${id} 不是本次考察人选` });
  }
  return violations.length > 0 ? broken(violations) : ok({ candidateIds: chosen });
};
