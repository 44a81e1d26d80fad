// Proves the approval service the workflow calls (SPEC §4, §9): a request stores the task token
// under a new random id and mails each superior address once; a retried request keeps the id
// (new token, no second mail); after the id expires a reminder goes out with a new id; the
// token is never audited; and the mail data fits the notice templates.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  decideApproval,
  expireApproval,
  findCurrentApproval,
  requestApproval,
} from '../../../../shared/election/approvals/approval.ts';
import type { NotifyRequest } from '../../../../shared/notices/index.ts';
import {
  ApprovalReminderData,
  ApprovalRequestData,
} from '../../../../shared/notices/templates/approval.ts';
import { getApproval } from '../../../../shared/store/approvals.ts';
import { listNotices } from '../../../../shared/store/outbox.ts';
import type { ElectionRecord } from '../../../../shared/store/records.ts';
import { readAudit } from '../../../../shared/store/transact.ts';
import { afterSupervisionDecision } from '../../../../shared/supervision/follow-ups.ts';
import {
  type StandIns,
  SUPERIOR,
  seedElection,
  seedOrganization,
  startStandIns,
} from '../../api/approval-fixtures.ts';

const notified = vi.hoisted(() => [] as NotifyRequest[]);
vi.mock('../../../../shared/notices/index.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../../shared/notices/index.ts')>();
  return {
    ...original,
    notify: async (request: NotifyRequest) => {
      notified.push(request);
      return original.notify(request);
    },
  };
});

let s: StandIns;
let election: ElectionRecord;

beforeAll(async () => {
  s = await startStandIns();
  election = await seedElection(await seedOrganization(), 'inspection');
});
afterAll(() => s?.stop());

const subject = {
  candidates: [
    {
      memberId: 'c1',
      name: '王芳',
      rate: 0.45,
      inspection: { summary: '好', rating: 'excellent' },
    },
    { memberId: 'c2', rate: 0.3 },
    { memberId: 'c3', rate: 0.25 },
  ],
};

type Request = Parameters<typeof requestApproval>[0];

/** A request for the seeded election's approval: an empty subject, 600 s to answer, unless given. */
const requestOf = (
  request: Omit<Request, 'election' | 'subject' | 'timeoutSeconds'> & Partial<Request>,
) => requestApproval({ election, subject: {}, timeoutSeconds: 600, ...request });

const ask = (
  token: string,
  stage: 'inspection' | 'secretary-approval' = 'inspection',
  timeoutSeconds = 3600,
) =>
  requestOf({
    kind: stage === 'inspection' ? 'inspection' : 'secretary',
    stage,
    subject,
    token,
    timeoutSeconds,
  });

const mailTo = async (approvalId: string) =>
  (await s.ses.listMail())
    .filter((mail) => mail.text?.includes(approvalId))
    .flatMap((mail) => mail.to);

describe('requestApproval', () => {
  it('stores the token under a random id expiring with the task, and mails each superior address once', async () => {
    const before = Date.now();
    const approval = await ask('token-a');
    expect(approval.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(approval.status).toBe('pending');
    expect(Date.parse(approval.expiresAt) - before).toBeGreaterThanOrEqual(3600_000);
    expect(Date.parse(approval.expiresAt) - Date.now()).toBeLessThanOrEqual(3600_000);
    expect((await getApproval(approval.id))?.token).toBe('token-a');

    const notices = (await listNotices(election.id)).filter((n) => n.key.includes(approval.id));
    expect(notices.map((n) => [n.template, n.to]).sort()).toEqual(
      SUPERIOR.emails.map((to) => ['approval-request', to]).sort(),
    );
    expect((await mailTo(approval.id)).sort()).toEqual([...SUPERIOR.emails].sort());
    for (const { text, html } of notices) {
      expect(text).toBeDefined();
      expect(`${text} ${html}`).not.toContain('token-a');
    }
  });

  it('mails data that fits the approval-request template, naming the candidates and how many to choose', async () => {
    const approval = await findCurrentApproval({
      electionId: election.id,
      kind: 'inspection',
      stage: 'inspection',
    });
    const request = notified.find((n) => n.ref === approval?.id);
    const data = ApprovalRequestData.parse(request?.data);
    expect(data.select).toBe(2);
    expect(data.candidates.map((c) => c.name)).toEqual(['王芳', '李强', '张伟']);
    expect(data.candidates[0]?.detail).toContain('45.00%');
    expect(request?.recipients.map((r) => r.email)).toEqual(SUPERIOR.emails);
  });

  it('a retried request keeps the id and its link, takes the new token, and sends no second mail', async () => {
    const first = await findCurrentApproval({
      electionId: election.id,
      kind: 'inspection',
      stage: 'inspection',
    });
    const mailsBefore = (await s.ses.listMail()).length;
    const again = await ask('token-b');
    expect(again.id).toBe(first?.id);
    expect((await getApproval(again.id))?.token).toBe('token-b');
    expect((await s.ses.listMail()).length).toBe(mailsBefore);
    expect((await listNotices(election.id)).filter((n) => n.key.includes(again.id))).toHaveLength(
      2,
    );
  });

  it('the decision releases the token of the latest request', async () => {
    const current = await findCurrentApproval({
      electionId: election.id,
      kind: 'inspection',
      stage: 'inspection',
    });
    await decideApproval(
      current?.id as string,
      { decision: 'approve', selection: ['c1', 'c3'] },
      afterSupervisionDecision,
    );
    expect(s.released.filter((r) => r.token.startsWith('token-'))).toEqual([
      {
        token: 'token-b',
        output: { approvalId: current?.id, decision: 'approve', selection: ['c1', 'c3'] },
      },
    ]);
  });

  it('after the id expired, a reminder goes out with a new id; the old id stays expired', async () => {
    const first = await ask('token-c', 'secretary-approval');
    const expired = await expireApproval(first.id);
    expect(expired?.status).toBe('expired');
    const reminder = await ask('token-d', 'secretary-approval');
    expect(reminder.id).not.toBe(first.id);
    expect(reminder.previousId).toBe(first.id);
    expect((await getApproval(first.id))?.status).toBe('expired');
    const notices = (await listNotices(election.id)).filter((n) => n.key.includes(reminder.id));
    expect(notices.map((n) => n.template)).toEqual(['approval-reminder', 'approval-reminder']);
    const data = ApprovalReminderData.parse(notified.find((n) => n.ref === reminder.id)?.data);
    expect(data.expiredAt).toBeDefined();
    expect(data.select).toBeUndefined();
  });

  it('a pending id past its expiry is expired when the thing is asked for again', async () => {
    let now = new Date('2026-03-20T00:00:00.000Z');
    const clock = () => now;
    const first = await requestApproval(
      {
        election,
        kind: 'members',
        stage: 'member-approval',
        subject,
        token: 'token-e',
        timeoutSeconds: 60,
      },
      clock,
    );
    now = new Date('2026-03-20T00:02:00.000Z');
    const second = await requestApproval(
      {
        election,
        kind: 'members',
        stage: 'member-approval',
        subject,
        token: 'token-f',
        timeoutSeconds: 60,
      },
      clock,
    );
    expect(second.id).not.toBe(first.id);
    expect(second.previousId).toBe(first.id);
    expect((await getApproval(first.id))?.status).toBe('expired');
  });

  it('different refs of one kind are different approvals (two recalls at once)', async () => {
    const a = await requestOf({ kind: 'recall', ref: 'recall-1', token: 't1', timeoutSeconds: 60 });
    const b = await requestOf({ kind: 'recall', ref: 'recall-2', token: 't2', timeoutSeconds: 60 });
    expect(a.id).not.toBe(b.id);
  });

  it('concurrent first requests for the same thing create one approval', async () => {
    const results = await Promise.all(
      ['x1', 'x2', 'x3'].map((token) =>
        requestOf({ kind: 'deputies', stage: 'deputy-election', subject, token }),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
  });

  it('the audit chain records requests and expiries, never a token', async () => {
    const audit = await readAudit(`ELECTION#${election.id}`);
    const actions = audit.map((e) => e.action);
    expect(actions).toContain('approval-requested');
    expect(actions).toContain('approval-renewed');
    expect(actions).toContain('approval-expired');
    expect(JSON.stringify(audit)).not.toMatch(/token-[a-f]|"x[123]"/);
  });
});

describe('expireApproval', () => {
  it('leaves a decided approval as it is', async () => {
    const approval = await requestOf({ kind: 'result', stage: 'approval', token: 'tz' });
    await decideApproval(
      approval.id,
      { decision: 'reject', comment: '程序有误' },
      afterSupervisionDecision,
    );
    expect((await expireApproval(approval.id))?.status).toBe('rejected');
  });

  it('answers undefined for an unknown id', async () => {
    expect(await expireApproval('unknown')).toBeUndefined();
  });
});
