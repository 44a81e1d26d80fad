import { conflict, notFound } from '../errors.ts';
import { memberRecipient, type Recipient } from '../notices/index.ts';
import { type Principal, requireOrg } from '../principal.ts';
import { electionDay, type Member, shanghaiDate } from '../rules/index.ts';
import { getOrganization, getRoll } from '../store/organizations.ts';
import type { ElectionRecord, OrganizationRecord, RoundRecord } from '../store/records.ts';

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

const organizationOf = async (election: ElectionRecord): Promise<OrganizationRecord> => {
  const org = await getOrganization(election.orgId);
  if (!org) throw new Error(`organization ${election.orgId} of an election is missing`);
  return org;
};

/** The organization's members now: its current roll, else (none recorded) the election's. */
const currentRoll = async (
  election: ElectionRecord,
  org: OrganizationRecord,
  original?: Member[],
): Promise<Member[]> => {
  const current = org.rollId ? await getRoll(org.id, org.rollId) : [];
  return current.length > 0 ? current : (original ?? getRoll(election.orgId, election.rollId));
};

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

/**
 * The roll a round is held on: a recall vote or a by-election — after the election — goes by the
 * organization's current members, the roll its petition and candidates were checked against
 * (应到会, staff, write-ins, invitations); every other round by the election's own roll.
 */
export const rollOfRound = async (
  election: ElectionRecord,
  round: Pick<RoundRecord, 'stage'>,
): Promise<Member[]> =>
  round.stage === 'recall' || round.stage === 'by-election'
    ? currentRoll(election, await organizationOf(election))
    : getRoll(election.orgId, election.rollId);

/**
 * The day a round's conditions for office (a write-in's) are reckoned on: a by-election's, the
 * day it opened (its candidates were checked that day); any other round's, the election day.
 */
export const reckonedOn = (
  election: ElectionRecord,
  round: Pick<RoundRecord, 'stage' | 'openedAt'>,
): string =>
  round.stage === 'by-election' ? today(new Date(round.openedAt)) : electionDay(election.calendar);

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
