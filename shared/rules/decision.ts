import * as z from 'zod';
import { RoundKind } from './ballots-schema.ts';
import { isDistinct } from './distinct.ts';
import {
  ElectionAttendance,
  type FollowUpRound,
  followUpRound,
  majorityBaseCount,
} from './election-tally.ts';
import { hasMajority } from './entitlement.ts';
import { MemberId, Office } from './members.ts';
import { MajorityBase } from './rules.ts';
import { Tally } from './tally.ts';
import { broken, type Checked, ok, type Violation } from './violations.ts';

/**
 * The organizers' recorded decision after a repeated tie or a shortfall the automatic re-votes
 * did not settle (SPEC §2.5, §2.9, §9; 第四篇: 是否再次推荐由领导小组决定): pick among the
 * tied, order one more re-vote, or reduce the seats. Never a seat for someone without the
 * majority an election needs.
 */

export const DecisionChoice = z.enum(['select', 'revote', 'reduce-seats']);
export type DecisionChoice = z.infer<typeof DecisionChoice>;

/** `POST …/rounds/{roundId}/decision`. A blank reason is a rule break (422), not a shape error. */
export const OrganizerDecision = z
  .strictObject({
    choice: DecisionChoice,
    /** select: who takes the open seats. */
    memberIds: z.array(MemberId).min(1).max(100).optional(),
    /** reduce-seats: the seats this round now fills. */
    seats: z.int().min(0).optional(),
    reason: z.string().max(2000),
  })
  .superRefine((decision, ctx) => {
    const needs = (field: 'memberIds' | 'seats', choice: DecisionChoice) => {
      const present = decision[field] !== undefined;
      if (decision.choice === choice && !present) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `required when choice is ${choice}`,
        });
      }
      if (decision.choice !== choice && present) {
        ctx.addIssue({ code: 'custom', path: [field], message: `only with choice ${choice}` });
      }
    };
    needs('memberIds', 'select');
    needs('seats', 'reduce-seats');
  });
export type OrganizerDecision = z.infer<typeof OrganizerDecision>;

/** The round the decision is about, its tally, and for elections what the majority is counted on. */
export const DecisionContext = z
  .strictObject({
    // A stored round may be passed whole: its other fields are ignored.
    round: z.object({
      kind: RoundKind,
      office: Office.optional(),
      candidates: z.array(MemberId).min(1),
      /** Places this round fills: seats (election), or how many go on (recommendation). */
      seats: z.int().min(1),
    }),
    tally: Tally,
    attendance: ElectionAttendance.optional(),
    rules: z.object({ majorityBase: MajorityBase }).optional(),
  })
  .superRefine((context, ctx) => {
    if (context.round.kind !== 'election') return;
    for (const field of ['attendance', 'rules'] as const) {
      if (context[field] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'required for an election round (a selection must have a majority)',
        });
      }
    }
  });
export type DecisionContext = z.input<typeof DecisionContext>;

export type DecisionOutcome =
  /** `elected`: everyone this round elects, those safely above first. */
  | { choice: 'select'; elected: string[] }
  | { choice: 'revote'; round: FollowUpRound }
  /** `round`: a further round when the reduced seats are still not all filled. */
  | { choice: 'reduce-seats'; seats: number; elected: string[]; round: FollowUpRound | null };

type Parsed = z.infer<typeof DecisionContext>;

const checkSelection = (context: Parsed, memberIds: string[]): Violation[] => {
  const { round, tally } = context;
  const tied = tally.tied ?? [];
  if (tied.length === 0) {
    return [
      {
        rule: 'select-without-tie',
        message: '只有票数相同时才能由领导小组确定人选;名额不足时不得以未过半数者补足',
      },
    ];
  }
  const violations: Violation[] = [];
  const open = round.seats - tally.elected.length;
  if (!isDistinct(memberIds)) {
    violations.push({ rule: 'select-duplicate', message: '确定的人选有重复' });
  }
  if (memberIds.length !== open) {
    violations.push({
      rule: 'select-count',
      message: `应确定 ${open} 名,实际确定 ${memberIds.length} 名`,
    });
  }
  const outsiders = memberIds.filter((id) => !tied.includes(id));
  if (outsiders.length > 0) {
    violations.push({
      rule: 'select-not-tied',
      message: `${outsiders.join('、')} 不在票数相同的人选之中`,
    });
  }
  if (round.kind === 'election' && context.attendance && context.rules) {
    const base = majorityBaseCount(context.rules.majorityBase, context.attendance, tally.valid);
    const short = memberIds.filter(
      (id) => tied.includes(id) && !hasMajority(tally.counts[id] ?? 0, base),
    );
    if (short.length > 0) {
      violations.push({
        rule: 'select-below-threshold',
        message: `${short.join('、')} 得票未超过半数,不能当选`,
      });
    }
  }
  return violations;
};

const checkReduction = (context: Parsed, seats: number): Violation[] => {
  const { round, tally } = context;
  if (round.kind !== 'election' || round.office === 'secretary') {
    return [{ rule: 'reduce-seats-not-allowed', message: '只有委员等职数可以减少' }];
  }
  const violations: Violation[] = [];
  if (seats >= round.seats) {
    violations.push({
      rule: 'seats-not-fewer',
      message: `减少后的名额 ${seats} 应少于现有的 ${round.seats} 名`,
    });
  }
  if (seats < tally.elected.length) {
    violations.push({
      rule: 'seats-below-elected',
      message: `减少后的名额 ${seats} 不能少于已当选的 ${tally.elected.length} 名`,
    });
  }
  return violations;
};

const violationsOf = (context: Parsed, decision: OrganizerDecision): Violation[] => {
  const reason: Violation[] =
    decision.reason.trim() === '' ? [{ rule: 'reason-required', message: '须写明决定的理由' }] : [];
  switch (decision.choice) {
    case 'select':
      return [...reason, ...checkSelection(context, decision.memberIds ?? [])];
    case 'reduce-seats':
      return [...reason, ...checkReduction(context, decision.seats ?? 0)];
    case 'revote':
      return reason;
  }
};

const outcomeOf = (context: Parsed, decision: OrganizerDecision): DecisionOutcome => {
  const { round, tally } = context;
  // A pending decision always has a tie or a shortfall, so a follow-up round exists.
  const next = followUpRound(round, tally) ?? {
    candidates: [...round.candidates],
    seats: round.seats,
  };
  switch (decision.choice) {
    case 'select':
      return { choice: 'select', elected: [...tally.elected, ...(decision.memberIds ?? [])] };
    case 'revote':
      return { choice: 'revote', round: next };
    case 'reduce-seats': {
      const seats = decision.seats ?? 0;
      const open = seats - tally.elected.length;
      return {
        choice: 'reduce-seats',
        seats,
        elected: [...tally.elected],
        round: open > 0 ? { candidates: next.candidates, seats: open } : null,
      };
    }
  }
};

/**
 * Checks the organizers' decision against the round and its tally and says what follows.
 * Malformed input throws a ZodError naming the field; a decision that breaks a rule gives
 * violations (a round with no decision pending is a conflict, HTTP 409).
 */
export const applyDecision = (
  context: DecisionContext,
  decision: z.input<typeof OrganizerDecision>,
): Checked<DecisionOutcome> => {
  const parsedContext = DecisionContext.parse(context);
  const parsedDecision = OrganizerDecision.parse(decision);
  if (parsedContext.tally.next !== 'organizer-decision') {
    return broken([
      { rule: 'no-decision-pending', message: '本轮没有待领导小组决定的事项', conflict: true },
    ]);
  }
  const violations = violationsOf(parsedContext, parsedDecision);
  return violations.length > 0 ? broken(violations) : ok(outcomeOf(parsedContext, parsedDecision));
};
