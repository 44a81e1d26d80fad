// Proves the SMTP transport (ZX_MAIL_TRANSPORT=smtp, for regions without SES) against a real SMTP
// server started here (npm smtp-server): notify records the notice and sends it through SMTP,
// logged in with the configured user; it arrives with its Chinese subject, a text and an HTML
// part, from the sender; a recipient the server refuses for good (5xx) parks the notice failed;
// on AWS the password comes from the Secrets Manager secret the stack names.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeSmtp } from '../../../shared/aws/smtp.ts';
import { notify, renderNotice } from '../../../shared/notices/index.ts';
import { listNotices } from '../../../shared/store/outbox.ts';
import { freshTable } from '../../support/fresh-table.ts';
import { SAMPLES } from '../../unit/notices/fixtures.ts';

interface Received {
  from: string | undefined;
  to: string[];
  raw: string;
}

const received: Received[] = [];
const logins: string[] = [];
let server: SMTPServer;

beforeAll(async () => {
  await freshTable();
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, done) {
      if (auth.username === 'xuanju' && auth.password === 'mima') {
        logins.push(auth.username);
        done(null, { user: auth.username });
      } else done(new Error('bad login'));
    },
    onRcptTo(address, _session, done) {
      if (address.address.startsWith('nobody')) {
        done(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      } else done();
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.server.address() as AddressInfo;
  vi.stubEnv('ZX_MAIL_TRANSPORT', 'smtp');
  vi.stubEnv('ZX_SMTP_HOST', '127.0.0.1');
  vi.stubEnv('ZX_SMTP_PORT', String(port));
  vi.stubEnv('ZX_SMTP_TLS', 'none');
  vi.stubEnv('ZX_SMTP_USER', 'xuanju');
  vi.stubEnv('ZX_SMTP_PASSWORD', 'mima');
  vi.stubEnv('ZX_MAIL_FROM', 'xuanju@dangjian.example.cn');
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  closeSmtp();
  await new Promise<void>((done) => server?.close(() => done()));
});

/** The halted notice (a sample) of an election, to one recipient. */
const notifyHalted = (electionId: string, recipient: { id: string; name: string; email: string }) =>
  notify({
    electionId,
    template: 'halted',
    ref: 'halted-1',
    recipients: [recipient],
    data: SAMPLES.halted,
  });

describe('the SMTP transport', () => {
  it('sends a notice that arrives with its Chinese subject and both parts', async () => {
    const recipient = { id: 'm1', name: '张三', email: 'zhangsan@example.cn' };
    const result = await notifyHalted('el-smtp', recipient);
    expect(result).toMatchObject({ recorded: 1, sent: 1, failed: 0 });
    expect(logins).toEqual(['xuanju']);
    expect(received).toHaveLength(1);
    const [mail] = received as [Received];
    expect(mail).toMatchObject({ from: 'xuanju@dangjian.example.cn', to: ['zhangsan@example.cn'] });

    const parsed = await simpleParser(mail.raw);
    const rendered = renderNotice('halted', SAMPLES.halted, { electionId: 'el-smtp', recipient });
    expect(rendered.subject).toMatch(/[\u4e00-\u9fff]/);
    expect(parsed.subject).toBe(rendered.subject);
    expect(parsed.text?.trim()).toBe(rendered.text.trim());
    expect(parsed.html).toContain('<');
    expect(parsed.html).toContain(SAMPLES.halted.organization);
    const [notice] = await listNotices('el-smtp');
    expect(notice).toMatchObject({ status: 'sent', messageId: parsed.messageId });
  });

  it('parks a notice the server refuses for good (550) as failed after one attempt', async () => {
    const result = await notifyHalted('el-smtp-refused', {
      id: 'm2',
      name: '李四',
      email: 'nobody@example.cn',
    });
    expect(result).toMatchObject({ recorded: 1, sent: 0, failed: 1 });
    const [notice] = await listNotices('el-smtp-refused');
    expect(notice).toMatchObject({ status: 'failed', attempts: 1 });
    expect(notice?.lastError).toMatch(/550/);
  });

  it('logs in with the password read from the Secrets Manager secret when none is in the environment', async () => {
    const secretArn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:zx-smtp-AbCdEf';
    const asked: unknown[] = [];
    // Secrets Manager's JSON protocol, as the SDK speaks it to AWS_ENDPOINT_URL_SECRETS_MANAGER.
    const secrets = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        asked.push({
          target: request.headers['x-amz-target'],
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ ARN: secretArn, Name: 'zx-smtp', SecretString: 'mima' }));
      });
    });
    await new Promise<void>((ready) => secrets.listen(0, '127.0.0.1', ready));
    try {
      const { port } = secrets.address() as AddressInfo;
      vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', `http://127.0.0.1:${port}`);
      vi.stubEnv('ZX_SMTP_PASSWORD', undefined);
      vi.stubEnv('ZX_SMTP_SECRET_ARN', secretArn);
      closeSmtp();
      logins.length = 0;
      const result = await notifyHalted('el-smtp-secret', {
        id: 'm3',
        name: '王五',
        email: 'wangwu@example.cn',
      });
      expect(result).toMatchObject({ recorded: 1, sent: 1, failed: 0 });
      expect(logins).toEqual(['xuanju']);
      expect(asked).toEqual([
        { target: 'secretsmanager.GetSecretValue', body: { SecretId: secretArn } },
      ]);
    } finally {
      await new Promise<void>((done) => secrets.close(() => done()));
    }
  });
});
