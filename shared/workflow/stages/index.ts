import type { Stage } from '../../rules/index.ts';
import { announcement, nomination } from './announcement.ts';
import { memberApproval, resultApproval, secretaryApproval } from './approval.ts';
import { deputyElection, memberElection, secretaryElection } from './elections.ts';
import { eligibilityReview } from './eligibility-review.ts';
import { formalNotice } from './formal-notice.ts';
import { inspection } from './inspection.ts';
import type { StageLogic } from './outcome.ts';
import { preliminaryNotice } from './preliminary-notice.ts';
import { evaluation, partyRecommendation, recommendation } from './recommendation.ts';

/**
 * Every stage's logic, one file per stage or family: each loads what it needs, asks the rules
 * (shared/rules: funnel, pools, competition's shortfall, revote) and applies the answer.
 */

export { openWork } from './open-work.ts';
export type { Outcome, StageLogic } from './outcome.ts';

export const STAGE_LOGIC: Record<Stage, StageLogic> = {
  announcement,
  nomination,
  'eligibility-review': eligibilityReview,
  'preliminary-notice': preliminaryNotice,
  recommendation,
  'party-recommendation': partyRecommendation,
  evaluation,
  inspection,
  'formal-notice': formalNotice,
  'secretary-election': secretaryElection,
  'secretary-approval': secretaryApproval,
  'deputy-election': deputyElection,
  'member-election': memberElection,
  'member-approval': memberApproval,
  approval: resultApproval,
};
