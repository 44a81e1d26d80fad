// Proves which ballots count (SPEC §2.5, §2.8, §8 `Ballot`, §9): each round kind's rules make a
// well-formed ballot valid or invalid with a named reason, and a malformed ballot or round is
// refused by zod with the field named.
import { describe, expect, it } from 'vitest';
import { ballotChecker, checkBallot } from '../../../shared/rules/ballots.ts';
import { zodPaths } from './fixtures.ts';

const recommendation = {
  kind: 'recommendation' as const,
  candidates: ['a', 'b', 'c'],
  seats: 1,
  constituencies: ['units', 'residents'],
};
const evaluation = { kind: 'evaluation' as const, candidates: ['a', 'b'], seats: 1 };
const election = {
  kind: 'election' as const,
  candidates: ['a', 'b', 'c'],
  seats: 2,
  eligibleWriteIns: new Set(['w', 'v']),
};
const recall = { kind: 'recall' as const, candidates: ['h'], seats: 1 };

const reasonOf = (round: Parameters<typeof checkBallot>[0], ballot: unknown) => {
  const result = checkBallot(round, ballot);
  return result.valid ? 'valid' : result.reason;
};

/** A recommendation ballot from a constituency, naming `choices`. */
const fromConstituency = (constituency: string, ...choices: string[]) => ({
  serial: '1',
  constituency,
  choices,
});

describe('recommendation ballots (推荐票)', () => {
  it('a ballot naming up to the seats, from a known constituency, is valid', () => {
    expect(reasonOf(recommendation, fromConstituency('units', 'a'))).toBe('valid');
  });

  it('a blank ballot is valid and counts for nobody', () => {
    expect(reasonOf(recommendation, fromConstituency('units'))).toBe('valid');
  });

  it('a ballot naming more than the seats is invalid (多于应推荐人数为无效票)', () => {
    expect(reasonOf(recommendation, fromConstituency('residents', 'a', 'b'))).toBe(
      'too-many-choices',
    );
  });

  it('naming someone who is not a candidate is invalid', () => {
    expect(reasonOf(recommendation, fromConstituency('units', 'z'))).toBe('unknown-candidate');
  });

  it('naming the same person twice is invalid', () => {
    const round = { ...recommendation, seats: 3 };
    expect(reasonOf(round, fromConstituency('units', 'a', 'a'))).toBe('duplicate-choice');
  });

  it('a ballot from a constituency the round does not have is invalid', () => {
    expect(reasonOf(recommendation, fromConstituency('visitors', 'a'))).toBe(
      'unknown-constituency',
    );
  });

  it('without a list of constituencies any constituency is accepted', () => {
    const { constituencies: _, ...round } = recommendation;
    expect(reasonOf(round, fromConstituency('members', 'a'))).toBe('valid');
  });
});

describe('evaluation ballots (满意度测评票)', () => {
  it('rating every nominee is valid', () => {
    const ballot = { serial: '1', ratings: { a: 'satisfied', b: 'unsatisfied' } };
    expect(reasonOf(evaluation, ballot)).toBe('valid');
  });

  it('an unrated nominee simply gets no rating: the ballot stays valid', () => {
    expect(reasonOf(evaluation, { serial: '1', ratings: { a: 'basically' } })).toBe('valid');
    expect(reasonOf(evaluation, { serial: '2', ratings: {} })).toBe('valid');
  });

  it('rating someone who is not a nominee of the round is invalid', () => {
    const ballot = { serial: '1', ratings: { a: 'satisfied', z: 'satisfied' } };
    expect(reasonOf(evaluation, ballot)).toBe('unknown-candidate');
  });
});

describe('election ballots (选举票: 赞成 / 不赞成 / 弃权, 另选他人)', () => {
  it('赞成 up to the seats is valid; an unmarked candidate counts as 弃权', () => {
    expect(reasonOf(election, { serial: '1', marks: { a: 'for', b: 'for' } })).toBe('valid');
    expect(reasonOf(election, { serial: '2', marks: {} })).toBe('valid');
  });

  it('more 赞成 than seats makes the ballot invalid', () => {
    const ballot = { serial: '1', marks: { a: 'for', b: 'for', c: 'for' } };
    expect(reasonOf(election, ballot)).toBe('too-many-for');
  });

  it('write-ins count with the 赞成 marks toward the seats', () => {
    const ballot = { serial: '1', marks: { a: 'for', b: 'for', c: 'against' }, writeIns: ['w'] };
    expect(reasonOf(election, ballot)).toBe('too-many-for');
    const within = { serial: '2', marks: { a: 'for', c: 'against' }, writeIns: ['w'] };
    expect(reasonOf(election, within)).toBe('valid');
  });

  it('a mark for someone who is not a candidate of the round is invalid', () => {
    expect(reasonOf(election, { serial: '1', marks: { z: 'for' } })).toBe('unknown-candidate');
  });

  it('另选他人 only replaces a 不赞成: more write-ins than against marks is invalid', () => {
    const ballot = { serial: '1', marks: { a: 'against' }, writeIns: ['w', 'v'] };
    expect(reasonOf(election, ballot)).toBe('write-in-without-against');
    expect(reasonOf(election, { serial: '2', marks: {}, writeIns: ['w'] })).toBe(
      'write-in-without-against',
    );
  });

  it('writing in someone who may not hold the office is invalid', () => {
    const ballot = { serial: '1', marks: { a: 'against' }, writeIns: ['x'] };
    expect(reasonOf(election, ballot)).toBe('write-in-ineligible');
  });

  it('eligibility of write-ins may be given as a predicate', () => {
    const round = { ...election, eligibleWriteIns: (id: string) => id.startsWith('ok-') };
    const good = { serial: '1', marks: { a: 'against' }, writeIns: ['ok-1'] };
    const bad = { serial: '2', marks: { a: 'against' }, writeIns: ['no-1'] };
    expect(reasonOf(round, good)).toBe('valid');
    expect(reasonOf(round, bad)).toBe('write-in-ineligible');
  });

  it('without a list of who is eligible nobody can be written in', () => {
    const { eligibleWriteIns: _, ...round } = election;
    const ballot = { serial: '1', marks: { a: 'against' }, writeIns: ['w'] };
    expect(reasonOf(round, ballot)).toBe('write-in-ineligible');
  });

  it('writing in a candidate already on the ballot is invalid', () => {
    const ballot = { serial: '1', marks: { a: 'against' }, writeIns: ['b'] };
    expect(reasonOf(election, ballot)).toBe('write-in-is-candidate');
  });

  it('writing in the same person twice is invalid', () => {
    const ballot = { serial: '1', marks: { a: 'against', b: 'against' }, writeIns: ['w', 'w'] };
    expect(reasonOf(election, ballot)).toBe('duplicate-write-in');
  });

  it('SPEC §2.8–9: a re-vote among the tied is among them only — a write-in makes the ballot invalid', () => {
    const ballot = { serial: '1', marks: { a: 'against' }, writeIns: ['w'] };
    expect(reasonOf(election, ballot)).toBe('valid');
    expect(reasonOf({ ...election, amongTied: true }, ballot)).toBe('write-in-not-allowed');
    expect(reasonOf({ ...election, amongTied: true }, { serial: '2', marks: { a: 'for' } })).toBe(
      'valid',
    );
  });
});

describe('recall ballots (罢免票)', () => {
  it('one mark about the office holder is valid, and so is a blank ballot', () => {
    expect(reasonOf(recall, { serial: '1', marks: { h: 'for' } })).toBe('valid');
    expect(reasonOf(recall, { serial: '2', marks: {} })).toBe('valid');
  });

  it('nobody can be written in on a recall ballot', () => {
    const ballot = { serial: '1', marks: { h: 'against' }, writeIns: ['w'] };
    expect(reasonOf({ ...recall, eligibleWriteIns: new Set(['w']) }, ballot)).toBe(
      'write-in-not-allowed',
    );
  });

  it('a mark about someone else is invalid', () => {
    expect(reasonOf(recall, { serial: '1', marks: { z: 'for' } })).toBe('unknown-candidate');
  });
});

describe('malformed input is refused by zod, naming the field', () => {
  it('a ballot of the wrong shape for its kind', () => {
    expect(zodPaths(() => checkBallot(election, { serial: '1', marks: { a: 'yes' } }))).toEqual([
      'marks.a',
    ]);
    expect(
      zodPaths(() => checkBallot(recommendation, { serial: '', constituency: 'u', choices: [] })),
    ).toEqual(['serial']);
    expect(
      zodPaths(() => checkBallot(evaluation, { serial: '1', ratings: { a: 'great' } })),
    ).toEqual(['ratings.a']);
  });

  it('unknown fields on a ballot', () => {
    expect(zodPaths(() => checkBallot(recall, { serial: '1', marks: {}, voter: 'm1' }))).toEqual([
      '',
    ]);
  });

  it('a round without seats or with repeated candidates', () => {
    expect(zodPaths(() => ballotChecker({ ...election, seats: 0 }))).toEqual(['seats']);
    expect(zodPaths(() => ballotChecker({ ...election, candidates: ['a', 'a'] }))).toEqual([
      'candidates',
    ]);
    expect(
      zodPaths(() => ballotChecker({ ...election, eligibleWriteIns: ['w'] as never })),
    ).toEqual(['eligibleWriteIns']);
  });
});
