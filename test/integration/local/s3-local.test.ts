// Proves the embedded S3 (infra/local/s3-local.ts): its buckets exist before anything is served
// and keep their objects across a restart on a data dir; SDK requests are checked against the one
// key pair it knows (a wrong secret or another key is refused, as AWS refuses them); pages of
// another origin (the console's) may POST, preflight included; a port in use is refused.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, expect, it } from 'vitest';
import { LOCAL_S3_KEY, startS3 } from '../../../infra/local/s3-local.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zx-s3-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const client = (
  endpoint: string,
  credentials: { accessKeyId: string; secretAccessKey: string } = LOCAL_S3_KEY,
) => new S3Client({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });

it('has its buckets at start, and keeps their objects across a restart', async () => {
  const s3 = await startS3({ dataDir, buckets: ['zx-uploads'] });
  const put = client(s3.endpoint);
  await put.send(new PutObjectCommand({ Bucket: 'zx-uploads', Key: 'a/b.csv', Body: '名单' }));
  put.destroy();
  await s3.stop();

  const again = await startS3({ dataDir, buckets: ['zx-uploads'] });
  const get = client(again.endpoint);
  const object = await get.send(new GetObjectCommand({ Bucket: 'zx-uploads', Key: 'a/b.csv' }));
  expect(await object.Body?.transformToString()).toBe('名单');
  get.destroy();
  await again.stop();
});

it('refuses a wrong secret and an unknown key, as AWS does', async () => {
  const s3 = await startS3({ buckets: ['zx-uploads'] });
  const send = async (credentials: { accessKeyId: string; secretAccessKey: string }) => {
    const c = client(s3.endpoint, credentials);
    try {
      await c.send(new PutObjectCommand({ Bucket: 'zx-uploads', Key: 'k', Body: 'x' }));
      return 'stored';
    } catch (error) {
      return (error as Error).name;
    } finally {
      c.destroy();
    }
  };
  expect(await send({ accessKeyId: 'local', secretAccessKey: 'wrong' })).toBe(
    'SignatureDoesNotMatch',
  );
  expect(await send({ accessKeyId: 'other', secretAccessKey: 'local' })).toBe('InvalidAccessKeyId');
  expect(await send(LOCAL_S3_KEY)).toBe('stored');
  await s3.stop();
});

it("lets another origin's pages POST (the console is served on another port)", async () => {
  const s3 = await startS3({ buckets: ['zx-uploads'] });
  const origin = 'http://127.0.0.1:3000';
  const preflight = await fetch(`${s3.endpoint}/zx-uploads`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'x-requested-with',
    },
  });
  expect(preflight.status).toBe(200);
  expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  expect(preflight.headers.get('access-control-allow-headers')).toBe('x-requested-with');

  const form = new FormData();
  form.append('key', 'from-the-console.csv');
  form.append('file', new Blob(['a,b\n']), 'roll.csv');
  const posted = await fetch(`${s3.endpoint}/zx-uploads`, {
    method: 'POST',
    headers: { origin },
    body: form,
  });
  expect(posted.status).toBe(204);
  expect(posted.headers.get('access-control-allow-origin')).toBe('*');
  await s3.stop();
});

it('refuses a fixed port in use, and removes its temporary directory on stop', async () => {
  const s3 = await startS3();
  await expect(startS3({ port: s3.port })).rejects.toThrow(/EADDRINUSE/);
  expect(existsSync(s3.dataDir)).toBe(true);
  await s3.stop();
  expect(existsSync(s3.dataDir)).toBe(false);
});
