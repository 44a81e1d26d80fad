import { type Principal, requireOrg } from '../http/auth.ts';
import { conflict, notFound } from '../http/errors.ts';
import { memberRecipient, type Recipient } from '../notices/index.ts';
import { type Member, shanghaiDate } from '../rules/index.ts';
import { getOrganization, getRoll } from '../store/organizations.ts';
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
  const org = await getOrganization(election.orgId);
  if (!org) throw new Error(`organization ${election.orgId} of an election is missing`);
  const current = org.rollId ? await getRoll(org.id, org.rollId) : [];
  const original = await getRoll(election.orgId, election.rollId);
  const roll = current.length > 0 ? current : original;
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

/** The organization named in a path (404), once the token may act on it (403). */
export const knownOrganization = async (
  orgId: string,
  principal: Principal,
): Promise<OrganizationRecord> => {
  const org = await getOrganization(orgId);
  if (!org) throw notFound(`organization ${orgId}`);
  requireOrg(principal, org.id);
  return org;
};

/** Today's date in Shanghai, `YYYY-MM-DD`. */
export const today = (now: Date = new Date()): string => shanghaiDate(now.toISOString());
