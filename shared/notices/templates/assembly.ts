import * as z from 'zod';
import { Instant, Office, RoundKind } from '../../rules/index.ts';
import { action, blocks, bullets, facts, paragraph } from '../blocks.ts';
import { boardUrl } from '../links.ts';
import { base, Name, Text } from '../schemas.ts';
import { defineTemplate } from '../template.ts';
import { names, OFFICE_NAMES, when } from '../words.ts';

/** assembly-invitation: time and place of an assembly, and what it votes on. */

const Vote = z.strictObject({
  kind: RoundKind,
  office: Office,
  /** The names on the ballot (for a recall, the office holder). */
  candidates: z.array(Name).min(1),
  /** People each ballot may name (推荐), or seats to fill (选举). */
  seats: z.int().min(1),
  /** A re-vote or further round is number 2 and up. */
  number: z.int().min(1).default(1),
});
type Vote = z.infer<typeof Vote>;

export const AssemblyInvitationData = z.strictObject({
  ...base,
  /** e.g. `公开推荐大会`; by default named after the first vote. */
  title: Name.optional(),
  at: Instant,
  place: z.string().trim().min(1).max(500),
  votes: z.array(Vote).min(1),
  /** Anything else attendees need to know, e.g. `请携带身份证`. */
  notes: z.array(Text).default([]),
});
type AssemblyInvitationData = z.infer<typeof AssemblyInvitationData>;

const DEFAULT_TITLES: Record<RoundKind, string> = {
  recommendation: '推荐大会',
  evaluation: '满意度测评会',
  election: '党员大会',
  recall: '党员大会',
};

const titleOf = (data: AssemblyInvitationData): string =>
  data.title ?? DEFAULT_TITLES[(data.votes[0] as Vote).kind];

const roundLabel = (vote: Vote): string => (vote.number > 1 ? `(第${vote.number}轮)` : '');

const describeVote = (vote: Vote): string => {
  const office = OFFICE_NAMES[vote.office];
  const list = names(vote.candidates);
  switch (vote.kind) {
    case 'recommendation':
      return `推荐${office}人选${roundLabel(vote)}:在${list}中差额推荐,每张推荐票推荐不超过${vote.seats}人,多于${vote.seats}人的为无效票。`;
    case 'evaluation':
      return `满意度测评${roundLabel(vote)}:对${list}逐一评为满意、基本满意或不满意。`;
    case 'election':
      return `差额选举${office}${roundLabel(vote)},应选${vote.seats}名,候选人:${list}。对每名候选人可投赞成、不赞成或弃权;投不赞成票的,可以另选他人;赞成票(含另选他人)多于${vote.seats}名的选票无效。`;
    case 'recall':
      return `罢免表决${roundLabel(vote)}:是否罢免${office}${list}(赞成罢免、不赞成或弃权)。`;
  }
};

const secretBallot = (data: AssemblyInvitationData): boolean =>
  data.votes.some((vote) => vote.kind === 'election' || vote.kind === 'recall');

export const assemblyInvitation = defineTemplate({
  schema: AssemblyInvitationData,
  subject: (data) => `${titleOf(data)}通知:${when(data.at)}`,
  body: (data, { electionId }) =>
    blocks(
      paragraph(`${data.organization}定于${when(data.at)}召开${titleOf(data)},请准时出席。`),
      facts([
        ['时间', `${when(data.at)}(北京时间)`],
        ['地点', data.place],
      ]),
      paragraph('大会议程:'),
      bullets(data.votes.map(describeVote)),
      secretBallot(data) &&
        paragraph('投票实行无记名投票,不得委托他人投票。有选举权的党员请务必到会。'),
      data.notes.length > 0 && [paragraph('注意事项:'), bullets(data.notes)],
      action('查看公示栏', boardUrl(electionId)),
    ),
});
