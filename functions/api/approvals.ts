import * as z from 'zod';
import { decideApproval } from '../../shared/election/approvals/approval.ts';
import {
  listPendingApprovals,
  PendingApproval,
  resendApproval,
} from '../../shared/election/approvals/pending.ts';
import { OrgId } from '../../shared/election/elections/schemas.ts';
import { endpoint, type Reply, routeGroup } from '../../shared/http/endpoint.ts';
import { asApiError } from '../../shared/http/errors.ts';
import { isFormPost, PAGE_HEADERS } from '../../shared/http/negotiation.ts';
import { ApprovalParams } from '../../shared/http/params.ts';
import {
  loadApprovalView,
  renderApprovalNotFound,
  renderApprovalPage,
  renderApprovalRefusal,
  renderDecisionConfirmation,
} from '../../shared/pages/approval.ts';
import {
  loadResultReport,
  renderResultReport,
  reportOf,
  reportSummary,
} from '../../shared/pages/result-report.ts';
import { MemberId } from '../../shared/rules/index.ts';
import { afterSupervisionDecision } from '../../shared/supervision/follow-ups.ts';

/**
 * The superior's approval link (SPEC §4, §9): public, the random id is the credential. GET shows
 * the page and changes nothing; POST (JSON or the page's form) records the decision once.
 */

/** A form sends one `selection` as a string and several as an array; JSON sends an array. */
const Selection = z
  .union([MemberId, z.array(MemberId).max(100)])
  .transform((value) => (typeof value === 'string' ? [value] : value));

const Decision = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  selection: Selection.optional(),
  comment: z.string().max(2000).optional(),
});

/** A decision recorded (to JSON clients). */
const ApprovalDecided = z.object({
  id: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'expired']),
});

const headers = { ...PAGE_HEADERS, 'cache-control': 'no-store' };

const notFoundPage = (): Reply<never> => ({ status: 404, headers, html: renderApprovalNotFound() });

const show = endpoint({
  method: 'GET',
  path: '/approve/{approvalId}',
  auth: 'public',
  params: ApprovalParams,
  page: 'What is to be approved, and the form while it can be decided',
  summary: 'The approval page: what is to be approved, and the form (changes nothing)',
  handle: async ({ params }) => {
    const view = await loadApprovalView(params.approvalId);
    if (!view) return notFoundPage();
    const summary = reportSummary(await reportOf(view));
    return { headers, html: renderApprovalPage(view, new Date(), summary) };
  },
});

const report = endpoint({
  method: 'GET',
  path: '/approve/{approvalId}/report',
  auth: 'public',
  params: ApprovalParams,
  page: 'The 选举结果报告单: a printable A4 page of the rounds the approval reviews',
  summary:
    'The 选举结果报告单 of an approval (the link is the credential): attendance, staff, tallies, the elected, the ballots’ seals, sign-off lines',
  handle: async ({ params }) => {
    const found = await loadResultReport(params.approvalId);
    if (!found) return notFoundPage();
    return { headers, html: renderResultReport(found, new Date()) };
  },
});

const decide = endpoint({
  method: 'POST',
  path: '/approve/{approvalId}',
  response: ApprovalDecided,
  auth: 'public',
  params: ApprovalParams,
  body: Decision,
  page: 'To the page’s form: the decision recorded, or why not',
  summary: 'The superior decides (JSON or the page form): approve or reject, once',
  handle: async ({ params, body, event }) => {
    const form = isFormPost(event.headers);
    try {
      const approval = await decideApproval(params.approvalId, body, afterSupervisionDecision);
      if (!form) return { body: { id: approval.id, status: approval.status } };
      const view = await loadApprovalView(approval.id);
      if (!view) return notFoundPage();
      return { headers, html: renderDecisionConfirmation({ ...view, approval }) };
    } catch (error) {
      // The page's form gets its refusal as a page; JSON clients get the error body.
      const refusal = asApiError(error);
      if (!form || !refusal) throw error;
      return {
        status: refusal.status,
        headers,
        html: renderApprovalRefusal(refusal, params.approvalId),
      };
    }
  },
});

const pending = endpoint({
  method: 'GET',
  path: '/v1/approvals',
  response: z.array(PendingApproval),
  auth: ['organizer'],
  summary: "The superior's approvals not decided yet, of the organizations the token may act on",
  query: z.strictObject({
    orgId: OrgId.optional(),
    status: z.literal('pending').default('pending'),
  }),
  handle: async ({ query, principal }) => ({
    body: await listPendingApprovals(principal, { orgId: query.orgId }),
  }),
});

const resend = endpoint({
  method: 'POST',
  path: '/v1/approvals/{approvalId}/resend',
  response: z.object({
    approvalId: z.string(),
    /** False when a resend of the last 10 minutes is answered again (no second mail). */
    resent: z.boolean(),
    sentTo: z.array(z.string()),
    at: z.string(),
  }),
  auth: ['organizer'],
  summary:
    'Mail the approval request to the superior again (once per 10 minutes; 409 once decided or expired)',
  params: ApprovalParams,
  handle: async ({ params, principal }) => ({
    body: await resendApproval(params.approvalId, principal),
  }),
});

export const { endpoints, handler } = routeGroup([show, report, decide, pending, resend]);
