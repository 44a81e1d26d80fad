import { organizationOf } from '../election/access.ts';
import { currentRoll } from '../election/rounds/roll.ts';
import { conflict } from '../errors.ts';
import { memberRecipient, type Recipient } from '../notices/index.ts';
import type { Member } from '../rules/index.ts';
import { getRoll } from '../store/organizations.ts';
import type { ElectionRecord, OrganizationRecord } from '../store/records.ts';

/**
 * What supervision after the election reads (第七条): the organization and its members as they
 * are now — a recall may come years after the vote, so petitions, by-election candidates and
 * notices go by the organization's current roll (the election's own roll when it has none).
 */

export interface Supervised {
  org: OrganizationRecord;
  /** The organization's current members. */
  roll: Member[];
  /** A member's name (current roll, then the election's), else the id. */
  name: (memberId: string) => string;
  /** Those of these ids who are on the roll, as recipients (each once). */
  recipients: (ids: readonly string[]) => Recipient[];
}

export const supervised = async (election: ElectionRecord): Promise<Supervised> => {
  const org = await organizationOf(election);
  const original = await getRoll(election.orgId, election.rollId);
  const roll = await currentRoll(election, org, original);
  const byId = new Map([...original, ...roll].map((member) => [member.id, member]));
  return {
    org,
    roll,
    name: (id) => byId.get(id)?.name ?? id,
    recipients: (ids) =>
      [...new Set(ids)].flatMap((id) => {
        const member = byId.get(id);
        return member ? [memberRecipient(member)] : [];
      }),
  };
};

/** 409 unless the election is `completed`: supervision begins once people are in office. */
export const requireCompleted = (election: ElectionRecord): void => {
  if (election.stage !== 'completed') {
    throw conflict(
      'election-not-completed',
      `选举尚未完成(当前阶段 ${election.stage}),任职承诺、罢免和补选只在选举完成后进行`,
    );
  }
};
