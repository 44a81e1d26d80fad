import * as z from 'zod';
import { knownOrganization } from '../../shared/election/access.ts';
import { OrgId } from '../../shared/election/elections/schemas.ts';
import { ANY_ROLE, endpoint, routeGroup } from '../../shared/http/endpoint.ts';
import { PAGE_HEADERS, wantsJson } from '../../shared/http/negotiation.ts';
import { CommitmentParams, ElectionParams, RecallParams } from '../../shared/http/params.ts';
import { renderReportPage } from '../../shared/pages/report.ts';
import { Office, RecallPetition, shanghaiToday } from '../../shared/rules/index.ts';
import { openByElection } from '../../shared/supervision/by-elections.ts';
import {
  listCommitmentViews,
  remindCommitment,
  showCommitment,
  submitCommitment,
} from '../../shared/supervision/commitments.ts';
import { goalsWithProgress, recordProgress } from '../../shared/supervision/goals.ts';
import { remindRecall } from '../../shared/supervision/recall-reminders.ts';
import {
  fileRecall,
  listRecallViews,
  loadRecall,
  recallView,
} from '../../shared/supervision/recalls.ts';
import { type AnnualReport, buildReport, ReportQuery } from '../../shared/supervision/report.ts';
import {
  ByElectionBody,
  CommitmentBody,
  GoalId,
  ProgressBody,
} from '../../shared/supervision/schemas.ts';
import { electionEndpoint, handleWith } from './election-endpoint.ts';

/**
 * Supervision after the election (SPEC §2 steps 10–11, §9 "Supervision"; 第七条): the secretary's
 * 任职承诺书 and its term goals, progress and the annual work report; recall petitions (罢免),
 * and the by-election (补选) of a recalled committee member's seat. Every route is scoped by the
 * organization; the superior's decisions come through the approval links (approvals.ts).
 */

const OrgParams = z.strictObject({ orgId: OrgId });

// The answers' schemas, for the OpenAPI document; the use cases' views (shared/supervision) must
// be of their types. TODO(E1): move them beside those views and derive the views' types.
const Approval = z.enum(['pending-approval', 'approved', 'rejected']);

const CommitmentView = z.object({
  id: z.string(),
  electionId: z.string(),
  holderId: z.string(),
  status: Approval,
  goals: z.array(
    z.object({ id: z.string(), category: z.string(), text: z.string(), target: z.string() }),
  ),
  submittedAt: z.string(),
  decidedAt: z.string().optional(),
  comment: z.string().optional(),
});

/** The organizers' reminder: the approval's status now and whether a new link was mailed. */
const ReminderAnswer = z.object({
  kind: z.enum(['commitment', 'recall', 'by-election']),
  status: z.enum(['pending', 'approved', 'rejected', 'expired']),
  expiresAt: z.string(),
  reminded: z.boolean(),
});

const ProgressView = z.object({
  id: z.string(),
  goalId: z.string(),
  at: z.string(),
  text: z.string(),
  value: z.number().optional(),
  recordedAt: z.string(),
});

const GoalView = z.object({
  id: z.string(),
  electionId: z.string(),
  commitmentId: z.string(),
  category: z.string(),
  text: z.string(),
  target: z.string(),
  status: Approval,
  approvedAt: z.string().optional(),
  progress: z.array(ProgressView),
});

const AnnualReportView = z.object({
  orgId: z.string(),
  organization: z.string(),
  superior: z.string(),
  year: z.number(),
  generatedAt: z.string(),
  goals: z.array(
    z.custom<AnnualReport['goals'][number]>().meta({ description: 'A goal with its progress' }),
  ),
  events: z.array(
    z.custom<AnnualReport['events'][number]>().meta({ description: 'An event of the year' }),
  ),
  openItems: z.array(z.string()),
});

const RecallView = z.object({
  id: z.string(),
  electionId: z.string(),
  officeHolderId: z.string(),
  office: Office,
  status: z.enum(['pending-approval', 'rejected', 'voting', 'recalled', 'retained']),
  reason: z.string(),
  signatoryIds: z.array(z.string()),
  filedAt: z.string(),
  decidedAt: z.string().optional(),
  comment: z.string().optional(),
  roundId: z.string().optional(),
  settledAt: z.string().optional(),
  membersRemoved: z.array(z.string()).optional(),
  newElectionId: z.string().optional(),
  byElectionRoundId: z.string().optional(),
  byElection: z
    .object({
      status: z.enum(['voting', 'pending-approval', 'approved', 'rejected', 'failed']),
      candidateIds: z.array(z.string()),
      elected: z.array(z.string()).optional(),
    })
    .optional(),
});

export const { endpoints, handler } = routeGroup([
  // ——— 任职承诺书 and term goals ———
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/commitments',
    response: CommitmentView,
    auth: ['organizer', 'member'],
    params: ElectionParams,
    body: CommitmentBody,
    summary: "The elected secretary's 任职承诺书 (goals with targets), sent to the superior",
    handle: handleWith(submitCommitment, { status: 201 }),
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}/commitments',
    response: z.array(CommitmentView),
    auth: ANY_ROLE,
    params: ElectionParams,
    summary: "The election's 任职承诺书, each with its goals and status",
    handle: async ({ election }) => ({
      body: await listCommitmentViews(election),
    }),
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}/commitments/{commitmentId}',
    response: CommitmentView,
    auth: ANY_ROLE,
    params: CommitmentParams,
    summary: 'One 任职承诺书 with its goals and status',
    handle: async ({ election, params }) => ({
      body: await showCommitment(election, params.commitmentId),
    }),
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/commitments/{commitmentId}/reminder',
    response: ReminderAnswer,
    auth: ['organizer'],
    params: CommitmentParams,
    summary: 'Remind the superior: a new approval link once the old one expired',
    handle: async ({ election, params }) => ({
      body: await remindCommitment(election, params.commitmentId),
    }),
  }),
  endpoint({
    method: 'GET',
    path: '/v1/organizations/{orgId}/goals',
    response: z.array(GoalView),
    auth: ['organizer'],
    params: OrgParams,
    summary: "The organization's term goals with their status and progress",
    handle: async ({ params, principal }) => {
      const org = await knownOrganization(params.orgId, principal);
      return { body: await goalsWithProgress(org.id) };
    },
  }),
  endpoint({
    method: 'POST',
    path: '/v1/organizations/{orgId}/goals/{goalId}/progress',
    response: ProgressView,
    auth: ['organizer'],
    params: z.strictObject({ orgId: OrgId, goalId: GoalId }),
    body: ProgressBody,
    summary: 'Record progress against an approved term goal',
    handle: async ({ params, body, principal }) => {
      const org = await knownOrganization(params.orgId, principal);
      return { status: 201, body: await recordProgress(org, params.goalId, principal, body) };
    },
  }),
  endpoint({
    method: 'GET',
    path: '/v1/organizations/{orgId}/report',
    response: AnnualReportView,
    auth: ['organizer'],
    params: OrgParams,
    query: ReportQuery,
    page: 'The report, print-friendly',
    summary: 'The annual work report (print-friendly HTML, or JSON with Accept: application/json)',
    handle: async ({ params, query, principal, event }) => {
      const org = await knownOrganization(params.orgId, principal);
      const year = query.year ?? Number(shanghaiToday(new Date()).slice(0, 4));
      const report = await buildReport(org, year);
      if (wantsJson(event.headers)) return { body: report };
      return { headers: PAGE_HEADERS, html: renderReportPage(report) };
    },
  }),

  // ——— 罢免 and 补选 ———
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/recalls',
    response: RecallView,
    auth: ['member', 'organizer'],
    params: ElectionParams,
    body: RecallPetition,
    summary: 'File a recall petition (罢免) against an office holder; the superior investigates',
    handle: handleWith(fileRecall, { status: 201 }),
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}/recalls',
    response: z.array(RecallView),
    auth: ANY_ROLE,
    params: ElectionParams,
    summary: "The election's recall petitions and their status",
    handle: async ({ election }) => ({
      body: await listRecallViews(election),
    }),
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}/recalls/{recallId}',
    response: RecallView,
    auth: ANY_ROLE,
    params: RecallParams,
    summary: 'A recall: status, its round, the new election or by-election it led to',
    handle: async ({ election, params }) => ({
      body: recallView(await loadRecall(election, params.recallId)),
    }),
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/recalls/{recallId}/reminder',
    response: ReminderAnswer,
    auth: ['organizer'],
    params: RecallParams,
    summary: "Remind the superior of a recall's petition or by-election result (new link)",
    handle: async ({ election, params }) => ({
      body: await remindRecall(election, params.recallId),
    }),
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/by-elections',
    response: z.object({ roundId: z.string() }),
    auth: ['organizer'],
    params: ElectionParams,
    body: ByElectionBody,
    summary:
      "Open the by-election (补选) of a recalled member's seat (recallId names it when several are vacant): a round of kind election",
    handle: handleWith(openByElection, { status: 201 }),
  }),
]);
