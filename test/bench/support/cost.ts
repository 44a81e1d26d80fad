import type { KeyClass, Meter } from './meter.ts';

/**
 * AWS list prices the cost figures use (on-demand, us-east-1, as published in 2026; free tiers
 * ignored). Assumptions, stated in the report: change them here.
 */
export const PRICES = {
  region: 'us-east-1',
  asOf: '2026',
  /** Step Functions Standard: per state transition. */
  stateTransition: 0.025 / 1000,
  /** Lambda arm64: per GB-second and per request. */
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1_000_000,
  /** DynamoDB on-demand: per write and read request unit. */
  writeUnit: 0.625 / 1_000_000,
  readUnit: 0.125 / 1_000_000,
  /** SES: per e-mail (each recipient counts). */
  email: 0.1 / 1000,
  /** API Gateway HTTP API: per request (first 300 M a month). */
  httpRequest: 1.0 / 1_000_000,
} as const;

/** Memory of every function (infra/functions.ts). */
export const LAMBDA_GB = 1;

/**
 * On real days each timed stage first waits in a wakeable wait (the state machine's token task
 * `await-deadline`) and only its last seconds in an exact Wait, as a short day's stages do
 * throughout: per timed stage, 3 more transitions (check deadline, its Choice, the token task)
 * and 2 more invocations (check-deadline, await-deadline).
 */
export interface RealDaysExtra {
  transitions: number;
  invocations: number;
  lambdaMs: number;
}

export const realDaysExtra = (timedStages: number, msPerInvocation: number): RealDaysExtra => ({
  transitions: 3 * timedStages,
  invocations: 2 * timedStages,
  lambdaMs: 2 * timedStages * msPerInvocation,
});

/** What one election used, as counted. */
export interface ElectionUsage {
  members: number;
  stateTransitions: number;
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  httpRequests: number;
  writeUnits: number;
  readUnits: number;
  emails: number;
}

export interface CostLine {
  item: string;
  quantity: number;
  usd: number;
}

type Priced = keyof Omit<typeof PRICES, 'region' | 'asOf'>;

/** Each line of the bill: its item, the usage it counts and the price of one. */
const BILL: readonly [string, Exclude<keyof ElectionUsage, 'members'>, Priced][] = [
  ['Step Functions state transitions', 'stateTransitions', 'stateTransition'],
  ['Lambda requests', 'lambdaInvocations', 'lambdaRequest'],
  ['Lambda GB-s', 'lambdaGbSeconds', 'lambdaGbSecond'],
  ['API Gateway requests', 'httpRequests', 'httpRequest'],
  ['DynamoDB write units', 'writeUnits', 'writeUnit'],
  ['DynamoDB read units', 'readUnits', 'readUnit'],
  ['SES e-mails', 'emails', 'email'],
];

export const costOf = (usage: ElectionUsage): CostLine[] =>
  BILL.map(([item, counted, price]) => ({
    item,
    quantity: usage[counted],
    usd: usage[counted] * PRICES[price],
  }));

export const totalOf = (lines: readonly CostLine[]): number => lines.reduce((a, l) => a + l.usd, 0);

/** One idle run of a sweeper (functions/scheduled/), as measured. */
export interface SweeperRun {
  name: string;
  everyMinutes: number;
  ms: number;
  readUnits: number;
}

const MINUTES_A_MONTH = 30 * 24 * 60;

/**
 * What the sweepers cost a month when there is nothing to sweep: they run on their schedule
 * whatever the elections (EventBridge schedules themselves are free).
 */
export const sweepersPerMonth = (runs: readonly SweeperRun[]): number =>
  runs.reduce((total, run) => {
    const perMonth = MINUTES_A_MONTH / run.everyMinutes;
    const each =
      PRICES.lambdaRequest +
      (run.ms / 1000) * LAMBDA_GB * PRICES.lambdaGbSecond +
      run.readUnits * PRICES.readUnit;
    return total + perMonth * each;
  }, 0);

/**
 * The usage of the measured election, and of the same election of an organization of `members`:
 * what grows with the membership is scaled by members ÷ measured members — the e-mails to
 * members, the ballots (and their entry requests), the outbox and roll items read and written,
 * and (an upper bound) all Lambda time; state transitions, the other items and the other
 * requests stay as measured, plus what real days add (`realDays`).
 */
export const usageOf = (
  meter: Meter,
  measured: {
    members: number;
    emailsToMembers: number;
    otherEmails: number;
    httpRequests: number;
    /** What a real calendar runs beyond the short day's (counted from the definition). */
    realDays: RealDaysExtra;
  },
  members = measured.members,
): ElectionUsage => {
  const k = members / measured.members;
  const scaled: Record<KeyClass, number> = { ballot: k, notice: k, roll: k, other: 1 };
  let writeUnits = 0;
  let readUnits = 0;
  for (const [kind, units] of Object.entries(meter.dynamo) as [
    KeyClass,
    Meter['dynamo'][KeyClass],
  ][]) {
    writeUnits += units.write * scaled[kind];
    readUnits += units.read * scaled[kind];
  }
  const invocations = [...meter.lambda.values()].reduce((a, c) => a + c.invocations, 0);
  const ms = [...meter.lambda.values()].reduce((a, c) => a + c.ms, 0);
  const extraBallotRequests = meter.ballotRequests * (k - 1);
  const { realDays } = measured;
  return {
    members,
    stateTransitions: meter.transitions.entered + meter.transitions.retried + realDays.transitions,
    lambdaInvocations: invocations + extraBallotRequests + realDays.invocations,
    lambdaGbSeconds: ((ms * k + realDays.lambdaMs) / 1000) * LAMBDA_GB,
    httpRequests: measured.httpRequests + extraBallotRequests,
    writeUnits,
    readUnits,
    emails: measured.emailsToMembers * k + measured.otherEmails,
  };
};
