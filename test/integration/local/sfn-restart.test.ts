// Proves the local Step Functions is durable: after `kill -9` of its process, a new one on
// the same data dir starts every RUNNING execution again with its original input (finished
// ones stay finished), old task tokens are gone (TaskDoesNotExist) and the re-entered task
// issues a new one that completes the execution. A graceful stop resumes the same way.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
} from '@aws-sdk/client-sfn';
import { afterAll, expect, it } from 'vitest';
import { localStateMachineArn } from '../../../infra/local/sfn/service.ts';
import { eventually, finished, sfnClient } from './helpers.ts';

const fixture = join(import.meta.dirname, 'fixtures', 'sfn-child.ts');
const stageArn = localStateMachineArn('stage');
const dataDir = mkdtempSync(join(tmpdir(), 'zx-sfn-restart-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the fixture with `node --import tsx` and resolves with its endpoint once ready. */
async function startChild(): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const endpoint = await eventually(() => {
    if (child.exitCode !== null) throw new Error(`the fixture exited: ${output}`);
    return /ready (\S+)/.exec(output)?.[1];
  }, 20_000);
  return { child, endpoint };
}

const journal = () =>
  existsSync(join(dataDir, 'journal.log'))
    ? readFileSync(join(dataDir, 'journal.log'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { fn: string; election: string; token?: string })
    : [];
const tokensOf = (election: string) =>
  journal()
    .filter((entry) => entry.election === election && entry.token)
    .map((entry) => entry.token as string);

it('re-runs RUNNING executions after kill -9 and a restart on the same data dir', async () => {
  const first = await startChild();
  let client = sfnClient(first.endpoint);
  const start = async (election: string) =>
    (
      await client.send(
        new StartExecutionCommand({
          stateMachineArn: stageArn,
          name: election,
          input: JSON.stringify({ election }),
        }),
      )
    ).executionArn as string;

  const done = await start('done-before');
  const survivor = await start('survivor');
  await client.send(
    new SendTaskSuccessCommand({
      taskToken: await eventually(() => tokensOf('done-before')[0]),
      output: '"approved"',
    }),
  );
  expect((await finished(client, done)).status).toBe('SUCCEEDED');
  const oldToken = await eventually(() => tokensOf('survivor')[0]);

  first.child.kill('SIGKILL');
  await once(first.child, 'exit');
  client.destroy();

  const second = await startChild();
  client = sfnClient(second.endpoint);
  const newToken = await eventually(() => tokensOf('survivor')[1]);
  expect(newToken).not.toBe(oldToken);
  // Started again from the top, with its original input; the finished one was left alone.
  expect(
    journal()
      .filter((entry) => entry.fn === 'open-stage')
      .map((entry) => entry.election),
  ).toEqual(['done-before', 'survivor', 'survivor']);
  const running = await client.send(new DescribeExecutionCommand({ executionArn: survivor }));
  expect(running.status).toBe('RUNNING');
  expect(running.input).toBe('{"election":"survivor"}');
  expect((await client.send(new DescribeExecutionCommand({ executionArn: done }))).output).toBe(
    '{"election":"done-before","approval":"approved"}',
  );

  await expect(
    client.send(new SendTaskSuccessCommand({ taskToken: oldToken, output: '"late"' })),
  ).rejects.toBeInstanceOf(TaskDoesNotExist);
  await client.send(new SendTaskSuccessCommand({ taskToken: newToken, output: '"approved"' }));
  const execution = await finished(client, survivor);
  expect(execution.status).toBe('SUCCEEDED');
  expect(JSON.parse(execution.output as string)).toEqual({
    election: 'survivor',
    approval: 'approved',
  });

  // A graceful stop (SIGTERM) leaves RUNNING executions RUNNING, to resume the same way.
  const graceful = await start('graceful');
  await eventually(() => tokensOf('graceful')[0]);
  second.child.kill('SIGTERM');
  expect((await once(second.child, 'exit'))[0]).toBe(0);
  client.destroy();
  const third = await startChild();
  client = sfnClient(third.endpoint);
  await client.send(
    new SendTaskSuccessCommand({
      taskToken: await eventually(() => tokensOf('graceful')[1]),
      output: '"approved"',
    }),
  );
  expect((await finished(client, graceful)).status).toBe('SUCCEEDED');
  client.destroy();
}, 60_000);
