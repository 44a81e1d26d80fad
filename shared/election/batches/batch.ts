import { randomUUID } from 'node:crypto';
import { DomainError, unprocessable } from '../../errors.ts';
import { type Principal, requireOrg } from '../../principal.ts';
import { shanghaiDate } from '../../rules/index.ts';
import { putNewBatch } from '../../store/batches.ts';
import { getElection } from '../../store/elections.ts';
import { listCandidates, listNominations } from '../../store/nominations.ts';
import { getOrganization, getRoll } from '../../store/organizations.ts';
import type { BatchRecord, ElectionRecord, OrganizationRecord } from '../../store/records.ts';
import { listRounds } from '../../store/rounds.ts';
import { commit } from '../../store/transact.ts';
import { planElection, writeElection } from '../elections/create.ts';
import { mapLimited } from '../elections/map-limited.ts';
import type { ElectionPlan } from '../elections/schemas.ts';
import { startWritten } from '../elections/start-workflow.ts';
import { type BatchStats, batchStats, type ElectionStats, electionStats } from './stats.ts';

/**
 * Batches (nanjing, 第一篇): one request starts the elections of many organizations (363 in
 * Nanjing). Everything is checked before anything is written — an unknown organization (404),
 * one the token may not act on (403), one without a roll (422) or broken rules (400) start
 * nothing. Reads and writes run a few at a time: enough to be quick, few enough not to flood
 * the table or Step Functions. Every election is written first, each with its pending-start
 * marker; the request then starts workflows for START_BUDGET_MS and answers. The workflow
 * sweeper (functions/scheduled/start-workflows.ts) starts the rest within a minute, so a batch
 * of any size answers well inside API Gateway's 29 s and a lost answer loses no election.
 */

const READ_CONCURRENCY = 16;
const WRITE_CONCURRENCY = 8;
export const START_BUDGET_MS = 8_000;

export interface NewBatch extends ElectionPlan {
  orgIds: string[];
}

const batchScope = (batchId: string) => `BATCH#${batchId}`;

const loadOrganizations = async (orgIds: readonly string[]): Promise<OrganizationRecord[]> => {
  const found = await mapLimited(orgIds, READ_CONCURRENCY, getOrganization);
  const unknown = orgIds.filter((_, index) => !found[index]);
  if (unknown.length > 0) {
    throw new DomainError(
      'not-found',
      'not-found',
      `organization ${unknown.join(', ')} not found; no election was started`,
      unknown.map((orgId) => ({ orgId })),
    );
  }
  return found as OrganizationRecord[];
};

export interface CreatedBatch {
  batch: BatchRecord;
  /** In the order asked; as each now is (`halted` if its workflow could not start). */
  elections: ElectionRecord[];
  /** Elections the time budget left to the workflow sweeper to start. */
  startsDeferred: string[];
}

/**
 * Creates the batch record, then one election per organization, then starts their workflows
 * for at most `startBudgetMs`.
 */
export const createBatch = async (
  input: NewBatch,
  principal: Principal,
  { now = new Date(), startBudgetMs = START_BUDGET_MS } = {},
): Promise<CreatedBatch> => {
  const orgs = await loadOrganizations(input.orgIds);
  for (const org of orgs) requireOrg(principal, org.id);
  const withoutRoll = orgs.filter((org) => !org.rollId).map((org) => org.id);
  if (withoutRoll.length > 0) {
    throw unprocessable(
      'no-roll',
      `组织 ${withoutRoll.join('、')} 尚未导入党员名册;本批次未启动任何选举`,
      withoutRoll.map((orgId) => ({ orgId })),
    );
  }
  const batchId = randomUUID();
  const { orgIds: _orgIds, ...plan } = input;
  const planned = orgs.map((org) =>
    planElection({ ...plan, orgId: org.id, batchId }, org, principal.sub, { now }),
  );
  const first = planned[0];
  if (!first) throw new Error('a batch without organizations');
  const batch: BatchRecord = {
    id: batchId,
    preset: input.preset,
    seats: input.seats,
    startsAt: first.startsAt,
    dayLengthMs: first.dayLengthMs,
    elections: planned.map((e) => ({ electionId: e.id, orgId: e.orgId })),
    createdAt: now.toISOString(),
    createdBy: principal.sub,
  };
  // The batch first: should the request die half-way, the batch still names every election.
  await commit([putNewBatch(batch)], {
    scope: batchScope(batchId),
    actor: principal.sub,
    action: 'batch-created',
    data: { preset: batch.preset, seats: batch.seats, elections: batch.elections },
  });
  await mapLimited(planned, WRITE_CONCURRENCY, (election) =>
    writeElection(election, principal.sub),
  );
  const until = Date.now() + startBudgetMs;
  const startsDeferred: string[] = [];
  const elections = await mapLimited(planned, WRITE_CONCURRENCY, async (election) => {
    if (Date.now() < until) return startWritten(election, principal.sub);
    startsDeferred.push(election.id);
    return election;
  });
  return { batch, elections, startsDeferred };
};

export interface BatchReport {
  id: string;
  preset: BatchRecord['preset'];
  createdAt: string;
  /** `stage` is null for an election the batch planned but never wrote (the request died). */
  elections: {
    electionId: string;
    orgId: string;
    stage: ElectionRecord['stage'] | null;
    haltReason?: string;
  }[];
  stats: BatchStats;
}

/** One election's progress and its contribution to the statistics, read a few at a time. */
const readElection = async (
  electionId: string,
  orgId: string,
  today: string,
): Promise<{ entry: BatchReport['elections'][number]; stats?: ElectionStats }> => {
  const election = await getElection(electionId);
  if (!election) return { entry: { electionId, orgId, stage: null } };
  const [nominations, candidates, rounds, roll] = await Promise.all([
    listNominations(electionId),
    listCandidates(electionId),
    listRounds(electionId),
    getRoll(election.orgId, election.rollId),
  ]);
  return {
    entry: {
      electionId,
      orgId,
      stage: election.stage,
      ...(election.haltReason ? { haltReason: election.haltReason } : {}),
    },
    stats: electionStats(
      {
        electionId,
        calendar: election.calendar,
        ...(election.result ? { result: election.result } : {}),
        nominations,
        candidates,
        rounds,
        roll,
      },
      today,
    ),
  };
};

/** The batch's progress per election and its statistics. */
export const batchReport = async (batch: BatchRecord, now = new Date()): Promise<BatchReport> => {
  const today = shanghaiDate(now.toISOString());
  const read = await mapLimited(batch.elections, READ_CONCURRENCY, ({ electionId, orgId }) =>
    readElection(electionId, orgId, today),
  );
  return {
    id: batch.id,
    preset: batch.preset,
    createdAt: batch.createdAt,
    elections: read.map((r) => r.entry),
    stats: batchStats(read.flatMap((r) => (r.stats ? [r.stats] : []))),
  };
};
