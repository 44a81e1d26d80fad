import * as z from 'zod';
import { electionDay, type Member, shanghaiToday } from '../../rules/index.ts';
import { getRoll } from '../../store/organizations.ts';
import type { ElectionRecord, OrganizationRecord, RoundRecord } from '../../store/records.ts';
import { organizationOf } from '../access.ts';

/**
 * Whose round it is: a recall vote or a by-election may come years after the vote, so it goes by
 * the organization's members as they are now; every other round by the election's own roll.
 */

/** The organization's members now: its current roll, else (none recorded) the election's. */
export const currentRoll = async (
  election: ElectionRecord,
  org: OrganizationRecord,
  original?: Member[],
): Promise<Member[]> => {
  const current = org.rollId ? await getRoll(org.id, org.rollId) : [];
  return current.length > 0 ? current : (original ?? getRoll(election.orgId, election.rollId));
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
  round.stage === 'by-election'
    ? shanghaiToday(new Date(round.openedAt))
    : electionDay(election.calendar);

/**
 * The people of a round by name only (the 签到表's names): what a teller's screen shows for
 * candidates, staff and write-ins, without the roll's personal data (birth dates, e-mails),
 * which stays the organizers'.
 */
export const RoundVoters = z.object({
  members: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const roundVoters = async (
  election: ElectionRecord,
  round: Pick<RoundRecord, 'stage'>,
): Promise<z.infer<typeof RoundVoters>> => ({
  members: (await rollOfRound(election, round)).map(({ id, name }) => ({ id, name })),
});
