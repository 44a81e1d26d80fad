import { checkPreliminaryList, idsOf, ofOffice } from '../../rules/index.ts';
import { nominatedOffices, tooFew } from './nominated-offices.ts';
import { openObjections } from './open-work.ts';
import { advance, halt, type StageLogic } from './outcome.ts';
import { listed, members, organization, tell, window } from './tell.ts';

/** 初步人选公示: published to every member; objections upheld may leave too few (差额). */

export const preliminaryNotice: StageLogic = {
  timed: true,
  async begin(ctx) {
    // One notice an office (nanjing publishes its deputy and committee nominees too).
    for (const office of ['secretary', 'deputy', 'member'] as const) {
      const preliminary = idsOf(ofOffice(await ctx.candidates(), office, 'preliminary'));
      if (preliminary.length === 0) continue;
      await tell(
        ctx,
        await members(ctx),
        'notice-published',
        {
          organization: await organization(ctx),
          notice: 'preliminary',
          office,
          candidates: await listed(ctx, preliminary),
          ...window(ctx),
        },
        office === 'secretary' ? undefined : `${ctx.stage}-${office}`,
      );
    }
  },
  waitingFor: openObjections,
  async finish(ctx) {
    const candidates = await ctx.candidates();
    const left = idsOf(ofOffice(candidates, 'secretary', 'preliminary'));
    const check = checkPreliminaryList(left, ctx.election.rules);
    if (!check.ok)
      return halt(
        `公示期异议成立后书记初步人选不足:${check.violations.map((v) => v.message).join(';')}`,
      );
    for (const office of nominatedOffices(ctx)) {
      const count = ofOffice(candidates, office, 'preliminary').length;
      const refused = tooFew(ctx, office, count, '公示期异议成立后');
      if (refused) return refused;
    }
    return advance;
  },
};
