import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { eventually, sleep } from './session.ts';

/**
 * The local stack as an operator runs it — `npm start` in its own process — so that a test can
 * kill it hard (`kill -9`) and start it again on the same data directory.
 */

export interface ChildStackOptions {
  /** The repository (where package.json is). */
  cwd: string;
  dataDir: string;
  port: number;
  dayMs: number;
  secret: string;
  readyTimeoutMs?: number;
  /** ZX_SCHEDULE_MS: how often the scheduled functions (the outbox sweeper) run. */
  scheduleMs?: number;
  /** More of the stack's environment (e.g. ZX_CLOCK). */
  env?: Record<string, string>;
}

export interface ChildStack {
  url: string;
  /** npm's process. */
  child: ChildProcess;
  /** The Node process running infra/local/start.ts (Java's parent). */
  nodePid: number;
  javaPid: number;
  output(): string;
  /** `kill -9` of the Node process; resolves once it, npm and Java are all gone. */
  crash(): Promise<void>;
  /** SIGTERM, as Ctrl-C would: a clean stop. */
  stop(): Promise<void>;
}

/** A port free now on 127.0.0.1, to serve the same URL across restarts. */
export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });

export const isGone = (pid: number) => !existsSync(`/proc/${pid}`);

const waitGone = (what: string, pid: number, timeoutMs = 15_000) =>
  eventually(what, async () => (isGone(pid) ? true : undefined), timeoutMs, 50);

const exitOf = async (child: ChildProcess, timeoutMs: number) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await Promise.race([once(child, 'exit'), sleep(timeoutMs)]);
};

/** `npm start` with the stack's environment; resolves once it printed its `ready` line. */
export const startChildStack = async (options: ChildStackOptions): Promise<ChildStack> => {
  const child = spawn('npm', ['start'], {
    cwd: options.cwd,
    env: {
      ...process.env,
      PORT: String(options.port),
      ZX_DATA_DIR: options.dataDir,
      ZX_DAY_MS: String(options.dayMs),
      ZX_AUTH_SECRET: options.secret,
      ...(options.scheduleMs ? { ZX_SCHEDULE_MS: String(options.scheduleMs) } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = await eventually(
    'npm start: ready',
    async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
      return /ready: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    },
    options.readyTimeoutMs ?? 60_000,
    50,
  );
  const javaPid = Number(
    readFileSync(join(options.dataDir, 'dynamodb', 'dynamodb-local.pid'), 'utf8'),
  );
  // /proc/<pid>/stat: "pid (comm) state ppid …"
  const nodePid = Number(
    readFileSync(`/proc/${javaPid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1],
  );
  return {
    url,
    child,
    nodePid,
    javaPid,
    output: () => output,
    async crash() {
      process.kill(nodePid, 'SIGKILL');
      await waitGone(`Node ${nodePid}`, nodePid);
      // Its watchdog takes Java down with it.
      await waitGone(`Java ${javaPid}`, javaPid);
      await exitOf(child, 5_000);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exitOf(child, 15_000);
      }
      if (!isGone(nodePid)) {
        try {
          process.kill(nodePid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
      await waitGone(`Java ${javaPid}`, javaPid);
    },
  };
};
