import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterFailedSend, type SendRetry } from '../rules/send-retry.ts';
import { documentClient } from './client.ts';
import { indexPages, queryPrefix } from './items.ts';
import { keys } from './keys.ts';
import { getUndeliverable } from './mailboxes.ts';
import { GSI1, tableName } from './table.ts';

/**
 * The notice outbox. A notice is recorded (who, what, when) before it is sent, under a key that
 * names it — template, subject of the notice, recipient — so a retried step records nothing new
 * and sends nothing twice. Sending claims the notice with a lease; a send that fails leaves it
 * pending for the next attempt, so no notice is silently lost. Until it is sent a notice is in
 * gsi1 under `OUTBOX` (`{electionId}#{key}`): the sweeper (`sweepOutbox`, every minute) sends
 * what a request left — a failed send, a send cut short by its time budget, a process killed
 * between recording and sending.
 *
 * A failed send is tried again after a backoff (`notBefore`), at most MAX_SEND_ATTEMPTS times (shared/rules/send-retry.ts);
 * then, or at once when the address is known undeliverable (shared/store/mailboxes.ts) or the
 * transport refuses it for good, the notice is parked as `failed` with the reason, for the
 * organizers to see. A sent or failed notice's body (text, html) is removed after
 * BODY_RETENTION_DAYS by the sweeper (`redactNoticeBodies`); what was sent — key, template, to,
 * subject, sentAt, messageId — stays.
 */

export interface Notice {
  /** `${template}#${ref}#${to}`: one notice of one template about one thing to one address. */
  key: string;
  electionId: string;
  to: string;
  template: string;
  subject: string;
  text: string;
  html: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  /** No attempt before this time (the backoff after a failed one). */
  notBefore?: string;
  createdAt: string;
  leaseUntil?: string;
  /** The sender holding the lease: its own claim, retried after a lost answer, is still its. */
  claimId?: string;
  sentAt?: string;
  messageId?: string;
  /** The last failed attempt's error; for a `failed` notice, why it was given up. */
  lastError?: string;
  failedAt?: string;
  /** When text and html were removed (BODY_RETENTION_DAYS after it was sent or failed). */
  redactedAt?: string;
}

export const noticeKey = (template: string, ref: string, to: string): string =>
  `${template}#${ref}#${to}`;

export type NewNotice = Pick<
  Notice,
  'electionId' | 'to' | 'template' | 'subject' | 'text' | 'html'
> & {
  ref: string;
};

const OUTBOX = 'OUTBOX';
/** gsi1 partition of the sent and failed notices whose bodies are still to be removed. */
const REDACT = 'REDACT';

/** The index entry of a notice not sent yet (removed when it is sent: a sparse index). */
const unsent = (electionId: string, key: string) => ({
  [GSI1.pk]: OUTBOX,
  [GSI1.sk]: `${electionId}#${key}`,
});

/** A new notice as it is recorded: pending, under its key. */
export const pendingNotice = ({ ref, ...notice }: NewNotice, at: Date): Notice => ({
  ...notice,
  key: noticeKey(notice.template, ref, notice.to),
  status: 'pending',
  attempts: 0,
  createdAt: at.toISOString(),
});

/** Records a notice unless it already is; answers whether it was new. */
export const recordNotice = async (notice: NewNotice, now = new Date()): Promise<boolean> => {
  const item = pendingNotice(notice, now);
  const { key } = item;
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.notice(notice.electionId, key),
          ...unsent(notice.electionId, key),
          ...item,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

const asNotice = (item: Record<string, unknown>): Notice => {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...notice } = item;
  return notice as unknown as Notice;
};

/** Every notice of an election, in key order. */
export const listNotices = (electionId: string): Promise<Notice[]> =>
  queryPrefix(keys.electionPartition(electionId), 'NOTICE#', asNotice);

/**
 * The notices not sent yet (pending, or sending under a lease), of one election or of all, in
 * pages from gsi1. The index is eventually consistent on AWS: a notice recorded a moment ago may
 * show only at the next sweep — the request that recorded it sends it itself.
 */
async function* unsentNotices(electionId?: string): AsyncGenerator<Notice[]> {
  const pages = paginateQuery(
    { client: documentClient() },
    {
      TableName: tableName(),
      IndexName: GSI1.name,
      KeyConditionExpression: electionId
        ? '#pk = :outbox AND begins_with(#sk, :election)'
        : '#pk = :outbox',
      ExpressionAttributeNames: electionId
        ? { '#pk': GSI1.pk, '#sk': GSI1.sk }
        : { '#pk': GSI1.pk },
      ExpressionAttributeValues: electionId
        ? { ':outbox': OUTBOX, ':election': `${electionId}#` }
        : { ':outbox': OUTBOX },
    },
  );
  for await (const page of pages) yield (page.Items ?? []).map(asNotice);
}

const LEASE_MS = 60_000;

/**
 * Claims a notice that is pending (or whose lease ran out) for this sender; false if it is sent
 * or another sender holds it. The claim carries the sender's id, so when its answer is lost and
 * the SDK's retry fails the condition, the sender still recognizes the claim as its own.
 */
const claim = async (notice: Notice, now: Date, claimId: string): Promise<number | undefined> => {
  const key = keys.notice(notice.electionId, notice.key);
  try {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression:
          'SET #status = :sending, leaseUntil = :lease, claimId = :claim, attempts = attempts + :one',
        ConditionExpression:
          '(#status = :pending AND (attribute_not_exists(notBefore) OR notBefore <= :now)) OR ' +
          '(#status = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':lease': new Date(now.getTime() + LEASE_MS).toISOString(),
          ':claim': claimId,
          ':now': now.toISOString(),
          ':one': 1,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Attributes?.attempts as number;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
    );
    return Item?.status === 'sending' && Item.claimId === claimId
      ? (Item.attempts as number)
      : undefined;
  }
};

type Outcome =
  | { status: 'sent'; messageId: string; sentAt: string }
  | { status: 'pending'; lastError: string; notBefore: string; refund?: boolean }
  | { status: 'failed'; lastError: string; failedAt: string };

/**
 * Ends a claim. Sent and failed notices leave the sweeper's list (`OUTBOX`) for the list of
 * bodies to remove (`REDACT`, by the time they were settled); a throttled send is not counted
 * as an attempt (`refund`).
 */
const settle = async (notice: Notice, outcome: Outcome) => {
  const { status, refund, ...changes } = { refund: false, ...outcome };
  const done = status !== 'pending';
  const at = 'sentAt' in changes ? changes.sentAt : 'failedAt' in changes ? changes.failedAt : '';
  const set: Record<string, unknown> = {
    ...changes,
    ...(done ? { [GSI1.pk]: REDACT, [GSI1.sk]: `${at}#${notice.electionId}#${notice.key}` } : {}),
  };
  const names = Object.keys(set);
  const removed = ['leaseUntil', 'claimId', ...(done ? ['notBefore'] : [])];
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.notice(notice.electionId, notice.key),
      UpdateExpression: `SET #status = :status, ${names.map((_name, i) => `#n${i} = :v${i}`).join(', ')}${refund ? ', attempts = attempts - :one' : ''} REMOVE ${removed.join(', ')}`,
      ExpressionAttributeNames: {
        '#status': 'status',
        ...Object.fromEntries(names.map((n, i) => [`#n${i}`, n])),
      },
      ExpressionAttributeValues: {
        ':status': status,
        ...Object.fromEntries(names.map((n, i) => [`:v${i}`, set[n]])),
        ...(refund ? { ':one': 1 } : {}),
      },
    }),
  );
};

/**
 * How a send error says what it means for the next attempt, whatever the transport
 * (shared/aws/ses.ts, smtp.ts set it): `never` — refused for good (no retry); `throttled` —
 * over the send rate (not an attempt). Anything else is retried after the backoff.
 */
export const mailRetryOf = (error: unknown): SendRetry => {
  const retry = (error as { mailRetry?: unknown } | null)?.mailRetry;
  return retry === 'never' || retry === 'throttled' ? retry : undefined;
};

const failure = (attempts: number, error: unknown, now: Date): Outcome => {
  const lastError = String(error);
  const after = afterFailedSend(attempts, mailRetryOf(error), now);
  if (after.next === 'failed') return { status: 'failed', lastError, failedAt: now.toISOString() };
  return {
    status: 'pending',
    lastError,
    notBefore: after.notBefore.toISOString(),
    refund: !after.countsAsAttempt,
  };
};

export type SendMail = (notice: Notice) => Promise<string>;

export interface SendOptions {
  now?: () => Date;
  /** Sends at once (SES allows a per-second rate: a few in flight stay well under it). */
  concurrency?: number;
  /** No new send starts after this time; what is left stays pending for the sweeper. */
  until?: Date;
}

export interface SendReport {
  sent: number;
  /** Attempts that failed: the notice waits for its next attempt, or is parked as `failed`. */
  failed: number;
  /** Left pending because the time budget ran out. */
  deferred: number;
}

/**
 * Sends in flight at once. SES takes no idempotency key, so a mail SES accepted just before the
 * process died, not yet marked sent, goes again once its lease runs out: at most this many
 * repeats per crash (at-least-once delivery in that window).
 */
export const SEND_CONCURRENCY = 8;

/**
 * Sends the given notices that are not sent yet, a few at a time: each is claimed, sent and
 * settled. A failed send leaves its notice pending (counted in `failed`) for a later attempt
 * after its backoff, or parks it as `failed` (see the top of this file). A notice to an
 * address known undeliverable is parked as `failed` without a send.
 */
export const sendNotices = async (
  notices: readonly Notice[],
  send: SendMail,
  { now = () => new Date(), concurrency = SEND_CONCURRENCY, until }: SendOptions = {},
): Promise<SendReport> => {
  const report: SendReport = { sent: 0, failed: 0, deferred: 0 };
  const claimId = randomUUID();
  let next = 0;
  const worker = async () => {
    while (next < notices.length) {
      const notice = notices[next++] as Notice;
      if (notice.status === 'sent' || notice.status === 'failed') continue;
      if (notice.notBefore && notice.notBefore > now().toISOString()) continue;
      if (until && now() >= until) {
        report.deferred++;
        continue;
      }
      const attempts = await claim(notice, now(), claimId);
      if (attempts === undefined) continue;
      const undeliverable = await getUndeliverable(notice.to);
      if (undeliverable) {
        const { kind, reason, at } = undeliverable;
        const lastError = `undeliverable: ${kind} at ${at} (${reason})`;
        await settle(notice, { status: 'failed', lastError, failedAt: now().toISOString() });
        report.failed++;
        continue;
      }
      try {
        const messageId = await send(notice);
        await settle(notice, { status: 'sent', messageId, sentAt: now().toISOString() });
        report.sent++;
      } catch (error) {
        await settle(notice, failure(attempts, error, now()));
        report.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, notices.length) }, worker));
  return report;
};

const add = (a: SendReport, b: SendReport): SendReport => ({
  sent: a.sent + b.sent,
  failed: a.failed + b.failed,
  deferred: a.deferred + b.deferred,
});

/**
 * Sends every notice not sent yet — of one election, or of all when `electionId` is omitted
 * (the sweeper) — page by page; answers how many went out, failed or were deferred.
 */
export const flushOutbox = async (
  electionId: string | undefined,
  send: SendMail,
  options: SendOptions = {},
): Promise<SendReport & { oldestUnsentAt?: string }> => {
  let report: SendReport = { sent: 0, failed: 0, deferred: 0 };
  // When the oldest notice found waiting was recorded: how long mail has been stuck, if at all.
  let oldestUnsentAt: string | undefined;
  for await (const page of unsentNotices(electionId)) {
    for (const { createdAt } of page) {
      if (!oldestUnsentAt || createdAt < oldestUnsentAt) oldestUnsentAt = createdAt;
    }
    report = add(report, await sendNotices(page, send, options));
  }
  return oldestUnsentAt ? { ...report, oldestUnsentAt } : report;
};

/** Days a sent or failed notice keeps its text and html (the audit needs what, not the body). */
export const BODY_RETENTION_DAYS = 30;

/**
 * Removes text and html from the notices sent or failed before `before`, oldest first, until
 * `until`; answers how many. The key, template, recipient, subject, sentAt and messageId stay.
 * The condition skips a notice that went back to pending meanwhile.
 */
export const redactNoticeBodies = async (
  before: Date,
  { now = () => new Date(), until }: Pick<SendOptions, 'now' | 'until'> = {},
): Promise<number> => {
  let redacted = 0;
  const pages = indexPages(REDACT, { below: before.toISOString() });
  for await (const page of pages) {
    for (const notice of (page.Items ?? []).map(asNotice)) {
      if (until && now() >= until) return redacted;
      try {
        await documentClient().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: keys.notice(notice.electionId, notice.key),
            UpdateExpression: `SET redactedAt = :now REMOVE #text, html, ${GSI1.pk}, ${GSI1.sk}`,
            ConditionExpression: '#status IN (:sent, :failed)',
            ExpressionAttributeNames: { '#status': 'status', '#text': 'text' },
            ExpressionAttributeValues: {
              ':now': now().toISOString(),
              ':sent': 'sent',
              ':failed': 'failed',
            },
          }),
        );
        redacted++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
  return redacted;
};
