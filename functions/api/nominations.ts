import * as z from 'zod';
import { decideNominee } from '../../shared/election/candidates/eligibility.ts';
import { nominationsOf, submitNomination } from '../../shared/election/candidates/nominations.ts';
import { EligibilityBody, NominationBody } from '../../shared/election/candidates/schemas.ts';
import {
  Candidate,
  ListedNomination,
  NominationAnswer,
} from '../../shared/election/candidates/views.ts';
import { routeGroup } from '../../shared/http/endpoint.ts';
import { ElectionParams } from '../../shared/http/params.ts';
import { electionEndpoint, handleWith } from './election-endpoint.ts';

/** 报名 and 资格审查: nominations of the three kinds, their list, the organizers' decisions. */

export const { endpoints, handler } = routeGroup([
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/nominations',
    response: NominationAnswer,
    auth: ['member', 'organizer'],
    params: ElectionParams,
    body: NominationBody,
    summary: 'Nominate a member (self, joint or organization); answers the eligibility check',
    handle: handleWith(submitNomination, { status: 201 }),
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}/nominations',
    response: z.array(ListedNomination),
    auth: ['organizer'],
    params: ElectionParams,
    summary: "The election's nominations with their eligibility checks",
    handle: async ({ election }) => ({ body: await nominationsOf(election.id) }),
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/eligibility',
    response: Candidate,
    auth: ['organizer'],
    params: ElectionParams,
    body: EligibilityBody,
    summary: 'Accept or reject a nominee (waiving education or age with a reason)',
    handle: handleWith(decideNominee),
  }),
]);
