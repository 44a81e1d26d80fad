import * as z from 'zod';
import { electionScope, knownOrganization } from '../../shared/election/access.ts';
import { cancelElection, ElectionCancelled } from '../../shared/election/elections/cancel.ts';
import { createElection } from '../../shared/election/elections/create.ts';
import { moveDeadline } from '../../shared/election/elections/deadline.ts';
import {
  ElectionFilter,
  ElectionSummary,
  listElections,
} from '../../shared/election/elections/list.ts';
import { resumeElection } from '../../shared/election/elections/resume.ts';
import { CancelBody, ElectionPlan, OrgId } from '../../shared/election/elections/schemas.ts';
import { startOrHalt } from '../../shared/election/elections/start-workflow.ts';
import { ElectionView, loadElectionView } from '../../shared/election/elections/view.ts';
import { Paged, PageQuery } from '../../shared/election/paging.ts';
import { conflict, fromViolations } from '../../shared/errors.ts';
import { Role } from '../../shared/http/auth.ts';
import { endpoint, routeGroup } from '../../shared/http/endpoint.ts';
import { ApiError } from '../../shared/http/errors.ts';
import { DeadlineParams, ElectionParams } from '../../shared/http/params.ts';
import { Instant, Stage } from '../../shared/rules/index.ts';
import { StaleElection, saveElection } from '../../shared/store/elections.ts';
import { listNotices } from '../../shared/store/outbox.ts';
import { readAudit } from '../../shared/store/transact.ts';
import { electionEndpoint } from './election-endpoint.ts';

/** Elections: create, read, move deadlines, resume a halted one, audit log and notices. */

/** One entry of the audit log; each carries the hash of the one before. */
const AuditEntryView = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  data: z.unknown(),
  hash: z.string(),
  prevHash: z.string(),
});

/** One notice: an e-mail to one recipient, whether it was sent, and why not if it failed. */
const NoticeView = z.object({
  to: z.string(),
  template: z.string(),
  subject: z.string(),
  sentAt: z.string().nullable(),
  messageId: z.string().nullable(),
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  createdAt: z.string(),
  attempts: z.number(),
  /** The next attempt's earliest time, after a failed one. */
  notBefore: z.string().nullable(),
  /** The last failed attempt's error; for a `failed` notice the reason it was given up. */
  error: z.string().nullable(),
  failedAt: z.string().nullable(),
});

const staleAsConflict = async <T>(save: () => Promise<T>): Promise<T> => {
  try {
    return await save();
  } catch (error) {
    if (error instanceof StaleElection) {
      throw conflict('stale-election', 'the election was changed meanwhile; read it and try again');
    }
    throw error;
  }
};

export const { endpoints, handler } = routeGroup([
  endpoint({
    method: 'POST',
    path: '/v1/elections',
    response: ElectionView,
    auth: ['organizer'],
    summary:
      "Create an election of one organization and start its workflow (the preset's first stage)",
    body: ElectionPlan.extend({ orgId: OrgId }),
    handle: async ({ body, principal }) => {
      const org = await knownOrganization(body.orgId, principal);
      const election = await createElection(body, principal.sub, { org });
      if (election.stage === 'halted') {
        throw new ApiError(
          503,
          'workflow-unavailable',
          `election ${election.id} was created but its workflow did not start; it is halted and may be resumed`,
          [{ electionId: election.id, haltReason: election.haltReason }],
        );
      }
      return { status: 201, body: await loadElectionView(election) };
    },
  }),
  endpoint({
    method: 'GET',
    path: '/v1/elections',
    response: Paged(ElectionSummary),
    auth: Role.options,
    summary:
      'The elections of the organizations the token may act on, newest first, by organization and stage: next deadline, what the workflow waits for',
    query: z.strictObject({ ...ElectionFilter.shape, ...PageQuery }),
    handle: async ({ query, principal }) => ({ body: await listElections(principal, query) }),
  }),
  endpoint({
    method: 'POST',
    path: '/v1/elections/{id}/cancel',
    response: ElectionCancelled,
    auth: ['organizer'],
    summary:
      'Cancel (撤销) an election: stage cancelled with the reason, workflow stopped, members and organizers told (409 once completed or cancelled for another reason)',
    params: ElectionParams,
    body: CancelBody,
    handle: async ({ params, body, principal }) => ({
      body: await cancelElection(params.id, body.reason, principal),
    }),
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}',
    response: ElectionView,
    auth: Role.options,
    summary: 'An election: stage, rules, calendar, candidates, rounds, pending approvals, result',
    params: ElectionParams,
    handle: async ({ election }) => ({
      body: await loadElectionView(election),
    }),
  }),
  endpoint({
    method: 'PUT',
    path: '/v1/elections/{id}/deadlines/{stage}',
    response: ElectionView,
    auth: ['organizer'],
    summary:
      'Move the deadline of one stage (409 once it has passed, 422 unless in the future, 404 for a stage the election does not run)',
    params: DeadlineParams,
    body: z.strictObject({ deadline: Instant }),
    handle: async ({ params, body, principal }) => {
      const moved = await moveDeadline(params.id, principal, {
        stage: params.stage,
        deadline: body.deadline,
      });
      return { body: await loadElectionView(moved) };
    },
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/resume',
    response: ElectionView,
    auth: ['organizer'],
    summary: 'Put a halted election back into one of its stages, until the deadline given',
    params: ElectionParams,
    body: z.strictObject({ stage: Stage, deadline: Instant }),
    handle: async ({ election, body, principal }) => {
      const resumed = resumeElection(election, body.stage, body.deadline, new Date());
      if (!resumed.ok) throw fromViolations(resumed.violations);
      const saved = await staleAsConflict(() =>
        saveElection(resumed.value, {
          scope: electionScope(election.id),
          actor: principal.sub,
          action: 'election-resumed',
          data: { stage: body.stage, deadline: body.deadline, haltReason: election.haltReason },
        }),
      );
      // Named after the version it resumed as: each resume is a new execution, a retry is not.
      const running = await startOrHalt(saved, `resume-${saved.version}`, principal.sub);
      if (running.stage === 'halted') {
        throw new ApiError(
          503,
          'workflow-unavailable',
          `the workflow of election ${election.id} did not start; it is halted again`,
          [{ electionId: election.id, haltReason: running.haltReason }],
        );
      }
      return { body: await loadElectionView(running) };
    },
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}/audit',
    response: z.array(AuditEntryView),
    auth: ['organizer'],
    summary: "The election's audit log, in order; each entry carries the hash of the one before",
    params: ElectionParams,
    handle: async ({ election }) => {
      const entries = await readAudit(electionScope(election.id));
      return {
        body: entries.map(({ seq, at, actor, action, data, hash, prevHash }) => ({
          seq,
          at,
          actor,
          action,
          data,
          hash,
          prevHash,
        })),
      };
    },
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}/notices',
    response: z.array(NoticeView),
    auth: ['organizer'],
    summary: 'Every notice of the election: one e-mail to one recipient, and whether it was sent',
    params: ElectionParams,
    handle: async ({ election }) => {
      const notices = await listNotices(election.id);
      return {
        body: notices
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key))
          .map((notice) => ({
            to: notice.to,
            template: notice.template,
            subject: notice.subject,
            sentAt: notice.sentAt ?? null,
            messageId: notice.messageId ?? null,
            status: notice.status,
            createdAt: notice.createdAt,
            attempts: notice.attempts,
            notBefore: notice.status === 'pending' ? (notice.notBefore ?? null) : null,
            error: notice.lastError ?? null,
            failedAt: notice.failedAt ?? null,
          })),
      };
    },
  }),
]);
