import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { clientPerEndpoint } from './client.ts';

/**
 * Sending one recorded notice through SES v1 `SendEmail` (not `SendTemplatedEmail`: the local
 * SES never answers it; the templates are rendered here anyway). The endpoint comes from the
 * SDK's own settings (`AWS_ENDPOINT_URL_SES` locally).
 */

export const mailFrom = (): string => process.env.ZX_MAIL_FROM || 'noreply@zx.local';

const sesClient = clientPerEndpoint('AWS_ENDPOINT_URL_SES', () => new SESClient({}));

/** One rendered mail to one recipient (a recorded notice fits it). */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends the mail to its one recipient; answers SES's message id. Throws when SES refuses. */
export const sendWithSes = async (notice: Mail): Promise<string> => {
  const { MessageId } = await sesClient().send(
    new SendEmailCommand({
      Source: mailFrom(),
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
  // SES always answers one; a sent mail is never sent again for want of it.
  return MessageId ?? '';
};
