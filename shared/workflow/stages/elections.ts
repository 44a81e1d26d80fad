import type { StageContext } from '../context.ts';
import { promote, recordResult } from './apply.ts';
import { assembly, candidatesIn, officeChain } from './assembly.ts';
import {
  afterSuggestionList,
  deputyCandidates,
  memberCandidates,
  nominatedOfficeElection,
} from './nominated-offices.ts';
import { advance, halt } from './outcome.ts';

/** The elections at the assembly (差额直选): the secretary first, then deputies and committee. */

const formalSecretaries = candidatesIn('secretary', 'formal');

export const secretaryElection = assembly(
  async (ctx) => [await officeChain(ctx, 'secretary', 'election', formalSecretaries)],
  async (ctx, elected) => {
    const [secretary] = elected.get('secretary') ?? [];
    if (!secretary) return halt('书记选举未产生当选人');
    const pool = await formalSecretaries(ctx);
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

/** Where the result keeps those elected to an office below the secretary. */
const RESULT_KEY = { deputy: 'deputies', member: 'members' } as const;

/**
 * A direct, competitive (差额) vote for one office over `pool`: those elected go through, the
 * others are not elected, and the result records them (`deputies` or `members`).
 */
const officeElection = (
  office: 'deputy' | 'member',
  pool: (ctx: StageContext) => Promise<string[]>,
) =>
  assembly(
    async (ctx) => [await officeChain(ctx, office, 'election', pool)],
    async (ctx, elected) => {
      const through = elected.get(office) ?? [];
      const key = RESULT_KEY[office];
      await promote(
        ctx,
        office,
        await pool(ctx),
        through,
        ['elected', 'not-elected'],
        `${key}-elected`,
      );
      await recordResult(ctx, { [key]: through });
      return advance;
    },
  );

// nanjing 副书记: after the secretary, directly and competitively (差额).
export const deputyElection = nominatedOfficeElection(
  'deputy',
  deputyCandidates,
  officeElection('deputy', deputyCandidates),
);

// 第六条5: at the same assembly, right after the secretary — once the secretary's list is in.
export const memberElection = afterSuggestionList(
  nominatedOfficeElection('member', memberCandidates, officeElection('member', memberCandidates)),
);
