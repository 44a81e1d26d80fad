import {
  type NotifyResult,
  notify,
  rollRecipients,
  type TemplateData,
} from '../../notices/index.ts';
import { OFFICE_NAMES } from '../../notices/words.ts';
import { entitledMembers, type Member, type RoundKind, type Stage } from '../../rules/index.ts';
import { getOrganization } from '../../store/organizations.ts';
import type { ElectionRecord, RoundRecord } from '../../store/records.ts';

/**
 * The e-mails of a round (SPEC §4): the invitation to its vote, and its result announced at
 * once (结果当场公布). Each is keyed by template, round and address in the outbox, so calling
 * again (a retried step, an idempotent open) records nothing new and sends nothing twice.
 */

/** The records hold no venue: the invitation says it is announced on site. */
const PLACE_TO_BE_ANNOUNCED = '会场另行通知';

const organizationName = async (election: ElectionRecord) =>
  (await getOrganization(election.orgId))?.name ?? election.orgId;

const nameOf = (roll: readonly Member[]) => {
  const names = new Map(roll.map((member) => [member.id, member.name]));
  return (id: string) => names.get(id) ?? id;
};

/**
 * When the vote is held: a first round on its stage's day (the assembly's calendar entry); a
 * re-vote at once, at the same assembly.
 */
const heldAt = (election: ElectionRecord, round: RoundRecord): string =>
  (round.follows ? undefined : election.calendar[round.stage as Stage]?.from) ?? round.openedAt;

/**
 * The invitation's title names its vote and round: the secretary's and the committee's votes
 * share one assembly (one time), and a re-vote may fall in the same minute as the first round —
 * without it, a member got two invitations with the same subject.
 */
const ASSEMBLY_TITLES: Record<RoundKind, [string, (office: string) => string]> = {
  recommendation: ['推荐大会', (office) => `推荐${office}人选`],
  evaluation: ['满意度测评会', (office) => `测评${office}人选`],
  election: ['党员大会', (office) => `选举${office}`],
  recall: ['党员大会', (office) => `罢免${office}`],
};

const titleOf = (round: RoundRecord): string => {
  const [assembly, vote] = ASSEMBLY_TITLES[round.kind];
  const number = round.number > 1 ? `,第${round.number}轮` : '';
  return `${assembly}(${vote(OFFICE_NAMES[round.office])}${number})`;
};

/**
 * 大会通知: the entitled members are invited to a vote; a recommendation assembly invites the
 * whole roll (its party members sit with the resident representatives, who are not on it).
 */
export const inviteToRound = async (
  election: ElectionRecord,
  round: RoundRecord,
  roll: readonly Member[],
): Promise<NotifyResult> => {
  const entitled = new Set(entitledMembers([...roll]).map((member) => member.id));
  const invited = (member: Member) => round.kind === 'recommendation' || entitled.has(member.id);
  const data: TemplateData<'assembly-invitation'> = {
    organization: await organizationName(election),
    title: titleOf(round),
    at: heldAt(election, round),
    place: PLACE_TO_BE_ANNOUNCED,
    votes: [
      {
        kind: round.kind,
        office: round.office,
        candidates: round.candidates.map(nameOf(roll)),
        seats: round.seats,
        number: round.number,
      },
    ],
  };
  return notify({
    electionId: election.id,
    template: 'assembly-invitation',
    ref: round.id,
    recipients: rollRecipients(roll, invited),
    data,
  });
};

/** 结果当场公布: every member on the roll gets the closed round's tally and what follows. */
export const announceRoundResult = async (
  election: ElectionRecord,
  round: RoundRecord,
  roll: readonly Member[],
): Promise<NotifyResult | undefined> => {
  const { tally } = round;
  if (!tally) return undefined;
  const named = nameOf(roll);
  const mentioned = new Set([
    ...Object.keys(tally.counts),
    ...Object.keys(tally.rates ?? {}),
    ...tally.elected,
    ...(tally.tied ?? []),
  ]);
  const data: TemplateData<'round-result'> = {
    organization: await organizationName(election),
    round: { kind: round.kind, office: round.office, number: round.number },
    tally,
    names: Object.fromEntries([...mentioned].map((id) => [id, named(id)])),
  };
  return notify({
    electionId: election.id,
    template: 'round-result',
    ref: round.id,
    recipients: rollRecipients(roll),
    data,
  });
};
