import * as z from 'zod';
import { Instant, Office, Tally } from '../../rules/index.ts';
import { action, blocks, facts, paragraph, quote } from '../blocks.ts';
import { boardUrl } from '../links.ts';
import { base, Name, Text } from '../schemas.ts';
import { defineTemplate } from '../template.ts';
import { names, OFFICE_NAMES, when } from '../words.ts';

/** 罢免 (第七条 2–3): a petition filed, and its outcome. */

// --- recall-filed: to the office holder, the signatories and the superior. ---

export const RecallFiledData = z.strictObject({
  ...base,
  recallId: z.string().min(1).max(100),
  holder: Name,
  office: Office,
  signatories: z.array(Name).min(1),
  reason: Text,
  filedAt: Instant,
});

export const recallFiled = defineTemplate({
  schema: RecallFiledData,
  subject: (data) => `罢免要求:${OFFICE_NAMES[data.office]}${data.holder}`,
  body: (data) =>
    blocks(
      paragraph(
        `${when(data.filedAt)},${data.organization}${data.signatories.length}名党员联名提出罢免${OFFICE_NAMES[data.office]}${data.holder}的要求(编号 ${data.recallId})。罢免理由:`,
      ),
      quote(data.reason),
      facts([['联名党员', names(data.signatories)]]),
      paragraph(
        '下一步:由上级党组织调查核实。罢免理由成立的,召开党员大会进行投票表决;不成立的,不启动罢免程序。结果将另行通知。',
      ),
    ),
});

// --- recall-outcome: to every member. ---

export const RecallOutcomeData = z.strictObject({
  ...base,
  holder: Name,
  office: Office,
  /** rejected: the superior found no ground; recalled / retained: the assembly's vote. */
  outcome: z.enum(['rejected', 'recalled', 'retained']),
  decidedAt: Instant,
  /** The superior's comment on a rejection. */
  comment: Text.optional(),
  /** The recall round's tally (`counts` holds the votes for the recall). */
  tally: Tally.optional(),
  /** Committee members who leave office with a recalled secretary (from the suggestion list). */
  membersRemoved: z.array(Name).default([]),
});
type RecallOutcomeData = z.infer<typeof RecallOutcomeData>;

const OUTCOME_WORDS = { rejected: '不启动罢免', recalled: '被罢免', retained: '罢免未获通过' };

const consequence = ({ outcome, office, holder, membersRemoved }: RecallOutcomeData): string => {
  if (outcome === 'rejected') return '上级党组织调查后认为罢免理由不成立,不启动罢免程序。';
  if (outcome === 'retained') return `${holder}继续担任${OFFICE_NAMES[office]}。`;
  if (office === 'secretary') {
    const members =
      membersRemoved.length > 0 ? `由其提名产生的委员${names(membersRemoved)}同时免职。` : '';
    return `${holder}的书记职务即行罢免。${members}将按公推直选办法重新选举。`;
  }
  return `${holder}的${OFFICE_NAMES[office]}职务即行罢免,空缺将进行补选。`;
};

const votes = (tally: z.infer<typeof Tally>): [string, string][] => [
  ['发出票数', String(tally.issued)],
  ['收回票数', String(tally.returned)],
  ['有效票', String(tally.valid)],
  ['赞成罢免票', String(Object.values(tally.counts)[0] ?? 0)],
];

export const recallOutcome = defineTemplate({
  schema: RecallOutcomeData,
  subject: (data) =>
    `罢免结果:${OFFICE_NAMES[data.office]}${data.holder}${OUTCOME_WORDS[data.outcome]}`,
  body: (data, { electionId }) =>
    blocks(
      paragraph(
        `关于罢免${data.organization}${OFFICE_NAMES[data.office]}${data.holder}的要求,结果如下(${when(data.decidedAt)}):`,
      ),
      data.tally && data.outcome !== 'rejected' && facts(votes(data.tally)),
      paragraph(consequence(data)),
      data.comment && [paragraph('上级党组织意见:'), quote(data.comment)],
      action('查看公示栏', boardUrl(electionId)),
    ),
});
