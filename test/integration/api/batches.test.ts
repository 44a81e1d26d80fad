// Proves the batch routes (nanjing, 第一篇): one request starts an election per organization,
// all checks come before any write (an unknown organization → 404 and nothing started), and the
// report adds up nominations, eligibility failures, turnout, age and 大专以上 education — also
// for 363 organizations; what the request's time budget leaves unstarted, the workflow sweeper
// starts. startWorkflow is stubbed and counted here (the e2e tests run the real workflow).
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as startWorkflows } from '../../../functions/scheduled/start-workflows.ts';
import { invokeLocalLambda } from '../../../infra/local/lambda-context.ts';
import { createBatch } from '../../../shared/election/batches/batch.ts';
import { mapLimited } from '../../../shared/election/elections/map-limited.ts';
import { DEFAULT_QUOTAS } from '../../../shared/rules/pace.ts';
import { documentClient } from '../../../shared/store/client.ts';
import { getElection, pendingStarts, saveElection } from '../../../shared/store/elections.ts';
import { keys } from '../../../shared/store/keys.ts';
import { recordNomination } from '../../../shared/store/nominations.ts';
import {
  createOrganization,
  getOrganization,
  replaceRoll,
} from '../../../shared/store/organizations.ts';
import type {
  CandidateRecord,
  ElectionRecord,
  NominationRecord,
  OrganizationRecord,
  RoundRecord,
} from '../../../shared/store/records.ts';
import { tableName } from '../../../shared/store/table.ts';
import { commit } from '../../../shared/store/transact.ts';
import type { TestApi } from '../../support/api.ts';
import { nominationRecord } from '../../support/builders.ts';
import { expectDeclaredAnswer } from './answers.ts';
import {
  countItems,
  detailPaths,
  type ErrorBody,
  isElection,
  organizationBody,
  organizer,
  roll,
  startCoreApi,
} from './core-fixtures.ts';

const workflow = vi.hoisted(() => ({ started: [] as string[][] }));
vi.mock('../../../shared/aws/step-functions.ts', async (original) =>
  (await import('../../support/workflow-stub.ts')).stubStarts(original, workflow),
);

let api: TestApi;
let token: string;

beforeAll(async () => {
  ({ api, token } = await startCoreApi(['nj-1', 'nj-2', 'nj-3'], ['nj-empty']));
}, 60_000);
afterAll(() => api?.stop());
beforeEach(() => {
  workflow.started = [];
});

const batchBody = (orgIds: string[], extra: Record<string, unknown> = {}) => ({
  preset: 'nanjing',
  orgIds,
  seats: { secretary: 1, deputies: 1, members: 3 },
  startsAt: '2031-03-15T00:00:00.000Z',
  dayLengthMs: 60_000,
  ...extra,
});

interface Report {
  id: string;
  elections: { electionId: string; orgId: string; stage: string | null }[];
  stats: Record<string, unknown>;
}

const startBatch = async (orgIds: string[]) => {
  const answer = await api.call('POST', '/v1/batches', { token, body: batchBody(orgIds) });
  if (answer.status !== 201) throw new Error(`batch: ${answer.status} ${answer.text}`);
  return answer.body as { id: string; electionIds: string[]; startsDeferred?: string[] };
};

/** The elections still waiting for their workflow to start. */
const waitingToStart = async () => {
  const ids: string[] = [];
  for await (const page of pendingStarts()) ids.push(...page.map((p) => p.electionId));
  return ids.sort();
};

/** One run of the workflow sweeper (no grace: the elections were just written). */
const sweep = (graceMs = 0) =>
  invokeLocalLambda(startWorkflows, 'zx-start-workflows', { graceMs }, 120_000) as Promise<{
    imported: number;
    created: number;
    started: number;
    halted: number;
    deferred: number;
  }>;

describe('POST /v1/batches', () => {
  it('creates one election per organization, in the batch, each started', async () => {
    const batch = await startBatch(['nj-1', 'nj-2', 'nj-3']);
    expect(batch.electionIds).toHaveLength(3);
    expect(workflow.started.length).toBe(3);
    const elections = await Promise.all(batch.electionIds.map((id) => getElection(id)));
    expect(elections.map((e) => [e?.orgId, e?.stage, e?.batchId, e?.preset])).toEqual([
      ['nj-1', 'announcement', batch.id, 'nanjing'],
      ['nj-2', 'announcement', batch.id, 'nanjing'],
      ['nj-3', 'announcement', batch.id, 'nanjing'],
    ]);
  });

  it('answers once its time budget is spent; the workflow sweeper creates and starts the rest, once', async () => {
    const { batch, electionIds, elections, startsDeferred } = await createBatch(
      batchBody(['nj-1', 'nj-2', 'nj-3']) as never,
      { sub: 'organizer-1', roles: ['organizer'], orgs: ['*'] },
      { startBudgetMs: 0 },
    );
    expect(elections).toEqual([]);
    expect(startsDeferred).toEqual(electionIds);
    // Planned, not written yet: the batch names them, nothing waits to start.
    expect(await Promise.all(electionIds.map((id) => getElection(id)))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(await waitingToStart()).toEqual([]);
    // Within the grace period the request that planned them may still be creating them.
    expect(await sweep(60_000)).toEqual({
      imported: 0,
      created: 0,
      started: 0,
      halted: 0,
      deferred: 0,
    });
    expect(workflow.started.length).toBe(0);

    expect(await sweep()).toEqual({ imported: 0, created: 3, started: 0, halted: 0, deferred: 0 });
    // Created a few at a time: each once, in no fixed order.
    expect(workflow.started.map(([id]) => id).sort()).toEqual([...electionIds].sort());
    const written = await Promise.all(electionIds.map((id) => getElection(id)));
    expect(written.map((e) => [e?.stage, e?.batchId])).toEqual(
      electionIds.map(() => ['announcement', batch.id]),
    );
    expect(await waitingToStart()).toEqual([]);
    expect(await sweep()).toEqual({ imported: 0, created: 0, started: 0, halted: 0, deferred: 0 });
    expect(workflow.started.length).toBe(3);
  });

  it('creates at the pace of the quotas: a budget that holds two starts creates two', async () => {
    // 10 mails a second, half for the batch; rolls of 12: 2.4 s a start.
    const quotas = { ...DEFAULT_QUOTAS, mailsPerSecond: 10, mailsPerDay: 1e9 };
    const started = Date.now();
    const { elections, startsDeferred } = await createBatch(
      batchBody(['nj-1', 'nj-2', 'nj-3']) as never,
      { sub: 'organizer-1', roles: ['organizer'], orgs: ['*'] },
      { startBudgetMs: 3000, quotas },
    );
    expect(elections).toHaveLength(2);
    expect(startsDeferred).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2400);
    // The sweeper (no quotas here: the local stack's) creates the last one.
    expect(await sweep()).toMatchObject({ created: 1 });
    expect(await getElection(startsDeferred[0] as string)).toMatchObject({ stage: 'announcement' });
  });

  it('starts nothing when one organization is unknown (404 naming it)', async () => {
    const before = await countItems((item) => isElection(item) || item.sk === 'BATCH');
    const refused = await api.call('POST', '/v1/batches', {
      token,
      body: batchBody(['nj-1', 'nowhere', 'nj-2', 'also-nowhere']),
    });
    expect(refused.status).toBe(404);
    expect((refused.body as ErrorBody).error.details).toEqual([
      { orgId: 'nowhere' },
      { orgId: 'also-nowhere' },
    ]);
    expect(workflow.started.length).toBe(0);
    expect(await countItems((item) => isElection(item) || item.sk === 'BATCH')).toBe(before);
  });

  it('starts nothing when one organization has no roll (422) or is outside the token (403)', async () => {
    const before = await countItems((item) => isElection(item) || item.sk === 'BATCH');
    const noRoll = await api.call('POST', '/v1/batches', {
      token,
      body: batchBody(['nj-1', 'nj-empty']),
    });
    expect(noRoll.status).toBe(422);
    expect((noRoll.body as ErrorBody).error.code).toBe('no-roll');
    const scoped = await api.call('POST', '/v1/batches', {
      token: await organizer(['nj-1']),
      body: batchBody(['nj-1', 'nj-2']),
    });
    expect(scoped.status).toBe(403);
    expect(workflow.started.length).toBe(0);
    expect(await countItems((item) => isElection(item) || item.sk === 'BATCH')).toBe(before);
  });

  it('refuses repeated organizations and broken rules with 400 naming them', async () => {
    const repeated = await api.call('POST', '/v1/batches', {
      token,
      body: batchBody(['nj-1', 'nj-2', 'nj-1']),
    });
    expect(repeated.status).toBe(400);
    expect(detailPaths(repeated.body)).toEqual([['body', 'orgIds', 2]]);
    const rules = await api.call('POST', '/v1/batches', {
      token,
      body: batchBody(['nj-1'], { rules: { inspectionCount: 9 } }),
    });
    expect(rules.status).toBe(400);
    expect(detailPaths(rules.body)).toContainEqual(['body', 'rules', 'inspectionCount']);
    const empty = await api.call('POST', '/v1/batches', { token, body: batchBody([]) });
    expect(empty.status).toBe(400);
    expect(workflow.started.length).toBe(0);
  });
});

describe('GET /v1/batches/{id}', () => {
  const audit = (id: string) => ({
    scope: `ELECTION#${id}`,
    actor: 'test',
    action: 'seed',
    data: {},
  });

  const nominate = (
    electionId: string,
    kind: NominationRecord['kind'],
    nomineeId: string,
    failures: CandidateRecord['check']['failures'] = [],
    supporterIds: string[] = [],
  ) => {
    const check = { eligible: failures.length === 0, failures };
    return recordNomination(
      electionId,
      nominationRecord(nomineeId, kind, { supporterIds, check }),
      { memberId: nomineeId, office: 'secretary', status: 'nominated', check },
      audit(electionId),
    );
  };

  const putItem = (item: Record<string, unknown>) =>
    commit([{ Put: { TableName: tableName(), Item: item } }]);

  const round = (
    electionId: string,
    id: string,
    kind: RoundRecord['kind'],
    attendance: RoundRecord['attendance'],
    returned?: number,
  ): Promise<unknown> => {
    const record: RoundRecord = {
      id,
      kind,
      office: 'secretary',
      stage: kind === 'election' ? 'secretary-election' : 'recommendation',
      number: 1,
      status: returned === undefined ? 'open' : 'closed',
      candidates: ['m01'],
      seats: 1,
      revotesSoFar: 0,
      openedAt: new Date().toISOString(),
      ...(attendance ? { attendance } : {}),
      ...(returned === undefined
        ? {}
        : {
            tally: {
              status: 'valid',
              issued: returned,
              returned,
              valid: returned,
              invalid: 0,
              counts: {},
              elected: [],
              next: 'advance',
            },
          }),
    };
    return putItem({ ...keys.round(electionId, id), ...record });
  };

  const staff = { announcer: 'm10', scrutineer: 'm11', counter: 'm12' };
  const recorded = { recordedBy: 'teller', at: new Date().toISOString() };

  it('reports each election’s stage and the statistics 第一篇 reports', async () => {
    const batch = await startBatch(['nj-1', 'nj-2', 'nj-3']);
    const [e1, e2] = batch.electionIds as [string, string];
    // e1: m01 by self and by the organization, m02 jointly; its round: 9 of 12 returned.
    await nominate(e1, 'self', 'm01');
    await nominate(e1, 'organization', 'm01');
    await nominate(e1, 'joint', 'm02', [], ['m03', 'm04', 'm05', 'm06', 'm07']);
    await round(
      e1,
      'r1',
      'election',
      { present: 10, ballotsIssued: 10, expected: 12, staff, ...recorded },
      9,
    );
    await round(e1, 'r2', 'election', {
      present: 10,
      ballotsIssued: 10,
      expected: 12,
      staff,
      ...recorded,
    });
    const stored = (await getElection(e1)) as ElectionRecord;
    await saveElection(
      {
        ...stored,
        stage: 'completed',
        result: { secretary: 'm01', deputies: [], members: ['m02', 'm03'] },
      },
      audit(e1),
    );
    // e2: m04 fails age and education; m05 elected secretary (no result recorded yet).
    await nominate(e2, 'self', 'm04', [
      { rule: 'age', message: '超过 55 岁' },
      { rule: 'education', message: '学历不足' },
    ]);
    await putItem({
      ...keys.candidate(e2, 'secretary', 'm05'),
      memberId: 'm05',
      office: 'secretary',
      status: 'elected',
      check: { eligible: true, failures: [] },
    });
    const constituencies = [
      { id: 'units', expected: 100, present: 90, ballotsIssued: 90 },
      { id: 'residents', expected: 50, present: 40, ballotsIssued: 40 },
    ];
    await round(
      e2,
      'r1',
      'recommendation',
      { present: 130, ballotsIssued: 130, constituencies, staff, ...recorded },
      120,
    );

    const answer = await api.call('GET', `/v1/batches/${batch.id}`, { token });
    expect(answer.status).toBe(200);
    const report = answer.body as Report;
    expectDeclaredAnswer('GET /v1/batches/{id}', report);
    expect(report.id).toBe(batch.id);
    expect(report.elections).toEqual([
      { electionId: e1, orgId: 'nj-1', stage: 'completed' },
      { electionId: e2, orgId: 'nj-2', stage: 'announcement' },
      { electionId: batch.electionIds[2], orgId: 'nj-3', stage: 'announcement' },
    ]);
    // Ages on the election day 2031-03-15: m01 (1970-06-15) is 60 … m12 (1981) is 49.
    expect(report.stats).toEqual({
      nominations: { self: 2, joint: 1, organization: 1, total: 4 },
      // 第一篇's shares are of 报名人选, persons: m01 (self and organization), m02, m04.
      nominees: {
        self: 2,
        joint: 1,
        organization: 1,
        total: 3,
        shares: { self: 2 / 3, joint: 1 / 3, organization: 1 / 3 },
      },
      eligibilityFailures: { age: 1, education: 1 },
      // 第一篇's 到会率 = present ÷ 应到会.
      turnout: [
        expect.objectContaining({
          electionId: e1,
          roundId: 'r1',
          kind: 'election',
          expected: 12,
          present: 10,
          returned: 9,
          rate: 10 / 12,
        }),
        expect.objectContaining({
          electionId: e2,
          roundId: 'r1',
          kind: 'recommendation',
          expected: 150,
          present: 130,
          returned: 120,
          rate: 130 / 150,
        }),
      ],
      averageElectionTurnout: 10 / 12,
      elected: { count: 4, averageAge: (60 + 59 + 58 + 56) / 4, collegeShare: 3 / 4 },
      secretaries: { count: 2, averageAge: 58, collegeShare: 1 / 2 },
      roll: { count: 36, averageAge: 54.5, collegeShare: 7 / 12 },
    });
  });

  it('shows an election the batch planned but never wrote with stage null', async () => {
    const batch = await startBatch(['nj-1', 'nj-2']);
    await documentClient().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: keys.election(batch.electionIds[1] as string),
      }),
    );
    const report = (await api.call('GET', `/v1/batches/${batch.id}`, { token })).body as Report;
    expect(report.elections.map((e) => e.stage)).toEqual(['announcement', null]);
    expect(report.stats).toMatchObject({ roll: { count: 12 } });
  });

  it('answers 404 for an unknown batch and 403 unless the token covers every organization in it', async () => {
    const batch = await startBatch(['nj-1', 'nj-2']);
    expect((await api.call('GET', '/v1/batches/nope', { token })).status).toBe(404);
    const partial = await api.call('GET', `/v1/batches/${batch.id}`, {
      token: await organizer(['nj-1']),
    });
    expect(partial.status).toBe(403);
    const covering = await api.call('GET', `/v1/batches/${batch.id}`, {
      token: await organizer(['nj-1', 'nj-2']),
    });
    expect(covering.status).toBe(200);
  });
});

describe('a batch of 363 organizations (南京)', () => {
  it('starts 363 elections and reports on them in reasonable time', async () => {
    const orgIds = Array.from({ length: 363 }, (_, i) => `sq-${String(i + 1).padStart(3, '0')}`);
    await mapLimited(orgIds, 16, async (id) => {
      const org: OrganizationRecord = {
        ...organizationBody(id),
        rollVersion: 0,
        rollId: null,
        createdAt: new Date().toISOString(),
      };
      await createOrganization(org, 'seed');
      await replaceRoll((await getOrganization(id)) as OrganizationRecord, roll(5), 'seed');
    });
    const started = Date.now();
    const batch = await startBatch(orgIds);
    const createMs = Date.now() - started;
    expect(batch.electionIds).toHaveLength(363);
    expect(new Set(batch.electionIds).size).toBe(363);
    // Under load the request's budget may run out: the sweeper starts the rest.
    expect(workflow.started.length + (batch.startsDeferred?.length ?? 0)).toBe(363);
    await sweep();
    expect(workflow.started.length).toBe(363);
    expect(await waitingToStart()).toEqual([]);
    const reading = Date.now();
    const answer = await api.call('GET', `/v1/batches/${batch.id}`, { token });
    const reportMs = Date.now() - reading;
    const report = answer.body as Report;
    expect(report.elections).toHaveLength(363);
    expect(report.elections.every((e) => e.stage === 'announcement')).toBe(true);
    expect(report.stats).toMatchObject({ roll: { count: 363 * 5 } });
    // API Gateway gives a request 30 s. DynamoDB Local, shared by every test file running at the
    // same time on two cores, is many times slower than DynamoDB: the bound here is twice that.
    expect(createMs).toBeLessThan(60_000);
    expect(reportMs).toBeLessThan(60_000);
    console.info(`363 organizations: batch created in ${createMs} ms, reported in ${reportMs} ms`);
  }, 180_000);
});
