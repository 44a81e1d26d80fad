// Proves the console's list and action routes (issue 14): organizations, elections and batches
// paginated with opaque cursors (a bad one is a 400 naming query.cursor) and scoped by the
// token's organizations; an election's next deadline and what it waits for; the cancel
// (audited, workflow stopped, everyone told once, 409 when completed or cancelled for another
// reason); pending approvals and their resend (one mail for two quick clicks, 409 once decided).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putNewBatch } from '../../../shared/store/batches.ts';
import { getElection, setAwaiting } from '../../../shared/store/elections.ts';
import { setCurrentExecution } from '../../../shared/store/executions.ts';
import { listNotices } from '../../../shared/store/outbox.ts';
import { commit, readAudit } from '../../../shared/store/transact.ts';
import { signToken } from '../../support/api.ts';
import {
  type StandIns,
  seedApproval,
  seedElection,
  seedOrganization,
  startStandIns,
} from './approval-fixtures.ts';

let s: StandIns;
let all: string;
const orgs: { orgId: string; rollId: string }[] = [];
const elections: string[] = [];

const organizerOf = (orgIds: string[]) =>
  signToken({ sub: 'organizer-1', roles: ['organizer'], orgs: orgIds });

type Page<T> = { items: T[]; next: string | null };

beforeAll(async () => {
  s = await startStandIns();
  process.env.ZX_STATE_MACHINE_ARN = 'arn:aws:states:local:000000000000:stateMachine:zx';
  all = await organizerOf(['*']);
  for (let i = 0; i < 3; i++) orgs.push(await seedOrganization(`社区${i}党委`));
  // Five elections, created a minute apart: two in org 0, two in org 1, one in org 2.
  const at = (i: number) => new Date(Date.parse('2026-02-20T00:00:00Z') + i * 60_000).toISOString();
  const plan = [0, 1, 0, 1, 2] as const;
  for (const [i, o] of plan.entries()) {
    const e = await seedElection(orgs[o] as never, i === 4 ? 'completed' : 'nomination', {
      createdAt: at(i),
    });
    elections.push(e.id);
  }
}, 60_000);
afterAll(() => s?.stop());

describe('GET /v1/organizations', () => {
  it('pages through every organization for `*`, by id, with the roll size', async () => {
    const first = await s.api.call('GET', '/v1/organizations?limit=2', { token: all });
    expect(first.status).toBe(200);
    const page = first.body as Page<{ id: string; memberCount: number; updatedAt?: string }>;
    expect(page.items.map((o) => o.id)).toEqual([orgs[0]?.orgId, orgs[1]?.orgId].sort());
    expect(page.items[0]?.memberCount).toBe(8);
    expect(page.items[0]?.updatedAt).toEqual(expect.any(String));
    const rest = await s.api.call('GET', `/v1/organizations?limit=2&cursor=${page.next}`, {
      token: all,
    });
    const ids = (rest.body as Page<{ id: string }>).items.map((o) => o.id);
    expect(ids).toContain(orgs[2]?.orgId);
    expect(ids).not.toContain(orgs[0]?.orgId);
  });

  it('lists only the organizations of a scoped token, skipping granted ids that do not exist', async () => {
    const token = await organizerOf([orgs[1]?.orgId as string, 'org-nowhere']);
    const answer = await s.api.call('GET', '/v1/organizations', { token });
    const page = answer.body as Page<{ id: string }>;
    expect(page).toEqual({ items: [expect.objectContaining({ id: orgs[1]?.orgId })], next: null });
  });

  it('refuses a cursor that is not one with 400 naming query.cursor', async () => {
    for (const cursor of ['%%%', Buffer.from('ELECTION#x').toString('base64url')]) {
      const answer = await s.api.call('GET', `/v1/organizations?cursor=${cursor}`, { token: all });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain('"cursor"');
    }
  });
});

describe('GET /v1/elections', () => {
  it('lists newest first in pages, for `*` and for a token of two organizations alike', async () => {
    const scoped = await organizerOf([orgs[0]?.orgId as string, orgs[1]?.orgId as string]);
    for (const [token, expected] of [
      [all, [...elections].reverse()],
      [scoped, elections.slice(0, 4).reverse()],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const answer = await s.api.call(
          'GET',
          `/v1/elections?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { token },
        );
        expect(answer.status).toBe(200);
        const page = answer.body as Page<{ id: string }>;
        seen.push(...page.items.map((e) => e.id));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
  });

  it('filters by organization and stage, and refuses an organization the token may not act on', async () => {
    const byOrg = await s.api.call('GET', `/v1/elections?orgId=${orgs[1]?.orgId}`, { token: all });
    expect((byOrg.body as Page<{ id: string }>).items.map((e) => e.id)).toEqual([
      elections[3],
      elections[1],
    ]);
    const done = await s.api.call('GET', '/v1/elections?stage=completed', { token: all });
    expect((done.body as Page<{ id: string }>).items.map((e) => e.id)).toEqual([elections[4]]);
    const other = await organizerOf([orgs[0]?.orgId as string]);
    const refused = await s.api.call('GET', `/v1/elections?orgId=${orgs[1]?.orgId}`, {
      token: other,
    });
    expect(refused.status).toBe(403);
  });

  it('shows the next deadline and what the workflow waits for, by whom and since when', async () => {
    const id = elections[0] as string;
    await setAwaiting(id, {
      reason: 'eligibility-decisions',
      stage: 'nomination',
      token: 't',
      since: '2026-03-05T00:00:00.000Z',
    });
    const answer = await s.api.call('GET', `/v1/elections?orgId=${orgs[0]?.orgId}`, { token: all });
    const item = (answer.body as Page<Record<string, unknown>>).items.find((e) => e.id === id);
    const election = await getElection(id);
    expect(item).toMatchObject({
      orgName: '社区0党委',
      stage: 'nomination',
      nextDeadline: { stage: 'nomination', at: election?.calendar.nomination?.until },
      awaiting: {
        who: 'organizers',
        task: 'eligibility-decisions',
        stage: 'nomination',
        since: '2026-03-05T00:00:00.000Z',
      },
    });
    const approval = await seedApproval({ id: elections[2] as string }, { stage: 'nomination' });
    const again = await s.api.call('GET', `/v1/elections?orgId=${orgs[0]?.orgId}`, { token: all });
    const waiting = (again.body as Page<Record<string, unknown>>).items.find(
      (e) => e.id === elections[2],
    );
    expect(waiting?.awaiting).toMatchObject({
      who: 'superior',
      task: 'approval',
      approvalId: approval.id,
      since: approval.createdAt,
    });
  });
});

describe('approvals: pending list and resend', () => {
  it('lists pending approvals of the token’s organizations and resends once per click burst', async () => {
    const approval = await seedApproval({ id: elections[1] as string });
    const list = await s.api.call('GET', `/v1/approvals?orgId=${orgs[1]?.orgId}`, { token: all });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        id: approval.id,
        electionId: elections[1],
        orgId: orgs[1]?.orgId,
        kind: 'inspection',
        sentTo: ['gongwei@example.org', 'zuzhi@example.org'],
        sentAt: approval.createdAt,
        expiresAt: approval.expiresAt,
      }),
    ]);
    const stranger = await organizerOf([orgs[2]?.orgId as string]);
    const none = await s.api.call('GET', '/v1/approvals', { token: stranger });
    expect(none.body).toEqual([]);

    const first = await s.api.call('POST', `/v1/approvals/${approval.id}/resend`, { token: all });
    const second = await s.api.call('POST', `/v1/approvals/${approval.id}/resend`, { token: all });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([
      (first.body as { resent: boolean }).resent,
      (second.body as { resent: boolean }).resent,
    ]).toEqual([true, false]);
    const mails = (await listNotices(elections[1] as string)).filter((n) =>
      n.key.includes('resend'),
    );
    expect(mails.map((n) => n.to).sort()).toEqual(['gongwei@example.org', 'zuzhi@example.org']);
    const audit = await readAudit(`ELECTION#${elections[1]}`);
    expect(audit.filter((e) => e.action === 'approval-resent')).toHaveLength(1);
    const forbidden = await s.api.call('POST', `/v1/approvals/${approval.id}/resend`, {
      token: stranger,
    });
    expect(forbidden.status).toBe(403);
  });

  it('refuses to resend a decided approval with 409', async () => {
    const decided = await seedApproval({ id: elections[3] as string }, { status: 'approved' });
    const answer = await s.api.call('POST', `/v1/approvals/${decided.id}/resend`, { token: all });
    expect(answer.status).toBe(409);
  });
});

describe('POST /v1/elections/{id}/cancel', () => {
  it('cancels once with its reason, stops the workflow, tells members and organizers once', async () => {
    const id = elections[3] as string;
    await setCurrentExecution(id, `${id}-start`);
    const body = { reason: '  社区区划调整  ' };
    const first = await s.api.call('POST', `/v1/elections/${id}/cancel`, { token: all, body });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      id,
      stage: 'cancelled',
      cancellation: { reason: '社区区划调整', by: 'organizer-1', stage: 'nomination' },
    });
    const retry = await s.api.call('POST', `/v1/elections/${id}/cancel`, { token: all, body });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect((await getElection(id))?.stage).toBe('cancelled');
    const audit = await readAudit(`ELECTION#${id}`);
    expect(audit.filter((e) => e.action === 'election-cancelled')).toHaveLength(1);
    const notices = (await listNotices(id)).filter((n) => n.template === 'cancelled');
    // 8 members with e-mail and the superior's two addresses (the organizers' fallback).
    expect(notices).toHaveLength(10);
    expect(new Set(notices.map((n) => n.to)).size).toBe(10);
    const other = await s.api.call('POST', `/v1/elections/${id}/cancel`, {
      token: all,
      body: { reason: '另一个理由' },
    });
    expect(other.status).toBe(409);
    expect((other.body as { error: { code: string } }).error.code).toBe('already-cancelled');
  });

  it('refuses a completed election with 409 and an empty reason with 400, changing nothing', async () => {
    const done = await s.api.call('POST', `/v1/elections/${elections[4]}/cancel`, {
      token: all,
      body: { reason: '撤销' },
    });
    expect(done.status).toBe(409);
    const empty = await s.api.call('POST', `/v1/elections/${elections[0]}/cancel`, {
      token: all,
      body: { reason: '   ' },
    });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('"reason"');
    expect((await getElection(elections[0] as string))?.stage).toBe('nomination');
  });
});

describe('GET /v1/batches', () => {
  it('lists batches newest first, only those whose organizations the token covers', async () => {
    const batch = (id: string, orgIds: string[], createdAt: string) => ({
      id,
      preset: 'nanjing' as const,
      seats: { secretary: 1, deputies: 0, members: 2 },
      startsAt: '2026-03-01T00:00:00.000Z',
      dayLengthMs: 86_400_000,
      size: orgIds.length,
      created: orgIds.length,
      orgIds,
      createdAt,
      createdBy: 'organizer-1',
    });
    const [a, b] = [orgs[0]?.orgId as string, orgs[1]?.orgId as string];
    await commit([putNewBatch(batch('b-old', [a], '2026-02-01T00:00:00.000Z'))]);
    await commit([putNewBatch(batch('b-new', [a, b], '2026-02-02T00:00:00.000Z'))]);
    const everything = await s.api.call('GET', '/v1/batches?limit=1', { token: all });
    const page = everything.body as Page<{ id: string; electionCount: number }>;
    expect(page.items).toEqual([expect.objectContaining({ id: 'b-new', electionCount: 2 })]);
    const rest = await s.api.call('GET', `/v1/batches?cursor=${page.next}`, { token: all });
    expect((rest.body as Page<{ id: string }>).items.map((x) => x.id)).toEqual(['b-old']);
    const scoped = await s.api.call('GET', '/v1/batches', { token: await organizerOf([a]) });
    expect((scoped.body as Page<{ id: string }>).items.map((x) => x.id)).toEqual(['b-old']);
  });
});
