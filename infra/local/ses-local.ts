import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

export interface SesLocal {
  endpoint: string;
  port: number;
  /** The sent mail, oldest first, from SES Local's `GET /store`. */
  listMail(): Promise<MailItem[]>;
  stop(): Promise<void>;
}

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

  const server = await sesLocal.default({ host: '127.0.0.1', port: options.port ?? 0 });
  // Runs before SES Local's own handler, to hook the moment it answers.
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') return;
    const end = response.end.bind(response);
    response.end = ((...args: Parameters<typeof end>) => {
      // By now express has parsed the form into `request.body` and the mail is stored.
      repairRecipients((request as IncomingMessage & { body?: Record<string, unknown> }).body);
      persist();
      return end(...args);
    }) as typeof response.end;
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;

  return {
    endpoint,
    port,
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
