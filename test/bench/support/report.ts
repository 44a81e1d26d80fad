import { writeFileSync } from 'node:fs';

/** What one benchmark hands the runner (run.ts): its figures, and the raw measurements. */

export interface Figure {
  /** What is measured, e.g. "API ÷ raw throughput". */
  measure: string;
  value: number;
  unit: string;
  /** The goal as text ("≥ 0.7"), with `met` when the figure has one. */
  goal?: string;
  met?: boolean;
}

export interface BenchResult {
  id: string;
  title: string;
  figures: Figure[];
  /** Raw measurements behind the figures (times, counts, per-run samples). */
  details: Record<string, unknown>;
}

/** Hands the result to the runner (a file named by ZX_BENCH_OUT), or prints it when run alone. */
export const emit = (result: BenchResult): void => {
  const out = process.env.ZX_BENCH_OUT;
  const text = `${JSON.stringify(result, null, 2)}\n`;
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
};

export const log = (line: string): void => {
  process.stderr.write(`  ${line}\n`);
};
