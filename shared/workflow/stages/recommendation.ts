import { idsOf, ofOffice, recommendationPlaces } from '../../rules/index.ts';
import { promote } from './apply.ts';
import { assembly, candidatesIn, chainRounds, officeChain } from './assembly.ts';
import { beforeFirstRound, nominatedOffices, tooFew } from './nominated-offices.ts';
import { advance } from './outcome.ts';

/** The assemblies before the vote that narrow the funnel: 推荐, 党内推荐, 满意度测评. */

const preliminarySecretaries = candidatesIn('secretary', 'preliminary');

export const recommendation = assembly(
  async (ctx) => [
    {
      ...(await officeChain(ctx, 'secretary', 'recommendation', preliminarySecretaries)),
      // 第一篇: 公推时,至少产生4名推荐人选 (community: 确定考察人选3名).
      places: recommendationPlaces(ctx.election.rules, 'secretary', ctx.election.seats.secretary),
    },
  ],
  async (ctx, elected) => {
    const pool = await preliminarySecretaries(ctx);
    await promote(
      ctx,
      'secretary',
      pool,
      elected.get('secretary') ?? [],
      ['recommended', 'eliminated'],
      'recommendation-applied',
    );
    return advance;
  },
);

// yuyang 党内推荐: the self-nominated go before the branch assembly, secretary then committee.
export const partyRecommendation = beforeFirstRound(
  assembly(
    async (ctx) => {
      const candidates = await ctx.candidates();
      const { seats, rules } = ctx.election;
      return [
        {
          office: 'secretary',
          kind: 'recommendation',
          candidates: idsOf(
            ofOffice(candidates, 'secretary', 'nominated', 'recommended', 'eliminated'),
          ),
          seats: seats.secretary,
          places: recommendationPlaces(rules, 'secretary', seats.secretary),
        },
        {
          office: 'member',
          kind: 'recommendation',
          candidates: idsOf(
            ofOffice(candidates, 'member', 'nominated', 'recommended', 'eliminated'),
          ),
          seats: seats.members,
          places: rules.memberRecommendationFactor * seats.members,
        },
      ];
    },
    async (ctx, elected) => {
      const candidates = await ctx.candidates();
      for (const office of ['secretary', 'member'] as const) {
        const pool = idsOf(ofOffice(candidates, office, 'nominated', 'recommended', 'eliminated'));
        await promote(
          ctx,
          office,
          pool,
          elected.get(office) ?? [],
          ['recommended', 'eliminated'],
          'party-recommendation-applied',
        );
      }
      return advance;
    },
  ),
  // 差额 from the start: a recommendation among too few nominees would choose nobody.
  async (ctx) => {
    const nominated = await ctx.candidates();
    for (const office of ['secretary', ...nominatedOffices(ctx)] as const) {
      const count = ofOffice(nominated, office, 'nominated').length;
      const refused = tooFew(ctx, office, count, '党内推荐前');
      if (refused) return refused;
    }
    return null;
  },
);

export const evaluation = assembly(
  async (ctx) => {
    const candidates = await ctx.candidates();
    // Nominees still in the running when the evaluation began (rounds keep their own list).
    return (['secretary', 'member'] as const).map((office) => ({
      office,
      kind: 'evaluation' as const,
      candidates: idsOf(ofOffice(candidates, office, 'recommended')),
      seats: 1,
    }));
  },
  async (ctx, elected) => {
    for (const office of ['secretary', 'member'] as const) {
      const first = (await chainRounds(ctx, office))[0];
      if (!first) continue;
      await promote(
        ctx,
        office,
        first.candidates,
        elected.get(office) ?? [],
        ['recommended', 'eliminated'],
        'evaluation-applied',
      );
    }
    // 测评满意票未超过实投票人数半数者直接淘汰: those left must still be more than the seats.
    for (const office of ['secretary', ...nominatedOffices(ctx)] as const) {
      const refused = tooFew(ctx, office, (elected.get(office) ?? []).length, '群众满意度测评后');
      if (refused) return refused;
    }
    return advance;
  },
);
