// Proves a sweeper runs once at a time: a second run while the first holds the lease skips
// its turn and sweeps nothing; the next run after the first ended sweeps again.
import { beforeAll, describe, expect, it } from 'vitest';
import { sweeper } from '../../../functions/scheduled/sweeper.ts';
import { invokeLocalLambda } from '../../../infra/local/lambda-context.ts';
import { freshTable } from '../../support/fresh-table.ts';

beforeAll(freshTable);

describe('sweeper', () => {
  it('skips a run while another holds the lease, and sweeps again once it ended', async () => {
    let sweeps = 0;
    let finishFirst = () => {};
    const firstMayEnd = new Promise<void>((resolve) => {
      finishFirst = resolve;
    });
    const handler = sweeper('swept', async () => {
      sweeps += 1;
      if (sweeps === 1) await firstMayEnd;
      return { swept: 1 };
    });
    const first = invokeLocalLambda(handler, 'zx-test-sweeper', {}, 120_000);
    await expect.poll(() => sweeps).toBe(1);
    expect(await invokeLocalLambda(handler, 'zx-test-sweeper', {}, 120_000)).toEqual({
      skipped: 'another run holds the lease',
    });
    finishFirst();
    expect(await first).toEqual({ swept: 1 });
    expect(await invokeLocalLambda(handler, 'zx-test-sweeper', {}, 120_000)).toEqual({ swept: 1 });
    expect(sweeps).toBe(2);
  });
});
