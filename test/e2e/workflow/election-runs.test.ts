// Proves, on the real local stack through the HTTP API, that `community` elections run through:
// from announcement to `completed` with the expected result, mail and audit chain — also when
// the stack (`npm start`) is killed with `kill -9` mid-election and started again on the same
// data — and through rounds that decide nothing: a tie at the recommendation cut-off opens a
// re-vote among the tied by itself, a repeated tie waits for the organizers' decision, a void
// count or a missing quorum opens a fresh round with the same candidates.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSEMBLY,
  entitled,
  holdElectionRound,
  holdRecommendation,
  inspect,
  pendingApproval,
} from '../../../scripts/scenario/actions.ts';
import {
  type ChildStack,
  freePort,
  isGone,
  startChildStack,
} from '../../../scripts/scenario/child-stack.ts';
import { type Api, apiAt } from '../../../scripts/scenario/client.ts';
import {
  COMMUNITY_PHASES,
  type CommunityRun,
  DEFAULT_RECOMMENDATION,
  DEFAULT_SECRETARY_MARKS,
  runCommunityElection,
  runPhases,
  startCommunityElection,
  withStatus,
} from '../../../scripts/scenario/community.ts';
import { startInProcess } from '../../../scripts/scenario/in-process.ts';
import {
  addressesOf,
  countsBySubject,
  mailFor,
  repeatedMail,
} from '../../../scripts/scenario/mailbox.ts';
import { recountEveryRound } from '../../../scripts/scenario/recount.ts';
import { eventually, type Session, sleep } from '../../../scripts/scenario/session.ts';
import { PRESETS } from '../../../shared/rules/index.ts';
import { verifyChain } from '../../../shared/store/audit-chain.ts';
import { communityElections, runUntilInspection, superiorOf } from '../../support/e2e.ts';

const SECRET = 'e2e-runs-secret';
const DAY = 1000;
const REPO = resolve(import.meta.dirname, '../../..');
const COMMUNITY_STAGES: string[] = [...PRESETS.community.stages, 'completed'];

// The in-process stack most tests share, each election in an organization of its own.
let stack: { api: Api; stop(): Promise<void> };
// The `npm start` stack the restart test kills, on a data dir and a port of its own.
const dataDir = mkdtempSync(join(tmpdir(), 'zx-e2e-restart-'));
let port = 0;
let child: ChildStack | undefined;
let childApi: Api;
const start = async () => {
  child = await startChildStack({ cwd: REPO, dataDir, port, dayMs: DAY, secret: SECRET });
};

beforeAll(async () => {
  // One address across restarts, as an operator's would be (the mailed links point to it).
  port = await freePort();
  childApi = apiAt(`http://127.0.0.1:${port}`);
  // Both stacks start at once (each takes seconds: Java, then the app).
  [stack] = await Promise.all([startInProcess(SECRET), start()]);
}, 90_000);
afterAll(async () => {
  await Promise.all([stack?.stop(), child?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

/** An election of its own organization; brisk organizers and a small roll unless told. */
const election = communityElections(() => stack, SECRET, DAY);

/** Until the workflow began the stage and every notice so far went out: a quiet moment. */
const settled = (session: Session, stage: string) =>
  eventually(
    `${stage} begun and its notices sent`,
    async () => {
      const begun = (await session.audit()).some(
        (e) => e.action === 'stage-entered' && e.data.stage === stage,
      );
      const notices = await session.notices();
      return begun && notices.every((n) => n.status === 'sent') ? notices : undefined;
    },
    60_000,
  );

/** `kill -9` of the stack's Node process; its Java goes with it. */
const crash = async () => {
  const { javaPid, nodePid } = child as ChildStack;
  await (child as ChildStack).crash();
  expect(isGone(nodePid)).toBe(true);
  expect(isGone(javaPid)).toBe(true);
  child = undefined;
};

const idsOf = (run: CommunityRun) =>
  run.nominees.map((m) => m.id) as [string, string, string, string];

/** The first recommendation round, held: a and b safely through, c and d tied for third place. */
const tieForThird = async (run: CommunityRun) => {
  const { session } = run;
  const [a, b, c, d] = idsOf(run);
  await session.reach('recommendation');
  const first = await session.openRound('recommendation');
  const tie = await holdRecommendation(session, first, {
    units: [
      [a, 14],
      [b, 10],
      [c, 5],
      [d, 5],
    ],
    residents: [
      [a, 52],
      [b, 41],
      [c, 27],
      [d, 27],
    ],
  });
  return { first, tie };
};

/**
 * At the inspection: who the recommendation put through; their 考察 recorded, the election then
 * waits for the superior's vote (where these tests leave it).
 */
const expectRecommended =
  (expected: (run: CommunityRun) => { recommended: string[]; eliminated: string[] }) =>
  async (run: CommunityRun) => {
    const { session } = run;
    const view = await session.reach('inspection');
    const { recommended, eliminated } = expected(run);
    expect(withStatus(run, view, 'recommended').map((m) => m.id)).toEqual(recommended);
    expect(withStatus(run, view, 'eliminated').map((m) => m.id)).toEqual(eliminated);
    await inspect(session, withStatus(run, view, 'recommended'));
    await pendingApproval(session, 'inspection');
  };

describe.concurrent('community elections run through', () => {
  it('survives kill -9 mid-election: restarted on the same data, the election completes, nothing lost, no notice sent twice', async () => {
    const orgId = 'e2e-restart';
    const run: CommunityRun = await startCommunityElection({
      api: childApi,
      secret: SECRET,
      orgId,
      dayLengthMs: DAY,
      superiorEmails: [`${orgId}@superior.example.cn`],
      rollSize: 26,
      brisk: true,
      // The approval link must outlive a restart (7 days of 1 s might not).
      rules: { approvalTimeoutDays: 200 },
    });
    const { session } = run;

    // ——— Killed during the 公示 (left open until its deadline: the workflow is waiting) ———
    await runPhases(run, {
      until: 'preliminary-notice',
      phases: {
        'preliminary-notice': (r) => COMMUNITY_PHASES['preliminary-notice']({ ...r, brisk: false }),
      },
    });
    await settled(session, 'preliminary-notice');
    const before = await mailFor(childApi, addressesOf(session));
    await crash();
    await start();
    // The mail sent before the crash is still there.
    const after = await mailFor(childApi, addressesOf(session));
    expect(after.slice(0, before.length)).toEqual(before);
    // The committee is elected at the secretary's assembly (第六条5), then the approvals.
    await runPhases(run, { from: 'recommendation', until: 'member-election' });

    // ——— Killed while the superior's approval is pending ———
    await session.reach('secretary-approval');
    await settled(session, 'secretary-approval');
    const pending = await pendingApproval(session, 'secretary');
    const request = await eventually(
      'the approval request mail',
      async () =>
        (await mailFor(childApi, addressesOf(session))).find((m) =>
          m.text.includes(`/approve/${pending}`),
        ),
      30_000,
    );
    expect(request.to).toBe(session.superiorEmails[0]);
    const link = /\/approve\/([A-Za-z0-9_-]+)/.exec(request.text)?.[1] as string;
    expect(link).toBe(pending);
    await crash();
    await start();

    // The link mailed before the crash still works, once.
    expect(await childApi.page(`/approve/${link}`)).toContain('<form');
    expect(
      await childApi.call('POST', `/approve/${link}`, undefined, { decision: 'approve' }),
    ).toEqual({
      id: link,
      status: 'approved',
    });
    await runPhases(run, { from: 'member-approval' });
    const done = await session.reach('completed');

    // Nothing lost: the expected result, every stage once and in order, the chain intact.
    const [a] = run.nominees.map((m) => m.id) as [string];
    const [m1, m2] = run.suggestions[a] as [string, string];
    expect(done.result).toEqual({ secretary: a, deputies: [], members: [m1, m2] });
    const audit = await session.audit();
    expect(verifyChain(audit)).toEqual({ ok: true, length: audit.length });
    const advanced = audit
      .filter((e) => e.action === 'stage-advanced')
      .map((e) => [e.data.from, e.data.to]);
    expect(advanced).toEqual(COMMUNITY_STAGES.slice(1).map((to, i) => [COMMUNITY_STAGES[i], to]));
    expect(audit.filter((e) => e.action === 'stage-begun').map((e) => e.data.stage)).toEqual(
      COMMUNITY_STAGES.slice(0, -1),
    );
    expect(audit.filter((e) => e.action === 'approval-requested')).toHaveLength(3);

    // No notice sent twice: each recorded notice went out once, and nobody got a mail twice
    // (the organizers' daily reminder, if any, is the same mail on another day).
    const { mail, notices } = await eventually(
      'the final result mail',
      async () => {
        const recorded = await session.notices();
        const final = recorded.some((n) => n.template === 'final-result');
        if (!final || recorded.some((n) => n.status !== 'sent')) return undefined;
        return { mail: await mailFor(childApi, addressesOf(session)), notices: recorded };
      },
      60_000,
    );
    expect(mail.map((m) => m.messageId).sort()).toEqual(notices.map((n) => n.messageId).sort());
    expect(repeatedMail(mail.filter((m) => !m.subject.includes('待办提醒')))).toEqual({});
  }, 170_000);

  it('runs from announcement to completed: the expected result, every stage in order, one announcement per member, a verifiable audit chain', async () => {
    const orgId = 'e2e-complete';
    // Every window closes by itself at its deadline (the organizers only hold the nomination
    // open until the nominations are in), on a roll of 60.
    const outcome = await runCommunityElection(election(orgId, { rollSize: 60, brisk: false }));
    const { run, tallies } = outcome;
    const { session } = run;
    const [a, b, c, d] = run.nominees.map((m) => m.id) as [string, string, string, string];

    // The result: a elected secretary; the first two of a's suggestion list elected members.
    const [m1, m2, m3] = run.suggestions[a] as [string, string, string];
    expect(outcome.final.stage).toBe('completed');
    expect(outcome.result).toEqual({ secretary: a, deputies: [], members: [m1, m2] });
    const status = (id: string) =>
      outcome.final.candidates.find((x) => x.memberId === id && x.office === 'secretary')?.status;
    expect([a, b, c, d].map(status)).toEqual([
      'elected',
      'not-elected',
      'eliminated',
      'eliminated',
    ]);

    // The tallies: the combined rates of the two constituencies (50% each), then the votes.
    const rec = tallies.recommendation;
    expect(rec?.status).toBe('valid');
    expect(rec?.elected).toEqual([a, b, c]);
    expect(rec?.rates?.[a]).toBeCloseTo(0.5 * (14 / 35) + 0.5 * (52 / 150), 12);
    expect(rec?.rates?.[d]).toBeCloseTo(0.5 * (3 / 35) + 0.5 * (20 / 150), 12);
    const sec = tallies['secretary-election'];
    const ballots = (sec?.counts[a] ?? 0) + (sec?.counts[b] ?? 0);
    expect(sec?.returned).toBe(ballots);
    expect(sec?.counts[a]).toBe(Math.ceil((ballots * 2) / 3));
    expect(sec?.elected).toEqual([a]);
    const mem = tallies['member-election'];
    expect(mem?.elected).toEqual([m1, m2]);
    expect(mem?.counts[m1]).toBe(mem?.returned);
    expect(mem?.counts[m3]).toBe(0);

    // Every stage, in order: what the organizers saw, and what the workflow recorded.
    const seen = session.stagesSeen.map((s) => COMMUNITY_STAGES.indexOf(s));
    expect(seen.every((i, n) => i >= 0 && (n === 0 || i > (seen[n - 1] as number)))).toBe(true);
    const audit = await session.audit();
    const advanced = audit
      .filter((e) => e.action === 'stage-advanced')
      .map((e) => [e.data.from, e.data.to]);
    expect(advanced).toEqual(COMMUNITY_STAGES.slice(1).map((to, i) => [COMMUNITY_STAGES[i], to]));
    const begun = audit.filter((e) => e.action === 'stage-begun').map((e) => e.data.stage);
    expect(begun).toEqual(COMMUNITY_STAGES.slice(0, -1));

    // The audit chain verifies, and holds the decisions that made the result.
    expect(verifyChain(audit)).toEqual({ ok: true, length: audit.length });
    const actions = audit.map((e) => e.action);
    expect(actions.filter((x) => x === 'approval-decided')).toHaveLength(3);
    expect(actions.filter((x) => x === 'round-closed')).toHaveLength(3);
    expect(actions).toContain('result-recorded');

    // Mail: each member with an address got the announcement exactly once, and the result
    // (sent as the election completes: wait for it to go out).
    const withEmail = session.roll.flatMap((m) => (m.email ? [m.email.toLowerCase()] : []));
    const mail = await eventually(
      'the final result mail',
      async () => {
        const sent = await mailFor(stack.api, addressesOf(session));
        const finals = countsBySubject(sent, '选举结果公告');
        return finals.size > withEmail.length ? sent : undefined;
      },
      60_000,
    );
    const announced = countsBySubject(mail, '换届选举公告:任职条件、报名方式和日程');
    expect([...announced.keys()].sort()).toEqual([...withEmail].sort());
    expect([...announced.values()].every((n) => n === 1)).toBe(true);
    const results = countsBySubject(mail, '选举结果公告');
    expect([...results.keys()].sort()).toEqual([...withEmail, ...superiorOf(orgId)].sort());
    expect([...results.values()].every((n) => n === 1)).toBe(true);
    // Nobody got the same mail twice (a reminder to the organizers comes once a day, the same).
    expect(repeatedMail(mail.filter((m) => !m.subject.includes('待办提醒')))).toEqual({});
    // Every notice recorded was sent exactly once, and nothing was sent unrecorded.
    const notices = await session.notices();
    expect(notices.every((n) => n.status === 'sent' && n.messageId)).toBe(true);
    expect(notices.map((n) => n.messageId).sort()).toEqual(mail.map((m) => m.messageId).sort());
    // Anyone recounts every closed round from its public file (the first by the command); last,
    // so the notices above are read as the election left them.
    const recounts = await recountEveryRound(stack.api, outcome.final);
    expect(recounts.lines).toEqual(recounts.expected);
  }, 150_000);

  it('a void recommendation (more ballots returned than issued) and a secretary vote without quorum each open a fresh round with the same candidates, and the election completes', async () => {
    const outcome = await runCommunityElection({
      ...election('e2e-void', { rollSize: 26 }),
      phases: {
        async recommendation(run) {
          const { session } = run;
          const [a, b, c, d] = idsOf(run);
          await session.reach('recommendation');
          const first = await session.openRound('recommendation');
          // 35 issued to the units, 36 come back: the whole round is void.
          const voided = await holdRecommendation(session, first, {
            ...DEFAULT_RECOMMENDATION(run.nominees),
            blank: { units: 2, residents: 4 },
          });
          expect(voided).toMatchObject({ status: 'void', returned: 36 + 150, next: 'revote' });
          expect((await session.round(first.id)).status).toBe('void');
          const again = await session.openRound('recommendation');
          expect(again).toMatchObject({
            id: 'recommendation-2',
            candidates: [a, b, c, d],
            seats: first.seats,
            places: first.places,
            revotesSoFar: 0,
          });
          // Too few representatives present: 10 + 120 of 200 is not more than 2/3.
          const thin = await holdRecommendation(session, again, {
            units: [[a, 10]],
            residents: [[b, 120]],
            attendance: {
              units: { ...ASSEMBLY.units, present: 10, ballotsIssued: 10 },
              residents: { ...ASSEMBLY.residents, present: 120, ballotsIssued: 120 },
            },
          });
          expect(thin).toMatchObject({ status: 'no-quorum', next: 'revote' });
          const third = await session.openRound('recommendation');
          expect(third).toMatchObject({ id: 'recommendation-3', candidates: [a, b, c, d] });
          const counted = await holdRecommendation(
            session,
            third,
            DEFAULT_RECOMMENDATION(run.nominees),
          );
          expect(counted).toMatchObject({ status: 'valid', elected: [a, b, c], next: 'advance' });
        },
        async 'secretary-election'(run) {
          const { session } = run;
          const [a, b] = idsOf(run);
          await session.reach('secretary-election');
          const first = await session.openRound('secretary-election');
          const expected = entitled(session).length;
          // Fewer than 4/5 of the entitled return a ballot.
          const returned = Math.ceil((expected * 4) / 5) - 1;
          const marks = DEFAULT_SECRETARY_MARKS(a, b);
          const thin = await holdElectionRound(session, first, { marksOf: marks, returned });
          expect(thin).toMatchObject({ status: 'no-quorum', returned, next: 'revote' });
          const again = await session.openRound('secretary-election');
          expect(again).toMatchObject({
            id: 'secretary-election-2',
            candidates: first.candidates,
            seats: 1,
          });
          const tally = await holdElectionRound(session, again, { marksOf: marks });
          expect(tally).toMatchObject({ status: 'valid', elected: [a], next: 'advance' });
          run.tallies['secretary-election'] = tally;
        },
      },
    });
    const [a] = idsOf(outcome.run);
    expect(outcome.final.stage).toBe('completed');
    expect(outcome.result?.secretary).toBe(a);
    expect(outcome.final.rounds.map((r) => [r.id, r.status])).toEqual([
      ['recommendation-1', 'void'],
      ['recommendation-2', 'no-quorum'],
      ['recommendation-3', 'closed'],
      ['secretary-election-1', 'no-quorum'],
      ['secretary-election-2', 'closed'],
      ['member-election-1', 'closed'],
    ]);
    // The void and quorum-less rounds recount too: the same verdicts from their public files.
    const recounts = await recountEveryRound(stack.api, outcome.final);
    expect(recounts.lines).toEqual(recounts.expected);
  }, 150_000);

  it('a repeated tie waits for the organizers: organizer-decision, then their selection lets the workflow continue', async () => {
    const outcome = await runUntilInspection(election('e2e-tie-again'), {
      async recommendation(run) {
        const { session } = run;
        const [, , c, d] = idsOf(run);
        await tieForThird(run);
        const revote = await session.openRound('recommendation');
        const again = await holdRecommendation(session, revote, {
          units: [
            [c, 17],
            [d, 17],
          ],
          residents: [
            [c, 70],
            [d, 70],
          ],
        });
        expect(again).toMatchObject({ status: 'valid', elected: [], next: 'organizer-decision' });
        expect(again.tied).toEqual([c, d]);

        // No third round opens by itself, and the stage waits.
        await sleep(3 * DAY);
        const waiting = await session.view();
        expect(waiting.stage).toBe('recommendation');
        expect(waiting.rounds.map((r) => r.status)).toEqual(['closed', 'closed']);

        const decision = await session.api.call<{ decision: { choice: string } }>(
          'POST',
          `/v1/elections/${session.electionId}/rounds/${revote.id}/decision`,
          session.organizer,
          { choice: 'select', memberIds: [d], reason: '两轮推荐票数相同,经领导小组研究确定' },
        );
        expect(decision.decision).toMatchObject({ choice: 'select', memberIds: [d] });
      },
      inspection: expectRecommended((run) => {
        const [a, b, c, d] = idsOf(run);
        return { recommended: [a, b, d], eliminated: [c] };
      }),
    });
    const audit = await outcome.run.session.audit();
    expect(audit.filter((e) => e.action === 'round-decided')).toHaveLength(1);
    // The tied rounds recount to the tie: the organizers' selection is not the count's.
    const recounts = await recountEveryRound(stack.api, outcome.final);
    expect(recounts.lines).toEqual(recounts.expected);
  }, 120_000);

  it('a tie at the recommendation cut-off opens a re-vote among the tied by itself, and the re-vote decides', async () => {
    const outcome = await runUntilInspection(election('e2e-tie'), {
      async recommendation(run) {
        const { session } = run;
        const [a, b, c, d] = idsOf(run);
        const { first, tie } = await tieForThird(run);
        expect(tie).toMatchObject({ status: 'valid', elected: [a, b], next: 'revote' });
        expect(tie.tied).toEqual([c, d]);
        expect(tie.rates?.[c]).toBe(tie.rates?.[d]);

        // Nobody asks for it: the re-vote among the tied is open, for the one place left.
        const revote = await session.openRound('recommendation');
        expect(revote).toMatchObject({
          id: 'recommendation-2',
          follows: first.id,
          candidates: [c, d],
          places: 1,
          revotesSoFar: 1,
        });
        expect((await session.round(first.id)).followUp).toBe(revote.id);
        const decided = await holdRecommendation(session, revote, {
          units: [
            [c, 20],
            [d, 14],
          ],
          residents: [
            [c, 81],
            [d, 66],
          ],
        });
        expect(decided).toMatchObject({ status: 'valid', elected: [c], next: 'advance' });
        run.tallies.recommendation = decided;
      },
      inspection: expectRecommended((run) => {
        const [a, b, c, d] = idsOf(run);
        return { recommended: [a, b, c], eliminated: [d] };
      }),
    });
    expect(outcome.final.rounds.map((r) => [r.id, r.status])).toEqual([
      ['recommendation-1', 'closed'],
      ['recommendation-2', 'closed'],
    ]);
  }, 120_000);
});
