// The real side of the model-based tests: the running stack, its clock, tokens, and what a step
// reads back to check (the election's snapshot for the invariants; the moving parts that tell a
// race with time from a wrong answer).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/store/client.ts';
import { tableName } from '../../shared/store/table.ts';
import { type ApiAnswer, callApi, signToken } from '../support/api.ts';
import type { ElectionSeen, RoundSeen, Snapshot } from './invariants.ts';
import type { ModelStack } from './stack.ts';

/**
 * The stack's clock as a test moves it. Real time today: `advanceTo` waits until the instant.
 * Virtual (issue 16's `ZX_CLOCK=virtual`, `POST /local/clock`): it advances the stack's clock and
 * answers once the stack is quiet. `clockOf` picks the one the stack runs.
 */
export interface Clock {
  virtual: boolean;
  now(): Promise<number>;
  advanceTo(instant: number): Promise<void>;
  /**
   * Lets what the last request set going finish (the workflow's steps after a create run on
   * their own, not on a timer): virtual, an advance to now, answered once the stack is quiet;
   * real, nothing (time moves anyway, and the checks allow for it).
   */
  settle(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const realClock: Clock = {
  virtual: false,
  now: async () => Date.now(),
  advanceTo: async (instant) => sleep(Math.max(0, instant - Date.now())),
  settle: async () => {},
};

/** The virtual clock when the stack runs one (`GET /local/clock` says so), else real time. */
export const clockOf = async (url: string): Promise<Clock> => {
  const mode = await callApi(url, 'GET', '/local/clock');
  if (mode.status !== 200 || (mode.body as { mode?: string }).mode !== 'virtual') return realClock;
  const now = async () =>
    Date.parse(((await callApi(url, 'GET', '/local/clock')).body as { now: string }).now);
  const advance = async (instant: number) => {
    const moved = await callApi(url, 'POST', '/local/clock', {
      body: { to: new Date(instant).toISOString() },
    });
    if (moved.status !== 200) throw new Error(`POST /local/clock → ${moved.status} ${moved.text}`);
  };
  return {
    virtual: true,
    now,
    advanceTo: async (instant) => {
      if (instant > (await now())) await advance(instant);
    },
    settle: async () => advance(await now()),
  };
};

/** Counts a run reports: steps, refusals, races with time, stages seen. */
export interface Stats {
  sequences: number;
  steps: number;
  refused: number;
  raced: number;
  commands: Record<string, number>;
  /** `command status` → how many (e.g. `recall 201`): what the sequences reached. */
  answers: Record<string, number>;
  stages: Record<string, number>;
  /** `preset stage` of each election when its sequence ended. */
  final: Record<string, number>;
  /** The first failure, as it happened (before fast-check shrinks it). */
  firstFailure?: string;
}

export const newStats = (): Stats => ({
  sequences: 0,
  steps: 0,
  refused: 0,
  raced: 0,
  commands: {},
  answers: {},
  stages: {},
  final: {},
});

/** What the commands act on: the stack, its clock, and the elections of this sequence. */
export interface World {
  url: string;
  secret: string;
  clock: Clock;
  stats: Stats;
  /** A fresh prefix per sequence: its organizations are its own. */
  prefix: string;
  /** How many organizations this sequence created (for their ids). */
  created: number;
  /** The stack itself: restarted, or its DynamoDB and SES made to fail, by commands. */
  stack: Pick<ModelStack, 'restart' | 'faults'>;
}

const tokens = new Map<string, Promise<string>>();

/** A token of `orgId` (cached: signing is cheap, but a sequence signs thousands). */
export const tokenOf = (
  world: World,
  orgId: string,
  sub: string,
  role: 'organizer' | 'teller' | 'scrutineer' | 'member',
): Promise<string> => {
  const key = `${world.secret}#${orgId}#${sub}#${role}`;
  let token = tokens.get(key);
  if (!token) {
    token = signToken(
      { sub, roles: [role], orgs: [orgId] },
      { secret: world.secret, expiresIn: '12h' },
    );
    tokens.set(key, token);
  }
  return token;
};

export const ORGANIZER = 'organizer-model';
export const TELLER = 'teller-model';
export const SCRUTINEER = 'scrutineer-model';

export const organizerOf = (world: World, orgId: string) =>
  tokenOf(world, orgId, ORGANIZER, 'organizer');

/** One request to the stack. */
export const request = (
  world: World,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<ApiAnswer> => callApi(world.url, method, path, { token, body });

/** The election with the rules the model reads, as the API shows it. */
export type ElectionRead = ElectionSeen & {
  orgId: string;
  dayLengthMs: number;
  rules: ElectionSeen['rules'] & {
    stages: string[];
    nominationKinds: string[];
    nominationOffices: string[];
    minJointSupporters?: number;
    requireDocuments?: boolean;
    formalSecretaryCandidates?: number;
  };
};

/** A GET of the organizers' (any failure is the test's, not a refusal to check). */
const read = async <T>(world: World, orgId: string, path: string): Promise<T> => {
  const answer = await request(world, 'GET', path, await organizerOf(world, orgId));
  if (answer.status !== 200) throw new Error(`GET ${path} → ${answer.status} ${answer.text}`);
  return answer.body as T;
};

export const readElection = (world: World, orgId: string, electionId: string) =>
  read<ElectionRead>(world, orgId, `/v1/elections/${electionId}`);

export const readRound = (world: World, orgId: string, electionId: string, roundId: string) =>
  read<RoundSeen & { tally?: { next: string } }>(
    world,
    orgId,
    `/v1/elections/${electionId}/rounds/${roundId}`,
  );

const queryAll = async (pk: string, prefix: string) => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/** Everything the invariants read of one election: the API's views, and the store's items. */
export const readSnapshot = async (
  world: World,
  orgId: string,
  electionId: string,
): Promise<Snapshot & { election: ElectionRead }> => {
  const path = `/v1/elections/${electionId}`;
  const [election, audit, notices] = await Promise.all([
    readElection(world, orgId, electionId),
    read<Snapshot['audit']>(world, orgId, `${path}/audit`),
    read<Snapshot['notices']>(world, orgId, `${path}/notices`),
  ]);
  const rounds = await Promise.all(
    election.rounds.map((r) => readRound(world, orgId, electionId, r.id)),
  );
  const ballots = Object.fromEntries(
    await Promise.all(
      election.rounds.map(
        async (r) => [r.id, await queryAll(`BALLOTS#${electionId}#${r.id}`, 'BALLOT#')] as const,
      ),
    ),
  );
  return {
    now: await world.clock.now(),
    election,
    rounds,
    audit,
    notices,
    store: { ballots, notices: await queryAll(`ELECTION#${electionId}`, 'NOTICE#') },
  };
};

/** Cancels an election once its sequence is over (whatever its stage: the answer is not checked). */
export const retire = async (world: World, orgId: string, electionId: string) => {
  const organizer = await organizerOf(world, orgId);
  await request(world, 'POST', `/v1/elections/${electionId}/cancel`, organizer, {
    reason: '模型测试结束',
  });
};
