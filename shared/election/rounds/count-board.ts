import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { notFound } from '../../errors.ts';
import type { Principal } from '../../principal.ts';
import { Tally } from '../../rules/index.ts';
import { runningCount } from '../../rules/running-count.ts';
import { compareBySurnameStrokes } from '../../rules/surname-order.ts';
import { digestOf } from '../../store/audit-chain.ts';
import { allBallots } from '../../store/ballots.ts';
import { deleteCountBoard, getCountBoard, putCountBoard } from '../../store/count-boards.ts';
import { getElection } from '../../store/elections.ts';
import { getOrganization } from '../../store/organizations.ts';
import type { ElectionRecord, RoundRecord } from '../../store/records.ts';
import { listRounds } from '../../store/rounds.ts';
import { ConditionFailed, commit } from '../../store/transact.ts';
import { electionScope } from '../access.ts';
import { electionNames } from '../names.ts';
import { ROUND_HEAD, roundHead } from './views.ts';

/**
 * The 唱票 board (issue 15): a read-only view of the election's current round for the projector
 * at the assembly, opened with a link an organizer creates. It shows the candidates' names and
 * the running count, never other member data; the link's random token is its only credential.
 */

/** The console page that shows a board (no sign-in: the token is the credential). */
export const countBoardPath = (token: string) => `/console/count-board/${token}`;

/** Where anyone fetches the public recount file of a closed round (issue 15 §5, part D). */
export const recountPath = (electionId: string, roundId: string) =>
  `/public/elections/${encodeURIComponent(electionId)}/rounds/${encodeURIComponent(roundId)}/recount`;

export const CountBoardLink = z.object({
  token: z.string(),
  /** The board's page, relative to the site (the console's origin). */
  url: z.string(),
});
export type CountBoardLink = z.infer<typeof CountBoardLink>;

const Person = { memberId: z.string(), name: z.string() };

export const CountBoardView = z.object({
  organization: z.string(),
  electionId: z.string(),
  /** The open round once its attendance is in, else the last closed; null before any round. */
  round: z
    .object({
      ...ROUND_HEAD,
      seats: z.number(),
      /** In 姓氏笔画 order, each with the marks of the round kind so far. */
      candidates: z.array(
        z.object({ ...Person, votes: z.number(), marks: z.record(z.string(), z.number()) }),
      ),
      /** 另选他人 (an election), by votes. */
      writeIns: z.array(z.object({ ...Person, votes: z.number() })),
      ballots: z.object({
        counted: z.number(),
        valid: z.number(),
        invalid: z.number(),
        /** 发出: from the attendance; null until it is recorded. */
        issued: z.number().nullable(),
      }),
      /** The close's tally, once the round is closed (void and no-quorum included). */
      tally: Tally.optional(),
      /** Names of everyone the tally elected or sent on. */
      elected: z.array(z.string()).optional(),
      /** The public recount file of the closed round (a path on this site). */
      recountUrl: z.string().optional(),
    })
    .nullable(),
});
export type CountBoardView = z.infer<typeof CountBoardView>;

/**
 * A new board link for the election (organizers), audited `count-board-created` with the token's
 * first characters only: the audit log is read more widely than the link is shared.
 */
export const createCountBoard = async (
  election: ElectionRecord,
  principal: Principal,
): Promise<CountBoardLink> => {
  const token = randomBytes(18).toString('base64url');
  await commit(
    [
      putCountBoard({
        token,
        electionId: election.id,
        createdBy: principal.sub,
        createdAt: new Date().toISOString(),
      }),
    ],
    {
      scope: electionScope(election.id),
      actor: principal.sub,
      action: 'count-board-created',
      data: { token: `${token.slice(0, 6)}…` },
    },
  );
  return { token, url: countBoardPath(token) };
};

/** Revokes a board link of the election (404 when it has none by that token), audited. */
export const revokeCountBoard = async (election: ElectionRecord, token: string, by: Principal) => {
  try {
    await commit([deleteCountBoard(token, election.id)], {
      scope: electionScope(election.id),
      actor: by.sub,
      action: 'count-board-revoked',
      data: { token: `${token.slice(0, 6)}…` },
    });
  } catch (error) {
    if (error instanceof ConditionFailed) throw notFound('count board');
    throw error;
  }
};

/**
 * The round a board shows: the open one once its attendance is recorded (its count is about to
 * begin), else the one closed last, else the open one. A close that opens a re-vote thus leaves
 * its result on the screen until the re-vote's attendance is recorded.
 */
const currentRound = (rounds: readonly RoundRecord[]): RoundRecord | undefined => {
  const open = rounds.find((r) => r.status === 'open');
  const lastClosed = [...rounds]
    .filter((r) => r.closedAt)
    .sort((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? ''))
    .at(-1);
  return (open?.attendance ? open : undefined) ?? lastClosed ?? open;
};

const roundOnBoard = async (
  election: ElectionRecord,
  round: RoundRecord,
): Promise<NonNullable<CountBoardView['round']>> => {
  const count = runningCount(round, await allBallots(election.id, round.id), {
    basicallyCounts: election.rules.evaluation.basicallyCounts,
  });
  const nameOf = await electionNames(election);
  const closed = round.status !== 'open' && round.tally !== undefined;
  return {
    ...roundHead(round),
    seats: round.seats,
    candidates: count.candidates
      .map((c) => ({ ...c, name: nameOf(c.memberId) }))
      .sort((a, b) => compareBySurnameStrokes(a.name, b.name)),
    writeIns: count.writeIns
      .map((w) => ({ ...w, name: nameOf(w.memberId) }))
      .sort((a, b) => b.votes - a.votes),
    ballots: {
      counted: count.counted,
      valid: count.valid,
      invalid: count.invalid,
      issued: round.attendance?.ballotsIssued ?? null,
    },
    ...(closed && round.tally
      ? {
          tally: round.tally,
          elected: round.tally.elected.map(nameOf),
          recountUrl: recountPath(election.id, round.id),
        }
      : {}),
  };
};

/**
 * The board of a token, with its strong ETag (the SHA-256 of the view's canonical JSON: equal
 * views, equal tags); undefined for an unknown or revoked token.
 */
export const loadCountBoard = async (
  token: string,
): Promise<{ board: CountBoardView; etag: string } | undefined> => {
  const link = await getCountBoard(token);
  const election = link && (await getElection(link.electionId));
  if (!election) return undefined;
  const [organization, rounds] = await Promise.all([
    getOrganization(election.orgId),
    listRounds(election.id),
  ]);
  const round = currentRound(rounds);
  const board: CountBoardView = {
    organization: organization?.name ?? election.orgId,
    electionId: election.id,
    round: round ? await roundOnBoard(election, round) : null,
  };
  return { board, etag: `"${digestOf([board]).slice(0, 32)}"` };
};
