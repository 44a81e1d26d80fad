import type { Api } from './client.ts';
import type { MailView, Session } from './session.ts';

/**
 * The e-mail an election sent, as the local stack's outbox page shows it (GET /local/mail), read
 * the way a person checks it: who got what, and whether anyone got the same mail twice.
 */

/** Every address an election's mail can go to: its members' and its superior's. */
export const addressesOf = (session: Session): Set<string> =>
  new Set(
    [...session.roll.flatMap((m) => (m.email ? [m.email] : [])), ...session.superiorEmails].map(
      (address) => address.toLowerCase(),
    ),
  );

/** The mail sent to any of these addresses, one entry per recipient. */
export const mailFor = async (
  api: Api,
  addresses: ReadonlySet<string>,
): Promise<{ to: string; subject: string; text: string; messageId: string; at: string }[]> => {
  const mail = await api.call<MailView[]>('GET', '/local/mail');
  return mail.flatMap((m) =>
    m.to
      .map((to) => to.toLowerCase())
      .filter((to) => addresses.has(to))
      .map((to) => ({ to, subject: m.subject, text: m.text, messageId: m.messageId, at: m.at })),
  );
};

/** How many mails each recipient got whose subject contains `subject` (or matches it). */
export const countsBySubject = (
  mail: readonly { to: string; subject: string }[],
  subject: string | RegExp,
): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const m of mail) {
    const matches =
      typeof subject === 'string' ? m.subject.includes(subject) : subject.test(m.subject);
    if (matches) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
  }
  return counts;
};

/** The (recipient, subject) pairs that arrived more than once, with how often. */
export const repeatedMail = (
  mail: readonly { to: string; subject: string }[],
): Record<string, number> => {
  const counts = new Map<string, number>();
  for (const m of mail) {
    const key = `${m.to} ${m.subject}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].filter(([, n]) => n > 1));
};
