import { idsOf, needsInspectionProposal, ofOffice } from '../../rules/index.ts';
import { promote } from './apply.ts';
import { decided, lastCounted, rejection } from './approval.ts';
import { advance, type StageLogic } from './outcome.ts';
import { namesOf } from './tell.ts';

/**
 * 差额考察: every recommended candidate inspected; where more were recommended than go to the
 * superior, the organizers' choice of them (the others are then eliminated, shared/election/
 * candidates/inspections.ts) — the approval request shows only those still recommended. The
 * superior's selection become the formal candidates.
 */

export const inspection: StageLogic = {
  timed: false,
  async waitingFor(ctx) {
    const recommended = ofOffice(await ctx.candidates(), 'secretary', 'recommended');
    if (recommended.some((c) => !c.inspection)) return 'inspections';
    return needsInspectionProposal(recommended.length, ctx.election.rules)
      ? 'inspection-proposal'
      : null;
  },
  async finish(ctx) {
    const approval = await decided(ctx, 'inspection');
    if (!approval) return { outcome: 'approval' };
    if (approval.status === 'rejected') return rejection(approval);
    const pool = idsOf(ofOffice(await ctx.candidates(), 'secretary', 'recommended'));
    await promote(
      ctx,
      'secretary',
      pool,
      approval.decision?.selection ?? [],
      ['formal', 'eliminated'],
      'formal-candidates-chosen',
    );
    return advance;
  },
  approval: {
    kind: 'inspection',
    async subject(ctx) {
      const recommended = ofOffice(await ctx.candidates(), 'secretary', 'recommended');
      const round = await lastCounted(ctx, 'recommendation', 'secretary');
      return {
        description: `请从以下考察人选中票决确定 ${ctx.election.rules.formalSecretaryCandidates} 名书记正式候选人。`,
        office: 'secretary',
        ...(round ? { roundId: round.id } : {}),
        candidates: await Promise.all(
          recommended.map(async (c) => ({
            memberId: c.memberId,
            name: (await namesOf(ctx, [c.memberId]))[0],
            office: 'secretary',
            count: round?.tally?.counts[c.memberId],
            rate: round?.tally?.rates?.[c.memberId],
            ...(c.inspection
              ? { inspection: { summary: c.inspection.summary, rating: c.inspection.rating } }
              : {}),
          })),
        ),
      };
    },
  },
};
