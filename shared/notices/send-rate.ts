/**
 * The account's send rate (SES: 1 mail/s in the sandbox, e.g. 14/s in production), kept by a
 * token bucket per process: `take()` resolves when a mail may go. Per process is enough because
 * the rate is spent almost only by the outbox sweeper, which runs one sweep at a time; a request
 * sends its own notices for a few seconds only, and when they and a sweep together go over the
 * rate, SES answers Throttling, which the outbox retries a second later without counting it as
 * an attempt (shared/store/outbox.ts).
 */
export interface SendRate {
  take(): Promise<void>;
}

export const tokenBucket = (
  perSecond: number,
  {
    burst = Math.max(1, Math.floor(perSecond)),
    now = () => Date.now(),
    sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  } = {},
): SendRate => {
  let tokens = burst;
  let last = now();
  // Takers queue in order: each waits for the one before it.
  let queue: Promise<void> = Promise.resolve();
  const refill = () => {
    const at = now();
    tokens = Math.min(burst, tokens + ((at - last) / 1000) * perSecond);
    last = at;
  };
  const takeOne = async () => {
    refill();
    while (tokens < 1) {
      await sleep(Math.ceil(((1 - tokens) / perSecond) * 1000));
      refill();
    }
    tokens -= 1;
  };
  return {
    take() {
      const turn = queue.then(takeOne);
      queue = turn;
      return turn;
    },
  };
};

const unlimited: SendRate = { take: async () => {} };
const buckets = new Map<string, SendRate>();

/**
 * The process's bucket for `ZX_MAIL_RATE` (mails per second; the stack sets it from context,
 * default 1). Unset or 0: no limit (the local SES stand-in has none).
 */
export const sendRate = (env: NodeJS.ProcessEnv = process.env): SendRate => {
  const setting = env.ZX_MAIL_RATE ?? '';
  const perSecond = Number(setting);
  if (!setting || perSecond === 0) return unlimited;
  if (!(perSecond > 0)) throw new Error(`ZX_MAIL_RATE must be a positive number, not ${setting}`);
  let bucket = buckets.get(setting);
  if (!bucket) {
    bucket = tokenBucket(perSecond);
    buckets.set(setting, bucket);
  }
  return bucket;
};
