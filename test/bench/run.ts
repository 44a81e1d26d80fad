// `npm run bench`: runs each benchmark in a fresh Node process (its own memory, its own local
// stack), one after the other, then prints the figures as a table and writes them, with the
// machine they came from, to test/bench/results/latest.json (and .md). Figures are ratios or
// counts measured side by side in one run: absolute times vary with the machine's load.
// `npm run bench -- 1 5` runs only benchmarks 1 and 5 (their figures go to a temporary file;
// results/ keeps the last complete run).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './support/report.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const RESULTS = join(HERE, 'results');

const BENCHES = [
  { id: '1', file: 'ballot-entry.ts', timeoutS: 300 },
  { id: '2', file: 'close-round.ts', timeoutS: 360 },
  { id: '3', file: 'community-election.ts', timeoutS: 300, also: '6' },
  { id: '4', file: 'batch-slices.ts', timeoutS: 3600 },
  { id: '5', file: 'lambda-bundles.ts', timeoutS: 300 },
  { id: '7', file: 'console-first-screen.ts', timeoutS: 180 },
];

const wanted = process.argv.slice(2);
const chosen = BENCHES.filter(
  (b) => wanted.length === 0 || wanted.includes(b.id) || (b.also && wanted.includes(b.also)),
);

interface Run {
  id: string;
  file: string;
  seconds: number;
  loadBefore: number[];
  loadAfter: number[];
  result?: BenchResult;
  error?: string;
}

const scratch = mkdtempSync(join(tmpdir(), 'zx-bench-run-'));

const runOne = (bench: (typeof BENCHES)[number]): Promise<Run> =>
  new Promise((done) => {
    const out = join(scratch, `${bench.id}.json`);
    const loadBefore = loadavg().map((l) => Number(l.toFixed(2)));
    const start = performance.now();
    process.stderr.write(`▶ benchmark ${bench.id} (${bench.file})\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, bench.file)], {
      env: { ...process.env, ZX_BENCH_OUT: out },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let tail = '';
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-6000);
      // The benchmark's own progress lines (two spaces in front); tool chatter stays in `tail`.
      for (const line of text.split('\n'))
        if (/^ {2}\S/.test(line)) process.stderr.write(`${line}\n`);
    });
    const timer = setTimeout(() => {
      process.stderr.write(`  timed out after ${bench.timeoutS} s: stopping it\n`);
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {}
    }, bench.timeoutS * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const run: Run = {
        id: bench.id,
        file: bench.file,
        seconds: Number(((performance.now() - start) / 1000).toFixed(1)),
        loadBefore,
        loadAfter: loadavg().map((l) => Number(l.toFixed(2))),
      };
      try {
        run.result = JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
      } catch {
        run.error = `exited ${signal ?? code} without a result:\n${tail.split('\n').slice(-15).join('\n')}`;
        process.stderr.write(`  ✗ ${run.error}\n`);
      }
      done(run);
    });
  });

const runs: Run[] = [];
const started = performance.now();
for (const bench of chosen) runs.push(await runOne(bench));
rmSync(scratch, { recursive: true, force: true });

const machine = {
  date: new Date().toISOString(),
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  totalSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
};

const rows: string[][] = [['#', 'benchmark', 'measure', 'value', 'goal', '']];
for (const run of runs) {
  if (!run.result) {
    rows.push([run.id, run.file, 'FAILED', '', '', '✗']);
    continue;
  }
  for (const figure of run.result.figures) {
    rows.push([
      run.result.id,
      run.result.title,
      figure.measure,
      `${figure.value}${figure.unit ? ` ${figure.unit}` : ''}`,
      figure.goal ?? '',
      figure.met === undefined ? '' : figure.met ? 'met' : 'missed',
    ]);
  }
}
const markdown = [
  `| ${rows[0]?.join(' | ')} |`,
  `|${rows[0]?.map(() => '---').join('|')}|`,
  ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`),
].join('\n');

const widths = (rows[0] ?? []).map((_, c) =>
  Math.min(c === 1 ? 40 : 60, Math.max(...rows.map((r) => [...(r[c] ?? '')].length))),
);
const cell = (text: string, width: number) => {
  const chars = [...text];
  return chars.length > width
    ? `${chars.slice(0, width - 1).join('')}…`
    : text + ' '.repeat(width - chars.length);
};
console.log(
  `\nBenchmarks — ${machine.date}, ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}`,
);
for (const [i, row] of rows.entries()) {
  console.log(row.map((text, c) => cell(text, widths[c] ?? 10)).join('  '));
  if (i === 0) console.log(widths.map((w) => '─'.repeat(w)).join('  '));
}
console.log(
  `\nload average (1, 5, 15 min) before each: ${runs.map((r) => `#${r.id} ${r.loadBefore.join('/')}`).join(', ')}`,
);
console.log(`total ${machine.totalSeconds} s`);

const complete = chosen.length === BENCHES.length;
const target = complete ? RESULTS : mkdtempSync(join(tmpdir(), 'zx-bench-partial-'));
mkdirSync(target, { recursive: true });
const report = { machine, runs };
writeFileSync(join(target, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(
  join(target, 'latest.md'),
  `Measured ${machine.date} on ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node} (${machine.platform}); ` +
    `load average before each benchmark: ${runs.map((r) => `#${r.id} ${r.loadBefore[0]}`).join(', ')}.\n\n${markdown}\n`,
);
// Committed with the code: formatted as the lint (`biome check .` in `npm test`) wants it.
spawnSync(
  process.execPath,
  [
    join(HERE, '../../node_modules/@biomejs/biome/bin/biome'),
    'format',
    '--write',
    join(target, 'latest.json'),
    join(target, 'latest.md'),
  ],
  { stdio: 'ignore' },
);
console.log(`written: ${join(target, 'latest.json')} and latest.md`);
if (runs.some((r) => r.error)) process.exitCode = 1;
