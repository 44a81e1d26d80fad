import { readFileSync } from 'node:fs';

/** Samples the resident memory of this process and of a child (DynamoDB Local's Java). */

const rssOfPid = (pid: number): number => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb * 1024;
  } catch {
    return 0;
  }
};

export interface MemoryPeak {
  node: number;
  java: number;
  /** The largest sum seen in one sample. */
  total: number;
  samples: number;
}

export const sampleMemory = (javaPid: number, everyMs = 250) => {
  const peak: MemoryPeak = { node: 0, java: 0, total: 0, samples: 0 };
  const take = () => {
    const node = process.memoryUsage().rss;
    const java = rssOfPid(javaPid);
    peak.node = Math.max(peak.node, node);
    peak.java = Math.max(peak.java, java);
    peak.total = Math.max(peak.total, node + java);
    peak.samples += 1;
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    peak,
    stop(): MemoryPeak {
      clearInterval(timer);
      take();
      return peak;
    },
  };
};

export const mib = (bytes: number): number => Math.round(bytes / 1024 / 1024);
