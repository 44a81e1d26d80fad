import type { RoundKind } from '../../../../shared/rules/index.ts';

/**
 * What the printed sheets say and how they break into A4 pages — plain data, so a test can
 * count the pages a sheet must print to.
 */

/** The sheets a round prints, by their path segment. */
export const SHEETS = {
  ballots: '选票',
  'sign-in': '签到表',
  tally: '计票表',
} as const;
export type SheetName = keyof typeof SHEETS;

/** Names on one page of the 签到表. */
export const SIGN_IN_ROWS_PER_PAGE = 20;
/** Rows (candidates, then 另选他人 lines) on one page of a 计票表. */
export const TALLY_ROWS_PER_PAGE = 10;

/** `items` in pages of `size` (one empty page for no items: the sheet is still printed). */
export const pagesOf = <T>(items: readonly T[], size: number): T[][] => {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
};

/** The marks a voter makes on each name, as the ballot's and the tally's columns. */
export const MARKS: Record<RoundKind, readonly string[]> = {
  recommendation: ['推荐'],
  evaluation: ['满意', '基本满意', '不满意'],
  election: ['赞成', '不赞成', '弃权'],
  recall: ['赞成', '不赞成', '弃权'],
};

/** Whom a ballot's rows name. */
export const SUBJECT = {
  recommendation: '推荐人选',
  evaluation: '测评对象',
  election: '候选人',
  recall: '表决对象',
} as const satisfies Record<RoundKind, string>;

export const PAPER_NAMES: Record<RoundKind, string> = {
  recommendation: '推荐票',
  evaluation: '测评票',
  election: '选票',
  recall: '表决票',
};

/** Whether a round's ballot has 另选他人 lines: an election, unless a re-vote among the tied. */
export const hasWriteInLines = (round: { kind: RoundKind; amongTied?: boolean }): boolean =>
  round.kind === 'election' && !round.amongTied;

/** 另选他人 lines on a tally sheet: room for the names the counters hear. */
export const tallyWriteInLines = (seats: number) => Math.max(3, seats);

/**
 * The marking instructions and the invalid-ballot rules of the 条例 (第二十六、二十七条 of the
 * 2020 条例, 选举办法's usual wording) for a round kind, as printed under the ballot.
 */
export const instructions = (round: {
  kind: RoundKind;
  seats: number;
  amongTied?: boolean;
  basicallyCounts?: boolean;
}): string[] => {
  const n = round.seats;
  const pen = '请用黑色或者蓝色钢笔、签字笔填写,字迹清楚,不得涂改。';
  switch (round.kind) {
    case 'recommendation':
      return [
        '在同意推荐的人选姓名右侧的方格内划“○”;不划符号的为不推荐。',
        `每张推荐票至多推荐 ${n} 名。推荐人数等于或者少于 ${n} 名的为有效票,多于 ${n} 名的为无效票。`,
        '所划符号无法辨认的,对该人选视为不推荐。',
        pen,
      ];
    case 'evaluation':
      return [
        '对每位测评对象,在“满意”“基本满意”“不满意”三栏中选择一栏划“○”。',
        '对一位测评对象不划符号、划两个以上符号或者符号无法辨认的,对该测评对象视为未表态。',
        round.basicallyCounts
          ? '满意和基本满意票合计超过收回测评票半数的为通过。'
          : '满意票超过收回测评票半数的为通过。',
        pen,
      ];
    case 'recall':
      return [
        '赞成罢免的在“赞成”栏内划“○”,不赞成罢免的在“不赞成”栏内划“○”,弃权的在“弃权”栏内划“○”或者不划符号。',
        '本表决票不得另选他人;写有其他人姓名的,所写姓名无效。',
        '划两个以上符号或者符号无法辨认的,视为弃权。',
        pen,
      ];
    case 'election':
      return [
        '对候选人可以投赞成票或者不赞成票,也可以弃权:赞成的在“赞成”栏内划“○”,不赞成的在“不赞成”栏内划“○”,弃权的在“弃权”栏内划“○”或者不划符号。',
        ...(hasWriteInLines(round)
          ? [
              '投不赞成票者可以另选他人:在“另选他人”栏内写上所选人的姓名。另选他人的人数不得多于所投的不赞成票数,所选的人应当符合任职条件。',
            ]
          : ['本轮在得票相等的候选人中再次投票,不得另选他人。']),
        `每张选票所选人数(赞成的候选人与另选他人合计)等于或者少于应选人数 ${n} 名的为有效票,多于 ${n} 名的为无效票。`,
        '对一位候选人划两个以上符号或者符号无法辨认的,对该候选人视为弃权。',
        pen,
      ];
  }
};
