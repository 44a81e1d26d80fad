import type { MailItem } from '../../../infra/local/ses-local.ts';
import { readBallots } from '../../../shared/store/ballots.ts';
import { listNotices, type Notice } from '../../../shared/store/outbox.ts';
import { listRounds } from '../../../shared/store/rounds.ts';

/**
 * What an election left behind, in terms two runs can be compared by: the result, each closed
 * round's tally and the ballots stored under it, the notices of the outbox and the mail sent.
 */

export interface RoundOutcome {
  id: string;
  status: string;
  tally: unknown;
  ballotsStored: number;
}

/** How many ballots a round stored, read as the close reads them (not by a query of its own). */
export const countBallots = async (electionId: string, roundId: string): Promise<number> => {
  let count = 0;
  for await (const _ of readBallots(electionId, roundId)) count += 1;
  return count;
};

export const roundOutcomes = async (electionId: string): Promise<RoundOutcome[]> => {
  const rounds = await listRounds(electionId);
  return Promise.all(
    rounds.map(async (round) => ({
      id: round.id,
      status: round.status,
      tally: round.tally,
      ballotsStored: await countBallots(electionId, round.id),
    })),
  );
};

export interface NoticeCheck {
  notices: Notice[];
  /** Notices not sent (pending or stuck in `sending`). */
  unsent: Notice[];
  /** Mail whose message id no sent notice has: sent twice, or sent without a record. */
  extraMail: MailItem[];
  /** Sent notices whose message id is not in the mail log. */
  missingMail: Notice[];
}

/** Every notice of the election sent exactly once: one mail per sent notice, no other mail. */
export const checkNotices = async (
  electionId: string,
  mail: readonly MailItem[],
): Promise<NoticeCheck> => {
  const notices = await listNotices(electionId);
  const sentIds = new Set(
    notices.flatMap((n) => (n.status === 'sent' && n.messageId ? [n.messageId] : [])),
  );
  const mailIds = new Set(mail.map((m) => m.messageId));
  return {
    notices,
    unsent: notices.filter((n) => n.status !== 'sent'),
    extraMail: mail.filter((m) => !sentIds.has(m.messageId)),
    missingMail: notices.filter((n) => n.status === 'sent' && !mailIds.has(n.messageId ?? '')),
  };
};
