import { idsOf, ofOffice } from '../../rules/index.ts';
import { promote, recordResult } from './apply.ts';
import { assembly } from './assembly.ts';
import {
  afterSuggestionList,
  deputyCandidates,
  memberCandidates,
  nominatedOfficeElection,
} from './nominated-offices.ts';
import { advance, halt } from './outcome.ts';

/** The elections at the assembly (差额直选): the secretary first, then deputies and committee. */

export const secretaryElection = assembly(
  async (ctx) => [
    {
      office: 'secretary',
      kind: 'election',
      candidates: idsOf(ofOffice(await ctx.candidates(), 'secretary', 'formal')),
      seats: ctx.election.seats.secretary,
    },
  ],
  async (ctx, elected) => {
    const [secretary] = elected.get('secretary') ?? [];
    if (!secretary) return halt('书记选举未产生当选人');
    const pool = idsOf(ofOffice(await ctx.candidates(), 'secretary', 'formal'));
    await promote(
      ctx,
      'secretary',
      pool,
      [secretary],
      ['elected', 'not-elected'],
      'secretary-elected',
    );
    await recordResult(ctx, { secretary });
    return advance;
  },
);

// nanjing 副书记: after the secretary, directly and competitively (差额).
export const deputyElection = nominatedOfficeElection(
  'deputy',
  deputyCandidates,
  assembly(
    async (ctx) => [
      {
        office: 'deputy',
        kind: 'election',
        candidates: await deputyCandidates(ctx),
        seats: ctx.election.seats.deputies,
      },
    ],
    async (ctx, elected) => {
      const deputies = elected.get('deputy') ?? [];
      const pool = await deputyCandidates(ctx);
      await promote(ctx, 'deputy', pool, deputies, ['elected', 'not-elected'], 'deputies-elected');
      await recordResult(ctx, { deputies });
      return advance;
    },
  ),
);

// 第六条5: at the same assembly, right after the secretary — once the secretary's list is in.
export const memberElection = afterSuggestionList(
  nominatedOfficeElection(
    'member',
    memberCandidates,
    assembly(
      async (ctx) => [
        {
          office: 'member',
          kind: 'election',
          candidates: await memberCandidates(ctx),
          seats: ctx.election.seats.members,
        },
      ],
      async (ctx, elected) => {
        const members = elected.get('member') ?? [];
        await promote(
          ctx,
          'member',
          await memberCandidates(ctx),
          members,
          ['elected', 'not-elected'],
          'members-elected',
        );
        await recordResult(ctx, { members });
        return advance;
      },
    ),
  ),
);
