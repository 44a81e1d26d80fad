import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { clientPerEndpoint } from './client.ts';

/**
 * Sending one recorded notice through SES v1 `SendEmail` (not `SendTemplatedEmail`: the local
 * SES never answers it; the templates are rendered here anyway). The endpoint comes from the
 * SDK's own settings (`AWS_ENDPOINT_URL_SES` locally). Every send names the configuration set
 * (`ZX_MAIL_CONFIGURATION_SET`, infra/mail.ts) whose event destination reports bounces and
 * complaints, tagged with the election so the feedback finds its organization.
 */

export const mailFrom = (): string => process.env.ZX_MAIL_FROM || 'noreply@zx.local';

const sesClient = clientPerEndpoint('AWS_ENDPOINT_URL_SES', () => new SESClient({}));

/** One rendered mail to one recipient (a recorded notice fits it). */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Message tags (SES: letters, digits, `_` and `-` only; others are left out). */
  tags?: Record<string, string>;
}

const TAG = /^[\w-]{1,256}$/;

/** SES error names that mean "over the account's send rate": wait, it is not the mail's fault. */
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException']);
/** Refused for the mail itself: sending it again cannot help. */
const REFUSED = new Set(['InvalidParameterValue']);

/**
 * Marks an SES error for the outbox (`mailRetry`, see shared/store/outbox.ts): throttled, or
 * refused for good. MessageRejected is not final: a sender identity still being verified (DNS)
 * or a sandbox recipient not verified yet is refused the same way, and heals.
 */
export const classifySesError = (error: unknown): unknown => {
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || !(error instanceof Error)) return error;
  if (THROTTLED.has(name)) return Object.assign(error, { mailRetry: 'throttled' });
  if (REFUSED.has(name)) return Object.assign(error, { mailRetry: 'never' });
  return error;
};

/** Sends the mail to its one recipient; answers SES's message id. Throws when SES refuses. */
export const sendWithSes = async (mail: Mail): Promise<string> => {
  const configurationSet = process.env.ZX_MAIL_CONFIGURATION_SET || undefined;
  const tags = Object.entries(mail.tags ?? {}).filter(([n, v]) => TAG.test(n) && TAG.test(v));
  try {
    const { MessageId } = await sesClient().send(
      new SendEmailCommand({
        Source: mailFrom(),
        Destination: { ToAddresses: [mail.to] },
        Message: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: mail.text, Charset: 'UTF-8' },
            Html: { Data: mail.html, Charset: 'UTF-8' },
          },
        },
        ConfigurationSetName: configurationSet,
        Tags: tags.length > 0 ? tags.map(([Name, Value]) => ({ Name, Value })) : undefined,
      }),
    );
    // SES always answers one; a sent mail is never sent again for want of it.
    return MessageId ?? '';
  } catch (error) {
    throw classifySesError(error);
  }
};
