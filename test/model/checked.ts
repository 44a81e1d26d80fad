// The steps every command is made of: one request checked against what the model says it must
// answer (a refusal checked to have changed nothing), then every invariant of the election.
import type fc from 'fast-check';
import { WAKEABLE_WAIT_MS } from '../../shared/rules/timing.ts';
import type { ApiAnswer } from '../support/api.ts';
import { checkAll, refusalChangedNothing, type Snapshot } from './invariants.ts';
import type { ElectionModel, Expected, Model } from './model.ts';
import {
  type ElectionRead,
  organizerOf,
  readElection,
  readRound,
  readSnapshot,
  request,
  SCRUTINEER,
  TELLER,
  tokenOf,
  type World,
} from './world.ts';

export type Command = fc.AsyncCommand<Model, World, boolean>;

/** The election a command acts on: its index taken modulo the elections there are. */
export const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

/**
 * The commands on one of the sequence's elections (any, once one exists), one per spec drawn:
 * `act` is what it does, given the election as it is; printed as `name(spec)` in a failure.
 */
export const onElection = <S extends { election: number }>(
  name: string,
  specs: fc.Arbitrary<S>,
  act: (
    e: ElectionModel,
    world: World,
    spec: S,
    before: ElectionRead,
    model: Model,
  ) => Promise<void>,
  /** Steering: the elections this command is for, when there are any (else any election). */
  prefer: (e: ElectionModel) => boolean = () => true,
): fc.Arbitrary<Command> =>
  specs.map((spec) => ({
    check: (model) => model.elections.length > 0,
    run: async (model, world) => {
      const preferred = model.elections.filter(prefer);
      const e = pick(preferred.length > 0 ? preferred : model.elections, spec.election);
      await act(e, world, spec, await look(world, e), model);
    },
    toString: () => `${name}(${JSON.stringify(spec)})`,
  }));

/** The model's record of a round, made on first use. */
export const roundModelOf = (e: ElectionModel, roundId: string) => {
  const known = e.rounds.get(roundId) ?? { attendance: null, serials: new Set<string>() };
  e.rounds.set(roundId, known);
  return known;
};

/**
 * How long past a deadline a stage may still be open: on the virtual clock, the product's own
 * pacing — a deadline moved earlier wakes the wait at once, except within its last seconds
 * (shared/rules/timing.ts `WAKEABLE_WAIT_MS`); on real time, room for the machine too.
 */
export const graceOf = (world: World, dayLengthMs: number) =>
  world.clock.virtual ? WAKEABLE_WAIT_MS : Math.max(3000, 3 * dayLengthMs);

/** Every invariant of the election, or a failure naming each violation. */
export const checkInvariants = async (world: World, e: ElectionModel, snapshot?: Snapshot) => {
  const seen = snapshot ?? (await readSnapshot(world, e.orgId, e.id));
  e.stage = seen.election.stage;
  const violations = checkAll(seen, { graceMs: graceOf(world, e.dayLengthMs) });
  world.stats.stages[seen.election.stage] = (world.stats.stages[seen.election.stage] ?? 0) + 1;
  if (violations.length > 0) {
    throw new Error(`invariants broken on ${e.id}:\n  ${violations.join('\n  ')}`);
  }
};

/**
 * One request checked against the model: read the election before, send, compare the status
 * with `expected`; an unexpected answer is a failure unless what time moves changed meanwhile
 * (real time only). A refusal is checked to have changed nothing. Then every invariant.
 */
export const checked = async (
  world: World,
  e: ElectionModel,
  name: string,
  actor: string,
  before: ElectionRead,
  expected: Expected | (() => Expected),
  send: () => Promise<ApiAnswer>,
  /** An answer that is right only because real time moved something meanwhile. */
  racedIf: (answer: ApiAnswer) => boolean = () => false,
): Promise<{ answer: ApiAnswer; raced: boolean }> => {
  const expectation = typeof expected === 'function' ? expected : () => expected;
  world.stats.steps++;
  world.stats.commands[name] = (world.stats.commands[name] ?? 0) + 1;
  const auditBefore = expectation().some((s) => s >= 400)
    ? await request(world, 'GET', `/v1/elections/${e.id}/audit`, await organizerOf(world, e.orgId))
    : undefined;
  const answer = await send();
  const outcome = `${name} ${answer.status}`;
  world.stats.answers[outcome] = (world.stats.answers[outcome] ?? 0) + 1;
  await world.clock.settle();
  const after = await readSnapshot(world, e.orgId, e.id);
  let raced = false;
  const first = expectation();
  if (!first.includes(answer.status)) {
    // Real time may have moved the stage between the read and the request: the answer is right
    // if the model, told the new stage, expects it.
    e.stage = after.election.stage;
    const moved = before.stage !== e.stage && expectation().includes(answer.status);
    if (!world.clock.virtual && (moved || racedIf(answer))) {
      world.stats.raced++;
      raced = true;
    } else {
      throw new Error(
        `${name} on ${e.id} (stage ${before.stage}): expected ${first.join('|')}, got ` +
          `${answer.status} ${answer.text.slice(0, 400)}`,
      );
    }
  }
  if (answer.status >= 400) {
    world.stats.refused++;
    if (auditBefore?.status === 200) {
      const violations = refusalChangedNothing(
        { audit: auditBefore.body as Snapshot['audit'], election: before },
        after,
        actor,
        { strict: world.clock.virtual },
      );
      if (violations.length > 0) throw new Error(`${name} on ${e.id}: ${violations.join('; ')}`);
    }
  }
  await checkInvariants(world, e, after);
  return { answer, raced };
};

/** The election as it is now, the model's stage brought up to it. */
export const look = async (world: World, e: ElectionModel) => {
  await world.clock.settle();
  const seen = await readElection(world, e.orgId, e.id);
  e.stage = seen.stage;
  return seen;
};

/** The secretary candidates the recommendation put forward and nobody has eliminated yet. */
export const recommendedSecretaries = (seen: ElectionRead): string[] =>
  seen.candidates
    .filter((c) => c.office === 'secretary' && c.status === 'recommended')
    .map((c) => c.memberId);

export const statusOf = (seen: ElectionRead, office: string, memberId: string) =>
  seen.candidates.find((c) => c.office === office && c.memberId === memberId)?.status;

/** The stage beginning while a deadline moves: the product's 409 asking to read and retry. */
export const staleMove = (answer: ApiAnswer) =>
  answer.status === 409 &&
  (answer.body as { error?: { code?: string } }).error?.code === 'stale-election';

/** An open (or any) round of the election, as the API shows it now. */
export const roundOf = async (world: World, e: ElectionModel, n: number, before: ElectionRead) => {
  const open = before.rounds.filter((r) => r.status === 'open');
  const chosen =
    open.length > 0 ? pick(open, n) : before.rounds.length > 0 ? pick(before.rounds, n) : undefined;
  return chosen ? readRound(world, e.orgId, e.id, chosen.id) : undefined;
};

export const staffFor = (e: ElectionModel, candidates: readonly string[]) => {
  const [announcer, scrutineer, counter] = e.cast.clean
    .filter((id) => !candidates.includes(id))
    .slice(-3);
  return { announcer, scrutineer, counter };
};

/** A teller's request on a round (attendance, ballots) or the scrutineer's (close), checked. */
export const roundStep = async (
  world: World,
  e: ElectionModel,
  before: ElectionRead,
  roundId: string,
  what: 'attendance' | 'ballots' | 'close',
  expected: Expected,
  body?: unknown,
) => {
  const [sub, role] =
    what === 'close' ? ([SCRUTINEER, 'scrutineer'] as const) : ([TELLER, 'teller'] as const);
  const token = await tokenOf(world, e.orgId, sub, role);
  return checked(world, e, what, sub, before, expected, () =>
    request(world, 'POST', `/v1/elections/${e.id}/rounds/${roundId}/${what}`, token, body),
  );
};
