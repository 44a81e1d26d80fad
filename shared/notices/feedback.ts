import * as z from 'zod';
import { getElection } from '../store/elections.ts';
import { markUndeliverable, type UndeliverableAddress } from '../store/mailboxes.ts';
import { orgScope } from '../store/organizations.ts';

/**
 * Bounces and complaints SES reports through the configuration set (infra/mail.ts; the local
 * SES stand-in reports the same): each address a permanent bounce or a complaint names is
 * marked undeliverable, so no notice is sent into it again and the roll shows it. Where the
 * mail carried its election's tag, the mark is audited in that election's organization's chain.
 * Transient bounces (mailbox full, …) mark nothing: the outbox's retries cover them.
 */

const Tags = z.record(z.string(), z.array(z.string()));
const Recipient = z.object({
  emailAddress: z.string().min(3),
  diagnosticCode: z.string().optional(),
});

/** The `detail` of SES's EventBridge event (the same JSON SES posts to SNS). */
export const SesFeedback = z.object({
  eventType: z.enum(['Bounce', 'Complaint']),
  mail: z.object({ messageId: z.string().min(1), tags: Tags.optional() }),
  bounce: z
    .object({
      feedbackId: z.string().min(1),
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(Recipient),
      timestamp: z.string(),
    })
    .optional(),
  complaint: z
    .object({
      feedbackId: z.string().min(1),
      complainedRecipients: z.array(Recipient),
      complaintFeedbackType: z.string().optional(),
      timestamp: z.string(),
    })
    .optional(),
});
export type SesFeedback = z.infer<typeof SesFeedback>;

/** The marks one feedback makes (none for a transient bounce). Pure: exported for tests. */
export const marksOf = (feedback: SesFeedback): UndeliverableAddress[] => {
  const electionId = feedback.mail.tags?.election?.[0];
  const common = { messageId: feedback.mail.messageId, ...(electionId ? { electionId } : {}) };
  const { bounce, complaint } = feedback;
  if (feedback.eventType === 'Bounce' && bounce) {
    if (bounce.bounceType !== 'Permanent') return [];
    return bounce.bouncedRecipients.map((recipient) => ({
      address: recipient.emailAddress,
      kind: 'bounce',
      reason: [
        `${bounce.bounceType}/${bounce.bounceSubType ?? 'General'}`,
        recipient.diagnosticCode,
      ]
        .filter(Boolean)
        .join(': '),
      at: bounce.timestamp,
      feedbackId: bounce.feedbackId,
      ...common,
    }));
  }
  if (feedback.eventType === 'Complaint' && complaint) {
    return complaint.complainedRecipients.map((recipient) => ({
      address: recipient.emailAddress,
      kind: 'complaint',
      reason: `complaint${complaint.complaintFeedbackType ? `/${complaint.complaintFeedbackType}` : ''}`,
      at: complaint.timestamp,
      feedbackId: complaint.feedbackId,
      ...common,
    }));
  }
  return [];
};

export interface FeedbackReport {
  /** Addresses newly marked undeliverable. */
  marked: number;
  /** Marks this very feedback made before (a redelivered event). */
  repeated: number;
}

/** Records one SES feedback event's marks, each with its audit entry where it has an election. */
export const recordMailFeedback = async (feedback: SesFeedback): Promise<FeedbackReport> => {
  const report: FeedbackReport = { marked: 0, repeated: 0 };
  for (const mark of marksOf(feedback)) {
    const election = mark.electionId ? await getElection(mark.electionId) : undefined;
    const audit = election && {
      scope: orgScope(election.orgId),
      actor: 'ses-feedback',
      action: 'mail-undeliverable',
      data: mark,
    };
    if (await markUndeliverable(mark, audit)) report.marked++;
    else report.repeated++;
  }
  return report;
};
