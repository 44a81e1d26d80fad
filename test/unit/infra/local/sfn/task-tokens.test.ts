// Proves the task tokens of the local Step Functions service: a token dropped when its execution
// stops or the service shuts down rejects whoever awaits it, and raises no unhandled rejection
// when nobody does any more (an aborted run no longer awaits its token).
import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeFailure } from '../../../../../infra/local/sfn/errors.ts';
import { TaskTokens } from '../../../../../infra/local/sfn/task-tokens.ts';

const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);
afterEach(() => {
  process.off('unhandledRejection', record);
  unhandled.length = 0;
});

const issue = (tokens: TaskTokens, executionArn: string) =>
  tokens.issue({ executionArn, stateName: 'AwaitPeople', timeoutMs: 60_000 });

describe('TaskTokens.dropExecution', () => {
  it('rejects the awaited token with a runtime failure and forgets it', async () => {
    const tokens = new TaskTokens(() => {});
    const { token, settled } = issue(tokens, 'arn:exec-1');
    tokens.dropExecution('arn:exec-1', 'execution stopped');
    await expect(settled).rejects.toBeInstanceOf(RuntimeFailure);
    expect(tokens.pendingOf('arn:exec-1')).toEqual([]);
    expect(() => tokens.succeed(token, {})).toThrow('Task Does Not Exist');
  });

  it('raises no unhandled rejection for a token nobody awaits any more', async () => {
    process.on('unhandledRejection', record);
    const tokens = new TaskTokens(() => {});
    issue(tokens, 'arn:exec-2');
    tokens.dropExecution('arn:exec-2', 'service stopping');
    await new Promise((done) => setTimeout(done, 20));
    expect(unhandled).toEqual([]);
  });
});
