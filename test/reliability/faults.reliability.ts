// Proves that a whole community election survives DynamoDB and SES failing at random (throttling,
// 5xx, connection resets, timeouts, lost DynamoDB responses; seeded): it completes with the same
// result and tallies as an undisturbed run, every ballot stored and counted once, every notice
// sent exactly once.
import { afterAll, describe, expect, it } from 'vitest';
import { runCommunityElection, type ScenarioResult } from '../../scripts/scenario/community.ts';
import { flushNotices } from '../../shared/notices/notify.ts';
import { listNotices, recordNotices } from '../../shared/store/outbox.ts';
import { shortDays } from '../bench/support/scenario.ts';
import { BENCH_SECRET, workflowsEnded } from '../bench/support/stack.ts';
import type { FaultPlan } from './support/fault-proxy.ts';
import {
  checkNotices,
  type NoticeCheck,
  type RoundOutcome,
  roundOutcomes,
} from './support/outcome.ts';
import { type FaultyStack, startFaultyStack } from './support/stack.ts';

// Days long enough for an approval link to outlive the page load (7 days); the organizers close
// each notice window once its work is done (brisk), so the calendar does not set the pace.
const DAY_MS = 2000;

/** An outbox claim (pending → sending): the last test loses its answer on purpose. */
const isClaim = (operation: string, body: string) =>
  operation === 'UpdateItem' && body.includes('":sending"');

const DYNAMODB_FAULTS: FaultPlan = {
  rate: 0.1,
  seed: 20260301,
  faults: ['throttle', 'server-error', 'unavailable', 'reset', 'timeout', 'lost-response'],
  spareLastAttempt: true,
  holdMs: 300,
};
const SES_FAULTS: FaultPlan = {
  rate: 0.2,
  seed: 20260302,
  faults: ['throttle', 'server-error', 'unavailable', 'reset', 'timeout'],
  spareLastAttempt: true,
  holdMs: 300,
};

interface Run {
  orgId: string;
  scenario: ScenarioResult;
  rounds: RoundOutcome[];
  notices: NoticeCheck;
}

/** The same election whatever the organization: its id (in every member id) replaced. */
const anonymous = <T>(value: T, orgId: string): T =>
  JSON.parse(JSON.stringify(value).replaceAll(orgId, 'ORG')) as T;

/** One election on the stack; its mail told apart by address (members' and superior's name the org). */
const electionOn = async (stack: FaultyStack, orgId: string): Promise<Run> => {
  const scenario = await runCommunityElection({
    api: shortDays(stack.api, DAY_MS),
    secret: BENCH_SECRET,
    orgId,
    dayLengthMs: DAY_MS,
    brisk: true,
    superiorEmails: [`superior@${orgId}.example.cn`],
  });
  // The workflow sends the final results after `completed` shows: wait for its end.
  await workflowsEnded(stack.stack);

  stack.faults({ dynamoDb: null, ses: null });
  const mail = ((await stack.stack?.ses.listMail()) ?? []).filter((m) =>
    m.to.every((to) => to.startsWith(orgId) || to.includes(`@${orgId}.`)),
  );
  return {
    orgId,
    scenario,
    rounds: await roundOutcomes(scenario.electionId),
    notices: await checkNotices(scenario.electionId, mail),
  };
};

describe('a community election under random DynamoDB and SES faults', () => {
  let stack: FaultyStack;
  let calm: Run;
  let faulty: Run;
  afterAll(async () => {
    console.info(
      `faults injected: ${JSON.stringify({ dynamoDb: stack?.dynamoDb.stats, ses: stack?.ses.stats })}`,
    );
    await stack?.stop();
  });

  it('runs undisturbed, then again with faults injected', async () => {
    stack = await startFaultyStack(DAY_MS);
    calm = await electionOn(stack, 'faults-calm');
    stack.faults({ dynamoDb: DYNAMODB_FAULTS, ses: SES_FAULTS });
    faulty = await electionOn(stack, 'faults-hit');
    const injected = (stats: { faults: Record<string, number> }) =>
      Object.values(stats.faults).reduce((a, b) => a + b, 0);
    expect(injected(stack.dynamoDb.stats)).toBeGreaterThan(50);
    expect(injected(stack.ses.stats)).toBeGreaterThan(20);
  }, 600_000);

  it('completes with the same result and the same tallies', () => {
    expect(faulty.scenario.final.stage).toBe('completed');
    expect(anonymous(faulty.scenario.result, faulty.orgId)).toEqual(
      anonymous(calm.scenario.result, calm.orgId),
    );
    expect(anonymous(faulty.scenario.tallies, faulty.orgId)).toEqual(
      anonymous(calm.scenario.tallies, calm.orgId),
    );
    const rounds = (run: Run) =>
      anonymous(
        run.rounds.map(({ id, status, tally }) => ({ id, status, tally })),
        run.orgId,
      );
    expect(rounds(faulty)).toEqual(rounds(calm));
  });

  it('stores and counts every ballot once', () => {
    for (const round of faulty.rounds) {
      expect(round.ballotsStored, round.id).toBe((round.tally as { returned: number }).returned);
    }
    expect(faulty.rounds.map((r) => r.ballotsStored)).toEqual(
      calm.rounds.map((r) => r.ballotsStored),
    );
  });

  it('sends every notice exactly once', () => {
    const { notices, unsent, extraMail, missingMail } = faulty.notices;
    expect(notices.length).toBeGreaterThan(100);
    expect(unsent.map((n) => `${n.key} ${n.status}`)).toEqual([]);
    expect(extraMail.map((m) => `${m.to.join(',')} ${m.subject}`)).toEqual([]);
    expect(missingMail.map((n) => n.key)).toEqual([]);
  });

  // The claim is a conditional update: when its answer is lost the SDK retries it, and the retry
  // meets the batch already `sending` under this sender's own claim id, which the condition
  // accepts — so the notice is sent, not left `sending` until the lease runs out.
  it('sends a notice whose claim was applied but its answer lost', async () => {
    const electionId = faulty.scenario.electionId;
    await recordNotices([
      {
        electionId,
        to: 'lost-claim@faults-hit.example.cn',
        template: 'announcement',
        ref: 'lost-claim',
        subject: '测试:认领的回答丢失',
        text: '测试',
        html: '<p>测试</p>',
      },
    ]);
    stack.faults({
      dynamoDb: {
        rate: 1,
        seed: 1,
        faults: ['lost-response'],
        spareLastAttempt: true,
        limit: 1,
        applies: (operation, body) => isClaim(operation, body),
      },
      ses: null,
    });
    await flushNotices(electionId);
    stack.faults({ dynamoDb: null, ses: null });
    const notice = (await listNotices(electionId)).find(
      (n) => n.to === 'lost-claim@faults-hit.example.cn',
    );
    expect(notice?.status).toBe('sent');
  });
});
