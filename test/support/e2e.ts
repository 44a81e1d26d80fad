// What the e2e files share: the in-process stack of a file, an election started once and read by
// every test, and the options of a community election of its own organization.
import { afterAll, beforeAll } from 'vitest';
import type { Api } from '../../scripts/scenario/client.ts';
import { runCommunityElection, type ScenarioOptions } from '../../scripts/scenario/community.ts';
import { startInProcess } from '../../scripts/scenario/in-process.ts';
import type { ElectionView } from '../../scripts/scenario/session.ts';
import { peopleOf } from '../../scripts/scenario/steps.ts';

export interface Stack {
  readonly api: Api;
  stop(): Promise<void>;
}

/** The file's in-process stack: started before its tests, stopped after them. */
export const useStack = (secret: string, options: { clock?: 'virtual' | 'real' } = {}): Stack => {
  let started: Stack | undefined;
  beforeAll(async () => {
    started = await startInProcess(secret, options);
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
  }, 30_000);
  return {
    get api() {
      if (!started) throw new Error('the stack is not started yet');
      return started.api;
    },
    stop: async () => started?.stop(),
  };
};

/**
 * One scenario run, started once the stack is up and awaited by each test (each fails with its
 * error, and a failure never goes unhandled).
 */
export const useScenario = <T>(stack: Stack, run: (api: Api) => Promise<T>): PromiseLike<T> => {
  let running: Promise<T> | undefined;
  beforeAll(() => {
    running = run(stack.api);
    running.catch(() => {});
  });
  return {
    // biome-ignore lint/suspicious/noThenProperty: awaited by the tests like the run itself
    then: (onFulfilled, onRejected) => {
      if (!running) throw new Error('the scenario is not started yet');
      return running.then(onFulfilled, onRejected);
    },
  };
};

/** A candidate's status in an office, as the election shows it. */
export const statusOf = (view: ElectionView, office: string, memberId: string) =>
  view.candidates.find((c) => c.office === office && c.memberId === memberId)?.status;

/** What the organizers read of a scenario's election: `GET /v1/elections/{id}/{what}`. */
export const organizersRead = async <T>(
  stack: Stack,
  secret: string,
  run: { orgId: string; electionId: string },
  what: 'audit' | 'notices',
): Promise<T> => {
  const { organizer } = await peopleOf([run.orgId], secret);
  return stack.api.call<T>('GET', `/v1/elections/${run.electionId}/${what}`, organizer);
};

export const superiorOf = (orgId: string) => [`${orgId}@superior.example.cn`];

/**
 * A file's community elections, each of its own organization: days of `dayLengthMs`, brisk
 * organizers and a small roll unless told. `stack` is read as each election is made, so a file
 * may start its stack in a hook of its own.
 */
export const communityElections =
  (stack: () => Pick<Stack, 'api'>, secret: string, dayLengthMs: number) =>
  (
    orgId: string,
    options: { rollSize?: number; brisk?: boolean; dayLengthMs?: number } = {},
  ): ScenarioOptions => ({
    api: stack().api,
    secret,
    orgId,
    dayLengthMs: options.dayLengthMs ?? dayLengthMs,
    superiorEmails: superiorOf(orgId),
    rollSize: options.rollSize ?? 20,
    brisk: options.brisk ?? true,
    // Approval links that outlive a slow step on a short day.
    rules: { approvalTimeoutDays: 60 },
  });

/**
 * A community election run as far as the inspection (考察), the phases given played in place of
 * the scenario's: where the tests of a recommendation's outcome leave it.
 */
export const runUntilInspection = (options: ScenarioOptions, phases: ScenarioOptions['phases']) =>
  runCommunityElection({ ...options, until: 'inspection', phases });
