import * as z from 'zod';
import { loadElection } from '../../shared/election/access.ts';
import {
  InspectionBody,
  ProposalBody,
  proposeToSuperior,
  recordInspection,
} from '../../shared/election/candidates/inspections.ts';
import {
  fileObjection,
  ObjectionBody,
  objectionsOf,
  ResolutionBody,
  resolveObjection,
} from '../../shared/election/candidates/objections.ts';
import { recordStatement, StatementBody } from '../../shared/election/candidates/statements.ts';
import {
  AmendmentBody,
  amendSuggestion,
  SuggestionBody,
  submitSuggestion,
} from '../../shared/election/candidates/suggestions.ts';
import type { Principal } from '../../shared/http/auth.ts';
import { endpoint, type Reply, routeGroup } from '../../shared/http/endpoint.ts';
import type { ApiError } from '../../shared/http/errors.ts';
import { html, isFormPost, PAGE_HEADERS, page } from '../../shared/pages/html.ts';
import { MemberId } from '../../shared/rules/index.ts';

/** Candidates after review: objections (异议), inspections (考察), statements, suggestion lists. */

const Id = z.string().min(1).max(128);
const ElectionParams = z.strictObject({ id: Id });

// Protected routes always carry a principal (the pipeline refuses them without one).
const who = (principal: Principal | null) => principal as Principal;

/**
 * The board's objection form (公示栏) posts here as a browser form: it gets a page back, with
 * the same status as the JSON answer, and a way back to the board.
 */
const PAGE = { ...PAGE_HEADERS, 'cache-control': 'no-store' };

const boardLink = (electionId: string | undefined) =>
  electionId
    ? html`<p><a href="/public/elections/${encodeURIComponent(electionId)}">返回公示栏</a></p>`
    : '';

const objectionFiled = (electionId: string, objectionId: string): Reply => ({
  status: 201,
  headers: PAGE,
  html: page({
    title: '异议已提交',
    body: html`<section class="ok"><h2>异议已提交</h2>
<p>您的异议已报送选举工作领导小组，将依规核实处理。异议内容不在公示栏公开，处理结果将在公示栏公布。</p>
<p class="muted">受理编号：${objectionId}</p>
${boardLink(electionId)}</section>`,
  }),
});

const OBJECTION_PROBLEMS: Record<number, string> = {
  400: '异议内容不符合要求，请填写候选人和异议内容（不超过5000字）后重新提交。',
  404: '未找到此选举，请核对公示栏的地址。',
  409: '当前不在公示期，不能提出异议。',
  413: '提交的内容过长。',
  422: '所提候选人不在本次公示名单中。',
};

/** A 400 about the address (the election id), not about what the form carried. */
const atPath = (error: ApiError) =>
  error.status === 400 &&
  error.details.some((detail) => (detail as { path?: unknown[] }).path?.[0] === 'path');

const objectionRefused = (error: ApiError, event: { pathParameters?: { id?: string } }): Reply => ({
  status: error.status,
  headers: PAGE,
  html: page({
    title: '异议未能提交',
    body: html`<section class="notice"><h2>异议未能提交</h2>
<p>${atPath(error) ? '公示栏地址无效，请从公示栏重新打开。' : (OBJECTION_PROBLEMS[error.status] ?? '请稍后重试。')}</p>
<p class="muted">${error.message}</p>
${error.status === 404 ? '' : boardLink(event.pathParameters?.id)}</section>`,
  }),
});

export const { endpoints, handler } = routeGroup([
  endpoint({
    method: 'POST',
    path: '/v1/elections/{id}/objections',
    auth: 'public',
    params: ElectionParams,
    body: ObjectionBody,
    summary:
      'Object to a candidate during a public notice (公示); anyone, no token. The board form gets a page',
    handle: async ({ params, body, event }) => {
      const election = await loadElection(params.id, null);
      const filed = await fileObjection(election, body);
      return isFormPost(event.headers)
        ? objectionFiled(election.id, filed.id)
        : { status: 201, body: filed };
    },
    refusal: (error, event) =>
      isFormPost(event.headers) ? objectionRefused(error, event) : undefined,
  }),
  endpoint({
    method: 'GET',
    path: '/v1/elections/{id}/objections',
    auth: ['organizer'],
    params: ElectionParams,
    summary: 'Every objection with its text and status (organizers only)',
    handle: async ({ params, principal }) => {
      const election = await loadElection(params.id, principal);
      return { body: await objectionsOf(election.id) };
    },
  }),
  endpoint({
    method: 'POST',
    path: '/v1/elections/{id}/objections/{objectionId}/resolution',
    auth: ['organizer'],
    params: z.strictObject({ id: Id, objectionId: Id }),
    body: ResolutionBody,
    summary: 'Resolve an objection: upheld removes the candidate, dismissed keeps them',
    handle: async ({ params, body, principal }) => {
      const election = await loadElection(params.id, principal);
      return {
        body: await resolveObjection(election, who(principal), params.objectionId, body),
      };
    },
  }),
  endpoint({
    method: 'POST',
    path: '/v1/elections/{id}/inspections',
    auth: ['organizer'],
    params: ElectionParams,
    body: InspectionBody,
    summary: 'Record the inspection (考察) of a recommended secretary candidate',
    handle: async ({ params, body, principal }) => {
      const election = await loadElection(params.id, principal);
      return { status: 201, body: await recordInspection(election, who(principal), body) };
    },
  }),
  endpoint({
    method: 'POST',
    path: '/v1/elections/{id}/inspections/proposal',
    auth: ['organizer'],
    params: ElectionParams,
    body: ProposalBody,
    summary:
      'After inspecting every recommended candidate, submit inspectionCount of them to the superior’s vote (差额考察); the others are eliminated',
    handle: async ({ params, body, principal }) => {
      const election = await loadElection(params.id, principal);
      return { body: await proposeToSuperior(election, who(principal), body) };
    },
  }),
  endpoint({
    method: 'POST',
    path: '/v1/elections/{id}/statements',
    auth: ['member', 'organizer'],
    params: ElectionParams,
    body: StatementBody,
    summary: "Record a candidate's speech or commitment (shown on the board)",
    handle: async ({ params, body, principal }) => {
      const election = await loadElection(params.id, principal);
      return { status: 201, body: await recordStatement(election, who(principal), body) };
    },
  }),
  endpoint({
    method: 'POST',
    path: '/v1/elections/{id}/suggestions',
    auth: ['member', 'organizer'],
    params: ElectionParams,
    body: SuggestionBody,
    summary:
      "A formal secretary candidate's committee-member suggestion list (差额); in member-election, a write-in secretary's",
    handle: async ({ params, body, principal }) => {
      const election = await loadElection(params.id, principal);
      return { status: 201, body: await submitSuggestion(election, who(principal), body) };
    },
  }),
  endpoint({
    method: 'PUT',
    path: '/v1/elections/{id}/suggestions/{candidateId}',
    auth: ['organizer'],
    params: z.strictObject({ id: Id, candidateId: MemberId }),
    body: AmendmentBody,
    summary: 'Amend a submitted suggestion list in the organizers’ review',
    handle: async ({ params, body, principal }) => {
      const election = await loadElection(params.id, principal);
      return {
        body: await amendSuggestion(election, who(principal), params.candidateId, body),
      };
    },
  }),
]);
