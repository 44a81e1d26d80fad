import { OFFICE_NAMES } from '../../notices/words.ts';
import {
  committeePool,
  deputyPool,
  higherOfficeHolders,
  idsOf,
  type Office,
  ofOffice,
  shortfall,
} from '../../rules/index.ts';
import { changeStatuses } from '../../store/candidate-statuses.ts';
import type { StageContext } from '../context.ts';
import { chainRounds, seatsOf } from './assembly.ts';
import { halt, type Outcome, type StageLogic, wait } from './outcome.ts';

/**
 * 差额 for the offices the nominations fill (nanjing's deputies and committee, yuyang's), and the
 * elections of the offices below the secretary.
 */

/**
 * The offices below the secretary whose candidates come from the nominations and stand in their
 * own election — not a committee drawn from the secretary's suggestion list (its 差额 is checked
 * when the list is submitted), nor an office without seats.
 */
export const nominatedOffices = (ctx: StageContext): Office[] =>
  (['deputy', 'member'] as const).filter(
    (office) =>
      ctx.election.rules.nominationOffices.includes(office) &&
      seatsOf(ctx, office) > 0 &&
      !(office === 'member' && ctx.election.rules.memberCandidates === 'suggestion-list'),
  );

/** 差额: a halt when `count` names are too few for the office's seats (rules: `shortfall`). */
export const tooFew = (
  ctx: StageContext,
  office: Office,
  count: number,
  when: string,
): Outcome | null => {
  const short = shortfall({
    office,
    count,
    seats: seatsOf(ctx, office),
    marginPercent: ctx.election.rules.competitionMarginPercent,
    when,
  });
  return short ? halt(short.message) : null;
};

/** A stage whose `prepare` runs before its first round: a halt it answers stops the stage. */
export const beforeFirstRound = (
  logic: StageLogic,
  prepare: (ctx: StageContext) => Promise<Outcome | null>,
): StageLogic => ({
  ...logic,
  async finish(ctx) {
    if ((await ctx.rounds()).length === 0) {
      const refused = await prepare(ctx);
      if (refused) return refused;
    }
    return logic.finish(ctx);
  },
});

/**
 * A direct election of an office the nominations fill. Before its first round, whoever now holds
 * a higher office stops standing for this one (eliminated, with the reason), and the list left
 * must still be competitive (差额) — else the election halts with the reason, before any vote.
 */
export const nominatedOfficeElection = (
  office: Office,
  standing: (ctx: StageContext) => Promise<string[]>,
  logic: StageLogic,
): StageLogic =>
  beforeFirstRound(logic, async (ctx) => {
    if (!nominatedOffices(ctx).includes(office)) return null;
    const holders = higherOfficeHolders(ctx.election.result, office);
    const candidates = await ctx.candidates();
    const withdrawn = ofOffice(candidates, office, 'preliminary', 'formal').filter((c) =>
      holders.has(c.memberId),
    );
    if (withdrawn.length > 0) {
      await changeStatuses(
        ctx.election,
        withdrawn.map(({ memberId }) => ({
          memberId,
          office,
          status: 'eliminated' as const,
          reason: `已当选为${OFFICE_NAMES[holders.get(memberId) ?? 'secretary']}`,
        })),
        'office-holders-withdrawn',
        candidates,
      );
    }
    return tooFew(ctx, office, (await standing(ctx)).length, '选举前');
  });

/**
 * Who still owes a committee suggestion list (委员建议名单, 差额): in the formal notice each
 * formal secretary candidate; in the committee election the elected secretary, when it has none
 * — a secretary elected by write-in was never a formal candidate (第五条: 书记提名委员).
 */
export const missingSuggestionLists = async (ctx: StageContext): Promise<string[]> => {
  const { rules, seats } = ctx.election;
  if (rules.memberCandidates !== 'suggestion-list' || seats.members === 0) return [];
  const candidates = await ctx.candidates();
  if (ctx.stage !== 'member-election') {
    return idsOf(ofOffice(candidates, 'secretary', 'formal').filter((c) => !c.suggestion));
  }
  const secretary = ctx.election.result?.secretary;
  if (!secretary || (await chainRounds(ctx, 'member')).length > 0) return [];
  const listed = candidates.some(
    (c) => c.office === 'secretary' && c.memberId === secretary && c.suggestion,
  );
  return listed ? [] : [secretary];
};

/** The committee election waits for the elected secretary's suggestion list before its vote. */
export const afterSuggestionList = (logic: StageLogic): StageLogic => ({
  ...logic,
  async waitingFor(ctx) {
    if ((await missingSuggestionLists(ctx)).length > 0) return 'suggestion-lists';
    return (await logic.waitingFor?.(ctx)) ?? null;
  },
  async finish(ctx) {
    if ((await missingSuggestionLists(ctx)).length > 0) return wait('suggestion-lists');
    return logic.finish(ctx);
  },
});

/** The committee election's candidates: its first round's, else the rules' pool. */
export const memberCandidates = async (ctx: StageContext): Promise<string[]> => {
  const candidates = await ctx.candidates();
  const first = (await chainRounds(ctx, 'member'))[0];
  if (first) return first.candidates;
  return committeePool(candidates, ctx.election.rules.memberCandidates, ctx.election.result);
};

/** The deputies' election candidates: its first round's, else the rules' pool. */
export const deputyCandidates = async (ctx: StageContext): Promise<string[]> => {
  const first = (await chainRounds(ctx, 'deputy'))[0];
  if (first) return first.candidates;
  return deputyPool(await ctx.candidates(), ctx.election.result);
};
