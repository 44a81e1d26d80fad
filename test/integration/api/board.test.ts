// Proves the public notice board (公示栏, SPEC §2, §9): candidates with names and statements,
// objection counts and resolutions but never an objection's text, round tallies, the result,
// the calendar in Shanghai time, everything people wrote escaped, an objection form that posts
// to the objections route, and the same content as JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../../shared/election/board/board.ts';
import { formatShanghai } from '../../../shared/rules/index.ts';
import type { ElectionRecord } from '../../../shared/store/records.ts';
import { expectDeclaredAnswer } from './answers.ts';
import {
  FORM,
  formBody,
  type StandIns,
  seedCandidate,
  seedElection,
  seedObjection,
  seedOrganization,
  seedRound,
  startStandIns,
  XSS,
} from './approval-fixtures.ts';

const SECRET_OBJECTION = '此人曾经私下收受好处（异议原文，不得公开）';

let s: StandIns;
let org: { orgId: string; rollId: string };
let notice: ElectionRecord;

beforeAll(async () => {
  s = await startStandIns();
  org = await seedOrganization(`新光${XSS}社区党委`);
  notice = await seedElection(org, 'preliminary-notice');
  await seedCandidate(notice.id, {
    memberId: 'c1',
    status: 'preliminary',
    statements: { speech: '服务居民，真抓实干。' },
  });
  await seedCandidate(notice.id, {
    memberId: 'evil',
    status: 'preliminary',
    statements: { speech: `我的演讲${XSS}`, commitment: `承诺${XSS}` },
  });
  await seedCandidate(notice.id, {
    memberId: 'c2',
    status: 'removed',
    statusReason: '经核实不符合任职条件',
  });
  await seedCandidate(notice.id, {
    memberId: 'c3',
    status: 'rejected',
    statusReason: '党龄不足两年',
  });
  await seedCandidate(notice.id, { memberId: 'm1', status: 'eligible' });
  await seedObjection(notice.id, {
    id: 'o1',
    candidateId: 'c1',
    office: 'secretary',
    text: SECRET_OBJECTION,
    stage: 'preliminary-notice',
    filedAt: '2026-03-15T02:00:00.000Z',
    status: 'dismissed',
    resolution: {
      reason: '经调查，反映问题不属实',
      by: 'organizer-1',
      at: '2026-03-16T02:00:00.000Z',
    },
  });
  await seedObjection(notice.id, {
    id: 'o2',
    candidateId: 'c1',
    office: 'secretary',
    text: `${SECRET_OBJECTION}第二件`,
    stage: 'preliminary-notice',
    filedAt: '2026-03-15T03:00:00.000Z',
    status: 'open',
  });
});
afterAll(() => s?.stop());

const board = (id: string, accept = 'text/html') =>
  s.api.call('GET', `/public/elections/${id}`, { headers: { accept } });

describe('GET /public/elections/{id} (HTML)', () => {
  it('shows the organization, the stage in Chinese, the published candidates and their statements', async () => {
    const page = await board(notice.id);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('初步候选人公示');
    expect(page.text).toContain('王芳');
    expect(page.text).toContain('服务居民，真抓实干。');
    expect(page.text).toContain('李强');
    expect(page.text).toContain('经核实不符合任职条件');
  });

  it('leaves out nominees who were not published (rejected, merely eligible)', async () => {
    const page = await board(notice.id);
    expect(page.text).not.toContain('张伟');
    expect(page.text).not.toContain('党龄不足两年');
    expect(page.text).not.toContain('刘一');
  });

  it('escapes markup in names, statements and the organization', async () => {
    const page = await board(notice.id);
    expect(page.text).not.toContain(XSS);
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;赵六');
    expect(page.text).toContain('我的演讲&lt;script&gt;');
    expect(page.text).toContain('新光&lt;script&gt;');
  });

  it('shows how many objections there are and their resolutions, never their text', async () => {
    const page = await board(notice.id);
    expect(page.text).toContain('共 2 件（待处理 1 件，成立 0 件，不成立 1 件）');
    expect(page.text).toContain('经调查，反映问题不属实');
    expect(page.text).not.toContain('私下收受');
  });

  it('shows the calendar in Shanghai time', async () => {
    const page = await board(notice.id);
    const window = notice.calendar['preliminary-notice'];
    expect(page.text).toContain(formatShanghai(window?.from as string));
    expect(page.text).toContain(formatShanghai(window?.until as string));
    expect(page.text).toContain('北京时间');
  });

  it('offers an objection form for each published candidate while the notice runs', async () => {
    const page = await board(notice.id);
    expect(page.text).toContain(`action="/v1/elections/${notice.id}/objections"`);
    expect(page.text).toContain('<input type="hidden" name="candidateId" value="c1">');
    expect(page.text).not.toContain('name="candidateId" value="c2"');
  });

  it('its form post files an objection: counted on the board, its text not shown', async () => {
    const filed = await s.api.call('POST', `/v1/elections/${notice.id}/objections`, {
      headers: FORM,
      body: formBody([
        ['candidateId', 'evil'],
        ['office', 'secretary'],
        ['text', `表单提交的异议${XSS}`],
      ]),
    });
    expect(filed.status).toBe(201);
    const page = await board(notice.id);
    expect(page.text).toContain('共 1 件（待处理 1 件，成立 0 件，不成立 0 件）');
    expect(page.text).not.toContain('表单提交的异议');
  });

  it('offers no objection form outside a notice stage', async () => {
    const election = await seedElection(org, 'recommendation');
    await seedCandidate(election.id, { memberId: 'c1', status: 'preliminary' });
    const page = await board(election.id);
    expect(page.text).toContain('王芳');
    expect(page.text).not.toContain('<form');
  });

  it('shows round tallies with names, rates and who goes on, the result, and a halt reason', async () => {
    const election = await seedElection(org, 'halted', {
      haltReason: `上级党组织未批准：${XSS}`,
      result: { secretary: 'c1', deputies: [], members: ['m1', 'evil'] },
    });
    await seedRound(election.id, {
      id: 'r1',
      kind: 'recommendation',
      office: 'secretary',
      stage: 'recommendation',
      number: 1,
      status: 'closed',
      candidates: ['c1', 'c2', 'evil'],
      seats: 1,
      revotesSoFar: 0,
      attendance: {
        present: 180,
        ballotsIssued: 180,
        staff: { announcer: 'm2', scrutineer: 'm3', counter: 'm4' },
        staffApproval: { for: 170, against: 6, abstain: 4 },
        recordedBy: 'teller',
        at: '2026-03-22T01:00:00.000Z',
      },
      tally: {
        status: 'valid',
        issued: 180,
        returned: 178,
        valid: 176,
        invalid: 2,
        counts: { c1: 90, c2: 50, evil: 36 },
        rates: { c1: 0.5114, c2: 0.2841, evil: 0.2045 },
        elected: ['c1', 'c2', 'evil'],
        next: 'advance',
      },
      openedAt: '2026-03-22T01:00:00.000Z',
      closedAt: '2026-03-22T03:00:00.000Z',
    });
    const page = await board(election.id);
    expect(page.text).toContain('发出选票 180 张，收回 178 张，有效 176 张，无效 2 张');
    // 第八条1: the assembly's vote on 监票人 and 计票人 is shown with the round.
    expect(page.text).toContain('监票人、计票人经大会表决通过（赞成 170，反对 6，弃权 4）');
    const json = (await board(election.id, 'application/json')).body as Board;
    expect(json.rounds[0]?.attendance?.staffApproval).toEqual({ for: 170, against: 6, abstain: 4 });
    expect(page.text).toContain('51.14%');
    expect(page.text).toContain('推荐产生');
    expect(page.text).toContain('选举结果');
    expect(page.text).toContain('刘一');
    expect(page.text).toContain('上级党组织未批准：&lt;script&gt;');
    expect(page.text).not.toMatch(/<script/i);
  });

  it('an unknown election is a 404 page', async () => {
    const page = await board('no-such-election');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('未找到此选举');
  });
});

describe('GET /public/elections/{id} with Accept: application/json', () => {
  it('gives the same content as JSON: names, statements, objection counts, never objection text', async () => {
    const answer = await board(notice.id, 'application/json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const data = answer.body as Board;
    expectDeclaredAnswer('GET /public/elections/{id}', data);
    expect(data.electionId).toBe(notice.id);
    expect(data.stage).toBe('preliminary-notice');
    expect(data.organization.name).toBe(`新光${XSS}社区党委`);
    const byId = Object.fromEntries(data.candidates.map((c) => [c.memberId, c]));
    expect(Object.keys(byId).sort()).toEqual(['c1', 'c2', 'evil']);
    expect(byId.c1?.name).toBe('王芳');
    expect(byId.c1?.objections).toMatchObject({ total: 2, open: 1, upheld: 0, dismissed: 1 });
    expect(byId.c1?.objections.resolutions).toEqual([
      { decision: 'dismissed', reason: '经调查，反映问题不属实', at: '2026-03-16T02:00:00.000Z' },
    ]);
    expect(byId.evil?.statements).toEqual({ speech: `我的演讲${XSS}`, commitment: `承诺${XSS}` });
    expect(byId.c1?.acceptsObjections).toBe(true);
    expect(byId.c2?.acceptsObjections).toBe(false);
    expect(data.calendar.map((e) => e.stage)).toEqual(
      notice.rules.stages.filter((st) => notice.calendar[st]),
    );
    expect(answer.text).not.toContain('私下收受');
    expect(answer.text).not.toContain('organizer-1');
    expect(answer.text).not.toContain('@example.org');
  });

  it('an unknown election is a JSON 404', async () => {
    const answer = await board('no-such-election', 'application/json');
    expect(answer.status).toBe(404);
    expect((answer.body as { error: { code: string } }).error.code).toBe('not-found');
  });
});
