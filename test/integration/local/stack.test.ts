// Proves the stand-ins compose into the local stack: SDK clients created by the app after
// start-up reach DynamoDB, SES, Step Functions and S3 through the environment alone; an HTTP
// route starts a workflow whose Lambda task writes DynamoDB and sends mail, visible at
// /local/mail; a form posted to the uploads bucket (there before anything is served) is
// stored; after a stop and a start on the same data dir, all of it is still there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, expect, it } from 'vitest';
import { localStateMachineArn } from '../../../infra/local/sfn/service.ts';
import { type LocalStack, startLocalStack } from '../../../infra/local/stack.ts';
import { presignUpload, readUpload } from '../../../shared/uploads/bucket.ts';
import { createMiniApp } from './fixtures/mini-app.ts';
import { eventually } from './helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zx-stack-'));
let stack: LocalStack | undefined;
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = () => startLocalStack({ port: 0, dataDir, loadApp: async () => createMiniApp() });
const getJson = async (url: string) => {
  const response = await fetch(url);
  return response.ok ? response.json() : undefined;
};

it('runs a route → workflow → Lambda → DynamoDB + SES round trip, and keeps it across a restart', async () => {
  stack = await start();
  expect(process.env.AWS_ENDPOINT_URL_SFN).toBe(stack.stepFunctions.endpoint);
  const created = await fetch(`${stack.url}/v1/things`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'alpha' }),
  });
  expect(created.status).toBe(202);
  expect(await eventually(() => getJson(`${stack?.url}/v1/things/alpha`))).toEqual({
    pk: 'alpha',
    stored: true,
  });
  const mail = await eventually(async () => {
    const list = (await getJson(`${stack?.url}/local/mail`)) as { subject: string }[];
    return list.length > 0 ? list : undefined;
  });
  expect(mail.map((item) => item.subject)).toEqual(['alpha stored']);
  expect(process.env.AWS_ENDPOINT_URL_S3).toBe(stack.s3.endpoint);
  // The console's pages post uploads to S3, another origin: its CSP lets them.
  const page = await fetch(`${stack.url}/console/`);
  expect(page.headers.get('content-security-policy')).toContain(
    `connect-src 'self' ${stack.s3.endpoint};`,
  );
  const form = await presignUpload('alpha.csv', { contentType: 'text/csv', expiresInSeconds: 60 });
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', new Blob(['组织编号\nalpha\n']), 'alpha.csv');
  expect((await fetch(form.url, { method: 'POST', body })).status).toBe(204);
  await stack.stop();
  stack = undefined;

  stack = await start();
  expect(await getJson(`${stack.url}/v1/things/alpha`)).toEqual({ pk: 'alpha', stored: true });
  expect(await getJson(`${stack.url}/local/mail`)).toEqual(mail);
  expect(await text(await readUpload('alpha.csv'))).toBe('组织编号\nalpha\n');
  const sfn = new SFNClient({});
  const { executions } = await sfn.send(
    new ListExecutionsCommand({ stateMachineArn: localStateMachineArn('things') }),
  );
  sfn.destroy();
  expect(executions?.map((e) => [e.name, e.status])).toEqual([['alpha', 'SUCCEEDED']]);
}, 60_000);
