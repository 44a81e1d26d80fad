import {
  checkEligibility,
  decideEligibility,
  type Member,
  type Rules,
  type Violation,
  waiverViolations,
} from '../../rules/index.ts';
import type { CandidateRecord } from '../../store/records.ts';
import type { SuggestionWaiver } from './schemas.ts';

/**
 * Who may stand on a committee-member suggestion list (委员建议名单), and which waivers make a
 * member eligible: pure, so the API decides with it and the console shows the 差额 check live
 * with the same answer (suggestions.ts applies it to the stored roll).
 */

export type Suggestion = NonNullable<CandidateRecord['suggestion']>;

/** A waiver as kept with the list: only the conditions it actually waived, and the reason. */
export type AppliedWaiver = NonNullable<Suggestion['waivers']>[number];

/** Papers are a nominee's matter: a suggested member is held to the conditions for office only. */
const PAPERS_ASIDE = { idCard: true, householdRegister: true, diploma: true, photo: true };

const checkOf = (member: Member, rules: Rules, day: string) =>
  checkEligibility({ member, documents: PAPERS_ASIDE, electionDay: day }, rules);

/**
 * The members who may be suggested: those who meet every condition for office (第三条) as of
 * the election day, but the candidate himself.
 */
export const suggestibleMembers = (
  roll: readonly Member[],
  rules: Rules,
  day: string,
  candidateId: string,
): Set<string> =>
  new Set(
    roll
      .filter((member) => member.id !== candidateId && checkOf(member, rules, day).eligible)
      .map((member) => member.id),
  );

/** A refusal of one waiver, with the body field it concerns. */
export interface WaiverViolation extends Violation {
  path: (string | number)[];
}

/**
 * The suggested members the organizers' waivers make eligible, through the nominees' waiver
 * rules (`waiverViolations`, `decideEligibility`): a member failing only waived conditions is
 * eligible. A waiver for someone not on the list, of a condition that cannot be waived, or
 * without a reason is refused, naming its field. Pure.
 */
export const applyWaivers = (
  roll: readonly Member[],
  rules: Rules,
  day: string,
  memberIds: readonly string[],
  waivers: readonly SuggestionWaiver[],
): { waived: AppliedWaiver[]; refused: WaiverViolation[] } => {
  const waived: AppliedWaiver[] = [];
  const refused: WaiverViolation[] = [];
  waivers.forEach(({ memberId, waive, reason }, index) => {
    const at = (field: string) => ['body', 'waivers', index, field];
    if (!memberIds.includes(memberId)) {
      refused.push({
        rule: 'waiver-not-on-list',
        message: `waivers.${index}.memberId: ${memberId} 不在建议名单中,不能为其放宽任职条件`,
        path: at('memberId'),
      });
      return;
    }
    for (const violation of waiverViolations(waive, reason, rules)) {
      const field = violation.rule === 'waiver-reason-required' ? 'reason' : 'waive';
      refused.push({
        ...violation,
        message: `waivers.${index}.${field}: ${violation.message}`,
        path: at(field),
      });
    }
    const member = roll.find((m) => m.id === memberId);
    if (!member) return;
    const outcome = decideEligibility(
      checkOf(member, rules, day),
      { decision: 'accept', waive, reason },
      rules,
    );
    if (outcome.ok && outcome.value.waived.length > 0) {
      waived.push({ memberId, waive: outcome.value.waived, reason: outcome.value.reason ?? '' });
    }
  });
  return { waived, refused };
};
