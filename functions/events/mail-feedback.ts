import middy from '@middy/core';
import * as z from 'zod';
import { logger } from '../../shared/log.ts';
import { recordMailFeedback, SesFeedback } from '../../shared/notices/feedback.ts';

/**
 * SES's bounces and complaints (EventBridge: `aws.ses` "Email Bounced" / "Email Complaint
 * Received" of the configuration set, infra/mail.ts; locally infra/local/ses-local.ts sends the
 * same event): marks each address undeliverable. Idempotent, so EventBridge's retries are safe.
 */
const Event = z.object({ 'detail-type': z.string(), detail: SesFeedback });

export const handler = middy<unknown, Awaited<ReturnType<typeof recordMailFeedback>>>().handler(
  async (event) => {
    const { detail } = Event.parse(event);
    const report = await recordMailFeedback(detail);
    logger.info('mail feedback recorded', {
      eventType: detail.eventType,
      messageId: detail.mail.messageId,
      ...report,
    });
    return report;
  },
);
