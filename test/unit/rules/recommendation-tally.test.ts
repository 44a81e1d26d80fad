// Proves the tally of the public recommendation assembly (公开推荐大会, SPEC §2.5, §9; 第四篇
// 第六条 3) and of yuyang's party recommendation (党内推荐): attendance against the rules (150
// resident representatives), void when more ballots come back than were issued, the exclusive
// 2/3 quorum, invalid and blank ballots, the 50%/50% combined rate compared exactly, the top 3
// going on, and ties at the cut-off sent to a re-vote among the tied, then to the organizers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { RecommendationBallot } from '../../../shared/rules/ballots-schema.ts';
import { followUpRound } from '../../../shared/rules/election-tally.ts';
import { PRESETS, resolveRules } from '../../../shared/rules/presets.ts';
import {
  checkRecommendationAttendance,
  type RecommendationAttendance,
  recommendationPlaces,
  tallyRecommendation,
} from '../../../shared/rules/recommendation-tally.ts';
import { brokenRules, zodIssues } from './fixtures.ts';

const community = PRESETS.community;
const yuyang = PRESETS.yuyang;

/** Ballots of one constituency: `votes[id]` ballots naming id, then `blank` blank ones. */
const cast = (
  constituency: string,
  votes: Record<string, number>,
  blank = 0,
): RecommendationBallot[] => {
  const choices = [
    ...Object.entries(votes).flatMap(([id, n]) => Array.from({ length: n }, () => [id])),
    ...Array.from({ length: blank }, (): string[] => []),
  ];
  return choices.map((names, i) => ({
    serial: `${constituency}-${i + 1}`,
    constituency,
    choices: names,
  }));
};

/** Units and residents with everyone expected present and a ballot each. */
const attendance = (units: number, residents: number): RecommendationAttendance => ({
  constituencies: [
    { id: 'units', expected: units, present: units, ballotsIssued: units },
    { id: 'residents', expected: residents, present: residents, ballotsIssued: residents },
  ],
});

/** Community rules whose recommendation assembly votes in these constituencies. */
const withConstituencies = (
  ...constituencies: { id: string; name: string; weight: number; residentRepresentatives?: true }[]
) => resolveRules('community', { recommendation: { constituencies } });

const SECRETARY = { seats: 1, places: 3, revotesSoFar: 0 };
const FIVE = ['A', 'B', 'C', 'D', 'E'];

/** The secretary's recommendation among FIVE, 40 units and 150 residents expected, all present. */
const secretaryAmongFive = (ballots: RecommendationBallot[]) =>
  tallyRecommendation(community, {
    ...SECRETARY,
    candidates: FIVE,
    attendance: attendance(40, 150),
    ballots,
  });

describe('recommendation attendance', () => {
  it('at least 150 resident representatives are expected, else the attendance is refused', () => {
    const short = checkRecommendationAttendance(community, attendance(40, 149));
    expect(short).toEqual({
      ok: false,
      violations: [expect.objectContaining({ rule: 'too-few-resident-representatives' })],
    });
    expect(checkRecommendationAttendance(community, attendance(40, 150)).ok).toBe(true);
  });

  it('第一篇 (nanjing): no minimum of resident representatives — 54 are accepted; community still needs 150', () => {
    expect(PRESETS.nanjing.minResidentRepresentatives).toBe(0);
    expect(checkRecommendationAttendance(PRESETS.nanjing, attendance(30, 54)).ok).toBe(true);
    expect(brokenRules(checkRecommendationAttendance(community, attendance(30, 149)))).toEqual([
      'too-few-resident-representatives',
    ]);
  });

  it('the minimum attaches to the constituency marked residentRepresentatives, not to the id `residents`', () => {
    const renamed = withConstituencies(
      { id: 'danwei', name: '驻区单位', weight: 0.5 },
      { id: 'jumin', name: '居民代表', weight: 0.5, residentRepresentatives: true },
    );
    const at = (jumin: number) => ({
      constituencies: [
        { id: 'danwei', expected: 40, present: 40, ballotsIssued: 40 },
        { id: 'jumin', expected: jumin, present: jumin, ballotsIssued: jumin },
      ],
    });
    const short = checkRecommendationAttendance(renamed, at(149));
    expect(brokenRules(short)).toEqual(['too-few-resident-representatives']);
    expect(short.ok || short.violations[0]?.message).toContain('居民代表');
    expect(checkRecommendationAttendance(renamed, at(150)).ok).toBe(true);

    // An id `residents` that is not marked carries no minimum.
    const unmarked = withConstituencies(
      { id: 'residents', name: '社区单位', weight: 0.5 },
      { id: 'people', name: '居民代表', weight: 0.5, residentRepresentatives: true },
    );
    const people = (residents: number, marked: number) => ({
      constituencies: [
        { id: 'residents', expected: residents, present: residents, ballotsIssued: residents },
        { id: 'people', expected: marked, present: marked, ballotsIssued: marked },
      ],
    });
    expect(checkRecommendationAttendance(unmarked, people(10, 150)).ok).toBe(true);
    expect(brokenRules(checkRecommendationAttendance(unmarked, people(200, 149)))).toEqual([
      'too-few-resident-representatives',
    ]);
  });

  it('rules with a minimum but no constituency to attach it to are refused, naming the field', () => {
    const orphan = () =>
      withConstituencies(
        { id: 'a', name: '甲', weight: 0.5 },
        { id: 'b', name: '乙', weight: 0.5 },
      );
    expect(zodIssues(orphan).map((i) => i.path)).toEqual([['minResidentRepresentatives']]);
    const twice = () =>
      withConstituencies(
        { id: 'a', name: '甲', weight: 0.5, residentRepresentatives: true },
        { id: 'b', name: '乙', weight: 0.5, residentRepresentatives: true },
      );
    expect(zodIssues(twice).map((i) => i.path)).toEqual([['recommendation', 'constituencies']]);
    // Without a minimum no constituency needs marking.
    expect(
      resolveRules('community', {
        minResidentRepresentatives: 0,
        recommendation: { constituencies: [{ id: 'a', name: '甲', weight: 1 }] },
      }).minResidentRepresentatives,
    ).toBe(0);
  });

  it('SPEC §2.8: ballots issued never exceed those present, per constituency, naming it and the field', () => {
    const over = attendance(40, 150);
    const [, residents] = over.constituencies;
    if (residents) residents.present = 140;
    const result = checkRecommendationAttendance(community, over);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations).toEqual([
      expect.objectContaining({
        rule: 'ballots-exceed-present',
        path: ['constituencies', 1, 'ballotsIssued'],
      }),
    ]);
    expect(result.violations[0]?.message).toContain('社区居民群众');
  });

  it('each constituency is one of the rules’, named once, none missing', () => {
    const rulesOf = (a: RecommendationAttendance) =>
      brokenRules(checkRecommendationAttendance(community, a));
    const units = { id: 'units', expected: 40, present: 40, ballotsIssued: 40 };
    const residents = { id: 'residents', expected: 150, present: 150, ballotsIssued: 150 };
    expect(rulesOf({ constituencies: [units, residents, { ...units, id: 'schools' }] })).toEqual([
      'unknown-constituency',
    ]);
    expect(rulesOf({ constituencies: [units, residents, units] })).toEqual([
      'duplicate-constituency',
    ]);
    expect(rulesOf({ constituencies: [units] })).toEqual(['missing-constituency']);
  });

  it('yuyang’s party recommendation has one constituency of members and no residents minimum', () => {
    const members = { id: 'members', expected: 22, present: 22, ballotsIssued: 22 };
    expect(checkRecommendationAttendance(yuyang, { constituencies: [members] }).ok).toBe(true);
  });

  it('malformed attendance is a ZodError naming the field', () => {
    const bad = { constituencies: [{ id: 'units', expected: -1, present: 1, ballotsIssued: 1 }] };
    expect(() => checkRecommendationAttendance(community, bad)).toThrow(ZodError);
    try {
      checkRecommendationAttendance(community, bad);
    } catch (error) {
      expect((error as ZodError).issues[0]?.path).toEqual(['constituencies', 0, 'expected']);
    }
  });
});

describe('recommendation tally: validity of the round', () => {
  it('returned ballots over those issued in one constituency void the round', () => {
    const a = attendance(40, 150);
    const units = a.constituencies[0];
    if (units) units.ballotsIssued = 39; // 40 come back: the round is void even if the total fits
    const tally = tallyRecommendation(community, {
      ...SECRETARY,
      candidates: FIVE,
      attendance: a,
      ballots: [...cast('units', { A: 40 }), ...cast('residents', { A: 100 })],
    });
    expect(tally).toMatchObject({ status: 'void', next: 'revote', elected: [], counts: {} });
    expect(tally.returned).toBe(140);
  });

  it('returned ballots over those issued overall void the round', () => {
    // A ballot from no known constituency still counts as returned.
    const stray = { serial: 'x-1', constituency: 'nowhere', choices: ['A'] };
    const tally = secretaryAmongFive([
      ...cast('units', { A: 40 }),
      ...cast('residents', { B: 150 }),
      stray,
    ]);
    expect(tally.status).toBe('void');
    expect(tally.invalid).toBe(1);
  });

  it('returned ballots equal to those issued are valid', () => {
    const tally = secretaryAmongFive([
      ...cast('units', { A: 40 }),
      ...cast('residents', { B: 150 }),
    ]);
    expect(tally).toMatchObject({ status: 'valid', issued: 190, returned: 190, valid: 190 });
  });

  it('attendance must exceed 2/3 of the representatives expected: exactly 2/3 is no quorum', () => {
    // 60 + 150 = 210 expected; 2/3 of that is 140.
    const at = (present: number): RecommendationAttendance => ({
      constituencies: [
        { id: 'units', expected: 60, present: present - 100, ballotsIssued: present - 100 },
        { id: 'residents', expected: 150, present: 100, ballotsIssued: 100 },
      ],
    });
    const tally = (present: number) =>
      tallyRecommendation(community, {
        ...SECRETARY,
        candidates: FIVE,
        attendance: at(present),
        ballots: cast('units', { A: 10 }),
      });
    expect(tally(140)).toMatchObject({ status: 'no-quorum', next: 'revote', elected: [] });
    expect(tally(141).status).toBe('valid');
  });
});

describe('recommendation tally: ballots', () => {
  it('a ballot naming more than the one secretary to recommend is invalid but returned', () => {
    const tally = secretaryAmongFive([
      { serial: 'u1', constituency: 'units', choices: ['A', 'B'] },
    ]);
    expect(tally).toMatchObject({ returned: 1, valid: 0, invalid: 1 });
    expect(tally.counts).toEqual({ A: 0, B: 0, C: 0, D: 0, E: 0 });
  });

  it('a ballot naming an unknown candidate or the same one twice, or from an unknown constituency, is invalid', () => {
    const tally = tallyRecommendation(community, {
      seats: 2,
      places: 3,
      revotesSoFar: 0,
      candidates: FIVE,
      attendance: attendance(40, 150),
      ballots: [
        { serial: 'u1', constituency: 'units', choices: ['Z'] },
        { serial: 'u2', constituency: 'units', choices: ['A', 'A'] },
        { serial: 'u3', constituency: 'schools', choices: ['A'] },
        { serial: 'u4', constituency: 'units', choices: ['A', 'B'] },
      ],
    });
    expect(tally).toMatchObject({ returned: 4, valid: 1, invalid: 3 });
    expect(tally.counts).toMatchObject({ A: 1, B: 1 });
  });

  it('a blank ballot is valid and counts for nobody', () => {
    const tally = secretaryAmongFive([
      ...cast('units', { A: 1 }, 3),
      ...cast('residents', { A: 4 }),
    ]);
    expect(tally).toMatchObject({ valid: 8, invalid: 0 });
    expect(tally.counts.A).toBe(5);
    // The blanks count among the units' valid ballots: 0.5 × 1/4 + 0.5 × 4/4.
    expect(tally.rates?.A).toBe(0.625);
  });
});

describe('recommendation tally: combined rate and ranking', () => {
  it('the combined rate weighs each constituency 50% by its own valid ballots', () => {
    const tally = secretaryAmongFive([
      ...cast('units', { A: 30, B: 10 }),
      ...cast('residents', { A: 30, B: 90, C: 30 }),
    ]);
    expect(tally.counts).toEqual({ A: 60, B: 100, C: 30, D: 0, E: 0 });
    expect(tally.rates?.A).toBeCloseTo(0.5 * (30 / 40) + 0.5 * (30 / 150), 15);
    expect(tally.rates?.B).toBeCloseTo(0.5 * (10 / 40) + 0.5 * (90 / 150), 15);
    expect(tally.rates?.C).toBeCloseTo(0.5 * (30 / 150), 15);
    // A has fewer votes than B but the higher rate: units' ballots weigh more each.
    expect(tally.elected).toEqual(['A', 'B', 'C']);
    expect(tally.next).toBe('advance');
  });

  it('a constituency with no valid ballots contributes nothing to the rate', () => {
    const tally = secretaryAmongFive([
      ...cast('residents', { A: 150 }),
      { serial: 'u1', constituency: 'units', choices: ['A', 'B'] },
    ]);
    expect(tally.rates?.A).toBe(0.5);
  });

  it('the top 3 by combined rate become inspection candidates (考察人选)', () => {
    const tally = secretaryAmongFive([
      ...cast('units', { A: 5, B: 15, C: 10, D: 6, E: 4 }),
      ...cast('residents', { A: 20, B: 50, C: 40, D: 30, E: 10 }),
    ]);
    expect(tally.elected).toEqual(['B', 'C', 'D']);
    expect(tally.tied).toBeUndefined();
  });

  it('fewer candidates than places all go on', () => {
    const tally = tallyRecommendation(community, {
      ...SECRETARY,
      candidates: ['A', 'B'],
      attendance: attendance(40, 150),
      ballots: [...cast('units', { A: 40 }), ...cast('residents', { B: 150 })],
    });
    expect(tally).toMatchObject({ elected: ['A', 'B'], next: 'advance' });
  });

  it('a tie above the cut-off is no tie: both go on', () => {
    const tally = secretaryAmongFive([
      ...cast('units', { A: 15, B: 15, C: 10 }),
      ...cast('residents', { A: 60, B: 60, C: 30 }),
    ]);
    expect(tally).toMatchObject({ elected: ['A', 'B', 'C'], next: 'advance' });
  });
});

describe('recommendation tally: ties at the cut-off', () => {
  // C and D safely above; A and B tie at 0.29 = 2/40 + 36/150 = 6/40 + 21/150 (× 50%).
  const tiedBallots = [
    ...cast('units', { C: 14, D: 12, A: 2, B: 6, E: 6 }),
    ...cast('residents', { C: 40, D: 38, A: 36, B: 21, E: 15 }),
  ];

  it('a tie at the third place goes to a re-vote among the tied only', () => {
    const tally = secretaryAmongFive(tiedBallots);
    expect(tally).toMatchObject({ status: 'valid', elected: ['C', 'D'], tied: ['A', 'B'] });
    expect(tally.next).toBe('revote');
    expect(followUpRound({ candidates: FIVE, seats: SECRETARY.places }, tally)).toEqual({
      candidates: ['A', 'B'],
      seats: 1,
    });
  });

  it('equal rates are recognised exactly where floating-point sums differ', () => {
    // In doubles 0.5·2/40 + 0.5·36/150 = 0.145 but 0.5·6/40 + 0.5·21/150 = 0.14500000000000002.
    expect(0.5 * (2 / 40) + 0.5 * (36 / 150)).not.toBe(0.5 * (6 / 40) + 0.5 * (21 / 150));
    const tally = secretaryAmongFive(tiedBallots);
    expect(tally.rates?.A).toBe(tally.rates?.B);
    expect(tally.rates?.A).toBeCloseTo(0.145, 15);
  });

  it('a second tie goes to the organizers', () => {
    const tally = tallyRecommendation(community, {
      ...SECRETARY,
      revotesSoFar: 1,
      candidates: FIVE,
      attendance: attendance(40, 150),
      ballots: tiedBallots,
    });
    expect(tally).toMatchObject({ tied: ['A', 'B'], next: 'organizer-decision' });
  });

  it('the re-vote among the tied ranks them for the places left', () => {
    const tally = tallyRecommendation(community, {
      ...SECRETARY,
      places: 1,
      revotesSoFar: 1,
      candidates: ['A', 'B'],
      attendance: attendance(40, 150),
      ballots: [...cast('units', { A: 21, B: 19 }), ...cast('residents', { A: 70, B: 80 })],
    });
    // A: 0.5·21/40 + 0.5·70/150 ≈ 0.4958; B: 0.5·19/40 + 0.5·80/150 ≈ 0.5042.
    expect(tally).toMatchObject({ elected: ['B'], next: 'advance' });
  });

  it('weights other than 50%/50% are compared exactly too', () => {
    const rules = withConstituencies(
      { id: 'units', name: '社区单位党组织', weight: 0.3 },
      { id: 'residents', name: '社区居民群众', weight: 0.7, residentRepresentatives: true },
    );
    // 0.3·a/3 + 0.7·b/7 = (a + b)/10: A (1, 2) and B (2, 1) tie at 0.3 for the one place.
    const tally = tallyRecommendation(rules, {
      seats: 1,
      places: 1,
      revotesSoFar: 0,
      candidates: ['A', 'B'],
      attendance: attendance(3, 150),
      ballots: [...cast('units', { A: 1, B: 2 }), ...cast('residents', { A: 2, B: 1 }, 4)],
    });
    expect(tally).toMatchObject({ elected: [], tied: ['A', 'B'], next: 'revote' });
  });
});

describe('yuyang party recommendation (党内推荐)', () => {
  it('the top 3 go on for secretary and 2 × seats for committee members', () => {
    expect(recommendationPlaces(yuyang, 'secretary', 1)).toBe(3);
    expect(recommendationPlaces(yuyang, 'member', 2)).toBe(4);
    expect(recommendationPlaces(community, 'secretary', 1)).toBe(3);
  });

  it('第一篇 nanjing: the recommendation puts through at least 4 (公推时,至少产生4名推荐人选)', () => {
    expect(recommendationPlaces(PRESETS.nanjing, 'secretary', 1)).toBe(4);
  });

  it('第三篇: the branch assembly’s recommendation counts without a 2/3 quorum unless configured', () => {
    // 22 members entitled, 10 came: under community's 2/3 that would be no quorum.
    const members = { id: 'members', expected: 22, present: 10, ballotsIssued: 10 };
    const ballots: RecommendationBallot[] = ['P', 'P', 'P', 'P', 'Q', 'Q', 'Q', 'R', 'R', 'S'].map(
      (id, i) => ({ serial: String(i), constituency: 'members', choices: [id] }),
    );
    const input = {
      seats: 1,
      places: 3,
      revotesSoFar: 0,
      candidates: ['P', 'Q', 'R', 'S'],
      attendance: { constituencies: [members] },
      ballots,
    };
    expect(tallyRecommendation(yuyang, input)).toMatchObject({
      status: 'valid',
      elected: ['P', 'Q', 'R'],
    });
    const withQuorum = resolveRules('yuyang', {
      recommendationQuorum: community.recommendationQuorum,
    });
    expect(tallyRecommendation(withQuorum, input)).toMatchObject({ status: 'no-quorum' });
  });

  it('one constituency of members, each ballot naming up to the seats of the office', () => {
    const members = { id: 'members', expected: 22, present: 22, ballotsIssued: 22 };
    const ballots: RecommendationBallot[] = [
      ...Array.from({ length: 8 }, (_, i) => ({
        serial: `a${i}`,
        constituency: 'members',
        choices: ['P', 'Q'],
      })),
      ...Array.from({ length: 6 }, (_, i) => ({
        serial: `b${i}`,
        constituency: 'members',
        choices: ['R', 'S'],
      })),
      ...Array.from({ length: 4 }, (_, i) => ({
        serial: `c${i}`,
        constituency: 'members',
        choices: ['T'],
      })),
      { serial: 'd1', constituency: 'members', choices: ['P', 'Q', 'R'] }, // three for two seats
    ];
    const tally = tallyRecommendation(yuyang, {
      seats: 2,
      places: recommendationPlaces(yuyang, 'member', 2),
      revotesSoFar: 0,
      candidates: ['P', 'Q', 'R', 'S', 'T', 'U'],
      attendance: { constituencies: [members] },
      ballots,
    });
    expect(tally).toMatchObject({ valid: 18, invalid: 1, elected: ['P', 'Q', 'R', 'S'] });
    expect(tally.rates?.P).toBe(8 / 18);
  });

  it('yuyang re-votes a repeated tie by itself (automaticRevotes 3) before the organizers decide', () => {
    const members = { id: 'members', expected: 22, present: 22, ballotsIssued: 22 };
    const ballots: RecommendationBallot[] = ['P', 'Q', 'P', 'Q', 'R'].map((id, i) => ({
      serial: String(i),
      constituency: 'members',
      choices: [id],
    }));
    const input = {
      seats: 1,
      places: 1,
      candidates: ['P', 'Q', 'R'],
      attendance: { constituencies: [members] },
      ballots,
    };
    expect(tallyRecommendation(yuyang, { ...input, revotesSoFar: 2 }).next).toBe('revote');
    expect(tallyRecommendation(yuyang, { ...input, revotesSoFar: 3 }).next).toBe(
      'organizer-decision',
    );
  });
});

describe('recommendation tally: malformed input', () => {
  const good = {
    ...SECRETARY,
    candidates: FIVE,
    attendance: attendance(40, 150),
    ballots: cast('units', { A: 1 }),
  };
  const pathOf = (input: unknown) =>
    zodIssues(() => tallyRecommendation(community, input as typeof good))[0]?.path;

  it('is rejected by zod with the path of the bad field', () => {
    expect(pathOf({ ...good, seats: 0 })).toEqual(['seats']);
    expect(pathOf({ ...good, places: 1.5 })).toEqual(['places']);
    expect(pathOf({ ...good, candidates: ['A', 'A'] })).toEqual(['candidates', 1]);
    expect(
      pathOf({ ...good, ballots: [{ serial: 's', constituency: 'units', choices: 'A' }] }),
    ).toEqual(['ballots', 0, 'choices']);
    expect(pathOf({ ...good, ballots: [...good.ballots, ...good.ballots] })).toEqual([
      'ballots',
      1,
      'serial',
    ]);
    expect(pathOf({ ...good, revotesSoFar: undefined })).toEqual(['revotesSoFar']);
    expect(pathOf({ ...good, extra: true })).toEqual([]);
  });

  it('attendance that does not match the rules’ constituencies is rejected too', () => {
    const units = attendance(40, 150).constituencies[0];
    expect(pathOf({ ...good, attendance: { constituencies: [units] } })).toEqual([
      'attendance',
      'constituencies',
    ]);
  });

  it('rules missing a field are rejected with its name', () => {
    const { recommendationQuorum: _, ...rules } = community;
    expect(() => tallyRecommendation(rules as typeof community, good)).toThrow(
      /recommendationQuorum/,
    );
  });
});

describe('recommendation tally: properties', () => {
  const CANDIDATES = ['A', 'B', 'C', 'D', 'E'];
  const ballotArb = fc.record({
    constituency: fc.constantFrom('units', 'residents', 'residents', 'nowhere'),
    choices: fc.array(fc.constantFrom(...CANDIDATES, 'Z'), { maxLength: 3 }),
  });
  /** A valid round: everyone present, a ballot each plus a few unreturned. */
  const roundArb = fc
    .record({
      raw: fc.array(ballotArb, { maxLength: 60 }),
      seats: fc.integer({ min: 1, max: 3 }),
      places: fc.integer({ min: 1, max: 5 }),
      spare: fc.nat({ max: 5 }),
    })
    .map(({ raw, seats, places, spare }) => {
      const ballots = raw.map((b, i) => ({ serial: `s${i}`, ...b }));
      const issued = (id: string) =>
        ballots.filter((b) => b.constituency === id).length +
        spare +
        // Ballots from nowhere still count as returned overall: issue enough for them.
        (id === 'units' ? 0 : 3 + ballots.filter((b) => b.constituency === 'nowhere').length);
      const constituencies = ['units', 'residents'].map((id) => ({
        id,
        expected: issued(id),
        present: issued(id),
        ballotsIssued: issued(id),
      }));
      return {
        seats,
        places,
        revotesSoFar: 0,
        candidates: CANDIDATES,
        attendance: { constituencies },
        ballots,
      };
    });

  it('the tally does not depend on the order the ballots were entered', () => {
    fc.assert(
      fc.property(
        roundArb.chain((round) =>
          fc
            .shuffledSubarray(round.ballots, {
              minLength: round.ballots.length,
              maxLength: round.ballots.length,
            })
            .map((shuffled) => [round, { ...round, ballots: shuffled }] as const),
        ),
        ([round, shuffled]) => {
          expect(tallyRecommendation(community, shuffled)).toEqual(
            tallyRecommendation(community, round),
          );
        },
      ),
    );
  });

  it('counts never exceed valid ballots × seats; rates lie in [0, 1]; elected ≤ places', () => {
    fc.assert(
      fc.property(roundArb, (round) => {
        const tally = tallyRecommendation(community, round);
        const counts = Object.values(tally.counts);
        expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(tally.valid * round.seats);
        for (const n of counts) expect(n).toBeLessThanOrEqual(tally.valid);
        for (const rate of Object.values(tally.rates ?? {})) {
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(1);
        }
        expect(tally.elected.length).toBeLessThanOrEqual(round.places);
        expect(tally.valid + tally.invalid).toBe(tally.returned);
      }),
    );
  });

  it('a tie is never resolved silently: equal rates are on the same side of the cut-off', () => {
    fc.assert(
      fc.property(roundArb, (round) => {
        const tally = tallyRecommendation(community, round);
        expect(tally.status).toBe('valid');
        const rates = tally.rates ?? {};
        const elected = new Set(tally.elected);
        for (const e of tally.elected) {
          for (const o of CANDIDATES.filter((c) => !elected.has(c))) {
            expect(rates[e]).toBeGreaterThan(rates[o] ?? 0);
          }
        }
        const tied = tally.tied ?? [];
        if (tied.length > 0) {
          expect(new Set(tied.map((c) => rates[c])).size).toBe(1);
          expect(tally.elected.length).toBeLessThan(round.places);
          expect(tally.elected.length + tied.length).toBeGreaterThan(round.places);
        } else {
          expect(tally.elected.length).toBe(Math.min(round.places, CANDIDATES.length));
        }
      }),
    );
  });

  it('two candidates with equal rates straddling the cut-off are both tied, neither elected', () => {
    // Every ballot for A is mirrored by one for B: their rates are equal by construction.
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('units', 'residents'), { maxLength: 20 }),
        fc.array(fc.constantFrom('units', 'residents'), { maxLength: 20 }),
        (forA, others) => {
          const ballots = [
            ...forA.flatMap((constituency) => [
              { constituency, choices: ['A'] },
              { constituency, choices: ['B'] },
            ]),
            ...others.map((constituency) => ({ constituency, choices: ['C'] })),
          ].map((b, i) => ({ serial: `s${i}`, ...b }));
          const n = (id: string) => ballots.filter((b) => b.constituency === id).length;
          const tally = tallyRecommendation(community, {
            seats: 1,
            places: 1,
            revotesSoFar: 0,
            candidates: ['A', 'B', 'C'],
            attendance: {
              constituencies: ['units', 'residents'].map((id) => ({
                id,
                expected: n(id) + 1,
                present: n(id) + 1,
                ballotsIssued: n(id) + 1,
              })),
            },
            ballots,
          });
          expect(tally.rates?.A).toBe(tally.rates?.B);
          expect(tally.elected).not.toContain('A');
          expect(tally.elected).not.toContain('B');
          if (tally.elected.length === 0)
            expect(tally.tied).toEqual(expect.arrayContaining(['A', 'B']));
        },
      ),
    );
  });
});
