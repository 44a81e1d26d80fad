// Proves the embedded SES: unmodified @aws-sdk/client-ses SendEmail lands in the mail list
// in the SPEC's /local/mail shape with every recipient (SES Local alone keeps only the
// first of each list), and with a data dir the list survives a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { afterAll, expect, it } from 'vitest';
import { startSes } from '../../../infra/local/ses-local.ts';
import { dummyAws } from './helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zx-ses-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('lists what SendEmail sent, and keeps it across a restart', async () => {
  const ses = await startSes({ dataDir });
  const client = new SESClient({ endpoint: ses.endpoint, ...dummyAws });
  const sent = await client.send(
    new SendEmailCommand({
      Source: 'election@example.org',
      Destination: {
        ToAddresses: ['wang@example.org', 'li@example.org'],
        CcAddresses: ['zhao@example.org', 'qian@example.org'],
      },
      Message: {
        Subject: { Data: '候选人预备人选公示' },
        Body: { Text: { Data: '公示期七天。' }, Html: { Data: '<p>公示期七天。</p>' } },
      },
    }),
  );
  client.destroy();

  const mail = await ses.listMail();
  expect(mail).toEqual([
    {
      messageId: sent.MessageId,
      from: 'election@example.org',
      to: ['wang@example.org', 'li@example.org'],
      cc: ['zhao@example.org', 'qian@example.org'],
      bcc: [],
      subject: '候选人预备人选公示',
      text: '公示期七天。',
      html: '<p>公示期七天。</p>',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
    },
  ]);
  expect(Date.now() - Date.parse(mail[0]?.at as string)).toBeLessThan(5_000);
  await ses.stop();

  const again = await startSes({ dataDir });
  expect(await again.listMail()).toEqual(mail);
  await again.stop();
});
