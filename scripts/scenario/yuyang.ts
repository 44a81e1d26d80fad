import { entitledMembers } from '../../shared/rules/index.ts';
import { ApiFailure } from './client.ts';
import { makeRoll } from './roll.ts';
import type { RoundView, Tally } from './session.ts';
import {
  completion,
  eligibleIds,
  type Marks,
  openElection,
  type RunOptions,
  type ScenarioOutcome,
  withDefaults,
} from './steps.ts';

/**
 * `yuyang` (第三篇, 渝阳煤矿 社区三党支部) driven through the HTTP API as its people would:
 * 两推一评 — members put themselves forward (自我推), the branch assembly recommends by secret
 * ballot (党内推), the non-party employees rate each nominee (民主评: 不满意 enough and they are
 * out) — then the five gates: eligibility review, speech, questions, the vote (the secretary
 * first, then the committee, by votes; the seed's 22 members tied 11–11 and voted again among
 * the two) and the 矿党委's approval of the whole result. Any full member of 2 years' party age
 * may stand (有2年以上党龄…的正式党员均可自荐): no age or education condition.
 */

export type YuyangOptions = RunOptions;

/** Who the scenario put forward (member ids) and what became of them. */
export interface YuyangCast {
  /**
   * Four self-nominated for secretary: the first two stand in the election, the third fails the
   * employees' evaluation, the fourth the party recommendation.
   */
  secretaries: [string, string, string, string];
  /**
   * Five for the committee: the first three stand in the election, the fourth fails the
   * evaluation (exactly half 满意), the fifth the party recommendation.
   */
  members: [string, string, string, string, string];
}

export interface YuyangResult extends ScenarioOutcome {
  cast: YuyangCast;
  /** What the API answered to a joint nomination (the preset takes self-nominations only). */
  jointNominationStatus: number | null;
  /** Every round held, in order, with its tally. */
  rounds: { round: RoundView; tally: Tally }[];
}

export const YUYANG_SEATS = { secretary: 1, deputies: 0, members: 2 };

/** 实投票 of the evaluation: 50 of the branch's 80 non-party employees (more than half). */
const EMPLOYEES = { expected: 80, present: 50 };

/** Ballots of a recommendation round of the one constituency `members`, each naming `choices`. */
const partyBallots = (round: RoundView, choices: readonly (readonly string[])[]) =>
  choices.map((names, n) => ({
    serial: `${round.id}-${n + 1}`,
    constituency: 'members',
    choices: [...names],
  }));

/** `n` ballots naming `names`, for each [names, n]. */
const repeat = (groups: readonly (readonly [readonly string[], number])[]) =>
  groups.flatMap(([names, n]) => Array.from({ length: n }, () => names));

/** Evaluation ballots: for each nominee, how many rate them 满意 and 基本满意 (the rest 不满意). */
const evaluationBallots = (round: RoundView, satisfied: Record<string, [number, number]>) =>
  Array.from({ length: EMPLOYEES.present }, (_, n) => ({
    serial: `${round.id}-${n + 1}`,
    ratings: Object.fromEntries(
      round.candidates.map((id) => {
        const [yes, basically] = satisfied[id] ?? [0, 0];
        return [id, n < yes ? 'satisfied' : n < yes + basically ? 'basically' : 'unsatisfied'];
      }),
    ),
  }));

export const runYuyangElection = async (options: YuyangOptions): Promise<YuyangResult> => {
  const { api, secret, orgId, dayLengthMs, log } = withDefaults(options, 'sanzhibu');
  const rounds: { round: RoundView; tally: Tally }[] = [];
  /** A round held: kept, and its count read out as the assembly hears it. */
  const held = async (holding: Promise<{ round: RoundView; tally: Tally }>) => {
    const round = await holding;
    rounds.push(round);
    await steps.readOut(round.round.id);
  };

  // ——— 社区三党支部: 24 on the roll, 22 of them entitled to vote ———
  const roll = makeRoll(24, 2010, `${orgId}-`);
  const voters = entitledMembers(roll).length;
  const { people, startsAt, electionId, steps } = await openElection({
    api,
    secret,
    organization: {
      id: orgId,
      name: '渝阳煤矿社区三党支部',
      level: 'branch',
      superior: { name: '渝阳煤矿党委', emails: ['kuangdangwei@example.cn'] },
      roll,
    },
    preset: 'yuyang',
    seats: YUYANG_SEATS,
    dayLengthMs,
    log,
    stageTimeoutMs: options.stageTimeoutMs,
  });
  log(`渝阳: 选举 ${electionId}(${orgId},名册 ${roll.length} 人,有选举权 ${voters} 人)`);
  await steps.holdOpen('nomination');

  // ——— 自我推: self-nominations only ———
  const eligible = eligibleIds(roll, 'yuyang', startsAt, dayLengthMs, 10);
  const [a, b, c, d, e, f, g, h, i, jointNominee] = eligible;
  const cast: YuyangCast = { secretaries: [a, b, c, d], members: [e, f, g, h, i] };
  await steps.reach('nomination');
  for (const [office, ids] of [
    ['secretary', cast.secretaries],
    ['member', cast.members],
  ] as const) {
    for (const id of ids)
      await steps.nominate(await people.member(id), { kind: 'self', office, nomineeId: id });
  }
  // 第三篇 sets no age or education condition: nearly every full member may stand, so the
  // supporters of the (refused) joint nomination are simply members not standing.
  const standing = [...cast.secretaries, ...cast.members];
  const supporters = entitledMembers(roll)
    .map((m) => m.id)
    .filter((id) => !standing.includes(id) && id !== jointNominee)
    .slice(0, 5);
  let jointNominationStatus: number | null = null;
  try {
    await steps.nominate(await people.member(supporters[0] as string), {
      kind: 'joint',
      office: 'member',
      nomineeId: jointNominee,
      supporterIds: supporters,
    });
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    jointNominationStatus = error.status;
  }
  log(`自荐: 书记 4 人、支委 5 人(联名举荐不受理: ${jointNominationStatus})`);
  await steps.closeSoon('nomination');

  // ——— 党内推: the branch assembly, by secret ballot; secretary first, then the committee ———
  await steps.reach('party-recommendation');
  const party = (office: string, names: readonly (readonly [readonly string[], number])[]) =>
    steps.holdRound('party-recommendation', {
      office,
      // One constituency, the branch's members: 应到 is the roll's entitled members.
      attendance: () => ({ present: voters, ballotsIssued: voters }),
      ballots: (round) => partyBallots(round, repeat(names)),
    });
  await held(
    party('secretary', [
      [[a], 8],
      [[b], 7],
      [[c], 5],
      [[d], 2],
    ]),
  );
  // Two seats: a ballot names up to two; the top 2 × 2 go on.
  await held(
    party('member', [
      [[e, f], 9],
      [[e, g], 5],
      [[f, h], 4],
      [[g, h], 2],
      [[i], 2],
    ]),
  );

  // ——— 民主评: 50 of 80 non-party employees rate each nominee ———
  await steps.reach('evaluation');
  const evaluate = (office: string, satisfied: Record<string, [number, number]>) =>
    steps.holdRound('evaluation', {
      office,
      attendance: () => ({
        present: EMPLOYEES.present,
        ballotsIssued: EMPLOYEES.present,
        constituencies: [{ id: 'employees', ...EMPLOYEES, ballotsIssued: EMPLOYEES.present }],
      }),
      ballots: (round) => evaluationBallots(round, satisfied),
    });
  // c: 20 满意 of 50 (and 20 基本满意, which do not count) — not more than half: out.
  await held(evaluate('secretary', { [a]: [41, 6], [b]: [36, 10], [c]: [20, 20] }));
  // h: exactly half 满意 — not more than half: out.
  await held(evaluate('member', { [e]: [44, 4], [f]: [38, 8], [g]: [30, 12], [h]: [25, 20] }));

  // ——— 资格审查关 ———
  await steps.reach('eligibility-review');
  for (const id of [a, b]) await steps.decide(id, 'secretary', 'accept');
  for (const id of [e, f, g]) await steps.decide(id, 'member', 'accept');

  // ——— 现场演说关, 回答提问关, 投票选举关: the secretary (22 voters, 11–11, then again) ———
  await steps.reach('secretary-election');
  await steps.statement(a, 'speech', '当好支部书记:带头讲安全、抓生产,关心退休党员和困难职工。');
  await steps.statement(b, 'speech', '抓好支部工作:每月一次党员活动日,发挥党员先锋模范作用。');
  const secretary =
    (forA: number) =>
    (n: number): Marks =>
      n < forA ? { [a]: 'for', [b]: 'against' } : { [a]: 'against', [b]: 'for' };
  await held(steps.holdElection('secretary-election', voters, secretary(voters / 2)));
  await held(steps.holdElection('secretary-election', voters, secretary(14)));

  // ——— the committee, by votes: 2 seats among e, f, g ———
  await steps.reach('member-election');
  await held(
    steps.holdElection('member-election', voters, (n) => ({
      [e]: 'for',
      [f]: n < 15 ? 'for' : 'against',
      [g]: n < 15 ? 'against' : 'for',
    })),
  );

  // ——— 监督审批关: the 矿党委 approves the whole result ———
  await steps.reach('approval');
  await steps.decideByLink('result');
  return { ...(await completion(steps, orgId, roll)), cast, jointNominationStatus, rounds };
};
