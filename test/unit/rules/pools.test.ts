// Proves who stands at each step of the funnel (先选书记、再选副书记和委员: whoever holds a higher
// office stands no lower; 第五条: the committee from the elected secretary's suggestion list, or
// from the nominations) and how a step moves a pool on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CandidateStatus } from '../../../shared/rules/funnel.ts';
import type { Office } from '../../../shared/rules/members.ts';
import {
  committeePool,
  deputyPool,
  higherOfficeHolders,
  type PoolCandidate,
  promotions,
} from '../../../shared/rules/pools.ts';

const c = (memberId: string, office: Office, status: CandidateStatus): PoolCandidate => ({
  memberId,
  office,
  status,
});

describe('先选书记、再选副书记和委员', () => {
  const result = { secretary: 's', deputies: ['d'] };

  it('the secretary stands no lower; a deputy stands for no committee seat', () => {
    expect([...higherOfficeHolders(result, 'deputy')]).toEqual([['s', 'secretary']]);
    expect([...higherOfficeHolders(result, 'member')]).toEqual([
      ['s', 'secretary'],
      ['d', 'deputy'],
    ]);
    expect(higherOfficeHolders(result, 'secretary').size).toBe(0);
    expect(higherOfficeHolders(undefined, 'member').size).toBe(0);
  });

  it('the deputies’ pool: deputy nominees still standing, but the secretary', () => {
    const candidates = [
      c('s', 'deputy', 'preliminary'),
      c('a', 'deputy', 'preliminary'),
      c('b', 'deputy', 'formal'),
      c('x', 'deputy', 'removed'),
      c('m', 'member', 'preliminary'),
    ];
    expect(deputyPool(candidates, result)).toEqual(['a', 'b']);
  });

  it('第五条: the committee from the elected secretary’s suggestion list, or the nominees', () => {
    const candidates = [
      { ...c('s', 'secretary', 'elected'), suggestion: { memberIds: ['p', 'q', 'r'] } },
      c('d', 'member', 'preliminary'),
      c('m', 'member', 'formal'),
    ];
    expect(committeePool(candidates, 'suggestion-list', result)).toEqual(['p', 'q', 'r']);
    expect(committeePool(candidates, 'nominations', result)).toEqual(['m']);
    expect(committeePool(candidates, 'suggestion-list', { secretary: null, deputies: [] })).toEqual(
      [],
    );
  });

  it('a step (property): everyone put through goes up, the rest of the pool down, once each', () => {
    const id = fc.constantFrom<string>('a', 'b', 'c', 'd', 'e', 'f');
    fc.assert(
      fc.property(fc.uniqueArray(id), fc.uniqueArray(id), (pool, through) => {
        const moved = promotions('member', pool, through, ['elected', 'not-elected']);
        const ids = moved.map((p) => p.memberId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set([...pool, ...through]));
        for (const p of moved) {
          expect(p.office).toBe('member');
          expect(p.status).toBe(through.includes(p.memberId) ? 'elected' : 'not-elected');
        }
      }),
    );
  });
});
