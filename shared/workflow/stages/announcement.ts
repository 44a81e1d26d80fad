import type { StageContext } from '../context.ts';
import { advance, type StageLogic } from './outcome.ts';
import { members, organization, tell } from './tell.ts';

/** 公告: the election announced to every member; then the nominations run until their deadline. */

export const announcement: StageLogic = {
  timed: true,
  async begin(ctx: StageContext) {
    const { rules, calendar, seats } = ctx.election;
    await tell(ctx, await members(ctx), 'announcement', {
      organization: await organization(ctx),
      seats,
      rules,
      calendar,
    });
  },
  finish: async () => advance,
};

export const nomination: StageLogic = { timed: true, finish: async () => advance };
