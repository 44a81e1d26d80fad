// Proves yuyang's employee satisfaction evaluation (员工满意度测评, SPEC §3 and §9 Presets; 第三篇
// "民主评"): void when more ballots come back than were issued, no quorum when fewer than 50% of
// the non-party employees take part, and a nominee passing only with 满意 votes more than half of
// the ballots cast (exactly half fails; 基本满意 counts only when the rules say so).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvaluationBallot, Rating } from '../../../shared/rules/ballots-schema.ts';
import {
  type EvaluationAttendance,
  tallyEvaluation,
} from '../../../shared/rules/evaluation-tally.ts';
import { PRESETS, resolveRules } from '../../../shared/rules/presets.ts';
import { zodIssues } from './fixtures.ts';

const yuyang = PRESETS.yuyang;

/** `expected` non-party employees; ballots issued to those present. */
const employees = (
  expected: number,
  present: number,
  ballotsIssued = present,
): EvaluationAttendance => ({
  constituencies: [{ id: 'employees', expected, present, ballotsIssued }],
});

/** `n` ballots rating every nominee as given. */
const rated = (n: number, ratings: Record<string, Rating>, prefix = 'e'): EvaluationBallot[] =>
  Array.from({ length: n }, (_, i) => ({ serial: `${prefix}${i + 1}`, ratings: { ...ratings } }));

const NOMINEES = ['A', 'B', 'C'];

describe('evaluation tally: validity of the round', () => {
  it('returned ballots over those issued void the evaluation', () => {
    const tally = tallyEvaluation(yuyang, {
      candidates: NOMINEES,
      attendance: employees(40, 30, 30),
      ballots: rated(31, { A: 'satisfied' }),
    });
    expect(tally).toMatchObject({ status: 'void', next: 'revote', elected: [], counts: {} });
  });

  it('fewer than half of the non-party employees taking part is no quorum; exactly half is enough', () => {
    const tally = (returned: number) =>
      tallyEvaluation(yuyang, {
        candidates: NOMINEES,
        attendance: employees(40, 40),
        ballots: rated(returned, { A: 'satisfied' }),
      });
    expect(tally(19)).toMatchObject({ status: 'no-quorum', next: 'revote', elected: [] });
    expect(tally(20)).toMatchObject({ status: 'valid', next: 'advance', elected: ['A'] });
  });

  it('participation counts ballots returned, not employees present', () => {
    const tally = tallyEvaluation(yuyang, {
      candidates: NOMINEES,
      attendance: employees(40, 30),
      ballots: rated(15, { A: 'satisfied' }),
    });
    expect(tally.status).toBe('no-quorum');
  });
});

describe('evaluation tally: who passes', () => {
  it('a nominee passes with 满意 votes more than half of the ballots returned; exactly half is eliminated', () => {
    const tally = tallyEvaluation(yuyang, {
      candidates: NOMINEES,
      attendance: employees(40, 40),
      ballots: [
        ...rated(10, { A: 'satisfied', B: 'satisfied', C: 'satisfied' }, 'x'),
        ...rated(1, { A: 'satisfied', B: 'unsatisfied', C: 'basically' }, 'y'),
        ...rated(9, { A: 'unsatisfied', B: 'basically', C: 'unsatisfied' }, 'z'),
      ],
    });
    // 20 ballots: A 11 > 10 passes; B 10 = half fails; C 10 (基本满意 does not count) fails.
    expect(tally.counts).toEqual({ A: 11, B: 10, C: 10 });
    expect(tally).toMatchObject({ status: 'valid', elected: ['A'], next: 'advance' });
    expect(tally.rates?.A).toBe(11 / 20);
  });

  it('基本满意 counts with 满意 only when the rules say so', () => {
    const rules = resolveRules('yuyang', { evaluation: { basicallyCounts: true } });
    const input = {
      candidates: NOMINEES,
      attendance: employees(40, 40),
      ballots: [
        ...rated(6, { A: 'satisfied', B: 'basically' }, 'x'),
        ...rated(6, { A: 'basically', B: 'unsatisfied' }, 'y'),
        ...rated(8, { A: 'unsatisfied', B: 'basically' }, 'z'),
      ],
    };
    expect(tallyEvaluation(yuyang, input).elected).toEqual([]);
    const counted = tallyEvaluation(rules, input);
    expect(counted.counts).toEqual({ A: 12, B: 14, C: 0 });
    expect(counted.elected).toEqual(['A', 'B']);
  });

  it('invalid ballots count among the ballots cast but give no votes', () => {
    const tally = tallyEvaluation(yuyang, {
      candidates: NOMINEES,
      attendance: employees(40, 40),
      ballots: [
        ...rated(11, { A: 'satisfied' }, 'x'),
        ...rated(10, { A: 'satisfied', Z: 'satisfied' }, 'y'), // Z is no nominee: invalid
      ],
    });
    expect(tally).toMatchObject({ returned: 21, valid: 11, invalid: 10 });
    expect(tally.counts.A).toBe(11);
    expect(tally.elected).toEqual(['A']); // 11 > 21 / 2
  });

  it('a nominee left unrated on a ballot gets no satisfaction vote from it', () => {
    const tally = tallyEvaluation(yuyang, {
      candidates: NOMINEES,
      attendance: employees(40, 40),
      ballots: [
        ...rated(10, { A: 'satisfied', B: 'satisfied' }, 'x'),
        ...rated(10, { A: 'satisfied' }, 'y'),
      ],
    });
    expect(tally).toMatchObject({ valid: 20, counts: { A: 20, B: 10, C: 0 }, elected: ['A'] });
  });
});

describe('evaluation tally: malformed input', () => {
  const good = {
    candidates: NOMINEES,
    attendance: employees(40, 40),
    ballots: rated(20, { A: 'satisfied' }),
  };
  const pathOf = (input: unknown) =>
    zodIssues(() => tallyEvaluation(yuyang, input as typeof good))[0]?.path;

  it('is rejected by zod with the path of the bad field', () => {
    expect(
      pathOf({
        ...good,
        attendance: {
          constituencies: [{ id: 'members', expected: 40, present: 40, ballotsIssued: 40 }],
        },
      }),
    ).toEqual(['attendance', 'constituencies', 0, 'id']);
    expect(pathOf({ ...good, attendance: employees(0, 0) })).toEqual([
      'attendance',
      'constituencies',
      0,
      'expected',
    ]);
    expect(pathOf({ ...good, ballots: [{ serial: 's', ratings: { A: 'good' } }] })).toEqual([
      'ballots',
      0,
      'ratings',
      'A',
    ]);
    expect(pathOf({ ...good, candidates: [] })).toEqual(['candidates']);
  });

  it('rules without the evaluation settings are rejected with the field’s name', () => {
    expect(() =>
      tallyEvaluation({ evaluation: { basicallyCounts: false } } as never, good),
    ).toThrow(/participation/);
  });
});

describe('evaluation tally: properties', () => {
  const ratingArb = fc.constantFrom<Rating>('satisfied', 'basically', 'unsatisfied');
  const ballotArb = fc.dictionary(fc.constantFrom('A', 'B', 'C', 'Z'), ratingArb, { maxKeys: 4 });
  const roundArb = fc
    .record({
      raw: fc.array(ballotArb, { maxLength: 60 }),
      spare: fc.nat({ max: 10 }),
      basically: fc.boolean(),
    })
    .map(({ raw, spare, basically }) => ({
      rules: {
        evaluation: { basicallyCounts: basically, participation: { numerator: 1, denominator: 2 } },
      },
      input: {
        candidates: NOMINEES,
        attendance: employees(raw.length + spare + 1, raw.length, raw.length),
        ballots: raw.map((ratings, i) => ({ serial: `s${i}`, ratings })),
      },
    }));

  it('the tally does not depend on the order the ballots were entered', () => {
    fc.assert(
      fc.property(
        roundArb.chain(({ rules, input }) =>
          fc
            .shuffledSubarray(input.ballots, {
              minLength: input.ballots.length,
              maxLength: input.ballots.length,
            })
            .map((ballots) => ({ rules, input, shuffled: { ...input, ballots } })),
        ),
        ({ rules, input, shuffled }) => {
          expect(tallyEvaluation(rules, shuffled)).toEqual(tallyEvaluation(rules, input));
        },
      ),
    );
  });

  it('a nominee passes exactly when the counted votes are more than half of the ballots returned', () => {
    fc.assert(
      fc.property(roundArb, ({ rules, input }) => {
        const tally = tallyEvaluation(rules, input);
        if (tally.status !== 'valid') return;
        for (const nominee of NOMINEES) {
          const votes = tally.counts[nominee] ?? 0;
          expect(votes).toBeLessThanOrEqual(tally.valid);
          expect(tally.elected.includes(nominee)).toBe(2 * votes > tally.returned);
          expect(tally.rates?.[nominee]).toBeGreaterThanOrEqual(0);
          expect(tally.rates?.[nominee]).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
