// Steering (issue 16): random requests alone rarely get an election past its eligibility review,
// so `progress` does what the organizers, tellers and superior of a real election would do next —
// a slate of clean nominees, the review, the assemblies with ballots whose count the model knows,
// the 考察 and every approval by link — each a real request checked against the model like any
// other. Mixed with the random commands, sequences reach the assemblies, approvals, recalls and
// by-elections with whatever the random requests did on the way.
import fc from 'fast-check';
import {
  type Command,
  look,
  onElection,
  recommendedSecretaries,
  roundModelOf,
  roundStep,
  staffFor,
} from './checked.ts';
import {
  decideByLink,
  decideRound,
  inspect,
  nominate,
  propose,
  reviewEligibility,
  suggest,
} from './commands.ts';
import type { RoundSeen, TallySeen } from './invariants.ts';
import {
  type ElectionModel,
  type Expected,
  expectAttendance,
  expectBallots,
  expectClose,
  type Model,
  type NominationRequest,
  predictTally,
  type Vote,
} from './model.ts';
import { commit, fileRecall, holdersOf, openByElection, settleRecalls } from './supervision.ts';
import { type ElectionRead, ORGANIZER, readRound, type World } from './world.ts';

/** Who the slate names for each office: clean members, apart from the assembly's staff. */
const SLATE: Record<NominationRequest['office'], [number, number]> = {
  secretary: [0, 5],
  deputy: [5, 7],
  member: [7, 12],
};

const ALL_PAPERS = { idCard: true, householdRegister: true, diploma: true, photo: true };

/** Nomination: the slate, each nominee by the kind the preset takes (organization or self). */
const nominateSlate = async (world: World, e: ElectionModel, before: ElectionRead) => {
  const kind = before.rules.nominationKinds.includes('organization') ? 'organization' : 'self';
  for (const office of before.rules.nominationOffices as NominationRequest['office'][]) {
    const [from, to] = SLATE[office];
    for (const nomineeId of e.cast.clean.slice(from, to)) {
      if (e.nominations.has(`${kind}#${office}#${nomineeId}`)) continue;
      const nomination: NominationRequest = {
        kind,
        office,
        nomineeId,
        documents: ALL_PAPERS,
        by: kind === 'organization' ? 'organizer' : 'nominee',
      };
      await nominate(
        world,
        e,
        await look(world, e),
        nomination,
        kind === 'self' ? nomineeId : ORGANIZER,
      );
    }
  }
};

/**
 * The review: every undecided nominee under review accepted when nothing but a waivable rule
 * fails (waived with a reason), else rejected with one.
 */
const reviewAll = async (world: World, e: ElectionModel, before: ElectionRead) => {
  const underReview = e.preset === 'yuyang' ? 'recommended' : 'nominated';
  for (const [key, nominee] of e.nominees) {
    if (nominee.decided) continue;
    const [office, nomineeId] = key.split('#') as [string, string];
    const seen = before.candidates.find((c) => c.office === office && c.memberId === nomineeId);
    if (seen?.status !== underReview) continue;
    const waive = nominee.failures.filter((f) => f === 'education' || f === 'age') as (
      | 'education'
      | 'age'
    )[];
    const accept = nominee.failures.length === waive.length;
    await reviewEligibility(world, e, await look(world, e), {
      nomineeId,
      office,
      decision: accept ? 'accept' : 'reject',
      waive: accept ? waive : [],
      ...(waive.length > 0 || !accept ? { reason: '经审查研究决定。' } : {}),
    });
  }
};

/** The assembly's attendance for a round of this kind (who is expected depends on the kind). */
const attendanceFor = (
  e: ElectionModel,
  round: RoundSeen,
  vote: Vote,
): {
  present: number;
  ballotsIssued: number;
  constituencies?: Record<string, unknown>[];
  /** Ballots per constituency ('' where there is none). */
  voters: Record<string, number>;
} => {
  if (round.kind === 'recommendation' && e.preset !== 'yuyang') {
    const units = { name: '社区单位党组织', expected: 40, present: 35, ballotsIssued: 35 };
    const residents = { name: '社区居民群众', expected: 160, present: 150, ballotsIssued: 150 };
    return {
      present: 185,
      ballotsIssued: 185,
      constituencies: [units, residents],
      voters: { units: 35, residents: 150 },
    };
  }
  if (round.kind === 'evaluation') {
    const employees = { id: 'employees', name: '非党员工', expected: 80, present: 50 };
    return {
      present: 50,
      ballotsIssued: 50,
      constituencies: [{ ...employees, ballotsIssued: 50 }],
      voters: { employees: 50 },
    };
  }
  // The members' assembly: every entitled member, or (a short assembly) under four fifths.
  const entitled = e.cast.entitled.length;
  const present = vote === 'short' ? Math.floor((entitled * 3) / 5) : entitled;
  return {
    present,
    ballotsIssued: present,
    voters: {
      [e.preset === 'yuyang' && round.kind === 'recommendation' ? 'members' : '']: present,
    },
  };
};

/** The ballots of one assembly, as `predictTally` reads them back. */
const ballotsFor = (
  round: RoundSeen,
  voters: Record<string, number>,
  vote: Vote,
  serialPrefix: string,
) => {
  const serials = (n: number, group: string) =>
    Array.from({ length: n }, (_, i) => `${serialPrefix}${group}${i + 1}`);
  const { candidates, seats } = round;
  if (round.kind === 'recommendation') {
    // A strict order: candidate k named on base × (m − k) ballots of each constituency, the
    // rest blank, so the funnel's cut never falls on a tie.
    return Object.entries(voters).flatMap(([constituency, n]) => {
      const m = candidates.length;
      const base = Math.floor(n / ((m * (m + 1)) / 2));
      const choices = candidates.flatMap((c, k) =>
        Array.from({ length: base * (m - k) }, () => [c]),
      );
      return serials(n, constituency).map((serial, i) => ({
        serial,
        constituency,
        choices: choices[i] ?? [],
      }));
    });
  }
  const n = Object.values(voters).reduce((a, b) => a + b, 0);
  if (round.kind === 'evaluation') {
    return serials(n, 'e').map((serial) => ({
      serial,
      ratings: Object.fromEntries(candidates.map((c) => [c, 'satisfied'])),
    }));
  }
  // A recall: `for` = recall; a tie keeps the holder (everyone against).
  if (round.kind === 'recall') {
    const mark = vote === 'tie' ? 'against' : 'for';
    return serials(n, 'v').map((serial) => ({
      serial,
      marks: Object.fromEntries(candidates.map((c) => [c, mark])),
    }));
  }
  // An election: `for` the first seats. A tie: the last seat's two contenders level and short of
  // a majority — every ballot `for` the first seats − 1, then by turns one contender or the
  // other, an odd ballot out `for` neither (a ballot never marks more `for` than seats).
  const contested = vote === 'tie' && candidates.length > seats;
  return serials(n, 'v').map((serial, i) => ({
    serial,
    marks: Object.fromEntries(
      candidates.map((c, k) => {
        if (!contested) return [c, k < seats ? 'for' : 'against'];
        if (k < seats - 1) return [c, 'for'];
        const turn = n % 2 === 1 && i === n - 1 ? -1 : seats - 1 + (i % 2);
        return [c, k === turn ? 'for' : 'against'];
      }),
    ),
  }));
};

/**
 * One assembly round held: attendance (unless already recorded), the ballots, the close. When
 * the round was untouched by the random requests, its tally must be exactly the model's.
 */
const holdRound = async (
  world: World,
  e: ElectionModel,
  round: RoundSeen,
  vote: Vote,
): Promise<TallySeen | undefined> => {
  const known = roundModelOf(e, round.id);
  // Each request on the round, checked against the election as it is just before it.
  const step = async (
    what: 'attendance' | 'ballots' | 'close',
    expected: Expected,
    body?: unknown,
  ) => roundStep(world, e, await look(world, e), round.id, what, expected, body);
  const pristine = !round.attendance && known.serials.size === 0;
  const plan = attendanceFor(e, round, vote);
  if (!round.attendance) {
    const { voters: _voters, ...body } = plan;
    const expected: Expected =
      round.kind === 'election' || round.kind === 'recall'
        ? expectAttendance(e, round.status, plan.present, plan.ballotsIssued)
        : [200];
    const { answer } = await step('attendance', expected, {
      ...body,
      staff: staffFor(e, round.candidates),
    });
    if (answer.status !== 200) return undefined;
    known.attendance = { present: plan.present, ballotsIssued: plan.ballotsIssued };
  }
  const issued = known.attendance?.ballotsIssued ?? round.attendance?.ballotsIssued ?? 0;
  // Never more ballots than were issued; fresh serials (`p…`) never clash with the random ones.
  const ballots = ballotsFor(round, plan.voters, vote, `p${round.id.slice(-4)}`).slice(0, issued);
  if (ballots.length > 0) {
    const serials = ballots.map((b) => b.serial);
    const prediction = expectBallots(known, 'open', serials);
    const { answer } = await step('ballots', prediction.expected, { ballots });
    if (answer.status !== 200) return undefined;
    const result = answer.body as { accepted: number; invalid: { reason?: string }[] };
    if (result.accepted !== prediction.accepted || result.invalid.length > 0) {
      throw new Error(
        `ballots into ${round.id} (candidates ${round.candidates.join(', ')}, seats ${round.seats}): ` +
          `accepted ${result.accepted}, ${result.invalid.length} invalid ` +
          `(${[...new Set(result.invalid.map((b) => b.reason))].join('; ')}); ` +
          `the model says ${prediction.accepted}, none invalid`,
      );
    }
    for (const serial of serials) known.serials.add(serial);
  }
  const { answer } = await step('close', expectClose(known, 'open').expected);
  if (answer.status !== 200) return undefined;
  const tally = answer.body as TallySeen;
  if (pristine) {
    const expected = predictTally(e, round, ballots, plan.present);
    const differs = (Object.keys(expected) as (keyof typeof expected)[]).filter(
      (k) => JSON.stringify(sorted(expected[k])) !== JSON.stringify(sorted(tally[k])),
    );
    if (differs.length > 0) {
      throw new Error(
        `the tally of ${round.kind} round ${round.id} (${vote}) differs from the model in ` +
          `${differs.join(', ')}: ${JSON.stringify(tally)}; the model: ${JSON.stringify(expected)}`,
      );
    }
  }
  return tally;
};

/** Lists compared as sets, records by key: the order the API answers in is not the question. */
const sorted = (value: unknown): unknown =>
  Array.isArray(value)
    ? [...value].sort()
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value;

/** The next instant the election's calendar names (its stage's start or end), if any is ahead. */
const nextCalendarInstant = (before: ElectionRead, now: number) => {
  const entry = before.calendar[before.stage];
  if (!entry) return undefined;
  return [Date.parse(entry.from), Date.parse(entry.until)].find((t) => t > now);
};

/**
 * One move of the election: what its stage asks of people, else time up to the next instant of
 * its calendar. Answers false when there is nothing to do (waiting on a halt, say).
 */
const move = async (
  world: World,
  model: Model,
  e: ElectionModel,
  vote: Vote,
  recall: ProgressSpec['recall'],
): Promise<boolean> => {
  const before = await look(world, e);
  if (before.stage === 'halted' || before.stage === 'cancelled') return false;
  const open = before.rounds.find((r) => r.status === 'open');
  if (open) {
    const round = await readRound(world, e.orgId, e.id, open.id);
    const tally = await holdRound(world, e, round, vote);
    if (round.kind === 'recall' && tally) {
      await settleRecalls(world, model, e, { roundId: round.id, tally });
    }
    return true;
  }
  for (const summary of before.rounds) {
    const round = await readRound(world, e.orgId, e.id, summary.id);
    if (round.tally?.next === 'organizer-decision' && !round.decision) {
      await decideRound(world, e, before, round);
      return true;
    }
  }
  const [approval] = before.pendingApprovals;
  if (approval) {
    const size = (before.rules.formalSecretaryCandidates as number | undefined) ?? 2;
    const selection =
      approval.kind === 'inspection' ? recommendedSecretaries(before).slice(0, size) : undefined;
    await decideByLink(world, e, before, approval, {
      expected: [200],
      decision: 'approve',
      ...(selection ? { selection } : {}),
    });
    if (approval.kind === 'recall' || approval.kind === 'by-election')
      await settleRecalls(world, model, e);
    return true;
  }
  if (before.stage === 'completed') return supervise(world, e, before, recall);
  if (before.stage === 'nomination') await nominateSlate(world, e, before);
  if (before.stage === 'nomination' || before.stage === 'eligibility-review')
    await reviewAll(world, e, await look(world, e));
  if (before.stage === 'inspection') {
    const recommended = recommendedSecretaries(before).filter((id) => !e.inspected.has(id));
    for (const id of recommended) await inspect(world, e, await look(world, e), id);
    if (recommended.length > 0) return true;
    // More recommended than the superior votes on (nanjing 4 → 3): the organizers choose.
    const standing = recommendedSecretaries(before);
    const size = (before.rules.inspectionCount as number | undefined) ?? 3;
    if (!e.proposed && standing.length > size) {
      await propose(world, e, before, standing.slice(0, size));
      return true;
    }
  }
  if (before.stage === 'formal-notice' && before.rules.memberCandidates === 'suggestion-list') {
    const formal = before.candidates.filter(
      (c) => c.office === 'secretary' && c.status === 'formal' && !e.suggested.has(c.memberId),
    );
    const size = Math.ceil((before.seats.members * 12) / 10);
    for (const [i, c] of formal.entries()) {
      const list = e.cast.clean.slice(SLATE.member[0] + i, SLATE.member[0] + i + size);
      await suggest(world, e, await look(world, e), c.memberId, list);
    }
  }
  const next = nextCalendarInstant(await look(world, e), await world.clock.now());
  if (next === undefined) return false;
  world.stats.steps++;
  world.stats.commands['progress-time'] = (world.stats.commands['progress-time'] ?? 0) + 1;
  await world.clock.advanceTo(next + 1);
  return true;
};

/**
 * After `completed`, what supervision brings in turn: the secretary's commitment, a recall of
 * the `recall` office's holder (one at a time, two at most), the by-election of a member's seat
 * a recall emptied. The votes and approvals are then the ordinary moves.
 */
const supervise = async (
  world: World,
  e: ElectionModel,
  before: ElectionRead,
  recall: ProgressSpec['recall'],
): Promise<boolean> => {
  if (e.commitment === 'none' && before.result?.secretary) {
    await commit(e, world, { goals: 2 }, before);
    return true;
  }
  const recalls = [...e.recalls.values()];
  const holders = holdersOf(before);
  const target = holders.findIndex(([, office]) => office === recall);
  if (
    recalls.length < 2 &&
    target >= 0 &&
    !recalls.some((r) => r.status === 'pending-approval' || r.status === 'voting')
  ) {
    await fileRecall(e, world, { holder: target, petition: 'valid', by: 'organizer' }, before);
    return true;
  }
  const vacancy = recalls.findIndex(
    (r) => r.status === 'recalled' && r.office !== 'secretary' && !r.byElection,
  );
  if (vacancy >= 0) {
    await openByElection(e, world, { recall: vacancy, candidates: 2 }, before);
    return true;
  }
  return false;
};

export interface ProgressSpec {
  election: number;
  /** Whose recall supervision brings (a member's seat is then by-elected; a secretary's, a new election). */
  recall: 'member' | 'secretary';
  /** At most this many moves. */
  moves: number;
  /** How the first assembly of the command votes; the others vote decisively. */
  vote: Vote;
}

export const progressArb: fc.Arbitrary<Command> = onElection(
  'progress',
  fc.record({
    election: fc.nat(5),
    moves: fc.constantFrom(2, 6, 12, 24),
    vote: fc.constantFrom<Vote>('decisive', 'decisive', 'decisive', 'tie', 'short'),
    recall: fc.constantFrom<ProgressSpec['recall']>('member', 'member', 'secretary'),
  }),
  async (e, world, spec, _before, model) => {
    let vote = spec.vote;
    for (let i = 0; i < spec.moves; i++) {
      const rounds = e.rounds.size;
      if (!(await move(world, model, e, vote, spec.recall))) return;
      if (e.rounds.size > rounds) vote = 'decisive';
    }
  },
  // Elections with something left to do: not ended, or with supervision still to bring.
  (e) =>
    !['cancelled', 'halted', 'completed'].includes(e.stage) ||
    (e.stage === 'completed' &&
      (e.commitment !== 'approved' ||
        e.recalls.size < 2 ||
        [...e.recalls.values()].some(
          (r) => ['pending-approval', 'voting'].includes(r.status) || r.byElection,
        ))),
);
