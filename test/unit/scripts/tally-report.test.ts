// Proves the demo's reading of a count (scripts/scenario/tally-report.ts): names, not member ids;
// candidates by votes with the percentage of the base the rules use (the recommendation's
// weighted rate, the election's 实到); the elected, the tied and those below half marked;
// columns aligned by display width (a CJK character takes two); a void round read as void.
import { describe, expect, it } from 'vitest';
import {
  type CountedRound,
  nameLookup,
  tallyReport,
} from '../../../scripts/scenario/tally-report.ts';
import {
  PRESETS,
  type RecommendationBallot,
  tallyElection,
  tallyRecommendation,
} from '../../../shared/rules/index.ts';

const rules = PRESETS.community;
const nameOf = nameLookup([
  { id: 'm-1', name: '王芳' },
  { id: 'm-2', name: '李建国' },
  { id: 'm-3', name: '张伟' },
  { id: 'm-4', name: '欧阳秀英' },
]);

/** One constituency's ballots: `votes[id]` naming only id, then `blank` blank ones. */
const cast = (constituency: string, votes: Record<string, number>, blank: number) =>
  [
    ...Object.entries(votes).flatMap(([id, n]) => Array.from({ length: n }, () => [id])),
    ...Array.from({ length: blank }, (): string[] => []),
  ].map(
    (choices, i): RecommendationBallot => ({
      serial: `${constituency}-${i}`,
      constituency,
      choices,
    }),
  );

/** An election round's ballots: `n` marked `marks` for each [n, marks]. */
const ballots = (...groups: [number, Record<string, 'for' | 'against'>][]) =>
  groups.flatMap(([n, marks], g) =>
    Array.from({ length: n }, (_, i) => ({ serial: `${g}-${i}`, marks })),
  );

/** An election round counted by the rules' own tally, everyone present given a ballot. */
const electionRound = (
  { seats, ...head }: Pick<CountedRound, 'office' | 'stage' | 'number'> & { seats: number },
  candidates: string[],
  attendance: { expected: number; present: number },
  cast: ReturnType<typeof ballots>,
): CountedRound => ({
  kind: 'election',
  ...head,
  candidates,
  attendance,
  tally: tallyElection({
    round: { candidates, seats },
    attendance: { ...attendance, issued: attendance.present },
    ballots: cast,
    rules,
    revotesSoFar: 0,
  }),
});

describe('tallyReport', () => {
  it('reads a recommendation by weighted rate, the top three 入选', () => {
    const constituencies = [
      { id: 'units', expected: 40, present: 35, ballotsIssued: 35 },
      { id: 'residents', expected: 160, present: 150, ballotsIssued: 150 },
    ];
    const tally = tallyRecommendation(rules, {
      candidates: ['m-1', 'm-2', 'm-3', 'm-4'],
      seats: 1,
      places: 3,
      attendance: { constituencies },
      ballots: [
        ...cast('units', { 'm-1': 14, 'm-2': 10, 'm-3': 7, 'm-4': 3 }, 1),
        // 欧阳秀英 has more votes than 张伟 here, yet a lower weighted rate: the rate ranks.
        ...cast('residents', { 'm-1': 52, 'm-2': 41, 'm-3': 23, 'm-4': 30 }, 4),
      ],
      revotesSoFar: 0,
    });
    const round: CountedRound = {
      kind: 'recommendation',
      office: 'secretary',
      stage: 'recommendation',
      number: 1,
      candidates: ['m-1', 'm-2', 'm-3', 'm-4'],
      attendance: { present: 185, constituencies },
      tally,
    };
    expect(tallyReport(round, rules, nameOf)).toEqual([
      '公开推荐大会(书记) 第1轮',
      '  应到 200 人,实到 185 人;发出推荐票 185 张,收回 185 张,有效 185 张,无效 0 张',
      '  得票率为综合得票率:各推荐单位得票 ÷ 该单位有效票,按权重(社区单位党组织 50%、社区居民群众 50%)合计;票数为各单位之和',
      '  王芳      66 票  37.33%  入选',
      '  李建国    51 票  27.95%  入选',
      '  张伟      30 票  17.67%  入选',
      '  欧阳秀英  33 票  14.29%',
      '  结果:入选 王芳、李建国、张伟 → 进入下一程序',
    ]);
  });

  it('says a one-constituency recommendation (党内推荐) is counted on its valid ballots', () => {
    const constituencies = [{ id: 'members', expected: 22, present: 22, ballotsIssued: 22 }];
    const tally = tallyRecommendation(PRESETS.yuyang, {
      candidates: ['m-1', 'm-2'],
      seats: 1,
      places: 1,
      attendance: { constituencies },
      ballots: cast('members', { 'm-1': 15, 'm-2': 5 }, 2),
      revotesSoFar: 0,
    });
    const round: CountedRound = {
      kind: 'recommendation',
      office: 'secretary',
      stage: 'party-recommendation',
      number: 1,
      candidates: ['m-1', 'm-2'],
      attendance: { present: 22, constituencies },
      tally,
    };
    expect(tallyReport(round, PRESETS.yuyang, nameOf).slice(2, 5)).toEqual([
      '  得票率 = 得票 ÷ 有效推荐票 22 张',
      '  王芳    15 票  68.18%  入选',
      '  李建国   5 票  22.73%',
    ]);
  });

  it.each([
    {
      what: 'an election tie: 票数相等, below half, a re-vote among the tied',
      round: electionRound(
        { office: 'secretary', stage: 'secretary-election', number: 1, seats: 1 },
        ['m-1', 'm-4', 'm-2'],
        { expected: 24, present: 22 },
        ballots(
          [10, { 'm-1': 'for', 'm-4': 'against' }],
          [10, { 'm-1': 'against', 'm-4': 'for' }],
          [2, { 'm-2': 'for' }],
        ),
      ),
      lines: [
        '党员大会差额直选书记 第1轮',
        '  应到 24 人,实到 22 人;发出选票 22 张,收回 22 张,有效 22 张,无效 0 张',
        '  得票率 = 赞成票 ÷ 实到 22 人,超过半数方可当选',
        '  王芳      10 票  45.45%  票数相等',
        '  欧阳秀英  10 票  45.45%  票数相等',
        '  李建国     2 票   9.09%  未过半数',
        '  结果:无人当选;王芳、欧阳秀英 票数相等 → 在票数相等者中重新投票',
      ],
    },
    {
      what: 'a void round (21 ballots back of 20 issued): its reason, no candidate lines, a re-vote',
      round: electionRound(
        { office: 'member', stage: 'member-election', number: 2, seats: 2 },
        ['m-2', 'm-3', 'm-4'],
        { expected: 24, present: 20 },
        ballots([21, { 'm-2': 'for', 'm-3': 'for' }]),
      ),
      lines: [
        '选举委员 第2轮',
        '  应到 24 人,实到 20 人;发出选票 20 张,收回 21 张,有效 21 张,无效 0 张',
        '  结果:本轮无效(收回选票 21 张,多于发出的 20 张,选举无效) → 重新投票',
      ],
    },
  ])('reads $what', ({ round, lines }) => {
    expect(tallyReport(round, rules, nameOf)).toEqual(lines);
  });
});
