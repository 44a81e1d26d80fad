import { openRound } from '../../election/rounds/round.ts';
import { electedIn } from '../../election/rounds/tally.ts';
import {
  type CandidateStatus,
  idsOf,
  type Office,
  ofOffice,
  planRevote,
  type RevotePlan,
  type RoundKind,
} from '../../rules/index.ts';
import type { RoundRecord } from '../../store/records.ts';
import type { StageContext } from '../context.ts';
import { type Outcome, type StageLogic, wait } from './outcome.ts';

/**
 * An assembly stage votes in chains of rounds, one chain per office: a first round, then the
 * re-votes a tie, a shortfall, a void count or a missing quorum call for, or the organizers'
 * decision. The chain is done when its last round needs nothing more and — in an election —
 * every seat is filled or the organizers reduced the seats (SPEC §2.9); those who went on are
 * everyone any of its rounds (or a decision) put through.
 */

export interface ChainSpec {
  office: Office;
  kind: RoundKind;
  candidates: string[];
  /** Names a ballot may mark (recommendation) or seats to fill (election). */
  seats: number;
  /** How many go on (recommendation), when it differs from seats. */
  places?: number;
}

export type ChainState =
  | { state: 'not-started' }
  | { state: 'voting'; round: RoundRecord }
  | { state: 'decision'; round: RoundRecord }
  /** `next`: the round to open, when the close or decision did not open it. */
  | { state: 'needs-follow-up'; round: RoundRecord; next: RevotePlan }
  | { state: 'done'; elected: string[] };

/**
 * The seats an election chain fills: its first round's, less what the organizers' recorded
 * reductions took away (a reduction names the seats its round now fills).
 */
const seatsToFill = (rounds: readonly RoundRecord[]): number =>
  rounds.reduce(
    (seats, round) =>
      round.decision?.choice === 'reduce-seats' && round.decision.seats !== undefined
        ? seats - (round.seats - round.decision.seats)
        : seats,
    rounds[0]?.seats ?? 0,
  );

export const chainState = (rounds: readonly RoundRecord[]): ChainState => {
  const latest = rounds.at(-1);
  if (!latest) return { state: 'not-started' };
  if (latest.status === 'open') return { state: 'voting', round: latest };
  const next = latest.tally?.next;
  if (next === 'organizer-decision' && !latest.decision)
    return { state: 'decision', round: latest };
  // A re-vote the tally or the organizers called for, which its close or decision did not open.
  const revote = planRevote(latest, latest.tally);
  if (revote) return { state: 'needs-follow-up', round: latest, next: revote };
  const elected = [...new Set(rounds.flatMap(electedIn))];
  // A seat is never lost (SPEC §2.9): rounds that elected fewer than the seats — a tally that
  // let an already elected member take a seat again — call for a further round (另行选举).
  const missing = latest.kind === 'election' ? seatsToFill(rounds) - elected.length : 0;
  if (missing > 0) {
    const standing = (rounds[0] as RoundRecord).candidates.filter((id) => !elected.includes(id));
    return {
      state: 'needs-follow-up',
      round: latest,
      next: { candidates: standing, seats: missing, revotesSoFar: latest.revotesSoFar + 1 },
    };
  }
  return { state: 'done', elected };
};

/** The rounds of one office's chain in this stage. */
export const chainRounds = async (ctx: StageContext, office: Office) =>
  (await ctx.rounds()).filter((round) => round.office === office);

/** The ids of an office's candidates in a status: a single-office vote's names and its pool. */
export const candidatesIn =
  (office: Office, status: CandidateStatus) =>
  async (ctx: StageContext): Promise<string[]> =>
    idsOf(ofOffice(await ctx.candidates(), office, status));

/** The seats the election fills for an office. */
export const seatsOf = ({ election: { seats } }: StageContext, office: Office): number =>
  office === 'secretary' ? seats.secretary : office === 'deputy' ? seats.deputies : seats.members;

/** The chain of a single-office vote: `pool` stands for the seats the election fills for it. */
export const officeChain = async (
  ctx: StageContext,
  office: Office,
  kind: RoundKind,
  pool: (ctx: StageContext) => Promise<string[]>,
): Promise<ChainSpec> => ({
  office,
  kind,
  candidates: await pool(ctx),
  seats: seatsOf(ctx, office),
});

/**
 * An assembly stage over its chains: it waits while a chain votes or awaits the organizers,
 * opens each chain's first round and the re-votes their close or decision did not open, and
 * once every chain is done applies who went on (`apply`).
 */
export const assembly = (
  chains: (ctx: StageContext) => Promise<ChainSpec[]>,
  apply: (ctx: StageContext, elected: Map<Office, string[]>) => Promise<Outcome>,
): StageLogic => ({
  timed: false,
  async waitingFor(ctx) {
    for (const spec of await chains(ctx)) {
      const state = chainState(await chainRounds(ctx, spec.office));
      if (state.state === 'voting') return 'rounds';
      if (state.state === 'decision') return 'round-decisions';
      if (state.state !== 'done') return null;
    }
    return null;
  },
  async finish(ctx) {
    const elected = new Map<Office, string[]>();
    for (const spec of await chains(ctx)) {
      const state = chainState(await chainRounds(ctx, spec.office));
      if (state.state === 'not-started') {
        if (spec.candidates.length === 0 || spec.seats === 0) {
          elected.set(spec.office, []);
          continue;
        }
        await openRound(ctx.election, { ...spec, stage: ctx.stage, revotesSoFar: 0 }, 'workflow');
        return wait('rounds');
      }
      if (state.state === 'needs-follow-up') {
        await openRound(
          ctx.election,
          {
            office: spec.office,
            kind: state.round.kind,
            stage: ctx.stage,
            ...state.next,
          },
          'workflow',
        );
        return wait('rounds');
      }
      if (state.state === 'voting' || state.state === 'decision') {
        return wait(state.state === 'voting' ? 'rounds' : 'round-decisions');
      }
      elected.set(spec.office, state.elected);
    }
    return apply(ctx, elected);
  },
});
