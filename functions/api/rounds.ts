import { loadElection } from '../../shared/election/access.ts';
import { loadRound } from '../../shared/election/rounds/access.ts';
import { AttendanceReport, recordAttendance } from '../../shared/election/rounds/attendance.ts';
import {
  BallotBatch,
  enterRoundBallots,
  parseBallots,
} from '../../shared/election/rounds/ballots.ts';
import { closeRound, decideRound } from '../../shared/election/rounds/round.ts';
import { BallotEntry, RoundView, roundView } from '../../shared/election/rounds/views.ts';
import type { Principal } from '../../shared/http/auth.ts';
import { endpoint, routeGroup } from '../../shared/http/endpoint.ts';
import { RoundParams } from '../../shared/http/params.ts';
import { OrganizerDecision, Tally } from '../../shared/rules/index.ts';
import { afterSupervisionRound } from '../../shared/supervision/follow-ups.ts';

/**
 * Rounds and tallies (SPEC §8, §9): the tellers record the attendance and enter the ballots,
 * a scrutineer (监票人) closes the round with its tally, the organizers decide after a repeated
 * tie. Every route is scoped by the election's organization.
 */

const ANY_ROLE = ['organizer', 'teller', 'scrutineer', 'approver', 'member'] as const;

/** The election (404, then 403 outside the token's organizations) and its round (404). */
const load = async (params: RoundParams, principal: Principal) => {
  const election = await loadElection(params.id, principal);
  const round = await loadRound(election.id, params.roundId);
  return { election, round };
};

export const { endpoints, handler } = routeGroup([
  endpoint({
    method: 'POST',
    path: '/v1/elections/{id}/rounds/{roundId}/attendance',
    response: RoundView,
    auth: ['teller'],
    params: RoundParams,
    body: AttendanceReport,
    summary: 'Record (or, before any ballot, correct) the attendance and staff of an open round',
    handle: async ({ params, body, principal }) => {
      const { election, round } = await load(params, principal);
      const recorded = await recordAttendance(election, round, body, principal.sub);
      return { body: roundView(recorded) };
    },
  }),
  endpoint({
    method: 'POST',
    path: '/v1/elections/{id}/rounds/{roundId}/ballots',
    response: BallotEntry,
    auth: ['teller'],
    params: RoundParams,
    body: BallotBatch,
    summary: 'Enter paper ballots; invalid ones are kept, repeated serials reported',
    handle: async ({ params, body, principal }) => {
      const { election, round } = await load(params, principal);
      const ballots = parseBallots(round.kind, body);
      return { body: await enterRoundBallots(election, round, ballots) };
    },
  }),
  endpoint({
    method: 'POST',
    path: '/v1/elections/{id}/rounds/{roundId}/close',
    response: Tally.optional(),
    auth: ['scrutineer'],
    params: RoundParams,
    summary: 'Close the round (监票人): count every ballot and answer the tally',
    handle: async ({ params, principal }) => {
      const { election } = await load(params, principal);
      const closed = await closeRound(
        election,
        params.roundId,
        principal.sub,
        afterSupervisionRound,
      );
      return { body: closed.tally };
    },
  }),
  endpoint({
    method: 'GET',
    path: '/v1/elections/{id}/rounds/{roundId}',
    response: RoundView,
    auth: ANY_ROLE,
    params: RoundParams,
    summary: 'A round with its attendance, and its tally once closed',
    handle: async ({ params, principal }) => {
      const { round } = await load(params, principal);
      return { body: roundView(round) };
    },
  }),
  endpoint({
    method: 'POST',
    path: '/v1/elections/{id}/rounds/{roundId}/decision',
    response: RoundView,
    auth: ['organizer'],
    params: RoundParams,
    body: OrganizerDecision,
    summary:
      'The organizers decide after a repeated tie or shortfall: select, revote or reduce seats',
    handle: async ({ params, body, principal }) => {
      const { election } = await load(params, principal);
      const decided = await decideRound(
        election,
        params.roundId,
        body,
        principal.sub,
        afterSupervisionRound,
      );
      return { body: roundView(decided) };
    },
  }),
]);
