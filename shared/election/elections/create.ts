import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { testClockOn } from '../../deployment.ts';
import { invalidInput, notFound, unprocessable } from '../../errors.ts';
import {
  DayLengthMs,
  DEFAULT_DAY_LENGTH_MS,
  planCalendar,
  type Rules,
  resolveRules,
} from '../../rules/index.ts';
import { putNewElection, putPendingStart } from '../../store/elections.ts';
import { getOrganization } from '../../store/organizations.ts';
import type { ElectionRecord, OrganizationRecord } from '../../store/records.ts';
import { commit } from '../../store/transact.ts';
import { electionScope } from '../access.ts';
import type { ElectionPlan } from './schemas.ts';
import { startWritten } from './start-workflow.ts';

/**
 * Creating an election: one organization, one preset, the rules and calendar it will run under.
 * Shared by `POST /v1/elections`, batches and (later) the new election after a recall. The
 * election is written in its preset's first stage and its workflow started; the workflow begins
 * the stage and sends the notices when it runs it. Refusals are DomainErrors (400/404/422), thrown
 * before anything is written.
 */

export interface NewElection extends ElectionPlan {
  orgId: string;
  batchId?: string;
  replaces?: ElectionRecord['replaces'];
}

/**
 * The day length when a request names none: `ZX_DAY_MS` if it is a valid one and the test clock
 * is on (shared/deployment.ts), else a real day.
 */
export const defaultDayLengthMs = (env: NodeJS.ProcessEnv = process.env): number => {
  if (!testClockOn(env)) return DEFAULT_DAY_LENGTH_MS;
  const parsed = DayLengthMs.safeParse(Number(env.ZX_DAY_MS));
  return parsed.success ? parsed.data : DEFAULT_DAY_LENGTH_MS;
};

/** The preset's rules with the overrides; a broken rule is a 400 naming `body.rules.<field>`. */
const rulesOf = (input: NewElection): Rules => {
  try {
    return resolveRules(input.preset, input.rules ?? {});
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    const issues = error.issues.map((issue) => ({ ...issue, path: ['rules', ...issue.path] }));
    throw invalidInput('body', new z.ZodError(issues));
  }
};

/**
 * The new election's record, decided without touching the table: rules, calendar, first stage,
 * the organization's current roll. Throws 400 for broken rules, 422 for an organization without
 * a roll or seats the preset never elects.
 */
export const planElection = (
  input: NewElection,
  org: OrganizationRecord,
  actor: string,
  {
    id = randomUUID(),
    now = new Date(),
    env = process.env,
  }: { id?: string; now?: Date; env?: NodeJS.ProcessEnv } = {},
): ElectionRecord => {
  const rules = rulesOf(input);
  if (input.seats.deputies > 0 && !rules.stages.includes('deputy-election')) {
    throw unprocessable(
      'seats-deputies',
      `预设 ${input.preset} 不选举副书记(没有 deputy-election 阶段),seats.deputies 应为 0`,
      [{ path: ['body', 'seats', 'deputies'] }],
    );
  }
  if (!org.rollId) {
    throw unprocessable('no-roll', `组织 ${org.id} 尚未导入党员名册,请先 PUT …/roll`, [
      { orgId: org.id },
    ]);
  }
  const dayLengthMs = input.dayLengthMs ?? defaultDayLengthMs(env);
  const first = rules.stages[0];
  if (!first) throw new Error('a preset without stages');
  return {
    id,
    orgId: org.id,
    preset: input.preset,
    seats: input.seats,
    rules,
    calendar: planCalendar({ startsAt: input.startsAt, dayLengthMs }, rules),
    stage: first,
    version: 1,
    rollId: org.rollId,
    dayLengthMs,
    startsAt: new Date(input.startsAt).toISOString(),
    createdAt: now.toISOString(),
    createdBy: actor,
    ...(input.batchId ? { batchId: input.batchId } : {}),
    ...(input.replaces ? { replaces: input.replaces } : {}),
  };
};

/**
 * Writes a planned election with its `election-created` audit entry and the marker that its
 * workflow is still to start (start-workflow.ts `startWritten` starts it and clears it).
 */
export const writeElection = async (election: ElectionRecord, actor: string): Promise<void> => {
  await commit([putNewElection(election), putPendingStart(election)], {
    scope: electionScope(election.id),
    actor,
    action: 'election-created',
    data: createdEntryData(election),
  });
};

/**
 * What the `election-created` entry seals: the plan, the rules and the calendar — the rules a
 * public recount file is tied to (shared/recount/).
 */
export const createdEntryData = (election: ElectionRecord) => {
  const { orgId, preset, seats, startsAt, dayLengthMs, rollId, rules, calendar, stage } = election;
  return {
    ...{ orgId, preset, seats, startsAt, dayLengthMs, rollId, stage, rules, calendar },
    batchId: election.batchId ?? null,
    replaces: election.replaces ?? null,
  };
};

/**
 * Writes a planned election, then starts its workflow. A workflow that cannot be started leaves
 * the election `halted` (organizers may resume it).
 */
export const launchElection = async (
  election: ElectionRecord,
  actor: string,
): Promise<ElectionRecord> => {
  await writeElection(election, actor);
  return startWritten(election, actor);
};

/** Creates an election of one organization (404 if it is unknown) and starts its workflow. */
export const createElection = async (
  input: NewElection,
  actor: string,
  { org, now }: { org?: OrganizationRecord; now?: Date } = {},
): Promise<ElectionRecord> => {
  const organization = org ?? (await getOrganization(input.orgId));
  if (!organization) throw notFound(`organization ${input.orgId}`);
  return launchElection(planElection(input, organization, actor, { now }), actor);
};
