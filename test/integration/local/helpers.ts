// Shared by the local stand-in tests: SDK clients with dummy credentials, and polling.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  SFNClient,
} from '@aws-sdk/client-sfn';

export const dummyAws = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};

export const sfnClient = (endpoint: string): SFNClient => new SFNClient({ endpoint, ...dummyAws });

/** Polls until `probe` returns something other than undefined. */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms`);
    await sleep(25);
  }
}

/** Polls DescribeExecution until the execution is no longer RUNNING. */
export function finished(
  client: SFNClient,
  executionArn: string,
  timeoutMs?: number,
): Promise<DescribeExecutionCommandOutput> {
  return eventually(async () => {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    return execution.status === 'RUNNING' ? undefined : execution;
  }, timeoutMs);
}
