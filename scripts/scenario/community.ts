import { COMMUNITY_STAGES, type Member } from '../../shared/rules/index.ts';
import {
  closeSoon,
  decideByLink,
  decideEligibility,
  eligibleMembers,
  holdElectionRound,
  holdRecommendation,
  inspect,
  nominateSecretaries,
  objectAndResolve,
  type RecommendationVote,
  statement,
  suggest,
} from './actions.ts';
import {
  type ElectionView,
  type Session,
  type SessionOptions,
  startElection,
  type Tally,
} from './session.ts';
import { outcomeOf, type ScenarioOutcome } from './steps.ts';

/**
 * A whole `community` election driven through the HTTP API as its people would: the organizers,
 * members nominating, tellers entering paper ballots, the scrutineer closing the count, the
 * superior approving by the e-mailed link. Used by `npm run demo` and the end-to-end tests,
 * which replace a phase (a tie, a void round, a rejection…) or stop after one.
 */

export interface ScenarioOptions extends Omit<SessionOptions, 'startsInMs'> {
  /** Phases done otherwise than by default (each starts by waiting for its stage). */
  phases?: Partial<Record<PhaseName, Phase>>;
  /** Stop after this phase instead of waiting for `completed`. */
  until?: PhaseName;
  /**
   * The organizers close each notice window as soon as its work is done (moving its deadline)
   * instead of waiting the planned days: the same election, sooner.
   */
  brisk?: boolean;
}

export interface ScenarioResult extends ScenarioOutcome {
  tallies: Record<string, Tally>;
  run: CommunityRun;
}

/** What the phases share as the election runs. */
export interface CommunityRun {
  session: Session;
  brisk: boolean;
  /** The four secretary nominees: self, joint, organization, self. */
  nominees: Member[];
  /** Eligible members who are not nominees (committee suggestions come from them). */
  others: Member[];
  tallies: Record<string, Tally>;
  /** The suggestion list of each formal candidate, by member id. */
  suggestions: Record<string, string[]>;
}

export type Phase = (run: CommunityRun) => Promise<void>;

/**
 * The community's stages where its people act, in order: the announcement only passes, and the
 * eligibility review is decided in the nomination phase as the nominations come in.
 */
export type PhaseName = Exclude<
  (typeof COMMUNITY_STAGES)[number],
  'announcement' | 'eligibility-review'
>;
export const PHASES = COMMUNITY_STAGES.filter(
  (stage): stage is PhaseName => stage !== 'announcement' && stage !== 'eligibility-review',
);

/** The candidates of an office with one of these statuses, in nominee order. */
export const withStatus = (run: CommunityRun, view: ElectionView, status: string): Member[] =>
  run.nominees.filter((m) =>
    view.candidates.some(
      (c) => c.memberId === m.id && c.office === 'secretary' && c.status === status,
    ),
  );

/** The default recommendation: a ahead of b ahead of c; d last (the top 3 go on). */
export const DEFAULT_RECOMMENDATION = ([a, b, c, d]: readonly Member[]): RecommendationVote => {
  const [ia, ib, ic, id] = [a, b, c, d].map((m) => (m as Member).id) as [
    string,
    string,
    string,
    string,
  ];
  return {
    units: [
      [ia, 14],
      [ib, 10],
      [ic, 7],
      [id, 3],
    ],
    residents: [
      [ia, 52],
      [ib, 41],
      [ic, 33],
      [id, 20],
    ],
    blank: { units: 1, residents: 4 },
  };
};

/** The secretary vote: the first formal candidate gets two thirds of the 赞成. */
export const DEFAULT_SECRETARY_MARKS =
  (first: string, second: string) =>
  (i: number): Record<string, 'for' | 'against'> =>
    i % 3 === 2 ? { [first]: 'against', [second]: 'for' } : { [first]: 'for', [second]: 'against' };

/** The committee vote: the first two on the list are elected, the third is not. */
export const DEFAULT_MEMBER_MARKS = (
  i: number,
  [m1, m2, m3]: readonly string[],
): Record<string, 'for' | 'against' | 'abstain'> => ({
  [m1 as string]: 'for',
  [m2 as string]: i % 4 === 3 ? 'abstain' : 'for',
  [m3 as string]: i % 2 ? 'against' : 'abstain',
});

export const COMMUNITY_PHASES: Record<PhaseName, Phase> = {
  async nomination(run) {
    const { session, nominees } = run;
    await session.reach('nomination');
    await nominateSecretaries(session, nominees);
    session.log(`提名 ${nominees.length} 人: ${nominees.map((m) => m.name).join('、')}`);
    for (const nominee of nominees) await decideEligibility(session, nominee, 'accept');
    await closeSoon(session, 'nomination');
  },

  async 'preliminary-notice'(run) {
    const { session } = run;
    await session.reach('preliminary-notice');
    await objectAndResolve(session, run.nominees[3] as Member);
    session.log('公示期异议 1 件,经核实不成立');
    if (run.brisk) await closeSoon(session, 'preliminary-notice');
  },

  async recommendation(run) {
    const { session } = run;
    await session.reach('recommendation');
    const round = await session.openRound('recommendation');
    const tally = await holdRecommendation(session, round, DEFAULT_RECOMMENDATION(run.nominees));
    run.tallies.recommendation = tally;
    await session.readOut(round.id);
  },

  async inspection(run) {
    const { session } = run;
    const view = await session.reach('inspection');
    const recommended = withStatus(run, view, 'recommended');
    await inspect(session, recommended);
    await decideByLink(session, 'inspection', {
      decision: 'approve',
      selection: recommended.slice(0, 2).map((m) => m.id),
      comment: '同意',
    });
  },

  async 'formal-notice'(run) {
    const { session, others } = run;
    const view = await session.reach('formal-notice');
    const [first, second] = withStatus(run, view, 'formal') as [Member, Member];
    run.suggestions[first.id] = others.slice(0, 3).map((m) => m.id);
    run.suggestions[second.id] = others.slice(3, 6).map((m) => m.id);
    await suggest(session, first, run.suggestions[first.id] as string[], 'candidate');
    await suggest(session, second, run.suggestions[second.id] as string[], 'organizer');
    await statement(session, first, '我承诺:抓党建、促就业、办实事,三年内新增就业岗位 50 个。');
    await statement(session, second, '我承诺:完善社区服务平台,化解物业纠纷。');
    session.log('委员建议名单已提交(各 3 名,差额)');
    if (run.brisk) await closeSoon(session, 'formal-notice');
  },

  async 'secretary-election'(run) {
    const { session } = run;
    await session.reach('secretary-election');
    const round = await session.openRound('secretary-election');
    const [first, second] = run.nominees.filter((m) => round.candidates.includes(m.id)) as [
      Member,
      Member,
    ];
    const tally = await holdElectionRound(session, round, {
      marksOf: DEFAULT_SECRETARY_MARKS(first.id, second.id),
    });
    run.tallies['secretary-election'] = tally;
    await session.readOut(round.id);
  },

  async 'member-election'(run) {
    const { session } = run;
    await session.reach('member-election');
    const round = await session.openRound('member-election');
    const tally = await holdElectionRound(session, round, { marksOf: DEFAULT_MEMBER_MARKS });
    run.tallies['member-election'] = tally;
    await session.readOut(round.id);
  },

  async 'secretary-approval'(run) {
    await run.session.reach('secretary-approval');
    await decideByLink(run.session, 'secretary');
  },

  async 'member-approval'(run) {
    await run.session.reach('member-approval');
    await decideByLink(run.session, 'members');
  },
};

/** The organization, its roll and the election; the people's cast (nominees, the others). */
export const startCommunityElection = async (options: ScenarioOptions): Promise<CommunityRun> => {
  const session = await startElection(options);
  const eligible = eligibleMembers(session);
  const nominees = eligible.slice(0, 4);
  const run: CommunityRun = {
    session,
    brisk: options.brisk ?? false,
    nominees,
    others: eligible.slice(4),
    tallies: {},
    suggestions: {},
  };
  // The organizers keep the nomination window open until the nominations are in (then close
  // it: a moved deadline), however long the announcement takes.
  await session.moveDeadline('nomination', new Date(Date.now() + 60 * session.dayLengthMs));
  // The announcement's window opens at the start; a brisk organizer closes it soon after.
  if (run.brisk) {
    const soon = Math.max(Date.parse(session.startsAt), Date.now()) + 1000;
    await session.moveDeadline('announcement', new Date(soon));
  }
  return run;
};

/** Runs the phases from `from` (default the first) through `until` (default the last). */
export const runPhases = async (
  run: CommunityRun,
  options: Pick<ScenarioOptions, 'phases' | 'until'> & { from?: PhaseName } = {},
) => {
  const first = options.from ? PHASES.indexOf(options.from) : 0;
  const last = options.until ? PHASES.indexOf(options.until) : PHASES.length - 1;
  for (const name of PHASES.slice(first, last + 1)) {
    await (options.phases?.[name] ?? COMMUNITY_PHASES[name])(run);
  }
};

export const runCommunityElection = async (options: ScenarioOptions): Promise<ScenarioResult> => {
  const run = await startCommunityElection(options);
  await runPhases(run, options);
  const final = options.until ? await run.session.view() : await run.session.reach('completed');
  return { ...outcomeOf(final, run.session), tallies: run.tallies, run };
};
