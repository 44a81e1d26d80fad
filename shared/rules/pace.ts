import * as z from 'zod';

/**
 * The pace of a batch's starts (a province's 换届: tens of thousands of elections): each start
 * spends some of the account's AWS quotas, and a batch may spend only a share of each, leaving
 * the rest to the elections already running. The quotas are the deployment's configuration
 * (`ZX_QUOTAS`, CDK context `quotas`), their defaults and sources in the README ("A province's
 * batch"). Pure: no AWS here.
 */

export const Quotas = z.strictObject({
  /** Step Functions StartExecution: the token bucket's refill per second. */
  startExecutionsPerSecond: z.number().positive(),
  /** Step Functions state transitions (Standard): the token bucket's refill per second. */
  stateTransitionsPerSecond: z.number().positive(),
  /** Lambda: concurrent executions of the account in the region. */
  lambdaConcurrency: z.number().positive(),
  /** SES: the account's maximum send rate (mails a second). */
  mailsPerSecond: z.number().positive(),
  /** SES: mails in 24 hours. */
  mailsPerDay: z.number().positive(),
});
export type Quotas = z.infer<typeof Quotas>;

/**
 * AWS's defaults for an account out of the SES sandbox, in a region outside us-east-1, us-west-2
 * and eu-west-1 (which have higher Step Functions buckets): the safe side.
 */
export const DEFAULT_QUOTAS: Quotas = {
  startExecutionsPerSecond: 150,
  stateTransitionsPerSecond: 800,
  lambdaConcurrency: 1000,
  mailsPerSecond: 14,
  mailsPerDay: 50_000,
};

/**
 * What starting one election spends, bounded from above: the state transitions until its first
 * wait (Load, Route, begin, check deadline, its Choice, the wait: 6, doubled for retries and a
 * stage that closes at once), the Lambda time of those tasks (begin-stage sends the
 * announcement within its 10-s budget), and one announcement per member.
 */
export const START_COST = { transitions: 12, lambdaSeconds: 10, mailsPerMember: 1 } as const;

/** The share of each quota a batch's starts may take: the running elections keep the rest. */
export const BATCH_SHARE = 0.5;

export interface StartPace {
  /** Elections a second, for elections of this many members. */
  perSecond: number;
  /** The quota that sets it. */
  limitedBy: keyof Quotas;
}

/** How fast a batch may start elections of `members` members: the tightest of the quotas. */
export const startPace = (quotas: Quotas, members: number, share = BATCH_SHARE): StartPace => {
  const mails = Math.max(1, members) * START_COST.mailsPerMember;
  const rates: [keyof Quotas, number][] = [
    ['startExecutionsPerSecond', quotas.startExecutionsPerSecond * share],
    [
      'stateTransitionsPerSecond',
      (quotas.stateTransitionsPerSecond * share) / START_COST.transitions,
    ],
    ['lambdaConcurrency', (quotas.lambdaConcurrency * share) / START_COST.lambdaSeconds],
    ['mailsPerSecond', (quotas.mailsPerSecond * share) / mails],
    ['mailsPerDay', (quotas.mailsPerDay * share) / 86_400 / mails],
  ];
  const [limitedBy, perSecond] = rates.reduce((a, b) => (b[1] < a[1] ? b : a));
  return { perSecond, limitedBy };
};

/**
 * How many of the next elections (their members, in order) may start within `seconds`: each
 * takes 1 ÷ its pace of the window; at least one, so a batch always moves.
 */
export const startsWithin = (
  members: readonly number[],
  quotas: Quotas,
  seconds: number,
  share = BATCH_SHARE,
): number => {
  let spent = 0;
  let count = 0;
  for (const size of members) {
    spent += 1 / startPace(quotas, size, share).perSecond;
    if (spent > seconds && count > 0) break;
    count++;
  }
  return count;
};

/** No quota: the local stand-ins have none (as `ZX_MAIL_RATE` unset means no send rate). */
export const NO_QUOTAS: Quotas = {
  startExecutionsPerSecond: Number.POSITIVE_INFINITY,
  stateTransitionsPerSecond: Number.POSITIVE_INFINITY,
  lambdaConcurrency: Number.POSITIVE_INFINITY,
  mailsPerSecond: Number.POSITIVE_INFINITY,
  mailsPerDay: Number.POSITIVE_INFINITY,
};

/**
 * The deployment's quotas: `ZX_QUOTAS` (JSON, any of the fields) over DEFAULT_QUOTAS — the AWS
 * stack always sets it (infra/stack.ts, from context `quotas`); unset, no quota (the local
 * stack). A broken setting throws at the start rather than pacing by a guess.
 */
export const quotasFromEnv = (env: NodeJS.ProcessEnv = process.env): Quotas => {
  const setting = env.ZX_QUOTAS;
  if (!setting) return NO_QUOTAS;
  return Quotas.parse({ ...DEFAULT_QUOTAS, ...JSON.parse(setting) });
};
