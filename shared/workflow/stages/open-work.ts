import { objectionsOf } from '../../election/candidates/objections.ts';
import { idsOf, ofOffice, reviewPool } from '../../rules/index.ts';
import type { StageContext } from '../context.ts';
import { missingSuggestionLists } from './nominated-offices.ts';
import { namesOf } from './tell.ts';

/** The people's work a stage waits for, and what of it is open for the organizers' reminder. */

/** The objections against this stage's notice still to be dealt with. */
const openObjectionsOf = async (ctx: StageContext) =>
  (await objectionsOf(ctx.election.id)).filter((o) => o.status === 'open' && o.stage === ctx.stage);

/** A notice stage waits while an objection against it is open. */
export const openObjections = async (ctx: StageContext): Promise<string | null> =>
  (await openObjectionsOf(ctx)).length > 0 ? 'objections' : null;

const OPEN_WORK_TASKS = [
  'eligibility-decisions',
  'objections',
  'inspections',
  'inspection-proposal',
  'suggestion-lists',
  'rounds',
  'round-decisions',
] as const;

/** What is open, item by item, for the organizers' reminder. */
export const openWork = async (
  ctx: StageContext,
  reason: string,
): Promise<{ task: (typeof OPEN_WORK_TASKS)[number] | 'other'; items: string[] }> => {
  const candidates = await ctx.candidates();
  const task = (OPEN_WORK_TASKS as readonly string[]).includes(reason)
    ? (reason as (typeof OPEN_WORK_TASKS)[number])
    : 'other';
  const items = await (async (): Promise<string[]> => {
    switch (task) {
      case 'eligibility-decisions':
        return namesOf(ctx, idsOf(reviewPool(candidates)));
      case 'inspections':
        return namesOf(
          ctx,
          idsOf(ofOffice(candidates, 'secretary', 'recommended').filter((c) => !c.inspection)),
        );
      case 'inspection-proposal': {
        const recommended = idsOf(ofOffice(candidates, 'secretary', 'recommended'));
        const chosen = ctx.election.rules.inspectionCount;
        return [
          `从 ${recommended.length} 名考察人选(${(await namesOf(ctx, recommended)).join('、')})中确定 ${chosen} 名提交上级党组织票决`,
        ];
      }
      case 'suggestion-lists':
        return namesOf(ctx, await missingSuggestionLists(ctx));
      case 'rounds':
        return (await ctx.rounds())
          .filter((r) => r.status === 'open')
          .map((r) => `投票轮次 ${r.id}`);
      case 'round-decisions':
        return (await ctx.rounds())
          .filter((r) => r.tally?.next === 'organizer-decision' && !r.decision)
          .map((r) => `投票轮次 ${r.id}`);
      case 'objections':
        return [`${(await openObjectionsOf(ctx)).length} 件异议待处理`];
      default:
        return [reason];
    }
  })();
  return { task, items: items.length > 0 ? items : [reason] };
};
