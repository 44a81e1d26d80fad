import { idsOf, ofOffice } from '../../rules/index.ts';
import { missingSuggestionLists, tooFew } from './nominated-offices.ts';
import { openObjections } from './open-work.ts';
import { advance, type StageLogic } from './outcome.ts';
import { listed, members, organization, tell, window } from './tell.ts';

/**
 * 正式候选人公示: the formal secretary candidates published; it waits for the objections and
 * their committee suggestion lists, and halts if too few are left (差额).
 */

export const formalNotice: StageLogic = {
  timed: true,
  async begin(ctx) {
    const formal = idsOf(ofOffice(await ctx.candidates(), 'secretary', 'formal'));
    if (formal.length === 0) return;
    await tell(ctx, await members(ctx), 'notice-published', {
      organization: await organization(ctx),
      notice: 'formal',
      office: 'secretary',
      candidates: await listed(ctx, formal),
      ...window(ctx),
    });
  },
  async waitingFor(ctx) {
    const objections = await openObjections(ctx);
    if (objections) return objections;
    return (await missingSuggestionLists(ctx)).length > 0 ? 'suggestion-lists' : null;
  },
  async finish(ctx) {
    const formal = ofOffice(await ctx.candidates(), 'secretary', 'formal');
    return tooFew(ctx, 'secretary', formal.length, '正式候选人公示后') ?? advance;
  },
};
