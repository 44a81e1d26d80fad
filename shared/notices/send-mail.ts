import { mailFrom, sendWithSes } from '../aws/ses.ts';
import { sendWithSmtp } from '../aws/smtp.ts';
import type { Notice } from '../store/outbox.ts';
import { sendRate } from './send-rate.ts';

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
export const sendMail = async (notice: Notice): Promise<string> => {
  const transport = mailTransport();
  await sendRate().take();
  const mail = {
    to: notice.to,
    subject: notice.subject,
    text: notice.text,
    html: notice.html,
    tags: { election: notice.electionId },
  };
  return transport === 'smtp' ? sendWithSmtp(mail, mailFrom()) : sendWithSes(mail);
};
