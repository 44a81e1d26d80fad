// Proves how an assembly stage reads its chain of rounds: still voting, waiting for the
// organizers' decision, needing a re-vote, or done with everyone any round (or decision) put
// through — never with a seat left empty unless the organizers reduced the seats (SPEC §2.9) —
// and what the re-vote after a tie, a shortfall or a void count is held among.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closedStatus, electedIn, tallyRound } from '../../../../shared/election/rounds/tally.ts';
import {
  applyDecision,
  ballotChecker,
  planRevote,
  type RevotePlan,
  resolveRules,
  type Tally,
} from '../../../../shared/rules/index.ts';
import type { StoredBallot } from '../../../../shared/store/ballots.ts';
import type { ElectionResult, RoundRecord } from '../../../../shared/store/records.ts';
import { chainState } from '../../../../shared/workflow/stages/assembly.ts';
import { committeeRound, roundRecord } from '../../../support/builders.ts';

const tally = (part: Partial<Tally>): Tally => ({
  status: 'valid',
  issued: 22,
  returned: 22,
  valid: 22,
  invalid: 0,
  counts: {},
  elected: [],
  next: 'advance',
  ...part,
});

/** A first recommendation round: a and b through, c and d tied for the third place. */
const tiedForThird = roundRecord({
  kind: 'recommendation',
  candidates: ['a', 'b', 'c', 'd'],
  places: 3,
  tally: tally({ elected: ['a', 'b'], tied: ['c', 'd'], next: 'revote' }),
});

describe('chainState', () => {
  it('has not started without rounds', () => {
    expect(chainState([])).toEqual({ state: 'not-started' });
  });

  it('is voting while the last round is open', () => {
    expect(chainState([roundRecord({ status: 'open' })]).state).toBe('voting');
  });

  it('needs a re-vote after a tie (社区三党支部: 11 to 11)', () => {
    const tied = roundRecord({
      tally: tally({ counts: { a: 11, b: 11 }, tied: ['a', 'b'], next: 'revote' }),
    });
    expect(chainState([tied]).state).toBe('needs-follow-up');
  });

  it('waits for the organizers after a repeated tie, and goes on once they decided', () => {
    const repeated = roundRecord({
      tally: tally({ tied: ['a', 'b'], next: 'organizer-decision' }),
    });
    expect(chainState([repeated]).state).toBe('decision');
    const selected = {
      ...repeated,
      decision: { choice: 'select', reason: '领导小组决定', by: 'o', at: 'x', memberIds: ['a'] },
    };
    expect(chainState([selected])).toEqual({ state: 'done', elected: ['a'] });
  });

  it('is done with everyone a round of the chain put through: the safe places, then the re-vote', () => {
    const revote = roundRecord({
      kind: 'recommendation',
      number: 2,
      candidates: ['c', 'd'],
      places: 1,
      tally: tally({ elected: ['d'] }),
    });
    expect(chainState([tiedForThird, revote])).toEqual({ state: 'done', elected: ['a', 'b', 'd'] });
  });

  it('counts nobody from a void round', () => {
    const voided = roundRecord({
      status: 'void',
      tally: tally({ status: 'void', next: 'revote' }),
    });
    const again = roundRecord({ number: 2, tally: tally({ elected: ['b'] }) });
    expect(chainState([voided, again])).toEqual({ state: 'done', elected: ['b'] });
  });

  it('SPEC §2.9: is not done with a seat empty — rounds that elected one member twice call for a further round for the missing seat', () => {
    // As a tally that let an elected member be written in again would have it: a, then a again.
    const first = committeeRound({
      id: 'member-election-1',
      tally: tally({ elected: ['a'], shortfall: 1, next: 'revote' }),
    });
    const further = roundRecord({
      id: 'member-election-2',
      office: 'member',
      stage: 'member-election',
      number: 2,
      candidates: ['b', 'c'],
      seats: 1,
      revotesSoFar: 1,
      follows: first.id,
      tally: tally({ elected: ['a'] }),
    });
    expect(chainState([first, further])).toEqual({
      state: 'needs-follow-up',
      round: further,
      next: { candidates: ['b', 'c'], seats: 1, revotesSoFar: 2 },
    });
  });

  it('SPEC §2.9: ends with fewer seats filled only by the organizers’ recorded reduction', () => {
    const short = committeeRound({
      tally: tally({ elected: ['a'], shortfall: 1, next: 'organizer-decision' }),
    });
    expect(chainState([short]).state).toBe('decision');
    const reduced = {
      ...short,
      decision: { choice: 'reduce-seats', reason: '另行选举仍不足', by: 'o', at: 'x', seats: 1 },
    };
    expect(chainState([reduced])).toEqual({ state: 'done', elected: ['a'] });
  });
});

describe('planRevote of a stored round', () => {
  it('holds a void round again with the same candidates, not counting it as a re-vote', () => {
    const voided = roundRecord({
      status: 'void',
      tally: tally({ status: 'void', next: 'revote' }),
    });
    expect(planRevote(voided, voided.tally)).toMatchObject({
      candidates: ['a', 'b'],
      seats: 1,
      revotesSoFar: 0,
    });
  });

  it('holds a tie re-vote among the tied for the places left', () => {
    expect(planRevote(tiedForThird, tiedForThird.tally)).toMatchObject({
      candidates: ['c', 'd'],
      places: 1,
      seats: 1,
      revotesSoFar: 1,
    });
  });

  it('holds a further round (另行选举) among those not elected for the seats left', () => {
    const short = committeeRound({
      tally: tally({ elected: ['a'], shortfall: 1, next: 'revote' }),
    });
    expect(planRevote(short, short.tally)).toMatchObject({
      candidates: ['b', 'c'],
      seats: 1,
      revotesSoFar: 1,
    });
  });
});

describe('a chain of rounds (property)', () => {
  const SECRETARY = 'sec';
  const OUTSIDERS = ['w1', 'w2'];
  const result: ElectionResult = { secretary: SECRETARY, deputies: [], members: [] };

  /** A ballot as slots: the round's candidates by index, a write-in by whom it names. */
  const ballotShape = fc.record({
    forSlots: fc.uniqueArray(fc.nat(5), { maxLength: 3 }),
    againstSlots: fc.uniqueArray(fc.nat(5), { maxLength: 3 }),
    writeIn: fc.option(
      fc.oneof(
        fc.constant({ of: 'secretary' as const, i: 0 }),
        fc.record({ of: fc.constant('elected' as const), i: fc.nat(3) }),
        fc.record({ of: fc.constant('outsider' as const), i: fc.nat(1) }),
      ),
      { nil: undefined },
    ),
    // Few distinct ballots, each cast many times: majorities, ties and shortfalls are frequent.
    times: fc.integer({ min: 0, max: 9 }),
  });
  const roundVote = fc.record({
    ballots: fc.array(ballotShape, { minLength: 1, maxLength: 4 }),
    // Now and then fewer ballots than 4/5 of 应到会: no quorum, the round is held again.
    thin: fc.boolean(),
  });
  const decisionPick = fc.record({
    choice: fc.constantFrom('select', 'revote', 'reduce-seats'),
    k: fc.nat(3),
  });
  const chain = fc.record({
    seats: fc.integer({ min: 1, max: 3 }),
    extra: fc.integer({ min: 1, max: 2 }),
    automaticRevotes: fc.integer({ min: 0, max: 2 }),
    votes: fc.array(roundVote, { minLength: 10, maxLength: 10 }),
    decisions: fc.array(decisionPick, { minLength: 10, maxLength: 10 }),
  });

  type Shape = typeof ballotShape extends fc.Arbitrary<infer T> ? T : never;

  /** The ballot a shape stands for in a round, given who the chain elected so far. */
  const ballotOf = (shape: Shape, at: RoundRecord, elected: readonly string[]) => {
    const pick = (slots: number[]) => [
      ...new Set(slots.map((i) => at.candidates[i % at.candidates.length] as string)),
    ];
    const forIds = pick(shape.forSlots).slice(0, at.seats);
    const against = pick(shape.againstSlots).filter((id) => !forIds.includes(id));
    const written =
      shape.writeIn?.of === 'secretary'
        ? SECRETARY
        : shape.writeIn?.of === 'elected'
          ? (elected[shape.writeIn.i % Math.max(1, elected.length)] ?? SECRETARY)
          : shape.writeIn
            ? OUTSIDERS[shape.writeIn.i]
            : undefined;
    const writeIns =
      written && against.length > 0 && forIds.length < at.seats ? [written] : undefined;
    return {
      marks: Object.fromEntries([
        ...forIds.map((id) => [id, 'for']),
        ...against.map((id) => [id, 'against']),
      ]),
      ...(writeIns ? { writeIns } : {}),
    };
  };

  /** The organizers' decision, as the API would record it; a refused one becomes a re-vote. */
  const decide = (at: RoundRecord, pick: { choice: string; k: number }) => {
    const t = at.tally as Tally;
    const open = at.seats - t.elected.length;
    const tied = t.tied ?? [];
    const wanted =
      pick.choice === 'select' && tied.length > 0
        ? {
            choice: 'select' as const,
            memberIds: tied.slice(0, Math.max(1, open)),
            reason: '领导小组决定',
          }
        : pick.choice === 'reduce-seats'
          ? {
              choice: 'reduce-seats' as const,
              seats: Math.max(0, at.seats - 1 - (pick.k % 2)),
              reason: '减少名额',
            }
          : { choice: 'revote' as const, reason: '再次投票' };
    const context = {
      round: { kind: at.kind, office: at.office, candidates: at.candidates, seats: at.seats },
      tally: t,
      attendance: { expected: t.returned, present: t.returned, issued: t.issued },
      rules: { majorityBase: 'present' as const },
    };
    let decision: typeof wanted | { choice: 'revote'; reason: string } = wanted;
    let checked = applyDecision(context, decision);
    if (!checked.ok) {
      decision = { choice: 'revote', reason: '再次投票' };
      checked = applyDecision(context, decision);
    }
    if (!checked.ok) throw new Error(JSON.stringify(checked.violations));
    const outcome = checked.value;
    const record = {
      choice: decision.choice,
      reason: decision.reason,
      by: 'organizer',
      at: 'now',
      ...('memberIds' in decision ? { memberIds: decision.memberIds } : {}),
      ...('seats' in decision ? { seats: decision.seats } : {}),
      elected: outcome.choice === 'revote' ? [...t.elected] : outcome.elected,
    };
    const next = outcome.choice === 'select' ? null : outcome.round;
    return {
      record,
      plan: next ? planRevote(at, t, next) : null,
    };
  };

  it('SPEC §2.9: a chain of rounds never ends with fewer seats filled than seats, except by a recorded organizer decision — write-ins of the elected included', () => {
    fc.assert(
      fc.property(chain, ({ seats, extra, automaticRevotes, votes, decisions }) => {
        const rules = resolveRules('community', { automaticRevotes });
        const candidates = ['c1', 'c2', 'c3', 'c4', 'c5'].slice(0, seats + extra);
        const rounds: RoundRecord[] = [];
        const open = (plan: RevotePlan, follows?: string) => {
          const number = rounds.length + 1;
          rounds.push({
            id: `member-election-${number}`,
            kind: 'election',
            office: 'member',
            stage: 'member-election',
            number,
            status: 'open',
            ...plan,
            openedAt: `2026-04-14T01:00:${String(number).padStart(2, '0')}.000Z`,
            ...(follows ? { follows } : {}),
          });
        };
        open({ candidates, seats, revotesSoFar: 0 });

        for (const [i, vote] of votes.entries()) {
          const state = chainState(rounds);
          if (state.state === 'done') break;
          if (state.state === 'needs-follow-up') {
            open(state.next, state.round.id);
            continue;
          }
          const at = rounds.at(-1) as RoundRecord;
          if (state.state === 'decision') {
            const { record, plan } = decide(at, decisions[i] as { choice: string; k: number });
            at.decision = record;
            if (plan) open(plan, at.id);
            continue;
          }
          // Voting: the tellers enter the ballots (checked as at entry), the scrutineer closes.
          const elected = [...new Set(rounds.flatMap(electedIn))];
          const check = ballotChecker({
            kind: 'election',
            candidates: at.candidates,
            seats: at.seats,
            eligibleWriteIns: () => true,
            ...(at.amongTied ? { amongTied: true } : {}),
          });
          const stored: StoredBallot[] = vote.ballots.flatMap((shape, k) =>
            Array.from({ length: shape.times }, (_, n) => {
              const content = ballotOf(shape, at, elected);
              return {
                serial: `${k}-${n}`,
                content,
                valid: check({ serial: 'x', ...content }).valid,
              };
            }),
          );
          const returned = stored.length;
          const expected = vote.thin ? returned * 2 + 1 : returned;
          const attendance = {
            expected,
            present: returned,
            ballotsIssued: returned,
            staff: { announcer: 'x', scrutineer: 'y', counter: 'z' },
            recordedBy: 'teller',
            at: 'now',
          };
          const t = tallyRound(at, attendance, stored, rules, { rounds, result });
          at.tally = t;
          at.status = closedStatus(t);
          const plan = planRevote(at, t);
          if (plan) open(plan, at.id);
        }

        const state = chainState(rounds);
        if (state.state !== 'done') return; // still voting after 10 steps: nothing ended
        const elected = state.elected;
        expect(new Set(elected).size).toBe(elected.length);
        expect(elected).not.toContain(SECRETARY);
        const reductions = rounds.filter((r) => r.decision?.choice === 'reduce-seats');
        if (reductions.length === 0) expect(elected).toHaveLength(seats);
        else {
          const taken = reductions.reduce((n, r) => n + r.seats - (r.decision?.seats ?? 0), 0);
          expect(elected).toHaveLength(seats - taken);
        }
      }),
      { numRuns: 400 },
    );
  });
});
