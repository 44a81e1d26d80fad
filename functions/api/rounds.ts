import { loadRound } from '../../shared/election/rounds/access.ts';
import { AttendanceReport, recordAttendance } from '../../shared/election/rounds/attendance.ts';
import {
  BallotPapersRequest,
  recordBallotPapers,
} from '../../shared/election/rounds/ballot-papers.ts';
import {
  BallotBatch,
  EnteredSerials,
  enteredSerials,
  enterRoundBallots,
  parseBallots,
} from '../../shared/election/rounds/ballots.ts';
import { RoundVoters, roundVoters } from '../../shared/election/rounds/roll.ts';
import { closeRound, decideRound } from '../../shared/election/rounds/round.ts';
import { BallotEntry, RoundView, roundView } from '../../shared/election/rounds/views.ts';
import { ANY_ROLE, routeGroup } from '../../shared/http/endpoint.ts';
import { RoundParams } from '../../shared/http/params.ts';
import { OrganizerDecision, Tally } from '../../shared/rules/index.ts';
import { afterSupervisionRound } from '../../shared/supervision/follow-ups.ts';
import { electionEndpoint } from './election-endpoint.ts';

/**
 * Rounds and tallies (SPEC §8, §9): the tellers record the attendance and enter the ballots,
 * a scrutineer (监票人) closes the round with its tally, the organizers decide after a repeated
 * tie. Every route is scoped by the election's organization; an unknown round is a 404.
 */

export const { endpoints, handler } = routeGroup([
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/rounds/{roundId}/attendance',
    response: RoundView,
    auth: ['teller'],
    params: RoundParams,
    body: AttendanceReport,
    summary: 'Record (or, before any ballot, correct) the attendance and staff of an open round',
    handle: async ({ election, params, body, principal }) => {
      const round = await loadRound(election.id, params.roundId);
      const recorded = await recordAttendance(election, round, body, principal.sub);
      return { body: roundView(recorded) };
    },
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/rounds/{roundId}/ballot-papers',
    response: RoundView,
    auth: ['organizer'],
    params: RoundParams,
    body: BallotPapersRequest,
    summary:
      'Record the printed ballot papers (serials with a check digit) before the first ballot; from then on entry checks each serial',
    handle: async ({ election, params, body, principal }) => {
      const round = await loadRound(election.id, params.roundId);
      return { body: roundView(await recordBallotPapers(election, round, body, principal.sub)) };
    },
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/rounds/{roundId}/ballots',
    response: BallotEntry,
    auth: ['teller'],
    params: RoundParams,
    body: BallotBatch,
    summary: 'Enter paper ballots; invalid ones are kept, repeated serials reported',
    handle: async ({ election, params, body }) => {
      const round = await loadRound(election.id, params.roundId);
      const ballots = parseBallots(round.kind, body);
      return { body: await enterRoundBallots(election, round, ballots) };
    },
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}/rounds/{roundId}/serials',
    response: EnteredSerials,
    auth: ['teller', 'scrutineer', 'organizer'],
    params: RoundParams,
    summary:
      'The serials entered so far (never what the ballots hold): a repeat is flagged as typed',
    handle: async ({ election, params }) => {
      const round = await loadRound(election.id, params.roundId);
      return { body: { serials: await enteredSerials(election, round) } };
    },
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}/rounds/{roundId}/voters',
    response: RoundVoters,
    auth: ['teller', 'scrutineer', 'organizer'],
    params: RoundParams,
    summary: 'The round’s people by name only (candidates, staff, write-ins on a teller’s screen)',
    handle: async ({ election, params }) => ({
      body: await roundVoters(election, await loadRound(election.id, params.roundId)),
    }),
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/rounds/{roundId}/close',
    response: Tally.optional(),
    auth: ['scrutineer'],
    params: RoundParams,
    summary: 'Close the round (监票人): count every ballot and answer the tally',
    handle: async ({ election, params, principal }) => {
      const closed = await closeRound(
        election,
        params.roundId,
        principal.sub,
        afterSupervisionRound,
      );
      return { body: closed.tally };
    },
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}/rounds/{roundId}',
    response: RoundView,
    auth: ANY_ROLE,
    params: RoundParams,
    summary: 'A round with its attendance, and its tally once closed',
    handle: async ({ election, params }) => ({
      body: roundView(await loadRound(election.id, params.roundId)),
    }),
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/rounds/{roundId}/decision',
    response: RoundView,
    auth: ['organizer'],
    params: RoundParams,
    body: OrganizerDecision,
    summary:
      'The organizers decide after a repeated tie or shortfall: select, revote or reduce seats',
    handle: async ({ election, params, body, principal }) => {
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
