import type { OrganizationRecord } from '../store/records.ts';
import type { Recipient } from './index.ts';

export { rollRecipients as everyMember, superiorRecipients } from './index.ts';

/**
 * The organizers are the 领导小组 of the superior 街道党工委 (SPEC §1): the organization's own
 * organizer addresses when it has them, else the superior's.
 */
export const organizersOf = (org: OrganizationRecord): Recipient[] => {
  const emails = org.organizerEmails?.length ? org.organizerEmails : org.superior.emails;
  return emails.map((email) => ({
    id: `organizer:${email}`,
    name: `${org.name}选举工作小组`,
    email,
  }));
};
