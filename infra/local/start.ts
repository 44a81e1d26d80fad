// `npm start`: the whole product on this machine, no AWS account (SPEC §6, §8 "Local stack").
import { performance } from 'node:perf_hooks';
import { ensureConsoleBuilt } from '../console-build.ts';
import { type LocalStack, startLocalStack } from './stack.ts';

const DEFAULT_DAY_MS = 86_400_000; // real days unless ZX_DAY_MS says otherwise
const DEV_SECRET = 'zx-local-dev-secret';

const optionalPort = (name: string): number | undefined =>
  process.env[name] ? Number(process.env[name]) : undefined;

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = process.env.ZX_DATA_DIR || '.local/';
  const dayMs = Number(process.env.ZX_DAY_MS ?? DEFAULT_DAY_MS);
  if (!Number.isFinite(dayMs) || dayMs <= 0)
    throw new Error(`ZX_DAY_MS must be a positive number of ms`);
  process.env.ZX_DAY_MS = String(dayMs);
  if (!process.env.ZX_AUTH_SECRET) {
    process.env.ZX_AUTH_SECRET = DEV_SECRET;
    console.warn(`ZX_AUTH_SECRET is not set: tokens are signed with '${DEV_SECRET}'`);
  }

  ensureConsoleBuilt();
  const stack = await startLocalStack({
    port,
    dataDir,
    ports: {
      dynamoDb: optionalPort('ZX_DYNAMODB_PORT'),
      ses: optionalPort('ZX_SES_PORT'),
      stepFunctions: optionalPort('ZX_SFN_PORT'),
      s3: optionalPort('ZX_S3_PORT'),
    },
  });
  handleSignals(stack);
  console.log(
    `ready: ${stack.url} in ${(performance.now() / 1000).toFixed(1)} s — ` +
      `console ${stack.url}/console/, ` +
      `DynamoDB ${stack.dynamoDb.endpoint}, SES ${stack.ses.endpoint} (mail: ${stack.url}/local/mail), ` +
      `Step Functions ${stack.stepFunctions.endpoint}, S3 ${stack.s3.endpoint} ` +
      `(bucket ${process.env.ZX_UPLOADS_BUCKET}); data in ${dataDir}; day = ${dayMs} ms`,
  );
}

function handleSignals(stack: LocalStack): void {
  let stopping = false;
  const shutdown = (code: number) => {
    if (stopping) process.exit(code || 1); // a second Ctrl-C: leave now (the exit hook kills Java)
    stopping = true;
    stack.stop().then(
      () => process.exit(code),
      (error) => {
        console.error('stopping failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  process.on('uncaughtException', (error) => {
    console.error('uncaught:', error);
    shutdown(1);
  });
}

main().catch((error) => {
  console.error('the local stack did not start:', error);
  process.exit(1);
});
