import type { Member } from '../rules/index.ts';
import type { OrganizationRecord, Superior } from '../store/records.ts';
import type { Recipient } from './template.ts';

/** Recipient lists: from the roll, the organization's organizers and its superior. */

/** A member as a recipient; one without an e-mail is kept, and `notify` reports it. */
export const memberRecipient = (member: Pick<Member, 'id' | 'name' | 'email'>): Recipient =>
  member.email
    ? { id: member.id, name: member.name, email: member.email }
    : { id: member.id, name: member.name };

/**
 * Every member of a roll (or those `include` keeps) as recipients. Members without an e-mail
 * stay in the list so that `notify` returns them in `withoutEmail` for the organizers.
 */
export const rollRecipients = (
  roll: readonly Member[],
  include: (member: Member) => boolean = () => true,
): Recipient[] => roll.filter(include).map(memberRecipient);

/** The members with these ids, in this order; an id not on the roll is a programming error. */
export const pickRecipients = (roll: readonly Member[], ids: readonly string[]): Recipient[] => {
  const byId = new Map(roll.map((member) => [member.id, member]));
  return ids.map((id) => {
    const member = byId.get(id);
    if (!member) throw new Error(`member ${id} is not on the roll`);
    return memberRecipient(member);
  });
};

/**
 * Each address of the superior as one recipient (each gets the mail; the first decision wins).
 * A superior without any address is one recipient without e-mail, so `notify` reports it.
 */
export const superiorRecipients = (superior: Superior): Recipient[] =>
  superior.emails.length > 0
    ? superior.emails.map((email) => ({ id: `superior:${email}`, name: superior.name, email }))
    : [{ id: 'superior', name: superior.name }];

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
