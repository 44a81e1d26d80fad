import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';

/**
 * The notice outbox. A notice is recorded (who, what, when) before it is sent, under a key that
 * names it — template, subject of the notice, recipient — so a retried step records nothing new
 * and sends nothing twice. Sending claims the notice with a lease; a send that fails leaves it
 * pending for the next attempt, so no notice is silently lost.
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

/** Records a notice unless it already is; answers whether it was new. */
export const recordNotice = async (notice: NewNotice, now = new Date()): Promise<boolean> => {
  const { ref, ...rest } = notice;
  const key = noticeKey(notice.template, ref, notice.to);
  const item: Notice = {
    ...rest,
    key,
    status: 'pending',
    attempts: 0,
    createdAt: now.toISOString(),
  };
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.notice(notice.electionId, key), ...item },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** Every notice of an election, in key order. */
export const listNotices = async (electionId: string): Promise<Notice[]> => {
  const notices: Notice[] = [];
  const pages = paginateQuery(
    { client: documentClient() },
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :notice)',
      ExpressionAttributeValues: {
        ':pk': keys.electionPartition(electionId),
        ':notice': 'NOTICE#',
      },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const { pk: _pk, sk: _sk, ...notice } = item;
      notices.push(notice as Notice);
    }
  }
  return notices;
};

const LEASE_MS = 60_000;

/** Claims a pending notice (or one whose lease ran out) for one sender; false if another has it. */
const claim = async (notice: Notice, now: Date): Promise<boolean> => {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.notice(notice.electionId, notice.key),
        UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, attempts = attempts + :one',
        ConditionExpression: '#status = :pending OR (#status = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':lease': new Date(now.getTime() + LEASE_MS).toISOString(),
          ':now': now.toISOString(),
          ':one': 1,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

const settle = async (notice: Notice, changes: Record<string, unknown>, status: string) => {
  const names = Object.keys(changes);
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.notice(notice.electionId, notice.key),
      UpdateExpression: `SET #status = :status, ${names.map((n) => `${n} = :${n}`).join(', ')} REMOVE leaseUntil`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': status,
        ...Object.fromEntries(names.map((n) => [`:${n}`, changes[n]])),
      },
    }),
  );
};

export type SendMail = (notice: Notice) => Promise<string>;

/**
 * Sends every notice of the election that is not sent yet; answers how many went out and how
 * many failed (those stay pending and are tried again by the next call).
 */
export const flushOutbox = async (
  electionId: string,
  send: SendMail,
  now: () => Date = () => new Date(),
): Promise<{ sent: number; failed: number }> => {
  let sent = 0;
  let failed = 0;
  for (const notice of await listNotices(electionId)) {
    if (notice.status === 'sent' || !(await claim(notice, now()))) continue;
    try {
      const messageId = await send(notice);
      await settle(notice, { messageId, sentAt: now().toISOString() }, 'sent');
      sent++;
    } catch (error) {
      await settle(notice, { lastError: String(error) }, 'pending');
      failed++;
    }
  }
  return { sent, failed };
};
