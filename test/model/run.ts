// `npm run test:model [-- --soak 30m] [--seed n] [--runs n] [--path p --replay-path r] [--clock real]`: the model-based tests
// (model.test.ts) under their own vitest config, kept out of `npm test`. Options become the
// MODEL_* variables the test reads; vitest itself refuses options it does not know.
import { spawnSync } from 'node:child_process';

const DURATION = /^(\d+)(ms|s|m|h)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

const durationMs = (text: string): number => {
  const match = DURATION.exec(text);
  if (!match) throw new Error(`--soak ${text}: a duration such as 30m, 90s or 2h`);
  return Number(match[1]) * UNIT_MS[(match[2] ?? 'ms') as keyof typeof UNIT_MS];
};

const OPTIONS: Record<string, (value: string) => [string, string]> = {
  '--soak': (value) => ['MODEL_SOAK_MS', String(durationMs(value))],
  '--seed': (value) => ['MODEL_SEED', value],
  '--runs': (value) => ['MODEL_RUNS', value],
  '--path': (value) => ['MODEL_PATH', value],
  '--replay-path': (value) => ['MODEL_REPLAY_PATH', value],
  '--max-commands': (value) => ['MODEL_MAX_COMMANDS', value],
  // The stack's clock (ZX_CLOCK): `virtual` unless `--clock real` (real time, short days).
  '--clock': (value) => ['ZX_CLOCK', value],
};

const env: Record<string, string> = { ZX_CLOCK: 'virtual' };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const option = OPTIONS[args[i] ?? ''];
  const value = args[i + 1];
  if (!option || value === undefined) {
    console.error(
      `unknown option ${args[i]} (known: ${Object.keys(OPTIONS).join(', ')}, each with a value)`,
    );
    process.exit(2);
  }
  const [name, set] = option(value);
  env[name] = set;
}

const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.model.config.ts'], {
  stdio: 'inherit',
  env: { ...process.env, ...env },
});
process.exit(run.status ?? 1);
