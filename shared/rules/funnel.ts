import * as z from 'zod';
import { MemberId } from './members.ts';
import { Rules } from './rules.ts';
import { broken, type Checked, ok, type Violation } from './violations.ts';

/**
 * Where a candidacy stands in the funnel (nomination → review → 公示 → recommendation →
 * inspection → vote): one status per member and office.
 */
export const CandidateStatus = z.enum([
  'nominated',
  'eligible',
  'rejected',
  'preliminary',
  'removed',
  'recommended',
  'eliminated',
  'formal',
  'elected',
  'not-elected',
]);
export type CandidateStatus = z.infer<typeof CandidateStatus>;

/** Still standing: reviewed and admitted, and neither removed, eliminated nor through. */
export const CURRENT_STATUSES: readonly CandidateStatus[] = [
  'eligible',
  'preliminary',
  'recommended',
  'formal',
];

export const isCurrent = (status: CandidateStatus): boolean => CURRENT_STATUSES.includes(status);

/**
 * The secretary's funnel after the recommendation (第一篇: 公推时,至少产生4名推荐人选;经过组织考察
 * 后,确定3名人选提交街道党工委讨论;经党工委票决后,确定2名候选人). When the recommendation puts
 * through more than `inspectionCount`, every recommended candidate is inspected (差额考察) and the
 * organizers then submit exactly `inspectionCount` of them to the superior; the others go no
 * further. Where no more were recommended than that, all of them go to the superior.
 */

const Counts = z.strictObject({ recommended: z.int().min(0) });

/** Whether the organizers must choose whom of the recommended the superior votes on. */
export const needsInspectionProposal = (
  recommended: number,
  rules: Pick<Rules, 'inspectionCount'>,
): boolean => Counts.parse({ recommended }).recommended > rules.inspectionCount;

export const RecommendedCandidate = z.strictObject({
  memberId: MemberId,
  /** The 考察 is recorded. */
  inspected: z.boolean(),
});
export type RecommendedCandidate = z.infer<typeof RecommendedCandidate>;

const ProposalInput = z.strictObject({
  proposed: z.array(MemberId).max(1000),
  recommended: z.array(RecommendedCandidate).max(1000),
});

export interface InspectionProposal {
  /** Submitted to the superior's vote (提交街道党工委讨论), in the order given. */
  proposed: string[];
  /** Inspected but not submitted: they go no further. */
  eliminated: string[];
}

/**
 * Checks the organizers' proposal to the superior: needed at all (more recommended than
 * `inspectionCount`), made after every recommended candidate is inspected, naming exactly
 * `inspectionCount` distinct recommended candidates. Throws a ZodError on malformed input.
 */
export const checkInspectionProposal = (
  proposed: readonly string[],
  recommended: readonly RecommendedCandidate[],
  rules: z.input<typeof Rules>,
): Checked<InspectionProposal> => {
  const valid = ProposalInput.parse({ proposed, recommended });
  const { inspectionCount } = Rules.parse(rules);
  const pool = valid.recommended;
  if (!needsInspectionProposal(pool.length, { inspectionCount })) {
    return broken([
      {
        rule: 'proposal-not-needed',
        message: `考察人选 ${pool.length} 名,不多于 ${inspectionCount} 名,全部提交上级党组织票决,无须确定提交人选`,
      },
    ]);
  }
  const violations: Violation[] = pool
    .filter((c) => !c.inspected)
    .map((c) => ({
      rule: 'not-inspected',
      message: `${c.memberId} 尚未考察:须考察全部考察人选后再确定提交人选(差额考察)`,
    }));
  const names = [...new Set(valid.proposed)];
  if (names.length !== valid.proposed.length) {
    violations.push({ rule: 'duplicate-name', message: '提交人选中有重复的人' });
  }
  const ids = new Set(pool.map((c) => c.memberId));
  for (const id of names.filter((name) => !ids.has(name))) {
    violations.push({ rule: 'not-recommended', message: `${id} 不是本次考察人选` });
  }
  if (names.length !== inspectionCount) {
    violations.push({
      rule: 'wrong-proposal-size',
      message: `须从 ${pool.length} 名考察人选中确定 ${inspectionCount} 名提交上级党组织票决,所选为 ${names.length} 名`,
    });
  }
  if (violations.length > 0) return broken(violations);
  const chosen = new Set(names);
  return ok({
    proposed: names,
    eliminated: pool.map((c) => c.memberId).filter((id) => !chosen.has(id)),
  });
};
