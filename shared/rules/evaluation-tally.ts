import * as z from 'zod';
import { refineAttendanceNumbers } from './attendance.ts';
import { type BallotRound, checkEvaluationBallot } from './ballots.ts';
import { distinctSerials, EvaluationBallot } from './ballots-schema.ts';
import { hasMajority, meetsQuorum } from './entitlement.ts';
import { ConstituencyAttendance, RoundCandidates } from './recommendation-tally.ts';
import { type Quorum, Rules } from './rules.ts';
import { screenBallots, Tally } from './tally.ts';

/**
 * yuyang's employee satisfaction evaluation (员工满意度测评, 第三篇 "民主评"): the non-party
 * employees rate each nominee 满意 / 基本满意 / 不满意; a nominee whose 满意 votes do not exceed
 * half of the ballots cast (实投票人数) is eliminated. Pure: no I/O.
 */

/** What the evaluation tally reads; a whole `Rules` object may be passed (others ignored). */
export const EvaluationRules = z.object({ evaluation: Rules.shape.evaluation });
export type EvaluationRules = z.infer<typeof EvaluationRules>;

/** The one constituency: the non-party employees (非党员工); `expected` is how many there are. */
export const EmployeesAttendance = ConstituencyAttendance.extend({
  id: z.literal('employees'),
  expected: z.int().min(1),
});

/** Issued ≤ present ≤ 应到 among the employees, else a ZodError (the route refuses it first). */
export const EvaluationAttendance = z
  .strictObject({ constituencies: z.tuple([EmployeesAttendance]) })
  .superRefine(({ constituencies: [employees] }, ctx) =>
    refineAttendanceNumbers(ctx, employees, { label: '非党员工', path: ['constituencies', 0] }),
  );
export type EvaluationAttendance = z.infer<typeof EvaluationAttendance>;

export const EvaluationTallyInput = z.strictObject({
  candidates: RoundCandidates,
  attendance: EvaluationAttendance,
  ballots: distinctSerials(EvaluationBallot),
});
export type EvaluationTallyInput = z.infer<typeof EvaluationTallyInput>;

/**
 * Closes an evaluation round: void when more ballots come back than were issued; no quorum when
 * fewer than `evaluation.participation` (50%) of the non-party employees return a ballot; else a
 * nominee passes when the satisfaction votes that count (满意, plus 基本满意 if
 * `basicallyCounts`) are more than half of the ballots returned — exactly half fails.
 * Throws a ZodError on malformed input.
 */
export const tallyEvaluation = (
  rulesInput: z.input<typeof EvaluationRules>,
  input: z.input<typeof EvaluationTallyInput>,
): Tally => {
  const { evaluation } = EvaluationRules.parse(rulesInput);
  const { candidates, attendance, ballots } = EvaluationTallyInput.parse(input);
  const [employees] = attendance.constituencies;
  const round: BallotRound = { kind: 'evaluation', candidates, seats: candidates.length };
  // 组织50%以上的非党员工参加: ballots returned, at least the share of the employees.
  const participation: Quorum = {
    basis: 'returned',
    share: evaluation.participation,
    comparison: 'at-least',
  };
  const {
    valid: validBallots,
    totals,
    uncounted,
  } = screenBallots(employees.ballotsIssued, ballots, {
    ballot: (b) => checkEvaluationBallot(round, b),
    voidReason: ({ issued, returned }) =>
      returned > issued
        ? `收回测评票 ${returned} 张,多于发出的 ${issued} 张,测评无效,应重新测评`
        : undefined,
    quorumShortfall: ({ returned }) => {
      const { expected, present } = employees;
      if (meetsQuorum(participation, { expected, present, returned })) return undefined;
      const { numerator, denominator } = evaluation.participation;
      return `参加测评 ${returned} 人,不足非党员工 ${expected} 人的 ${numerator}/${denominator},测评无效`;
    },
  });
  if (uncounted) return uncounted;
  const { returned } = totals;

  const counting = new Set(evaluation.basicallyCounts ? ['satisfied', 'basically'] : ['satisfied']);
  const counts: Record<string, number> = {};
  const rates: Record<string, number> = {};
  for (const candidate of candidates) {
    const votes = validBallots.filter((b) => counting.has(b.ratings[candidate] ?? '')).length;
    counts[candidate] = votes;
    rates[candidate] = votes / returned; // 满意率 over the ballots cast
  }
  // 满意票超过实投票人数半数: more than half of the ballots returned, invalid ones included.
  const elected = candidates.filter((c) => hasMajority(counts[c] ?? 0, returned));
  return Tally.parse({ status: 'valid', ...totals, counts, rates, elected, next: 'advance' });
};
