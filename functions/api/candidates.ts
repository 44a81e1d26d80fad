import * as z from 'zod';
import {
  proposeToSuperior,
  recordInspection,
} from '../../shared/election/candidates/inspections.ts';
import {
  fileObjection,
  objectionsOf,
  resolveObjection,
} from '../../shared/election/candidates/objections.ts';
import {
  AmendmentBody,
  InspectionBody,
  ObjectionBody,
  ProposalBody,
  ResolutionBody,
  StatementBody,
  SuggestionBody,
} from '../../shared/election/candidates/schemas.ts';
import { recordStatement } from '../../shared/election/candidates/statements.ts';
import { amendSuggestion, submitSuggestion } from '../../shared/election/candidates/suggestions.ts';
import {
  InspectionRecorded,
  Objection,
  ObjectionFiled,
  ProposalAnswer,
  StatementRecorded,
  SuggestionRecorded,
} from '../../shared/election/candidates/views.ts';
import { routeGroup } from '../../shared/http/endpoint.ts';
import { refusalHeaders } from '../../shared/http/errors.ts';
import { isFormPost, PAGE_HEADERS } from '../../shared/http/negotiation.ts';
import { ElectionParams, ObjectionParams, SuggestionParams } from '../../shared/http/params.ts';
import { renderObjectionFiled, renderObjectionRefused } from '../../shared/pages/objection-form.ts';
import { electionEndpoint, handleWith } from './election-endpoint.ts';

/** Candidates after review: objections (异议), inspections (考察), statements, suggestion lists. */

// The board's objection form posts here as a browser form: it gets a page back.
const PAGE = { ...PAGE_HEADERS, 'cache-control': 'no-store' };

export const { endpoints, handler } = routeGroup([
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/objections',
    response: ObjectionFiled,
    page: 'To the board’s form: the objection filed, or why not',
    auth: 'public',
    params: ElectionParams,
    body: ObjectionBody,
    summary:
      'Object to a candidate during a public notice (公示); anyone, no token. The board form gets a page. At most 10 an hour per address and 60 per election: over either, 429 with Retry-After',
    handle: async ({ election, body, event }) => {
      // The caller's address (API Gateway's, or the local server's socket): hashed, never stored.
      const filed = await fileObjection(election, body, event.requestContext.http.sourceIp);
      return isFormPost(event.headers)
        ? { status: 201, headers: PAGE, html: renderObjectionFiled(election.id, filed.id) }
        : { status: 201, body: filed };
    },
    refusal: (error, event) =>
      isFormPost(event.headers)
        ? {
            status: error.status,
            headers: { ...PAGE, ...refusalHeaders(error) },
            html: renderObjectionRefused(error, event.pathParameters?.id),
          }
        : undefined,
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}/objections',
    response: z.array(Objection),
    auth: ['organizer'],
    params: ElectionParams,
    summary: 'Every objection with its text and status (organizers only)',
    handle: async ({ election }) => ({ body: await objectionsOf(election.id) }),
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/objections/{objectionId}/resolution',
    response: Objection,
    auth: ['organizer'],
    params: ObjectionParams,
    body: ResolutionBody,
    summary: 'Resolve an objection: upheld removes the candidate, dismissed keeps them',
    handle: async ({ election, params, body, principal }) => ({
      body: await resolveObjection(election, principal, params.objectionId, body),
    }),
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/inspections',
    response: InspectionRecorded,
    auth: ['organizer'],
    params: ElectionParams,
    body: InspectionBody,
    summary: 'Record the inspection (考察) of a recommended secretary candidate',
    handle: handleWith(recordInspection, { status: 201 }),
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/inspections/proposal',
    response: ProposalAnswer,
    auth: ['organizer'],
    params: ElectionParams,
    body: ProposalBody,
    summary:
      'After inspecting every recommended candidate, submit inspectionCount of them to the superior’s vote (差额考察); the others are eliminated',
    handle: handleWith(proposeToSuperior),
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/statements',
    response: StatementRecorded,
    auth: ['member', 'organizer'],
    params: ElectionParams,
    body: StatementBody,
    summary: "Record a candidate's speech or commitment (shown on the board)",
    handle: handleWith(recordStatement, { status: 201 }),
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/suggestions',
    response: SuggestionRecorded,
    auth: ['member', 'organizer'],
    params: ElectionParams,
    body: SuggestionBody,
    summary:
      "A formal secretary candidate's committee-member suggestion list (差额); in member-election, a write-in secretary's",
    handle: handleWith(submitSuggestion, { status: 201 }),
  }),
  electionEndpoint({
    method: 'PUT',
    path: '/v1/elections/{id}/suggestions/{candidateId}',
    response: SuggestionRecorded,
    auth: ['organizer'],
    params: SuggestionParams,
    body: AmendmentBody,
    summary: 'Amend a submitted suggestion list in the organizers’ review',
    handle: async ({ election, params, body, principal }) => ({
      body: await amendSuggestion(election, principal, params.candidateId, body),
    }),
  }),
]);
