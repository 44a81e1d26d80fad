import { type Mail, mailFrom, sendWithSes } from '../aws/ses.ts';
import type { OutgoingNotice } from '../store/outbox.ts';
import { sendRate } from './send-rate.ts';

/**
 * `false` in the bundles of a deployment that sends through SES (infra/functions.ts defines it
 * at bundle time): the SMTP branch below is then dead code, and nodemailer (~240 KB, most of a
 * function's bundle) is left out. Undefined when run from source (local stack, tests): both.
 */
declare const ZX_BUNDLE_SMTP: boolean | undefined;

const sendWithSmtp = (mail: Mail): Promise<string> =>
  typeof ZX_BUNDLE_SMTP !== 'undefined' && !ZX_BUNDLE_SMTP
    ? Promise.reject(new Error('bundled without SMTP: deploy with -c mailTransport=smtp'))
    : import('../aws/smtp.ts').then((smtp) => smtp.sendWithSmtp(mail, mailFrom()));

/** The transport of this deployment: `ZX_MAIL_TRANSPORT` `ses` (default) or `smtp`. */
export const mailTransport = (env: NodeJS.ProcessEnv = process.env): 'ses' | 'smtp' => {
  const transport = env.ZX_MAIL_TRANSPORT || 'ses';
  if (transport !== 'ses' && transport !== 'smtp') {
    throw new Error(`ZX_MAIL_TRANSPORT must be ses or smtp, not ${transport}`);
  }
  return transport;
};

/**
 * Sends one recorded notice through this deployment's transport, within the send rate; answers
 * the message id. The outbox calls it (shared/store/outbox.ts `SendMail`).
 */
export const sendMail = async (notice: OutgoingNotice): Promise<string> => {
  const transport = mailTransport();
  await sendRate().take();
  const mail = {
    to: notice.to,
    subject: notice.subject,
    text: notice.text,
    html: notice.html,
    tags: { election: notice.electionId },
  };
  return transport === 'smtp' ? sendWithSmtp(mail) : sendWithSes(mail);
};
