/**
 * The old path of `organizersOf` (now in recipients.ts, beside the other recipient lists), kept
 * only for shared/workflow and functions/tasks while they are split; delete it once they import
 * recipients.ts (`everyMember` is `rollRecipients`).
 */
export { organizersOf, rollRecipients as everyMember, superiorRecipients } from './recipients.ts';
