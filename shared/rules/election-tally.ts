import * as z from 'zod';
import { attendanceNumberViolations } from './attendance.ts';
import { BallotRound, checkElectionBallot, EligibleWriteIns } from './ballots.ts';
import { distinctSerials, ElectionBallot } from './ballots-schema.ts';
import { Headcount, hasMajority, meetsQuorum } from './entitlement.ts';
import { MemberId } from './members.ts';
import { MajorityBase, Quorum, Rules } from './rules.ts';
import { afterTieOrShortfall, screenBallots, Tally } from './tally.ts';

/**
 * The tally of an election round (党员大会差额直选, SPEC §2.8–9, §9) and of a recall vote
 * (罢免, §9 Supervision). Checks in order: returned > issued ⇒ void; quorum not met ⇒
 * no-quorum; then invalid ballots are set apart and the valid ones counted. Nobody at or below
 * the threshold (half of the majority base) is ever elected, and a tie is never broken here.
 */

/** The round as far as the tally needs it; a stored round's other fields are ignored. */
export const ElectionRound = BallotRound.pick({ candidates: true, seats: true, amongTied: true });
export type ElectionRound = z.infer<typeof ElectionRound>;

const Count = z.int().min(0);

/**
 * An election's headcount and the ballots issued (发出的选票). 应到会 is the entitled members
 * less the recorded exclusions; 实到会 counts entitled members only (observers, 列席, are not).
 * Issued ≤ present ≤ 应到会, else a ZodError: the attendance route refuses such numbers, and a
 * tally never counts them (present 0 would make 1 赞成 a majority).
 */
export const ElectionAttendance = Headcount.extend({ issued: Count }).superRefine((a, ctx) => {
  const numbers = { expected: a.expected, present: a.present, ballotsIssued: a.issued };
  for (const { rule, message } of attendanceNumberViolations(numbers)) {
    const path = rule === 'ballots-exceed-present' ? ['issued'] : ['present'];
    ctx.addIssue({ code: 'custom', path, message });
  }
});
export type ElectionAttendance = z.infer<typeof ElectionAttendance>;

/** The rules a tally reads; a whole `Rules` object may be passed (other keys are ignored). */
export const ElectionTallyRules = z.object({
  electionQuorum: Quorum,
  majorityBase: MajorityBase,
  automaticRevotes: Rules.shape.automaticRevotes,
});

const RoundBallots = distinctSerials(ElectionBallot);

export const ElectionTallyInput = z.strictObject({
  round: ElectionRound,
  attendance: ElectionAttendance,
  ballots: RoundBallots,
  rules: ElectionTallyRules,
  /** Re-votes already held in this sequence after a tie or shortfall. */
  revotesSoFar: Count,
  /** Who may be written in (另选他人); absent: nobody. */
  eligibleWriteIns: EligibleWriteIns.optional(),
  /**
   * Who already holds a seat: elected in this chain of rounds or to another office of this
   * election (SPEC §2.9). A write-in of them cannot take a seat: that mark counts for nobody,
   * the ballot's other marks stand.
   */
  alreadyElected: z.array(MemberId).max(1000).optional(),
});
export type ElectionTallyInput = z.input<typeof ElectionTallyInput>;

export const RecallTallyInput = z.strictObject({
  /** The office holder is the round's one "candidate"; one question, one seat. */
  round: z.object({ candidates: z.tuple([MemberId]), seats: z.literal(1).default(1) }),
  attendance: ElectionAttendance,
  ballots: RoundBallots,
  rules: ElectionTallyRules.pick({ electionQuorum: true, majorityBase: true }),
});
export type RecallTallyInput = z.input<typeof RecallTallyInput>;

/** The number a majority is counted against (`majorityBase`; default 实到会). */
export const majorityBaseCount = (
  base: MajorityBase,
  headcount: Headcount,
  validBallots: number,
): number => {
  switch (base) {
    case 'present':
      return headcount.present;
    case 'expected':
      return headcount.expected;
    case 'valid-ballots':
      return validBallots;
  }
};

const quorumShortfallReason = (quorum: Quorum, headcount: Headcount, returned: number): string => {
  const { numerator, denominator } = quorum.share;
  const share = `${numerator}/${denominator}`;
  const what =
    quorum.basis === 'returned' ? `收回选票 ${returned} 张` : `实到会 ${headcount.present} 人`;
  const needed = quorum.comparison === 'at-least' ? `${share}(含)` : `超过 ${share}`;
  return `no-quorum: ${what},未达到应到会 ${headcount.expected} 人的${needed},选举无效`;
};

/**
 * What an election and a recall share: the valid ballots set apart, then the round screened in
 * SPEC §2.8 order (returned > issued ⇒ void, quorum not met ⇒ no-quorum). `uncounted` is the
 * finished tally of a round that stops there.
 */
const openCount = (
  round: BallotRound,
  attendance: ElectionAttendance,
  ballots: readonly ElectionBallot[],
  { electionQuorum }: { electionQuorum: Quorum },
) =>
  screenBallots(attendance.issued, ballots, {
    ballot: (ballot) => checkElectionBallot(round, ballot),
    voidReason: ({ issued, returned }) =>
      returned > issued
        ? `returned-exceeds-issued: 收回选票 ${returned} 张,多于发出的 ${issued} 张,选举无效`
        : undefined,
    quorumShortfall: ({ returned }) => {
      const { expected, present } = attendance;
      return meetsQuorum(electionQuorum, { expected, present, returned })
        ? undefined
        : quorumShortfallReason(electionQuorum, attendance, returned);
    },
  });

/**
 * 赞成 per candidate plus a vote per write-in. Keys: the candidates in round order, then
 * write-ins sorted, so the result does not depend on the order the ballots were entered.
 * A write-in of someone `taken` (already elected) counts for nobody: it is only counted as void.
 */
const countVotes = (
  candidates: readonly string[],
  ballots: readonly ElectionBallot[],
  taken: ReadonlySet<string>,
) => {
  const written = new Map<string, number>();
  const forCandidate = new Map<string, number>(candidates.map((id) => [id, 0]));
  let voidWriteIns = 0;
  for (const ballot of ballots) {
    for (const [id, mark] of Object.entries(ballot.marks)) {
      if (mark === 'for') forCandidate.set(id, (forCandidate.get(id) ?? 0) + 1);
    }
    for (const id of ballot.writeIns ?? []) {
      if (taken.has(id)) voidWriteIns++;
      else written.set(id, (written.get(id) ?? 0) + 1);
    }
  }
  const writeIns = [...written.keys()].sort();
  const counts = new Map<string, number>([
    ...forCandidate,
    ...writeIns.map((id): [string, number] => [id, written.get(id) ?? 0]),
  ]);
  return { counts, voidWriteIns };
};

interface Placement {
  elected: string[];
  tied?: string[];
  shortfall?: number;
}

/**
 * Who takes the seats, from counts listed in a stable order (ties keep that order). Those above
 * the threshold go in by votes; equal votes straddling the last seat ⇒ `tied`, with only those
 * safely above elected; too few above ⇒ `shortfall`. With one seat (the secretary) a tie for
 * first is a tie even when nobody has a majority: the re-vote is among the tied (SPEC §2.8).
 */
const placeBySeats = (
  counts: ReadonlyMap<string, number>,
  seats: number,
  base: number,
): Placement => {
  const ranking = [...counts].sort(([, a], [, b]) => b - a);
  const above = ranking.filter(([, votes]) => hasMajority(votes, base));
  const ids = (entries: [string, number][]) => entries.map(([id]) => id);

  if (above.length > seats) {
    const cutoff = above[seats - 1]?.[1] ?? 0;
    if (above[seats]?.[1] !== cutoff) return { elected: ids(above.slice(0, seats)) };
    return {
      elected: ids(above.filter(([, votes]) => votes > cutoff)),
      tied: ids(above.filter(([, votes]) => votes === cutoff)),
    };
  }
  if (above.length === seats) return { elected: ids(above) };

  const top = ranking[0]?.[1] ?? 0;
  const firstEqual = ranking.filter(([, votes]) => votes === top);
  if (seats === 1 && top > 0 && firstEqual.length > 1) {
    return { elected: [], tied: ids(firstEqual) };
  }
  return { elected: ids(above), shortfall: seats - above.length };
};

const placementReason = (placement: Placement, counts: ReadonlyMap<string, number>) => {
  if (placement.tied) {
    const votes = counts.get(placement.tied[0] ?? '') ?? 0;
    return `tie: ${placement.tied.join('、')} 得票相同(各 ${votes} 票),在被选举人中重新投票或由领导小组决定`;
  }
  if (placement.shortfall) {
    return `shortfall: 得票超过半数的被选举人少于应选名额,尚缺 ${placement.shortfall} 名,另行选举`;
  }
  return undefined;
};

/**
 * Tally of an election round (secretary, deputies, committee members, by-elections).
 * Throws a ZodError naming the field on malformed input. The result satisfies `Tally`.
 */
export const tallyElection = (input: ElectionTallyInput): Tally => {
  const { round, attendance, ballots, rules, revotesSoFar, eligibleWriteIns, alreadyElected } =
    ElectionTallyInput.parse(input);
  const context = { kind: 'election' as const, ...round, eligibleWriteIns };
  const { valid, totals, uncounted } = openCount(context, attendance, ballots, rules);
  if (uncounted) return uncounted;

  const { counts, voidWriteIns } = countVotes(
    round.candidates,
    valid,
    new Set(alreadyElected ?? []),
  );
  const base = majorityBaseCount(rules.majorityBase, attendance, valid.length);
  const placement = placeBySeats(counts, round.seats, base);
  const unresolved = placement.tied !== undefined || placement.shortfall !== undefined;
  const reason = placementReason(placement, counts);
  return Tally.parse({
    status: 'valid',
    ...(reason ? { reason } : {}),
    ...totals,
    counts: Object.fromEntries(counts),
    ...placement,
    ...(voidWriteIns > 0 ? { voidWriteIns } : {}),
    next: unresolved ? afterTieOrShortfall(revotesSoFar, rules.automaticRevotes) : 'advance',
  });
};

/**
 * Tally of a recall vote: 'for' = recall. The holder is recalled (`elected: [holder]`) when the
 * 'for' votes are more than half of the majority base; `counts` holds the 'for' votes. Same
 * void and quorum rules as an election; a valid round always advances (recalled or retained).
 */
export const tallyRecall = (input: RecallTallyInput): Tally => {
  const { round, attendance, ballots, rules } = RecallTallyInput.parse(input);
  const [holder] = round.candidates;
  const context = { kind: 'recall' as const, candidates: [holder], seats: 1 };
  const { valid, totals, uncounted } = openCount(context, attendance, ballots, rules);
  if (uncounted) return uncounted;

  const votes = valid.filter((ballot) => ballot.marks[holder] === 'for').length;
  const base = majorityBaseCount(rules.majorityBase, attendance, valid.length);
  return Tally.parse({
    status: 'valid',
    ...totals,
    counts: { [holder]: votes },
    elected: hasMajority(votes, base) ? [holder] : [],
    next: 'advance',
  });
};

export interface FollowUpRound {
  candidates: string[];
  seats: number;
}

/**
 * The round that follows a tally by itself or by the organizers' order to vote again, or null
 * when nothing follows: void / no-quorum ⇒ the same round again; a tie ⇒ among the tied for the
 * seats still open; a shortfall ⇒ 另行选举 among the candidates not elected for the missing seats.
 * Works for any round kind whose tally uses `tied` / `shortfall` as SPEC §9 describes.
 */
export const followUpRound = (
  round: { candidates: readonly string[]; seats: number },
  tally: Pick<Tally, 'status' | 'elected' | 'tied' | 'shortfall'>,
): FollowUpRound | null => {
  if (tally.status !== 'valid') return { candidates: [...round.candidates], seats: round.seats };
  if (tally.tied && tally.tied.length > 0) {
    return { candidates: [...tally.tied], seats: round.seats - tally.elected.length };
  }
  if (tally.shortfall) {
    const elected = new Set(tally.elected);
    return {
      candidates: round.candidates.filter((id) => !elected.has(id)),
      seats: tally.shortfall,
    };
  }
  return null;
};
