// Proves, on the local stack through the HTTP API, that a `yuyang` election (两推一评 + 五关) runs
// to `completed`: self-nominations only, the party recommendation, the employees' evaluation
// eliminating who is not rated 满意 by more than half, the review, the secretary's 11–11 tie voted
// again among the two, the committee by votes, one approval of the whole result — and that an
// evaluation leaving too few for a competitive vote halts the election, saying why.
import { describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../../../scripts/scenario/actions.ts';
import { recountEveryRound } from '../../../scripts/scenario/recount.ts';
import { makeRoll } from '../../../scripts/scenario/roll.ts';
import type { AuditView } from '../../../scripts/scenario/session.ts';
import { eligibleMembers, openElection } from '../../../scripts/scenario/steps.ts';
import {
  runYuyangElection,
  YUYANG_SEATS,
  type YuyangResult,
} from '../../../scripts/scenario/yuyang.ts';
import { checkEligibility, electionDay, PRESETS } from '../../../shared/rules/index.ts';
import { organizersRead, statusOf, useScenario, useStack } from '../../support/e2e.ts';

const SECRET = 'e2e-yuyang-secret';
const DAY = 300;

const stack = useStack(SECRET);
/** The one election most tests below read, started once and awaited by each. */
const election = useScenario(stack, (api) =>
  runYuyangElection({ api, secret: SECRET, dayLengthMs: DAY }),
);

/** The rounds the scenario held in a stage (and for an office), in order. */
const roundsOf = (run: YuyangResult, stage: string, office?: string) =>
  run.rounds.filter(
    ({ round }) => round.id.startsWith(`${stage}-`) && (!office || round.office === office),
  );

// Concurrent: the halting election runs beside the complete one.
describe.concurrent('yuyang', () => {
  it('runs from announcement to completed: the secretary first, then the committee by votes', async () => {
    const run = await election;
    const [a] = run.cast.secretaries;
    const [e, f, g] = run.cast.members;
    expect(run.final.stage).toBe('completed');
    expect(run.result).toEqual({ secretary: a, deputies: [], members: [e, f] });
    // The preset's stages after the announcement (which may pass before the first look).
    const order = [...PRESETS.yuyang.stages.filter((s) => s !== 'announcement'), 'completed'];
    expect(run.stagesSeen.filter((stage) => order.includes(stage))).toEqual(order);
    expect(statusOf(run.final, 'member', g)).toBe('not-elected');
  }, 120_000);

  it('第三篇: 有2年以上党龄的正式党员均可自荐 — no age or education condition: a member over 55 or below 高中 stands and is elected', async () => {
    const run = await election;
    const day = electionDay(run.final.calendar);
    const elected = [run.result?.secretary, ...(run.result?.members ?? [])];
    const outsideCommunity = run.roll.filter(
      (member) =>
        elected.includes(member.id) &&
        !checkEligibility({ member, documents: DOCUMENTS, electionDay: day }, PRESETS.community)
          .eligible,
    );
    expect(outsideCommunity.length).toBeGreaterThan(0);
    for (const member of outsideCommunity) {
      const check = checkEligibility(
        { member, documents: DOCUMENTS, electionDay: day },
        PRESETS.yuyang,
      );
      expect(check).toEqual({ eligible: true, failures: [] });
    }
  }, 120_000);

  it('takes self-nominations only: a joint nomination is refused with 422', async () => {
    expect((await election).jointNominationStatus).toBe(422);
  }, 120_000);

  it('recommends by secret ballot: the top 3 for secretary and 2 × seats for the committee go on', async () => {
    const run = await election;
    const [a, b, c, d] = run.cast.secretaries;
    const [e, f, g, h, i] = run.cast.members;
    const [secretary, committee] = roundsOf(run, 'party-recommendation');
    expect(secretary?.round).toMatchObject({ kind: 'recommendation', office: 'secretary' });
    expect(secretary?.tally.elected).toEqual([a, b, c]);
    expect(committee?.round).toMatchObject({ office: 'member', seats: YUYANG_SEATS.members });
    expect(committee?.tally.elected).toEqual([e, f, g, h]);
    expect(statusOf(run.final, 'secretary', d)).toBe('eliminated');
    expect(statusOf(run.final, 'member', i)).toBe('eliminated');
  }, 120_000);

  it('eliminates a nominee whose 满意 votes do not exceed half of the ballots returned (exactly half fails)', async () => {
    const run = await election;
    const [a, b, c] = run.cast.secretaries;
    const [e, f, g, h] = run.cast.members;
    const [secretary, committee] = roundsOf(run, 'evaluation');
    expect(secretary?.round.kind).toBe('evaluation');
    // c: 20 满意 and 20 基本满意 of 50 returned — 基本满意 does not count.
    expect(secretary?.tally).toMatchObject({ returned: 50, elected: [a, b] });
    expect(secretary?.tally.counts[c]).toBe(20);
    // h: 25 满意 of 50, exactly half.
    expect(committee?.tally.counts[h]).toBe(25);
    expect(committee?.tally.elected).toEqual([e, f, g]);
    expect(statusOf(run.final, 'secretary', c)).toBe('eliminated');
    expect(statusOf(run.final, 'member', h)).toBe('eliminated');
    // Those who passed were reviewed and stood: a and b for secretary.
    expect(statusOf(run.final, 'secretary', b)).toBe('not-elected');
  }, 120_000);

  it('sends a tie (11–11 of 22 voters) to a second round among the tied', async () => {
    const run = await election;
    const [a, b] = run.cast.secretaries;
    const [first, second, ...more] = roundsOf(run, 'secretary-election');
    expect(more).toEqual([]);
    expect(first?.tally).toMatchObject({
      returned: 22,
      counts: { [a]: 11, [b]: 11 },
      elected: [],
      next: 'revote',
    });
    expect(first?.tally.tied?.toSorted()).toEqual([a, b].toSorted());
    expect(second?.round.follows).toBe(first?.round.id);
    expect(second?.round.candidates.toSorted()).toEqual([a, b].toSorted());
    expect(second?.tally).toMatchObject({ counts: { [a]: 14, [b]: 8 }, elected: [a] });
  }, 120_000);

  it('recounts every closed round from its public file: match (the first by the command)', async () => {
    const { lines, expected, vias } = await recountEveryRound(stack.api, (await election).final);
    expect(lines).toEqual(expected);
    expect(vias).toContain('command');
  }, 120_000);

  it('asks the 矿党委 once, for the whole result', async () => {
    const run = await election;
    const audit = await organizersRead<AuditView[]>(stack, SECRET, run, 'audit');
    const decided = audit
      .filter((entry) => entry.action === 'approval-decided')
      .map((entry) => [entry.data.kind, entry.data.stage, entry.data.decision]);
    expect(decided).toEqual([['result', 'approval', 'approve']]);
  }, 120_000);

  it('halts when the evaluation leaves fewer secretary candidates than a competitive vote needs', async () => {
    const orgId = `yuyang-short-${Date.now().toString(36)}`;
    const roll = makeRoll(24, 2010, `${orgId}-`);
    const { people, startsAt, steps } = await openElection({
      api: stack.api,
      secret: SECRET,
      organization: {
        id: orgId,
        name: '渝阳煤矿某党支部',
        level: 'branch',
        superior: { name: '渝阳煤矿党委', emails: ['kdw@example.cn'] },
        roll,
      },
      preset: 'yuyang',
      seats: YUYANG_SEATS,
      dayLengthMs: DAY,
    });
    await steps.holdOpen('nomination');
    const [a, b, e, f, g] = eligibleMembers(roll, 'yuyang', startsAt, DAY).map((m) => m.id) as [
      string,
      string,
      string,
      string,
      string,
    ];
    await steps.reach('nomination');
    for (const [office, id] of [
      ['secretary', a],
      ['secretary', b],
      ['member', e],
      ['member', f],
      ['member', g],
    ] as const) {
      await steps.nominate(await people.member(id), { kind: 'self', office, nomineeId: id });
    }
    await steps.closeSoon('nomination');
    const voters = 22;
    const recommend = (office: string, choices: string[][]) =>
      steps.holdRound('party-recommendation', {
        office,
        attendance: () => ({ present: voters, ballotsIssued: voters }),
        ballots: (round) =>
          Array.from({ length: voters }, (_, n) => ({
            serial: `${round.id}-${n + 1}`,
            constituency: 'members',
            choices: choices[n % choices.length] as string[],
          })),
      });
    await recommend('secretary', [[a], [b]]);
    await recommend('member', [[e, f], [g]]);
    // The employees rate the secretary nominees (b: 12 满意 of 30 returned), then the committee's.
    const evaluate = (office: string, ratings: (n: number) => Record<string, string>) =>
      steps.holdRound('evaluation', {
        office,
        attendance: () => ({
          present: 30,
          ballotsIssued: 30,
          constituencies: [{ id: 'employees', expected: 40, present: 30, ballotsIssued: 30 }],
        }),
        ballots: (round) =>
          Array.from({ length: 30 }, (_, n) => ({
            serial: `${round.id}-${n + 1}`,
            ratings: ratings(n),
          })),
      });
    await evaluate('secretary', (n) => ({
      [a]: 'satisfied',
      [b]: n < 12 ? 'satisfied' : 'unsatisfied',
    }));
    await evaluate('member', () => ({ [e]: 'satisfied', [f]: 'satisfied', [g]: 'satisfied' }));
    const halted = await steps.until('the halt', (view) =>
      view.stage === 'halted' ? view : undefined,
    );
    expect(halted.haltReason).toBe(
      '群众满意度测评后书记候选人只有 1 名,不足 1 个名额差额选举所需的 2 名',
    );
    expect(statusOf(halted, 'secretary', b)).toBe('eliminated');
  }, 90_000);
});
