import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localRoutes } from '../../../functions/api/index.ts';
import { startDynamoDb } from '../../../infra/local/dynamodb-local.ts';
import { startHttpApi } from '../../../infra/local/http-server.ts';
import { startSes } from '../../../infra/local/ses-local.ts';
import { localStateMachineArn } from '../../../infra/local/sfn/service.ts';
import type { LocalApp, LocalStack } from '../../../infra/local/stack.ts';
import { pointSdkAt, startLocalStack } from '../../../infra/local/stack.ts';
import { type Api, apiAt, type Claims, localToken } from '../../../scripts/scenario/client.ts';
import { resetDocumentClient } from '../../../shared/store/client.ts';
import { ensureTable } from '../../../shared/store/ensure-table.ts';

/**
 * The local stack in this process, as `npm run demo` starts it, on a fresh data directory: the
 * benchmarks drive it through HTTP and reach its store directly where a ceiling is measured.
 */

export const BENCH_SECRET = 'zx-bench-secret-0123456789abcdef';

export interface BenchStack {
  /** The whole local stack (absent from `startStoreStack`). */
  stack?: LocalStack;
  url: string;
  api: Api;
  dataDir: string;
  token(claims: Claims): Promise<string>;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  /** Changes the app before it is served (instrumentation). */
  wrapApp?: (app: LocalApp) => LocalApp | Promise<LocalApp>;
  /** Default day length of the stack (ZX_DAY_MS). */
  dayLengthMs?: number;
}

export const startBenchStack = async (options: BenchStackOptions = {}): Promise<BenchStack> => {
  process.env.ZX_AUTH_SECRET = BENCH_SECRET;
  process.env.ZX_DAY_MS = String(options.dayLengthMs ?? 1000);
  const dataDir = mkdtempSync(join(tmpdir(), 'zx-bench-'));
  const stack = await startLocalStack({
    port: 0,
    dataDir,
    log: () => {},
    loadApp: async () => {
      const app = (await import('../../../infra/local/app.ts')) as LocalApp;
      return options.wrapApp ? options.wrapApp(app) : app;
    },
  });
  return {
    stack,
    url: stack.url,
    api: apiAt(stack.url),
    dataDir,
    token: (claims) => localToken(claims, BENCH_SECRET),
    async stop() {
      try {
        await stack.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
};

/**
 * Only what the API and the store need, with DynamoDB Local in memory: for the benchmarks that
 * load a round of 100 000 ballots (on disk, DynamoDB Local takes minutes to load them). No
 * workflow runs: a wake-up finds no waiting task.
 */
export const startStoreStack = async (): Promise<BenchStack> => {
  process.env.ZX_AUTH_SECRET = BENCH_SECRET;
  const dynamoDb = await startDynamoDb();
  const ses = await startSes();
  // No workflow and no uploads here: Step Functions and S3 point at a closed port.
  pointSdkAt({
    dynamoDb: dynamoDb.endpoint,
    ses: ses.endpoint,
    sfn: 'http://127.0.0.1:9',
    s3: 'http://127.0.0.1:9',
  });
  resetDocumentClient();
  await ensureTable();
  const http = await startHttpApi({ port: 0, routes: localRoutes(), listMail: ses.listMail });
  return {
    url: http.url,
    api: apiAt(http.url),
    dataDir: '',
    token: (claims) => localToken(claims, BENCH_SECRET),
    async stop() {
      await http.stop();
      await ses.stop();
      await dynamoDb.stop();
    },
  };
};

/**
 * Resolves once no election workflow of the stack is running (or after `timeoutMs`): the workflow
 * sends an election's final results after `completed` shows.
 */
export const workflowsEnded = async (stack: LocalStack | undefined, timeoutMs = 120_000) => {
  const until = Date.now() + timeoutMs;
  while (stack && Date.now() < until) {
    const { executions } = stack.stepFunctions.engine.listExecutions({
      stateMachineArn: localStateMachineArn('zx-election'),
      statusFilter: 'RUNNING',
    }) as { executions: unknown[] };
    if (executions.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};
