// Proves shared/uploads/bucket.ts against the local S3 stand-in (infra/local/s3-local.ts): a form
// presignUpload signs, posted as a browser posts it (fetch + FormData: the fields, then the
// file), lands under its key; uploadSize, readUpload (whole, and the tail from a byte offset)
// and deleteUpload then work on it, through SDK requests the stand-in checks the signature of.
// The stand-in checks no POST policy: a file over `maxBytes` is stored all the same (AWS refuses
// it with EntityTooLarge). The test asserts exactly that, so it fails the day the stand-in starts
// enforcing the policy and these notes must change.
import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_S3_KEY, type S3Local, startS3 } from '../../../infra/local/s3-local.ts';
import {
  deleteUpload,
  type PresignedUpload,
  presignUpload,
  readUpload,
  uploadSize,
} from '../../../shared/uploads/bucket.ts';

const BUCKET = 'zx-test-uploads';
let s3: S3Local;

beforeAll(async () => {
  s3 = await startS3({ buckets: [BUCKET] });
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  process.env.AWS_REGION = 'local';
  process.env.AWS_ACCESS_KEY_ID = LOCAL_S3_KEY.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_S3_KEY.secretAccessKey;
  process.env.ZX_UPLOADS_BUCKET = BUCKET;
});
afterAll(async () => {
  await s3?.stop();
});

/** What the console does with the form: every field, then the file, as multipart/form-data. */
const post = (form: PresignedUpload, file: string) => {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', new Blob([file], { type: 'text/csv' }), 'roll.csv');
  return fetch(form.url, { method: 'POST', body });
};

const ROLL = [
  '组织编号,组织名称,姓名,邮箱',
  'sq.yangliu,杨柳社区党委,王芳,wang@example.org',
  'sq.yangliu,杨柳社区党委,李强,li@example.org',
].join('\n');
const newKey = () => `batches/organizer-1/${randomUUID()}.csv`;

describe('an upload, from the browser form to its deletion', () => {
  const key = newKey();

  it('is posted with the presigned form, fields then file', async () => {
    const form = await presignUpload(key, { contentType: 'text/csv', expiresInSeconds: 600 });
    expect(form.url).toBe(`${s3.endpoint}/${BUCKET}`);
    expect(form.fields).toMatchObject({ key, 'Content-Type': 'text/csv' });
    const posted = await post(form, ROLL);
    expect(posted.status).toBe(204);
  });

  it('has its size in bytes (UTF-8), not characters', async () => {
    expect(await uploadSize(key)).toBe(Buffer.byteLength(ROLL));
    expect(Buffer.byteLength(ROLL)).toBeGreaterThan(ROLL.length);
  });

  it('reads back whole, and from a byte offset to the end', async () => {
    expect(await text(await readUpload(key))).toBe(ROLL);
    const secondRow = Buffer.byteLength(`${ROLL.split('\n')[0]}\n`);
    expect(await text(await readUpload(key, secondRow))).toBe(ROLL.split('\n').slice(1).join('\n'));
  });

  it('is gone once deleted, and deleting it again succeeds', async () => {
    await deleteUpload(key);
    expect(await uploadSize(key)).toBeUndefined();
    await expect(deleteUpload(key)).resolves.toBeUndefined();
  });
});

it('has no size before anything is posted', async () => {
  expect(await uploadSize(newKey())).toBeUndefined();
});

it('stores a file over maxBytes all the same: the stand-in does not enforce the POST policy', async () => {
  const key = newKey();
  const form = await presignUpload(key, {
    contentType: 'text/csv',
    expiresInSeconds: 600,
    maxBytes: 16,
  });
  // The policy asks for at most 16 bytes: on AWS this post would answer 400 EntityTooLarge.
  const policy = JSON.parse(Buffer.from(form.fields.Policy ?? '', 'base64').toString('utf8'));
  expect(policy.conditions).toContainEqual(['content-length-range', 1, 16]);
  const posted = await post(form, ROLL);
  expect(posted.status).toBe(204);
  expect(await uploadSize(key)).toBe(Buffer.byteLength(ROLL));
  await deleteUpload(key);
});
