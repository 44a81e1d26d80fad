import * as z from 'zod';

/**
 * Rate limits on the public objection route (异议), in fixed windows: a count per window, kept by
 * the store with an atomic conditional ADD (shared/store/rate-limits.ts), and the organizers'
 * digest of the objections filed in one election hour.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Why these numbers:
 * - `perSource` 10 per source per election per hour: a person objects to the few candidates they
 *   know something about (a branch publishes ~3–15), and one source may be a whole office or a
 *   carrier's NAT (mobile networks in China share addresses), so ten leaves room for several
 *   people behind one address; a flood from one address stops at ten.
 * - `perElection` 60 per election per hour: a real election receives a handful of objections over
 *   a 5–7 day notice; sixty in one hour is a campaign, not a concern, and each objection must be
 *   checked and resolved by the organizers. Sixty is six sources at their cap, so one source can
 *   never exhaust the election's allowance for everyone else.
 * A refused attempt counts nothing (the counters and the objection are one transaction), and
 * anyone refused can come back the next hour or object in writing, as the 公示 notice says.
 */
export const OBJECTION_LIMITS = { perSource: 10, perElection: 60, windowMs: HOUR_MS } as const;

/** The counters are kept a day past their window (the TTL), then DynamoDB deletes them. */
const COUNTER_KEPT_MS = DAY_MS;

/** A fixed window `[start, end)` (epoch ms); `id` names it in keys (its start, ISO 8601). */
export interface FixedWindow {
  start: number;
  end: number;
  id: string;
}

const WindowInput = z.strictObject({ at: z.int().min(0), lengthMs: z.int().min(1) });

/** The window of `lengthMs` that holds `at`; windows are aligned on the epoch. */
export const fixedWindow = (at: Date, lengthMs: number): FixedWindow => {
  const valid = WindowInput.parse({ at: at.getTime(), lengthMs });
  const start = valid.at - (valid.at % valid.lengthMs);
  return { start, end: start + valid.lengthMs, id: new Date(start).toISOString() };
};

/** Whole seconds until the window ends (at least 1): the `Retry-After` of a refusal. */
export const retryAfterSeconds = (at: Date, window: FixedWindow): number =>
  Math.max(1, Math.ceil((window.end - at.getTime()) / 1000));

/** The TTL of a window's counter, in epoch seconds (DynamoDB's TTL takes seconds). */
export const counterExpiry = (window: FixedWindow): number =>
  Math.ceil((window.end + COUNTER_KEPT_MS) / 1000);

export type ObjectionLimit = 'per-source' | 'per-election';

/** A count the store increments only while it is under `limit`. */
export interface WindowCounter {
  limit: ObjectionLimit;
  max: number;
  window: FixedWindow;
  expiresAt: number;
}

/** The two counters an objection filed at `at` must fit under. */
export const objectionCounters = (at: Date): WindowCounter[] => {
  const window = fixedWindow(at, OBJECTION_LIMITS.windowMs);
  const expiresAt = counterExpiry(window);
  return [
    { limit: 'per-election', max: OBJECTION_LIMITS.perElection, window, expiresAt },
    { limit: 'per-source', max: OBJECTION_LIMITS.perSource, window, expiresAt },
  ];
};

/** The refusal's words, in Chinese and English, naming the limit and when to come back. */
export const objectionLimitMessage = (limit: ObjectionLimit, retryAfter: number): string => {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  const [zh, en] =
    limit === 'per-source'
      ? [
          `同一来源每小时对本次选举最多提交 ${OBJECTION_LIMITS.perSource} 件异议`,
          `at most ${OBJECTION_LIMITS.perSource} objections per hour from one source to this election`,
        ]
      : [
          `本次选举每小时最多受理 ${OBJECTION_LIMITS.perElection} 件异议`,
          `this election accepts at most ${OBJECTION_LIMITS.perElection} objections per hour`,
        ];
  return (
    `提交过于频繁:${zh},请约 ${minutes} 分钟后再试,或以书面形式向公推直选工作小组反映。` +
    ` Too many objections: ${en}; try again in about ${minutes} min, or object in writing to the working group.`
  );
};

/**
 * The organizers get at most one digest of objections per election hour: the hour of the
 * election's clock (`dayLengthMs` / 24, a real hour in production), so a test-clock election's
 * digest comes within its own short notice period.
 */
export const digestWindow = (at: Date, dayLengthMs: number): FixedWindow =>
  fixedWindow(at, Math.max(1, Math.floor(dayLengthMs / 24)));

/**
 * When a window's digest may be sent: a minute after it ends, so an objection that took its
 * time in the window (an API function answers within 30 s) is committed before it is listed.
 */
export const DIGEST_GRACE_MS = 60_000;

export const digestDueAt = (window: FixedWindow): Date => new Date(window.end + DIGEST_GRACE_MS);
