// Proves what shared/uploads/bucket.ts decides before any request: the bucket's name comes from
// ZX_UPLOADS_BUCKET or the call fails saying so, and a presigned POST's policy binds the exact
// key, 1 byte to the ceiling (512 MiB, or less when asked) and the Content-Type, expiring when
// `expiresAt` says. Signing happens in-process: no S3 is reached.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { presignUpload, UPLOAD_MAX_BYTES, uploadsBucket } from '../../../shared/uploads/bucket.ts';

beforeEach(() => {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('AWS_ENDPOINT_URL_S3', undefined);
  vi.stubEnv('ZX_UPLOADS_BUCKET', 'zx-uploads-test');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('uploadsBucket', () => {
  it('is ZX_UPLOADS_BUCKET', () => {
    expect(uploadsBucket()).toBe('zx-uploads-test');
  });

  it('fails naming ZX_UPLOADS_BUCKET when it is unset or empty', () => {
    vi.stubEnv('ZX_UPLOADS_BUCKET', undefined);
    expect(() => uploadsBucket()).toThrow(/ZX_UPLOADS_BUCKET is not set/);
    vi.stubEnv('ZX_UPLOADS_BUCKET', '');
    expect(() => uploadsBucket()).toThrow(/ZX_UPLOADS_BUCKET is not set/);
  });
});

describe('presignUpload', () => {
  type Policy = { expiration: string; conditions: unknown[] };
  const policyOf = (fields: Record<string, string>): Policy =>
    JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8'));

  it('binds the key, 1 byte to 512 MiB and the Content-Type, expiring at expiresAt', async () => {
    const before = Date.now();
    const form = await presignUpload('batches/u1/f1.csv', {
      contentType: 'text/csv',
      expiresInSeconds: 900,
    });
    expect(form.url).toBe('https://zx-uploads-test.s3.eu-west-1.amazonaws.com/');
    expect(form.fields).toMatchObject({ key: 'batches/u1/f1.csv', 'Content-Type': 'text/csv' });
    const policy = policyOf(form.fields);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { key: 'batches/u1/f1.csv' },
        ['content-length-range', 1, UPLOAD_MAX_BYTES],
        ['eq', '$Content-Type', 'text/csv'],
      ]),
    );
    expect(UPLOAD_MAX_BYTES).toBe(536_870_912);
    expect(Date.parse(form.expiresAt)).toBe(Date.parse(policy.expiration));
    // The policy's expiration is to the second.
    expect(Date.parse(form.expiresAt) - before).toBeGreaterThan(899_000);
    expect(Date.parse(form.expiresAt) - Date.now()).toBeLessThanOrEqual(900_000);
  });

  it('lowers the ceiling when asked, and never raises it', async () => {
    const small = await presignUpload('k', {
      contentType: 'text/csv',
      expiresInSeconds: 60,
      maxBytes: 1024,
    });
    expect(policyOf(small.fields).conditions).toContainEqual(['content-length-range', 1, 1024]);
    for (const maxBytes of [0, 1.5, UPLOAD_MAX_BYTES + 1]) {
      await expect(
        presignUpload('k', { contentType: 'text/csv', expiresInSeconds: 60, maxBytes }),
      ).rejects.toThrow(RangeError);
    }
  });

  it('needs the bucket name before it signs anything', async () => {
    vi.stubEnv('ZX_UPLOADS_BUCKET', undefined);
    await expect(
      presignUpload('k', { contentType: 'text/csv', expiresInSeconds: 60 }),
    ).rejects.toThrow(/ZX_UPLOADS_BUCKET is not set/);
  });
});
