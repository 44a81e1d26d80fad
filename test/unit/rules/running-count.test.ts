// Proves the 唱票 board's running count: each round kind's marks per candidate from the ballots
// stored so far (an unmarked candidate is 弃权; invalid ballots count for nobody; 基本满意 decides
// only when the rules say so), and — a property — that once every ballot is in, an election's
// votes equal the close's tally (tallyElection) for candidates and write-ins alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkElectionBallot } from '../../../shared/rules/ballots.ts';
import type { ElectionBallot } from '../../../shared/rules/ballots-schema.ts';
import { tallyElection } from '../../../shared/rules/election-tally.ts';
import { PRESETS } from '../../../shared/rules/presets.ts';
import { runningCount } from '../../../shared/rules/running-count.ts';

const WRITABLE: ReadonlySet<string> = new Set(['x', 'y']);

const stored = (content: Record<string, unknown>, valid = true) => ({ content, valid });

describe('the running count', () => {
  it('election: 赞成/不赞成/弃权 per candidate (unmarked is 弃权), write-ins sorted, invalid set apart', () => {
    const count = runningCount({ kind: 'election', candidates: ['a', 'b'] }, [
      stored({ marks: { a: 'for', b: 'against' }, writeIns: ['z'] }),
      stored({ marks: { a: 'against' } }),
      stored({ marks: { b: 'for' }, writeIns: ['y'] }),
      stored({ marks: { a: 'for', b: 'for' } }, false),
    ]);
    expect(count).toEqual({
      counted: 4,
      valid: 3,
      invalid: 1,
      candidates: [
        { memberId: 'a', votes: 1, marks: { for: 1, against: 1, abstain: 1 } },
        { memberId: 'b', votes: 1, marks: { for: 1, against: 1, abstain: 1 } },
      ],
      writeIns: [
        { memberId: 'y', votes: 1 },
        { memberId: 'z', votes: 1 },
      ],
    });
  });

  it('recommendation: the choices per candidate; evaluation: the ratings, 基本满意 deciding only when it counts', () => {
    const recommendation = runningCount({ kind: 'recommendation', candidates: ['a', 'b'] }, [
      stored({ constituency: 'u', choices: ['a'] }),
      stored({ constituency: 'r', choices: ['a', 'b'] }),
    ]);
    expect(recommendation.candidates.map((c) => c.votes)).toEqual([2, 1]);
    const ballots = [
      stored({ ratings: { a: 'satisfied' } }),
      stored({ ratings: { a: 'basically', b: 'unsatisfied' } }),
    ];
    const strict = runningCount({ kind: 'evaluation', candidates: ['a', 'b'] }, ballots);
    expect(strict.candidates[0]).toEqual({
      memberId: 'a',
      votes: 1,
      marks: { satisfied: 1, basically: 1, unsatisfied: 0 },
    });
    const lenient = runningCount({ kind: 'evaluation', candidates: ['a'] }, ballots, {
      basicallyCounts: true,
    });
    expect(lenient.candidates[0]?.votes).toBe(2);
    expect(lenient.writeIns).toEqual([]);
  });

  it('once every ballot is in, an election’s votes are the tally’s counts', () => {
    const candidates = ['a', 'b', 'c'];
    const mark = fc.constantFrom('for', 'against', 'abstain');
    const ballot = fc.record({
      marks: fc.record({ a: mark, b: mark, c: mark }, { requiredKeys: [] }),
      writeIns: fc.subarray(['x', 'y']),
    });
    fc.assert(
      fc.property(fc.array(ballot, { minLength: 1, maxLength: 30 }), (drawn) => {
        const ballots: ElectionBallot[] = drawn.map((b, i) => ({ serial: `s${i}`, ...b }));
        const round = {
          kind: 'election' as const,
          candidates,
          seats: 2,
          eligibleWriteIns: WRITABLE,
        };
        const count = runningCount(
          round,
          ballots.map((b) => ({ content: b, valid: checkElectionBallot(round, b).valid })),
        );
        const tally = tallyElection({
          round: { candidates, seats: 2 },
          attendance: { expected: ballots.length, present: ballots.length, issued: ballots.length },
          ballots,
          rules: PRESETS.community,
          revotesSoFar: 0,
          eligibleWriteIns: WRITABLE,
        });
        if (tally.status !== 'valid') return;
        const votes = Object.fromEntries(
          [...count.candidates, ...count.writeIns].map((c) => [c.memberId, c.votes]),
        );
        expect(votes).toEqual(tally.counts);
      }),
    );
  });
});
