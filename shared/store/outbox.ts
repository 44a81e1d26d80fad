import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';
import { queryPrefix } from './items.ts';
import { keys } from './keys.ts';
import { GSI1, tableName } from './table.ts';

/**
 * The notice outbox. A notice is recorded (who, what, when) before it is sent, under a key that
 * names it — template, subject of the notice, recipient — so a retried step records nothing new
 * and sends nothing twice. Sending claims the notice with a lease; a send that fails leaves it
 * pending for the next attempt, so no notice is silently lost. Until it is sent a notice is in
 * gsi1 under `OUTBOX` (`{electionId}#{key}`): the sweeper (`sweepOutbox`, every minute) sends
 * what a request left — a failed send, a send cut short by its time budget, a process killed
 * between recording and sending.
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
  status: 'pending' | 'sending' | 'sent';
  attempts: number;
  createdAt: string;
  leaseUntil?: string;
  /** The sender holding the lease: its own claim, retried after a lost answer, is still its. */
  claimId?: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
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
const claim = async (notice: Notice, now: Date, claimId: string): Promise<boolean> => {
  const key = keys.notice(notice.electionId, notice.key);
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression:
          'SET #status = :sending, leaseUntil = :lease, claimId = :claim, attempts = attempts + :one',
        ConditionExpression: '#status = :pending OR (#status = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':lease': new Date(now.getTime() + LEASE_MS).toISOString(),
          ':claim': claimId,
          ':now': now.toISOString(),
          ':one': 1,
        },
      }),
    );
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
    );
    return Item?.status === 'sending' && Item.claimId === claimId;
  }
};

const settle = async (notice: Notice, changes: Record<string, unknown>, sent: boolean) => {
  const names = Object.keys(changes);
  const removed = ['leaseUntil', 'claimId', ...(sent ? [GSI1.pk, GSI1.sk] : [])];
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.notice(notice.electionId, notice.key),
      UpdateExpression: `SET #status = :status, ${names.map((n) => `${n} = :${n}`).join(', ')} REMOVE ${removed.join(', ')}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': sent ? 'sent' : 'pending',
        ...Object.fromEntries(names.map((n) => [`:${n}`, changes[n]])),
      },
    }),
  );
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
 * settled. A failed send leaves its notice pending (counted in `failed`) for a later attempt.
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
      if (notice.status === 'sent') continue;
      if (until && now() >= until) {
        report.deferred++;
        continue;
      }
      if (!(await claim(notice, now(), claimId))) continue;
      try {
        const messageId = await send(notice);
        await settle(notice, { messageId, sentAt: now().toISOString() }, true);
        report.sent++;
      } catch (error) {
        await settle(notice, { lastError: String(error) }, false);
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
): Promise<SendReport> => {
  let report: SendReport = { sent: 0, failed: 0, deferred: 0 };
  for await (const page of unsentNotices(electionId)) {
    report = add(report, await sendNotices(page, send, options));
  }
  return report;
};
