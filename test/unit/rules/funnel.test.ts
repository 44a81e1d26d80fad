// Proves the secretary's funnel after the recommendation (第一篇: 至少产生4名推荐人选 → 确定3名人选
// 提交街道党工委 → 2名候选人): when more are recommended than inspected-for-the-superior, all are
// inspected and the organizers submit exactly `inspectionCount`; otherwise all go on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CandidateStatus,
  CURRENT_STATUSES,
  checkInspectionProposal,
  isCurrent,
  needsInspectionProposal,
} from '../../../shared/rules/funnel.ts';
import { PRESETS } from '../../../shared/rules/presets.ts';
import { brokenRules, zodPaths } from './fixtures.ts';

const nanjing = PRESETS.nanjing;
const inspected = (...ids: string[]) => ids.map((memberId) => ({ memberId, inspected: true }));

describe('第一篇: 经过组织考察后,确定3名人选提交街道党工委讨论', () => {
  it('nanjing: 4 recommended and inspected, the organizers submit 3; the fourth goes no further', () => {
    const result = checkInspectionProposal(['A', 'C', 'D'], inspected('A', 'B', 'C', 'D'), nanjing);
    expect(result).toEqual({ ok: true, value: { proposed: ['A', 'C', 'D'], eliminated: ['B'] } });
  });

  it('a proposal is needed only when more were recommended than inspectionCount', () => {
    expect(needsInspectionProposal(4, nanjing)).toBe(true);
    expect(needsInspectionProposal(3, nanjing)).toBe(false);
    // community: the 3 recommended are the 3 inspected, all go to the superior (第四篇 第六条 4).
    expect(
      needsInspectionProposal(PRESETS.community.recommendedSecretaryCount, PRESETS.community),
    ).toBe(false);
    expect(
      brokenRules(checkInspectionProposal(['A', 'B', 'C'], inspected('A', 'B', 'C'), nanjing)),
    ).toEqual(['proposal-not-needed']);
  });

  it('差额考察: every recommended candidate is inspected before the choice', () => {
    const pool = [...inspected('A', 'B', 'C'), { memberId: 'D', inspected: false }];
    const result = checkInspectionProposal(['A', 'B', 'C'], pool, nanjing);
    expect(brokenRules(result)).toEqual(['not-inspected']);
    if (!result.ok) expect(result.violations[0]?.message).toContain('D');
  });

  it('exactly inspectionCount distinct recommended candidates, each refusal named', () => {
    const pool = inspected('A', 'B', 'C', 'D');
    expect(brokenRules(checkInspectionProposal(['A', 'B'], pool, nanjing))).toEqual([
      'wrong-proposal-size',
    ]);
    expect(brokenRules(checkInspectionProposal(['A', 'B', 'C', 'D'], pool, nanjing))).toEqual([
      'wrong-proposal-size',
    ]);
    expect(brokenRules(checkInspectionProposal(['A', 'B', 'X'], pool, nanjing))).toEqual([
      'not-recommended',
    ]);
    expect(brokenRules(checkInspectionProposal(['A', 'A', 'B'], pool, nanjing))).toEqual([
      'duplicate-name',
      'wrong-proposal-size',
    ]);
  });

  it('malformed input is a ZodError naming the field', () => {
    expect(
      zodPaths(() => checkInspectionProposal([''], inspected('A', 'B', 'C', 'D'), nanjing)),
    ).toEqual(['proposed.0']);
  });

  it('an accepted proposal splits the recommended: the proposed and the eliminated, nobody lost or twice', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 4, maxLength: 12 }),
        fc.integer({ min: 2, max: 4 }),
        fc.infiniteStream(fc.boolean()),
        (ids, inspectionCount, picks) => {
          const rules = { ...nanjing, inspectionCount, formalSecretaryCandidates: 2 };
          fc.pre(ids.length > inspectionCount);
          const chosen = ids.filter(() => picks.next().value).slice(0, inspectionCount);
          fc.pre(chosen.length === inspectionCount);
          const result = checkInspectionProposal(chosen, inspected(...ids), rules);
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const { proposed, eliminated } = result.value;
          expect(proposed).toHaveLength(inspectionCount);
          expect([...proposed, ...eliminated].toSorted()).toEqual([...ids].toSorted());
        },
      ),
    );
  });
});

describe('the funnel’s statuses: who still stands', () => {
  it('the reviewed and admitted, not yet out or through, stand; the others do not', () => {
    expect(CURRENT_STATUSES).toEqual(['eligible', 'preliminary', 'recommended', 'formal']);
    expect(isCurrent('nominated')).toBe(false);
    expect(isCurrent('elected')).toBe(false);
  });

  it('every status (property): current exactly when listed among the current ones', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CandidateStatus.options), (status) => {
        expect(isCurrent(status)).toBe(CURRENT_STATUSES.includes(status));
      }),
    );
  });
});
