import {
  type ElectionStage,
  hasMajority,
  majorityBaseCount,
  type Office,
  type RoundKind,
  type Rules,
  type Tally,
} from '../rules/index.ts';
import { OFFICE_NAMES, percent, ROUND_KIND_NAMES, STAGE_NAMES } from './words.ts';

/**
 * A closed round's count as the 计票人 reads it out (计票): which vote and round, the ballots
 * (发出/收回/有效/无效), each candidate by votes — name, votes, percentage of the base the rules
 * use, whether they go on — and what happens next. Pure words and numbers: the demo prints them
 * as terminal lines (scripts/scenario/tally-report.ts), the console shows them as a table.
 */

/** What the reading needs of a round: which it is, its attendance, and its tally. */
export interface CountedRound {
  kind: RoundKind;
  office: Office;
  stage: string;
  number: number;
  candidates: readonly string[];
  attendance?: {
    expected?: number;
    present: number;
    constituencies?: readonly { name?: string; expected: number }[];
  };
  tally: Tally;
}

/** The rules that say what a percentage is counted on. */
export type CountRules = Pick<Rules, 'majorityBase' | 'recommendation' | 'evaluation'>;

/** Names by member id, from a roll; an id not on it is shown as it is. */
export const nameLookup = (roll: readonly { id: string; name: string }[]) => {
  const names = new Map(roll.map((member) => [member.id, member.name]));
  return (id: string): string => names.get(id) ?? id;
};

export const BALLOT_NAMES: Record<RoundKind, string> = {
  recommendation: '推荐票',
  evaluation: '测评票',
  election: '选票',
  recall: '表决票',
};

/** What going on is called in each kind of vote. */
export const GOING_ON: Record<RoundKind, string> = {
  recommendation: '入选',
  evaluation: '通过',
  election: '当选',
  recall: '罢免',
};

/** The vote and round: the stage's name (and the office, where the stage votes for several). */
export const countHeading = (round: Omit<CountedRound, 'tally' | 'candidates'>): string => {
  const office = OFFICE_NAMES[round.office];
  const vote = STAGE_NAMES[round.stage as ElectionStage] ?? ROUND_KIND_NAMES[round.kind];
  return `${vote.includes(office) ? vote : `${vote}(${office})`} 第${round.number}轮`;
};

/** 应到会: the attendance's own figure, or the sum of its constituencies' expected. */
export const expectedOf = (attendance: NonNullable<CountedRound['attendance']>): number =>
  attendance.expected ?? (attendance.constituencies ?? []).reduce((sum, c) => sum + c.expected, 0);

export const ballotsLine = (round: CountedRound): string => {
  const { issued, returned, valid, invalid } = round.tally;
  const ballots = `发出${BALLOT_NAMES[round.kind]} ${issued} 张,收回 ${returned} 张,有效 ${valid} 张,无效 ${invalid} 张`;
  const attendance = round.attendance;
  if (!attendance) return ballots;
  return `应到 ${expectedOf(attendance)} 人,实到 ${attendance.present} 人;${ballots}`;
};

/** Each candidate's share, and the line saying what it is a share of and what passes. */
interface Shares {
  basis: string;
  share: (id: string, votes: number) => number | undefined;
  passes: (votes: number) => boolean;
}

const BASE_NAMES = { present: '实到', expected: '应到', 'valid-ballots': '有效票' } as const;

const sharesOf = (round: CountedRound, rules: CountRules): Shares => {
  const { tally } = round;
  const rate = (id: string) => tally.rates?.[id];
  switch (round.kind) {
    case 'recommendation': {
      const [only, ...others] = rules.recommendation.constituencies;
      if (only?.weight === 1 && others.length === 0) {
        // One constituency at full weight (yuyang's 党内推荐): the rate is simply votes ÷ valid.
        return {
          basis: `得票率 = 得票 ÷ 有效推荐票 ${tally.valid} 张`,
          share: rate,
          passes: () => true,
        };
      }
      // The weighted rate (综合得票率) is what ranks; the votes shown are the constituencies' sum.
      const weights = rules.recommendation.constituencies
        .map((c) => `${c.name} ${Math.round(c.weight * 100)}%`)
        .join('、');
      return {
        basis: `得票率为综合得票率:各推荐单位得票 ÷ 该单位有效票,按权重(${weights})合计;票数为各单位之和`,
        share: rate,
        passes: () => true,
      };
    }
    case 'evaluation': {
      const counted = rules.evaluation.basicallyCounts ? '满意和基本满意票' : '满意票';
      return {
        basis: `满意率 = ${counted} ÷ 收回测评票 ${tally.returned} 张,超过半数为通过`,
        share: rate,
        passes: (votes) => hasMajority(votes, tally.returned),
      };
    }
    default: {
      const { attendance } = round;
      const headcount = { expected: attendance?.expected ?? 0, present: attendance?.present ?? 0 };
      const base = majorityBaseCount(rules.majorityBase, headcount, tally.valid);
      const unit = rules.majorityBase === 'valid-ballots' ? '张' : '人';
      return {
        basis: `得票率 = 赞成票 ÷ ${BASE_NAMES[rules.majorityBase]} ${base} ${unit},超过半数方可${GOING_ON[round.kind]}`,
        share: (_, votes) => (base > 0 ? votes / base : undefined),
        passes: (votes) => hasMajority(votes, base),
      };
    }
  }
};

/** One candidate's line of the count. */
export interface CountRow {
  id: string;
  name: string;
  /** Written in (另选他人), not one of the round's candidates. */
  writeIn: boolean;
  votes: number;
  share?: number;
  /** The share as read out: 45.83%, or '' where the kind has none. */
  shown: string;
  /** 当选 / 入选 / 通过 / 罢免, 票数相等, 未过半数, 未当选, or ''. */
  mark: string;
  goesOn: boolean;
  tied: boolean;
}

/** The count read out: what the shares are of, and one row per candidate by votes (by rate). */
export const countRows = (
  round: CountedRound,
  rules: CountRules,
  nameOf: (id: string) => string,
): { basis: string; rows: CountRow[] } => {
  const shares = sharesOf(round, rules);
  const { tally } = round;
  const tied = new Set(tally.tied ?? []);
  const elected = new Set(tally.elected);
  const rows = Object.entries(tally.counts).map(([id, votes]) => {
    const share = shares.share(id, votes);
    const mark = elected.has(id)
      ? GOING_ON[round.kind]
      : tied.has(id)
        ? '票数相等'
        : !shares.passes(votes)
          ? '未过半数'
          : round.kind === 'election'
            ? '未当选'
            : '';
    const row: CountRow = {
      id,
      name: nameOf(id),
      writeIn: !round.candidates.includes(id),
      votes,
      shown: share === undefined ? '' : percent(share),
      mark,
      goesOn: elected.has(id),
      tied: tied.has(id),
    };
    return { row: share === undefined ? row : { ...row, share }, rank: tally.rates?.[id] ?? votes };
  });
  // Stable: equal votes keep the tally's order (the round's candidates, then write-ins).
  rows.sort((a, b) => b.rank - a.rank);
  return { basis: shares.basis, rows: rows.map((r) => r.row) };
};

/** The reason a round could not be counted, without its code (`no-quorum: …`). */
const plainReason = (reason: string | undefined) => (reason ?? '').replace(/^[a-z-]+: /, '');

export const NEXT_NAMES: Record<Tally['next'], string> = {
  advance: '进入下一程序',
  revote: '重新投票',
  'organizer-decision': '由领导小组决定(确定人选、再次投票或减少名额)',
};

/** The outcome (本轮无效 / 当选… / 票数相等 / 尚缺) and the next step, in words. */
export const countOutcome = (
  round: CountedRound,
  nameOf: (id: string) => string,
): { result: string; next: string } => {
  const { tally } = round;
  const names = (ids: readonly string[]) => ids.map(nameOf).join('、');
  const parts: string[] = [];
  if (tally.status === 'void') parts.push(`本轮无效(${plainReason(tally.reason)})`);
  if (tally.status === 'no-quorum') parts.push(`人数不足,本轮无效(${plainReason(tally.reason)})`);
  if (tally.status === 'valid') {
    parts.push(
      tally.elected.length > 0
        ? `${GOING_ON[round.kind]} ${names(tally.elected)}`
        : `无人${GOING_ON[round.kind]}`,
    );
  }
  if (tally.tied?.length) parts.push(`${names(tally.tied)} 票数相等`);
  if (tally.shortfall) parts.push(`尚缺 ${tally.shortfall} 名,另行选举`);
  if (tally.voidWriteIns) parts.push(`另选已当选者 ${tally.voidWriteIns} 票,不计入任何人`);
  const next =
    tally.tied?.length && tally.next === 'revote'
      ? '在票数相等者中重新投票'
      : NEXT_NAMES[tally.next];
  return { result: parts.join(';'), next };
};
