// Proves how an assembly stage reads its chain of rounds: still voting, waiting for the
// organizers' decision, needing a re-vote, or done with everyone any round (or decision) put
// through — and what the re-vote after a tie, a shortfall or a void count is held among.
import { describe, expect, it } from 'vitest';
import type { Tally } from '../../../shared/rules/index.ts';
import type { RoundRecord } from '../../../shared/store/records.ts';
import { chainState, followUpSpec } from '../../../shared/workflow/assembly.ts';

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

const round = (part: Partial<RoundRecord>): RoundRecord => ({
  id: 'secretary-election-1',
  kind: 'election',
  office: 'secretary',
  stage: 'secretary-election',
  number: 1,
  status: 'closed',
  candidates: ['a', 'b'],
  seats: 1,
  revotesSoFar: 0,
  openedAt: '2026-04-14T01:00:00.000Z',
  ...part,
});

describe('chainState', () => {
  it('has not started without rounds', () => {
    expect(chainState([])).toEqual({ state: 'not-started' });
  });

  it('is voting while the last round is open', () => {
    expect(chainState([round({ status: 'open' })]).state).toBe('voting');
  });

  it('needs a re-vote after a tie (社区三党支部: 11 to 11)', () => {
    const tied = round({
      tally: tally({ counts: { a: 11, b: 11 }, tied: ['a', 'b'], next: 'revote' }),
    });
    expect(chainState([tied]).state).toBe('needs-follow-up');
  });

  it('waits for the organizers after a repeated tie, and goes on once they decided', () => {
    const repeated = round({ tally: tally({ tied: ['a', 'b'], next: 'organizer-decision' }) });
    expect(chainState([repeated]).state).toBe('decision');
    const selected = {
      ...repeated,
      decision: { choice: 'select', reason: '领导小组决定', by: 'o', at: 'x', memberIds: ['a'] },
    };
    expect(chainState([selected])).toEqual({ state: 'done', elected: ['a'] });
  });

  it('is done with everyone a round of the chain put through: the safe places, then the re-vote', () => {
    const first = round({
      kind: 'recommendation',
      candidates: ['a', 'b', 'c', 'd'],
      places: 3,
      tally: tally({ elected: ['a', 'b'], tied: ['c', 'd'], next: 'revote' }),
    });
    const revote = round({
      kind: 'recommendation',
      number: 2,
      candidates: ['c', 'd'],
      places: 1,
      tally: tally({ elected: ['d'] }),
    });
    expect(chainState([first, revote])).toEqual({ state: 'done', elected: ['a', 'b', 'd'] });
  });

  it('counts nobody from a void round', () => {
    const voided = round({ status: 'void', tally: tally({ status: 'void', next: 'revote' }) });
    const again = round({ number: 2, tally: tally({ elected: ['b'] }) });
    expect(chainState([voided, again])).toEqual({ state: 'done', elected: ['b'] });
  });
});

describe('followUpSpec', () => {
  it('holds a void round again with the same candidates, not counting it as a re-vote', () => {
    const voided = round({ status: 'void', tally: tally({ status: 'void', next: 'revote' }) });
    expect(followUpSpec(voided)).toMatchObject({
      candidates: ['a', 'b'],
      seats: 1,
      revotesSoFar: 0,
    });
  });

  it('holds a tie re-vote among the tied for the places left', () => {
    const first = round({
      kind: 'recommendation',
      candidates: ['a', 'b', 'c', 'd'],
      places: 3,
      tally: tally({ elected: ['a', 'b'], tied: ['c', 'd'], next: 'revote' }),
    });
    expect(followUpSpec(first)).toMatchObject({
      candidates: ['c', 'd'],
      places: 1,
      seats: 1,
      revotesSoFar: 1,
    });
  });

  it('holds a further round (另行选举) among those not elected for the seats left', () => {
    const short = round({
      office: 'member',
      candidates: ['a', 'b', 'c'],
      seats: 2,
      tally: tally({ elected: ['a'], shortfall: 1, next: 'revote' }),
    });
    expect(followUpSpec(short)).toMatchObject({
      candidates: ['b', 'c'],
      seats: 1,
      revotesSoFar: 1,
    });
  });
});
