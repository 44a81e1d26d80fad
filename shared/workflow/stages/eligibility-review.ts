import {
  type CandidateStatus,
  checkPreliminaryList,
  idsOf,
  ofOffice,
  reviewPool,
  shortfall,
  type Violation,
} from '../../rules/index.ts';
import { changeStatuses } from '../../store/candidate-statuses.ts';
import { listNominations } from '../../store/nominations.ts';
import { nominatedOffices, tooFew } from './nominated-offices.ts';
import { advance, halt, type StageLogic } from './outcome.ts';
import { namesOf, organization, organizers, tell, window } from './tell.ts';

/** 资格审查: the organizers decide on every nominee; those admitted go on, 差额 permitting. */

export const eligibilityReview: StageLogic = {
  timed: true,
  async begin(ctx) {
    // yuyang reviews after its recommendation and evaluation: not those they eliminated.
    const candidates = (await ctx.candidates()).filter((c) => c.status !== 'eliminated');
    const nominations = await listNominations(ctx.election.id);
    await tell(ctx, await organizers(ctx), 'eligibility-review-list', {
      organization: await organization(ctx),
      until: window(ctx).until,
      minPreliminarySecretary: ctx.election.rules.minPreliminarySecretary,
      nominees: await Promise.all(
        candidates.map(async (c) => ({
          name: (await namesOf(ctx, [c.memberId]))[0] ?? c.memberId,
          office: c.office,
          kinds: nominations
            .filter((n) => n.nomineeId === c.memberId && n.office === c.office)
            .map((n) => n.kind),
          check: c.check,
        })),
      ),
    });
  },
  async waitingFor(ctx) {
    return reviewPool(await ctx.candidates()).length > 0 ? 'eligibility-decisions' : null;
  },
  async finish(ctx) {
    const candidates = await ctx.candidates();
    const { rules } = ctx.election;
    // Candidates reviewed now go to the 公示 where there is one, else straight to the vote.
    const published = rules.stages.includes('preliminary-notice');
    const next: CandidateStatus = published ? 'preliminary' : 'formal';
    const eligible = candidates.filter((c) => c.status === 'eligible');
    const secretaries = idsOf(ofOffice(eligible, 'secretary', 'eligible'));
    const check = published ? checkPreliminaryList(secretaries, rules) : undefined;
    const short = published
      ? null
      : shortfall({
          office: 'secretary',
          count: secretaries.length,
          seats: 1,
          marginPercent: rules.competitionMarginPercent,
          when: '',
        });
    const violations: Violation[] = check && !check.ok ? check.violations : short ? [short] : [];
    if (violations.length > 0)
      return halt(`资格审查后书记人选不足:${violations.map((v) => v.message).join(';')}`);
    for (const office of nominatedOffices(ctx)) {
      const count = ofOffice(eligible, office, 'eligible').length;
      const refused = tooFew(ctx, office, count, '资格审查后');
      if (refused) return refused;
    }
    await changeStatuses(
      ctx.election,
      eligible.map((c) => ({ memberId: c.memberId, office: c.office, status: next })),
      'candidates-confirmed',
      candidates,
    );
    return advance;
  },
};
