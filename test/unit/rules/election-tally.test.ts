// Proves the tally of an election round and of a recall vote (SPEC §2.8–9, §9): void before
// quorum, invalid ballots set apart, more than half of the majority base to be elected (exactly
// half is not enough), ties and shortfalls never settled silently, and the seeds' cases
// (社区三党支部 11–11 then a winner; 采煤一队 two ties then 5 to 3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { ElectionBallot } from '../../../shared/rules/ballots-schema.ts';
import {
  type ElectionTallyInput,
  followUpRound,
  majorityBaseCount,
  tallyElection,
  tallyRecall,
} from '../../../shared/rules/election-tally.ts';
import { hasMajority } from '../../../shared/rules/entitlement.ts';
import { PRESETS, resolveRules } from '../../../shared/rules/presets.ts';
import type { MajorityBase } from '../../../shared/rules/rules.ts';
import { ballots, everyone, zodPaths } from './fixtures.ts';

const secretaryRound = { candidates: ['zhang', 'li'], seats: 1 };

const input = (over: Partial<ElectionTallyInput> & Pick<ElectionTallyInput, 'ballots'>) => ({
  round: secretaryRound,
  attendance: everyone(over.ballots.length),
  rules: PRESETS.community,
  revotesSoFar: 0,
  ...over,
});

/** The round counted from these groups of ballots, everyone present. */
const countRound = (round: ElectionTallyInput['round'], ...cast: Parameters<typeof ballots>) =>
  tallyElection(input({ round, ballots: ballots(...cast) }));

describe('seed cases', () => {
  it('社区三党支部: 22 voters, two secretary candidates 11–11 ⇒ re-vote among the tied, then a winner', () => {
    const first = tallyElection(
      input({ ballots: ballots([11, { zhang: 'for' }], [11, { li: 'for' }]) }),
    );
    expect(first).toMatchObject({
      status: 'valid',
      elected: [],
      tied: ['zhang', 'li'],
      next: 'revote',
    });
    expect(first.counts).toEqual({ zhang: 11, li: 11 });

    const second = followUpRound(secretaryRound, first);
    expect(second).toEqual({ candidates: ['zhang', 'li'], seats: 1 });
    const again = tallyElection(
      input({
        round: second ?? secretaryRound,
        ballots: ballots([14, { zhang: 'for', li: 'against' }], [8, { li: 'for' }]),
        revotesSoFar: 1,
      }),
    );
    expect(again).toMatchObject({ status: 'valid', elected: ['zhang'], next: 'advance' });
    expect(again.tied).toBeUndefined();
  });

  it('采煤一队 (yuyang, 3 automatic re-votes): two ties in a row, then 5 votes to 3 elects the member', () => {
    const rules = PRESETS.yuyang;
    expect(rules.automaticRevotes).toBe(3);
    const round = { candidates: ['caojun', 'huangshuming'], seats: 1 };
    const tie = ballots([4, { caojun: 'for' }], [4, { huangshuming: 'for' }]);

    const first = tallyElection(input({ round, rules, ballots: tie, revotesSoFar: 0 }));
    expect(first).toMatchObject({ tied: ['caojun', 'huangshuming'], elected: [], next: 'revote' });
    const second = tallyElection(input({ round, rules, ballots: tie, revotesSoFar: 1 }));
    expect(second).toMatchObject({ tied: ['caojun', 'huangshuming'], next: 'revote' });

    const third = tallyElection(
      input({
        round,
        rules,
        ballots: ballots([5, { caojun: 'for' }], [3, { huangshuming: 'for' }]),
        revotesSoFar: 2,
      }),
    );
    expect(third).toMatchObject({ elected: ['caojun'], counts: { caojun: 5, huangshuming: 3 } });
    expect(third.next).toBe('advance');
  });

  it('under community (1 automatic re-vote) a second tie goes to the organizers', () => {
    const tie = ballots([4, { zhang: 'for' }], [4, { li: 'for' }]);
    expect(tallyElection(input({ ballots: tie, revotesSoFar: 1 })).next).toBe('organizer-decision');
  });
});

describe('majority: more than half of the base', () => {
  it('exactly half is not enough', () => {
    // 10 present: 5 is half, not more.
    const half = tallyElection(input({ ballots: ballots([5, { zhang: 'for' }], [5, {}]) }));
    expect(half.elected).toEqual([]);
    expect(half.shortfall).toBe(1);
    const more = tallyElection(input({ ballots: ballots([6, { zhang: 'for' }], [4, {}]) }));
    expect(more.elected).toEqual(['zhang']);
  });

  /** One secretary seat among zhang, li and wang, each voted for alone by so many. */
  const secretaryAmongThree = (zhang: number, li: number, wang: number) => {
    const round = { candidates: ['zhang', 'li', 'wang'], seats: 1 };
    const tally = countRound(
      round,
      [zhang, { zhang: 'for' }],
      [li, { li: 'for' }],
      [wang, { wang: 'for' }],
    );
    return { round, tally };
  };

  it('the secretary needs a majority AND the most 赞成; a unique top without majority ⇒ another round between the candidates', () => {
    const { round, tally } = secretaryAmongThree(9, 8, 5);
    expect(tally).toMatchObject({ elected: [], shortfall: 1, next: 'revote' });
    expect(tally.tied).toBeUndefined();
    expect(followUpRound(round, tally)).toEqual({ candidates: ['zhang', 'li', 'wang'], seats: 1 });
  });

  it('a tie for first among three, nobody with a majority ⇒ re-vote among the tied only', () => {
    const { round, tally } = secretaryAmongThree(10, 10, 2);
    expect(tally).toMatchObject({ elected: [], tied: ['zhang', 'li'] });
    expect(followUpRound(round, tally)).toEqual({ candidates: ['zhang', 'li'], seats: 1 });
  });

  it.each<[MajorityBase, number]>([
    ['present', 20],
    ['expected', 24],
    ['valid-ballots', 16],
  ])('majorityBase %s counts against %i', (base, denominator) => {
    // 24 expected, 20 present, 20 returned of which 4 invalid (3 赞成 for 1 seat).
    const rules = resolveRules('community', { majorityBase: base });
    const attendance = { expected: 24, present: 20, issued: 20 };
    const round = { candidates: ['zhang', 'li', 'wang'], seats: 1 };
    const votes = Math.floor(denominator / 2) + 1;
    const cast = ballots(
      [votes, { zhang: 'for' }],
      [16 - votes, {}],
      [4, { zhang: 'for', li: 'for', wang: 'for' }],
    );
    expect(majorityBaseCount(base, attendance, 16)).toBe(denominator);
    const elected = tallyElection(input({ round, rules, attendance, ballots: cast }));
    expect(elected.elected).toEqual(['zhang']);

    const short = ballots(
      [votes - 1, { zhang: 'for' }],
      [17 - votes, {}],
      [4, { zhang: 'for', li: 'for', wang: 'for' }],
    );
    const notElected = tallyElection(input({ round, rules, attendance, ballots: short }));
    expect(notElected.elected).toEqual([]);
  });
});

describe('void and quorum', () => {
  it('ballots returned > issued ⇒ void, vote again, nobody elected', () => {
    const tally = tallyElection(
      input({
        attendance: { expected: 10, present: 10, issued: 9 },
        ballots: ballots([10, { zhang: 'for' }]),
      }),
    );
    expect(tally).toMatchObject({
      status: 'void',
      issued: 9,
      returned: 10,
      elected: [],
      next: 'revote',
    });
    expect(tally.counts).toEqual({});
    expect(tally.reason).toMatch(/returned-exceeds-issued/);
  });

  it('void comes before the quorum', () => {
    const tally = tallyElection(
      input({ attendance: { expected: 100, present: 10, issued: 9 }, ballots: ballots([10, {}]) }),
    );
    expect(tally.status).toBe('void');
  });

  it('returned = issued is valid', () => {
    expect(tallyElection(input({ ballots: ballots([10, { zhang: 'for' }]) })).status).toBe('valid');
  });

  it('community: 4/5 of 应到会 casting a ballot is enough (inclusive) — 20 of 25 valid, 19 not', () => {
    const rules = PRESETS.community;
    const attendance = { expected: 25, present: 25, issued: 25 };
    const enough = tallyElection(
      input({ rules, attendance, ballots: ballots([20, { zhang: 'for' }]) }),
    );
    expect(enough).toMatchObject({ status: 'valid', elected: ['zhang'] });
    const short = tallyElection(
      input({ rules, attendance, ballots: ballots([19, { zhang: 'for' }]) }),
    );
    expect(short).toMatchObject({ status: 'no-quorum', elected: [], counts: {}, next: 'revote' });
    expect(short.reason).toMatch(/no-quorum/);
  });

  it('regulation: more than 4/5 of 应到会 present — 20 of 25 is not enough, 21 is', () => {
    const rules = resolveRules('regulation');
    const at20 = tallyElection(
      input({
        rules,
        attendance: { expected: 25, present: 20, issued: 20 },
        ballots: ballots([20, { zhang: 'for' }]),
      }),
    );
    expect(at20.status).toBe('no-quorum');
    const at21 = tallyElection(
      input({
        rules,
        attendance: { expected: 25, present: 21, issued: 21 },
        ballots: ballots([20, { zhang: 'for' }]),
      }),
    );
    expect(at21).toMatchObject({ status: 'valid', elected: ['zhang'] });
  });
});

describe('counting', () => {
  const committee = { candidates: ['a', 'b', 'c'], seats: 2 };

  it('invalid ballots are counted apart and still count as returned', () => {
    const tally = tallyElection(
      input({
        round: committee,
        ballots: ballots(
          [6, { a: 'for', b: 'for' }],
          [2, { a: 'for', b: 'for', c: 'for' }],
          [2, { z: 'for' }],
        ),
      }),
    );
    expect(tally).toMatchObject({
      returned: 10,
      valid: 6,
      invalid: 4,
      counts: { a: 6, b: 6, c: 0 },
    });
    expect(tally.elected).toEqual(['a', 'b']);
  });

  it('write-ins (另选他人) are counted and can be elected', () => {
    const tally = tallyElection(
      input({
        round: committee,
        eligibleWriteIns: new Set(['w']),
        ballots: ballots([7, { a: 'for', c: 'against' }, ['w']], [3, { b: 'for' }]),
      }),
    );
    expect(tally.counts).toEqual({ a: 7, b: 3, c: 0, w: 7 });
    expect(tally.elected).toEqual(['a', 'w']);
    expect(tally.next).toBe('advance');
  });

  it('a write-in nobody declared eligible makes the ballot invalid and is not counted', () => {
    const tally = tallyElection(
      input({
        round: committee,
        ballots: ballots([7, { a: 'for', c: 'against' }, ['w']], [3, { b: 'for' }]),
      }),
    );
    expect(tally.counts).toEqual({ a: 0, b: 3, c: 0 });
    expect(tally.invalid).toBe(7);
  });

  it('SPEC §2.9: a write-in of someone already elected cannot take the seat — that mark counts for nobody, the ballot’s other marks stand, voidWriteIns says how many', () => {
    // The new secretary s, written in at the committee vote by 7 of 10: without the rule s would
    // take the second seat and the committee would have one member.
    const tally = tallyElection(
      input({
        round: committee,
        eligibleWriteIns: new Set(['s', 'w']),
        alreadyElected: ['s'],
        ballots: ballots(
          [7, { a: 'for', c: 'against' }, ['s']],
          [2, { b: 'for', c: 'against' }, ['w']],
          [1, { b: 'for' }],
        ),
      }),
    );
    expect(tally).toMatchObject({ status: 'valid', valid: 10, invalid: 0, voidWriteIns: 7 });
    expect(tally.counts).toEqual({ a: 7, b: 3, c: 0, w: 2 });
    expect(tally.elected).toEqual(['a']);
    expect(tally).toMatchObject({ shortfall: 1, next: 'revote' });
  });

  it('SPEC §2.9: a further round does not give an elected member a second seat', () => {
    // Round 1 elected a; the further round for the second seat is among b and c.
    const further = { candidates: ['b', 'c'], seats: 1 };
    const tally = tallyElection(
      input({
        round: further,
        eligibleWriteIns: new Set(['a']),
        alreadyElected: ['a'],
        ballots: ballots([6, { b: 'against' }, ['a']], [4, { b: 'for' }]),
      }),
    );
    expect(tally.counts).toEqual({ b: 4, c: 0 });
    expect(tally).toMatchObject({ elected: [], voidWriteIns: 6, shortfall: 1 });
    // Nobody written in on a tally without voided marks: the field is absent.
    expect(
      tallyElection(input({ round: further, ballots: ballots([6, { b: 'for' }]) })),
    ).not.toHaveProperty('voidWriteIns');
  });

  it('those above the threshold are elected in order of votes up to the seats', () => {
    const round = { candidates: ['a', 'b', 'c', 'd'], seats: 2 };
    const tally = countRound(
      round,
      [6, { c: 'for', b: 'for' }],
      [3, { b: 'for', a: 'for' }],
      [1, { d: 'for' }],
    );
    expect(tally.counts).toEqual({ a: 3, b: 9, c: 6, d: 1 });
    expect(tally.elected).toEqual(['b', 'c']);
  });

  // Either way one seat stays open, and the further round is among those not elected.
  it.each([
    {
      rule: 'a tie at the last seat among those above the threshold ⇒ only those safely above are elected, the tied re-vote',
      // 10 present: a 8, b 6, c 6 — all above 5, b and c level for the last seat.
      cast: [
        [4, { a: 'for', b: 'for' }],
        [4, { a: 'for', c: 'for' }],
        [2, { b: 'for', c: 'for' }],
      ],
      counts: { a: 8, b: 6, c: 6 },
      outcome: { elected: ['a'], tied: ['b', 'c'], next: 'revote' },
      tied: ['b', 'c'],
    },
    {
      rule: 'too few above the threshold ⇒ a further round (另行选举) for the remaining seats among those not elected',
      // 13 present: 6 is below 6.5.
      cast: [
        [6, { a: 'for', b: 'for' }],
        [6, { a: 'for', c: 'for' }],
        [1, {}],
      ],
      counts: { a: 12, b: 6, c: 6 },
      outcome: { elected: ['a'], shortfall: 1, next: 'revote' },
      tied: undefined,
    },
  ] as {
    rule: string;
    cast: Parameters<typeof ballots>;
    counts: Record<string, number>;
    outcome: object;
    tied?: string[];
  }[])('$rule', ({ cast, counts, outcome, tied }) => {
    const round = { candidates: ['a', 'b', 'c'], seats: 2 };
    const tally = countRound(round, ...cast);
    expect(tally.counts).toEqual(counts);
    expect(tally).toMatchObject(outcome);
    expect(tally.tied).toEqual(tied);
    expect(followUpRound(round, tally)).toEqual({ candidates: ['b', 'c'], seats: 1 });
  });

  it('a shortfall after the automatic re-votes goes to the organizers, never filled from below the threshold', () => {
    const round = { candidates: ['b', 'c'], seats: 1 };
    const tally = tallyElection(
      input({
        round,
        revotesSoFar: 1,
        ballots: ballots([5, { b: 'for' }], [3, { c: 'for' }], [4, {}]),
      }),
    );
    expect(tally).toMatchObject({ elected: [], shortfall: 1, next: 'organizer-decision' });
  });

  it('a void or no-quorum round is held again with the same candidates and seats', () => {
    const round = { candidates: ['a', 'b', 'c'], seats: 2 };
    const tally = tallyElection(
      input({
        round,
        attendance: { expected: 5, present: 5, issued: 4 },
        ballots: ballots([5, {}]),
      }),
    );
    expect(followUpRound(round, tally)).toEqual(round);
  });

  it('nothing follows a round that filled its seats', () => {
    const tally = tallyElection(
      input({ ballots: ballots([6, { zhang: 'for' }], [4, { li: 'for' }]) }),
    );
    expect(followUpRound(secretaryRound, tally)).toBeNull();
  });
});

describe('recall (罢免)', () => {
  const round = { candidates: ['holder'] as [string], seats: 1 as const };
  const recall = (cast: ElectionBallot[], attendance = everyone(cast.length)) =>
    tallyRecall({ round, attendance, ballots: cast, rules: PRESETS.community });

  it('more than half of those present voting for the recall carries it', () => {
    const tally = recall(ballots([6, { holder: 'for' }], [4, { holder: 'against' }]));
    expect(tally).toMatchObject({
      status: 'valid',
      counts: { holder: 6 },
      elected: ['holder'],
      next: 'advance',
    });
  });

  it('exactly half for the recall is not enough: the holder is retained', () => {
    const tally = recall(
      ballots([5, { holder: 'for' }], [3, { holder: 'against' }], [2, { holder: 'abstain' }]),
    );
    expect(tally).toMatchObject({ counts: { holder: 5 }, elected: [], next: 'advance' });
  });

  it('returned > issued ⇒ void; below the quorum ⇒ no-quorum; both vote again', () => {
    const cast = ballots([10, { holder: 'for' }]);
    expect(recall(cast, { expected: 10, present: 10, issued: 9 })).toMatchObject({
      status: 'void',
      next: 'revote',
    });
    expect(recall(cast, { expected: 13, present: 13, issued: 13 })).toMatchObject({
      status: 'no-quorum',
      elected: [],
      next: 'revote',
    });
  });

  it('a ballot with a write-in or marking someone else is invalid', () => {
    const tally = recall([
      ...ballots([6, { holder: 'for' }]),
      { serial: 'x1', marks: { holder: 'against' }, writeIns: ['w'] },
      { serial: 'x2', marks: { other: 'for' } },
    ]);
    expect(tally).toMatchObject({ returned: 8, valid: 6, invalid: 2, elected: ['holder'] });
  });

  it('a recall round names exactly one office holder', () => {
    expect(() =>
      tallyRecall({
        round: { candidates: ['a', 'b'] as never, seats: 1 },
        attendance: everyone(1),
        ballots: [],
        rules: PRESETS.community,
      }),
    ).toThrow(ZodError);
  });
});

describe('malformed input is refused by zod, naming the field', () => {
  it('negative or fractional attendance', () => {
    expect(
      zodPaths(() =>
        tallyElection(
          input({ ballots: [], attendance: { expected: 3, present: -1, issued: 2.5 } }),
        ),
      ),
    ).toEqual(['attendance.present', 'attendance.issued']);
  });

  it('a ballot with a bad mark, and a serial entered twice', () => {
    expect(
      zodPaths(() =>
        tallyElection(input({ ballots: [{ serial: '1', marks: { zhang: 'yes' } }] as never })),
      ),
    ).toEqual(['ballots.0.marks.zhang']);
    expect(
      zodPaths(() => tallyElection(input({ ballots: [...ballots([1, {}]), ...ballots([1, {}])] }))),
    ).toEqual(['ballots.1.serial']);
  });

  it('rules without a majority base, a round without seats, a negative re-vote count', () => {
    const { majorityBase: _, ...rules } = PRESETS.community;
    expect(zodPaths(() => tallyElection(input({ ballots: [], rules: rules as never })))).toEqual([
      'rules.majorityBase',
    ]);
    expect(
      zodPaths(() => tallyElection(input({ ballots: [], round: { candidates: ['a'], seats: 0 } }))),
    ).toEqual(['round.seats']);
    expect(zodPaths(() => tallyElection(input({ ballots: [], revotesSoFar: -1 })))).toEqual([
      'revotesSoFar',
    ]);
  });
});

describe('properties', () => {
  const CANDIDATES = ['c1', 'c2', 'c3', 'c4', 'c5'];
  const WRITE_INS = ['w1', 'w2'];
  const eligibleWriteIns = new Set(WRITE_INS);

  const mark = fc.constantFrom('for', 'against', 'abstain') as fc.Arbitrary<
    'for' | 'against' | 'abstain'
  >;

  const scenario = fc
    .record({
      candidateCount: fc.integer({ min: 1, max: 5 }),
      seats: fc.integer({ min: 1, max: 3 }),
      base: fc.constantFrom<MajorityBase>('present', 'expected', 'valid-ballots'),
      automaticRevotes: fc.integer({ min: 0, max: 3 }),
      revotesSoFar: fc.integer({ min: 0, max: 4 }),
    })
    .chain(({ candidateCount, seats, base, automaticRevotes, revotesSoFar }) => {
      const candidates = CANDIDATES.slice(0, candidateCount);
      // Mostly well-formed ballots: 赞成 within the seats, some 不赞成, now and then a write-in.
      const sensible = fc
        .record({
          forIds: fc.subarray(candidates, { maxLength: Math.min(seats, candidates.length) }),
          against: fc.subarray(candidates),
          writeIns: fc.option(fc.subarray([...WRITE_INS, 'x1', 'c1'], { maxLength: 1 }), {
            nil: undefined,
          }),
        })
        .map(({ forIds, against, writeIns }) => ({
          marks: Object.fromEntries([
            ...against.filter((id) => !forIds.includes(id)).map((id) => [id, 'against' as const]),
            ...forIds.map((id) => [id, 'for' as const]),
          ]),
          writeIns,
        }));
      // Anything the shape allows, unknown names and too many 赞成 included.
      const anything = fc.record({
        marks: fc.dictionary(fc.constantFrom(...candidates, 'zz'), mark, { maxKeys: 4 }),
        writeIns: fc.option(fc.subarray([...WRITE_INS, 'x1', 'c1']), { nil: undefined }),
      });
      const ballot = fc.oneof(
        { arbitrary: sensible, weight: 4 },
        { arbitrary: anything, weight: 1 },
      );
      // Few distinct ballots, each cast many times, make equal counts (ties) frequent.
      const cast = fc
        .array(fc.tuple(ballot, fc.integer({ min: 0, max: 8 })), { minLength: 1, maxLength: 4 })
        .map((kinds) => kinds.flatMap(([b, times]) => Array.from({ length: times }, () => b)));
      return fc.record({
        round: fc.constant({ candidates, seats }),
        rules: fc.constant(resolveRules('community', { majorityBase: base, automaticRevotes })),
        revotesSoFar: fc.constant(revotesSoFar),
        ballots: cast.map((all) =>
          all.map((b, i) => ({
            serial: `s${i}`,
            marks: b.marks,
            ...(b.writeIns ? { writeIns: b.writeIns } : {}),
          })),
        ),
        slack: fc.record({
          expected: fc.integer({ min: -3, max: 3 }),
          present: fc.integer({ min: -3, max: 3 }),
          issued: fc.integer({ min: -1, max: 4 }),
        }),
      });
    })
    .map(({ slack, ...rest }) => {
      const n = rest.ballots.length;
      // Issued ≤ present ≤ 应到会, as the attendance route admits (SPEC §2.8).
      const issued = Math.max(0, n + slack.issued);
      const present = Math.max(issued, n + slack.present);
      const attendance = { expected: Math.max(present, n + slack.expected), present, issued };
      return { ...rest, attendance, eligibleWriteIns };
    });

  /**
   * Ties above the threshold need structure: r + 1 candidates named in turn on ballots of r
   * (r ≥ 2) each get r/(r + 1) of the votes — above half, level, one too many for the seats.
   */
  const straddlingTie = fc
    .record({
      safe: fc.integer({ min: 0, max: 1 }),
      rounds: fc.integer({ min: 1, max: 5 }),
      blanks: fc.integer({ min: 0, max: 4 }),
      outsiders: fc.integer({ min: 0, max: 1 }),
      base: fc.constantFrom<MajorityBase>('present', 'expected', 'valid-ballots'),
      automaticRevotes: fc.integer({ min: 0, max: 3 }),
      revotesSoFar: fc.integer({ min: 0, max: 4 }),
    })
    .map(({ safe, rounds, blanks, outsiders, base, automaticRevotes, revotesSoFar }) => {
      const safeIds = CANDIDATES.slice(0, safe);
      const tiedIds = CANDIDATES.slice(safe, safe + 3);
      const candidates = CANDIDATES.slice(0, safe + 3 + outsiders);
      const marks = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'for' as const]));
      const rotation = tiedIds.map((left) =>
        marks([...safeIds, ...tiedIds.filter((id) => id !== left)]),
      );
      const cast = [
        ...Array.from({ length: rounds }, () => rotation).flat(),
        ...Array.from({ length: Math.min(blanks, rounds - 1) }, () => ({})),
      ].map((m, i) => ({ serial: `t${i}`, marks: m }));
      return {
        round: { candidates, seats: safe + 2 },
        rules: resolveRules('community', { majorityBase: base, automaticRevotes }),
        revotesSoFar,
        ballots: cast,
        attendance: everyone(cast.length),
        eligibleWriteIns,
      };
    });

  const anyRound = fc.oneof(scenario, straddlingTie);

  const baseOf = (
    s: { rules: { majorityBase: MajorityBase }; attendance: { expected: number; present: number } },
    valid: number,
  ) => majorityBaseCount(s.rules.majorityBase, s.attendance, valid);

  it('the tally does not depend on the order the ballots were entered', () => {
    fc.assert(
      fc.property(
        anyRound.chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.shuffledSubarray(s.ballots, {
              minLength: s.ballots.length,
              maxLength: s.ballots.length,
            }),
          ),
        ),
        ([s, shuffled]) => {
          expect(tallyElection({ ...s, ballots: shuffled })).toEqual(tallyElection(s));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a candidate never has more votes than valid ballots, and all votes fit in valid ballots × seats', () => {
    fc.assert(
      fc.property(anyRound, (s) => {
        const tally = tallyElection(s);
        const counts = Object.values(tally.counts);
        for (const votes of counts) expect(votes).toBeLessThanOrEqual(tally.valid);
        expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(tally.valid * s.round.seats);
        expect(tally.valid + tally.invalid).toBe(tally.returned);
      }),
      { numRuns: 300 },
    );
  });

  it('nobody at or below the threshold is ever elected, and never more than the seats', () => {
    fc.assert(
      fc.property(anyRound, (s) => {
        const tally = tallyElection(s);
        const base = baseOf(s, tally.valid);
        expect(tally.elected.length).toBeLessThanOrEqual(s.round.seats);
        for (const id of tally.elected) expect(hasMajority(tally.counts[id] ?? 0, base)).toBe(true);
        if (tally.status !== 'valid') expect(tally.elected).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a tie is never resolved silently: equal counts straddling the last seat leave both out of elected and in tied', () => {
    fc.assert(
      fc.property(anyRound, (s) => {
        const tally = tallyElection(s);
        if (tally.status !== 'valid') return;
        const base = baseOf(s, tally.valid);
        const above = Object.entries(tally.counts)
          .filter(([, votes]) => hasMajority(votes, base))
          .sort(([, a], [, b]) => b - a);
        const seats = s.round.seats;
        const last = above[seats - 1];
        const next = above[seats];
        if (last && next && last[1] === next[1]) {
          const atCutoff = above.filter(([, votes]) => votes === last[1]).map(([id]) => id);
          for (const id of atCutoff) {
            expect(tally.elected).not.toContain(id);
            expect(tally.tied).toContain(id);
          }
          expect(tally.next).not.toBe('advance');
        }
        // Equal counts are never split between elected and not elected.
        for (const id of tally.elected) {
          for (const [other, votes] of Object.entries(tally.counts)) {
            if (votes === tally.counts[id]) expect(tally.elected).toContain(other);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a tie or shortfall never advances; a re-vote is offered only while automatic re-votes remain', () => {
    fc.assert(
      fc.property(anyRound, (s) => {
        const tally = tallyElection(s);
        const unresolved = tally.tied !== undefined || tally.shortfall !== undefined;
        if (tally.status !== 'valid') expect(tally.next).toBe('revote');
        else if (!unresolved) expect(tally.next).toBe('advance');
        else
          expect(tally.next).toBe(
            s.revotesSoFar < s.rules.automaticRevotes ? 'revote' : 'organizer-decision',
          );
      }),
      { numRuns: 300 },
    );
  });

  it('recall: the holder is recalled exactly when the for votes exceed half the base, whatever the order', () => {
    const recallScenario = fc.record({
      marks: fc.array(fc.option(mark, { nil: undefined }), { maxLength: 30 }),
      base: fc.constantFrom<MajorityBase>('present', 'expected', 'valid-ballots'),
      extraPresent: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(recallScenario, ({ marks, base, extraPresent }) => {
        const cast: ElectionBallot[] = marks.map((m, i) => ({
          serial: `r${i}`,
          marks: m ? { h: m } : ({} as ElectionBallot['marks']),
        }));
        const attendance = {
          expected: cast.length + extraPresent,
          present: cast.length + extraPresent,
          issued: cast.length,
        };
        const rules = resolveRules('community', { majorityBase: base });
        const run = (b: ElectionBallot[]) =>
          tallyRecall({ round: { candidates: ['h'] }, attendance, ballots: b, rules });
        const tally = run(cast);
        expect(run([...cast].reverse())).toEqual(tally);
        if (tally.status !== 'valid') return;
        const forVotes = marks.filter((m) => m === 'for').length;
        expect(tally.counts).toEqual({ h: forVotes });
        const recalled = hasMajority(forVotes, majorityBaseCount(base, attendance, tally.valid));
        expect(tally.elected).toEqual(recalled ? ['h'] : []);
      }),
      { numRuns: 200 },
    );
  });
});

describe('条例 (regulation): 被选举人获得赞成票超过应到会有选举权人数半数的,始得当选', () => {
  // 应到会 30, 实到会 25 (more than 4/5 of 30), every one present casts a ballot.
  const attendance = { expected: 30, present: 25, issued: 25 };
  const tally = (rules: typeof PRESETS.regulation, forZhang: number) =>
    tallyElection(
      input({
        attendance,
        rules,
        ballots: ballots(
          [forZhang, { zhang: 'for', li: 'against' }],
          [25 - forZhang, { zhang: 'against', li: 'for' }],
        ),
      }),
    );

  it('regulation: 14 赞成 is more than half of the 25 present but not of the 30 expected — not elected', () => {
    const result = tally(PRESETS.regulation, 14);
    expect(result).toMatchObject({ status: 'valid', elected: [] });
    expect(result.counts.zhang).toBe(14);
    // The same ballots elect under community, which counts against those present (第六条 5).
    expect(tally(PRESETS.community, 14)).toMatchObject({ status: 'valid', elected: ['zhang'] });
  });

  it('regulation: 16 赞成, more than half of 30 expected, elects', () => {
    expect(tally(PRESETS.regulation, 16)).toMatchObject({ status: 'valid', elected: ['zhang'] });
  });
});
