// The stack the model-based tests run against: the whole local stack in this process, with a
// fault proxy in front of DynamoDB Local and one in front of SES (the reliability suite's), on
// fixed ports so that it can be stopped and started again on the same data directory — the
// product's SDK clients, made once, keep talking to the same addresses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalApp, type LocalStack, startLocalStack } from '../../infra/local/stack.ts';
import { freePort } from '../../scripts/scenario/child-stack.ts';
import { resetDocumentClient } from '../../shared/store/client.ts';
import { type FaultPlan, startFaultProxy } from '../reliability/support/fault-proxy.ts';

export interface Faults {
  dynamoDb: FaultPlan | null;
  ses: FaultPlan | null;
}

export interface ModelStack {
  url: string;
  /**
   * Kills DynamoDB Local (SIGKILL: what it has not written is lost, as in a crash), stops the
   * rest, and starts the whole stack again on the same data directory.
   */
  restart(): Promise<void>;
  /** Faults on (a plan) or off (null) from the next request on. */
  faults(plans: Faults): void;
  /** Faults injected so far, per service and kind. */
  injected(): { dynamoDb: object; ses: object };
  stop(): Promise<void>;
}

export const startModelStack = async (secret: string): Promise<ModelStack> => {
  process.env.ZX_AUTH_SECRET = secret;
  const dataDir = mkdtempSync(join(tmpdir(), 'zx-model-'));
  const port = await freePort();
  const ports = {
    dynamoDb: await freePort(),
    ses: await freePort(),
    stepFunctions: await freePort(),
  };
  const dynamoDb = await startFaultProxy('dynamodb', `http://127.0.0.1:${ports.dynamoDb}`);
  const ses = await startFaultProxy('ses', `http://127.0.0.1:${ports.ses}`);
  const start = () =>
    startLocalStack({
      port,
      dataDir,
      ports,
      // Runs once the stand-ins are up and the SDK points at them: through the proxies instead.
      loadApp: async () => {
        process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamoDb.url;
        process.env.AWS_ENDPOINT_URL_SES = ses.url;
        process.env.AWS_ENDPOINT_URL_SESV2 = ses.url;
        resetDocumentClient();
        return (await import('../../infra/local/app.ts')) as LocalApp;
      },
    });
  let stack: LocalStack = await start();
  return {
    url: stack.url,
    async restart() {
      process.kill(stack.dynamoDb.pid, 'SIGKILL');
      await stack.stop();
      stack = await start();
    },
    faults(plans) {
      dynamoDb.setPlan(plans.dynamoDb);
      ses.setPlan(plans.ses);
    },
    injected: () => ({ dynamoDb: dynamoDb.stats.faults, ses: ses.stats.faults }),
    async stop() {
      try {
        await stack.stop();
        await dynamoDb.stop();
        await ses.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
};
