// Benchmark 4 — batches of 500, 1 000 and 2 000 elections (preset `nanjing`), each from one
// uploaded batch file (the organizations and their rolls) carried through nomination by
// batch-elections.ts in a fresh Node process with a fresh local stack
// (`ZX_BENCH_BATCH_SLICES` to choose others): how wall time and peak memory grow with the
// batch — the least-squares slope per election, and R² (1 = a straight line). A province's
// 20 000 is projected from them (on this machine) in the README, beside what AWS's quotas allow.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchResult, emit, log } from './support/report.ts';
import { linearFit, round } from './support/stats.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SLICES = (process.env.ZX_BENCH_BATCH_SLICES ?? '500,1000,2000').split(',').map(Number);

const figureOf = (result: BenchResult, measure: string): number => {
  const figure = result.figures.find((f) => f.measure.startsWith(measure));
  if (!figure) throw new Error(`benchmark 4 slice: no figure "${measure}"`);
  return figure.value;
};

/** One slice in its own process, as run.ts runs a benchmark. */
const runSlice = (orgs: number, scratch: string): Promise<BenchResult> =>
  new Promise((done, fail) => {
    const out = join(scratch, `slice-${orgs}.json`);
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'batch-elections.ts')], {
      env: {
        ...process.env,
        ZX_BENCH_OUT: out,
        ZX_BENCH_BATCH_ORGS: String(orgs),
        // Thousands of executions in one process: room beyond V8's default heap.
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim(),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', (code) => {
      try {
        done(JSON.parse(readFileSync(out, 'utf8')) as BenchResult);
      } catch {
        fail(new Error(`the slice of ${orgs} exited ${code} without a result`));
      }
    });
  });

const scratch = mkdtempSync(join(tmpdir(), 'zx-bench-slices-'));
try {
  const slices: { orgs: number; result: BenchResult }[] = [];
  for (const orgs of SLICES) {
    log(`slice of ${orgs} elections`);
    slices.push({ orgs, result: await runSlice(orgs, scratch) });
  }
  const xs = slices.map((s) => s.orgs);
  const wall = slices.map((s) => figureOf(s.result, 'wall time'));
  const rss = slices.map((s) => figureOf(s.result, 'peak RSS, local stack'));
  const answered = slices.map((s) => figureOf(s.result, 'POST /v1/batches answered'));
  const imported = slices.map((s) => figureOf(s.result, 'upload → batch file imported'));
  const time = linearFit(xs, wall);
  const importing = linearFit(xs, imported);
  const memory = linearFit(xs, rss);
  emit({
    id: '4',
    title: `Batches of ${SLICES.join(', ')} elections (nanjing) started and carried through nomination`,
    figures: [
      ...slices.flatMap(({ orgs }, i) => [
        { measure: `wall time, ${orgs} elections`, value: wall[i] as number, unit: 's' },
        {
          measure: `its batch file imported (upload included), ${orgs} organizations`,
          value: imported[i] as number,
          unit: 's',
        },
        { measure: `peak RSS, ${orgs} elections`, value: rss[i] as number, unit: 'MiB' },
      ]),
      {
        measure: 'POST /v1/batches answered after (the slowest slice)',
        value: Math.max(...answered),
        unit: 's',
        goal: '< 29 s',
        met: Math.max(...answered) < 29,
      },
      { measure: 'time per election (fitted slope)', value: round(time.slope, 4), unit: 's' },
      { measure: 'time: R² of the line', value: round(time.r2, 4), unit: '' },
      {
        measure: 'import time per organization (fitted slope)',
        value: round(importing.slope, 4),
        unit: 's',
      },
      { measure: 'memory per election (fitted slope)', value: round(memory.slope, 3), unit: 'MiB' },
      { measure: 'memory: R² of the line', value: round(memory.r2, 4), unit: '' },
      {
        measure: 'wall time projected for 20 000 on this machine',
        value: round((time.intercept + time.slope * 20_000) / 3600, 2),
        unit: 'h',
      },
    ],
    details: {
      slices: slices.map(({ orgs, result }) => ({
        orgs,
        figures: result.figures,
        details: result.details,
      })),
      timeFit: time,
      importFit: importing,
      memoryFit: memory,
    },
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
