import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Email } from 'aws-ses-v2-local/dist/store.js';
import { close } from './listen.ts';

// CommonJS, loaded with require: the same module objects whichever loader imports this file
// (tsx and vitest disagree on the default export of CJS), and the store is the one the
// server writes to.
const require = createRequire(import.meta.url);
const sesLocal: typeof import('aws-ses-v2-local') = require('aws-ses-v2-local');
const {
  clearStore,
  getStoreReadonly,
}: typeof import('aws-ses-v2-local/dist/store.js') = require('aws-ses-v2-local/dist/store.js');

/** One sent e-mail, as `GET /local/mail` shows it (SPEC §8). */
export interface MailItem {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string | undefined;
  html: string | undefined;
  /** ISO-8601, to the second (SES Local keeps epoch seconds). */
  at: string;
}

export interface SesLocalOptions {
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Keep the sent mail in `<dataDir>/mail.jsonl` across restarts; memory only when omitted. */
  dataDir?: string;
}

/** SES's bounce or complaint as EventBridge delivers it (infra/mail.ts's rule). */
export interface FeedbackEvent {
  version: '0';
  id: string;
  'detail-type': 'Email Bounced' | 'Email Complaint Received';
  source: 'aws.ses';
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export type FeedbackKind = 'bounce' | 'complaint';

export interface SesLocal {
  endpoint: string;
  port: number;
  /** The sent mail, oldest first, from SES Local's `GET /store`. */
  listMail(): Promise<MailItem[]>;
  /** Where bounces and complaints go (the feedback handler, as EventBridge hands it on AWS). */
  onFeedback(deliver: (event: FeedbackEvent) => Promise<unknown>): void;
  /**
   * Reports the last mail to `address` as bounced or complained about, as SES would (also
   * `POST /local/ses/bounce` or `/local/ses/complaint` `{address}` on this port); answers what
   * the handler answered. Throws when no mail went to the address or no handler is set.
   */
  feedback(address: string, kind?: FeedbackKind): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * AWS's mailbox simulator (docs: "Using the mailbox simulator"): mail to these addresses is
 * reported back as SES would report it; other simulator addresses (success@, ooto@) only arrive.
 */
const SIMULATOR: Record<string, FeedbackKind> = {
  'bounce@simulator.amazonses.com': 'bounce',
  'suppressionlist@simulator.amazonses.com': 'bounce',
  'complaint@simulator.amazonses.com': 'complaint',
};

/**
 * Starts `aws-ses-v2-local` in this process. Its store is module state, so there is one
 * outbox per process: starting it again replaces the outbox with the one on disk (or empty).
 */
export async function startSes(options: SesLocalOptions = {}): Promise<SesLocal> {
  const mailFile = options.dataDir === undefined ? undefined : join(options.dataDir, 'mail.jsonl');
  clearStore();
  const emails = () => getStoreReadonly().emails;
  if (mailFile) {
    mkdirSync(options.dataDir as string, { recursive: true });
    emails().push(...readMailLog(mailFile));
  }
  // Append-only, one e-mail a line: a batch of thousands of notices stays cheap to record.
  let recorded = emails().length;
  const persist = () => {
    if (!mailFile) return;
    if (emails().length < recorded) {
      writeFileSync(mailFile, emails().map(toLine).join('')); // the outbox was cleared
    } else {
      appendFileSync(mailFile, emails().slice(recorded).map(toLine).join(''));
    }
    recorded = emails().length;
  };

  // Message tags by message id (SES Local does not keep them): the feedback carries them.
  const tagsOf = new Map<string, Record<string, string[]>>();
  let deliver: ((event: FeedbackEvent) => Promise<unknown>) | undefined;
  const feedback = async (address: string, kind: FeedbackKind = 'bounce') => {
    const wanted = address.toLowerCase();
    const email = emails().findLast((e) =>
      e.destination.to.some((to) => to.toLowerCase() === wanted),
    );
    if (!email) throw new Error(`no mail was sent to ${address}`);
    if (!deliver) throw new Error('no feedback handler is set (onFeedback)');
    return deliver(feedbackEvent(email, address, kind, tagsOf.get(email.messageId) ?? {}));
  };

  const server = await sesLocal.default({ host: '127.0.0.1', port: options.port ?? 0 });
  // `POST /local/ses/{bounce,complaint}` before SES Local's own handlers, which answer the rest.
  const handlers = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const injected = /^\/local\/ses\/(bounce|complaint)$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !injected) {
      for (const handler of handlers) handler.call(server, request, response);
      return;
    }
    void injectFeedback(request, response, injected[1] as FeedbackKind, feedback);
  });
  // Runs before SES Local's own handler, to hook the moment it answers.
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') return;
    const end = response.end.bind(response);
    response.end = ((...args: Parameters<typeof end>) => {
      // By now express has parsed the form into `request.body` and the mail is stored.
      const body = (request as IncomingMessage & { body?: Record<string, unknown> }).body;
      repairRecipients(body);
      const sent = body?.Action === 'SendEmail' ? emails().at(-1) : undefined;
      if (sent) {
        tagsOf.set(sent.messageId, tagsFrom(body));
        for (const to of sent.destination.to) {
          const kind = SIMULATOR[to.toLowerCase()];
          // After the answer, as SES reports a bounce after accepting the mail.
          if (kind) setImmediate(() => feedback(to, kind).catch(() => {}));
        }
      }
      persist();
      return end(...args);
    }) as typeof response.end;
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;

  return {
    endpoint,
    port,
    onFeedback(handler) {
      deliver = handler;
    },
    feedback,
    async listMail() {
      const response = await fetch(`${endpoint}/store`);
      if (!response.ok) throw new Error(`SES Local /store answered ${response.status}`);
      const store = (await response.json()) as { emails: Email[] };
      return store.emails.map(toMailItem);
    },
    async stop() {
      await close(server);
      persist();
    },
  };
}

const toLine = (email: Email) => `${JSON.stringify(email)}\n`;

/** Reads the mail log, skipping a last line cut short by a crash. */
function readMailLog(file: string): Email[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Email];
      } catch {
        return [];
      }
    });
}

/**
 * SES Local's v1 SendEmail keeps only the first address of each list (its schema reads
 * `Destination.ToAddresses.member.1` only); put back the whole lists from the request.
 */
function repairRecipients(body: Record<string, unknown> | undefined): void {
  if (body?.Action !== 'SendEmail') return;
  const list = (kind: string) =>
    Object.keys(body)
      .filter((key) => key.startsWith(`Destination.${kind}Addresses.member.`))
      .sort((a, b) => Number(a.split('.').at(-1)) - Number(b.split('.').at(-1)))
      .map((key) => String(body[key]));
  const email = getStoreReadonly().emails.findLast(
    (candidate) =>
      candidate.from === body.Source &&
      candidate.subject === body['Message.Subject.Data'] &&
      candidate.destination.to[0] === body['Destination.ToAddresses.member.1'],
  );
  if (email) email.destination = { to: list('To'), cc: list('Cc'), bcc: list('Bcc') };
}

function toMailItem(email: Email): MailItem {
  return {
    messageId: email.messageId,
    from: email.from,
    to: email.destination.to,
    cc: email.destination.cc,
    bcc: email.destination.bcc,
    subject: email.subject,
    text: email.body.text,
    html: email.body.html,
    at: new Date(email.at * 1000).toISOString(),
  };
}

/** `Tags.member.N.Name` / `.Value` of a v1 SendEmail form, as SES's event shows them. */
function tagsFrom(body: Record<string, unknown> | undefined): Record<string, string[]> {
  const tags: Record<string, string[]> = {};
  for (let n = 1; body?.[`Tags.member.${n}.Name`] !== undefined; n++) {
    tags[String(body[`Tags.member.${n}.Name`])] = [String(body[`Tags.member.${n}.Value`])];
  }
  if (body?.ConfigurationSetName)
    tags['ses:configuration-set'] = [String(body.ConfigurationSetName)];
  return tags;
}

/** The event SES puts on EventBridge for a permanent bounce or a complaint of this mail. */
function feedbackEvent(
  email: Email,
  address: string,
  kind: FeedbackKind,
  tags: Record<string, string[]>,
): FeedbackEvent {
  const time = new Date().toISOString();
  const feedbackId = randomUUID();
  const mail = {
    timestamp: new Date(email.at * 1000).toISOString(),
    source: email.from,
    messageId: email.messageId,
    destination: email.destination.to,
    tags,
  };
  const detail =
    kind === 'bounce'
      ? {
          eventType: 'Bounce',
          mail,
          bounce: {
            feedbackId,
            bounceType: 'Permanent',
            bounceSubType: address.startsWith('suppressionlist@')
              ? 'OnAccountSuppressionList'
              : 'General',
            bouncedRecipients: [
              {
                emailAddress: address,
                action: 'failed',
                status: '5.1.1',
                diagnosticCode: 'smtp; 550 5.1.1 user unknown (local SES)',
              },
            ],
            timestamp: time,
            reportingMTA: 'dns; local.ses',
          },
        }
      : {
          eventType: 'Complaint',
          mail,
          complaint: {
            feedbackId,
            complainedRecipients: [{ emailAddress: address }],
            complaintFeedbackType: 'abuse',
            timestamp: time,
          },
        };
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': kind === 'bounce' ? 'Email Bounced' : 'Email Complaint Received',
    source: 'aws.ses',
    time,
    region: process.env.AWS_REGION ?? 'us-east-1',
    resources: [],
    detail,
  };
}

/** `POST /local/ses/{kind}` `{address}`: 200 with the handler's answer, 400 or 404 otherwise. */
async function injectFeedback(
  request: IncomingMessage,
  response: ServerResponse,
  kind: FeedbackKind,
  feedback: (address: string, kind: FeedbackKind) => Promise<unknown>,
): Promise<void> {
  const answer = (status: number, body: unknown) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  let text = '';
  for await (const chunk of request) text += chunk;
  let address: unknown;
  try {
    address = (JSON.parse(text) as { address?: unknown }).address;
  } catch {
    address = undefined;
  }
  if (typeof address !== 'string' || !address.includes('@')) {
    answer(400, { error: 'send {"address": "…"}: the address whose last mail bounced' });
    return;
  }
  try {
    answer(200, { delivered: await feedback(address, kind) });
  } catch (error) {
    answer(404, { error: (error as Error).message });
  }
}
