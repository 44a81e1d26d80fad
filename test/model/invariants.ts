// The invariants of issue 16, as pure checks over what the API shows of one election (and the
// store where the API shows nothing: ballot items, notice leases). Each answers the violations it
// finds, as sentences naming the election part at fault; an empty list is a pass. Written apart
// from the product's code on purpose (its own types, its own hashing of the audit chain), so a
// mistake in the product's definitions cannot hide itself here.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** What an invariant reads of the election (`GET /v1/elections/{id}`), structurally. */
export interface ElectionSeen {
  id: string;
  stage: string;
  rules: { majorityBase?: string } & Record<string, unknown>;
  calendar: Partial<Record<string, { from: string; until: string }>>;
  seats: { secretary: number; deputies: number; members: number };
  candidates: { memberId: string; office: string; status: string }[];
  rounds: { id: string; kind: string; office: string; number: number; status: string }[];
  pendingApprovals: { id: string; kind: string }[];
  awaiting?: { who: string; task: string; stage: string; since: string } | null;
  result?: { secretary: string | null; deputies: string[]; members: string[] };
  haltReason?: string;
  cancellation?: { reason: string; by: string; at: string; stage: string };
}

export interface TallySeen {
  status: string;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  counts: Record<string, number>;
  elected: string[];
  tied?: string[];
  next: string;
}

/** `GET /v1/elections/{id}/rounds/{roundId}`, structurally. */
export interface RoundSeen {
  id: string;
  kind: string;
  office: string;
  status: string;
  candidates: string[];
  seats: number;
  attendance?: { present: number; ballotsIssued: number; expected?: number };
  tally?: TallySeen;
  decision?: { choice: string; elected?: string[]; seats?: number };
}

export interface AuditSeen {
  seq: number;
  at: string;
  actor: string;
  action: string;
  data: unknown;
  hash: string;
  prevHash: string;
}

export interface NoticeSeen {
  to: string;
  template: string;
  sentAt: string | null;
  messageId: string | null;
  status: string;
}

/** What the store holds where the API shows nothing. */
export interface StoreSeen {
  /** Every ballot item of each round, keys included (`BALLOTS#…` partitions, `BALLOT#` items). */
  ballots: Record<string, Record<string, unknown>[]>;
  /** The election's notice items (status, leaseUntil). */
  notices: Record<string, unknown>[];
}

/** Everything the invariants read after a step. */
export interface Snapshot {
  /** When it was read (ms since the epoch, on the stack's clock). */
  now: number;
  election: ElectionSeen;
  rounds: RoundSeen[];
  audit: AuditSeen[];
  notices: NoticeSeen[];
  store?: StoreSeen;
}

export interface CheckOptions {
  /**
   * How long after a deadline the workflow may take to act on it (real time: the Wait's
   * granularity and a step or two; the virtual clock after it settles: 0).
   */
  graceMs: number;
}

/**
 * No election stalls: it waits for a named party (`awaiting`, an open round, a pending approval)
 * or for a deadline still to come, or it has ended — completed, cancelled with a reason, halted
 * with a reason.
 */
export const noStall = (s: Snapshot, { graceMs }: CheckOptions): string[] => {
  const { election: e } = s;
  if (e.stage === 'completed') return [];
  if (e.stage === 'cancelled') {
    return e.cancellation?.reason?.trim() ? [] : [`${e.id}: cancelled without a reason`];
  }
  if (e.stage === 'halted') {
    return e.haltReason?.trim() ? [] : [`${e.id}: halted without a reason`];
  }
  if (e.awaiting?.who && e.awaiting.task) return [];
  if (e.pendingApprovals.length > 0) return [];
  if (e.rounds.some((r) => r.status === 'open')) return [];
  const until = e.calendar[e.stage]?.until;
  if (until !== undefined && Date.parse(until) + graceMs > s.now) return [];
  return [
    `${e.id}: stalled in ${e.stage} — waits for nobody named and ` +
      (until ? `its deadline ${until} has passed` : 'has no deadline'),
  ];
};

/** The number a winner's 赞成 must exceed half of, under the round's rules (SPEC §2.8). */
const majorityBaseOf = (round: RoundSeen, rules: ElectionSeen['rules']): number | undefined => {
  const base = rules.majorityBase ?? 'present';
  if (base === 'valid-ballots') return round.tally?.valid;
  if (base === 'expected') return round.attendance?.expected;
  return round.attendance?.present;
};

/**
 * Nobody holds a seat without more than half of the rules' base: every one elected by a valid
 * election round (or selected by the organizers among its tied) has 赞成 > base / 2, no round
 * elects more than its seats, and everyone in `result` was elected so by some round of the office.
 */
export const seatsHaveMajority = (s: Snapshot): string[] => {
  const violations: string[] = [];
  const electedBy = new Map<string, Set<string>>();
  for (const round of s.rounds) {
    if (round.kind !== 'election' || !round.tally) continue;
    const { tally } = round;
    const chosen = [...tally.elected, ...(round.decision?.elected ?? [])];
    if (tally.status !== 'valid' && chosen.length > 0) {
      violations.push(`${round.id}: a ${tally.status} round elected ${chosen.join(', ')}`);
    }
    if (tally.elected.length > round.seats) {
      violations.push(`${round.id}: elected ${tally.elected.length} for ${round.seats} seats`);
    }
    const base = majorityBaseOf(round, s.election.rules);
    for (const id of chosen) {
      const votes = tally.counts[id] ?? 0;
      if (base === undefined || votes * 2 <= base) {
        violations.push(`${round.id}: ${id} elected with ${votes} 赞成 of a base of ${base}`);
      }
      const office = electedBy.get(round.office) ?? new Set<string>();
      office.add(id);
      electedBy.set(round.office, office);
    }
  }
  const result = s.election.result;
  if (result) {
    const holders: [string, string | null][] = [
      ['secretary', result.secretary],
      ...result.deputies.map((id): [string, string] => ['deputy', id]),
      ...result.members.map((id): [string, string] => ['member', id]),
    ];
    for (const [office, id] of holders) {
      if (id !== null && !electedBy.get(office)?.has(id)) {
        violations.push(`${s.election.id}: ${id} holds ${office} without a round electing them`);
      }
    }
  }
  return violations;
};

/**
 * A completed election's chains of rounds ended with every seat filled, or with the organizers'
 * recorded decision (reduce-seats); after the term began, a seat may also be empty by a recall
 * vote that carried — the holder's own, or (SPEC §9) their secretary's, whom the members from
 * the secretary's list follow out of office.
 */
export const seatsFilledOrDecided = (s: Snapshot): string[] => {
  const { election: e } = s;
  if (e.stage !== 'completed' || !e.result) return [];
  const reduced = (office: string) =>
    s.rounds.some((r) => r.office === office && r.decision?.choice === 'reduce-seats');
  const recalled = (office: string) =>
    s.rounds.filter(
      (r) => r.kind === 'recall' && r.office === office && (r.tally?.elected.length ?? 0) > 0,
    ).length;
  const secretaryRecalled = recalled('secretary') > 0;
  const gaps: [string, number, number][] = [
    ['secretary', e.seats.secretary, e.result.secretary ? 1 : 0],
    ['deputy', e.seats.deputies, e.result.deputies.length],
    ['member', e.seats.members, e.result.members.length],
  ];
  return gaps
    .filter(
      ([office, seats, filled]) =>
        filled + recalled(office) < seats &&
        !reduced(office) &&
        !(office === 'member' && secretaryRecalled),
    )
    .map(([office, seats, filled]) => `${e.id}: ${filled} of ${seats} ${office} seats filled`);
};

/**
 * Every ballot counted once: a closed round returned as many ballots as its partition stores,
 * valid + invalid = returned, no candidate has more votes than valid ballots, and more returned
 * than issued makes the round void.
 */
export const ballotsCountedOnce = (s: Snapshot): string[] => {
  const violations: string[] = [];
  for (const round of s.rounds) {
    const { tally } = round;
    if (!tally) continue;
    if (tally.valid + tally.invalid !== tally.returned) {
      violations.push(
        `${round.id}: valid ${tally.valid} + invalid ${tally.invalid} ≠ returned ${tally.returned}`,
      );
    }
    const stored = s.store?.ballots[round.id];
    if (stored && stored.length !== tally.returned) {
      violations.push(`${round.id}: returned ${tally.returned}, ${stored.length} ballots stored`);
    }
    for (const [id, votes] of Object.entries(tally.counts)) {
      if (votes > tally.valid) {
        violations.push(`${round.id}: ${id} has ${votes} votes of ${tally.valid} valid ballots`);
      }
    }
    if (tally.returned > tally.issued && tally.status !== 'void') {
      violations.push(
        `${round.id}: ${tally.returned} returned of ${tally.issued} issued, yet ${tally.status}`,
      );
    }
  }
  return violations;
};

const GENESIS = '0'.repeat(64);

/** The audit chain verifies: seq 1, 2, …; each prevHash the hash before; each hash its entry's. */
export const auditChainVerifies = (s: Snapshot): string[] => {
  let prevHash = GENESIS;
  for (const [index, entry] of s.audit.entries()) {
    const { seq, at, actor, action, data } = entry;
    if (seq !== index + 1) return [`audit entry ${index + 1} has seq ${seq}`];
    if (entry.prevHash !== prevHash) return [`audit ${seq}: prevHash is not the hash before`];
    const hash = createHash('sha256')
      .update(canonicalize({ seq, at, actor, action, data, prevHash }) ?? '', 'utf8')
      .digest('hex');
    if (hash !== entry.hash) return [`audit ${seq} (${action}): hash does not match its entry`];
    prevHash = entry.hash;
  }
  return [];
};

/** A stored ballot's own fields: keys, serial, what was marked, whether it counts. */
const BALLOT_FIELDS = new Set(['pk', 'sk', 'serial', 'content', 'valid', 'reason']);
/** What a paper says (SPEC §8 `Ballot`): nothing of who filled it in. */
const CONTENT_FIELDS = new Set([
  'serial',
  'constituency',
  'choices',
  'ratings',
  'marks',
  'writeIns',
]);

/** No ballot item names a voter: only the paper's own fields are stored. */
export const ballotsNameNoVoter = (s: Snapshot): string[] => {
  const violations: string[] = [];
  for (const [roundId, items] of Object.entries(s.store?.ballots ?? {})) {
    for (const item of items) {
      const extra = Object.keys(item).filter((key) => !BALLOT_FIELDS.has(key));
      const content = (item.content ?? {}) as Record<string, unknown>;
      extra.push(...Object.keys(content).filter((key) => !CONTENT_FIELDS.has(key)));
      if (extra.length > 0) {
        violations.push(`${roundId} ballot ${String(item.serial)}: holds ${extra.join(', ')}`);
      }
    }
  }
  return violations;
};

/**
 * Every recorded notice is sent (with its time and message id), pending, being sent under a
 * lease, or failed on record — never lost.
 */
export const noticesSentOrPending = (s: Snapshot): string[] => {
  const violations: string[] = [];
  for (const notice of s.notices) {
    const what = `notice ${notice.template} to ${notice.to}`;
    if (notice.status === 'sent' && (!notice.sentAt || !notice.messageId)) {
      violations.push(`${what}: sent without its time or message id`);
    } else if (!['sent', 'pending', 'sending', 'failed'].includes(notice.status)) {
      violations.push(`${what}: status ${notice.status}`);
    }
  }
  for (const item of s.store?.notices ?? []) {
    if (item.status === 'sending' && typeof item.leaseUntil !== 'string') {
      violations.push(`notice ${String(item.sk)}: being sent with no lease`);
    }
    if (item.status === 'failed' && typeof item.lastError !== 'string') {
      violations.push(`notice ${String(item.sk)}: failed with no error recorded`);
    }
  }
  return violations;
};

/** Every invariant of one snapshot, each violation prefixed with the invariant's name. */
export const checkAll = (s: Snapshot, options: CheckOptions): string[] =>
  Object.entries({
    noStall: noStall(s, options),
    seatsHaveMajority: seatsHaveMajority(s),
    seatsFilledOrDecided: seatsFilledOrDecided(s),
    ballotsCountedOnce: ballotsCountedOnce(s),
    auditChainVerifies: auditChainVerifies(s),
    ballotsNameNoVoter: ballotsNameNoVoter(s),
    noticesSentOrPending: noticesSentOrPending(s),
  }).flatMap(([name, violations]) => violations.map((v) => `${name}: ${v}`));

/**
 * A refused request changed nothing: no audit entry by its actor appeared. With `strict` (the
 * virtual clock, where nothing else moves between the two reads) the audit and the election are
 * exactly as before.
 */
export const refusalChangedNothing = (
  before: Pick<Snapshot, 'audit' | 'election'>,
  after: Pick<Snapshot, 'audit' | 'election'>,
  actor: string,
  { strict }: { strict: boolean },
): string[] => {
  const added = after.audit.slice(before.audit.length);
  const violations = added
    .filter((entry) => entry.actor === actor)
    .map((entry) => `refused, yet audited ${entry.action} by ${actor}`);
  if (strict) {
    if (added.length > 0) violations.push(`refused, yet the audit grew by ${added.length}`);
    const stable = (e: ElectionSeen) => JSON.stringify({ ...e, awaiting: null });
    if (stable(before.election) !== stable(after.election)) {
      violations.push('refused, yet the election changed');
    }
  }
  return violations;
};
