import { conflict } from '../../errors.ts';
import { RECOUNT_FORMAT, type RecountFile } from '../../recount/format.ts';
import type { AuditEntry } from '../../store/audit-chain.ts';
import { allBallots } from '../../store/ballots.ts';
import { listRounds } from '../../store/rounds.ts';
import { readAudit } from '../../store/transact.ts';
import { electionScope, loadElection, organizationOf } from '../access.ts';
import { loadRound } from './access.ts';
import { alreadyElected } from './tally.ts';

/**
 * The public recount file of a closed round (SPEC additions, `zx-recount/1`): its anonymous
 * ballots (serial and marks, never a voter), attendance, rules and tally, and the election's
 * audit chain — in full only the entries that recorded what a recount reads (the election's
 * creation, the round's opening, attendance and close); every other entry as its link
 * `{seq, hash, prevHash}` (objections, reasons, decisions are not public). The chain runs to
 * its head when the file is made, so the head printed on the 选举结果报告单 is in it.
 */

/** Entries published in full: what the verifier ties the file to (shared/recount/verify.ts). */
const ROUND_ACTIONS = new Set([
  'round-opened',
  'round-attendance',
  'round-attendance-replaced',
  'round-closed',
]);

const isRoundData = (data: unknown, roundId: string) =>
  typeof data === 'object' && data !== null && (data as { roundId?: unknown }).roundId === roundId;

/** The chain with only the round's own entries (up to its close) and the creation in full. */
const publicChain = (entries: readonly AuditEntry[], roundId: string, closedSeq: number) =>
  entries.map((entry) => {
    const full =
      entry.action === 'election-created' ||
      (entry.seq <= closedSeq &&
        ROUND_ACTIONS.has(entry.action) &&
        isRoundData(entry.data, roundId));
    const { seq, at, actor, action, data, prevHash, hash } = entry;
    return full ? { seq, at, actor, action, data, prevHash, hash } : { seq, hash, prevHash };
  });

/** 404 unknown election or round; 409 a round not closed yet. */
export const buildRecountFile = async (
  electionId: string,
  roundId: string,
): Promise<RecountFile> => {
  const election = await loadElection(electionId, null);
  const round = await loadRound(electionId, roundId);
  const { tally, attendance } = round;
  const entries = await readAudit(electionScope(electionId));
  const closed = entries.findLast(
    (entry) => entry.action === 'round-closed' && isRoundData(entry.data, roundId),
  );
  if (round.status === 'open' || !tally || !attendance || !closed) {
    throw conflict('round-not-closed', `round ${roundId} is not closed: no recount yet`, [
      { roundId, status: round.status },
    ]);
  }
  const sealed = closed.data as { alreadyElected?: string[] };
  // Closed before the close sealed it: who held a seat, read from the rounds and the result.
  const seated =
    sealed.alreadyElected ??
    (round.kind === 'election'
      ? alreadyElected(round, await listRounds(electionId), election.result)
      : []);
  const ballots = await allBallots(electionId, roundId);
  const organization = await organizationOf(election);
  const { id, kind, office, stage, number, status, candidates, seats, places, revotesSoFar } =
    round;
  return {
    format: RECOUNT_FORMAT,
    election: { id: election.id, organization: organization.name, preset: election.preset },
    rules: election.rules,
    round: {
      ...{ id, kind, office, stage, number, status, candidates, seats, places, revotesSoFar },
      ...{ amongTied: round.amongTied, follows: round.follows, closedAt: round.closedAt },
    } as RecountFile['round'],
    alreadyElected: seated,
    attendance: { ...attendance },
    ballots,
    tally,
    audit: { entries: publicChain(entries, roundId, closed.seq) },
  };
};
