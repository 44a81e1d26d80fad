// Proves every preset is a complete, valid rules object carrying the seeds' numbers, and that
// an election's overrides are validated again as a whole.
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { PRESETS, resolveRules } from '../../../shared/rules/presets.ts';
import { Rules } from '../../../shared/rules/rules.ts';

describe('presets', () => {
  it.each(Object.keys(PRESETS) as (keyof typeof PRESETS)[])(
    '%s is a valid rules object',
    (name) => {
      expect(() => Rules.parse(PRESETS[name])).not.toThrow();
      expect(PRESETS[name].preset).toBe(name);
    },
  );

  it('community carries 第三条 and 第六条: 2 years party age, 55, 高中, ≥ 3 names, 150 representatives, 4/5 of those entitled casting ballots', () => {
    const rules = PRESETS.community;
    expect(rules.minPartyAgeYears).toBe(2);
    expect(rules.maxAge).toBe(55);
    expect(rules.minEducation).toBe('senior');
    expect(rules.minPreliminarySecretary).toBe(3);
    expect(rules.minResidentRepresentatives).toBe(150);
    expect(rules.inspectionCount).toBe(3);
    expect(rules.formalSecretaryCandidates).toBe(2);
    expect(rules.electionQuorum).toEqual({
      basis: 'returned',
      share: { numerator: 4, denominator: 5 },
      comparison: 'at-least',
    });
    expect(rules.recommendation.constituencies.map((c) => c.weight)).toEqual([0.5, 0.5]);
    expect(rules.recallMinSignatories).toBe(10);
  });

  it('第六条5: community runs the stages of SPEC §7 in order — the committee elected at the secretary’s assembly, then both approvals', () => {
    // SPEC §7's order written out, not derived: the one copy besides presets.ts's COMMUNITY_STAGES,
    // which the scenarios and fixtures derive from.
    for (const preset of ['community', 'regulation'] as const) {
      expect(PRESETS[preset].stages).toEqual([
        'announcement',
        'nomination',
        'eligibility-review',
        'preliminary-notice',
        'recommendation',
        'inspection',
        'formal-notice',
        'secretary-election',
        'member-election',
        'secretary-approval',
        'member-approval',
      ]);
    }
    // 书记产生后,即可将…委员建议名单提交社区党员大会: the same day 30, the approvals after it.
    const { calendar } = PRESETS.community;
    expect(calendar['member-election']).toEqual(calendar['secretary-election']);
    expect(calendar['member-election']).toEqual({ fromDay: 30, days: 1 });
    expect(calendar['secretary-approval']?.fromDay).toBe(31);
    expect(calendar['member-approval']?.fromDay).toBe(31);
  });

  it('regulation reads the quorum as more than 4/5 of 应到会 attending', () => {
    expect(PRESETS.regulation.electionQuorum).toEqual({
      basis: 'present',
      share: { numerator: 4, denominator: 5 },
      comparison: 'more-than',
    });
  });

  it('第一篇 nanjing: 至少产生4名推荐人选 → 3 提交街道党工委 → 2 候选人, and deputies between secretary and members', () => {
    const rules = PRESETS.nanjing;
    expect([
      rules.minPreliminarySecretary,
      rules.recommendedSecretaryCount,
      rules.inspectionCount,
      rules.formalSecretaryCandidates,
    ]).toEqual([4, 4, 3, 2]);
    const stages = rules.stages;
    expect(stages.indexOf('deputy-election')).toBeGreaterThan(stages.indexOf('secretary-election'));
    expect(stages.indexOf('deputy-election')).toBeLessThan(stages.indexOf('member-election'));
    expect(rules.nominationOffices).toEqual(['secretary', 'deputy', 'member']);
  });

  it('第一篇 nanjing: the 组织关系 condition is that it can be transferred into the community', () => {
    expect(PRESETS.nanjing.orgRelation).toBe('transferable');
    expect(PRESETS.community.orgRelation).toBe('local');
  });

  it('community puts through 3 from the recommendation (依据由高到低的顺序确定考察人选3名), all inspected', () => {
    expect(PRESETS.community.recommendedSecretaryCount).toBe(3);
    expect(PRESETS.community.inspectionCount).toBe(3);
  });

  it('第三篇 yuyang: a full member of 2 years — no age, education, relation, health or documents condition, no quorum for 党内推荐', () => {
    const rules = PRESETS.yuyang;
    expect(rules.minPartyAgeYears).toBe(2);
    expect(rules.maxAge).toBeNull();
    expect(rules.minEducation).toBeNull();
    expect(rules.orgRelation).toBe('any');
    expect(rules.requireHealthy).toBe(false);
    expect(rules.requireDocuments).toBe(false);
    expect(rules.recommendationQuorum).toBeNull();
    expect(PRESETS.community.requireDocuments).toBe(true);
  });

  it('条例 regulation: a candidate needs more than half of 应到会 (majorityBase expected)', () => {
    expect(PRESETS.regulation.majorityBase).toBe('expected');
    expect(PRESETS.community.majorityBase).toBe('present');
  });

  it('第六条5 (SPEC §9 Presets): nanjing elects secretary, deputies and committee at one assembly, the approvals after it', () => {
    expect(PRESETS.nanjing.stages.slice(-5)).toEqual([
      'secretary-election',
      'deputy-election',
      'member-election',
      'secretary-approval',
      'member-approval',
    ]);
    const { calendar } = PRESETS.nanjing;
    expect(calendar['deputy-election']?.fromDay).toBe(30);
    expect(calendar['member-election']?.fromDay).toBe(30);
    expect(calendar['secretary-approval']?.fromDay).toBe(31);
  });

  it('yuyang takes self-nominations only and runs 两推一评 before the five gates', () => {
    const rules = PRESETS.yuyang;
    expect(rules.nominationKinds).toEqual(['self']);
    expect(rules.stages).toEqual([
      'announcement',
      'nomination',
      'party-recommendation',
      'evaluation',
      'eligibility-review',
      'secretary-election',
      'member-election',
      'approval',
    ]);
    expect(rules.recommendation.constituencies).toEqual([
      { id: 'members', name: '党员', weight: 1 },
    ]);
  });
});

describe('resolveRules', () => {
  it('applies an override and keeps the preset for the rest', () => {
    const rules = resolveRules('community', { minJointSupporters: 8, majorityBase: 'expected' });
    expect(rules.minJointSupporters).toBe(8);
    expect(rules.majorityBase).toBe('expected');
    expect(rules.maxAge).toBe(55);
  });

  it('merges the nested evaluation rules one level deep', () => {
    const rules = resolveRules('yuyang', { evaluation: { basicallyCounts: true } });
    expect(rules.evaluation).toEqual({
      basicallyCounts: true,
      participation: { numerator: 1, denominator: 2 },
    });
  });

  it('rejects an unknown key, naming it', () => {
    expect(() => resolveRules('community', { quorum: 3 })).toThrow(/quorum/);
  });

  it('rejects a wrong type, naming the field', () => {
    try {
      resolveRules('community', { maxAge: 'old' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues[0]?.path).toEqual(['maxAge']);
    }
  });

  it('validates the combined result: weights must add up to 1', () => {
    expect(() =>
      resolveRules('community', {
        recommendation: {
          constituencies: [
            { id: 'units', name: '社区单位党组织', weight: 0.7 },
            { id: 'residents', name: '社区居民群众', weight: 0.5 },
          ],
        },
      }),
    ).toThrow(/add up to 1/);
  });

  it('validates the combined result: the superior cannot choose more than were inspected', () => {
    expect(() => resolveRules('community', { formalSecretaryCandidates: 4 })).toThrow(
      /formalSecretaryCandidates/,
    );
  });

  it('第三篇: an election may add conditions back to yuyang, and configure a quorum', () => {
    const quorum = {
      basis: 'present',
      share: { numerator: 2, denominator: 3 },
      comparison: 'more-than',
    } as const;
    const added = {
      maxAge: 55,
      minEducation: 'senior',
      orgRelation: 'local',
      requireHealthy: true,
      requireDocuments: true,
      recommendationQuorum: quorum,
    } as const;
    expect(resolveRules('yuyang', added)).toMatchObject(added);
  });

  it('第一篇: the funnel narrows at every step — formal ≤ inspected ≤ recommended ≤ preliminary', () => {
    expect(() => resolveRules('nanjing', { recommendedSecretaryCount: 5 })).toThrow(
      /recommendedSecretaryCount/,
    );
    expect(() => resolveRules('nanjing', { recommendedSecretaryCount: 2 })).toThrow(
      /inspectionCount/,
    );
    expect(
      resolveRules('nanjing', { recommendedSecretaryCount: 3 }).recommendedSecretaryCount,
    ).toBe(3);
  });

  it('refuses to change the preset through overrides', () => {
    expect(() => resolveRules('community', { preset: 'yuyang' })).toThrow(/preset/);
  });
});
