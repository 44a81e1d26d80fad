// The commands of the model-based tests: real HTTP requests of every role, each checked against
// what the model says it must answer, then every invariant of the election it touched; a refused
// request is checked to have changed nothing. Arbitraries pick the variants (valid and not).
import fc from 'fast-check';
import {
  type Command,
  checked,
  checkInvariants,
  onElection,
  pick,
  recommendedSecretaries,
  roundModelOf,
  roundOf,
  roundStep,
  staffFor,
  staleMove,
  statusOf,
} from './checked.ts';
import type { RoundSeen } from './invariants.ts';
import {
  castOf,
  type ElectionModel,
  type EligibilityRequest,
  type Expected,
  expectApproval,
  expectAttendance,
  expectBallots,
  expectCancel,
  expectClose,
  expectDeadlineMove,
  expectEligibility,
  expectInspection,
  expectNomination,
  expectObjection,
  expectProposal,
  expectResolution,
  expectResume,
  expectRoundDecision,
  expectSuggestion,
  knownFailures,
  type Model,
  NO_SUCH_STAGE,
  type NominationRequest,
  newElectionModel,
  type Preset,
  recordDecision,
} from './model.ts';
import {
  type ElectionRead,
  ORGANIZER,
  organizerOf,
  readRound,
  request,
  tokenOf,
  type World,
} from './world.ts';

const PRESETS: Preset[] = ['community', 'nanjing', 'yuyang', 'regulation'];
const SEATS: Record<Preset, { secretary: 1; deputies: number; members: number }> = {
  community: { secretary: 1, deputies: 0, members: 2 },
  regulation: { secretary: 1, deputies: 0, members: 2 },
  nanjing: { secretary: 1, deputies: 1, members: 2 },
  yuyang: { secretary: 1, deputies: 0, members: 2 },
};

// ——— create ———

export interface CreateSpec {
  preset: Preset;
  dayLengthMs: number;
  overrides: { approvalTimeoutDays?: number; majorityBase?: string; bogus?: number };
  /** The organizers cut the 8-day announcement to one day (so sequences reach later stages). */
  hurry: boolean;
}

/**
 * The organizers cut the announcement to one day, retrying as the product asks when the stage
 * began meanwhile (real time: the workflow records the stage's start at the same moment).
 */
const hurry = async (world: World, e: ElectionModel, organizer: string, dayLengthMs: number) => {
  for (let attempt = 1; ; attempt++) {
    const deadline = new Date((await world.clock.now()) + dayLengthMs).toISOString();
    const path = `/v1/elections/${e.id}/deadlines/announcement`;
    const moved = await request(world, 'PUT', path, organizer, { deadline });
    if (moved.status === 200) return;
    if (!staleMove(moved) || attempt >= 5 || world.clock.virtual) {
      throw new Error(`hurrying ${e.id}: ${moved.status} ${moved.text}`);
    }
    world.stats.raced++;
  }
};

class Create implements Command {
  constructor(readonly spec: CreateSpec) {}
  check = () => true;
  async run(model: Model, world: World) {
    const orgId = `${world.prefix}-${++world.created}`;
    const cast = castOf(orgId);
    const organizer = await organizerOf(world, orgId);
    const org = await request(world, 'POST', '/v1/organizations', organizer, {
      id: orgId,
      name: `模型测试党支部${world.created}`,
      level: 'branch',
      superior: { name: '某街道党工委', emails: [`${orgId}@superior.example.cn`] },
    });
    if (org.status !== 201) throw new Error(`POST organization → ${org.status} ${org.text}`);
    const roll = await request(world, 'PUT', `/v1/organizations/${orgId}/roll`, organizer, {
      members: cast.roll,
    });
    if (roll.status !== 200) throw new Error(`PUT roll → ${roll.status} ${roll.text}`);
    world.stats.steps++;
    world.stats.commands.create = (world.stats.commands.create ?? 0) + 1;
    const answer = await request(world, 'POST', '/v1/elections', organizer, {
      orgId,
      preset: this.spec.preset,
      seats: SEATS[this.spec.preset],
      startsAt: new Date((await world.clock.now()) + 200).toISOString(),
      dayLengthMs: this.spec.dayLengthMs,
      rules: this.spec.overrides,
    });
    // SPEC §9: unknown rules keys → 400 and nothing started.
    const expected = this.spec.overrides.bogus === undefined ? 201 : 400;
    if (answer.status !== expected) {
      throw new Error(
        `create ${JSON.stringify(this.spec)}: expected ${expected}, got ${answer.status} ${answer.text.slice(0, 400)}`,
      );
    }
    if (answer.status !== 201) return;
    const view = answer.body as ElectionRead;
    const e = newElectionModel(
      view.id,
      orgId,
      this.spec.preset,
      cast,
      this.spec.dayLengthMs,
      view.stage,
    );
    model.elections.push(e);
    if (this.spec.hurry) await hurry(world, e, organizer, this.spec.dayLengthMs);
    await checkInvariants(world, e);
  }
  toString = () => `create(${JSON.stringify(this.spec)})`;
}

export const createArb = fc
  .record({
    preset: fc.constantFrom(...PRESETS),
    dayLengthMs: fc.constantFrom(400, 700, 1000),
    hurry: fc.constantFrom(true, true, true, false),
    overrides: fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record(
          { approvalTimeoutDays: fc.integer({ min: 1, max: 60 }) },
          { requiredKeys: [] },
        ),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          majorityBase: fc.constantFrom('present', 'expected', 'valid-ballots'),
        }),
      },
      { weight: 1, arbitrary: fc.record({ bogus: fc.integer({ min: 0, max: 9 }) }) },
    ),
  })
  .map((spec): Command => new Create(spec));

// ——— nominate ———

/**
 * A nomination entered by `sub` (the organizer, or a member by id), checked against the model;
 * once accepted, the failures its check named must include those the model knows.
 */
export const nominate = async (
  world: World,
  e: ElectionModel,
  before: ElectionRead,
  nomination: NominationRequest,
  sub: string,
) => {
  const { nomineeId } = nomination;
  const supporterIds = nomination.supporterIds;
  // Who the token's holder is to this nomination decides what they may enter.
  const by: NominationRequest['by'] =
    nomination.by === 'organizer'
      ? 'organizer'
      : sub === nomineeId
        ? 'nominee'
        : supporterIds?.includes(sub)
          ? 'supporter'
          : 'other-member';
  const token = await tokenOf(world, e.orgId, sub, by === 'organizer' ? 'organizer' : 'member');
  const expected = () => expectNomination(e, before.rules, { ...nomination, by });
  const { by: _by, ...body } = nomination;
  const { answer } = await checked(world, e, 'nominate', sub, before, expected, () =>
    request(world, 'POST', `/v1/elections/${e.id}/nominations`, token, body),
  );
  if (answer.status !== 201) return;
  const check = (answer.body as { check: { eligible: boolean; failures: { rule: string }[] } })
    .check;
  const failures = check.failures.map((f) => f.rule);
  const known = knownFailures(e, nomination, before.rules.requireDocuments !== false);
  const missing = known.mustInclude.filter((rule) => !failures.includes(rule));
  if (missing.length > 0 || (known.mustBeEligible && !check.eligible)) {
    throw new Error(
      `nominate ${nomineeId}: check ${JSON.stringify(check)}, must name ${missing.join(', ') || 'nothing'}`,
    );
  }
  if (check.eligible !== (failures.length === 0)) {
    throw new Error(
      `nominate ${nomineeId}: eligible ${check.eligible} with failures ${failures.join(', ')}`,
    );
  }
  e.nominations.add(`${nomination.kind}#${nomination.office}#${nomineeId}`);
  for (const s of supporterIds ?? []) e.supporters.add(`${nomination.office}#${s}`);
  const key = `${nomination.office}#${nomineeId}`;
  // Papers shown with any nomination of the nominee count (SPEC §2.2): a failure stands only
  // where every nomination of them named it.
  const earlier = e.nominees.get(key);
  e.nominees.set(key, {
    failures: earlier ? earlier.failures.filter((f) => failures.includes(f)) : failures,
    decided: earlier?.decided ?? false,
  });
};

export interface NominateSpec {
  election: number;
  who: 'clean' | 'probationary' | 'doubtful' | 'unknown';
  member: number;
  kind: NominationRequest['kind'];
  office: NominationRequest['office'];
  papers: 'all' | 'missing';
  by: NominationRequest['by'];
  supporters: number;
}

export const nominateArb = onElection(
  'nominate',
  fc
    .record({
      election: fc.nat(5),
      who: fc.constantFrom('clean', 'clean', 'clean', 'probationary', 'doubtful', 'unknown'),
      member: fc.nat(20),
      kind: fc.constantFrom('self', 'self', 'joint', 'organization'),
      office: fc.constantFrom('secretary', 'secretary', 'secretary', 'deputy', 'member'),
      papers: fc.constantFrom('all', 'all', 'all', 'missing'),
      by: fc.constantFrom('nominee', 'supporter', 'organizer', 'organizer', 'other-member'),
      supporters: fc.constantFrom(5, 5, 6, 3),
    })
    .map((spec) => spec as NominateSpec),
  async (e, world, spec, before) => {
    const { cast } = e;
    const nomineeId =
      spec.who === 'clean'
        ? pick(cast.clean, spec.member)
        : spec.who === 'probationary'
          ? cast.probationary
          : spec.who === 'doubtful'
            ? pick(cast.doubtful, spec.member)
            : `${e.orgId}-nobody`;
    const supporterIds =
      spec.kind === 'joint'
        ? cast.entitled
            .filter((id) => id !== nomineeId)
            .slice(spec.member % 8, (spec.member % 8) + spec.supporters)
        : undefined;
    const nomination: NominationRequest = {
      kind: spec.kind,
      office: spec.office,
      nomineeId,
      ...(supporterIds ? { supporterIds } : {}),
      documents: {
        idCard: true,
        householdRegister: true,
        diploma: spec.papers === 'all',
        photo: true,
      },
      by: spec.by,
    };
    const sub =
      spec.by === 'organizer'
        ? ORGANIZER
        : spec.by === 'nominee'
          ? nomineeId
          : spec.by === 'supporter'
            ? (supporterIds?.[0] ?? pick(cast.clean, spec.member + 1))
            : pick(cast.clean, spec.member + 3) === nomineeId
              ? pick(cast.clean, spec.member + 4)
              : pick(cast.clean, spec.member + 3);
    await nominate(world, e, before, nomination, sub);
  },
);

// ——— eligibility ———

/** The organizers' review of one nominee (SPEC §9 Eligibility), checked against the model. */
export const reviewEligibility = async (
  world: World,
  e: ElectionModel,
  before: ElectionRead,
  body: EligibilityRequest,
) => {
  const { office, nomineeId } = body;
  const expected = () => expectEligibility(e, body, statusOf(before, office, nomineeId));
  const token = await organizerOf(world, e.orgId);
  const { answer } = await checked(world, e, 'eligibility', ORGANIZER, before, expected, () =>
    request(world, 'POST', `/v1/elections/${e.id}/eligibility`, token, {
      ...body,
      ...(body.waive.length > 0 ? {} : { waive: undefined }),
    }),
  );
  const nominee = e.nominees.get(`${office}#${nomineeId}`);
  if (answer.status === 200 && nominee) nominee.decided = true;
};

export const decideArb = onElection(
  'eligibility',
  fc.record({
    election: fc.nat(5),
    nominee: fc.nat(30),
    decision: fc.constantFrom('accept', 'accept', 'accept', 'reject'),
    waive: fc.subarray(['education', 'age'] as ('education' | 'age')[]),
    reason: fc.boolean(),
    known: fc.constantFrom(true, true, true, false),
  }),
  async (e, world, spec, before) => {
    const nominated = [...e.nominees.keys()];
    const [office, nomineeId] = (
      spec.known && nominated.length > 0
        ? pick(nominated, spec.nominee)
        : `secretary#${pick(e.cast.roll, spec.nominee).id}`
    ).split('#') as [string, string];
    const body: EligibilityRequest = {
      nomineeId,
      office,
      decision: spec.decision,
      waive: spec.waive,
      ...(spec.reason || spec.decision === 'reject' ? { reason: '经审查研究决定。' } : {}),
    };
    await reviewEligibility(world, e, before, body);
  },
);

// ——— objections ———

export const objectArb = onElection(
  'object',
  fc.record({ election: fc.nat(5), candidate: fc.nat(20) }),
  async (e, world, spec, before) => {
    const candidate =
      before.candidates.length > 0 ? pick(before.candidates, spec.candidate) : undefined;
    const candidateId = candidate?.memberId ?? pick(e.cast.clean, spec.candidate);
    const office = candidate?.office ?? 'secretary';
    const expected = () => expectObjection(e, candidate?.status);
    const { answer } = await checked(world, e, 'object', 'public', before, expected, () =>
      request(world, 'POST', `/v1/elections/${e.id}/objections`, undefined, {
        candidateId,
        office,
        text: '反映该同志工作作风问题,请核实。',
      }),
    );
    if (answer.status === 201)
      e.objections.set((answer.body as { id: string }).id, { resolved: false });
  },
);

export const resolveArb = onElection(
  'resolve',
  fc.record({
    election: fc.nat(5),
    objection: fc.nat(10),
    decision: fc.constantFrom('upheld', 'dismissed', 'dismissed'),
    known: fc.constantFrom(true, true, true, false),
  }),
  async (e, world, spec, before) => {
    const ids = [...e.objections.keys()];
    const objectionId =
      spec.known && ids.length > 0 ? pick(ids, spec.objection) : `no-such-${spec.objection}`;
    const expected = () => expectResolution(e, objectionId);
    const token = await organizerOf(world, e.orgId);
    const { answer } = await checked(world, e, 'resolve', ORGANIZER, before, expected, () =>
      request(
        world,
        'POST',
        `/v1/elections/${e.id}/objections/${encodeURIComponent(objectionId)}/resolution`,
        token,
        {
          decision: spec.decision,
          reason: '经核实处理。',
        },
      ),
    );
    const objection = e.objections.get(objectionId);
    if (answer.status === 200 && objection) objection.resolved = true;
  },
);

// ——— deadlines, cancel, resume ———

export const moveDeadlineArb = onElection(
  'move-deadline',
  fc.record({
    election: fc.nat(5),
    stageOffset: fc.constantFrom(-1, 0, 0, 0, 1, 2),
    inDays: fc.constantFrom(-1, 0.5, 0.5, 0.5, 1, 2, 5, 30),
  }),
  async (e, world, spec, before) => {
    const { stages } = before.rules;
    const current = Math.max(0, stages.indexOf(before.stage));
    const stage = stages[current + spec.stageOffset] ?? NO_SUCH_STAGE;
    const now = await world.clock.now();
    const deadline = now + spec.inDays * before.dayLengthMs;
    // A deadline may pass while the request travels (real time): then either answer is right.
    const slack = world.clock.virtual ? 0 : 1000;
    const expected = () => [
      ...expectDeadlineMove(e, before.rules, before.calendar, { stage, deadline }, now),
      ...expectDeadlineMove(e, before.rules, before.calendar, { stage, deadline }, now + slack),
    ];
    const token = await organizerOf(world, e.orgId);
    await checked(
      world,
      e,
      'move-deadline',
      ORGANIZER,
      before,
      expected,
      () =>
        request(world, 'PUT', `/v1/elections/${e.id}/deadlines/${stage}`, token, {
          deadline: new Date(deadline).toISOString(),
        }),
      staleMove,
    );
  },
);

export const cancelArb = onElection(
  'cancel',
  fc.record({ election: fc.nat(5), reason: fc.nat(1) }),
  async (e, world, spec, before) => {
    const reason = `撤销原因 ${spec.reason}`;
    const expected = () => expectCancel(e, reason);
    const token = await organizerOf(world, e.orgId);
    const { answer } = await checked(world, e, 'cancel', ORGANIZER, before, expected, () =>
      request(world, 'POST', `/v1/elections/${e.id}/cancel`, token, { reason }),
    );
    if (answer.status === 200) e.cancelReason = reason;
  },
);

export const resumeArb = onElection(
  'resume',
  fc.record({ election: fc.nat(5), stage: fc.nat(12), inDays: fc.constantFrom(-1, 2, 5) }),
  async (e, world, spec, before) => {
    const stage = pick([...before.rules.stages, NO_SUCH_STAGE], spec.stage);
    const now = await world.clock.now();
    const deadline = now + spec.inDays * before.dayLengthMs;
    const expected = () => expectResume(e, before.rules, stage, deadline, now);
    const token = await organizerOf(world, e.orgId);
    await checked(world, e, 'resume', ORGANIZER, before, expected, () =>
      request(world, 'POST', `/v1/elections/${e.id}/resume`, token, {
        stage,
        deadline: new Date(deadline).toISOString(),
      }),
    );
  },
);

// ——— rounds: attendance, ballots, close, decisions ———

const RESIDENTS_EXPECTED = 160;
const UNITS_EXPECTED = 40;

type AttendanceSpec = {
  election: number;
  round: number;
  absent: number;
  fault: 'none' | 'over-issued' | 'over-present';
};

export const attendanceArb = onElection(
  'attendance',
  fc
    .record({
      election: fc.nat(5),
      round: fc.nat(5),
      absent: fc.integer({ min: 0, max: 3 }),
      fault: fc.constantFrom('none', 'none', 'none', 'over-issued', 'over-present'),
    })
    .map((spec) => spec as AttendanceSpec),
  async (e, world, spec, before) => {
    const round = await roundOf(world, e, spec.round, before);
    if (!round) return;
    const staff = staffFor(e, round.candidates);
    const { fault, absent } = spec;
    let body: Record<string, unknown>;
    let expected: Expected;
    let present: number;
    let issued: number;
    if (round.kind === 'recommendation' && before.rules.recommendation) {
      const units = {
        name: '社区单位党组织',
        expected: UNITS_EXPECTED,
        present: 35 - absent,
        ballotsIssued: 35 - absent,
      };
      const residents = {
        name: '社区居民群众',
        expected: RESIDENTS_EXPECTED,
        present: 150,
        ballotsIssued: fault === 'over-issued' ? 151 : 150,
      };
      present = units.present + residents.present;
      issued = units.ballotsIssued + residents.ballotsIssued;
      body = { present, ballotsIssued: issued, constituencies: [units, residents], staff };
      expected = round.status !== 'open' ? [409] : fault === 'over-issued' ? [422] : [200, 422];
    } else if (round.kind === 'election') {
      present =
        fault === 'over-present' ? e.cast.entitled.length + 1 : e.cast.entitled.length - absent;
      issued = fault === 'over-issued' ? present + 1 : present;
      body = { present, ballotsIssued: issued, staff };
      expected = expectAttendance(e, round.status, present, issued);
    } else {
      return; // evaluation and recall rounds: not modelled yet
    }
    // Once ballots are in, the attendance is frozen (409 before any rule of it).
    if (round.status === 'open' && (e.rounds.get(round.id)?.serials.size ?? 0) > 0)
      expected = [409];
    const { answer } = await roundStep(world, e, before, round.id, 'attendance', expected, body);
    if (answer.status === 200)
      roundModelOf(e, round.id).attendance = { present, ballotsIssued: issued };
  },
);

export const ballotsArb = onElection(
  'ballots',
  fc.record({
    election: fc.nat(5),
    round: fc.nat(5),
    count: fc.integer({ min: 1, max: 20 }),
    firstSerial: fc.nat(30),
    invalid: fc.constantFrom(0, 0, 1, 2),
    repeated: fc.constantFrom(0, 0, 1),
    writeIns: fc.constantFrom(0, 0, 1),
    seed: fc.nat(100),
  }),
  async (e, world, spec, before) => {
    const round = await roundOf(world, e, spec.round, before);
    if (!round || (round.kind !== 'election' && round.kind !== 'recommendation')) return;
    const serials = Array.from({ length: spec.count }, (_, i) => `s${spec.firstSerial + i}`);
    for (let i = 0; i < spec.repeated && serials.length > 0; i++)
      serials.push(pick(serials, spec.seed + i));
    const mustBeInvalid = new Set<string>();
    const mustBeValid = new Set<string>();
    const candidates = round.candidates.length > 0 ? round.candidates : [e.cast.clean[0] as string];
    const stranger = e.cast.doubtful[4] as string; // 留党察看: never a candidate
    const ballots = serials.map((serial, i) => {
      // A repeated serial (i ≥ count) is a duplicate whatever it says: only the first is classed.
      const first = i < spec.count;
      const invalid = first && i < spec.invalid;
      const writeIn = !invalid && i >= spec.count - spec.writeIns;
      if (round.kind === 'recommendation') {
        const choices = invalid
          ? [...candidates, stranger].slice(0, round.seats + 1)
          : [pick(candidates, spec.seed + i)];
        if (invalid && choices.length > round.seats) mustBeInvalid.add(serial);
        return { serial, constituency: i % 2 === 0 ? 'units' : 'residents', choices };
      }
      const marks: Record<string, string> = {};
      for (const [j, id] of candidates.entries())
        marks[id] = j === (spec.seed + i) % candidates.length ? 'for' : 'against';
      if (invalid) {
        marks[stranger] = 'for';
        mustBeInvalid.add(serial);
      } else if (first && !writeIn && round.seats >= 1) {
        mustBeValid.add(serial);
      }
      const writeIns = writeIn ? [pick(e.cast.clean, spec.seed + i + 7)] : undefined;
      return { serial, marks, ...(writeIns ? { writeIns } : {}) };
    });
    const known = e.rounds.get(round.id);
    const prediction = expectBallots(known, round.status, serials);
    const { answer, raced } = await roundStep(
      world,
      e,
      before,
      round.id,
      'ballots',
      prediction.expected,
      {
        ballots,
      },
    );
    if (answer.status !== 200) return;
    const result = answer.body as {
      accepted: number;
      invalid: { serial: string }[];
      duplicates: string[];
    };
    if (!raced && known) {
      if (
        result.accepted !== prediction.accepted ||
        [...result.duplicates].sort().join() !== [...prediction.duplicates].sort().join()
      ) {
        throw new Error(
          `ballots into ${round.id}: accepted ${result.accepted}, duplicates ${result.duplicates.join(',')}; ` +
            `the model says ${prediction.accepted}, ${prediction.duplicates.join(',')}`,
        );
      }
      const invalid = new Set(result.invalid.map((b) => b.serial));
      const fresh = new Set(serials.filter((s) => !known.serials.has(s)));
      for (const serial of mustBeInvalid) {
        if (fresh.has(serial) && !invalid.has(serial))
          throw new Error(`ballot ${serial} in ${round.id}: invalid, yet not reported invalid`);
      }
      for (const serial of mustBeValid) {
        if (invalid.has(serial))
          throw new Error(`ballot ${serial} in ${round.id}: valid, yet reported invalid`);
      }
    }
    const entered = roundModelOf(e, round.id).serials;
    for (const serial of serials) entered.add(serial);
  },
);

export const closeArb = onElection(
  'close',
  fc.record({ election: fc.nat(5), round: fc.nat(5) }),
  async (e, world, spec, before) => {
    const round = await roundOf(world, e, spec.round, before);
    if (!round || (round.kind !== 'election' && round.kind !== 'recommendation')) return;
    const known = e.rounds.get(round.id);
    const prediction = expectClose(known, round.status);
    const { answer, raced } = await roundStep(
      world,
      e,
      before,
      round.id,
      'close',
      prediction.expected,
    );
    if (answer.status !== 200 || raced || prediction.returned === undefined) return;
    const tally = answer.body as { returned: number; issued: number; status: string };
    if (tally.returned !== prediction.returned || tally.issued !== prediction.issued) {
      throw new Error(
        `close ${round.id}: returned ${tally.returned} of ${tally.issued} issued; ` +
          `the model entered ${prediction.returned} serials, ${prediction.issued} issued`,
      );
    }
  },
);

export const roundDecisionArb = onElection(
  'round-decision',
  fc.record({ election: fc.nat(5), round: fc.nat(5) }),
  async (e, world, spec, before) => {
    if (before.rounds.length === 0) return;
    const round = await readRound(world, e.orgId, e.id, pick(before.rounds, spec.round).id);
    await decideRound(world, e, before, round);
  },
);

/** The organizers decide a round (a re-vote), checked: only where its tally asks for it. */
export const decideRound = async (
  world: World,
  e: ElectionModel,
  before: ElectionRead,
  round: RoundSeen,
) => {
  const expected = expectRoundDecision(round.tally?.next, round.decision !== undefined);
  const token = await organizerOf(world, e.orgId);
  await checked(world, e, 'round-decision', ORGANIZER, before, expected, () =>
    request(world, 'POST', `/v1/elections/${e.id}/rounds/${round.id}/decision`, token, {
      choice: 'revote',
      reason: '领导小组研究决定再次投票。',
    }),
  );
};

// ——— inspection and suggestion lists ———

/** One of the secretary candidates (any member, before there are any). */
const secretaryCandidate = (e: ElectionModel, before: ElectionRead, n: number) => {
  const secretaries = before.candidates.filter((c) => c.office === 'secretary');
  const candidateId =
    secretaries.length > 0 ? pick(secretaries, n).memberId : pick(e.cast.clean, n);
  return { secretaries, candidateId };
};

/** The organizers' 考察 of a secretary candidate (SPEC §9 Inspections), checked. */
export const inspect = async (
  world: World,
  e: ElectionModel,
  before: ElectionRead,
  candidateId: string,
) => {
  const expected = () =>
    expectInspection(e, candidateId, statusOf(before, 'secretary', candidateId));
  const token = await organizerOf(world, e.orgId);
  const { answer } = await checked(world, e, 'inspect', ORGANIZER, before, expected, () =>
    request(world, 'POST', `/v1/elections/${e.id}/inspections`, token, {
      candidateId,
      summary: '德才表现良好,群众公认度高。',
      rating: 'good',
    }),
  );
  if (answer.status === 201) e.inspected.add(candidateId);
};

/** The organizers submit `named` of the inspected to the superior's vote (差额考察), checked. */
export const propose = async (
  world: World,
  e: ElectionModel,
  before: ElectionRead,
  named: string[],
) => {
  const recommended = recommendedSecretaries(before);
  const size = (before.rules.inspectionCount as number | undefined) ?? 3;
  const expected = () => expectProposal(e, recommended, named, size);
  const token = await organizerOf(world, e.orgId);
  const { answer } = await checked(world, e, 'proposal', ORGANIZER, before, expected, () =>
    request(world, 'POST', `/v1/elections/${e.id}/inspections/proposal`, token, {
      candidateIds: named,
      reason: '综合公推结果和考察情况',
    }),
  );
  if (answer.status === 200) e.proposed = true;
};

export const proposeArb = onElection(
  'proposal',
  fc.record({ election: fc.nat(5), short: fc.constantFrom(false, false, true) }),
  async (e, world, spec, before) => {
    const recommended = recommendedSecretaries(before);
    const size = ((before.rules.inspectionCount as number | undefined) ?? 3) - (spec.short ? 1 : 0);
    await propose(world, e, before, recommended.slice(0, size));
  },
);

export const inspectArb = onElection(
  'inspect',
  fc.record({ election: fc.nat(5), candidate: fc.nat(10) }),
  async (e, world, spec, before) => {
    await inspect(world, e, before, secretaryCandidate(e, before, spec.candidate).candidateId);
  },
);

/** A formal secretary candidate's committee list, entered by the organizers, checked. */
export const suggest = async (
  world: World,
  e: ElectionModel,
  before: ElectionRead,
  candidateId: string,
  memberIds: string[],
) => {
  const expected = () =>
    expectSuggestion(
      e,
      candidateId,
      statusOf(before, 'secretary', candidateId),
      memberIds.length,
      before.seats.members,
    );
  const token = await organizerOf(world, e.orgId);
  const { answer } = await checked(world, e, 'suggest', ORGANIZER, before, expected, () =>
    request(world, 'POST', `/v1/elections/${e.id}/suggestions`, token, { candidateId, memberIds }),
  );
  if (answer.status === 201) e.suggested.add(candidateId);
};

export const suggestArb = onElection(
  'suggest',
  fc.record({
    election: fc.nat(5),
    candidate: fc.nat(10),
    short: fc.constantFrom(false, false, true),
  }),
  async (e, world, spec, before) => {
    const { secretaries, candidateId } = secretaryCandidate(e, before, spec.candidate);
    const size = Math.ceil((before.seats.members * 12) / 10) - (spec.short ? 1 : 0);
    const standing = new Set(secretaries.map((c) => c.memberId));
    const memberIds = e.cast.clean.filter((id) => !standing.has(id)).slice(0, size);
    await suggest(world, e, before, candidateId, memberIds);
  },
);

// ——— approvals by link ———

/**
 * The superior opens the link (the page must show) and decides; `expected` is the model's
 * answer. A decided approval is remembered: deciding it again must be refused.
 */
export const decideByLink = async (
  world: World,
  e: ElectionModel,
  before: ElectionRead,
  approval: { id: string; kind: string },
  how: { expected: Expected; decision: 'approve' | 'reject'; selection?: string[] },
) => {
  const approvalId = approval.id;
  const page = await request(world, 'GET', `/approve/${approvalId}`);
  if (page.status !== 200) throw new Error(`GET /approve/${approvalId} → ${page.status}`);
  const { answer } = await checked(
    world,
    e,
    'approve-by-link',
    'superior',
    before,
    how.expected,
    () =>
      request(world, 'POST', `/approve/${approvalId}`, undefined, {
        decision: how.decision,
        ...(how.selection ? { selection: how.selection } : {}),
        comment: how.decision === 'approve' ? '同意' : '不同意,请重新研究',
      }),
  );
  if (answer.status === 200) {
    e.decidedApprovals.add(approvalId);
    recordDecision(e, approval.kind, how.decision);
  }
  return answer;
};

type DecideByLinkSpec = {
  election: number;
  approval: number;
  decision: 'approve' | 'reject';
  selection: 'fits' | 'short';
};

export const approveArb = onElection(
  'approve-by-link',
  fc
    .record({
      election: fc.nat(5),
      approval: fc.nat(3),
      decision: fc.constantFrom('approve', 'approve', 'approve', 'reject'),
      selection: fc.constantFrom('fits', 'fits', 'fits', 'short'),
    })
    .map((spec) => spec as DecideByLinkSpec),
  async (e, world, spec, before) => {
    const decided = [...e.decidedApprovals];
    const pending = before.pendingApprovals;
    const approval =
      pending.length > 0
        ? pick(pending, spec.approval)
        : decided.length > 0
          ? { id: pick(decided, spec.approval), kind: 'decided' }
          : undefined;
    if (!approval) return;
    // The superior chooses the formal candidates among the inspected (SPEC §2.6).
    const choosing = approval.kind === 'inspection' && spec.decision === 'approve';
    const size = before.rules.formalSecretaryCandidates ?? 2;
    const recommended = recommendedSecretaries(before);
    const selection = choosing
      ? recommended.slice(0, spec.selection === 'fits' ? size : size - 1)
      : undefined;
    const fits = !choosing || (selection?.length === size && recommended.length >= size);
    const isPending = pending.some((p) => p.id === approval.id);
    await decideByLink(world, e, before, approval, {
      expected: expectApproval(e, approval.id, isPending, fits),
      decision: spec.decision,
      selection,
    });
  },
);

// ——— time ———

/** Time passes: `days` of the latest election's day (real time waits; the virtual clock jumps). */
class Advance implements Command {
  constructor(readonly spec: { days: number }) {}
  check = () => true;
  async run(model: Model, world: World) {
    world.stats.steps++;
    world.stats.commands.advance = (world.stats.commands.advance ?? 0) + 1;
    const day = model.elections.at(-1)?.dayLengthMs ?? 500;
    await world.clock.advanceTo((await world.clock.now()) + this.spec.days * day);
    for (const e of model.elections) await checkInvariants(world, e);
  }
  toString = () => `advance(${this.spec.days} days)`;
}

export const advanceArb = fc
  .constantFrom(0.5, 1, 2, 4)
  .map((days): Command => new Advance({ days }));

// ——— the stack: restarts and faults ———

/**
 * The stack stops and starts again on its data directory, between two requests: the workflow's
 * executions resume from what was persisted, and every election must still keep its invariants.
 */
class Restart implements Command {
  check = () => true;
  async run(model: Model, world: World) {
    world.stats.steps++;
    world.stats.commands.restart = (world.stats.commands.restart ?? 0) + 1;
    await world.stack.restart();
    await world.clock.settle();
    for (const e of model.elections) await checkInvariants(world, e);
  }
  toString = () => 'restart()';
}

export const restartArb = fc.constant(null).map((): Command => new Restart());

export interface FaultSpec {
  /** Share of DynamoDB requests failing (0: none). */
  dynamoDb: number;
  /** Share of SES requests failing (0: none). */
  ses: number;
  seed: number;
}

/**
 * From now on DynamoDB and SES fail now and then — throttling, 5xx, resets, timeouts, DynamoDB
 * answers lost after the write — each time sparing an SDK call's last attempt, as transient
 * faults are: every answer must still be the model's. Off again at the next `faults(0, 0)` or at
 * the end of the sequence.
 */
class Faults implements Command {
  constructor(readonly spec: FaultSpec) {}
  check = () => true;
  async run(_model: Model, world: World) {
    world.stats.steps++;
    world.stats.commands.faults = (world.stats.commands.faults ?? 0) + 1;
    const plan = (rate: number, seed: number, lose: boolean) =>
      rate === 0
        ? null
        : {
            rate,
            seed,
            faults: [
              'throttle',
              'server-error',
              'unavailable',
              'reset',
              'timeout',
              ...(lose ? (['lost-response'] as const) : []),
            ] as const,
            spareLastAttempt: true,
            holdMs: 100,
          };
    world.stack.faults({
      dynamoDb: plan(this.spec.dynamoDb, this.spec.seed, true),
      ses: plan(this.spec.ses, this.spec.seed + 1, false),
    });
  }
  toString = () => `faults(${JSON.stringify(this.spec)})`;
}

export const faultsArb = fc
  .record({
    dynamoDb: fc.constantFrom(0, 0.02, 0.05),
    ses: fc.constantFrom(0, 0.2),
    seed: fc.nat(1000),
  })
  .map((spec): Command => new Faults(spec));
