import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { close, listen } from './listen.ts';

/**
 * S3 as the local stack runs it: `@20minutes/s3rver` (v5) in this process, on the same clock
 * as the rest (its signature checks compare the request's time with its own `Date`).
 *
 * How it behaves (tried with @aws-sdk/client-s3 3.1177, 2026-12; infra/local/README.md):
 * - SDK requests are signed (SigV4, Authorization header) and checked against the key pairs it
 *   knows: a wrong secret → 403 SignatureDoesNotMatch, an unknown key → 403
 *   InvalidAccessKeyId. It knows none of ours, hence `local`/`local` registered below.
 * - Bucket-level calls of the SDK (CreateBucket, PutBucketCors) always fail with
 *   SignatureDoesNotMatch: the SDK signs the path `/<bucket>/`, s3rver checks `/<bucket>`. So
 *   the buckets are made here, by s3rver's own `configureBuckets`, not through the SDK.
 * - A presigned POST (a browser form) is not checked at all: neither its signature nor its
 *   policy (expiration, key, `content-length-range`, Content-Type). Any well-formed form with
 *   a `key` and a `file` is stored, of any size — on AWS the policy refuses what it does not
 *   allow (EntityTooLarge, AccessDenied).
 * - Requests without any signature are served too (anonymous GET, PUT, DELETE).
 * - HeadObject of a missing key → 404 NotFound; GetObject with `Range: bytes=N-` → 206.
 */

// CommonJS, loaded with require: the key registry below is module state, and must be the one
// the server reads whichever loader imports this file (as ses-local.ts does).
const require = createRequire(import.meta.url);

interface S3rverOptions {
  directory: string;
  silent: boolean;
  configureBuckets: { name: string; configs: string[] }[];
}
interface S3rver {
  callback(): RequestListener;
  configureBuckets(): Promise<unknown>;
  logger: { close(): void };
}
const S3rver: new (options: S3rverOptions) => S3rver = require('@20minutes/s3rver');
const { DUMMY_ACCOUNT }: { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } } =
  require('@20minutes/s3rver/lib/models/account.js');

/** What `pointSdkAt` (stack.ts) gives every SDK client: the only key pair the stand-in knows. */
export const LOCAL_S3_KEY = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
DUMMY_ACCOUNT.createKeyPair(LOCAL_S3_KEY.accessKeyId, LOCAL_S3_KEY.secretAccessKey);

/**
 * Locally the console is served by the HTTP API, on another port than this: its pages may POST
 * from any origin (on AWS only the console's origin may, infra/uploads.ts).
 */
const CORS_ANY_ORIGIN_POST = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export interface S3LocalOptions {
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Keep buckets and objects here across restarts; a temporary directory, removed by stop(), when omitted. */
  dataDir?: string;
  /** Buckets to have before anything is served (kept, with their objects, when they exist). */
  buckets?: readonly string[];
}

export interface S3Local {
  /** For `AWS_ENDPOINT_URL_S3`. */
  endpoint: string;
  port: number;
  /** Where its buckets and objects are (s3rver's own layout). */
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the S3 stand-in with its buckets, each open to POSTs from any origin (CORS). */
export async function startS3(options: S3LocalOptions = {}): Promise<S3Local> {
  const directory =
    options.dataDir === undefined
      ? mkdtempSync(join(tmpdir(), 'zx-s3-'))
      : resolve(options.dataDir);
  mkdirSync(directory, { recursive: true });
  const s3rver = new S3rver({
    directory,
    // Its request log and Koa's error log would print every 404 of a HeadObject.
    silent: true,
    configureBuckets: (options.buckets ?? []).map((name) => ({
      name,
      configs: [CORS_ANY_ORIGIN_POST],
    })),
  });
  await s3rver.configureBuckets();
  // Our own server rather than s3rver's run(): a port in use rejects here instead of throwing
  // an unhandled 'error' event.
  const server = createServer(s3rver.callback());
  let port: number;
  try {
    port = await listen(server, options.port);
  } catch (error) {
    s3rver.logger.close();
    if (options.dataDir === undefined) rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    dataDir: directory,
    async stop() {
      await close(server);
      s3rver.logger.close();
      if (options.dataDir === undefined) rmSync(directory, { recursive: true, force: true });
    },
  };
}
