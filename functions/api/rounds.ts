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
import {
  EntriesView,
  EntryResolution,
  enterDoubleBallots,
  entriesView,
  isDoubleEntry,
  ResolvedEntry,
  resolveEntry,
  serialsToSkip,
} from '../../shared/election/rounds/double-entry.ts';
import { RoundVoters, roundVoters } from '../../shared/election/rounds/roll.ts';
import { closeRound, decideRound } from '../../shared/election/rounds/round.ts';
import { BallotEntry, RoundView, roundView } from '../../shared/election/rounds/views.ts';
import { ANY_ROLE, routeGroup } from '../../shared/http/endpoint.ts';
import { RoundParams } from '../../shared/http/params.ts';
import { OrganizerDecision, Serial, Tally } from '../../shared/rules/index.ts';
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
    handle: async ({ election, params, body, principal }) => {
      const round = await loadRound(election.id, params.roundId);
      const ballots = parseBallots(round.kind, body);
      if (isDoubleEntry(election, round)) {
        return { body: await enterDoubleBallots(election, round, ballots, principal.sub) };
      }
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
    handle: async ({ election, params, principal }) => {
      const round = await loadRound(election.id, params.roundId);
      // Double entry: the other teller's single entries are this teller's to type, not repeats.
      const serials = isDoubleEntry(election, round)
        ? await serialsToSkip(election, round, principal.sub)
        : await enteredSerials(election, round);
      return { body: { serials } };
    },
  }),
  electionEndpoint({
    method: 'GET',
    path: '/v1/elections/{id}/rounds/{roundId}/entries',
    response: EntriesView,
    auth: ['teller', 'scrutineer', 'organizer'],
    params: RoundParams,
    summary:
      'Double entry (双人录入): serials entered once, matched pairs, mismatches side by side',
    handle: async ({ election, params }) => ({
      body: await entriesView(election, await loadRound(election.id, params.roundId)),
    }),
  }),
  electionEndpoint({
    method: 'POST',
    path: '/v1/elections/{id}/rounds/{roundId}/entries/{serial}/resolution',
    response: ResolvedEntry,
    auth: ['scrutineer', 'organizer'],
    params: RoundParams.extend({ serial: Serial }),
    body: EntryResolution,
    summary: 'The 监票人 settles a serial entered once or differently: first, second or neither',
    handle: async ({ election, params, body, principal }) => {
      const round = await loadRound(election.id, params.roundId);
      return { body: await resolveEntry(election, round, params.serial, body, principal.sub) };
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
