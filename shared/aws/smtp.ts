import { createTransport, type Transporter } from 'nodemailer';
import { secretString } from './secrets.ts';

/**
 * Sending one recorded notice through SMTP (nodemailer), where SES is not offered (the AWS
 * China regions): the same outbox, another transport (`ZX_MAIL_TRANSPORT=smtp`). Settings from
 * the environment: `ZX_SMTP_HOST`, `ZX_SMTP_PORT` (465), `ZX_SMTP_USER`, `ZX_SMTP_PASSWORD`,
 * `ZX_SMTP_TLS` — `implicit` (port 465), `starttls` (required, the default on other ports) or
 * `none` (a local test server only). On AWS the password is not in the environment: it is read
 * from the Secrets Manager secret `ZX_SMTP_SECRET_ARN` names (its string is the password).
 */

/** One rendered mail to one recipient (the same shape as ses.ts `Mail`). */
export interface SmtpMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  tags?: Record<string, string>;
}

interface SmtpSettings {
  host: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
  user?: string;
  password?: string;
}

const settings = async (env: NodeJS.ProcessEnv = process.env): Promise<SmtpSettings> => {
  const host = env.ZX_SMTP_HOST;
  if (!host) throw new Error('ZX_SMTP_HOST is not set: the SMTP transport needs a server');
  const port = Number(env.ZX_SMTP_PORT || 465);
  const tls = env.ZX_SMTP_TLS || (port === 465 ? 'implicit' : 'starttls');
  if (tls !== 'implicit' && tls !== 'starttls' && tls !== 'none') {
    throw new Error(`ZX_SMTP_TLS must be implicit, starttls or none, not ${tls}`);
  }
  const password =
    env.ZX_SMTP_PASSWORD ??
    (env.ZX_SMTP_SECRET_ARN ? await secretString(env.ZX_SMTP_SECRET_ARN) : undefined);
  return { host, port, tls, user: env.ZX_SMTP_USER || undefined, password };
};

// One pooled connection per settings: reused across sends in a warm process.
const transports = new Map<string, Transporter>();

const transportFor = (s: SmtpSettings): Transporter => {
  const id = JSON.stringify(s);
  let transport = transports.get(id);
  if (!transport) {
    transport = createTransport({
      host: s.host,
      port: s.port,
      secure: s.tls === 'implicit',
      requireTLS: s.tls === 'starttls',
      ignoreTLS: s.tls === 'none',
      auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
      pool: true,
      maxConnections: 2,
      connectionTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(id, transport);
  }
  return transport;
};

/**
 * Marks an SMTP error for the outbox (`mailRetry`, shared/store/outbox.ts): a 5xx answer to the
 * recipient is final; a 4xx that speaks of rate is throttling; the rest is retried.
 */
export const classifySmtpError = (error: unknown): unknown => {
  if (!(error instanceof Error)) return error;
  const { responseCode, command, response } = error as {
    responseCode?: number;
    command?: string;
    response?: string;
  };
  if (typeof responseCode !== 'number') return error;
  if (responseCode >= 500 && command === 'RCPT TO') {
    return Object.assign(error, { mailRetry: 'never' });
  }
  if (responseCode >= 400 && responseCode < 500 && /rate|too many|throttl/i.test(response ?? '')) {
    return Object.assign(error, { mailRetry: 'throttled' });
  }
  return error;
};

/** Sends the mail to its one recipient; answers the Message-ID. Throws when the server refuses. */
export const sendWithSmtp = async (mail: SmtpMail, from: string): Promise<string> => {
  try {
    const info = await transportFor(await settings()).sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: Object.fromEntries(
        Object.entries(mail.tags ?? {}).map(([name, value]) => [`X-Zx-${name}`, value]),
      ),
    });
    return String(info.messageId ?? '');
  } catch (error) {
    throw classifySmtpError(error);
  }
};

/** Closes the pooled connections (tests; a Lambda process just ends). */
export const closeSmtp = (): void => {
  for (const transport of transports.values()) transport.close();
  transports.clear();
};
