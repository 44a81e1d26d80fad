import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError, forbidden, unprocessable } from '../../errors.ts';
import { logger } from '../../log.ts';
import { type Principal, requireOrg } from '../../principal.ts';
import { shanghaiDate } from '../../rules/index.ts';
import { type Quotas, quotasFromEnv, startPace } from '../../rules/pace.ts';
import {
  advanceCreated,
  batchMembersFrom,
  creatingBatches,
  listBatchMembers,
  putBatchMembers,
  putNewBatch,
} from '../../store/batches.ts';
import { getElection } from '../../store/elections.ts';
import { getItems } from '../../store/items.ts';
import { keys } from '../../store/keys.ts';
import { listCandidates, listNominations } from '../../store/nominations.ts';
import { getRoll } from '../../store/organizations.ts';
import type {
  BatchMember,
  BatchRecord,
  ElectionRecord,
  OrganizationRecord,
} from '../../store/records.ts';
import { listRounds } from '../../store/rounds.ts';
import { ConditionFailed, commit } from '../../store/transact.ts';
import { planElection, writeElection } from '../elections/create.ts';
import { mapLimited } from '../elections/map-limited.ts';
import type { ElectionPlan } from '../elections/schemas.ts';
import { startWritten } from '../elections/start-workflow.ts';
import { BATCH_ORGS_LISTED } from './schemas.ts';
import { type BatchStats, batchStats, type ElectionStats, electionStats } from './stats.ts';
import { type BatchImportView, importView } from './views.ts';

/**
 * Batches (nanjing, 第一篇; a province's 换届): one request plans the elections of many
 * organizations (363 in Nanjing, tens of thousands in a province). Everything is checked before
 * anything is written — an unknown organization (404), one the token may not act on (403), one
 * without a roll (422) or broken rules (400) start nothing. The request writes the batch and one
 * member per organization (its election's id decided), creates and starts elections for
 * START_BUDGET_MS at the pace of the account's quotas (shared/rules/pace.ts), and answers; the
 * workflow sweeper creates and starts the rest at that pace (`createPlannedElections`). So a
 * batch of any size answers well inside API Gateway's 29 s, stays inside AWS's quotas, and a
 * lost answer loses no election.
 */

const READ_CONCURRENCY = 16;
const WRITE_CONCURRENCY = 8;
export const START_BUDGET_MS = 8_000;

export interface NewBatch extends ElectionPlan {
  orgIds: string[];
}

const batchScope = (batchId: string) => `BATCH#${batchId}`;

const loadOrganizations = async (orgIds: readonly string[]): Promise<OrganizationRecord[]> => {
  const found = new Map(
    (await getItems<OrganizationRecord>(orgIds.map((id) => keys.organization(id)))).map((org) => [
      org.id,
      org,
    ]),
  );
  const unknown = orgIds.filter((id) => !found.has(id));
  if (unknown.length > 0) {
    throw new DomainError(
      'not-found',
      'not-found',
      `organization ${unknown.join(', ')} not found; no election was started`,
      unknown.map((orgId) => ({ orgId })),
    );
  }
  return orgIds.map((id) => found.get(id) as OrganizationRecord);
};

/** The election planned for a member, as its batch planned it (pure: the same every time). */
const planOf = (batch: BatchRecord, member: BatchMember): ElectionRecord =>
  planElection(
    {
      preset: batch.preset,
      seats: batch.seats as ElectionPlan['seats'],
      startsAt: batch.startsAt,
      dayLengthMs: batch.dayLengthMs,
      ...(batch.rules ? { rules: batch.rules as ElectionPlan['rules'] } : {}),
      orgId: member.orgId,
      batchId: batch.id,
    },
    { id: member.orgId, rollId: member.rollId } as OrganizationRecord,
    batch.createdBy,
    { id: member.electionId, now: new Date(batch.createdAt) },
  );

/**
 * Writes a member's election and starts its workflow; an election already written (a creator
 * that died after writing it, or one racing) is left to its pending-start marker. Answers the
 * election as it now is, or undefined when it was already written.
 */
const createMember = async (
  batch: BatchRecord,
  member: BatchMember,
): Promise<ElectionRecord | undefined> => {
  const election = planOf(batch, member);
  try {
    await writeElection(election, batch.createdBy);
  } catch (error) {
    if (error instanceof ConditionFailed || error instanceof ConditionalCheckFailedException) {
      return undefined;
    }
    throw error;
  }
  return startWritten(election, batch.createdBy);
};

export interface CreateReport {
  created: number;
  /** Elections whose start failed: each is halted with the reason. */
  halted: number;
  /** Members left for a later run (the time ran out). */
  deferred: number;
}

/**
 * Creates and starts the next elections of a batch, in order, at the pace of the quotas — each
 * start waits for its slot (1 ÷ the pace for its roll's size after the one before) — until
 * `until`; then moves the batch's cursor past every member done. Answers what it did.
 */
const createPaced = async (
  batch: BatchRecord,
  { until, quotas, pace }: { until: Date; quotas: Quotas; pace: { nextAt: number } },
): Promise<CreateReport & { elections: ElectionRecord[] }> => {
  const report = { created: 0, halted: 0, deferred: 0 };
  const elections: ElectionRecord[] = [];
  let next = batch.created;
  // Members done, by seq: the cursor moves over a contiguous run of them only.
  const done = new Set<number>();
  const inFlight = new Set<Promise<void>>();
  while (next < batch.size) {
    const members = await batchMembersFrom(batch.id, next, 100);
    if (members.length === 0) break;
    for (const member of members) {
      const wait = pace.nextAt - Date.now();
      if (Date.now() + Math.max(0, wait) >= until.getTime()) {
        report.deferred = batch.size - member.seq;
        break;
      }
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      while (inFlight.size >= WRITE_CONCURRENCY) await Promise.race(inFlight);
      pace.nextAt =
        Math.max(pace.nextAt, Date.now()) + 1000 / startPace(quotas, member.rollSize).perSecond;
      const work = createMember(batch, member).then(
        (election) => {
          done.add(member.seq);
          if (!election) return;
          report.created++;
          if (election.stage === 'halted') report.halted++;
          elections.push(election);
        },
        // Not done: the cursor stops before it, and the next run tries it again.
        (error) => logger.error('batch election not created', { member, error }),
      );
      const tracked = work.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      next = member.seq + 1;
    }
    if (report.deferred > 0) break;
  }
  await Promise.all(inFlight);
  let cursor = batch.created;
  while (done.has(cursor)) cursor++;
  if (cursor > batch.created) await advanceCreated(batch, cursor);
  return { ...report, elections };
};

/** Creates and starts a new batch's first elections until `until`, at the quotas' pace. */
export const createFirstElections = (
  batch: BatchRecord,
  until: Date,
  quotas: Quotas = quotasFromEnv(),
): Promise<CreateReport & { elections: ElectionRecord[] }> =>
  createPaced(batch, { until, quotas, pace: { nextAt: Date.now() } });

export interface CreatedBatch {
  batch: BatchRecord;
  /** Every planned election's id, in the order asked. */
  electionIds: string[];
  /** Elections created by the request, as each now is (`halted` if its workflow could not start). */
  elections: ElectionRecord[];
  /** Planned elections the time budget left to the workflow sweeper to create and start. */
  startsDeferred: string[];
}

/**
 * Checks every organization, writes the batch and its members, then creates and starts
 * elections for at most `startBudgetMs` at the quotas' pace.
 */
export const createBatch = async (
  input: NewBatch,
  principal: Principal,
  {
    now = new Date(),
    startBudgetMs = START_BUDGET_MS,
    quotas = quotasFromEnv(),
  }: { now?: Date; startBudgetMs?: number; quotas?: Quotas } = {},
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
  // Planned (and so checked) now, written later: the same plan each time (`planOf`).
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
    ...(input.rules ? { rules: input.rules } : {}),
    size: planned.length,
    created: 0,
    orgIds: planned.length <= BATCH_ORGS_LISTED ? planned.map((e) => e.orgId) : null,
    createdAt: now.toISOString(),
    createdBy: principal.sub,
  };
  const members: BatchMember[] = planned.map((election, seq) => ({
    batchId,
    seq,
    electionId: election.id,
    orgId: election.orgId,
    rollId: election.rollId,
    rollSize: orgs[seq]?.memberCount ?? 0,
  }));
  // The members first, then the batch that names them: should the request die half-way, no
  // creator finds a batch with members missing.
  await putBatchMembers(members);
  await commit([putNewBatch(batch)], {
    scope: batchScope(batchId),
    actor: principal.sub,
    action: 'batch-created',
    data: {
      preset: batch.preset,
      seats: batch.seats,
      size: batch.size,
      elections:
        batch.size <= BATCH_ORGS_LISTED
          ? members.map(({ electionId, orgId }) => ({ electionId, orgId }))
          : null,
    },
  });
  const until = new Date(Date.now() + startBudgetMs);
  const { elections } = await createFirstElections(batch, until, quotas);
  const made = new Set(elections.map((e) => e.id));
  return {
    batch,
    electionIds: members.map((m) => m.electionId),
    elections,
    startsDeferred: members.filter((m) => !made.has(m.electionId)).map((m) => m.electionId),
  };
};

/**
 * The workflow sweeper's part for batches: creates and starts the planned elections of every
 * batch not done, oldest first, at the quotas' pace, until `until`. A batch created within
 * `graceMs` is left to its request, which is still creating.
 */
export const createPlannedElections = async ({
  until,
  graceMs = 30_000,
  quotas = quotasFromEnv(),
}: {
  until: Date;
  graceMs?: number;
  quotas?: Quotas;
}): Promise<CreateReport> => {
  const report: CreateReport = { created: 0, halted: 0, deferred: 0 };
  const madeBefore = new Date(Date.now() - graceMs).toISOString();
  const pace = { nextAt: Date.now() };
  for (const batch of await creatingBatches()) {
    if (batch.createdAt > madeBefore) continue;
    const done = await createPaced(batch, { until, quotas, pace });
    report.created += done.created;
    report.halted += done.halted;
    report.deferred += done.deferred;
  }
  return report;
};

export interface BatchReport {
  id: string;
  preset: BatchRecord['preset'];
  createdAt: string;
  import?: BatchImportView;
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
  // No election exists before the file is in: reading its members would only cost (the console
  // polls a province's import every few seconds).
  const members =
    batch.import && batch.import.status !== 'done' ? [] : await listBatchMembers(batch.id);
  const read = await mapLimited(members, READ_CONCURRENCY, ({ electionId, orgId }) =>
    readElection(electionId, orgId, today),
  );
  return {
    id: batch.id,
    preset: batch.preset,
    createdAt: batch.createdAt,
    ...(batch.import ? { import: importView(batch.import) } : {}),
    elections: read.map((r) => r.entry),
    stats: batchStats(read.flatMap((r) => (r.stats ? [r.stats] : []))),
  };
};

/** The organizations of a batch: from its record, or its members when it has too many. */
export const batchOrgIds = async (batch: BatchRecord): Promise<string[]> =>
  batch.orgIds ?? (await listBatchMembers(batch.id)).map((m) => m.orgId);

/**
 * Who may read a batch: a token covering every organization of it; one whose file is not in
 * yet (its organizations unknown, or refused), only whoever made it (or a token of all).
 */
export const requireBatchReader = async (principal: Principal, batch: BatchRecord) => {
  if (batch.import && batch.import.status !== 'done') {
    if (principal.sub !== batch.createdBy && !principal.orgs.includes('*')) {
      throw forbidden('a batch whose file is not imported yet is shown to whoever made it');
    }
    return;
  }
  for (const orgId of await batchOrgIds(batch)) requireOrg(principal, orgId);
};
