import * as z from 'zod';
import { conflict, fromViolations } from '../../errors.ts';
import {
  applyDecision,
  type DecisionOutcome,
  type Member,
  Office,
  type OrganizerDecision,
  RoundCandidates,
  RoundKind,
  Stage,
} from '../../rules/index.ts';
import { placesOf, planRevote, type RevotePlan } from '../../rules/revote.ts';
import { digestOf, fingerprintOf } from '../../store/audit-chain.ts';
import { allBallots, type StoredBallot } from '../../store/ballots.ts';
import type { ElectionRecord, RoundRecord } from '../../store/records.ts';
import {
  closeGate,
  getRound,
  listRounds,
  putDecision,
  putNewRound,
  putTally,
  reopenGate,
} from '../../store/rounds.ts';
import { ConditionFailed, commit, type Write } from '../../store/transact.ts';
import { electionScope } from '../access.ts';
import { afterwards } from '../afterwards.ts';
import { wakeWorkflow } from '../wake.ts';
import { loadRound, requireAttendance, requireOpen, roundNotOpen } from './access.ts';
import { requireEntriesSettled } from './double-entry.ts';
import { announceRoundResult, inviteToRound } from './notices.ts';
import { rollOfRound } from './roll.ts';
import { alreadyElected, closedStatus, tallyRound } from './tally.ts';

/**
 * A round's life (投票轮次): opened for a stage (by the workflow, or by itself as a re-vote),
 * closed once by a scrutineer with its tally, and — after a repeated tie or shortfall — decided
 * by the organizers. Every change is one audited transaction conditional on the state it was
 * decided on; the e-mails and the workflow's wake-up follow it.
 */

/** What the workflow asks for when a stage holds a vote. */
export const RoundSpec = z.strictObject({
  kind: RoundKind,
  office: Office,
  stage: z.union([Stage, z.enum(['recall', 'by-election'])]),
  candidates: RoundCandidates,
  /** Seats to fill; on a recommendation ballot, the most names it may carry. */
  seats: z.int().min(1),
  /** Recommendation: how many go on, when it differs from seats. */
  places: z.int().min(1).optional(),
  revotesSoFar: z.int().min(0),
  /** An election's re-vote among the tied: no write-ins. */
  amongTied: z.boolean().optional(),
});
export type RoundSpec = z.input<typeof RoundSpec>;

const now = () => new Date().toISOString();

const newRound = (
  spec: Pick<RoundRecord, 'kind' | 'office' | 'stage'> & RevotePlan,
  number: number,
  follows?: string,
): RoundRecord => ({
  id: `${spec.stage}-${number}`,
  kind: spec.kind,
  office: spec.office,
  stage: spec.stage,
  number,
  status: 'open',
  candidates: [...spec.candidates],
  seats: spec.seats,
  ...(spec.places === undefined ? {} : { places: spec.places }),
  revotesSoFar: spec.revotesSoFar,
  ...(spec.amongTied ? { amongTied: true } : {}),
  openedAt: now(),
  ...(follows === undefined ? {} : { follows }),
});

const openedData = (round: RoundRecord) => {
  const { id, kind, office, stage, number, candidates, seats, places, revotesSoFar, amongTied } =
    round;
  return {
    roundId: id,
    ...{ kind, office, stage, number, candidates, seats, places, revotesSoFar, amongTied },
    follows: round.follows,
  };
};

/**
 * Opens a round for a stage, numbered after the stage's rounds (`recommendation-1`, `-2`, …).
 * Idempotent: while the stage has an open round, that round is answered (and its invitations,
 * already recorded, are not sent again). Audited `round-opened`; the entitled members (a
 * recommendation: the whole roll) get the assembly invitation.
 */
export const openRound = async (
  election: ElectionRecord,
  spec: RoundSpec,
  actor: string,
): Promise<RoundRecord> => {
  const plan = RoundSpec.parse(spec);
  for (let attempt = 1; ; attempt++) {
    const rounds = await listRounds(election.id);
    let round = rounds.find((r) => r.stage === plan.stage && r.status === 'open');
    if (!round) {
      const fresh = newRound(plan, nextNumber(rounds, plan.stage));
      try {
        await commit([putNewRound(election.id, fresh)], {
          scope: electionScope(election.id),
          actor,
          action: 'round-opened',
          data: openedData(fresh),
        });
        round = fresh;
      } catch (error) {
        // Someone opened this number first: look again (it is most likely the open one).
        if (error instanceof ConditionFailed && attempt < 5) continue;
        throw error;
      }
    }
    await inviteToRound(election, round, await rollOfRound(election, round));
    return round;
  }
};

/** The next number of a stage: one more than its rounds so far. */
const nextNumber = (rounds: readonly RoundRecord[], stage: RoundRecord['stage']) =>
  Math.max(0, ...rounds.filter((r) => r.stage === stage).map((r) => r.number)) + 1;

/** The round a re-vote opens: same kind, office and stage, numbered after the stage's rounds. */
const followUpOf = async (election: ElectionRecord, round: RoundRecord, plan: RevotePlan) =>
  newRound({ ...round, ...plan }, nextNumber(await listRounds(election.id), round.stage), round.id);

/** After a round closed or was decided: the follow-up's audit entry, the e-mails, the wake-up. */
const followThrough = async (
  election: ElectionRecord,
  round: RoundRecord,
  actor: string,
  followUp: RoundRecord | undefined,
  announce?: (roll: Member[]) => Promise<unknown>,
) => {
  if (followUp) {
    await afterwards('round: audit of the follow-up round', election.id, () =>
      commit([], {
        scope: electionScope(election.id),
        actor,
        action: 'round-opened',
        data: openedData(followUp),
      }),
    );
  }
  await afterwards('round: notices', election.id, async () => {
    const roll = await rollOfRound(election, round);
    await announce?.(roll);
    if (followUp) await inviteToRound(election, followUp, roll);
  });
  await wakeWorkflow(election.id);
};

/**
 * Above this many ballots the `round-closed` entry seals them by their digest only: an audit
 * entry is one DynamoDB item (400 KB at most), and a fingerprint costs up to ~85 bytes (a
 * 64-character serial, its 12 hex digits). 3000 of them stay under 260 KB, leaving room for the
 * tally; a recount of a larger round still checks the digest, but cannot name the ballot that
 * differs.
 */
export const FINGERPRINTS_UP_TO = 3000;

/** The ballots as the close seals them: their number, digest and (up to a limit) fingerprints. */
const sealOf = (ballots: readonly StoredBallot[]) => ({
  count: ballots.length,
  digest: digestOf(ballots),
  ...(ballots.length <= FINGERPRINTS_UP_TO
    ? { fingerprints: Object.fromEntries(ballots.map((b) => [b.serial, fingerprintOf(b)])) }
    : {}),
});

/**
 * What a settled round changes beyond the election's own stages (a recall vote, a by-election):
 * passed in by the composition root (`afterSupervisionRound`) so that the election does not
 * import supervision. Required: a default that did nothing would fail silently.
 */
export type AfterRound = (
  election: ElectionRecord,
  round: RoundRecord,
  actor: string,
) => Promise<void>;

/**
 * Closes an open round (计票): new entries turned away and those under way waited for, every
 * ballot read, the tally computed by the rules engine and
 * stored with the round's final status, the ballots sealed by a SHA-256 digest in the
 * `round-closed` audit entry. A tally saying `revote` opens the follow-up round in the same
 * transaction. Results are announced at once; the waiting workflow is woken.
 * 404 unknown round; 409 not open, attendance missing, or closed meanwhile by someone else.
 */
export const closeRound = async (
  election: ElectionRecord,
  roundId: string,
  actor: string,
  afterRound: AfterRound,
): Promise<RoundRecord> => {
  const round = await loadRound(election.id, roundId);
  requireOpen(round);
  const attendance = requireAttendance(round, 'closing');
  await requireEntriesSettled(election, round);

  // Entries are turned away from here on, and those under way finish first: every ballot an
  // entry stored is read below (a close that fails keeps entries away for two minutes).
  await closeGate(election.id, roundId);
  // Double entry: an entry that slipped in before the gate closed may have left a serial open.
  await requireEntriesSettled(election, round).catch(async (refusal: unknown) => {
    await reopenGate(election.id, roundId);
    throw refusal;
  });
  const ballots = await allBallots(election.id, roundId);
  // Who already holds a seat is read from the earlier rounds and the result (SPEC §2.9), and
  // sealed with the tally: a recount, later, cannot read the result as it stood now.
  const seated =
    round.kind === 'election'
      ? alreadyElected(round, await listRounds(election.id), election.result)
      : undefined;
  const tally = tallyRound(round, attendance, ballots, election.rules, {
    rounds: [],
    ...(seated ? { alreadyElected: seated } : {}),
  });
  const plan = planRevote(round, tally);
  const followUp = plan ? await followUpOf(election, round, plan) : undefined;
  const closing = {
    status: closedStatus(tally),
    tally,
    closedAt: now(),
    ...(followUp ? { followUp: followUp.id } : {}),
  };
  const closed: RoundRecord = { ...round, ...closing };

  const writes: Write[] = [putTally(election.id, roundId, closing)];
  if (followUp) writes.push(putNewRound(election.id, followUp));
  try {
    await commit(writes, {
      scope: electionScope(election.id),
      actor,
      action: 'round-closed',
      data: {
        roundId,
        status: closed.status,
        tally,
        ballots: sealOf(ballots),
        alreadyElected: seated,
        followUp: followUp?.id,
      },
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    const current = (await getRound(election.id, roundId)) ?? round;
    throw current.status === 'open'
      ? conflict('follow-up-exists', `round ${followUp?.id} already exists`)
      : roundNotOpen(current);
  }

  await followThrough(election, closed, actor, followUp, (roll) =>
    announceRoundResult(election, closed, roll),
  );
  // After the election (recall votes, by-elections): what the outcome changes.
  await afterRound(election, closed, actor);
  return closed;
};

/** The decision as recorded on the round, and the round it opens (if any). */
const recordOf = (
  round: RoundRecord,
  decision: OrganizerDecision,
  outcome: DecisionOutcome,
  actor: string,
): { record: NonNullable<RoundRecord['decision']>; plan: RevotePlan | null } => {
  const base = { choice: decision.choice, reason: decision.reason.trim(), by: actor, at: now() };
  const safe = round.tally?.elected ?? [];
  switch (outcome.choice) {
    case 'select':
      return {
        record: { ...base, memberIds: decision.memberIds ?? [], elected: outcome.elected },
        plan: null,
      };
    case 'revote':
      return {
        record: { ...base, elected: [...safe] },
        plan: planRevote(round, round.tally, outcome.round),
      };
    case 'reduce-seats':
      return {
        record: { ...base, seats: outcome.seats, elected: outcome.elected },
        plan: outcome.round ? planRevote(round, round.tally, outcome.round) : null,
      };
  }
};

/**
 * The organizers' decision after a repeated tie or a shortfall (SPEC §9): checked by the rules
 * (violations → 422), recorded once on the round (`round-decided`); `revote` — and a reduction
 * that still leaves seats open — opens the follow-up round in the same transaction.
 * 404 unknown round; 409 no decision pending or already decided.
 */
export const decideRound = async (
  election: ElectionRecord,
  roundId: string,
  decision: OrganizerDecision,
  actor: string,
  afterRound: AfterRound,
): Promise<RoundRecord> => {
  const round = await loadRound(election.id, roundId);
  if (round.decision) {
    throw conflict('already-decided', `round ${roundId} was already decided`, [round.decision]);
  }
  const { tally, attendance } = round;
  if (round.status === 'open' || !tally || !attendance) {
    throw conflict('no-decision-pending', `round ${roundId} is still open: nothing to decide`);
  }
  const checked = applyDecision(
    {
      round: {
        kind: round.kind,
        office: round.office,
        candidates: round.candidates,
        seats: placesOf(round),
      },
      tally,
      ...(round.kind === 'election'
        ? {
            attendance: {
              expected: attendance.expected ?? 0,
              present: attendance.present,
              issued: attendance.ballotsIssued,
            },
            rules: { majorityBase: election.rules.majorityBase },
          }
        : {}),
    },
    decision,
  );
  if (!checked.ok) throw fromViolations(checked.violations);

  const { record, plan } = recordOf(round, decision, checked.value, actor);
  const followUp = plan ? await followUpOf(election, round, plan) : undefined;
  const decided: RoundRecord = {
    ...round,
    decision: record,
    ...(followUp ? { followUp: followUp.id } : {}),
  };
  const writes: Write[] = [putDecision(election.id, roundId, record, followUp?.id)];
  if (followUp) writes.push(putNewRound(election.id, followUp));
  try {
    await commit(writes, {
      scope: electionScope(election.id),
      actor,
      action: 'round-decided',
      data: { roundId, decision: record, followUp: followUp?.id },
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    throw conflict('already-decided', `round ${roundId} was decided meanwhile`);
  }

  // The follow-up's invitation announces a re-vote; a selection reaches the members with the
  // stage's result (the workflow's), which this decision completes.
  await followThrough(election, decided, actor, followUp);
  await afterRound(election, decided, actor);
  return decided;
};
