// Proves the pure side of closing a round: the tally dispatched by round kind (write-ins judged
// as they were at entry), the status the round ends in, and the re-vote a tally opens by itself.
import { describe, expect, it } from 'vitest';
import {
  alreadyElected,
  closedStatus,
  tallyRound,
} from '../../../../shared/election/rounds/tally.ts';
import { PRESETS, placesOf, planRevote, type Tally } from '../../../../shared/rules/index.ts';
import type { StoredBallot } from '../../../../shared/store/ballots.ts';
import type { RoundAttendance, RoundRecord } from '../../../../shared/store/records.ts';
import { committeeRound } from '../../../support/builders.ts';

const staff = { announcer: 'a', scrutineer: 's', counter: 'c' };
const attendance = (expected: number, present: number, issued = present): RoundAttendance => ({
  expected,
  present,
  ballotsIssued: issued,
  staff,
  recordedBy: 'teller',
  at: '2026-03-31T02:00:00.000Z',
});

const valid = (serial: string, content: Record<string, unknown>): StoredBallot => ({
  serial,
  content,
  valid: true,
});

const tally = (fields: Partial<Tally>): Tally => ({
  status: 'valid',
  issued: 10,
  returned: 10,
  valid: 10,
  invalid: 0,
  counts: {},
  elected: [],
  next: 'advance',
  ...fields,
});

const election = { kind: 'election' as const, candidates: ['a', 'b'], seats: 1, revotesSoFar: 0 };
const recommendation = {
  kind: 'recommendation' as const,
  candidates: ['a', 'b', 'c', 'd', 'e'],
  seats: 1,
  places: 3,
  revotesSoFar: 0,
};

describe('tallyRound', () => {
  it('counts a write-in the tellers were told was valid, and keeps invalid the ballot they were told was not', () => {
    const ballots: StoredBallot[] = [
      ...Array.from({ length: 5 }, (_, i) =>
        valid(`v${i}`, { marks: { a: 'against', b: 'against' }, writeIns: ['w'] }),
      ),
      {
        serial: 'x',
        content: { marks: { a: 'against' }, writeIns: ['z'] },
        valid: false,
        reason: 'write-in-ineligible',
      },
      valid('y', { marks: { a: 'for' } }),
      valid('y2', { marks: { b: 'for' } }),
    ];
    const result = tallyRound(election, attendance(8, 8), ballots, PRESETS.community);
    expect(result).toMatchObject({
      status: 'valid',
      valid: 7,
      invalid: 1,
      counts: { a: 1, b: 1, w: 5 },
      elected: ['w'],
      next: 'advance',
    });
  });

  it('SPEC §2.9: tells the election tally who already holds a seat — the write-in of the new secretary at the committee vote counts for nobody', () => {
    const committee = committeeRound();
    const ballots = Array.from({ length: 8 }, (_, i) =>
      valid(`v${i}`, { marks: { a: 'for', c: 'against' }, writeIns: ['sec'] }),
    );
    const result = tallyRound(committee, attendance(8, 8), ballots, PRESETS.community, {
      rounds: [],
      result: { secretary: 'sec', deputies: [], members: [] },
    });
    expect(result).toMatchObject({
      counts: { a: 8, b: 0, c: 0 },
      elected: ['a'],
      voidWriteIns: 8,
      shortfall: 1,
    });
  });

  it('weighs a recommendation by its constituencies, read from the stored attendance', () => {
    const withConstituencies: RoundAttendance = {
      ...attendance(210, 170),
      constituencies: [
        { id: 'units', name: '社区单位党组织', expected: 60, present: 50, ballotsIssued: 1 },
        { id: 'residents', name: '社区居民群众', expected: 150, present: 120, ballotsIssued: 1 },
      ],
    };
    const ballots = [
      valid('u1', { constituency: 'units', choices: ['a'] }),
      valid('r1', { constituency: 'residents', choices: ['b'] }),
    ];
    const result = tallyRound(
      { ...recommendation, places: 1 },
      withConstituencies,
      ballots,
      PRESETS.community,
    );
    expect(result).toMatchObject({ rates: { a: 0.5, b: 0.5 }, tied: ['a', 'b'], next: 'revote' });
  });
});

describe('alreadyElected', () => {
  const closed = (id: string, part: Partial<RoundRecord>): RoundRecord => ({
    id,
    kind: 'election',
    office: 'member',
    stage: 'member-election',
    number: 1,
    status: 'closed',
    candidates: ['a', 'b', 'c', 'd'],
    seats: 3,
    revotesSoFar: 0,
    openedAt: '2026-04-14T01:00:00.000Z',
    ...part,
  });
  const result = { secretary: 'sec', deputies: ['dep'], members: ['old'] };

  it('SPEC §2.9: those the earlier rounds of the chain elected (a selection too), and the holders of the other offices', () => {
    const first = closed('member-election-1', {
      tally: tally({ elected: ['a'], tied: ['b', 'c'], next: 'organizer-decision' }),
      decision: { choice: 'select', reason: 'r', by: 'o', at: 'x', memberIds: ['b'] },
    });
    const voided = closed('member-election-2', {
      follows: first.id,
      status: 'void',
      tally: tally({ status: 'void', elected: [], next: 'revote' }),
    });
    const elsewhere = closed('member-election-9', { tally: tally({ elected: ['z'] }) });
    const rounds = [first, voided, elsewhere];
    const round = { follows: voided.id, office: 'member', stage: 'member-election' } as const;
    expect(alreadyElected(round, rounds, result)).toEqual(['a', 'b', 'sec', 'dep']);
  });

  it('a first round knows only the other offices; a by-election every office holder', () => {
    expect(alreadyElected({ office: 'deputy', stage: 'deputy-election' }, [], result)).toEqual([
      'sec',
      'old',
    ]);
    expect(alreadyElected({ office: 'member', stage: 'by-election' }, [], result)).toEqual([
      'sec',
      'dep',
      'old',
    ]);
    expect(alreadyElected({ office: 'secretary', stage: 'secretary-election' }, [])).toEqual([]);
  });
});

describe('closedStatus', () => {
  it('a valid tally closes the round; a void or no-quorum one names it', () => {
    expect(closedStatus(tally({}))).toBe('closed');
    expect(closedStatus(tally({ status: 'void', next: 'revote' }))).toBe('void');
    expect(closedStatus(tally({ status: 'no-quorum', next: 'revote' }))).toBe('no-quorum');
  });
});

describe('planRevote after a close', () => {
  it('holds a void or no-quorum round again as it was, without counting a re-vote', () => {
    const again = planRevote(
      { ...recommendation, revotesSoFar: 1 },
      tally({ status: 'void', next: 'revote' }),
    );
    expect(again).toEqual({
      candidates: ['a', 'b', 'c', 'd', 'e'],
      seats: 1,
      places: 3,
      revotesSoFar: 1,
    });
  });

  it('a recommendation tie re-votes among the tied for the places left, one name a ballot', () => {
    const next = planRevote(
      recommendation,
      tally({ elected: ['a'], tied: ['b', 'c', 'd'], next: 'revote' }),
    );
    expect(next).toEqual({ candidates: ['b', 'c', 'd'], seats: 1, places: 2, revotesSoFar: 1 });
  });

  it('a committee recommendation ballot never names more than the places left', () => {
    const members = { ...recommendation, seats: 3, places: 4 };
    const next = planRevote(
      members,
      tally({ elected: ['a', 'b', 'c'], tied: ['d', 'e'], next: 'revote' }),
    );
    expect(next).toMatchObject({ candidates: ['d', 'e'], seats: 1, places: 1 });
  });

  it('an election shortfall holds a further round among those not elected for the seats left', () => {
    const next = planRevote(
      { kind: 'election', candidates: ['a', 'b', 'c'], seats: 2, revotesSoFar: 0 },
      tally({ elected: ['a'], shortfall: 1, next: 'revote' }),
    );
    expect(next).toEqual({ candidates: ['b', 'c'], seats: 1, revotesSoFar: 1 });
  });

  it('SPEC §2.8–9: an election tie re-votes among the tied only (no write-ins), also when that re-vote is held again', () => {
    const committee = { kind: 'election' as const, candidates: ['a', 'b', 'c'], seats: 2 };
    const next = planRevote(
      { ...committee, revotesSoFar: 0 },
      tally({ elected: ['a'], tied: ['b', 'c'], next: 'revote' }),
    );
    expect(next).toEqual({ candidates: ['b', 'c'], seats: 1, revotesSoFar: 1, amongTied: true });
    const again = planRevote(
      { kind: 'election', ...(next as NonNullable<typeof next>) },
      tally({ status: 'void', next: 'revote' }),
    );
    expect(again).toMatchObject({ candidates: ['b', 'c'], amongTied: true });
  });

  it('nothing opens by itself when the round advances or waits for the organizers', () => {
    expect(planRevote(election, tally({ elected: ['a'] }))).toBeNull();
    expect(
      planRevote(election, tally({ tied: ['a', 'b'], next: 'organizer-decision' })),
    ).toBeNull();
  });

  it('counts a recommendation’s places, an election’s seats', () => {
    expect(placesOf({ kind: 'recommendation', seats: 1, places: 3 })).toBe(3);
    expect(placesOf({ kind: 'election', seats: 2 })).toBe(2);
  });
});
