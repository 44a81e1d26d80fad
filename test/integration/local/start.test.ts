// Proves `npm start` itself: it prints `ready` with the URL it serves (PORT=0: a free one),
// answers /local/mail and the SPEC 404, and leaves no Java behind — neither after SIGTERM
// (clean stop) nor after `kill -9` of its Node process (the watchdog kills Java).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { eventually } from './helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zx-start-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function npmStart(): Promise<{ child: ChildProcess; url: string; javaPid: number }> {
  const child = spawn('npm', ['start'], {
    env: {
      ...process.env,
      PORT: '0',
      ZX_DATA_DIR: dataDir,
      ZX_AUTH_SECRET: 'test-secret',
      ZX_DAY_MS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await eventually(() => {
    if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
    return /ready: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  }, 30_000);
  expect(output).toMatch(/day = 1000 ms/);
  const javaPid = Number(readFileSync(join(dataDir, 'dynamodb', 'dynamodb-local.pid'), 'utf8'));
  expect(existsSync(`/proc/${javaPid}`)).toBe(true);
  return { child, url, javaPid };
}

const gone = (pid: number) =>
  eventually(() => (existsSync(`/proc/${pid}`) ? undefined : true), 10_000);

it('starts, serves, and stops Java on SIGTERM', async () => {
  const { child, url, javaPid } = await npmStart();
  expect(await (await fetch(`${url}/local/mail`)).json()).toEqual([]);
  const missing = await fetch(`${url}/v1/no-such-route`);
  expect(missing.status).toBe(404);
  expect((await missing.json()).error.code).toBe('not-found');

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  await gone(javaPid);
  expect(existsSync(join(dataDir, 'dynamodb', 'dynamodb-local.pid'))).toBe(false);
}, 60_000);

it('leaves no Java behind when its Node process is killed with SIGKILL', async () => {
  const { javaPid } = await npmStart();
  // Java's parent is the Node process running start.ts (npm execs it: `node --import tsx`).
  const nodePid = Number(
    readFileSync(`/proc/${javaPid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1],
  );
  process.kill(nodePid, 'SIGKILL');
  await gone(javaPid);
}, 60_000);
