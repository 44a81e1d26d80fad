// Proves the one re-vote planner (SPEC §9, §2.9; 第四篇: 对这部分人重新投票推荐): a void count
// held again as it was, a tie among the tied for the places left, a shortfall among those not
// elected for the seats missing, the organizers' re-vote or reduced seats as they decided —
// and nothing by itself when the round advances or waits for the organizers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placesOf, planRevote, type RevoteRound } from '../../../shared/rules/revote.ts';
import type { Tally } from '../../../shared/rules/tally.ts';

const tally = (part: Partial<Tally>): Tally => ({
  status: 'valid',
  issued: 9,
  returned: 9,
  valid: 9,
  invalid: 0,
  counts: {},
  elected: [],
  next: 'advance',
  ...part,
});

const election: RevoteRound = {
  kind: 'election',
  candidates: ['a', 'b', 'c'],
  seats: 2,
  revotesSoFar: 0,
};

describe('SPEC §9: the round that votes again', () => {
  it('waits for the organizers, then follows their re-vote order', () => {
    const waiting = tally({ elected: ['a'], tied: ['b', 'c'], next: 'organizer-decision' });
    expect(planRevote(election, waiting)).toBeNull();
    expect(planRevote({ ...election, decision: { choice: 'select' } }, waiting)).toBeNull();
    expect(planRevote({ ...election, decision: { choice: 'revote' } }, waiting)).toEqual({
      candidates: ['b', 'c'],
      seats: 1,
      revotesSoFar: 1,
      amongTied: true,
    });
  });

  it('SPEC §2.9: reduced seats still open are voted for as the decision says', () => {
    const short = tally({ elected: ['a'], shortfall: 1, next: 'organizer-decision' });
    expect(planRevote(election, short, { candidates: ['b', 'c'], seats: 1 })).toEqual({
      candidates: ['b', 'c'],
      seats: 1,
      revotesSoFar: 1,
    });
  });

  it('a recommendation counts its places, an election its seats', () => {
    expect(placesOf({ kind: 'recommendation', seats: 1, places: 3 })).toBe(3);
    expect(placesOf({ kind: 'election', seats: 2 })).toBe(2);
  });

  it('SPEC §9 (property): a re-vote is among the round’s candidates, for no more places than it had and at least one, one re-vote more — or the same round again after no count', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    fc.assert(
      fc.property(
        fc.constantFrom('election' as const, 'recommendation' as const),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(3),
        fc.nat(6),
        fc.constantFrom('valid' as const, 'void' as const, 'no-quorum' as const),
        fc.boolean(),
        (kind, n, seats, revotesSoFar, cut, status, tie) => {
          const candidates = ids.slice(0, n);
          const places = Math.min(seats, n - 1);
          const round: RevoteRound = { kind, candidates, seats: places, revotesSoFar };
          const elected = candidates.slice(0, Math.min(cut, places - 1));
          const rest = candidates.filter((id) => !elected.includes(id));
          const counted =
            status !== 'valid'
              ? tally({ status, next: 'revote' })
              : tie
                ? tally({ elected, tied: rest.slice(0, 2), next: 'revote' })
                : tally({ elected, shortfall: places - elected.length, next: 'revote' });
          const plan = planRevote(round, counted);
          if (status !== 'valid') {
            expect(plan).toMatchObject({ candidates, seats: places, revotesSoFar });
            return;
          }
          expect(plan).not.toBeNull();
          if (!plan) return;
          expect(plan.revotesSoFar).toBe(revotesSoFar + 1);
          for (const id of plan.candidates) expect(candidates).toContain(id);
          for (const id of plan.candidates) expect(elected).not.toContain(id);
          expect(plan.seats).toBeGreaterThanOrEqual(1);
          expect(plan.seats).toBeLessThanOrEqual(places - elected.length);
          expect(planRevote(round, { ...counted, next: 'advance' })).toBeNull();
        },
      ),
    );
  });
});
