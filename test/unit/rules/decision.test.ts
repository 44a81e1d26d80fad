// Proves the organizers' decision after a repeated tie or shortfall (SPEC §2.5, §2.9, §9): it is
// accepted only while one is pending, a selection takes exactly the open seats from among the
// tied (and, in an election, only someone with a majority), reduced seats are fewer than now but
// not fewer than already elected, a reason is always recorded — and what follows is returned.
import { describe, expect, it } from 'vitest';
import { applyDecision, type DecisionContext } from '../../../shared/rules/decision.ts';
import { tallyElection } from '../../../shared/rules/election-tally.ts';
import { PRESETS } from '../../../shared/rules/presets.ts';
import type { Tally } from '../../../shared/rules/tally.ts';
import { ballots, brokenRules, everyone, zodPaths } from './fixtures.ts';

const rules = PRESETS.community;

/** An election round after its automatic re-vote, everyone present, counted as cast. */
const afterRevote = (
  office: 'secretary' | 'member',
  candidates: string[],
  seats: number,
  cast: ReturnType<typeof ballots>,
): DecisionContext => {
  const round = { kind: 'election' as const, office, candidates, seats };
  const attendance = everyone(cast.length);
  const tally = tallyElection({ round, attendance, ballots: cast, rules, revotesSoFar: 1 });
  return { round, tally, attendance, rules };
};

/** A committee round after its automatic re-vote: a 8, then b and c level at 6 for one seat. */
const committeeTie = () =>
  afterRevote(
    'member',
    ['a', 'b', 'c'],
    2,
    ballots([4, { a: 'for', b: 'for' }], [4, { a: 'for', c: 'for' }], [2, { b: 'for', c: 'for' }]),
  );

/** A committee round where only a passed the threshold, re-votes used up. */
const committeeShortfall = () =>
  afterRevote(
    'member',
    ['a', 'b', 'c', 'd'],
    3,
    ballots([6, { a: 'for', b: 'for' }], [5, { a: 'for', c: 'for' }], [2, { d: 'for' }]),
  );

/** 社区三党支部 at the second 11–11: the secretary's tie goes to the organizers. */
const secretaryTie = () =>
  afterRevote(
    'secretary',
    ['zhang', 'li'],
    1,
    ballots([11, { zhang: 'for' }], [11, { li: 'for' }]),
  );

describe('the fixtures are what they claim', () => {
  it('each waits for the organizers', () => {
    expect(committeeTie().tally).toMatchObject({
      elected: ['a'],
      tied: ['b', 'c'],
      next: 'organizer-decision',
    });
    expect(committeeShortfall().tally).toMatchObject({
      elected: ['a'],
      shortfall: 2,
      next: 'organizer-decision',
    });
    expect(secretaryTie().tally).toMatchObject({
      elected: [],
      tied: ['zhang', 'li'],
      next: 'organizer-decision',
    });
  });
});

describe('select', () => {
  it('exactly the open seats, from among the tied, elects them after those safely above', () => {
    const result = applyDecision(committeeTie(), {
      choice: 'select',
      memberIds: ['c'],
      reason: '考察结果更优',
    });
    expect(result).toEqual({ ok: true, value: { choice: 'select', elected: ['a', 'c'] } });
  });

  it.each([
    ['the wrong number of people is refused', committeeTie, ['b', 'c'], '都很好', 'select-count'],
    ['someone who is not among the tied is refused', committeeTie, ['a'], '…', 'select-not-tied'],
    [
      'a shortfall cannot be filled by selection: never a seat for someone below the threshold',
      committeeShortfall,
      ['b', 'c'],
      '…',
      'select-without-tie',
    ],
    [
      'a secretary tied at exactly half cannot be selected: the winner needs a majority',
      secretaryTie,
      ['zhang'],
      '资历更深',
      'select-below-threshold',
    ],
  ] as const)('%s', (_name, context, memberIds, reason, rule) => {
    const result = applyDecision(context(), {
      choice: 'select',
      memberIds: [...memberIds],
      reason,
    });
    expect(brokenRules(result)).toEqual([rule]);
  });

  it('naming the same person twice is refused', () => {
    const context = committeeTie();
    const wide = { ...context, round: { ...context.round, seats: 3 } };
    expect(
      brokenRules(applyDecision(wide, { choice: 'select', memberIds: ['b', 'b'], reason: '…' })),
    ).toEqual(['select-duplicate']);
  });

  it('in a recommendation round (no majority rule) the organizers may pick among the tied', () => {
    const tally: Tally = {
      status: 'valid',
      issued: 200,
      returned: 200,
      valid: 200,
      invalid: 0,
      counts: { a: 90, b: 50, c: 30, d: 30 },
      elected: ['a', 'b'],
      tied: ['c', 'd'],
      next: 'organizer-decision',
    };
    const round = { kind: 'recommendation' as const, candidates: ['a', 'b', 'c', 'd'], seats: 3 };
    const result = applyDecision(
      { round, tally },
      { choice: 'select', memberIds: ['d'], reason: '领导小组决定' },
    );
    expect(result).toEqual({ ok: true, value: { choice: 'select', elected: ['a', 'b', 'd'] } });
  });
});

describe('revote', () => {
  it('a tie: one more round among the tied for the open seats', () => {
    expect(applyDecision(committeeTie(), { choice: 'revote', reason: '再投一次' })).toEqual({
      ok: true,
      value: { choice: 'revote', round: { candidates: ['b', 'c'], seats: 1 } },
    });
  });

  it('a shortfall: 另行选举 among those not elected for the missing seats', () => {
    expect(applyDecision(committeeShortfall(), { choice: 'revote', reason: '另行选举' })).toEqual({
      ok: true,
      value: { choice: 'revote', round: { candidates: ['b', 'c', 'd'], seats: 2 } },
    });
  });

  it('the secretary: one more round between the tied', () => {
    expect(applyDecision(secretaryTie(), { choice: 'revote', reason: '重新投票' })).toEqual({
      ok: true,
      value: { choice: 'revote', round: { candidates: ['zhang', 'li'], seats: 1 } },
    });
  });
});

describe('reduce-seats', () => {
  /** The organizers reduce the round's seats to `seats`, with a reason. */
  const reduceTo = (context: DecisionContext, seats: number, reason = '…') =>
    applyDecision(context, { choice: 'reduce-seats', seats, reason });

  it('down to those already elected: the round is settled', () => {
    expect(reduceTo(committeeShortfall(), 1, '减少职数')).toEqual({
      ok: true,
      value: { choice: 'reduce-seats', seats: 1, elected: ['a'], round: null },
    });
  });

  it('to fewer seats than now but more than elected: a further round for the rest', () => {
    expect(reduceTo(committeeShortfall(), 2, '减少一名')).toEqual({
      ok: true,
      value: {
        choice: 'reduce-seats',
        seats: 2,
        elected: ['a'],
        round: { candidates: ['b', 'c', 'd'], seats: 1 },
      },
    });
  });

  it('not fewer than now is refused', () => {
    const result = reduceTo(committeeShortfall(), 3);
    expect(brokenRules(result)).toEqual(['seats-not-fewer']);
  });

  it('fewer than already elected is refused', () => {
    const result = reduceTo(committeeShortfall(), 0);
    expect(brokenRules(result)).toEqual(['seats-below-elected']);
  });

  it("the secretary's one seat cannot be reduced", () => {
    const result = reduceTo(secretaryTie(), 0);
    expect(brokenRules(result)).toEqual(['reduce-seats-not-allowed']);
  });
});

describe('every decision', () => {
  it('needs a non-blank reason', () => {
    const result = applyDecision(committeeTie(), { choice: 'revote', reason: '   ' });
    expect(brokenRules(result)).toEqual(['reason-required']);
  });

  it('reports every broken rule at once', () => {
    const result = applyDecision(committeeTie(), {
      choice: 'select',
      memberIds: ['a', 'z'],
      reason: '',
    });
    expect(brokenRules(result)).toEqual(['reason-required', 'select-count', 'select-not-tied']);
  });

  it('is a conflict when the round waits for no decision', () => {
    const context = committeeTie();
    const automatic = { ...context, tally: { ...context.tally, next: 'revote' as const } };
    const result = applyDecision(automatic, { choice: 'revote', reason: '…' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.violations).toEqual([
        expect.objectContaining({ rule: 'no-decision-pending', conflict: true }),
      ]);
  });
});

describe('malformed input is refused by zod, naming the field', () => {
  it('select without memberIds, reduce-seats without seats', () => {
    expect(
      zodPaths(() => applyDecision(committeeTie(), { choice: 'select', reason: 'x' })),
    ).toEqual(['memberIds']);
    expect(
      zodPaths(() => applyDecision(committeeTie(), { choice: 'reduce-seats', reason: 'x' })),
    ).toEqual(['seats']);
  });

  it('fields that do not go with the choice, an unknown choice, a missing reason', () => {
    expect(
      zodPaths(() => applyDecision(committeeTie(), { choice: 'revote', seats: 1, reason: 'x' })),
    ).toEqual(['seats']);
    expect(
      zodPaths(() => applyDecision(committeeTie(), { choice: 'draw-lots', reason: 'x' } as never)),
    ).toEqual(['choice']);
    expect(zodPaths(() => applyDecision(committeeTie(), { choice: 'revote' } as never))).toEqual([
      'reason',
    ]);
  });

  it('an election round without the attendance and rules its majority is counted on', () => {
    const { attendance: _a, rules: _r, ...context } = committeeTie();
    expect(zodPaths(() => applyDecision(context, { choice: 'revote', reason: 'x' }))).toEqual([
      'attendance',
      'rules',
    ]);
  });

  it('a tally that is not a Tally', () => {
    const context = committeeTie();
    const bad = { ...context, tally: { ...context.tally, next: 'later' } } as never;
    expect(zodPaths(() => applyDecision(bad, { choice: 'revote', reason: 'x' }))).toEqual([
      'tally.next',
    ]);
  });
});
