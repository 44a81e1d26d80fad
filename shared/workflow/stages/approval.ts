import { findCurrentApproval } from '../../election/approvals/approval.ts';
import type { ApprovalSubject } from '../../election/approvals/subject.ts';
import type { Office, Stage } from '../../rules/index.ts';
import type { ApprovalKind, ApprovalRecord } from '../../store/records.ts';
import { listRounds } from '../../store/rounds.ts';
import type { StageContext } from '../context.ts';
import { advance, halt, type Outcome, type StageLogic } from './outcome.ts';
import { named, namesOf, organization, organizers, tell } from './tell.ts';

/** Approvals by the superior: a stage that waits for its decision, told to the organizers. */

/**
 * The stage's approval of `kind` decided since the stage began, if any — read from the
 * approval's own record (consistently), so a decision is applied even if releasing the task failed.
 */
export const decided = async (
  ctx: StageContext,
  kind: ApprovalKind,
): Promise<ApprovalRecord | undefined> => {
  const approval = await findCurrentApproval({
    electionId: ctx.election.id,
    kind,
    stage: ctx.stage,
  });
  const settled = approval?.status === 'approved' || approval?.status === 'rejected';
  return settled && approval.createdAt >= ctx.since ? approval : undefined;
};

export const rejection = (approval: ApprovalRecord) =>
  halt(`上级党组织未予批准${approval.decision?.comment ? `:${approval.decision.comment}` : ''}`);

const approvalStage = (
  kind: ApprovalKind,
  subject: (ctx: StageContext) => Promise<ApprovalSubject>,
  onApprove: (ctx: StageContext, approval: ApprovalRecord) => Promise<Outcome> = async () =>
    advance,
): StageLogic => ({
  timed: false,
  async finish(ctx) {
    const approval = await decided(ctx, kind);
    if (!approval) return { outcome: 'approval' };
    const comment = approval.decision?.comment?.trim();
    await tell(
      ctx,
      await organizers(ctx),
      'approval-outcome',
      {
        organization: await organization(ctx),
        kind,
        decision: approval.status === 'approved' ? 'approved' : 'rejected',
        decidedAt: approval.decidedAt ?? ctx.now.toISOString(),
        superior: (await ctx.org()).superior.name,
        selection: await namesOf(ctx, approval.decision?.selection ?? []),
        ...(comment ? { comment } : {}),
      },
      `approval-${approval.id}`,
    );
    return approval.status === 'approved' ? onApprove(ctx, approval) : rejection(approval);
  },
  approval: { kind, subject },
});

/** The last counted round of a stage's chain for an office. */
export const lastCounted = async (ctx: StageContext, stage: Stage, office: Office) =>
  (await listRounds(ctx.election.id))
    .filter((r) => r.stage === stage && r.office === office && r.status === 'closed' && r.tally)
    .at(-1);

/**
 * What the superior approves of an election stage: the candidates of its deciding round with
 * their votes, who was elected, the ballot totals (shape: shared/election/approvals/subject.ts).
 */
const resultSubject =
  (stages: { stage: Stage; office: Office }[]) =>
  async (ctx: StageContext): Promise<ApprovalSubject> => {
    // Only the offices approved here: the committee is elected before the secretary's approval.
    const all = ctx.election.result ?? { secretary: null, deputies: [], members: [] };
    const offices = new Set(stages.map(({ office }) => office));
    const result = {
      ...(offices.has('secretary') ? { secretary: all.secretary } : {}),
      ...(offices.has('deputy') ? { deputies: all.deputies } : {}),
      ...(offices.has('member') ? { members: all.members } : {}),
    };
    const candidates: NonNullable<ApprovalSubject['candidates']> = [];
    let totals: ApprovalSubject['totals'];
    let roundId: string | undefined;
    for (const { stage, office } of stages) {
      const round = await lastCounted(ctx, stage, office);
      if (!round?.tally) continue;
      const { tally } = round;
      roundId ??= round.id;
      totals ??= {
        issued: tally.issued,
        returned: tally.returned,
        valid: tally.valid,
        invalid: tally.invalid,
      };
      for (const { memberId, name } of await named(ctx, Object.keys(tally.counts))) {
        candidates.push({
          memberId,
          name,
          office,
          count: tally.counts[memberId],
          elected: tally.elected.includes(memberId),
        });
      }
    }
    return { candidates, result, ...(totals ? { totals } : {}), ...(roundId ? { roundId } : {}) };
  };

export const secretaryApproval = approvalStage(
  'secretary',
  resultSubject([{ stage: 'secretary-election', office: 'secretary' }]),
);

export const memberApproval = approvalStage(
  'members',
  resultSubject([
    { stage: 'deputy-election', office: 'deputy' },
    { stage: 'member-election', office: 'member' },
  ]),
);

// yuyang 监督审批关: one approval of the whole result (书记、支委 and their votes) by the 矿党委.
export const resultApproval = approvalStage(
  'result',
  resultSubject([
    { stage: 'secretary-election', office: 'secretary' },
    { stage: 'deputy-election', office: 'deputy' },
    { stage: 'member-election', office: 'member' },
  ]),
);
