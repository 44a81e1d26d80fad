import { electionScope } from '../../election/access.ts';
import { type CandidateStatus, type Office, promotions } from '../../rules/index.ts';
import { changeStatuses } from '../../store/candidate-statuses.ts';
import { saveElection } from '../../store/elections.ts';
import type { StageContext } from '../context.ts';

/** What a stage applies once the rules said: candidates moved along the funnel, the result. */

/** The pool's candidates moved on: those put `through` go up, the others down (rules/pools.ts). */
export const promote = async (
  ctx: StageContext,
  office: Office,
  pool: readonly string[],
  through: readonly string[],
  statuses: [CandidateStatus, CandidateStatus],
  action: string,
) =>
  changeStatuses(
    ctx.election,
    promotions(office, pool, through, statuses),
    action,
    await ctx.candidates(),
  );

export const recordResult = async (
  ctx: StageContext,
  part: Partial<NonNullable<StageContext['election']['result']>>,
) => {
  const result = { secretary: null, deputies: [], members: [], ...ctx.election.result, ...part };
  ctx.election = await saveElection(
    { ...ctx.election, result },
    {
      scope: electionScope(ctx.election.id),
      actor: 'workflow',
      action: 'result-recorded',
      data: { stage: ctx.stage, result },
    },
  );
};
