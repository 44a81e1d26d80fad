import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VirtualClock } from '../../infra/local/clock.ts';
import { startLocalStack } from '../../infra/local/stack.ts';
import { type Api, apiAt } from './client.ts';

/**
 * The whole local stack in this process, on a fresh data directory, with the secret its tokens
 * are signed with (set before anything reads it). One per process: SES Local's store is module
 * state (infra/local/ses-local.ts). `clock: 'virtual'` (default `ZX_CLOCK`) fakes this
 * process's `Date`, the test's own included: its tokens are signed on the stack's clock.
 */
export const startInProcess = async (
  secret: string,
  options: { clock?: 'virtual' | 'real' } = {},
): Promise<{ api: Api; url: string; clock?: VirtualClock; stop(): Promise<void> }> => {
  process.env.ZX_AUTH_SECRET = secret;
  const dataDir = mkdtempSync(join(tmpdir(), 'zx-e2e-'));
  const stack = await startLocalStack({ port: 0, dataDir, ...options });
  return {
    api: apiAt(stack.url),
    url: stack.url,
    ...(stack.clock ? { clock: stack.clock } : {}),
    async stop() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
