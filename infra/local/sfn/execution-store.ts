import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../json-file.ts';
import type { PendingTask } from './task-tokens.ts';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What the service knows of one execution; one JSON file each under `<dataDir>/executions/`. */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  /** The input exactly as given to StartExecution (a JSON text). */
  input: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  output?: string;
  error?: string;
  cause?: string;
  /** How many times it was started: 1, plus one per restart of the service while RUNNING. */
  starts: number;
  /** AWS history events written (history.ts), recorded when the execution ended. */
  historyEvents?: number;
  /** Informational: tokens do not survive a restart (the task runs again and issues new ones). */
  pendingTasks: PendingTask[];
}

export interface ExecutionStore {
  loadAll(): ExecutionRecord[];
  save(record: ExecutionRecord): void;
}

/** Records on disk (atomic writes) under `dir`, or nowhere when `dir` is undefined. */
export function openExecutionStore(dir?: string): ExecutionStore {
  if (dir === undefined) return { loadAll: () => [], save: () => {} };
  mkdirSync(dir, { recursive: true });
  const fileOf = (arn: string) =>
    join(dir, `${createHash('sha256').update(arn).digest('hex').slice(0, 32)}.json`);
  return {
    loadAll() {
      const records: ExecutionRecord[] = [];
      for (const file of readdirSync(dir)) {
        // A temp file is a write cut short by a crash; the previous version is still there.
        if (file.endsWith('.tmp')) rmSync(join(dir, file), { force: true });
        else if (file.endsWith('.json')) {
          const record = readJsonFile<ExecutionRecord>(join(dir, file));
          if (record) records.push(record);
        }
      }
      return records;
    },
    save(record) {
      writeJsonAtomic(fileOf(record.executionArn), record);
    },
  };
}
