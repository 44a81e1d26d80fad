// Proves notify against DynamoDB Local and the local SES: each notice is recorded (who, what,
// when, message id) before it is sent, each recipient gets one mail however often a step runs,
// a failed send stays pending and the next notify or flush sends it exactly once, and wrong data
// records nothing.
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type MailItem, type SesLocal, startSes } from '../../../infra/local/ses-local.ts';
import {
  flushNotices,
  NoticeDataError,
  notify,
  type Recipient,
  renderNotice,
  type TypedNotifyRequest,
} from '../../../shared/notices/index.ts';
import { listNotices } from '../../../shared/store/outbox.ts';
import { freshTable } from '../../support/fresh-table.ts';
import { SAMPLES } from '../../unit/notices/fixtures.ts';

let ses: SesLocal;

// DynamoDB Local takes seconds to start on a busy machine.
beforeAll(async () => {
  await freshTable();
  ses = await startSes();
}, 60_000);
afterAll(() => ses?.stop());
afterEach(() => vi.unstubAllEnvs());

const useSes = () => vi.stubEnv('AWS_ENDPOINT_URL_SES', ses.endpoint);

/** A port nothing listens on: SES calls to it fail to connect. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
};

/** Recipients with addresses unique to one test, so the shared mail list can be filtered. */
const recipients = (test: string, n: number): Recipient[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `m${i + 1}`,
    name: `党员${i + 1}`,
    email: `${test}-${i + 1}@example.org`,
  }));

const mailTo = async (addresses: readonly string[]): Promise<MailItem[]> =>
  (await ses.listMail()).filter((mail) => mail.to.some((to) => addresses.includes(to)));

const haltedNotice = (
  electionId: string,
  to: readonly Recipient[],
  ref = 'halted-1',
): TypedNotifyRequest<'halted'> => ({
  electionId,
  template: 'halted',
  ref,
  recipients: to,
  data: SAMPLES.halted,
});

const addresses = (to: readonly Recipient[]) => to.map((r) => r.email as string);

describe('notify', () => {
  it('sends each recipient one mail, and the same notify again records and sends nothing', async () => {
    useSes();
    const to = recipients('twice', 3);
    const request: TypedNotifyRequest<'halted'> = {
      ...haltedNotice('el-twice', [...to, { id: 'm9', name: '没有邮箱的党员' }]),
    };

    expect(await notify(request)).toEqual({
      recorded: 3,
      sent: 3,
      failed: 0,
      deferred: 0,
      withoutEmail: ['m9'],
    });
    expect(await notify(request)).toEqual({
      recorded: 0,
      sent: 0,
      failed: 0,
      deferred: 0,
      withoutEmail: ['m9'],
    });

    const mail = await mailTo(addresses(to));
    expect(mail.map((m) => m.to).sort()).toEqual(addresses(to).map((a) => [a]));
    const first = mail.find((m) => m.to[0] === 'twice-1@example.org') as MailItem;
    const rendered = renderNotice('halted', SAMPLES.halted, {
      electionId: 'el-twice',
      recipient: to[0] as Recipient,
    });
    expect(first).toMatchObject({
      from: 'noreply@zx.local',
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
    });
  });

  it('records who, what, when and the message id of each notice', async () => {
    useSes();
    vi.stubEnv('ZX_MAIL_FROM', 'election@xinguang.example');
    const to = recipients('record', 2);
    const before = new Date().toISOString();
    await notify({
      electionId: 'el-record',
      template: 'round-result',
      ref: 'round-7',
      recipients: to,
      data: SAMPLES['round-result'],
    });

    const mail = await mailTo(addresses(to));
    const notices = await listNotices('el-record');
    expect(notices).toHaveLength(2);
    for (const notice of notices) {
      const sent = mail.find((m) => m.to[0] === notice.to) as MailItem;
      expect(sent.from).toBe('election@xinguang.example');
      expect(notice).toMatchObject({
        key: `round-result#round-7#${notice.to}`,
        electionId: 'el-record',
        template: 'round-result',
        subject: '【公推直选】新光社区党支部 书记选举第1轮结果:赵敏当选书记',
        status: 'sent',
        attempts: 1,
        messageId: sent.messageId,
      });
      expect(notice.createdAt >= before).toBe(true);
      expect(notice.sentAt && notice.sentAt >= notice.createdAt).toBe(true);
      expect(notice.text).toContain('赵敏');
    }
  });

  it('sends one mail to an address two recipients share', async () => {
    useSes();
    const shared = 'family@example.org';
    const result = await notify(
      haltedNotice('el-shared', [
        { id: 'm1', name: '张三', email: shared },
        { id: 'm2', name: '李四', email: 'FAMILY@example.org' },
      ]),
    );
    expect(result).toMatchObject({ recorded: 1, sent: 1 });
    expect(await mailTo([shared])).toHaveLength(1);
  });

  it('sends a new mail for another ref: a new notice, not a repeat', async () => {
    useSes();
    const to = recipients('refs', 1);
    await notify(haltedNotice('el-refs', to, 'halted-1'));
    await notify(haltedNotice('el-refs', to, 'halted-2'));
    expect(await mailTo(addresses(to))).toHaveLength(2);
  });

  it('sends each notice once when the same step runs twice at the same time', async () => {
    useSes();
    const to = recipients('race', 4);
    const results = await Promise.all([
      notify(haltedNotice('el-race', to)),
      notify(haltedNotice('el-race', to)),
    ]);
    expect(results.reduce((sum, r) => sum + r.recorded, 0)).toBe(4);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(4);
    expect(await mailTo(addresses(to))).toHaveLength(4);
  });

  it('keeps a notice whose send failed pending until its backoff is over, then sends it once', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_SES', `http://127.0.0.1:${await closedPort()}`);
    const to = recipients('retry', 2);

    const failed = await notify(haltedNotice('el-retry', to));
    expect(failed).toEqual({ recorded: 2, sent: 0, failed: 2, deferred: 0, withoutEmail: [] });
    const pending = await listNotices('el-retry');
    expect(pending.map((n) => n.status)).toEqual(['pending', 'pending']);
    expect(pending.every((n) => n.attempts === 1 && n.lastError && !n.messageId)).toBe(true);
    expect(await mailTo(addresses(to))).toEqual([]);

    // The step runs again at once: the notices wait out their backoff (30 s after one failure).
    useSes();
    expect(await notify(haltedNotice('el-retry', to))).toMatchObject({ sent: 0, failed: 0 });
    const later = new Date(Date.now() + 31_000);
    expect(await flushNotices('el-retry', { now: () => later })).toEqual({
      sent: 2,
      failed: 0,
      deferred: 0,
    });
    expect(await notify(haltedNotice('el-retry', to))).toMatchObject({ sent: 0, failed: 0 });
    const mail = await mailTo(addresses(to));
    expect(mail).toHaveLength(2);
    const sent = await listNotices('el-retry');
    expect(sent.map((n) => [n.status, n.attempts])).toEqual([
      ['sent', 2],
      ['sent', 2],
    ]);
    expect(sent.map((n) => n.messageId).sort()).toEqual(mail.map((m) => m.messageId).sort());
  });

  it('flushNotices sends what a failed notify left pending, once', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_SES', `http://127.0.0.1:${await closedPort()}`);
    const to = recipients('flush', 1);
    expect(await notify(haltedNotice('el-flush', to))).toMatchObject({ sent: 0, failed: 1 });

    useSes();
    const later = () => new Date(Date.now() + 60_000);
    expect(await flushNotices('el-flush', { now: later })).toEqual({
      sent: 1,
      failed: 0,
      deferred: 0,
    });
    expect(await flushNotices('el-flush', { now: later })).toEqual({
      sent: 0,
      failed: 0,
      deferred: 0,
    });
    expect(await mailTo(addresses(to))).toHaveLength(1);
  });

  it('refuses wrong data before recording or sending anything', async () => {
    useSes();
    const to = recipients('wrong', 2);
    await expect(
      notify({
        ...haltedNotice('el-wrong', to),
        data: { organization: '新光社区党支部' } as never,
      }),
    ).rejects.toThrow(NoticeDataError);
    await expect(
      notify({
        ...haltedNotice('el-wrong', [{ id: 'm1', name: '张三', email: 'not-an-address' }]),
      }),
    ).rejects.toThrow(/recipients\[0\]\.email/);
    expect(await listNotices('el-wrong')).toEqual([]);
    expect(await mailTo(addresses(to))).toEqual([]);
  });
});
