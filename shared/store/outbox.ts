import { randomUUID } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterFailedSend, type SendRetry } from '../rules/send-retry.ts';
import { documentClient } from './client.ts';
import { getItems, indexPages, putItems, queryPrefix } from './items.ts';
import { keys } from './keys.ts';
import { normalizeAddress, undeliverableAmong } from './mailboxes.ts';
import { GSI1, tableName } from './table.ts';

/**
 * The notice outbox. Notices are recorded before they are sent, in **batches**: one item holds
 * up to BATCH_SIZE notices of one template about one thing (`ref`) — their addresses, and their
 * subjects and bodies compressed together (a roll's copies of one mail differ in a name) — so a
 * notice to a whole roll is a few writes, not one per member. The batch is claimed with a lease
 * (a notify creates it already claimed: record and claim are one write); its sender sends the
 * notices a few at a time and writes one small **send record** per notice after its attempt
 * (sent with its message id, or failed; written together as they come). So a notice costs one
 * write of its own, and after a crash a new sender — once the lease ran out — reads the send
 * records and repeats only the sends that were in flight (at most MAX_UNRECORDED_SENDS).
 *
 * A notice is known by `${template}#${ref}#${to}`: a retried step records nothing new and sends
 * nothing twice. Recording is race-free without a transaction: batch n is written only by one
 * who knows batches 0 … n−1 (conditional put; on a conflict it reads them again) and leaves out
 * every address they hold, so no address is in two batches.
 *
 * A failed send is tried again after a backoff (`notBefore`), at most MAX_SEND_ATTEMPTS times
 * (shared/rules/send-retry.ts); then, or at once when the address is known undeliverable
 * (shared/store/mailboxes.ts) or the transport refuses it for good, it is `failed` with the
 * reason, for the organizers to see. Until each of its notices is sent or failed, a batch is in
 * gsi1 under `OUTBOX` (`{electionId}#{template}#{ref}#{seq}`): the sweeper (`flushOutbox`, every
 * minute) sends what a sender left — a failed send after its backoff, sends cut short by a time
 * budget, a sender killed. Then it moves to `REDACT`, and BODY_RETENTION_DAYS later its bodies
 * are removed (`redactNoticeBodies`); what was sent — to whom, subject, when, message id — stays
 * in the send records.
 */

/** One notice as it is read: its batch and its send record merged. */
export interface Notice {
  /** `${template}#${ref}#${to}`: one notice of one template about one thing to one address. */
  key: string;
  electionId: string;
  to: string;
  template: string;
  subject: string;
  /** The bodies; absent once removed (BODY_RETENTION_DAYS after the batch was settled). */
  text?: string;
  html?: string;
  /** `sending`: its batch is claimed by a sender under a live lease and it has no outcome yet. */
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  /** No attempt before this time (the backoff after a failed one). */
  notBefore?: string;
  createdAt: string;
  sentAt?: string;
  messageId?: string;
  /** The last failed attempt's error; for a `failed` notice, why it was given up. */
  lastError?: string;
  failedAt?: string;
  /** When text and html were removed. */
  redactedAt?: string;
}

export const noticeKey = (template: string, ref: string, to: string): string =>
  `${template}#${ref}#${to}`;

export interface NewNotice {
  electionId: string;
  template: string;
  /** What the notice is about (a round id, an approval id …): with template and to, its identity. */
  ref: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** What a transport is given to send. */
export type OutgoingNotice = Pick<Notice, 'key' | 'electionId' | 'to' | 'subject'> & {
  text: string;
  html: string;
};

export type SendMail = (notice: OutgoingNotice) => Promise<string>;

/** Notices a batch holds at most (with the bodies compressed, far below DynamoDB's 400 KB). */
export const BATCH_SIZE = 100;
/** Compressed bodies a batch holds at most: a larger batch is split. */
const MAX_BODIES_BYTES = 300_000;

const OUTBOX = 'OUTBOX';
/** gsi1 partition of the settled batches whose bodies are still to be removed. */
const REDACT = 'REDACT';

const LEASE_MS = 60_000;
/** No send starts this close to the end of the sender's lease: a send in flight ends first. */
const LEASE_MARGIN_MS = 15_000;

/** Sends (SES calls) at once: SES allows a per-second rate, a few in flight stay well under it. */
export const SEND_CONCURRENCY = 8;

/**
 * Sends without their send record at most: in flight, or sent with the record being written
 * (a worker waits for its record before its next send). SES takes no idempotency key, so a
 * mail SES accepted just before the process died, its record not written, goes again once the
 * lease runs out: at most this many repeats per crash (at-least-once delivery in that window).
 * (Twice as many let sends overlap the record writes: no faster measurably on the local stack,
 * and up to twice the repeats — 38 of 600 mails in one crash run against 0–5 before.)
 */
export const MAX_UNRECORDED_SENDS = SEND_CONCURRENCY;

interface Body {
  subject: string;
  text: string;
  html: string;
}

/** A batch as stored (without pk, sk and the index keys). */
interface Batch {
  electionId: string;
  template: string;
  ref: string;
  seq: number;
  createdAt: string;
  /** The addresses, in the order of the bodies. */
  to: string[];
  /** brotli of the JSON array of each address's subject, text and html; removed on redaction. */
  bodies?: Uint8Array;
  status: 'pending' | 'sending' | 'done';
  leaseUntil?: string;
  claimId?: string;
  /** No notice of the batch is due before this (each left waits out its backoff). */
  notBefore?: string;
  settledAt?: string;
  redactedAt?: string;
}

/** The outcome of a notice's last attempt, written after it (never before the send). */
interface SendRecord {
  key: string;
  electionId: string;
  template: string;
  to: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  notBefore?: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  failedAt?: string;
}

const pad = (seq: number) => String(seq).padStart(5, '0');
const batchSk = (template: string, ref: string, seq?: number) =>
  `NOTICES#${template}#${ref}#${seq === undefined ? '' : pad(seq)}`;
const batchKey = (b: Pick<Batch, 'electionId' | 'template' | 'ref' | 'seq'>) => ({
  pk: keys.electionPartition(b.electionId),
  sk: batchSk(b.template, b.ref, b.seq),
});
const inOutbox = (b: Pick<Batch, 'electionId' | 'template' | 'ref' | 'seq'>) => ({
  [GSI1.pk]: OUTBOX,
  [GSI1.sk]: `${b.electionId}#${b.template}#${b.ref}#${pad(b.seq)}`,
});

const compress = (bodies: readonly Body[]): Uint8Array =>
  brotliCompressSync(JSON.stringify(bodies), {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      // A window of 4 MB: every copy of the mail in the batch is within reach of the first.
      [constants.BROTLI_PARAM_LGWIN]: 22,
    },
  });

const bodiesOf = (batch: Batch): Body[] | undefined =>
  batch.bodies ? JSON.parse(brotliDecompressSync(batch.bodies).toString('utf8')) : undefined;

const asBatch = (item: Record<string, unknown>): Batch => {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...batch } = item;
  return batch as unknown as Batch;
};

const isConflict = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** The batches of one template and ref, in order (a consistent read). */
const batchesOf = (electionId: string, template: string, ref: string): Promise<Batch[]> =>
  queryPrefix(keys.electionPartition(electionId), batchSk(template, ref), asBatch);

/** Notices to batches of at most BATCH_SIZE whose compressed bodies fit MAX_BODIES_BYTES. */
const packed = (notices: readonly NewNotice[]): { to: string[]; bodies: Uint8Array }[] => {
  const batches: { to: string[]; bodies: Uint8Array }[] = [];
  const pack = (part: readonly NewNotice[]) => {
    const bodies = compress(part.map(({ subject, text, html }) => ({ subject, text, html })));
    if (bodies.byteLength > MAX_BODIES_BYTES && part.length > 1) {
      const half = Math.ceil(part.length / 2);
      pack(part.slice(0, half));
      pack(part.slice(half));
    } else batches.push({ to: part.map((n) => n.to), bodies });
  };
  for (let start = 0; start < notices.length; start += BATCH_SIZE) {
    pack(notices.slice(start, start + BATCH_SIZE));
  }
  return batches;
};

export interface Recorded {
  /** Notices newly recorded (a retried step records none). */
  recorded: number;
  /** Every batch holding one of the notices: those this call created are held by its claim. */
  batches: Batch[];
}

/**
 * Records the notices (of one election, template and ref) not recorded yet, in batches; with
 * `claimId`, the batches it creates are claimed by it (the caller sends them at once). Answers
 * how many were new and every batch that holds one of them.
 */
const recordGroup = async (
  notices: readonly NewNotice[],
  at: Date,
  claimId?: string,
): Promise<Recorded> => {
  const [first] = notices;
  if (!first) return { recorded: 0, batches: [] };
  const { electionId, template, ref } = first;
  const wanted = new Set(notices.map((n) => n.to));
  let remaining = notices;
  // Optimistic first: batch 0 free means nothing of this template and ref was recorded yet.
  let known: Batch[] = [];
  let recorded = 0;
  const mine: Batch[] = [];
  while (remaining.length > 0) {
    const seq = known.length + mine.length;
    // Only the next batch is packed: the rest may change (a racing writer takes some).
    const [next] = packed(remaining.slice(0, BATCH_SIZE));
    if (!next) break;
    const batch: Batch = {
      electionId,
      template,
      ref,
      seq,
      createdAt: at.toISOString(),
      to: next.to,
      bodies: next.bodies,
      ...(claimId
        ? {
            status: 'sending',
            claimId,
            leaseUntil: new Date(Date.now() + LEASE_MS).toISOString(),
          }
        : { status: 'pending' }),
    };
    try {
      await documentClient().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...batchKey(batch), ...inOutbox(batch), ...batch },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      mine.push(batch);
      recorded += next.to.length;
      const taken = new Set(next.to);
      remaining = remaining.filter((n) => !taken.has(n.to));
    } catch (error) {
      if (!isConflict(error)) throw error;
      // Another writer (or this one, its answer lost) took batch `seq`: read them all again.
      const all = await batchesOf(electionId, template, ref);
      known = all.filter((b) => !mine.some((m) => m.seq === b.seq));
      const taken = new Set(all.flatMap((b) => b.to));
      remaining = remaining.filter((n) => !taken.has(n.to));
      // Its own batch, written though the answer was lost, is not counted again.
      recorded = mine.reduce((a, b) => a + b.to.length, 0);
    }
  }
  const others = known.filter((b) => b.to.some((to) => wanted.has(to)));
  return { recorded, batches: [...mine, ...others].sort((a, b) => a.seq - b.seq) };
};

/**
 * Records notices unless they already are (one notice per key: the first recording wins);
 * answers how many were new and their batches. With `claimId` the batches it creates are held
 * by that claim for `sendBatches`; without, they are pending for any sender.
 */
export const recordNotices = async (
  notices: readonly NewNotice[],
  { at = new Date(), claimId }: { at?: Date; claimId?: string } = {},
): Promise<Recorded> => {
  const groups = new Map<string, NewNotice[]>();
  const seen = new Set<string>();
  for (const notice of notices) {
    const key = noticeKey(notice.template, notice.ref, notice.to);
    if (seen.has(`${notice.electionId}#${key}`)) continue;
    seen.add(`${notice.electionId}#${key}`);
    const group = `${notice.electionId}\u0000${notice.template}\u0000${notice.ref}`;
    groups.set(group, [...(groups.get(group) ?? []), notice]);
  }
  let recorded = 0;
  const batches: Batch[] = [];
  for (const group of groups.values()) {
    const result = await recordGroup(group, at, claimId);
    recorded += result.recorded;
    batches.push(...result.batches);
  }
  return { recorded, batches };
};

/**
 * Claims a batch for this sender: pending and due, or claimed by a sender whose lease ran out,
 * or already its own (a claim whose answer was lost, a batch it created). Answers the batch as
 * claimed, or undefined.
 */
const claim = async (batch: Batch, now: Date, claimId: string): Promise<Batch | undefined> => {
  try {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: batchKey(batch),
        UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, claimId = :claim',
        ConditionExpression:
          '(#status = :pending AND (attribute_not_exists(notBefore) OR notBefore <= :now)) OR ' +
          '(#status = :sending AND (leaseUntil < :now OR claimId = :claim))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':lease': new Date(now.getTime() + LEASE_MS).toISOString(),
          ':claim': claimId,
          ':now': now.toISOString(),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? asBatch(Attributes) : undefined;
  } catch (error) {
    if (isConflict(error)) return undefined;
    throw error;
  }
};

/** The send records of a batch's notices, by key (consistent reads). */
const sendRecordsOf = async (batch: Batch): Promise<Map<string, SendRecord>> => {
  const records = await getItems<SendRecord>(
    batch.to.map((to) => keys.notice(batch.electionId, noticeKey(batch.template, batch.ref, to))),
  );
  return new Map(records.map((r) => [r.key, r]));
};

/**
 * Writes send records as they come, together: whatever is queued while one write is under way
 * goes in the next (BatchWriteItem, 25 a call). Each record's promise settles with its write.
 */
const sendRecordWriter = () => {
  let queue: { record: SendRecord; written: () => void; failed: (error: unknown) => void }[] = [];
  let writing = false;
  const drain = async () => {
    writing = true;
    while (queue.length > 0) {
      const taken = queue;
      queue = [];
      try {
        await putItems(
          taken.map(({ record }) => ({ ...keys.notice(record.electionId, record.key), ...record })),
        );
        for (const { written } of taken) written();
      } catch (error) {
        for (const { failed } of taken) failed(error);
      }
    }
    writing = false;
  };
  return (record: SendRecord) =>
    new Promise<void>((written, failed) => {
      queue.push({ record, written, failed });
      if (!writing) void drain();
    });
};

/**
 * Ends a claim: a batch whose every notice is sent or failed is `done` and leaves the sweeper's
 * list for the list of bodies to remove; otherwise it is pending again, not due before its
 * earliest backoff when every notice left waits for one. Nothing if the claim is no longer its.
 */
const release = async (
  batch: Batch,
  claimId: string,
  now: Date,
  left: SendRecord[],
  due: boolean,
) => {
  const done = left.length === 0;
  const notBefore = due ? undefined : left.map((r) => r.notBefore ?? '').sort()[0];
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: batchKey(batch),
        UpdateExpression: done
          ? 'SET #status = :done, settledAt = :now, #gpk = :redact, #gsk = :redactSk REMOVE leaseUntil, claimId, notBefore'
          : `SET #status = :pending${notBefore ? ', notBefore = :notBefore' : ''} REMOVE leaseUntil, claimId${notBefore ? '' : ', notBefore'}`,
        ConditionExpression: 'claimId = :claim',
        ExpressionAttributeNames: {
          '#status': 'status',
          ...(done ? { '#gpk': GSI1.pk, '#gsk': GSI1.sk } : {}),
        },
        ExpressionAttributeValues: {
          ':claim': claimId,
          ...(done
            ? {
                ':done': 'done',
                ':now': now.toISOString(),
                ':redact': REDACT,
                ':redactSk': `${now.toISOString()}#${inOutbox(batch)[GSI1.sk]}`,
              }
            : { ':pending': 'pending', ...(notBefore ? { ':notBefore': notBefore } : {}) }),
        },
      }),
    );
  } catch (error) {
    // Released already (its answer lost), or the lease ran out and another sender holds it.
    if (!isConflict(error)) throw error;
  }
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

const final = (r: SendRecord | undefined) => r?.status === 'sent' || r?.status === 'failed';

/** Sends the due notices of a batch this sender holds, then releases it. */
const sendBatch = async (
  batch: Batch,
  claimId: string,
  fresh: boolean,
  send: SendMail,
  { now = () => new Date(), concurrency = SEND_CONCURRENCY, until }: SendOptions,
): Promise<SendReport> => {
  const report: SendReport = { sent: 0, failed: 0, deferred: 0 };
  const records = fresh ? new Map<string, SendRecord>() : await sendRecordsOf(batch);
  const bodies = bodiesOf(batch) ?? [];
  const keyOf = (to: string) => noticeKey(batch.template, batch.ref, to);
  const open = batch.to.flatMap((to, i) => {
    const record = records.get(keyOf(to));
    return final(record) ? [] : [{ to, body: bodies[i] as Body, record }];
  });
  const isDue = (r?: SendRecord) => !r?.notBefore || r.notBefore <= now().toISOString();
  const due = open.filter((n) => isDue(n.record));
  const undeliverable = due.length > 0 ? await undeliverableAmong(due.map((n) => n.to)) : new Map();
  const leaseEnds = Date.parse(batch.leaseUntil ?? '') - LEASE_MARGIN_MS;
  const stopAt = Math.min(until?.getTime() ?? Number.POSITIVE_INFINITY, leaseEnds);
  const outcomes = new Map<string, SendRecord>();
  const writeSendRecord = sendRecordWriter();
  const attempt = async ({ to, body, record }: (typeof due)[number]) => {
    const base = {
      key: keyOf(to),
      electionId: batch.electionId,
      template: batch.template,
      to,
      subject: body.subject,
    };
    const attempts = (record?.attempts ?? 0) + 1;
    const mark = undeliverable.get(normalizeAddress(to));
    let outcome: SendRecord;
    if (mark) {
      const lastError = `undeliverable: ${mark.kind} at ${mark.at} (${mark.reason})`;
      outcome = { ...base, status: 'failed', attempts, lastError, failedAt: now().toISOString() };
    } else {
      try {
        const messageId = await send({ ...base, text: body.text, html: body.html });
        outcome = { ...base, status: 'sent', attempts, messageId, sentAt: now().toISOString() };
      } catch (error) {
        const lastError = String(error);
        const after = afterFailedSend(attempts, mailRetryOf(error), now());
        outcome =
          after.next === 'failed'
            ? { ...base, status: 'failed', attempts, lastError, failedAt: now().toISOString() }
            : {
                ...base,
                status: 'pending',
                attempts: after.countsAsAttempt ? attempts : attempts - 1,
                lastError,
                notBefore: after.notBefore.toISOString(),
              };
      }
    }
    return outcome;
  };
  // Never more than MAX_UNRECORDED_SENDS sends without their record: the most a crash can
  // repeat. The records written meanwhile go together (`sendRecordWriter`).
  let unrecorded = 0;
  const waiting: (() => void)[] = [];
  const writes: Promise<void>[] = [];
  const record = (outcome: SendRecord) =>
    writeSendRecord(outcome)
      .then(() => {
        outcomes.set(outcome.key, outcome);
        if (outcome.status === 'sent') report.sent++;
        else report.failed++;
      })
      .finally(() => {
        unrecorded--;
        waiting.shift()?.();
      });
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const notice = due[next++] as (typeof due)[number];
      if (now().getTime() >= stopAt) {
        report.deferred++;
        continue;
      }
      while (unrecorded >= MAX_UNRECORDED_SENDS) await new Promise<void>((r) => waiting.push(r));
      unrecorded++;
      writes.push(record(await attempt(notice)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
  await Promise.all(writes);
  const left = open.flatMap(({ to, record }) => {
    const latest = outcomes.get(keyOf(to)) ?? record;
    return final(latest) ? [] : [latest ?? ({ notBefore: undefined } as SendRecord)];
  });
  // Due again at once when any notice left has no backoff (deferred, or never tried).
  const anyDue = left.some((r) => isDue(r));
  await release(batch, claimId, now(), left, anyDue);
  return report;
};

const add = (a: SendReport, b: SendReport): SendReport => ({
  sent: a.sent + b.sent,
  failed: a.failed + b.failed,
  deferred: a.deferred + b.deferred,
});

/**
 * Sends the notices of the given batches not sent yet: each batch is claimed (unless this
 * `claimId` holds it already), its due notices sent SEND_CONCURRENCY at a time with a send
 * record each, and released. A failed send leaves its notice pending (counted in `failed`)
 * for a later attempt after its backoff, or parks it as `failed`; a notice to an address known
 * undeliverable is parked as `failed` without a send.
 */
export const sendBatches = async (
  batches: readonly Batch[],
  send: SendMail,
  options: SendOptions & { claimId?: string } = {},
): Promise<SendReport> => {
  const { now = () => new Date(), claimId = randomUUID() } = options;
  let report: SendReport = { sent: 0, failed: 0, deferred: 0 };
  for (const batch of batches) {
    if (batch.status === 'done') continue;
    if (options.until && now() >= options.until) {
      report = add(report, { sent: 0, failed: 0, deferred: batch.to.length });
      continue;
    }
    // A batch this call created under its claim has no send record yet: no need to read them.
    const fresh = batch.claimId === claimId && batch.status === 'sending' && !!batch.bodies;
    const held = fresh ? batch : await claim(batch, now(), claimId);
    if (!held) continue;
    report = add(report, await sendBatch(held, claimId, fresh, send, options));
  }
  return report;
};

/**
 * The batches not settled yet (pending, or claimed under a lease), of one election or of all,
 * in pages from gsi1. The index is eventually consistent on AWS: a batch recorded a moment ago
 * may show only at the next sweep — the request that recorded it sends it itself.
 */
async function* unsettledBatches(electionId?: string): AsyncGenerator<Batch[]> {
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
  for await (const page of pages) yield (page.Items ?? []).map(asBatch);
}

/**
 * Sends every notice not sent yet — of one election, or of all when `electionId` is omitted
 * (the sweeper) — page by page; answers how many went out, failed or were deferred, and when
 * the oldest batch still waiting was recorded.
 */
export const flushOutbox = async (
  electionId: string | undefined,
  send: SendMail,
  options: SendOptions = {},
): Promise<SendReport & { oldestUnsentAt?: string }> => {
  const now = options.now ?? (() => new Date());
  let report: SendReport = { sent: 0, failed: 0, deferred: 0 };
  let oldestUnsentAt: string | undefined;
  for await (const page of unsettledBatches(electionId)) {
    for (const { createdAt } of page) {
      if (!oldestUnsentAt || createdAt < oldestUnsentAt) oldestUnsentAt = createdAt;
    }
    const at = now().toISOString();
    // Skipped without a write: held under a live lease, or every notice in its backoff.
    const due = page.filter((b) =>
      b.status === 'sending' ? (b.leaseUntil ?? '') < at : !b.notBefore || b.notBefore <= at,
    );
    report = add(report, await sendBatches(due, send, options));
  }
  return oldestUnsentAt ? { ...report, oldestUnsentAt } : report;
};

/** Every notice of an election, in key order: each batch's notices with their send records. */
export const listNotices = async (electionId: string, now = new Date()): Promise<Notice[]> => {
  const items = await queryPrefix(
    keys.electionPartition(electionId),
    'NOTICE',
    (item) => item as Record<string, unknown>,
  );
  const records = new Map<string, SendRecord>();
  const batches: Batch[] = [];
  for (const item of items) {
    if (String(item.sk).startsWith('NOTICES#')) batches.push(asBatch(item));
    else {
      const { pk: _pk, sk: _sk, ...record } = item;
      records.set(String(record.key), record as unknown as SendRecord);
    }
  }
  const notices: Notice[] = [];
  for (const batch of batches) {
    const bodies = bodiesOf(batch);
    const held = batch.status === 'sending' && (batch.leaseUntil ?? '') > now.toISOString();
    batch.to.forEach((to, i) => {
      const key = noticeKey(batch.template, batch.ref, to);
      const body = bodies?.[i];
      const {
        key: _k,
        electionId: _e,
        template: _t,
        to: _to,
        ...record
      } = records.get(key) ?? {
        status: held ? 'sending' : 'pending',
        attempts: 0,
      };
      notices.push({
        key,
        electionId,
        to,
        template: batch.template,
        subject: body?.subject ?? '',
        ...(body ? { text: body.text, html: body.html } : {}),
        createdAt: batch.createdAt,
        ...record,
        ...(record.status === 'pending' && held ? { status: 'sending' } : {}),
        ...(batch.redactedAt ? { redactedAt: batch.redactedAt } : {}),
      } as Notice);
    });
  }
  return notices.sort((a, b) => a.key.localeCompare(b.key));
};

/** Days a settled batch keeps its bodies (the audit needs what was sent, not the body). */
export const BODY_RETENTION_DAYS = 30;

/**
 * Removes the bodies of the batches settled before `before`, oldest first, until `until`;
 * answers how many notices' bodies went. Who, subject, when and message id stay (the send
 * records). The condition skips a batch that went back to pending meanwhile.
 */
export const redactNoticeBodies = async (
  before: Date,
  { now = () => new Date(), until }: Pick<SendOptions, 'now' | 'until'> = {},
): Promise<number> => {
  let redacted = 0;
  const pages = indexPages(REDACT, { below: before.toISOString() });
  for await (const page of pages) {
    for (const batch of (page.Items ?? []).map(asBatch)) {
      if (until && now() >= until) return redacted;
      try {
        await documentClient().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: batchKey(batch),
            UpdateExpression: `SET redactedAt = :now REMOVE bodies, ${GSI1.pk}, ${GSI1.sk}`,
            ConditionExpression: '#status = :done',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':now': now().toISOString(), ':done': 'done' },
          }),
        );
        redacted += batch.to.length;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
  }
  return redacted;
};
