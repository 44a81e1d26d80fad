import * as z from 'zod';
import {
  AttendanceNumbers,
  attendanceNumberViolations,
  refineAttendanceNumbers,
} from './attendance.ts';
import { type BallotRound, checkRecommendationBallot } from './ballots.ts';
import { distinctSerials, RecommendationBallot } from './ballots-schema.ts';
import { distinctIds } from './distinct.ts';
import { meetsQuorum } from './entitlement.ts';
import { MemberId, type Office } from './members.ts';
import { Rules } from './rules.ts';
import { afterTieOrShortfall, type BallotTotals, screenBallots, Tally } from './tally.ts';
import { broken, type Checked, ok, type Violation } from './violations.ts';

/**
 * The tally of the public recommendation assembly (公开推荐大会, SPEC §2.5 and §9) and of yuyang's
 * party-internal recommendation (党内推荐, one constituency `members`). Pure: no I/O.
 */

/** What the recommendation rules read; a whole `Rules` object may be passed (others ignored). */
export const RecommendationRules = z.object({
  recommendation: Rules.shape.recommendation,
  recommendationQuorum: Rules.shape.recommendationQuorum,
  minResidentRepresentatives: Rules.shape.minResidentRepresentatives,
  automaticRevotes: Rules.shape.automaticRevotes,
});
export type RecommendationRules = z.infer<typeof RecommendationRules>;

/** One constituency's numbers at an assembly: 应到, 实到, ballots issued (发出的票). */
export const ConstituencyAttendance = z.strictObject({
  id: z.string().min(1).max(64),
  ...AttendanceNumbers.shape,
});
export type ConstituencyAttendance = z.infer<typeof ConstituencyAttendance>;

export const RecommendationAttendance = z.strictObject({
  constituencies: z.array(ConstituencyAttendance).min(1).max(100),
});
export type RecommendationAttendance = z.infer<typeof RecommendationAttendance>;

/** A round's candidates: distinct member ids. */
export const RoundCandidates = distinctIds(MemberId, 'candidate');

/**
 * Attendance of a recommendation round against the rules (422s, not 400s): each constituency
 * is one of the rules', named once, none missing; in each, ballots issued ≤ present ≤ 应到
 * (SPEC §2.8); the constituency marked `residentRepresentatives` has 应到 ≥
 * minResidentRepresentatives. Throws a ZodError when the attendance is malformed.
 */
export const checkRecommendationAttendance = (
  rulesInput: z.input<typeof RecommendationRules>,
  attendance: z.input<typeof RecommendationAttendance>,
): Checked<RecommendationAttendance> => {
  const rules = RecommendationRules.parse(rulesInput);
  const parsed = RecommendationAttendance.parse(attendance);
  const violations = [
    ...constituencyViolations(rules, parsed),
    ...parsed.constituencies.flatMap((c, i) =>
      attendanceNumberViolations(c, constituencyPlace(rules, c.id, i)),
    ),
  ];
  const { minResidentRepresentatives } = rules;
  const marked = rules.recommendation.constituencies.find((c) => c.residentRepresentatives);
  if (minResidentRepresentatives > 0 && !marked) {
    // Rules parsed as a whole refuse this; a partial rules object must not lose the minimum.
    violations.push({
      rule: 'resident-representatives-unmarked',
      message: `规则要求居民代表不少于 ${minResidentRepresentatives} 人,但没有推荐单位标明为居民代表(residentRepresentatives)`,
    });
  }
  const index = parsed.constituencies.findIndex((c) => c.id === marked?.id);
  const representatives = parsed.constituencies[index];
  if (marked && representatives && representatives.expected < minResidentRepresentatives) {
    violations.push({
      rule: 'too-few-resident-representatives',
      message: `${marked.name}(constituencies[${index}].expected)应到 ${representatives.expected} 人,少于规定的居民代表 ${minResidentRepresentatives} 人`,
      path: ['constituencies', index, 'expected'],
    });
  }
  return violations.length > 0 ? broken(violations) : ok(parsed);
};

/** A constituency as a place of the attendance report: its name and its index. */
const constituencyPlace = (rules: RecommendationRules, id: string, index: number) => ({
  label: rules.recommendation.constituencies.find((c) => c.id === id)?.name ?? id,
  path: ['constituencies', index],
});

/** The attendance must name exactly the rules' constituencies, each once. */
const constituencyViolations = (
  rules: RecommendationRules,
  attendance: RecommendationAttendance,
): Violation[] => {
  const known = new Set(rules.recommendation.constituencies.map((c) => c.id));
  const named = new Set<string>();
  const violations: Violation[] = [];
  for (const { id } of attendance.constituencies) {
    if (!known.has(id)) {
      violations.push({
        rule: 'unknown-constituency',
        message: `推荐单位 ${id} 不在本次选举规则中`,
      });
    } else if (named.has(id)) {
      violations.push({ rule: 'duplicate-constituency', message: `推荐单位 ${id} 重复填报` });
    }
    named.add(id);
  }
  for (const { id, name } of rules.recommendation.constituencies) {
    if (!named.has(id)) {
      violations.push({
        rule: 'missing-constituency',
        message: `缺少推荐单位 ${name}(${id})的到会情况`,
      });
    }
  }
  return violations;
};

/**
 * How many go on from a recommendation round for an office: the top `recommendedSecretaryCount`
 * for the secretary (考察人选); `memberRecommendationFactor × seats` for other offices (yuyang
 * 党内推荐).
 */
export const recommendationPlaces = (
  rules: Pick<Rules, 'recommendedSecretaryCount' | 'memberRecommendationFactor'>,
  office: Office,
  seats: number,
): number =>
  office === 'secretary'
    ? rules.recommendedSecretaryCount
    : rules.memberRecommendationFactor * seats;

export const RecommendationTallyInput = z.strictObject({
  candidates: RoundCandidates,
  /** Most names a ballot may carry. */
  seats: z.int().min(1),
  /** How many go on (see `recommendationPlaces`). */
  places: z.int().min(1),
  attendance: RecommendationAttendance,
  ballots: distinctSerials(RecommendationBallot),
  /** Re-votes already held after ties in this recommendation (0 for the first round). */
  revotesSoFar: z.int().min(0),
});
export type RecommendationTallyInput = z.infer<typeof RecommendationTallyInput>;

/** The input schema with the rules' constituencies checked, so a mismatch is a ZodError too. */
const inputFor = (rules: RecommendationRules) =>
  RecommendationTallyInput.superRefine((input, ctx) => {
    for (const violation of constituencyViolations(rules, input.attendance)) {
      ctx.addIssue({
        code: 'custom',
        path: ['attendance', 'constituencies'],
        message: violation.message,
      });
    }
    // Issued ≤ present ≤ 应到 in each: the attendance route refuses anything else first.
    input.attendance.constituencies.forEach((c, i) => {
      const { label, path } = constituencyPlace(rules, c.id, i);
      refineAttendanceNumbers(ctx, c, { label, path: ['attendance', ...path] });
    });
  });

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** A positive decimal weight as an exact fraction, read from its shortest decimal form (0.5 → 5/10). */
const decimalFraction = (value: number): { numerator: bigint; denominator: bigint } => {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`weight ${value} is not a finite positive number`);
  const [, whole = '', decimals = '', exponent = '0'] = match;
  const shift = decimals.length - Number(exponent);
  const digits = BigInt(whole + decimals);
  return shift >= 0
    ? { numerator: digits, denominator: 10n ** BigInt(shift) }
    : { numerator: digits * 10n ** BigInt(-shift), denominator: 1n };
};

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;

/** One constituency's share of the count: its weight and, per candidate, its votes. */
interface ConstituencyCount {
  weight: number;
  valid: number;
  votes: ReadonlyMap<string, number>;
}

/**
 * Combined rates (综合得票率) as exact fractions over one common denominator:
 * Σ weight × votes ÷ valid ballots, a constituency with no valid ballots contributing 0.
 * Equal numerators are equal rates, so ties are exact.
 */
const exactRates = (
  candidates: readonly string[],
  constituencies: readonly ConstituencyCount[],
): { numerators: Map<string, bigint>; denominator: bigint } => {
  const counted = constituencies
    .filter((c) => c.valid > 0)
    .map((c) => ({ ...c, weight: decimalFraction(c.weight) }));
  const weightBase = counted.reduce((d, c) => lcm(d, c.weight.denominator), 1n);
  const ballotBase = counted.reduce((p, c) => p * BigInt(c.valid), 1n);
  const numerators = new Map<string, bigint>();
  for (const candidate of candidates) {
    let numerator = 0n;
    for (const { weight, valid, votes } of counted) {
      const scaledWeight = (weight.numerator * weightBase) / weight.denominator;
      numerator += (scaledWeight * BigInt(votes.get(candidate) ?? 0) * ballotBase) / BigInt(valid);
    }
    numerators.set(candidate, numerator);
  }
  return { numerators, denominator: weightBase * ballotBase };
};

/** Where the ranking cuts: those who go on, and those tied across the cut-off. */
interface CutOff {
  elected: string[];
  tied: string[];
}

/**
 * The top `places` by score, in order (ties kept in candidate order). When equal scores straddle
 * the cut-off, nobody among them goes on: `tied` lists them all, `elected` those safely above.
 */
const cutOff = (
  candidates: readonly string[],
  score: (candidate: string) => bigint,
  places: number,
): CutOff => {
  const ranked = candidates
    .map((id, index) => ({ id, index, score: score(id) }))
    .sort((a, b) => (a.score === b.score ? a.index - b.index : a.score > b.score ? -1 : 1));
  const last = ranked[places - 1];
  const first = ranked[places];
  if (!last || !first || last.score !== first.score) {
    return { elected: ranked.slice(0, places).map((r) => r.id), tied: [] };
  }
  return {
    elected: ranked.filter((r) => r.score > last.score).map((r) => r.id),
    tied: ranked.filter((r) => r.score === last.score).map((r) => r.id),
  };
};

/** Returned beyond issued, in a constituency or overall: the text of why the round is void. */
const overIssued = (
  attendance: RecommendationAttendance,
  ballots: readonly RecommendationBallot[],
  { issued, returned }: BallotTotals,
): string | undefined => {
  for (const c of attendance.constituencies) {
    const cast = ballots.filter((b) => b.constituency === c.id).length;
    if (cast > c.ballotsIssued) {
      return `${c.id} 收回推荐票 ${cast} 张,多于发出的 ${c.ballotsIssued} 张,推荐无效,应重新推荐`;
    }
  }
  if (returned > issued) {
    return `收回推荐票 ${returned} 张,多于发出的 ${issued} 张,推荐无效,应重新推荐`;
  }
  return undefined;
};

/**
 * Closes a recommendation round: void when more ballots come back than were issued; no quorum
 * unless attendance passes `recommendationQuorum` (present > 2/3 of expected; yuyang has none);
 * else the combined rates, the top `places` going on, and a tie at the cut-off sent to a re-vote among the tied
 * (then to the organizers, per `automaticRevotes`). Throws a ZodError on malformed input.
 */
export const tallyRecommendation = (
  rulesInput: z.input<typeof RecommendationRules>,
  input: z.input<typeof RecommendationTallyInput>,
): Tally => {
  const rules = RecommendationRules.parse(rulesInput);
  const { candidates, seats, places, attendance, ballots, revotesSoFar } =
    inputFor(rules).parse(input);
  const round: BallotRound = {
    kind: 'recommendation',
    candidates,
    seats,
    constituencies: new Set(attendance.constituencies.map((c) => c.id)),
  };
  const issued = sum(attendance.constituencies.map((c) => c.ballotsIssued));
  const {
    valid: validBallots,
    totals,
    uncounted,
  } = screenBallots(issued, ballots, {
    ballot: (b) => checkRecommendationBallot(round, b),
    voidReason: (split) => overIssued(attendance, ballots, split),
    quorumShortfall: ({ returned }) => {
      const expected = sum(attendance.constituencies.map((c) => c.expected));
      const present = sum(attendance.constituencies.map((c) => c.present));
      const quorum = rules.recommendationQuorum;
      if (!quorum || meetsQuorum(quorum, { expected, present, returned })) return undefined;
      const { numerator, denominator } = quorum.share;
      const counted =
        quorum.basis === 'present' ? `参会代表 ${present} 人` : `收回推荐票 ${returned} 张`;
      const short = quorum.comparison === 'more-than' ? '未超过' : '未达到';
      return `${counted},${short}应到会代表 ${expected} 人的 ${numerator}/${denominator},推荐无效`;
    },
  });
  if (uncounted) return uncounted;

  const weights = new Map(rules.recommendation.constituencies.map((c) => [c.id, c.weight]));
  const perConstituency: ConstituencyCount[] = attendance.constituencies.map(({ id }) => {
    const cast = validBallots.filter((b) => b.constituency === id);
    const votes = new Map<string, number>();
    for (const choice of cast.flatMap((b) => b.choices)) {
      votes.set(choice, (votes.get(choice) ?? 0) + 1);
    }
    return { weight: weights.get(id) ?? 0, valid: cast.length, votes };
  });
  const { numerators, denominator } = exactRates(candidates, perConstituency);

  const counts: Record<string, number> = {};
  const rates: Record<string, number> = {};
  for (const candidate of candidates) {
    counts[candidate] = sum(perConstituency.map((c) => c.votes.get(candidate) ?? 0));
    // One common denominator: equal exact rates give equal numbers.
    rates[candidate] = Math.min(1, Number(numerators.get(candidate) ?? 0n) / Number(denominator));
  }

  const { elected, tied } = cutOff(candidates, (c) => numerators.get(c) ?? 0n, places);
  if (tied.length === 0) {
    return Tally.parse({ status: 'valid', ...totals, counts, rates, elected, next: 'advance' });
  }
  const next = afterTieOrShortfall(revotesSoFar, rules.automaticRevotes);
  const then = next === 'revote' ? '对这部分人重新投票推荐' : '是否再次推荐由领导小组决定';
  const reason = `tie: ${tied.join('、')} 综合得票率相同,${then}`;
  return Tally.parse({ status: 'valid', reason, ...totals, counts, rates, elected, tied, next });
};
