import canonicalize from 'canonicalize';
import type * as z from 'zod';
import { tallyRound } from '../election/rounds/tally.ts';
import { type AuditEntry, canonicalEntry, GENESIS_HASH } from '../store/audit-canonical.ts';
import { type FullAuditEntry, RecountFile } from './format.ts';

/**
 * The recount (复核): a public file of a closed round checked by anyone, without trusting the
 * server. Pure and async — WebCrypto's SHA-256, no `node:`, no AWS — so the command
 * (bin/recount.mjs) and the console's page (/console/recount) run this very code. It recomputes
 * each full audit entry's hash and walks the chain's links; ties the file's round, attendance,
 * rules and ballots to the audit entries that sealed them; and counts the ballots again with
 * the close's own `tallyRound`. Every difference is named; none is `match`.
 */

export type RecountVerdict =
  | { outcome: 'match'; roundId: string; checked: number }
  | { outcome: 'differs'; roundId: string; differences: string[] }
  | { outcome: 'bad-file'; problems: string[] };

export interface RecountOptions {
  /** The audit chain's head as printed on the 选举结果报告单: the file's chain must reach it. */
  head?: string;
}

const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

const sha256 = async (text: string) =>
  hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

const canonical = (value: unknown) => canonicalize(value) ?? 'undefined';

/** As the store seals a round's ballots (audit-chain.ts `digestOf`, `fingerprintOf`). */
const digestOf = (records: readonly unknown[]) =>
  sha256(records.map((record) => `${canonical(record)}\n`).join(''));
const fingerprintOf = async (record: unknown) => (await sha256(canonical(record))).slice(0, 12);

const show = (value: unknown) =>
  value === undefined
    ? '(none)'
    : Array.isArray(value)
      ? `[${value.join(', ')}]`
      : canonical(value);

/** What a zod refusal says, each problem naming its field. */
const problemsOf = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(the file)'}: ${issue.message}`);

/**
 * Names each field where `a` and `b` differ: `counts of m3: file 12, recomputed 11` inside a
 * record of members, `<what> <field>: …` elsewhere (fields compared as canonical JSON).
 */
const compareFields = (
  what: string,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  [nameA, nameB]: [string, string],
  out: string[],
) => {
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const [x, y] = [a[key], b[key]];
    if (canonical(x) === canonical(y)) continue;
    if ((key === 'counts' || key === 'rates') && isRecord(x) && isRecord(y)) {
      for (const id of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
        if (x[id] !== y[id]) {
          out.push(`${key} of ${id}: ${nameA} ${show(x[id])}, ${nameB} ${show(y[id])}`);
        }
      }
    } else out.push(`${what} ${key}: ${nameA} ${show(x)}, ${nameB} ${show(y)}`);
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isFull = (entry: RecountFile['audit']['entries'][number]): entry is FullAuditEntry =>
  'action' in entry;

const entryName = (entry: FullAuditEntry) => `audit entry ${entry.seq} (${entry.action})`;

/** The chain: every full entry's hash recomputed, every link followed, the head reached. */
const checkChain = async (file: RecountFile, options: RecountOptions, out: string[]) => {
  const { entries } = file.audit;
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    if (entry.seq !== index + 1) {
      out.push(`audit entry ${index + 1} is missing (found entry ${entry.seq} in its place)`);
      return;
    }
    if (entry.prevHash !== prevHash) {
      out.push(
        index === 0
          ? 'audit entry 1 does not start the chain (its prevHash is not 64 zeros)'
          : `audit entry ${entry.seq} does not follow entry ${index} (its prevHash is not that entry's hash)`,
      );
    }
    if (isFull(entry) && (await sha256(canonicalEntry(entry as AuditEntry))) !== entry.hash) {
      out.push(`${entryName(entry)} does not match its hash`);
    }
    prevHash = entry.hash;
  }
  if (options.head !== undefined) {
    const head = options.head.trim().toLowerCase();
    const at = entries.findIndex((entry) => entry.hash === head);
    const closed = lastOf(file, 'round-closed');
    if (at < 0) {
      const last = entries.at(-1)?.hash ?? GENESIS_HASH;
      out.push(
        `the chain does not reach head ${head} (the file's chain ends at ${last}: a file made before the head was printed?)`,
      );
    } else if (closed && at + 1 < closed.seq) {
      out.push(`head ${head} is audit entry ${at + 1}, before the round was closed`);
    }
  }
};

/** The round's last full entry of an action (its own: `data.roundId`). */
const lastOf = (file: RecountFile, ...actions: string[]) =>
  file.audit.entries
    .filter(isFull)
    .filter(
      (entry) =>
        actions.includes(entry.action) &&
        (entry.action === 'election-created' ||
          (isRecord(entry.data) && entry.data.roundId === file.round.id)),
    )
    .at(-1);

const SEALED_ROUND_FIELDS = [
  'kind',
  'office',
  'stage',
  'number',
  'candidates',
  'seats',
  'places',
  'revotesSoFar',
  'amongTied',
  'follows',
] as const;

/** The file's round, attendance and rules against the entries that recorded them. */
const checkRecorded = (file: RecountFile, raw: Record<string, unknown>, out: string[]) => {
  const opened = lastOf(file, 'round-opened');
  if (!opened || !isRecord(opened.data)) {
    out.push(`the audit part holds no round-opened entry of round ${file.round.id}`);
  } else {
    const data = opened.data;
    const round = raw.round as Record<string, unknown>;
    const pick = (from: Record<string, unknown>) =>
      Object.fromEntries(SEALED_ROUND_FIELDS.map((key) => [key, from[key]]));
    compareFields('round', pick(round), pick(data), ['file', entryName(opened)], out);
  }
  const attended = lastOf(file, 'round-attendance', 'round-attendance-replaced');
  if (!attended || !isRecord(attended.data) || !isRecord(attended.data.attendance)) {
    out.push(`the audit part holds no attendance entry of round ${file.round.id}`);
  } else {
    compareFields(
      'attendance',
      raw.attendance as Record<string, unknown>,
      attended.data.attendance,
      ['file', entryName(attended)],
      out,
    );
  }
  const created = lastOf(file, 'election-created');
  if (!created || !isRecord(created.data)) {
    out.push('the audit part holds no election-created entry (the rules are not anchored)');
  } else {
    const { rules, preset } = created.data;
    if (canonical(raw.rules) !== canonical(rules)) {
      compareFields(
        'rules',
        raw.rules as Record<string, unknown>,
        isRecord(rules) ? rules : {},
        ['file', entryName(created)],
        out,
      );
    }
    if (preset !== file.election.preset) {
      out.push(`election preset: file ${file.election.preset}, ${entryName(created)} ${preset}`);
    }
  }
};

/** The ballots against the close's seal: named by their fingerprints, then the digest. */
const checkBallots = async (file: RecountFile, sealed: Record<string, unknown>, out: string[]) => {
  const seal = isRecord(sealed.ballots) ? sealed.ballots : {};
  const named: string[] = [];
  const seen = new Set<string>();
  for (const ballot of file.ballots) {
    if (seen.has(ballot.serial)) named.push(`ballot ${ballot.serial} appears twice`);
    seen.add(ballot.serial);
  }
  if (isRecord(seal.fingerprints)) {
    const prints = seal.fingerprints;
    const mine = new Map<string, string>();
    for (const ballot of file.ballots) mine.set(ballot.serial, await fingerprintOf(ballot));
    for (const serial of [...new Set([...Object.keys(prints), ...mine.keys()])].sort()) {
      const [theirs, ours] = [prints[serial], mine.get(serial)];
      if (ours === undefined) named.push(`ballot ${serial} removed`);
      else if (theirs === undefined) named.push(`ballot ${serial} added`);
      else if (theirs !== ours) named.push(`ballot ${serial} changed`);
    }
  }
  out.push(...named);
  if (seal.count !== file.ballots.length) {
    out.push(`ballots: file ${file.ballots.length}, sealed ${show(seal.count)}`);
  }
  if ((await digestOf(file.ballots)) !== seal.digest && named.length === 0) {
    out.push(
      isRecord(seal.fingerprints)
        ? 'the ballots do not match the sealed digest (their order differs)'
        : 'the ballots do not match the sealed digest (the round is too large for fingerprints: which ballot differs cannot be named)',
    );
  }
};

/** The tally: as the file states it, as the close sealed it, as counted again here. */
const checkTally = (file: RecountFile, sealed: Record<string, unknown>, out: string[]) => {
  const sealedTally = isRecord(sealed.tally) ? sealed.tally : {};
  compareFields('tally', file.tally, sealedTally, ['file', 'sealed'], out);
  if (
    'alreadyElected' in sealed &&
    canonical(sealed.alreadyElected) !== canonical(file.alreadyElected)
  ) {
    out.push(
      `alreadyElected: file ${show(file.alreadyElected)}, sealed ${show(sealed.alreadyElected)}`,
    );
  }
  if (sealed.status !== file.round.status) {
    out.push(`round status: file ${file.round.status}, sealed ${show(sealed.status)}`);
  }
  const { kind, candidates, seats, places, revotesSoFar, amongTied } = file.round;
  let recomputed: Record<string, unknown>;
  try {
    recomputed = tallyRound(
      { kind, candidates, seats, places, revotesSoFar, amongTied },
      file.attendance as unknown as Parameters<typeof tallyRound>[1],
      file.ballots,
      file.rules,
      { rounds: [], alreadyElected: file.alreadyElected },
    );
  } catch (error) {
    out.push(`the tally cannot be recomputed: ${(error as Error).message}`);
    return;
  }
  compareFields('tally', file.tally, recomputed, ['file', 'recomputed'], out);
};

/** Verifies a recount file (its parsed JSON): `match`, each difference, or why it is no file. */
export const verifyRecount = async (
  json: unknown,
  options: RecountOptions = {},
): Promise<RecountVerdict> => {
  const parsed = RecountFile.safeParse(json);
  if (!parsed.success) return { outcome: 'bad-file', problems: problemsOf(parsed.error) };
  const file = parsed.data;
  // The fields as written (the schema fills defaults): what the audit entries are compared with.
  const raw = json as Record<string, unknown>;
  const out: string[] = [];
  await checkChain(file, options, out);
  const closed = lastOf(file, 'round-closed');
  if (!closed || !isRecord(closed.data)) {
    out.push(`the audit part holds no round-closed entry of round ${file.round.id}`);
  } else {
    checkRecorded(file, raw, out);
    await checkBallots(file, closed.data, out);
    checkTally(file, closed.data, out);
  }
  return out.length === 0
    ? { outcome: 'match', roundId: file.round.id, checked: file.ballots.length }
    : { outcome: 'differs', roundId: file.round.id, differences: out };
};

/** A file's text as read from disk or a browser's file input: not JSON is a bad file too. */
export const verifyRecountText = async (
  text: string,
  options: RecountOptions = {},
): Promise<RecountVerdict> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { outcome: 'bad-file', problems: [`not JSON: ${(error as Error).message}`] };
  }
  return verifyRecount(json, options);
};

/** The verdict as lines of text (the command prints them, the page lists them). */
export const verdictLines = (verdict: RecountVerdict): string[] =>
  verdict.outcome === 'match'
    ? ['match']
    : verdict.outcome === 'differs'
      ? verdict.differences
      : verdict.problems.map((problem) => `bad file: ${problem}`);
