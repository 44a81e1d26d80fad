import type * as z from 'zod';
import { announcement } from './announcement.ts';
import { approvalOutcome, approvalReminder, approvalRequest } from './approval.ts';
import { assemblyInvitation } from './assembly.ts';
import { cancelled } from './cancelled.ts';
import { eligibilityResult, eligibilityReviewList, nominationReceived } from './eligibility.ts';
import { halted, organizerReminder } from './organizers.ts';
import { noticePublished, objectionDigest } from './public-notice.ts';
import { recallFiled, recallOutcome } from './recall.ts';
import { commitmentPublished, finalResult } from './results.ts';
import { roundResult } from './round-result.ts';

/** Every notice of SPEC §4, by the name callers give `notify`. */
export const TEMPLATES = {
  announcement,
  'nomination-received': nominationReceived,
  'eligibility-review-list': eligibilityReviewList,
  'eligibility-result': eligibilityResult,
  'notice-published': noticePublished,
  'objection-digest': objectionDigest,
  'assembly-invitation': assemblyInvitation,
  'round-result': roundResult,
  'approval-request': approvalRequest,
  'approval-reminder': approvalReminder,
  'approval-outcome': approvalOutcome,
  'final-result': finalResult,
  'organizer-reminder': organizerReminder,
  halted,
  cancelled,
  'recall-filed': recallFiled,
  'recall-outcome': recallOutcome,
  'commitment-published': commitmentPublished,
} as const;

export type TemplateName = keyof typeof TEMPLATES;

/** The data a template takes (its schema's input: defaults may be left out). */
export type TemplateData<T extends TemplateName> = z.input<(typeof TEMPLATES)[T]['schema']>;

export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];
