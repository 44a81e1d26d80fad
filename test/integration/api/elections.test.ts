// Proves the elections routes of SPEC §8–9: creation (rules, calendar, day length, first stage,
// workflow started), the Election view, moving deadlines (200/404/409/422), resuming a halted
// election, the audit log and the notices — and that every refused request writes nothing.
// The workflow is not wired yet: startWorkflow is stubbed and records what it was asked to start.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESETS } from '../../../shared/rules/index.ts';
import { approvalIndexKeys } from '../../../shared/store/approvals.ts';
import { GENESIS_HASH, verifyChain } from '../../../shared/store/audit-chain.ts';
import { getElection, saveElection } from '../../../shared/store/elections.ts';
import { keys } from '../../../shared/store/keys.ts';
import { flushOutbox, recordNotices } from '../../../shared/store/outbox.ts';
import type {
  ApprovalRecord,
  CandidateRecord,
  ElectionRecord,
  RoundRecord,
} from '../../../shared/store/records.ts';
import { tableName } from '../../../shared/store/table.ts';
import { commit, readAudit } from '../../../shared/store/transact.ts';
import type { TestApi } from '../../support/api.ts';
import { expectDeclaredAnswer } from './answers.ts';
import {
  countItems,
  detailPaths,
  type ErrorBody,
  electionBody,
  isElection,
  organizer,
  startCoreApi,
  tokenFor,
} from './core-fixtures.ts';

const workflow = vi.hoisted(() => ({ started: [] as string[][], fail: false }));
vi.mock('../../../shared/aws/step-functions.ts', async (original) =>
  (await import('../../support/workflow-stub.ts')).stubStarts(original, workflow),
);

interface ElectionView {
  id: string;
  orgId: string;
  preset: string;
  stage: string;
  rules: Record<string, unknown>;
  calendar: Record<string, { from: string; until: string }>;
  candidates: unknown[];
  rounds: unknown[];
  pendingApprovals: unknown[];
  result?: unknown;
  haltReason?: string;
  dayLengthMs: number;
}

let api: TestApi;
let token: string;

beforeAll(async () => {
  ({ api, token } = await startCoreApi(['org-a', 'org-b'], ['org-empty']));
}, 60_000);
afterAll(() => api?.stop());
beforeEach(() => {
  workflow.started = [];
  workflow.fail = false;
});

const postElection = (body: unknown, as = token) =>
  api.call('POST', '/v1/elections', { token: as, body });

const create = async (body: Record<string, unknown> = electionBody('org-a')) => {
  const answer = await postElection(body);
  if (answer.status !== 201) throw new Error(`create: ${answer.status} ${answer.text}`);
  return answer.body as ElectionView;
};

/** Changes an election behind the API's back (what the workflow would do). */
const change = async (id: string, edit: (e: ElectionRecord) => ElectionRecord) => {
  const read = (await getElection(id)) as ElectionRecord;
  await saveElection(edit(read), {
    scope: `ELECTION#${id}`,
    actor: 'workflow',
    action: 'test-change',
    data: {},
  });
};

const put = (item: Record<string, unknown>) =>
  commit([{ Put: { TableName: tableName(), Item: item } }]);

describe('POST /v1/elections', () => {
  it('creates the election in its preset’s first stage, with the planned calendar, and starts its workflow', async () => {
    const startsAt = '2031-03-15T00:00:00.000Z';
    const view = await create(electionBody('org-a', { startsAt, dayLengthMs: 1000 }));
    expectDeclaredAnswer('POST /v1/elections', view);
    expect(view).toMatchObject({ orgId: 'org-a', preset: 'community', stage: 'announcement' });
    expect(view.rules).toEqual(PRESETS.community);
    expect(view.calendar.announcement).toEqual({
      from: startsAt,
      until: '2031-03-15T00:00:08.000Z',
    });
    expect(view.calendar['preliminary-notice']).toEqual({
      from: '2031-03-15T00:00:13.000Z',
      until: '2031-03-15T00:00:20.000Z',
    });
    expect(view).toMatchObject({ candidates: [], rounds: [], pendingApprovals: [] });
    expect(workflow.started).toEqual([[view.id, 'start']]);
    const stored = (await getElection(view.id)) as ElectionRecord;
    expect(stored).toMatchObject({ version: 1, createdBy: 'organizer-1', dayLengthMs: 1000 });
    expect(stored.rollId).toMatch(/.+/);
    const audit = await readAudit(`ELECTION#${view.id}`);
    expect(audit.map((e) => [e.action, e.actor])).toEqual([['election-created', 'organizer-1']]);
  });

  it('takes the day length from ZX_DAY_MS when the body has none, and the body’s when it has one', async () => {
    process.env.ZX_DAY_MS = '2000';
    try {
      const { dayLengthMs: _, ...rest } = electionBody('org-a');
      const fromEnv = await create(rest);
      expect(fromEnv.dayLengthMs).toBe(2000);
      const fromBody = await create(electionBody('org-a', { dayLengthMs: 500 }));
      expect(fromBody.dayLengthMs).toBe(500);
    } finally {
      delete process.env.ZX_DAY_MS;
    }
    const { dayLengthMs: _, ...rest } = electionBody('org-a');
    expect((await create(rest)).dayLengthMs).toBe(86_400_000);
  });

  it('applies partial rules over the preset’s (nested constituencies merged one level)', async () => {
    const view = await create(
      electionBody('org-a', {
        rules: { minJointSupporters: 3, evaluation: { basicallyCounts: true } },
      }),
    );
    expect(view.rules).toMatchObject({
      minJointSupporters: 3,
      maxAge: 55,
      evaluation: { basicallyCounts: true, participation: { numerator: 1, denominator: 2 } },
    });
  });

  it('第三篇 yuyang: its open conditions are data an election may override (RulesOverrides)', async () => {
    const yuyang = await create(electionBody('org-a', { preset: 'yuyang' }));
    expect(yuyang.rules).toMatchObject({
      maxAge: null,
      minEducation: null,
      orgRelation: 'any',
      requireHealthy: false,
      requireDocuments: false,
      recommendationQuorum: null,
    });
    const stricter = await create(
      electionBody('org-a', {
        preset: 'yuyang',
        rules: { maxAge: 55, minEducation: 'senior', requireDocuments: true },
      }),
    );
    expect(stricter.rules).toMatchObject({
      maxAge: 55,
      minEducation: 'senior',
      requireDocuments: true,
    });
    const looser = await create(electionBody('org-a', { rules: { maxAge: null } }));
    expect(looser.rules).toMatchObject({ maxAge: null, minEducation: 'senior' });
  });

  it('第一篇 nanjing: the funnel is validated as a whole — 400 at the field that breaks it', async () => {
    const nanjing = await create(electionBody('org-a', { preset: 'nanjing' }));
    expect(nanjing.rules).toMatchObject({
      minPreliminarySecretary: 4,
      recommendedSecretaryCount: 4,
      inspectionCount: 3,
      formalSecretaryCandidates: 2,
      orgRelation: 'transferable',
    });
    const wide = await postElection(
      electionBody('org-a', { preset: 'nanjing', rules: { recommendedSecretaryCount: 5 } }),
    );
    expect(wide.status).toBe(400);
    expect(detailPaths(wide.body)).toContainEqual(['body', 'rules', 'recommendedSecretaryCount']);
    const badRelation = await postElection(
      electionBody('org-a', { rules: { orgRelation: 'anywhere' } }),
    );
    expect(detailPaths(badRelation.body)).toContainEqual(['body', 'rules', 'orgRelation']);
  });

  it('refuses unknown rules keys and rules that break each other with 400 at body.rules.<field>', async () => {
    const before = await countItems(isElection);
    const unknown = await postElection(
      electionBody('org-a', { rules: { preset: 'yuyang', quorum: 1 } }),
    );
    expect(unknown.status).toBe(400);
    expect(detailPaths(unknown.body)).toEqual([['body', 'rules']]);
    const inconsistent = await postElection(
      electionBody('org-a', { rules: { inspectionCount: 5 } }),
    );
    expect(inconsistent.status).toBe(400);
    expect(detailPaths(inconsistent.body)).toContainEqual(['body', 'rules', 'inspectionCount']);
    expect(await countItems(isElection)).toBe(before);
    expect(workflow.started).toEqual([]);
  });

  it('refuses a malformed body with 400 naming each field, unknown fields included', async () => {
    const bad = await postElection({
      orgId: 'org-a',
      preset: 'shanghai',
      seats: { secretary: 2, deputies: -1, members: 2 },
      startsAt: 'next monday',
      dayLengthMs: 0,
      workflow: 'skip',
    });
    expect(bad.status).toBe(400);
    expect(detailPaths(bad.body)).toEqual(
      expect.arrayContaining([
        ['body', 'preset'],
        ['body', 'seats', 'secretary'],
        ['body', 'seats', 'deputies'],
        ['body', 'startsAt'],
        ['body', 'dayLengthMs'],
        ['body'],
      ]),
    );
  });

  it('answers 404 for an unknown organization and 403 for one the token does not cover', async () => {
    const before = await countItems(isElection);
    const missing = await postElection(electionBody('nowhere'));
    expect(missing.status).toBe(404);
    const scoped = await postElection(electionBody('org-a'), await organizer(['org-b']));
    expect(scoped.status).toBe(403);
    expect(await countItems(isElection)).toBe(before);
    expect(workflow.started).toEqual([]);
  });

  it('refuses with 422 an organization without a roll, and deputies a preset never elects', async () => {
    const before = await countItems(isElection);
    const noRoll = await postElection(electionBody('org-empty'));
    expect(noRoll.status).toBe(422);
    expect((noRoll.body as ErrorBody).error.code).toBe('no-roll');
    const deputies = await postElection(
      electionBody('org-a', { seats: { secretary: 1, deputies: 1, members: 2 } }),
    );
    expect(deputies.status).toBe(422);
    expect((deputies.body as ErrorBody).error.code).toBe('seats-deputies');
    expect(await countItems(isElection)).toBe(before);
  });

  it('accepts deputies for nanjing, whose stages elect them', async () => {
    const view = await create(
      electionBody('org-a', {
        preset: 'nanjing',
        seats: { secretary: 1, deputies: 1, members: 3 },
      }),
    );
    expect(view.calendar['deputy-election']).toBeDefined();
  });

  it('halts the election it wrote when the workflow cannot start (503), so organizers can resume it', async () => {
    workflow.fail = true;
    const answer = await postElection(electionBody('org-a'));
    expect(answer.status).toBe(503);
    const { electionId } = (answer.body as ErrorBody).error.details[0] as { electionId: string };
    const stored = (await getElection(electionId)) as ElectionRecord;
    expect(stored.stage).toBe('halted');
    expect(stored.haltReason).toContain('Step Functions is unreachable');
  });
});

describe('GET /v1/elections/{id}', () => {
  it('shows candidates, rounds and only the working approvals, and nothing internal', async () => {
    const view = await create();
    const id = view.id;
    const candidate = (memberId: string, office: CandidateRecord['office']): CandidateRecord => ({
      memberId,
      office,
      status: 'eligible',
      check: { eligible: true, failures: [] },
    });
    await put({ ...keys.candidate(id, 'secretary', 'm02'), ...candidate('m02', 'secretary') });
    await put({ ...keys.candidate(id, 'member', 'm01'), ...candidate('m01', 'member') });
    await put({ ...keys.candidate(id, 'secretary', 'm01'), ...candidate('m01', 'secretary') });
    const round: RoundRecord = {
      id: 'r1',
      kind: 'recommendation',
      office: 'secretary',
      stage: 'recommendation',
      number: 1,
      status: 'open',
      candidates: ['m01', 'm02'],
      seats: 1,
      revotesSoFar: 0,
      openedAt: new Date().toISOString(),
    };
    await put({ ...keys.round(id, 'r1'), ...round });
    const approval = (
      approvalId: string,
      status: ApprovalRecord['status'],
      expiresInMs: number,
    ) => {
      const record: ApprovalRecord = {
        id: approvalId,
        electionId: id,
        kind: 'inspection',
        token: 'secret-task-token',
        status,
        createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
        subject: {},
      };
      return { ...keys.approval(approvalId), ...approvalIndexKeys(record), ...record };
    };
    await put(approval(`ap-open-${id}`, 'pending', 3_600_000));
    await put(approval(`ap-done-${id}`, 'approved', 3_600_000));
    await put(approval(`ap-late-${id}`, 'pending', -1000));

    const member = await tokenFor(['member'], ['org-a']);
    const read = await api.call('GET', `/v1/elections/${id}`, { token: member });
    expect(read.status).toBe(200);
    const body = read.body as ElectionView;
    expect(body.candidates).toEqual([
      { memberId: 'm01', office: 'secretary', status: 'eligible' },
      { memberId: 'm02', office: 'secretary', status: 'eligible' },
      { memberId: 'm01', office: 'member', status: 'eligible' },
    ]);
    expect(body.rounds).toEqual([
      { id: 'r1', kind: 'recommendation', office: 'secretary', number: 1, status: 'open' },
    ]);
    expect(body.pendingApprovals).toEqual([{ id: `ap-open-${id}`, kind: 'inspection' }]);
    expect(read.text).not.toContain('secret-task-token');
    expect(body).not.toHaveProperty('version');
    expect(body).not.toHaveProperty('haltReason');
  });

  it('is open to every role of the organization, 403 for another organization, 404 when unknown', async () => {
    const { id } = await create();
    for (const role of ['organizer', 'teller', 'scrutineer', 'approver', 'member'] as const) {
      const read = await api.call('GET', `/v1/elections/${id}`, {
        token: await tokenFor([role], ['org-a']),
      });
      expect(read.status).toBe(200);
    }
    const other = await api.call('GET', `/v1/elections/${id}`, {
      token: await tokenFor(['member'], ['org-b']),
    });
    expect(other.status).toBe(403);
    expect((await api.call('GET', '/v1/elections/no-such', { token })).status).toBe(404);
  });
});

describe('PUT /v1/elections/{id}/deadlines/{stage}', () => {
  it('moves one deadline, leaves the others, and audits the move with its actor', async () => {
    const view = await create();
    const deadline = new Date(
      Date.parse(view.calendar.nomination?.until as string) + 3_600_000,
    ).toISOString();
    const moved = await api.call('PUT', `/v1/elections/${view.id}/deadlines/nomination`, {
      token,
      body: { deadline },
    });
    expect(moved.status).toBe(200);
    const body = moved.body as ElectionView;
    expect(body.calendar.nomination).toEqual({
      from: view.calendar.nomination?.from,
      until: deadline,
    });
    expect({ ...body.calendar, nomination: null }).toEqual({ ...view.calendar, nomination: null });
    const audit = await readAudit(`ELECTION#${view.id}`);
    expect(audit.at(-1)).toMatchObject({
      action: 'deadline-moved',
      actor: 'organizer-1',
      data: { stage: 'nomination', from: view.calendar.nomination?.until, to: deadline },
    });
  });

  it('refuses a deadline that has passed with 409 and changes nothing', async () => {
    const view = await create(
      electionBody('org-a', {
        startsAt: new Date(Date.now() - 20_000).toISOString(),
        dayLengthMs: 1000,
      }),
    );
    const refused = await api.call('PUT', `/v1/elections/${view.id}/deadlines/announcement`, {
      token,
      body: { deadline: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(refused.status).toBe(409);
    expect((refused.body as ErrorBody).error.code).toBe('deadline-passed');
    expect(await readAudit(`ELECTION#${view.id}`)).toHaveLength(1);
    expect((await getElection(view.id))?.calendar).toEqual(view.calendar);
  });

  it('refuses with 422 a deadline not in the future, or not after the stage’s start', async () => {
    const view = await create();
    const past = await api.call('PUT', `/v1/elections/${view.id}/deadlines/nomination`, {
      token,
      body: { deadline: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(past.status).toBe(422);
    expect((past.body as ErrorBody).error.details.map((d) => d.rule)).toContain(
      'deadline-not-in-future',
    );
    const early = await api.call('PUT', `/v1/elections/${view.id}/deadlines/nomination`, {
      token,
      body: { deadline: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(early.status).toBe(422);
    expect((early.body as ErrorBody).error.code).toBe('deadline-before-start');
    expect((await getElection(view.id))?.version).toBe(1);
  });

  it('answers 404 for a stage the election does not run, 400 for a malformed deadline', async () => {
    const { id } = await create();
    const body = { deadline: new Date(Date.now() + 86_400_000 * 40).toISOString() };
    for (const stage of ['evaluation', 'no-such-stage']) {
      const missing = await api.call('PUT', `/v1/elections/${id}/deadlines/${stage}`, {
        token,
        body,
      });
      expect(missing.status).toBe(404);
    }
    const bad = await api.call('PUT', `/v1/elections/${id}/deadlines/nomination`, {
      token,
      body: { deadline: '2031-03-15 09:00' },
    });
    expect(bad.status).toBe(400);
    expect(detailPaths(bad.body)).toEqual([['body', 'deadline']]);
    expect((await getElection(id))?.version).toBe(1);
  });

  it('refuses with 409 a stage already over, and any deadline of an ended election', async () => {
    const view = await create();
    const deadline = new Date(Date.now() + 86_400_000 * 40).toISOString();
    await change(view.id, (e) => ({ ...e, stage: 'nomination' }));
    const over = await api.call('PUT', `/v1/elections/${view.id}/deadlines/announcement`, {
      token,
      body: { deadline },
    });
    expect(over.status).toBe(409);
    expect((over.body as ErrorBody).error.code).toBe('stage-closed');
    await change(view.id, (e) => ({ ...e, stage: 'completed' }));
    const ended = await api.call('PUT', `/v1/elections/${view.id}/deadlines/member-approval`, {
      token,
      body: { deadline },
    });
    expect(ended.status).toBe(409);
    expect((ended.body as ErrorBody).error.code).toBe('election-ended');
  });

  it('never loses a move to a concurrent one: each answer is 200 or 409, and every 200 is audited', async () => {
    const view = await create();
    const base = Date.parse(view.calendar['formal-notice']?.until as string);
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        api.call('PUT', `/v1/elections/${view.id}/deadlines/formal-notice`, {
          token,
          body: { deadline: new Date(base + n * 60_000).toISOString() },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const moves = (await readAudit(`ELECTION#${view.id}`)).filter(
      (e) => e.action === 'deadline-moved',
    );
    expect(moves).toHaveLength(statuses.filter((s) => s === 200).length);
    const stored = (await getElection(view.id)) as ElectionRecord;
    expect(stored.version).toBe(1 + moves.length);
    const last = moves.at(-1)?.data as { to: string } | undefined;
    expect(stored.calendar['formal-notice']?.until).toBe(last?.to);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect((refused.body as ErrorBody).error.code).toBe('stale-election');
    }
  });
});

describe('POST /v1/elections/{id}/resume', () => {
  const halt = (id: string) =>
    change(id, (e) => ({ ...e, stage: 'halted', haltReason: '初步候选人不足 3 人' }));

  it('puts a halted election back into the stage, from now until the deadline, and starts a new run', async () => {
    const view = await create();
    await halt(view.id);
    workflow.started = [];
    const deadline = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const resumed = await api.call('POST', `/v1/elections/${view.id}/resume`, {
      token,
      body: { stage: 'nomination', deadline },
    });
    expect(resumed.status).toBe(200);
    const body = resumed.body as ElectionView;
    expect(body.stage).toBe('nomination');
    expect(body).not.toHaveProperty('haltReason');
    expect(body.calendar.nomination?.until).toBe(deadline);
    expect(
      Math.abs(Date.parse(body.calendar.nomination?.from as string) - Date.now()),
    ).toBeLessThan(10_000);
    const stored = (await getElection(view.id)) as ElectionRecord;
    expect(workflow.started).toEqual([[view.id, `resume-${stored.version}`]]);
    const audit = await readAudit(`ELECTION#${view.id}`);
    expect(audit.at(-1)).toMatchObject({
      action: 'election-resumed',
      actor: 'organizer-1',
      data: { stage: 'nomination', deadline, haltReason: '初步候选人不足 3 人' },
    });
  });

  it('refuses with 409 an election that is not halted, changing nothing', async () => {
    const view = await create();
    workflow.started = [];
    const refused = await api.call('POST', `/v1/elections/${view.id}/resume`, {
      token,
      body: { stage: 'nomination', deadline: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(refused.status).toBe(409);
    expect((refused.body as ErrorBody).error.code).toBe('not-halted');
    expect((await getElection(view.id))?.version).toBe(1);
    expect(workflow.started).toEqual([]);
  });

  it('refuses with 422 a stage the preset does not run or a deadline not in the future, 400 a non-stage', async () => {
    const view = await create();
    await halt(view.id);
    const halted = (await getElection(view.id)) as ElectionRecord;
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const notRun = await api.call('POST', `/v1/elections/${view.id}/resume`, {
      token,
      body: { stage: 'evaluation', deadline: future },
    });
    expect(notRun.status).toBe(422);
    expect((notRun.body as ErrorBody).error.code).toBe('unknown-stage');
    const past = await api.call('POST', `/v1/elections/${view.id}/resume`, {
      token,
      body: { stage: 'nomination', deadline: new Date(Date.now() - 1000).toISOString() },
    });
    expect(past.status).toBe(422);
    const bogus = await api.call('POST', `/v1/elections/${view.id}/resume`, {
      token,
      body: { stage: 'completed', deadline: future },
    });
    expect(bogus.status).toBe(400);
    expect(detailPaths(bogus.body)).toEqual([['body', 'stage']]);
    expect(await getElection(view.id)).toEqual(halted);
  });
});

describe('GET /v1/elections/{id}/audit and /notices', () => {
  it('answers the hash-chained audit log in order', async () => {
    const view = await create();
    await api.call('PUT', `/v1/elections/${view.id}/deadlines/nomination`, {
      token,
      body: {
        deadline: new Date(
          Date.parse(view.calendar.nomination?.until as string) + 1000,
        ).toISOString(),
      },
    });
    const audit = await api.call('GET', `/v1/elections/${view.id}/audit`, { token });
    expect(audit.status).toBe(200);
    const entries = audit.body as Parameters<typeof verifyChain>[0];
    expect(entries.map((e) => [e.seq, e.action])).toEqual([
      [1, 'election-created'],
      [2, 'deadline-moved'],
    ]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(Object.keys(entries[0] ?? {}).sort()).toEqual(
      ['action', 'actor', 'at', 'data', 'hash', 'prevHash', 'seq'].sort(),
    );
    expect(verifyChain(entries)).toEqual({ ok: true, length: 2 });
  });

  it('answers each notice with its recipient, template, subject and sending', async () => {
    const { id } = await create();
    const notice = {
      electionId: id,
      template: 'announcement',
      ref: 'announcement',
      subject: '宣传动员',
      text: 't',
      html: '<p>t</p>',
    };
    await recordNotices([
      { ...notice, to: 'a@example.org' },
      { ...notice, to: 'b@example.org' },
    ]);
    await flushOutbox(id, async (n) => {
      if (n.to === 'b@example.org') throw new Error('mailbox full');
      return 'msg-1';
    });
    const notices = await api.call('GET', `/v1/elections/${id}/notices`, { token });
    expect(notices.status).toBe(200);
    const list = notices.body as Record<string, unknown>[];
    expect(list).toHaveLength(2);
    const sent = list.find((n) => n.to === 'a@example.org');
    expect(sent).toMatchObject({
      template: 'announcement',
      subject: '宣传动员',
      messageId: 'msg-1',
    });
    expect(typeof sent?.sentAt).toBe('string');
    expect(list.find((n) => n.to === 'b@example.org')).toMatchObject({
      sentAt: null,
      messageId: null,
      status: 'pending',
    });
  });

  it('are for organizers of the organization only (403), and 404 for an unknown election', async () => {
    const { id } = await create();
    for (const path of ['audit', 'notices']) {
      const teller = await api.call('GET', `/v1/elections/${id}/${path}`, {
        token: await tokenFor(['teller'], ['*']),
      });
      expect(teller.status).toBe(403);
      const other = await api.call('GET', `/v1/elections/${id}/${path}`, {
        token: await organizer(['org-b']),
      });
      expect(other.status).toBe(403);
      expect((await api.call('GET', `/v1/elections/nope/${path}`, { token })).status).toBe(404);
    }
  });
});
