/**
 * Notices (SPEC §4): zh-CN templates (text + HTML), rendered here, recorded in the outbox before
 * they are sent through SES, each to one recipient, each once.
 *
 * - templates/   one module per group of notices: the zod schema of each template's data, its
 *                subject and its body as blocks
 * - render*.ts   the blocks as plain text and as mobile-friendly HTML (every value escaped)
 * - notify.ts    validate → render → record in the outbox → send (shared/aws/ses.ts, SES SendEmail)
 * - recipients.ts, links.ts   recipient lists; the board and approval links
 */

export { mailFrom } from '../aws/ses.ts';
export { approvalUrl, boardUrl, publicUrl } from './links.ts';
export {
  flushNotices,
  type NotifyRequest,
  type NotifyResult,
  notify,
  redactSentBodies,
  type TypedNotifyRequest,
} from './notify.ts';
export {
  memberRecipient,
  organizersOf,
  pickRecipients,
  rollRecipients,
  superiorRecipients,
} from './recipients.ts';
export {
  NoticeDataError,
  parseTemplateData,
  type RenderedNotice,
  renderNotice,
} from './render.ts';
export { mailTransport, sendMail } from './send-mail.ts';
export type { Recipient } from './template.ts';
export {
  TEMPLATE_NAMES,
  TEMPLATES,
  type TemplateData,
  type TemplateName,
} from './templates/index.ts';
