import canonicalize from 'canonicalize';
import * as z from 'zod';
import { conflict, notFound, unprocessable } from '../../errors.ts';
import {
  countedVersion,
  EntryChoice,
  type EntryPlan,
  type EntryVersion,
  isOpen,
  planEntry,
  planResolution,
  type SerialEntries,
} from '../../rules/double-entry.ts';
import type { Ballot } from '../../rules/index.ts';
import type { StoredBallot } from '../../store/ballots.ts';
import {
  type EntryWrite,
  entriesBySerial,
  getEntries,
  listEntries,
  resolveEntryWrites,
  writeEntries,
} from '../../store/entries.ts';
import type { ElectionRecord, RoundRecord } from '../../store/records.ts';
import { ConditionFailed, commit } from '../../store/transact.ts';
import { electionScope } from '../access.ts';
import { requireOpen } from './access.ts';
import { checkAll, type EntryAnswer, throughGate } from './ballots.ts';

/**
 * Double entry (双人录入) of a round's paper ballots, for the round kinds the rules name in
 * `doubleEntry`: each teller's entry is kept beside the ballots with who typed it (never a
 * voter); a second person's matching entry counts the ballot, a differing one waits for the
 * 监票人, who chooses a version (audited `entry-resolved` with both); the round does not close
 * while a serial is open. Entries pass the round's gate like single entries, so a close waits
 * for them.
 */

/** Whether this round's ballots are entered twice. */
export const isDoubleEntry = (election: ElectionRecord, round: Pick<RoundRecord, 'kind'>) =>
  // Rules stored before the field have none (its default): read them as single entry.
  (election.rules.doubleEntry ?? []).includes(round.kind);

export interface DoubleEntryAnswer extends EntryAnswer {
  /** Second entries that matched the first: these ballots are counted now. */
  matched: string[];
  /** Second entries that differ from the first: the 监票人 chooses. */
  mismatched: string[];
}

/** Same marks: canonical JSON, since a map's key order is not kept. */
const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  canonicalize(a) === canonicalize(b);

const versionOf = ({ content, valid, reason }: StoredBallot, by: string, at: string) =>
  reason === undefined ? { content, valid, by, at } : { content, valid, reason, by, at };

const ballotOf = (serial: string, { content, valid, reason }: EntryVersion): StoredBallot =>
  reason === undefined ? { serial, content, valid } : { serial, content, valid, reason };

/**
 * Plans each serial's entry from what is stored, writes the plans conditionally, and plans
 * again those another request wrote meanwhile (its pass 1 makes this one a pass 2; its pass 2
 * makes this one a duplicate). Answers each serial's plan as written.
 */
const writePlanned = async (
  election: ElectionRecord,
  round: RoundRecord,
  ballots: ReadonlyMap<string, StoredBallot>,
  by: string,
): Promise<Map<string, EntryPlan>> => {
  const outcome = new Map<string, EntryPlan>();
  const at = new Date().toISOString();
  let pending = [...ballots.keys()];
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > 5) throw new Error(`double entry: serials kept changing: ${pending.join(', ')}`);
    const stored = await entriesBySerial(election.id, round.id, pending);
    const plans = new Map<string, EntryPlan>();
    const writes: EntryWrite[] = [];
    for (const serial of pending) {
      const ballot = ballots.get(serial) as StoredBallot;
      const existing = stored.get(serial);
      const plan = planEntry(existing, by, ballot.content, same);
      const version = versionOf(ballot, by, at);
      if (plan.kind === 'duplicate') outcome.set(serial, plan);
      else plans.set(serial, plan);
      if (plan.kind === 'first') writes.push({ kind: 'first', serial, version });
      if (plan.kind === 'second' && existing) {
        const firstBy = existing.first.by;
        writes.push({
          kind: 'second',
          serial,
          firstBy,
          version,
          ...(plan.matched ? { ballot } : {}),
        });
      }
    }
    const { written, conflicted } = await writeEntries(election.id, round.id, writes);
    for (const serial of written) outcome.set(serial, plans.get(serial) as EntryPlan);
    pending = conflicted;
  }
  return outcome;
};

/**
 * Enters a batch by one teller (`by`) into a double-entry round that is open with its
 * attendance (else 409). The first copy of a serial in the request is the entry; a later copy
 * is a repetition (a duplicate, never "already stored").
 */
export const enterDoubleBallots = async (
  election: ElectionRecord,
  round: RoundRecord,
  ballots: readonly Ballot[],
  by: string,
): Promise<DoubleEntryAnswer> => {
  requireOpen(round);
  const checked = await checkAll(election, round, ballots);
  const firstCopies = new Map<string, StoredBallot>();
  const repeats: string[] = [];
  for (const ballot of checked) {
    if (firstCopies.has(ballot.serial)) repeats.push(ballot.serial);
    else firstCopies.set(ballot.serial, ballot);
  }
  const outcome = await throughGate(
    election,
    round,
    () => writePlanned(election, round, firstCopies, by),
    ballots,
  );
  const answer: DoubleEntryAnswer = {
    accepted: 0,
    invalid: [],
    duplicates: [],
    matched: [],
    mismatched: [],
  };
  const alreadyStored: NonNullable<EntryAnswer['alreadyStored']> = [];
  for (const [serial, ballot] of firstCopies) {
    const plan = outcome.get(serial);
    if (!plan || plan.kind === 'duplicate') {
      answer.duplicates.push(serial);
      const copies = checked.filter((b) => b.serial === serial);
      if (plan?.alreadyStored && copies.every((b) => same(b.content, ballot.content))) {
        alreadyStored.push({ serial, ...plan.alreadyStored });
      }
      continue;
    }
    answer.accepted++;
    if (!ballot.valid) answer.invalid.push({ serial, reason: ballot.reason ?? 'invalid' });
    if (plan.kind === 'second') (plan.matched ? answer.matched : answer.mismatched).push(serial);
  }
  answer.duplicates.push(...repeats);
  return alreadyStored.length > 0 ? { ...answer, alreadyStored } : answer;
};

const Version = z.object({
  content: z.record(z.string(), z.unknown()),
  valid: z.boolean(),
  reason: z.string().optional(),
  /** Who entered it (the teller's sign-in), never a voter. */
  by: z.string(),
  at: z.string(),
});

/** `GET …/entries`: what is open (single, mismatched) in full, what is settled by number. */
export const EntriesView = z.object({
  single: z.array(z.object({ serial: z.string(), first: Version })),
  matched: z.number(),
  mismatched: z.array(z.object({ serial: z.string(), first: Version, second: Version })),
  resolved: z.number(),
});
export type EntriesView = z.infer<typeof EntriesView>;

/** The state of a round's double entry (an empty one for a single-entry round). */
export const entriesView = async (
  election: ElectionRecord,
  round: RoundRecord,
): Promise<EntriesView> => {
  const view: EntriesView = { single: [], matched: 0, mismatched: [], resolved: 0 };
  if (!isDoubleEntry(election, round)) return view;
  for (const entries of await listEntries(election.id, round.id)) {
    const { serial, first, second, status } = entries;
    if (status === 'single') view.single.push({ serial, first });
    else if (status === 'mismatched' && second) view.mismatched.push({ serial, first, second });
    else if (status === 'matched') view.matched++;
    else view.resolved++;
  }
  return view;
};

/**
 * The serials a teller has to skip: those they entered, and those already counted (or settled
 * by the 监票人). Another teller's single entry is not flagged: that paper is this one's to type.
 */
export const serialsToSkip = async (
  election: ElectionRecord,
  round: RoundRecord,
  by: string,
): Promise<string[]> =>
  (await listEntries(election.id, round.id))
    .filter((e) => !isOpen(e) || e.first.by === by || e.second?.by === by)
    .map((e) => e.serial);

/**
 * 409 `entries-open` naming each serial entered once or twice differently: a double-entry round
 * closes only when every paper is settled. Nothing for a single-entry round.
 */
export const requireEntriesSettled = async (
  election: ElectionRecord,
  round: RoundRecord,
): Promise<void> => {
  if (!isDoubleEntry(election, round)) return;
  const open = (await listEntries(election.id, round.id)).filter(isOpen);
  if (open.length === 0) return;
  throw conflict(
    'entries-open',
    `round ${round.id}: ${open.length} ballot(s) entered once or differently (${open
      .slice(0, 10)
      .map((e) => e.serial)
      .join(
        ', ',
      )}${open.length > 10 ? ', …' : ''}): a second entry or the scrutineer's resolution settles each`,
    open.map(({ serial, status }) => ({ serial, status })),
  );
};

/** `POST …/entries/{serial}/resolution` (监票人). */
export const EntryResolution = z.strictObject({
  choose: EntryChoice,
  reason: z.string().trim().min(1).max(1000),
});
export type EntryResolution = z.infer<typeof EntryResolution>;

export const ResolvedEntry = z.object({
  serial: z.string(),
  status: z.literal('resolved'),
  choose: EntryChoice,
  /** Whether a ballot is counted under the serial (not when `neither`). */
  counted: z.boolean(),
});

/**
 * The 监票人 settles an open serial: the chosen version becomes the counted ballot (or none),
 * audited `entry-resolved` with both versions and the reason, through the round's gate so a
 * close counts it. 404 unknown serial; 409 round not open, serial already settled (or changed
 * meanwhile); 422 `second` where there is one entry only.
 */
export const resolveEntry = async (
  election: ElectionRecord,
  round: RoundRecord,
  serial: string,
  { choose, reason }: EntryResolution,
  actor: string,
): Promise<z.infer<typeof ResolvedEntry>> => {
  requireOpen(round);
  const entries = isDoubleEntry(election, round)
    ? await getEntries(election.id, round.id, serial)
    : undefined;
  if (!entries) throw notFound(`entries of serial ${serial} in round ${round.id}`);
  const plan = planResolution(entries, choose);
  if (plan.refused === 'not-open') throw settled(entries);
  if (plan.refused !== undefined) {
    const message = `serial ${serial} was entered once: choose first or neither`;
    throw unprocessable(plan.refused, message, [{ path: ['choose'], rule: plan.refused, message }]);
  }
  const resolution = { choose, reason, by: actor, at: new Date().toISOString() };
  const ballot = plan.counted ? ballotOf(serial, plan.counted) : undefined;
  const writes = resolveEntryWrites(election.id, round.id, entries, resolution, ballot);
  const { first, second, status } = entries;
  try {
    await throughGate(election, round, () =>
      commit(writes, {
        scope: electionScope(election.id),
        actor,
        action: 'entry-resolved',
        data: {
          roundId: round.id,
          serial,
          choose,
          reason,
          was: status,
          first,
          ...(second ? { second } : {}),
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    throw settled((await getEntries(election.id, round.id, serial)) ?? entries, true);
  }
  return { serial, status: 'resolved', choose, counted: Boolean(ballot) };
};

const settled = (entries: SerialEntries, meanwhile = false) =>
  conflict(
    'entry-not-open',
    meanwhile
      ? `serial ${entries.serial} changed meanwhile (now ${entries.status}): look again`
      : `serial ${entries.serial} is already settled (${entries.status}${
          countedVersion(entries) ? ', counted' : ''
        })`,
    [{ serial: entries.serial, status: entries.status }],
  );
