// Proves the approval link (SPEC §4, §9): GET shows what is to be approved and changes nothing,
// the first POST decides and releases the workflow's task, every later or expired one is 409,
// a wrong selection is 422 and stores nothing, concurrent POSTs leave exactly one decision, and
// the form posts of the page work as JSON does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../../shared/rules/index.ts';
import { getApproval } from '../../../shared/store/approvals.ts';
import { readAudit } from '../../../shared/store/transact.ts';
import { expectPage } from './answers.ts';
import {
  expectApproved,
  FORM,
  formBody,
  type StandIns,
  seedApproval,
  seedElection,
  seedOrganization,
  startStandIns,
  XSS,
} from './approval-fixtures.ts';
import { tableItems } from './core-fixtures.ts';

let s: StandIns;
let org: { orgId: string; rollId: string };

beforeAll(async () => {
  s = await startStandIns();
  org = await seedOrganization();
});
afterAll(() => s?.stop());

const inspectionApproval = async (overrides = {}) => {
  const election = await seedElection(org, 'inspection');
  return { election, approval: await seedApproval(election, overrides) };
};

/** Posts a decision (JSON) to the approval's link, as the superior's browser would. */
const decide = (approval: { id: string }, body: unknown) =>
  s.api.call('POST', `/approve/${approval.id}`, { body });

/** The same through the page's form: the fields as the browser sends them. */
const decideByForm = (approval: { id: string }, fields: [string, string][]) =>
  s.api.call('POST', `/approve/${approval.id}`, { headers: FORM, body: formBody(fields) });

const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;

describe('GET /approve/{id}', () => {
  it('shows the organization, the kind, the candidates with rates and inspections, and the form', async () => {
    const { approval } = await inspectionApproval();
    const page = await s.api.call('GET', `/approve/${approval.id}`);
    expectPage(page, [
      '新光社区党委',
      '考察对象票决',
      '王芳',
      '45.83%',
      '工作扎实，群众认可。',
      '请选择 2 名书记正式候选人',
      '<input type="checkbox" name="selection" value="c1">',
      'name="decision" value="approve"',
      'name="decision" value="reject"',
    ]);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('changes nothing: the table is the same before and after (mail scanners open links)', async () => {
    const { approval } = await inspectionApproval();
    const before = await tableItems();
    for (let i = 0; i < 3; i++) {
      expect((await s.api.call('GET', `/approve/${approval.id}`)).status).toBe(200);
    }
    expect(await tableItems()).toEqual(before);
    expect(s.released.some((r) => r.token === approval.token)).toBe(false);
  });

  it('escapes what people wrote: a name or summary with markup is shown as text', async () => {
    const { approval } = await inspectionApproval();
    const page = await s.api.call('GET', `/approve/${approval.id}`);
    expect(page.text).not.toContain(XSS);
    expect(page.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;赵六');
    expect(page.text).not.toMatch(/<script/i);
  });

  it('never shows the task token', async () => {
    const { approval } = await inspectionApproval();
    expect((await s.api.call('GET', `/approve/${approval.id}`)).text).not.toContain(approval.token);
  });

  it('an unknown id is a 404 page', async () => {
    const page = await s.api.call('GET', '/approve/no-such-approval-id');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('未找到此审批');
  });

  it('an expired id says so, with no buttons', async () => {
    const { approval } = await inspectionApproval({
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    const page = await s.api.call('GET', `/approve/${approval.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('此审批链接已过期');
    expect(page.text).not.toContain('<button');
    expect(page.text).not.toContain('<form');
  });
});

describe('POST /approve/{id}', () => {
  it('the first decision is recorded, audited without the token, and releases the task with it', async () => {
    const { election, approval } = await inspectionApproval();
    const answer = await decide(approval, {
      decision: 'approve',
      selection: ['c2', 'c1'],
      comment: '同意',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id: approval.id, status: 'approved' });

    await expectApproved(approval.id, { selection: ['c2', 'c1'], comment: '同意' });

    const audit = await readAudit(`ELECTION#${election.id}`);
    const decided = audit.find((e) => e.action === 'approval-decided');
    expect(decided?.actor).toBe('superior');
    expect(decided?.data).toMatchObject({
      approvalId: approval.id,
      decision: 'approve',
      selection: ['c2', 'c1'],
    });
    expect(JSON.stringify(audit)).not.toContain(approval.token);

    expect(s.released.filter((r) => r.token === approval.token)).toEqual([
      {
        token: approval.token,
        output: { approvalId: approval.id, decision: 'approve', selection: ['c2', 'c1'] },
      },
    ]);
  });

  it('a second decision is 409 and changes nothing', async () => {
    const { approval } = await inspectionApproval();
    const first = await decide(approval, { decision: 'reject', comment: '人选需再考察' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: approval.id, status: 'rejected' });
    const before = await tableItems();
    const second = await decide(approval, { decision: 'approve', selection: ['c1', 'c2'] });
    expect(second.status).toBe(409);
    expect(errorCode(second.body)).toBe('approval-decided');
    expect(await tableItems()).toEqual(before);
    expect(s.released.filter((r) => r.token === approval.token)).toHaveLength(1);
  });

  it('a decided id shows the decision on the page, with no buttons', async () => {
    const { approval } = await inspectionApproval();
    await decide(approval, { decision: 'approve', selection: ['c1', 'evil'] });
    const page = await s.api.call('GET', `/approve/${approval.id}`);
    expect(page.text).toContain('此审批已作出决定');
    expect(page.text).toContain('同意');
    expect(page.text).not.toContain('<button');
  });

  it('an expired id is 409, stores nothing and releases nothing', async () => {
    const { approval } = await inspectionApproval({
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    const before = await tableItems();
    const answer = await decide(approval, { decision: 'approve', selection: ['c1', 'c2'] });
    expect(answer.status).toBe(409);
    expect(errorCode(answer.body)).toBe('approval-expired');
    expect(await tableItems()).toEqual(before);
    expect(s.released.some((r) => r.token === approval.token)).toBe(false);
  });

  it('an id the workflow expired is 409 too', async () => {
    const { approval } = await inspectionApproval({ status: 'expired' });
    const answer = await decide(approval, { decision: 'reject' });
    expect(answer.status).toBe(409);
  });

  it('an unknown id is 404', async () => {
    const answer = await decide({ id: 'no-such-approval-id' }, { decision: 'reject' });
    expect(answer.status).toBe(404);
  });

  it.each([
    ['too few', ['c1']],
    ['too many', ['c1', 'c2', 'evil']],
    ['someone not inspected', ['c1', 'm1']],
    ['nobody', []],
  ])(
    'a selection of the wrong size or naming a non-candidate (%s) is 422 and stores nothing',
    async (_, selection) => {
      const { approval } = await inspectionApproval();
      const before = await tableItems();
      const answer = await decide(approval, { decision: 'approve', selection });
      expect(answer.status).toBe(422);
      expect(await tableItems()).toEqual(before);
      expect(s.released.some((r) => r.token === approval.token)).toBe(false);
    },
  );

  it('the selection size is the rules’ formalSecretaryCandidates', async () => {
    const election = await seedElection(org, 'inspection', {
      rules: { ...PRESETS.community, formalSecretaryCandidates: 3 },
    });
    const approval = await seedApproval(election);
    const two = await decide(approval, { decision: 'approve', selection: ['c1', 'c2'] });
    expect(two.status).toBe(422);
    const three = await decide(approval, { decision: 'approve', selection: ['c1', 'c2', 'evil'] });
    expect(three.status).toBe(200);
  });

  it('an approval of a result takes no selection (422), and is decided without one', async () => {
    const election = await seedElection(org, 'secretary-approval');
    const approval = await seedApproval(election, {
      kind: 'secretary',
      stage: 'secretary-approval',
      subject: {
        candidates: [{ memberId: 'c1', count: 40, elected: true }],
        result: { secretary: 'c1' },
      },
    });
    const withSelection = await decide(approval, { decision: 'approve', selection: ['c1'] });
    expect(withSelection.status).toBe(422);
    expect(errorCode(withSelection.body)).toBe('selection-not-allowed');
    const plain = await decide(approval, { decision: 'approve' });
    expect(plain.status).toBe(200);
    expect(s.released.find((r) => r.token === approval.token)?.output).toEqual({
      approvalId: approval.id,
      decision: 'approve',
    });
  });

  it('a body outside the schema is 400 naming the field', async () => {
    const { approval } = await inspectionApproval();
    const answer = await decide(approval, { decision: 'maybe' });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('decision');
    const extra = await decide(approval, { decision: 'reject', token: 'x' });
    expect(extra.status).toBe(400);
  });

  it('concurrent decisions: exactly one wins, the others are 409, the task is released once', async () => {
    const { election, approval } = await inspectionApproval();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        decide(
          approval,
          i % 2 ? { decision: 'reject' } : { decision: 'approve', selection: ['c1', 'c2'] },
        ),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 200)?.body as { status: string };
    expect((await getApproval(approval.id))?.status).toBe(winner.status);
    expect(s.released.filter((r) => r.token === approval.token)).toHaveLength(1);
    const decided = (await readAudit(`ELECTION#${election.id}`)).filter(
      (e) => e.action === 'approval-decided',
    );
    expect(decided).toHaveLength(1);
  });
});

describe('the page form (application/x-www-form-urlencoded)', () => {
  it('repeated selection fields approve with a confirmation page', async () => {
    const { approval } = await inspectionApproval();
    const answer = await decideByForm(approval, [
      ['selection', 'c1'],
      ['selection', 'c2'],
      ['comment', `同意${XSS}`],
      ['decision', 'approve'],
    ]);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.text).toContain('审批意见已记录');
    expect(answer.text).toContain('王芳、李强');
    expect(answer.text).not.toContain(XSS);
    const stored = await getApproval(approval.id);
    expect(stored?.decision).toEqual({
      decision: 'approve',
      selection: ['c1', 'c2'],
      comment: `同意${XSS}`,
    });
  });

  it('a single selection arrives as a string and is taken as a list of one (422: too few, as a page)', async () => {
    const { approval } = await inspectionApproval();
    const answer = await decideByForm(approval, [
      ['selection', 'c1'],
      ['decision', 'approve'],
    ]);
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.text).toContain('须确定书记正式候选人2名,所选为1名');
    expect((await getApproval(approval.id))?.status).toBe('pending');
  });

  it('a rejection needs no selection; boxes left ticked are not taken as one', async () => {
    const { approval } = await inspectionApproval();
    const answer = await decideByForm(approval, [
      ['selection', 'c1'],
      ['comment', ''],
      ['decision', 'reject'],
    ]);
    expect(answer.status).toBe(200);
    expect((await getApproval(approval.id))?.decision).toEqual({ decision: 'reject' });
  });

  it('a form post to a decided id is a 409 page', async () => {
    const { approval } = await inspectionApproval();
    await s.api.call('POST', `/approve/${approval.id}`, { body: { decision: 'reject' } });
    const answer = await decideByForm(approval, [['decision', 'reject']]);
    expect(answer.status).toBe(409);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.text).toContain('作出决定');
  });
});
