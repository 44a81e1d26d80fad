/**
 * Notices (SPEC §4): zh-CN templates (text + HTML), rendered here, recorded in the outbox before
 * they are sent through SES, each to one recipient, each once.
 *
 * FIRST CUT — the templates are being written; `notify`'s signature is the contract.
 */
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { flushOutbox, type Notice, recordNotice } from '../store/outbox.ts';

export type TemplateName =
  | 'announcement'
  | 'nomination-received'
  | 'eligibility-review-list'
  | 'eligibility-result'
  | 'notice-published'
  | 'objection-filed'
  | 'assembly-invitation'
  | 'round-result'
  | 'approval-request'
  | 'approval-reminder'
  | 'approval-outcome'
  | 'final-result'
  | 'organizer-reminder'
  | 'halted'
  | 'recall-filed'
  | 'recall-outcome'
  | 'commitment-published';

export interface Recipient {
  /** Member id, or a label such as `superior` for addresses outside the roll. */
  id: string;
  name: string;
  email?: string;
}

export interface NotifyRequest {
  electionId: string;
  template: TemplateName;
  /** What the notice is about (e.g. a round id, an approval id): with template and address, its identity. */
  ref: string;
  recipients: readonly Recipient[];
  /** Template data; see each template. */
  data: Record<string, unknown>;
}

export interface NotifyResult {
  /** Notices newly recorded (a retried step records none). */
  recorded: number;
  sent: number;
  failed: number;
  /** Recipients with no e-mail, for the organizers to inform by hand. */
  withoutEmail: string[];
}

let ses: SESClient | undefined;

const sendMail = async (notice: Notice): Promise<string> => {
  ses ??= new SESClient({});
  const { MessageId } = await ses.send(
    new SendEmailCommand({
      Source: process.env.ZX_MAIL_FROM ?? 'noreply@zx.local',
      Destination: { ToAddresses: [notice.to] },
      Message: {
        Subject: { Data: notice.subject, Charset: 'UTF-8' },
        Body: {
          Text: { Data: notice.text, Charset: 'UTF-8' },
          Html: { Data: notice.html, Charset: 'UTF-8' },
        },
      },
    }),
  );
  return MessageId ?? '';
};

export const notify = async (request: NotifyRequest): Promise<NotifyResult> => {
  let recorded = 0;
  const withoutEmail: string[] = [];
  for (const recipient of request.recipients) {
    if (!recipient.email) {
      withoutEmail.push(recipient.id);
      continue;
    }
    const text = `${recipient.name}:\n${JSON.stringify(request.data)}`;
    const isNew = await recordNotice({
      electionId: request.electionId,
      to: recipient.email,
      template: request.template,
      ref: request.ref,
      subject: `公推直选通知:${request.template}`,
      text,
      html: `<pre>${text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>`,
    });
    if (isNew) recorded++;
  }
  const { sent, failed } = await flushOutbox(request.electionId, sendMail);
  return { recorded, sent, failed, withoutEmail };
};
