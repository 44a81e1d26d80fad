import { idsOf, ofOffice } from '../../rules/index.ts';
import type { StageContext } from '../context.ts';
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

/**
 * A direct, competitive (差额) vote for one office over `pool`: those elected go through, the
 * others are not elected, and the result records them (`deputies` or `members`).
 */
const officeElection = (
  office: 'deputy' | 'member',
  pool: (ctx: StageContext) => Promise<string[]>,
  seats: (ctx: StageContext) => number,
  action: string,
  result: (elected: string[]) => Parameters<typeof recordResult>[1],
) =>
  assembly(
    async (ctx) => [{ office, kind: 'election', candidates: await pool(ctx), seats: seats(ctx) }],
    async (ctx, elected) => {
      const through = elected.get(office) ?? [];
      await promote(ctx, office, await pool(ctx), through, ['elected', 'not-elected'], action);
      await recordResult(ctx, result(through));
      return advance;
    },
  );

// nanjing 副书记: after the secretary, directly and competitively (差额).
export const deputyElection = nominatedOfficeElection(
  'deputy',
  deputyCandidates,
  officeElection(
    'deputy',
    deputyCandidates,
    (ctx) => ctx.election.seats.deputies,
    'deputies-elected',
    (deputies) => ({ deputies }),
  ),
);

// 第六条5: at the same assembly, right after the secretary — once the secretary's list is in.
export const memberElection = afterSuggestionList(
  nominatedOfficeElection(
    'member',
    memberCandidates,
    officeElection(
      'member',
      memberCandidates,
      (ctx) => ctx.election.seats.members,
      'members-elected',
      (members) => ({ members }),
    ),
  ),
);
