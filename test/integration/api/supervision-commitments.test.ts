// Proves the 任职承诺书 and term-goal routes (SPEC §9 Supervision) against DynamoDB Local: who
// may submit (organizer or the elected secretary), goal ids (the server's unless given, unique
// in the organization), one pending or approved commitment at a time, on the board only once
// the superior approved it; progress only on approved goals; the annual work report as HTML
// (第二篇's form) and as JSON, for the year in Shanghai time; every refusal's status.
import { describe, expect, it } from 'vitest';
import { listNotices } from '../../../shared/store/outbox.ts';
import { listGoals } from '../../../shared/store/supervision.ts';
import { expectPage } from './answers.ts';
import {
  auditActions,
  errorOf,
  superiorDecides,
  supervisionSuite,
  tokenFor,
} from './supervision-fixtures.ts';

const ORG = 'org-sup-goals';
const suite = supervisionSuite(ORG);

const GOALS = [
  { category: 'party-building', text: '每月组织“三会一课”', target: '全年 12 次' },
  { category: 'employment', text: '促进下岗失业人员再就业', target: '新增就业岗位 50 个' },
];

const submit = (electionId: string, body: unknown, token = suite.organizer) =>
  suite.env.api.call('POST', `/v1/elections/${electionId}/commitments`, { token, body });

interface Submitted {
  id: string;
  status: string;
  goals: { id: string; category: string; text: string; target: string }[];
}

/** A commitment the superior approved; answers its goals. */
const approvedCommitment = async (goals: unknown[] = GOALS) => {
  const election = await suite.seedCompleted();
  const submitted = (await submit(election.id, { goals })).body as Submitted;
  await superiorDecides(election.id, 'commitment');
  return { election, submitted };
};

const progressPath = (goalId: string, orgId = ORG) =>
  `/v1/organizations/${orgId}/goals/${goalId}/progress`;

describe('the 任职承诺书', () => {
  it('an organizer submits it: 201 pending-approval with server goal ids; not on the board until approved, then on it and mailed to every member', async () => {
    const election = await suite.seedCompleted();
    const submitted = await submit(election.id, { goals: GOALS });
    expect(submitted.status).toBe(201);
    const body = submitted.body as Submitted;
    expect(body.status).toBe('pending-approval');
    expect(body.goals.map(({ category, text, target }) => ({ category, text, target }))).toEqual(
      GOALS,
    );
    expect(new Set(body.goals.map((g) => g.id)).size).toBe(2);
    const board = async () =>
      (
        await suite.env.api.call('GET', `/public/elections/${election.id}`, {
          headers: { accept: 'application/json' },
        })
      ).body as { commitments: unknown[] };
    expect((await board()).commitments).toEqual([]);

    await superiorDecides(election.id, 'commitment');
    expect((await board()).commitments).toEqual([
      expect.objectContaining({ goals: GOALS.map((g) => expect.objectContaining(g)) }),
    ]);
    const shown = await suite.env.api.call(
      'GET',
      `/v1/elections/${election.id}/commitments/${body.id}`,
      {
        token: await tokenFor(ORG, ['member'], 'p01'),
      },
    );
    expect(shown.body).toMatchObject({ status: 'approved', holderId: 's1' });
    const notices = await listNotices(election.id);
    const published = notices.filter((n) => n.template === 'commitment-published');
    expect(published.map((n) => n.to)).toContain('p12@example.org');
    expect(published[0]?.text).toContain('新增就业岗位 50 个');
    expect(await auditActions(election.id)).toEqual(
      expect.arrayContaining(['commitment-submitted', 'approval-decided', 'commitment-approved']),
    );
  });

  it('the elected secretary may submit it; another member may not (403)', async () => {
    const election = await suite.seedCompleted();
    const other = await tokenFor(ORG, ['member'], 'm1');
    expect((await submit(election.id, { goals: GOALS }, other)).status).toBe(403);
    const secretary = await tokenFor(ORG, ['member'], 's1');
    expect((await submit(election.id, { goals: GOALS }, secretary)).status).toBe(201);
  });

  it('refuses no token (401), other roles and organizations (403), an unknown election (404)', async () => {
    const election = await suite.seedCompleted();
    expect((await submit(election.id, { goals: GOALS }, '')).status).toBe(401);
    const teller = await tokenFor(ORG, ['teller']);
    expect((await submit(election.id, { goals: GOALS }, teller)).status).toBe(403);
    const elsewhere = await tokenFor('other-org', ['organizer']);
    expect((await submit(election.id, { goals: GOALS }, elsewhere)).status).toBe(403);
    expect((await submit('nope', { goals: GOALS })).status).toBe(404);
  });

  it('a bad body is 400 naming the field: no goals, an unknown category, a missing target, an unknown field', async () => {
    const election = await suite.seedCompleted();
    for (const body of [
      { goals: [] },
      { goals: [{ ...GOALS[0], category: 'culture' }] },
      { goals: [{ category: 'economy', text: '发展社区经济' }] },
      { goals: GOALS, extra: true },
    ]) {
      const refused = await submit(election.id, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(refused.body).details.length).toBeGreaterThan(0);
    }
  });

  it('given goal ids are kept; one repeated in the body → 422; one taken in the organization → 409', async () => {
    const first = await suite.seedCompleted();
    const given = [{ id: 'dj-2026', ...GOALS[0] }, GOALS[1]];
    const kept = (await submit(first.id, { goals: given })).body as Submitted;
    expect(kept.goals[0]?.id).toBe('dj-2026');
    const second = await suite.seedCompleted();
    const repeated = await submit(second.id, {
      goals: [given[0], { id: 'dj-2026', ...GOALS[1] }],
    });
    expect(repeated.status).toBe(422);
    const taken = await submit(second.id, { goals: given });
    expect(taken.status).toBe(409);
    expect(errorOf(taken.body).code).toBe('goal-id-taken');
  });

  it('one pending at a time (409); after a rejection a revised one may be submitted, reusing its goal ids', async () => {
    const election = await suite.seedCompleted();
    const given = [{ id: 'jy-50', ...GOALS[1] }];
    expect((await submit(election.id, { goals: given })).status).toBe(201);
    const again = await submit(election.id, { goals: GOALS });
    expect(again.status).toBe(409);
    expect(errorOf(again.body).code).toBe('commitment-exists');
    await superiorDecides(election.id, 'commitment', {
      decision: 'reject',
      comment: '目标不够具体',
    });
    const notices = await listNotices(election.id);
    expect(notices.filter((n) => n.template === 'approval-outcome').map((n) => n.to)).toContain(
      's1@example.org',
    );
    expect(notices.some((n) => n.template === 'commitment-published')).toBe(false);
    const revised = await submit(election.id, {
      goals: [{ id: 'jy-50', ...GOALS[1], target: '新增就业岗位 60 个' }],
    });
    expect(revised.status).toBe(201);
    expect((await listGoals(ORG)).find((g) => g.id === 'jy-50')?.target).toBe('新增就业岗位 60 个');
  });

  it('an election not completed, or whose secretary was recalled → 409', async () => {
    const running = await suite.seedCompleted({ stage: 'member-approval' });
    expect(errorOf((await submit(running.id, { goals: GOALS })).body).code).toBe(
      'election-not-completed',
    );
    const { commit } = await import('../../../shared/store/transact.ts');
    const { putElectionVersion } = await import('../../../shared/store/elections.ts');
    const vacant = await suite.seedCompleted();
    await commit([
      putElectionVersion({ ...vacant, result: { secretary: null, deputies: [], members: [] } }),
    ]);
    const refused = await submit(vacant.id, { goals: GOALS });
    expect(refused.status).toBe(409);
    expect(errorOf(refused.body).code).toBe('no-secretary');
  });

  it('the reminder: 409 while the link works, 409 once decided; organizers only', async () => {
    const election = await suite.seedCompleted();
    const { id } = (await submit(election.id, { goals: GOALS })).body as Submitted;
    const path = `/v1/elections/${election.id}/commitments/${id}/reminder`;
    expect(
      errorOf((await suite.env.api.call('POST', path, { token: suite.organizer })).body).code,
    ).toBe('approval-open');
    const member = await tokenFor(ORG, ['member'], 's1');
    expect((await suite.env.api.call('POST', path, { token: member })).status).toBe(403);
    await superiorDecides(election.id, 'commitment');
    expect(
      errorOf((await suite.env.api.call('POST', path, { token: suite.organizer })).body).code,
    ).toBe('already-decided');
    const unknown = `/v1/elections/${election.id}/commitments/nope/reminder`;
    expect((await suite.env.api.call('POST', unknown, { token: suite.organizer })).status).toBe(
      404,
    );
  });
});

describe('progress against the goals', () => {
  it('201 on an approved goal, audited in its election; listed with the goal', async () => {
    const { election, submitted } = await approvedCommitment();
    const goalId = submitted.goals[1]?.id as string;
    const recorded = await suite.env.api.call('POST', progressPath(goalId), {
      token: suite.organizer,
      body: { at: '2026-04-15', text: '举办招聘会一场,12人实现就业', value: 12 },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ goalId, at: '2026-04-15', value: 12 });
    expect(await auditActions(election.id)).toContain('goal-progress-recorded');
    const goals = await suite.env.api.call('GET', `/v1/organizations/${ORG}/goals`, {
      token: suite.organizer,
    });
    const goal = (goals.body as { id: string; status: string; progress: unknown[] }[]).find(
      (g) => g.id === goalId,
    );
    expect(goal?.status).toBe('approved');
    expect(goal?.progress).toHaveLength(1);
  });

  it('a goal not yet approved → 409; an unknown goal → 404; a bad body → 400', async () => {
    const election = await suite.seedCompleted();
    const { goals } = (await submit(election.id, { goals: GOALS })).body as Submitted;
    const pending = await suite.env.api.call('POST', progressPath(goals[0]?.id as string), {
      token: suite.organizer,
      body: { at: '2026-04-15', text: '召开支部党员大会' },
    });
    expect(pending.status).toBe(409);
    expect(errorOf(pending.body).code).toBe('goal-not-approved');
    const unknown = await suite.env.api.call('POST', progressPath('no-such-goal'), {
      token: suite.organizer,
      body: { at: '2026-04-15', text: '…' },
    });
    expect(unknown.status).toBe(404);
    for (const body of [
      { at: '15/04/2026', text: '召开支部党员大会' },
      { at: '2026-04-15', text: '' },
      { at: '2026-04-15', text: 'x', value: 'twelve' },
      { at: '2026-04-15', text: 'x', extra: 1 },
    ]) {
      const refused = await suite.env.api.call('POST', progressPath(goals[0]?.id as string), {
        token: suite.organizer,
        body,
      });
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('organizers of the organization only: member 403, other organization 403, unknown organization 404', async () => {
    const { submitted } = await approvedCommitment();
    const goalId = submitted.goals[0]?.id as string;
    const body = { at: '2026-05-01', text: '开展主题党日' };
    const member = await tokenFor(ORG, ['member'], 's1');
    expect(
      (await suite.env.api.call('POST', progressPath(goalId), { token: member, body })).status,
    ).toBe(403);
    const elsewhere = await tokenFor('other-org', ['organizer']);
    expect(
      (await suite.env.api.call('POST', progressPath(goalId), { token: elsewhere, body })).status,
    ).toBe(403);
    const everywhere = await tokenFor('*', ['organizer']);
    expect(
      (
        await suite.env.api.call('POST', progressPath(goalId, 'no-such-org'), {
          token: everywhere,
          body,
        })
      ).status,
    ).toBe(404);
  });
});

describe('the annual work report', () => {
  it('as JSON: the approved goals with the year’s progress only (Shanghai calendar), their figures, the year’s events', async () => {
    const { submitted } = await approvedCommitment([
      { id: 'rpt-jobs', ...GOALS[1] },
      {
        id: 'rpt-econ',
        category: 'economy',
        text: '发展社区服务实体',
        target: '成立便民服务站 1 个',
      },
    ]);
    for (const [at, text, value] of [
      ['2026-04-15', '举办招聘会,12人实现就业', 12],
      ['2026-09-30', '技能培训后 8 人上岗', 8],
      ['2027-01-05', '新年招聘会,5人就业', 5],
    ] as const) {
      await suite.env.api.call('POST', progressPath('rpt-jobs'), {
        token: suite.organizer,
        body: { at, text, value },
      });
    }
    const report = await suite.env.api.call('GET', `/v1/organizations/${ORG}/report?year=2026`, {
      token: suite.organizer,
      headers: { accept: 'application/json' },
    });
    expect(report.status).toBe(200);
    const body = report.body as {
      orgId: string;
      year: number;
      goals: { id: string; progress: { at: string }[]; figures: unknown }[];
      events: { kind: string }[];
      openItems: string[];
    };
    expect(body).toMatchObject({ orgId: ORG, year: 2026 });
    const jobs = body.goals.find((g) => g.id === 'rpt-jobs');
    expect(jobs?.progress.map((p) => p.at)).toEqual(['2026-04-15', '2026-09-30']);
    expect(jobs?.figures).toEqual({ entries: 2, total: 20 });
    expect(body.goals.map((g) => g.id)).toEqual(expect.arrayContaining(['rpt-econ']));
    expect(body.events.map((e) => e.kind)).toContain('commitment-approved');
    expect(body.openItems.join('\n')).toContain('发展社区服务实体');
    expect(submitted.goals.map((g) => g.id)).toEqual(['rpt-jobs', 'rpt-econ']);
  });

  it('as a print-friendly Chinese page in 第二篇’s form, every value escaped', async () => {
    await approvedCommitment([
      {
        id: 'rpt-xss',
        category: 'social',
        text: '<script>alert(1)</script>关爱老人',
        target: '走访 20 人次',
      },
    ]);
    await suite.env.api.call('POST', progressPath('rpt-xss'), {
      token: suite.organizer,
      body: { at: '2026-06-01', text: '走访慰问孤寡老人 <b>8</b> 人次', value: 8 },
    });
    const page = await suite.env.api.call('GET', `/v1/organizations/${ORG}/report?year=2026`, {
      token: suite.organizer,
    });
    expectPage(page, [
      '2026年度工作报告',
      '党员同志们',
      '发展其他社会事业',
      '6月1日',
      '存在的问题和下一步工作',
      '@page',
      '&lt;b&gt;8&lt;/b&gt;',
    ]);
    expect(page.text).not.toContain('<script>alert(1)</script>');
  });

  it('organizers only (403 for members), the year four digits (400), unknown organization 404', async () => {
    const member = await tokenFor(ORG, ['member'], 'p01');
    expect(
      (
        await suite.env.api.call('GET', `/v1/organizations/${ORG}/report?year=2026`, {
          token: member,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await suite.env.api.call('GET', `/v1/organizations/${ORG}/report?year=26`, {
          token: suite.organizer,
        })
      ).status,
    ).toBe(400);
    const everywhere = await tokenFor('*', ['organizer']);
    expect(
      (
        await suite.env.api.call('GET', '/v1/organizations/no-such-org/report', {
          token: everywhere,
        })
      ).status,
    ).toBe(404);
  });
});
