import canonicalize from 'canonicalize';
import * as z from 'zod';
import { conflict, invalidInput } from '../../errors.ts';
import {
  BALLOT_SCHEMAS,
  type Ballot,
  ballotChecker,
  checkEligibility,
  electionDay,
  type Member,
  type RoundKind,
} from '../../rules/index.ts';
import {
  ballotsBySerial,
  enterBallots,
  readBallots,
  type StoredBallot,
} from '../../store/ballots.ts';
import type { ElectionRecord, RoundRecord } from '../../store/records.ts';
import { enterGate, gateEntryId, leaveGate } from '../../store/rounds.ts';
import { loadRound, requireAttendance, requireOpen } from './access.ts';
import { checkSerials } from './ballot-papers.ts';
import { reckonedOn, rollOfRound } from './roll.ts';

/**
 * Paper ballots entered by the tellers (计票人). A ballot of the wrong shape refuses the whole
 * request (400); a well-formed ballot that breaks a rule is stored as invalid, with its reason
 * (it still counts as returned); a serial already in the round is a duplicate, never stored
 * twice. Ballots hold no voter. Entry is not audited per request: 16 tellers would queue on the
 * audit chain's head; the close seals every ballot with a digest in its audit entry instead.
 */

/** Most ballots in one request (DynamoDB writes them 100 per transaction). */
export const MAX_BALLOTS_PER_REQUEST = 1000;

/** The request's shape before the round is known: the ballots' own shape depends on its kind. */
export const BallotBatch = z.strictObject({
  ballots: z.array(z.unknown()).min(1).max(MAX_BALLOTS_PER_REQUEST),
});

const batchOf = (kind: RoundKind) =>
  z.strictObject({ ballots: z.array(BALLOT_SCHEMAS[kind]).min(1).max(MAX_BALLOTS_PER_REQUEST) });

/** The ballots in the round kind's shape, or 400 naming each bad field (`body.ballots.3.marks`). */
export const parseBallots = (kind: RoundKind, body: unknown): Ballot[] => {
  const parsed = batchOf(kind).safeParse(body);
  if (!parsed.success) throw invalidInput('body', parsed.error);
  return parsed.data.ballots;
};

export interface EntryAnswer {
  /** Ballots newly stored, valid or not. */
  accepted: number;
  invalid: { serial: string; reason: string }[];
  duplicates: string[];
  /**
   * The duplicates whose stored ballot holds exactly what was sent: a resend of a ballot that an
   * earlier request stored (its answer lost on the way), not a second ballot under that serial;
   * with how it was counted. Absent when there is none.
   */
  alreadyStored?: { serial: string; valid: boolean; reason?: string }[];
}

const ALL_DOCUMENTS = { idCard: true, householdRegister: true, diploma: true, photo: true };

/**
 * Who may be written in (另选他人): members of the round's roll who meet the conditions for
 * office (第三条) on the day they are reckoned on (the election day, unless given). Papers are
 * not asked of a write-in. Someone already elected stays eligible here: the tally counts that
 * mark for nobody and the ballot's other marks stand (SPEC §2.9).
 */
export const eligibleWriteIns = (
  election: ElectionRecord,
  roll: readonly Member[],
  day: string = electionDay(election.calendar),
): Set<string> => {
  return new Set(
    roll
      .filter(
        (member) =>
          checkEligibility({ member, documents: ALL_DOCUMENTS, electionDay: day }, election.rules)
            .eligible,
      )
      .map((member) => member.id),
  );
};

/** A recommendation ballot may name its constituency by id or by name; it is stored by id. */
const constituencyIds = (election: ElectionRecord) => {
  const byLabel = new Map<string, string>();
  for (const { id, name } of election.rules.recommendation.constituencies) {
    byLabel.set(name, id);
    byLabel.set(id, id);
  }
  return (label: string) => byLabel.get(label) ?? label;
};

const hasWriteIns = (ballots: readonly Ballot[]) =>
  ballots.some((ballot) => 'writeIns' in ballot && (ballot.writeIns?.length ?? 0) > 0);

/** The ballots as stored: each checked against the round, content without its serial. */
export const checkAll = async (
  election: ElectionRecord,
  round: RoundRecord,
  ballots: readonly Ballot[],
): Promise<StoredBallot[]> => {
  const attendance = requireAttendance(round, 'entering ballots');
  const toId = constituencyIds(election);
  // Printed papers: a serial that is not one of them refuses the whole request (422).
  checkSerials(round, ballots, toId);
  const writeIns =
    round.kind === 'election' && !round.amongTied && hasWriteIns(ballots)
      ? eligibleWriteIns(election, await rollOfRound(election, round), reckonedOn(election, round))
      : undefined;
  const check = ballotChecker({
    kind: round.kind,
    candidates: round.candidates,
    seats: round.seats,
    ...(attendance.constituencies
      ? { constituencies: attendance.constituencies.map((c) => c.id) }
      : {}),
    ...(writeIns ? { eligibleWriteIns: writeIns } : {}),
    ...(round.amongTied ? { amongTied: true } : {}),
  });
  return ballots.map((entered) => {
    const ballot =
      'constituency' in entered
        ? { ...entered, constituency: toId(entered.constituency) }
        : entered;
    const { serial, ...content } = ballot;
    const verdict = check(ballot);
    return verdict.valid
      ? { serial, content, valid: true }
      : { serial, content, valid: false, reason: verdict.reason };
  });
};

/**
 * Runs `write` inside the round's gate — entered conditionally on the round being open with its
 * attendance recorded, which also freezes the attendance — so a close waits for it and counts
 * what it stored; once a close has begun counting, it is refused (409 `round-counting`) and
 * writes nothing.
 */
export const throughGate = async <T>(
  election: ElectionRecord,
  round: RoundRecord,
  write: () => Promise<T>,
  /** The ballots the write enters: their serials checked again against papers just recorded. */
  ballots: readonly Ballot[] = [],
): Promise<T> => {
  const entryId = gateEntryId();
  const frozen = await enterGate(election.id, round.id, entryId);
  if (!frozen) {
    const current = await loadRound(election.id, round.id);
    requireOpen(current);
    requireAttendance(current, 'entering ballots');
    throw conflict(
      'round-counting',
      `round ${round.id} is being counted: no more ballots can be entered`,
    );
  }
  try {
    // Papers recorded after this request read the round, before its gate froze them.
    if (ballots.length > 0 && !round.ballotPapers && !round.ballotsEntered) {
      checkSerials(frozen, ballots, constituencyIds(election));
    }
    return await write();
  } finally {
    await leaveGate(election.id, round.id, entryId);
  }
};

/** Enters a batch into an open round whose attendance is recorded (else 409), through its gate. */
export const enterRoundBallots = async (
  election: ElectionRecord,
  round: RoundRecord,
  ballots: readonly Ballot[],
): Promise<EntryAnswer> => {
  requireOpen(round);
  const stored = await checkAll(election, round, ballots);
  const entered = await throughGate(
    election,
    round,
    () => enterBallots(election.id, round.id, stored),
    ballots,
  );
  const { accepted, duplicates } = entered;
  // The first copy of a serial is the one stored (enterBallots keeps the first).
  const fresh = new Set(accepted);
  const invalid: EntryAnswer['invalid'] = [];
  for (const { serial, valid, reason } of stored) {
    if (!fresh.delete(serial) || valid) continue;
    invalid.push({ serial, reason: reason ?? 'invalid' });
  }
  const alreadyStored = await sameAsStored(election, round, stored, accepted, duplicates);
  return {
    accepted: accepted.length,
    invalid,
    duplicates,
    ...(alreadyStored.length > 0 ? { alreadyStored } : {}),
  };
};

/**
 * Which duplicates are the very ballot already stored: every copy sent under the serial has the
 * stored content (compared as canonical JSON: a map's key order is not kept). A serial stored by
 * this same request and sent again in it is a repetition, never "already stored".
 */
const sameAsStored = async (
  election: ElectionRecord,
  round: RoundRecord,
  sent: readonly StoredBallot[],
  accepted: readonly string[],
  duplicates: readonly string[],
): Promise<NonNullable<EntryAnswer['alreadyStored']>> => {
  const storedNow = new Set(accepted);
  const earlier = [...new Set(duplicates)].filter((serial) => !storedNow.has(serial));
  if (earlier.length === 0) return [];
  const found = await ballotsBySerial(election.id, round.id, earlier);
  return found.flatMap(({ serial, content, valid, reason }) => {
    const same = canonicalize(content);
    const copies = sent.filter((ballot) => ballot.serial === serial);
    if (!copies.every((ballot) => canonicalize(ballot.content) === same)) return [];
    return [reason === undefined ? { serial, valid } : { serial, valid, reason }];
  });
};

/** `GET …/serials`. */
export const EnteredSerials = z.object({ serials: z.array(z.string()) });

/**
 * The serials already entered in a round, in order — nothing of what the ballots hold: the
 * tellers' screens flag a serial typed again, whichever table entered it first.
 */
export const enteredSerials = async (election: ElectionRecord, round: RoundRecord) => {
  const serials: string[] = [];
  for await (const ballot of readBallots(election.id, round.id)) serials.push(ballot.serial);
  return serials;
};
