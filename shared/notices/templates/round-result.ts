import * as z from 'zod';
import { Instant, Office, RoundKind, Tally } from '../../rules/index.ts';
import { action, blocks, facts, paragraph, table } from '../blocks.ts';
import { boardUrl } from '../links.ts';
import { base, Name } from '../schemas.ts';
import { defineTemplate } from '../template.ts';
import { names, OFFICE_NAMES, percent, ROUND_KIND_NAMES, when } from '../words.ts';

/**
 * round-result: a closed round's tally, announced at once (SPEC §2.5) — the ballot totals, each
 * candidate's count and rate, who goes on, and for a void, no-quorum, tied or short round what
 * happens next.
 */

export const RoundResultData = z
  .strictObject({
    ...base,
    round: z.strictObject({ kind: RoundKind, office: Office, number: z.int().min(1) }),
    tally: Tally,
    /** The name of every member id the tally mentions (write-ins included). */
    names: z.record(z.string(), Name),
    /** When and where the next round is held, if it is already set. */
    nextRound: z.strictObject({ at: Instant, place: z.string().trim().min(1).max(500) }).optional(),
  })
  .superRefine((data, ctx) => {
    const { counts, rates = {}, elected, tied = [] } = data.tally;
    const ids = new Set([...Object.keys(counts), ...Object.keys(rates), ...elected, ...tied]);
    for (const id of ids) {
      if (data.names[id] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['names', id], message: `no name for member ${id}` });
      }
    }
  });
type RoundResultData = z.infer<typeof RoundResultData>;

const COUNT_LABELS: Record<z.infer<typeof RoundKind>, string> = {
  recommendation: '推荐票',
  evaluation: '满意票',
  election: '赞成票',
  recall: '赞成罢免票',
};

const GOES_ON: Record<z.infer<typeof RoundKind>, string> = {
  recommendation: '推荐人选',
  evaluation: '通过',
  election: '当选',
  recall: '罢免',
};

const DOES_NOT: Record<z.infer<typeof RoundKind>, string> = {
  recommendation: '—',
  evaluation: '未通过',
  election: '未当选',
  recall: '不罢免',
};

const nameOf = (data: RoundResultData) => (id: string) => data.names[id] as string;

const roundTitle = ({ round }: RoundResultData): string =>
  `${OFFICE_NAMES[round.office]}${ROUND_KIND_NAMES[round.kind]}第${round.number}轮`;

/** The outcome in a few words, for the subject and the body. */
const headline = (data: RoundResultData): string => {
  const { tally, round } = data;
  const named = (ids: readonly string[]) => names(ids.map(nameOf(data)));
  if (tally.status === 'void') return '本轮投票无效,重新投票';
  if (tally.status === 'no-quorum') return '未达到规定人数,重新投票';
  const parts: string[] = [];
  if (tally.elected.length > 0) {
    const who = named(tally.elected);
    parts.push(
      {
        recommendation: `${who}确定为推荐人选`,
        evaluation: `${who}通过测评`,
        election: `${who}当选${OFFICE_NAMES[round.office]}`,
        recall: `${who}被罢免`,
      }[round.kind],
    );
  }
  if (tally.tied && tally.tied.length > 0) parts.push(`${named(tally.tied)}得票相同`);
  if (tally.shortfall) parts.push(`尚缺${tally.shortfall}名`);
  if (parts.length === 0) {
    parts.push(
      {
        recommendation: '无人获推荐',
        evaluation: '无人通过测评',
        election: '无人当选',
        recall: '罢免未获通过',
      }[round.kind],
    );
  }
  return parts.join(',');
};

const resultRows = (data: RoundResultData): string[][] => {
  const { tally, round } = data;
  const tied = new Set(tally.tied ?? []);
  const elected = new Set(tally.elected);
  const ids = Object.keys(tally.counts).sort(
    (a, b) => (tally.counts[b] ?? 0) - (tally.counts[a] ?? 0) || a.localeCompare(b),
  );
  return ids.map((id) => {
    const rate = tally.rates?.[id];
    const outcome = elected.has(id)
      ? GOES_ON[round.kind]
      : tied.has(id)
        ? '得票相同'
        : DOES_NOT[round.kind];
    return [
      nameOf(data)(id),
      String(tally.counts[id] ?? 0),
      ...(tally.rates ? [rate === undefined ? '—' : percent(rate)] : []),
      outcome,
    ];
  });
};

const whatNext = (data: RoundResultData): string => {
  const { tally, round } = data;
  if (tally.next === 'organizer-decision') {
    return '再次投票后得票仍然相同,由领导小组决定:直接确定人选,或者再次投票。';
  }
  if (tally.next === 'revote') {
    if (tally.status !== 'valid') return '本轮作废,将重新投票。';
    if (tally.tied && tally.tied.length > 0) {
      return `将在${names(tally.tied.map(nameOf(data)))}之间重新投票。`;
    }
    if (tally.shortfall) {
      return `将在未当选的人选中另行选举,选出其余${tally.shortfall}名。`;
    }
    return '将重新投票。';
  }
  if (round.kind === 'election') return '选举结果报上级党组织审批后生效。';
  if (round.kind === 'recall') return '罢免表决结果另行通知。';
  return '选举将按程序进入下一环节。';
};

export const roundResult = defineTemplate({
  schema: RoundResultData,
  subject: (data) => `${roundTitle(data)}结果:${headline(data)}`,
  body: (data, { electionId }) => {
    const { tally } = data;
    return blocks(
      paragraph(`${data.organization}${roundTitle(data)}投票结果公布如下。`),
      tally.status !== 'valid' &&
        paragraph(
          `${tally.status === 'void' ? '本轮投票无效' : '本轮投票未达到规定人数'}${tally.reason ? `:${tally.reason}` : '。'}`,
        ),
      facts([
        ['发出票数', String(tally.issued)],
        ['收回票数', String(tally.returned)],
        ['有效票', String(tally.valid)],
        ['无效票', String(tally.invalid)],
        // SPEC §2.9: a write-in of someone already elected counts for nobody.
        ...(tally.voidWriteIns
          ? [['另选已当选者(不计入任何人)', `${tally.voidWriteIns} 人次`] as [string, string]]
          : []),
      ]),
      Object.keys(tally.counts).length > 0 &&
        table(
          [
            '姓名',
            COUNT_LABELS[data.round.kind],
            ...(tally.rates
              ? [data.round.kind === 'recommendation' ? '综合得票率' : '得票率']
              : []),
            '结果',
          ],
          resultRows(data),
        ),
      tally.status === 'valid' && paragraph(`结果:${headline(data)}。`),
      paragraph(`下一步:${whatNext(data)}`),
      data.nextRound &&
        facts([
          ['下一轮时间', when(data.nextRound.at)],
          ['地点', data.nextRound.place],
        ]),
      action('查看公示栏', boardUrl(electionId)),
    );
  },
});
