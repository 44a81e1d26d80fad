// Proves bounce handling on the local stand-ins as on AWS: the local SES reports a bounce (by
// `POST /local/ses/bounce` on its port, or for mail to AWS's mailbox simulator addresses) to the
// same feedback handler EventBridge calls on AWS; the address is marked undeliverable and audited
// in the organization's chain; the roll shows the member cannot be reached and why; the next
// notice to the address is recorded as failed, not sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as mailFeedback } from '../../../functions/events/mail-feedback.ts';
import { invokeLocalLambda } from '../../../infra/local/lambda-context.ts';
import { notify } from '../../../shared/notices/index.ts';
import { putNewElection } from '../../../shared/store/elections.ts';
import { getUndeliverable } from '../../../shared/store/mailboxes.ts';
import { orgScope } from '../../../shared/store/organizations.ts';
import { listNotices } from '../../../shared/store/outbox.ts';
import { commit, readAudit } from '../../../shared/store/transact.ts';
import { electionRecord, mailedMember } from '../../support/builders.ts';
import { type ApiStandIns, startApiStandIns } from '../../support/stand-ins.ts';
import { SAMPLES } from '../../unit/notices/fixtures.ts';
import { organizationBody, organizer } from '../api/core-fixtures.ts';
import { eventually } from '../local/helpers.ts';

let standIns: ApiStandIns;
let token: string;
const ORG = 'org-bounces';
const election = electionRecord({ id: 'el-bounces', orgId: ORG, rollId: 'r1' });
const members = [mailedMember('b1'), mailedMember('b2')];

beforeAll(async () => {
  standIns = await startApiStandIns(async () => {
    await commit([putNewElection(election)]);
  });
  standIns.ses.onFeedback((event) => invokeLocalLambda(mailFeedback, 'zx-mail-feedback', event));
  token = await organizer();
  const { api } = standIns;
  await api.call('POST', '/v1/organizations', { token, body: organizationBody(ORG) });
  await api.call('PUT', `/v1/organizations/${ORG}/roll`, { token, body: { members } });
}, 60_000);
afterAll(() => standIns?.stop());

const haltedTo = (ref: string, recipients: { id: string; name: string; email?: string }[]) =>
  notify({ electionId: election.id, template: 'halted', ref, recipients, data: SAMPLES.halted });

const mailTo = async (address: string) =>
  (await standIns.ses.listMail()).filter((m) => m.to.includes(address));

describe('a bounce reported by the local SES', () => {
  it('marks the address, the roll shows it, and the next notice to it fails unsent', async () => {
    expect(await haltedTo('halted-1', members)).toMatchObject({ sent: 2 });

    const injected = await fetch(`${standIns.ses.endpoint}/local/ses/bounce`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: 'b1@example.org' }),
    });
    expect(injected.status).toBe(200);
    expect(await injected.json()).toEqual({ delivered: { marked: 1, repeated: 0 } });

    const roll = await standIns.api.call('GET', `/v1/organizations/${ORG}/roll`, { token });
    expect(roll.body).toMatchObject({
      count: 2,
      unreachable: [
        {
          memberId: 'b1',
          email: 'b1@example.org',
          kind: 'bounce',
          reason: 'Permanent/General: smtp; 550 5.1.1 user unknown (local SES)',
        },
      ],
    });
    const audit = await readAudit(orgScope(ORG));
    expect(audit.at(-1)).toMatchObject({
      actor: 'ses-feedback',
      action: 'mail-undeliverable',
      data: { address: 'b1@example.org', electionId: election.id },
    });

    expect(await haltedTo('halted-2', members)).toMatchObject({ recorded: 2, sent: 1, failed: 1 });
    expect(await mailTo('b1@example.org')).toHaveLength(1);
    expect(await mailTo('b2@example.org')).toHaveLength(2);
    const failed = (await listNotices(election.id)).find(
      (n) => n.key === 'halted#halted-2#b1@example.org',
    );
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed?.lastError).toMatch(/^undeliverable: bounce at .*550 5\.1\.1/);

    const notices = await standIns.api.call('GET', `/v1/elections/${election.id}/notices`, {
      token,
    });
    expect(notices.body).toContainEqual(
      expect.objectContaining({ to: 'b1@example.org', status: 'failed', error: failed?.lastError }),
    );
  });

  it('answers 400 without an address and 404 for an address no mail went to', async () => {
    const post = (body: unknown) =>
      fetch(`${standIns.ses.endpoint}/local/ses/complaint`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    expect((await post({})).status).toBe(400);
    expect((await post({ address: 'never@example.org' })).status).toBe(404);
  });

  it('reports mail to the mailbox simulator as AWS does: bounce@ bounces, complaint@ complains', async () => {
    const simulator = [
      { id: 's1', name: '退信', email: 'bounce@simulator.amazonses.com' },
      { id: 's2', name: '投诉', email: 'complaint@simulator.amazonses.com' },
      { id: 's3', name: '成功', email: 'success@simulator.amazonses.com' },
    ];
    expect(await haltedTo('halted-sim', simulator)).toMatchObject({ sent: 3 });
    expect(
      await eventually(() => getUndeliverable('bounce@simulator.amazonses.com')),
    ).toMatchObject({ kind: 'bounce' });
    expect(
      await eventually(() => getUndeliverable('complaint@simulator.amazonses.com')),
    ).toMatchObject({ kind: 'complaint', reason: 'complaint/abuse' });
    expect(await getUndeliverable('success@simulator.amazonses.com')).toBeUndefined();
  });
});
