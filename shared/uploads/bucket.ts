import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { clientPerEndpoint } from '../aws/client.ts';

/**
 * The uploads bucket: files organizers send straight from the browser (a province's roll CSV,
 * ~1.2 million rows), by a presigned POST, and that a function streams back. The only code that
 * talks to S3. CDK creates the bucket on AWS, where its objects expire after 7 days
 * (infra/uploads.ts); the local stack's S3 stand-in holds it locally (infra/local/s3-local.ts).
 */

/** The most one upload may hold: a presigned POST's `content-length-range` caps it. */
export const UPLOAD_MAX_BYTES = 512 * 1024 * 1024;

/** The bucket's name, from `ZX_UPLOADS_BUCKET` (CDK sets it on AWS, the local stack locally). */
export const uploadsBucket = (): string => {
  const name = process.env.ZX_UPLOADS_BUCKET;
  if (!name) throw new Error('ZX_UPLOADS_BUCKET is not set: the uploads bucket has no name');
  return name;
};

// One client per process (and endpoint: tests move it). No forcePathStyle: the SDK already
// addresses an IP endpoint (the stand-in on 127.0.0.1) by path, and on AWS the browser then
// posts to the bucket's own host (virtual-hosted style, the one AWS recommends).
const s3 = clientPerEndpoint('AWS_ENDPOINT_URL_S3', () => new S3Client({}));

export interface PresignedUpload {
  /** Where the browser POSTs a multipart form: every field of `fields`, then `file` last. */
  url: string;
  fields: Record<string, string>;
  /** ISO-8601: the policy's expiration, after which S3 refuses the form. */
  expiresAt: string;
}

/**
 * A presigned POST for exactly `key`, of 1 to `maxBytes` bytes (at most UPLOAD_MAX_BYTES) and of
 * `contentType`. S3 authorizes it as a PutObject by the signer, so the calling function's role
 * needs `s3:PutObject`. Keep the expiry short: it is signed with the function's temporary
 * credentials, and the form stops working when they expire, whatever the policy says.
 */
export async function presignUpload(
  key: string,
  options: { contentType: string; expiresInSeconds: number; maxBytes?: number },
): Promise<PresignedUpload> {
  const maxBytes = options.maxBytes ?? UPLOAD_MAX_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < 1 || maxBytes > UPLOAD_MAX_BYTES) {
    throw new RangeError(`maxBytes must be an integer from 1 to ${UPLOAD_MAX_BYTES}: ${maxBytes}`);
  }
  const { url, fields } = await createPresignedPost(s3(), {
    Bucket: uploadsBucket(),
    // The SDK adds the condition `{ key }`: the form may write this key only.
    Key: key,
    Conditions: [
      ['content-length-range', 1, maxBytes],
      ['eq', '$Content-Type', options.contentType],
    ],
    Fields: { 'Content-Type': options.contentType },
    Expires: options.expiresInSeconds,
  });
  // The expiry S3 enforces is the one inside the signed policy, to the second.
  const policy = JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8')) as {
    expiration: string;
  };
  return { url, fields, expiresAt: new Date(policy.expiration).toISOString() };
}

/** The object's size in bytes; undefined when there is no such object (not uploaded, expired). */
export async function uploadSize(key: string): Promise<number | undefined> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: uploadsBucket(), Key: key }));
    return head.ContentLength;
  } catch (error) {
    // S3 answers 404 only to a role that may list the bucket; else 403 (infra/access.ts).
    if (error instanceof NotFound) return undefined;
    throw error;
  }
}

/**
 * The object's bytes as a stream, from `fromByte` on (a reader that stopped part-way, e.g. at a
 * Lambda timeout, resumes where it stopped instead of reading 512 MiB again).
 */
export async function readUpload(key: string, fromByte = 0): Promise<Readable> {
  const { Body } = await s3().send(
    new GetObjectCommand({
      Bucket: uploadsBucket(),
      Key: key,
      ...(fromByte > 0 ? { Range: `bytes=${fromByte}-` } : {}),
    }),
  );
  // In Node the SDK answers an http.IncomingMessage; the type also allows the browser's streams.
  if (!(Body instanceof Readable))
    throw new Error(`s3://${uploadsBucket()}/${key}: no body stream`);
  return Body;
}

/** Deletes the object; deleting one that is already gone succeeds (S3 answers 204 either way). */
export async function deleteUpload(key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: uploadsBucket(), Key: key }));
}
