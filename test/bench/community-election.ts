// Benchmarks 3 and 6 — a whole `community` election (scripts/scenario/community.ts, 60 members)
// on a 20 ms day, on the local stack in this process: (3) wall time minus the calendar's own
// span — the product's overhead; (6) what the same election costs on AWS, from what it used:
// state transitions, Lambda invocations and time, DynamoDB capacity units, e-mails.
import { scheduledFunctions } from '../../functions/scheduled/index.ts';
import { invokeLocalLambda } from '../../infra/local/lambda-context.ts';
import { runCommunityElection } from '../../scripts/scenario/community.ts';
import { getElection } from '../../shared/store/elections.ts';
import { STAGE_LOGIC } from '../../shared/workflow/stages/index.ts';
import {
  costOf,
  PRICES,
  realDaysExtra,
  type SweeperRun,
  sweepersPerMonth,
  totalOf,
  usageOf,
} from './support/cost.ts';
import { meterApp, meterDynamoDb, meterStateMachines, newMeter } from './support/meter.ts';
import { emit, log } from './support/report.ts';
import { shortDays } from './support/scenario.ts';
import { BENCH_SECRET, startBenchStack, workflowsEnded } from './support/stack.ts';
import { median, round, since } from './support/stats.ts';

const DAY_MS = Number(process.env.ZX_BENCH_DAY_MS ?? 20);
const LARGE_ORG = 2000;
/** Issue 17's goals: the product's overhead, and the cost of a small and a large election. */
const OVERHEAD_GOAL_S = 3;
const COST_GOAL_USD = { small: 0.03, large: 1.5 };

const meter = newMeter();
meterStateMachines(meter);
const bench = await startBenchStack({ wrapApp: meterApp(meter), dayLengthMs: DAY_MS });
meterDynamoDb(meter);
try {
  const start = performance.now();
  const outcome = await runCommunityElection({
    api: shortDays(bench.api, DAY_MS),
    secret: BENCH_SECRET,
    dayLengthMs: DAY_MS,
  });
  const wallMs = since(start);
  const election = await getElection(outcome.electionId);
  if (election?.stage !== 'completed') throw new Error('the election did not complete');

  // The calendar's own span: from creation to the planned start, then each timed stage from
  // when it began to its deadline as it finally stood (moves included): waits the product must
  // keep, whatever it costs.
  const timed = election.rules.stages.filter((stage) => STAGE_LOGIC[stage].timed);
  const spans = Object.fromEntries(
    timed.map((stage) => {
      const entry = election.calendar[stage];
      return [stage, entry ? Date.parse(entry.until) - Date.parse(entry.from) : 0];
    }),
  );
  const startWait = Date.parse(election.startsAt) - Date.parse(election.createdAt);
  const spanMs = startWait + Object.values(spans).reduce((a, b) => a + b, 0);
  const overheadS = (wallMs - spanMs) / 1000;
  log(`wall ${round(wallMs / 1000, 1)} s, calendar ${round(spanMs / 1000, 1)} s`);

  // ——— Cost ——— counted once the workflow has ended (it sends the final results after
  // `completed` shows).
  await workflowsEnded(bench.stack);

  const mail = (await bench.stack?.ses.listMail()) ?? [];
  const memberAddresses = new Set(outcome.roll.flatMap((m) => (m.email ? [m.email] : [])));
  const recipients = mail.flatMap((m) => m.to);
  const emailsToMembers = recipients.filter((to) => memberAddresses.has(to)).length;
  const httpRequests = [...meter.lambda.entries()]
    .filter(([name]) => name.startsWith('zx-api-'))
    .reduce((a, [, c]) => a + c.invocations, 0);
  const checks = meter.lambda.get('zx-task-check-deadline');
  const measured = {
    members: outcome.roll.length,
    emailsToMembers,
    otherEmails: recipients.length - emailsToMembers,
    httpRequests,
    // The timed stages, each with one wakeable wait on real days, its invocations as long as
    // a measured deadline check (await-deadline stores a token: no more work than a check).
    realDays: realDaysExtra(timed.length, checks ? checks.ms / checks.invocations : 0),
  };
  const small = usageOf(meter, measured);
  const large = usageOf(meter, measured, LARGE_ORG);
  const smallLines = costOf(small);
  const largeLines = costOf(large);

  // The sweepers' idle runs (nothing left to send or start once the election is over): median
  // time of a few, and the read units each run consumed.
  const sweepers: SweeperRun[] = [];
  for (const [name, { SCHEDULE, handler }] of Object.entries(scheduledFunctions)) {
    const times: number[] = [];
    const readBefore = meter.dynamo.other.read + meter.dynamo.notice.read;
    const RUNS = 5;
    for (let i = 0; i < RUNS; i++) {
      const began = performance.now();
      await invokeLocalLambda(handler, `zx-${name}`, {}, SCHEDULE.timeoutSeconds * 1000);
      times.push(since(began));
    }
    const readUnits = (meter.dynamo.other.read + meter.dynamo.notice.read - readBefore) / RUNS;
    sweepers.push({ name, everyMinutes: SCHEDULE.everyMinutes, ms: median(times), readUnits });
  }
  const sweepersMonthly = sweepersPerMonth(sweepers);
  const lambdaByFunction = Object.fromEntries(
    [...meter.lambda.entries()]
      .sort()
      .map(([name, c]) => [name, { invocations: c.invocations, seconds: round(c.ms / 1000, 2) }]),
  );
  emit({
    id: '3+6',
    title: `A whole community election (${measured.members} members) on a ${DAY_MS} ms day; its cost on AWS`,
    figures: [
      { measure: 'wall time', value: round(wallMs / 1000, 1), unit: 's' },
      { measure: "the calendar's own span", value: round(spanMs / 1000, 1), unit: 's' },
      {
        measure: 'product overhead (wall − calendar)',
        value: round(overheadS, 1),
        unit: 's',
        goal: `≤ ${OVERHEAD_GOAL_S} s`,
        met: overheadS <= OVERHEAD_GOAL_S,
      },
      {
        measure: `cost per election, ${measured.members} members`,
        value: round(totalOf(smallLines), 4),
        unit: 'USD',
        goal: `≤ ${COST_GOAL_USD.small}`,
        met: totalOf(smallLines) <= COST_GOAL_USD.small,
      },
      {
        measure: `cost per election, ${LARGE_ORG} members`,
        value: round(totalOf(largeLines), 4),
        unit: 'USD',
        goal: `≤ ${COST_GOAL_USD.large}`,
        met: totalOf(largeLines) <= COST_GOAL_USD.large,
      },
      {
        measure: `of which SES e-mails, ${measured.members} members`,
        value: round(smallLines.find((l) => l.item === 'SES e-mails')?.usd ?? 0, 4),
        unit: 'USD',
      },
      {
        measure: 'the sweepers, idle, per month (whatever the elections)',
        value: round(sweepersMonthly, 3),
        unit: 'USD',
      },
    ],
    details: {
      dayLengthMs: DAY_MS,
      electionId: outcome.electionId,
      result: outcome.result,
      stagesSeen: outcome.stagesSeen,
      spanMs: { startWait, ...spans },
      prices: PRICES,
      counts: {
        transitions: meter.transitions,
        lambda: lambdaByFunction,
        dynamoDbUnitsByKeyClass: meter.dynamo,
        ballotRequests: meter.ballotRequests,
        emails: { toMembers: emailsToMembers, other: measured.otherEmails, messages: mail.length },
      },
      cost: {
        sweepers: { runs: sweepers, usdPerMonth: round(sweepersMonthly, 4) },
        [`${measured.members} members`]: {
          usage: small,
          lines: smallLines.map((l) => ({ ...l, usd: round(l.usd, 6) })),
        },
        [`${LARGE_ORG} members`]: {
          usage: large,
          lines: largeLines.map((l) => ({ ...l, usd: round(l.usd, 6) })),
        },
      },
    },
  });
} finally {
  await bench.stop();
}
