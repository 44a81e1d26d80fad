import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import {
  BODY_RETENTION_DAYS,
  flushOutbox,
  type NewNotice,
  recordNotices,
  redactNoticeBodies,
  type SendOptions,
  type SendReport,
  sendBatches,
} from '../store/outbox.ts';
import { NoticeDataError, parseTemplateData, renderParsed } from './render.ts';
import { sendMail } from './send-mail.ts';
import type { Recipient } from './template.ts';
import type { TemplateData, TemplateName } from './templates/index.ts';

export interface NotifyRequest {
  electionId: string;
  template: TemplateName;
  /** What the notice is about (e.g. a round id, an approval id): with template and address, its identity. */
  ref: string;
  recipients: readonly Recipient[];
  /** The template's data, validated against its schema (templates/); see `TemplateData`. */
  data: Record<string, unknown>;
  /** When the notice is recorded as created (default now): a key naming a day uses the same. */
  at?: Date;
}

/**
 * The same request with the data typed by its template, for a compile-time check:
 * `notify({...} satisfies TypedNotifyRequest<'halted'>)`. (notify validates at run time anyway.)
 */
export type TypedNotifyRequest<T extends TemplateName> = Omit<
  NotifyRequest,
  'template' | 'data'
> & {
  template: T;
  data: TemplateData<T>;
};

export interface NotifyResult {
  /** Notices newly recorded (a retried step records none). */
  recorded: number;
  /** This request's notices sent by this call. */
  sent: number;
  /** Sends that failed: those notices stay pending for the outbox sweeper. */
  failed: number;
  /** Left pending because the time budget ran out: the outbox sweeper sends them. */
  deferred: number;
  /** Ids of recipients with no e-mail, for the organizers to inform by hand. */
  withoutEmail: string[];
}

const Envelope = z.strictObject({
  electionId: z.string().min(1).max(200),
  ref: z.string().min(1).max(500),
  recipients: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().trim().min(1),
      email: z.email().optional(),
    }),
  ),
});

/** Sends every notice of the election not sent yet (a failed send is tried again here). */
export const flushNotices = async (
  electionId: string,
  options: SendOptions = {},
): Promise<SendReport> => {
  const { oldestUnsentAt: _waiting, ...report } = await flushOutbox(electionId, sendMail, options);
  return report;
};

/**
 * Removes the text and html of notices sent or failed more than BODY_RETENTION_DAYS ago (the
 * sweeper, with its time left); answers how many. What was sent, to whom and when stays.
 */
export const redactSentBodies = ({ now = () => new Date(), until }: SendOptions = {}) =>
  redactNoticeBodies(new Date(now().getTime() - BODY_RETENTION_DAYS * 86_400_000), { now, until });

/**
 * How long a notify may spend sending before it leaves the rest to the sweeper: a request must
 * answer well inside API Gateway's 29 s, whatever the roll's size or SES's sending rate.
 */
export const NOTIFY_SEND_BUDGET_MS = 10_000;

/**
 * Sends one notice to each recipient (SPEC §4). The data is validated first — wrong data is
 * the caller's bug and throws NoticeDataError before anything is recorded. Each notice is
 * recorded in the outbox under (template, ref, address) before it is sent — a roll's notices
 * in a few batches, claimed by this call as they are written — so calling again with the same
 * request records nothing new and sends nothing twice; the request's notices are then sent,
 * for at most NOTIFY_SEND_BUDGET_MS. A failed send does not throw: it stays pending
 * and is counted in `failed`, and the outbox sweeper sends it after its backoff, as it sends
 * the deferred ones. A notice to an address known undeliverable is recorded as `failed`.
 */
export const notify = async (request: NotifyRequest): Promise<NotifyResult> => {
  const envelope = Envelope.safeParse({
    electionId: request.electionId,
    ref: request.ref,
    recipients: request.recipients,
  });
  if (!envelope.success) throw new NoticeDataError(request.template, envelope.error.issues);
  const data = parseTemplateData(request.template, request.data);

  const withoutEmail: string[] = [];
  const addresses = new Set<string>();
  const notices: NewNotice[] = [];
  for (const recipient of request.recipients) {
    if (!recipient.email) {
      withoutEmail.push(recipient.id);
      continue;
    }
    // One mail per address, even when two members share it.
    const address = recipient.email.toLowerCase();
    if (addresses.has(address)) continue;
    addresses.add(address);
    const rendered = renderParsed(request.template, data, {
      electionId: request.electionId,
      recipient,
    });
    notices.push({
      electionId: request.electionId,
      template: request.template,
      ref: request.ref,
      to: recipient.email,
      ...rendered,
    });
  }

  const startedAt = Date.now();
  // The batches this call records are claimed by it as they are written: one write each.
  const claimId = randomUUID();
  const { recorded, batches } = await recordNotices(notices, {
    at: request.at ?? new Date(startedAt),
    claimId,
  });
  const report = await sendBatches(batches, sendMail, {
    claimId,
    until: new Date(startedAt + NOTIFY_SEND_BUDGET_MS),
  });
  return { recorded, ...report, withoutEmail };
};
