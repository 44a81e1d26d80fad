// Proves a batch from one uploaded file (issue 17): POST /v1/batch-uploads answers a form to the
// uploads bucket; POST /v1/batches {uploadId} checks the whole file before it writes anything —
// a file with problems answers 422 naming each by row and column, an organization the token may
// not act on too, and nothing is stored — then stores each organization (new ones created, an
// existing one's roll replaced) and starts an election for each. A file too large for the
// request's budget is checked and written by the workflow sweeper; an importer that dies
// half-way is resumed where it stopped, and no organization is imported twice. startWorkflow is
// stubbed and counted (the e2e tests run the real workflow).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as startWorkflows } from '../../../functions/scheduled/start-workflows.ts';
import { invokeLocalLambda } from '../../../infra/local/lambda-context.ts';
import { type S3Local, startS3 } from '../../../infra/local/s3-local.ts';
import { createBatchFromFile, runImport } from '../../../shared/election/batches/batch-import.ts';
import { getBatch, listBatchMembers } from '../../../shared/store/batches.ts';
import { documentClient } from '../../../shared/store/client.ts';
import { keys } from '../../../shared/store/keys.ts';
import { getOrganization, getRoll } from '../../../shared/store/organizations.ts';
import { tableName } from '../../../shared/store/table.ts';
import { readAudit } from '../../../shared/store/transact.ts';
import { uploadSize } from '../../../shared/uploads/bucket.ts';
import type { TestApi } from '../../support/api.ts';
import { expectDeclaredAnswer } from './answers.ts';
import { countItems, detailPaths, organizer, startCoreApi } from './core-fixtures.ts';

const workflow = vi.hoisted(() => ({ started: [] as string[][] }));
vi.mock('../../../shared/aws/step-functions.ts', async (original) =>
  (await import('../../support/workflow-stub.ts')).stubStarts(original, workflow),
);

/** An importer that dies: the `dieAt`-th organization it stores throws (0: none does). */
const crash = vi.hoisted(() => ({ dieAt: 0, calls: 0 }));
vi.mock('../../../shared/store/organizations.ts', async (original) => {
  const real = await original<typeof import('../../../shared/store/organizations.ts')>();
  return {
    ...real,
    importOrganization: async (...args: Parameters<typeof real.importOrganization>) => {
      crash.calls += 1;
      if (crash.calls === crash.dieAt) throw new Error('killed');
      return real.importOrganization(...args);
    },
  };
});

/** One run of the workflow sweeper (no grace: the batches were just made). */
const sweep = () =>
  invokeLocalLambda(startWorkflows, 'zx-start-workflows', { graceMs: 0 }, 120_000);

/** Time passes for an importer's lease: it runs out (as a killed importer's does). */
const leaseRunsOut = (batchId: string) =>
  documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.batch(batchId),
      UpdateExpression: 'SET #import.leaseUntil = :past',
      ExpressionAttributeNames: { '#import': 'import' },
      ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
    }),
  );

let api: TestApi;
let token: string;
let s3: S3Local;

beforeAll(async () => {
  s3 = await startS3({ buckets: ['zx-test-uploads'] });
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  process.env.ZX_UPLOADS_BUCKET = 'zx-test-uploads';
  ({ api, token } = await startCoreApi(['bf-old'], []));
}, 60_000);
afterAll(async () => {
  await api?.stop();
  await s3?.stop();
});
beforeEach(() => {
  workflow.started = [];
});

const HEAD =
  '组织编号,组织名称,组织类别,上级党组织,上级邮箱,姓名,出生日期,转正时间,学历,组织关系,邮箱';

/** `count` members of an organization, as rows of the batch file. */
const rows = (orgId: string, count: number, superior = '清河街道党工委') =>
  Array.from(
    { length: count },
    (_, n) =>
      `${orgId},${orgId}社区党支部,党支部,${superior},sj@jd.example.cn,党员${orgId}${n},1980-01-${String(
        (n % 28) + 1,
      ).padStart(2, '0')},2006-07-01,大学本科,在本组织,m${n}@${orgId}.example.cn`,
  );

const csv = (lines: string[]) => `\uFEFF${[HEAD, ...lines].join('\r\n')}\r\n`;

/** Asks for an upload and posts `text` to it as the console does: the form's fields, then the file. */
const upload = async (text: string, as = token): Promise<string> => {
  const answer = await api.call('POST', '/v1/batch-uploads', { token: as });
  expect(answer.status).toBe(201);
  expectDeclaredAnswer('POST /v1/batch-uploads', answer.body);
  const { uploadId, url, fields } = answer.body as {
    uploadId: string;
    url: string;
    fields: Record<string, string>;
  };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([text], { type: 'text/csv' }), 'batch.csv');
  const posted = await fetch(url, { method: 'POST', body: form });
  expect(posted.status).toBeLessThan(300);
  return uploadId;
};

const plan = (extra: Record<string, unknown> = {}) => ({
  preset: 'nanjing',
  seats: { secretary: 1, deputies: 1, members: 3 },
  startsAt: '2031-03-15T00:00:00.000Z',
  dayLengthMs: 60_000,
  ...extra,
});

const isOrg = (id: string) => (item: Record<string, unknown>) =>
  item.pk === `ORG#${id}` && item.sk === 'ORG';

describe('a batch from one uploaded file', () => {
  it('stores each organization with its roll and starts an election for each', async () => {
    const uploadId = await upload(
      csv([...rows('bf-new1', 7), ...rows('bf-old', 9, '新街道党工委'), ...rows('bf-new2', 8)]),
    );
    const answer = await api.call('POST', '/v1/batches', { token, body: plan({ uploadId }) });
    expect(answer.status, answer.text).toBe(201);
    expectDeclaredAnswer('POST /v1/batches', answer.body);
    const made = answer.body as {
      id: string;
      electionIds: string[];
      import: { status: string; organizations: number; members: number; written: number };
    };
    expect(made.import).toMatchObject({
      status: 'done',
      organizations: 3,
      members: 24,
      written: 3,
    });
    expect(made.electionIds).toHaveLength(3);
    expect(workflow.started.map(([id]) => id).sort()).toEqual([...made.electionIds].sort());

    // New organizations as the file has them; the existing one updated, its roll replaced.
    const created = await getOrganization('bf-new1');
    expect(created).toMatchObject({
      name: 'bf-new1社区党支部',
      level: 'branch',
      superior: { name: '清河街道党工委', emails: ['sj@jd.example.cn'] },
      rollVersion: 1,
      memberCount: 7,
    });
    const updated = await getOrganization('bf-old');
    expect(updated).toMatchObject({ superior: { name: '新街道党工委' }, memberCount: 9 });
    expect((await getRoll('bf-old')).map((m) => m.name).sort()).toEqual(
      Array.from({ length: 9 }, (_, n) => `党员bf-old${n}`).sort(),
    );
    const members = await listBatchMembers(made.id);
    expect(members.map((m) => [m.seq, m.orgId, m.rollSize])).toEqual([
      [0, 'bf-new1', 7],
      [1, 'bf-old', 9],
      [2, 'bf-new2', 8],
    ]);

    const report = await api.call('GET', `/v1/batches/${made.id}`, { token });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ import: { status: 'done', written: 3 } });
    // The file held members' personal data: it is gone once imported.
    const batch = await getBatch(made.id);
    expect(await uploadSize(batch?.import?.key ?? '')).toBeUndefined();

    // The request again (its answer lost on the way): the same batch answers, nothing new.
    const again = await api.call('POST', '/v1/batches', { token, body: plan({ uploadId }) });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: made.id, electionIds: made.electionIds });
    expect(workflow.started).toHaveLength(3);
  });

  it('leaves an organization too large for the request to the sweeper, and answers 202', async () => {
    const uploadId = await upload(csv([...rows('bf-small', 2), ...rows('bf-huge', 2001)]));
    const answer = await api.call('POST', '/v1/batches', { token, body: plan({ uploadId }) });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({
      import: { status: 'writing', organizations: 2, members: 2003, written: 0 },
    });
    expect(answer.body).not.toHaveProperty('electionIds');
    expect(await sweep()).toMatchObject({ imported: 1, created: 2 });
    expect((await getOrganization('bf-huge'))?.memberCount).toBe(2001);
  });

  it('refuses a file with problems, naming each by row and column, and stores nothing', async () => {
    const lines = [
      ...rows('bf-bad1', 3),
      'bf-bad1,bf-bad1社区党支部,党支部,清河街道党工委,sj@jd.example.cn,张三,1980-02-30,,大学本科,在本组织,',
      ...rows('bf-bad2', 2).map((line) => line.replace('大学本科', '留学')),
    ];
    const uploadId = await upload(csv(lines));
    const before = await countItems(() => true);
    const answer = await api.call('POST', '/v1/batches', { token, body: plan({ uploadId }) });
    expect(answer.status).toBe(422);
    const error = (answer.body as { error: { code: string; message: string; details: unknown[] } })
      .error;
    expect(error.code).toBe('invalid-batch-file');
    expect(error.message).toContain('3 处问题');
    expect(error.details).toEqual([
      { row: 5, column: '出生日期', message: expect.stringContaining('不是有效日期') },
      { row: 6, column: '学历', message: expect.stringContaining('“留学”不是可识别的学历') },
      { row: 7, column: '学历', message: expect.stringContaining('“留学”不是可识别的学历') },
    ]);
    expect(await countItems(() => true)).toBe(before);
    expect(await countItems(isOrg('bf-bad1'))).toBe(0);
  });

  it('refuses an organization the token may not act on', async () => {
    const narrow = await organizer(['bf-mine'], 'organizer-narrow');
    const uploadId = await upload(csv([...rows('bf-mine', 2), ...rows('bf-theirs', 2)]), narrow);
    const answer = await api.call('POST', '/v1/batches', {
      token: narrow,
      body: plan({ uploadId }),
    });
    expect(answer.status).toBe(422);
    expect((answer.body as { error: { details: unknown[] } }).error.details).toEqual([
      { row: 4, column: '组织编号', message: '无权管理组织 bf-theirs(登录令牌不含该组织)' },
    ]);
    expect(await countItems(isOrg('bf-mine'))).toBe(0);
  });

  it('answers 404 for an upload never posted, or posted by someone else, and 400 for both or neither', async () => {
    const theirs = await upload(csv(rows('bf-x', 2)), await organizer(['*'], 'organizer-2'));
    for (const uploadId of [crypto.randomUUID(), theirs]) {
      const answer = await api.call('POST', '/v1/batches', { token, body: plan({ uploadId }) });
      expect(answer.status).toBe(404);
    }
    for (const body of [plan(), plan({ orgIds: ['bf-old'], uploadId: theirs })]) {
      const answer = await api.call('POST', '/v1/batches', { token, body });
      expect(answer.status).toBe(400);
      expect(detailPaths(answer.body)).toContainEqual(['body', 'orgIds']);
    }
  });

  it('is resumed after an importer dies, importing no organization twice', async () => {
    const orgIds = Array.from({ length: 12 }, (_, n) => `bf-big${n}`);
    const uploadId = await upload(csv(orgIds.flatMap((id) => rows(id, 5))));
    // No budget: the request stores the batch, still to be checked, and answers 202.
    const principal = { sub: 'organizer-1', roles: ['organizer' as const], orgs: ['*'] };
    const made = await createBatchFromFile({ ...plan(), uploadId } as never, principal, {
      budgetMs: 0,
    });
    expect(made.electionIds).toBeUndefined();
    expect(made.batch.import).toMatchObject({ status: 'checking', written: 0 });
    const minute = () => ({ until: new Date(Date.now() + 60_000) });

    // An importer that checks the file, then dies storing the 5th organization.
    crash.calls = 0;
    crash.dieAt = 5;
    try {
      await expect(runImport(made.batch.id, minute())).rejects.toThrow('killed');
    } finally {
      crash.dieAt = 0;
    }
    const stopped = await getBatch(made.batch.id);
    expect(stopped?.import).toMatchObject({ status: 'writing', organizations: 12 });
    expect(stopped?.import?.written).toBeLessThan(12);
    // Its lease still runs: the next one waits for it to run out, then carries on.
    expect(await runImport(made.batch.id, minute())).toBeUndefined();
    await leaseRunsOut(made.batch.id);
    const done = await runImport(made.batch.id, minute());
    expect(done?.import).toMatchObject({ status: 'done', written: 12, members: 60 });
    // Each organization imported once: one audit entry, roll version 1, its member once.
    for (const orgId of orgIds) {
      const imported = (await readAudit(`ORG#${orgId}`)).filter(
        (e) => e.action === 'organization-imported',
      );
      expect(imported, orgId).toHaveLength(1);
      expect((await getOrganization(orgId))?.rollVersion).toBe(1);
    }
    const members = await listBatchMembers(made.batch.id);
    expect(members.map((m) => m.orgId)).toEqual(orgIds);

    // The file in, the workflow sweeper creates and starts its elections as for any batch.
    const swept = await sweep();
    expect(swept).toMatchObject({ imported: 0, created: 12 });
    expect(workflow.started.map(([id]) => id).sort()).toEqual(
      members.map((m) => m.electionId).sort(),
    );
  });

  it('is checked and written by the workflow sweeper when the request had no time for it', async () => {
    const uploadId = await upload(csv([...rows('bf-swept1', 3), ...rows('bf-swept2', 4)]));
    const principal = { sub: 'organizer-1', roles: ['organizer' as const], orgs: ['*'] };
    const made = await createBatchFromFile({ ...plan(), uploadId } as never, principal, {
      budgetMs: 0,
    });
    // The request could not check the file: it is the sweeper's at once (no lease to wait out).
    const swept = await sweep();
    expect(swept).toMatchObject({ imported: 1, created: 2 });
    const report = await api.call('GET', `/v1/batches/${made.batch.id}`, { token });
    expect(report.body).toMatchObject({
      import: { status: 'done', organizations: 2, members: 7, written: 2 },
      elections: [{ orgId: 'bf-swept1' }, { orgId: 'bf-swept2' }],
    });
  });

  it('is shown while its file is imported to whoever made it, and to no one else', async () => {
    const maker = { sub: 'organizer-maker', roles: ['organizer' as const], orgs: ['bf-shown'] };
    const uploadId = await upload(csv(rows('bf-shown', 2)), await organizer(maker.orgs, maker.sub));
    const made = await createBatchFromFile({ ...plan(), uploadId } as never, maker, {
      budgetMs: 0,
    });
    const ids = async (as: string) =>
      (
        (await api.call('GET', '/v1/batches', { token: as })).body as { items: { id: string }[] }
      ).items.map((b) => b.id);
    const makerToken = await organizer(maker.orgs, maker.sub);
    const colleague = await organizer(maker.orgs, 'organizer-colleague');
    expect(await ids(makerToken)).toContain(made.batch.id);
    expect(await ids(colleague)).not.toContain(made.batch.id);
    const path = `/v1/batches/${made.batch.id}`;
    expect((await api.call('GET', path, { token: makerToken })).status).toBe(200);
    expect((await api.call('GET', path, { token: colleague })).status).toBe(403);
    // Once the file is in, whoever covers its organizations sees it.
    await sweep();
    expect(await ids(colleague)).toContain(made.batch.id);
    expect((await api.call('GET', path, { token: colleague })).status).toBe(200);
  });
});
