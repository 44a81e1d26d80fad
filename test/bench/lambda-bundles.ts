// Benchmark 5 — Lambda size and cold start: every function bundled by CDK exactly as it deploys
// them (infra/functions.ts: esbuild, minified ESM, the AWS SDK left to the runtime), each
// bundle's size, and the time its module takes to load in a fresh Node process (median of a
// few) — the runtime's SDK loading included (the repository's @aws-sdk beside the bundle) —
// with the source maps on as deployed (NODE_OPTIONS=--enable-source-maps) and off. Issue 17
// asks for the load as a ratio: beside each function, a minimal handler importing only the AWS
// SDK packages that function imports is loaded in turn, run for run, so the machine's load
// weighs on both alike; the goal is ≤ 3× of it.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { apiGroups } from '../../functions/api/index.ts';
import { scheduledFunctions } from '../../functions/scheduled/index.ts';
import { ROOT, zxFunction } from '../../infra/functions.ts';
import { WORKFLOW_TASKS } from '../../workflows/election-workflow.ts';
import { emit, log } from './support/report.ts';
import { median, round } from './support/stats.ts';

const RUNS = Number(process.env.ZX_BENCH_LOAD_RUNS ?? 5);
const SIZE_GOAL_KB = 250;
const LOAD_GOAL_MS = 150;
const LOAD_RATIO_GOAL = 3;

/** The AWS SDK packages a bundle imports (left external by the bundler: the runtime's). */
const sdkImportsOf = (file: string): string[] =>
  [
    ...new Set(
      [
        ...readFileSync(file, 'utf8').matchAll(
          /from\s*"(@aws-sdk\/[^"]+)"|import\s*"(@aws-sdk\/[^"]+)"/g,
        ),
      ].map((m) => (m[1] ?? m[2]) as string),
    ),
  ].sort();

/** A handler that does nothing but import those packages, beside the bundle (same resolution). */
const minimalHandlerFor = (file: string): { file: string; imports: string[] } => {
  const imports = sdkImportsOf(file);
  const minimal = join(dirname(file), 'minimal.mjs');
  writeFileSync(
    minimal,
    `${imports.map((m) => `import ${JSON.stringify(m)};`).join('\n')}\nexport const handler = async () => ({});\n`,
  );
  return { file: minimal, imports };
};

const entries = [
  ...WORKFLOW_TASKS.map((task) => `functions/tasks/${task}.ts`),
  ...Object.keys(apiGroups).map((group) => `functions/api/${group}.ts`),
  ...Object.keys(scheduledFunctions).map((name) => `functions/scheduled/${name}.ts`),
];

const outdir = mkdtempSync(join(tmpdir(), 'zx-bench-bundles-'));
try {
  const app = new App({ outdir, builtinCloudFormationValidation: false, treeMetadata: false });
  const stack = new Stack(app, 'BenchBundles');
  const bundleStart = performance.now(); // NodejsFunction bundles as it is constructed
  const functions = entries.map((entry, i) =>
    zxFunction(stack, `Fn${i}`, { entry, description: entry, timeout: Duration.seconds(30) }),
  );
  const template = app.synth().getStackByName(stack.stackName).template as {
    Resources: Record<string, { Properties: { Code: { S3Key: string } } }>;
  };
  log(
    `bundled ${entries.length} functions in ${round((performance.now() - bundleStart) / 1000, 1)} s`,
  );

  // Where the runtime's SDK would be found: node_modules/@aws-sdk beside the bundles.
  mkdirSync(join(outdir, 'node_modules'));
  symlinkSync(join(ROOT, 'node_modules', '@aws-sdk'), join(outdir, 'node_modules', '@aws-sdk'));

  const loadOnce = (file: string, sourceMaps: boolean): number => {
    const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH,
        NODE_OPTIONS: sourceMaps ? '--enable-source-maps' : '',
        AWS_REGION: 'us-east-1',
      },
      encoding: 'utf8',
    });
    return Number(out);
  };

  const rows = functions.map((fn, i) => {
    const logicalId = stack.getLogicalId(fn.node.defaultChild as CfnElement);
    const key = template.Resources[logicalId]?.Properties.Code.S3Key ?? '';
    const file = join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs');
    const sizeKb = statSync(file).size / 1024;
    const minimal = minimalHandlerFor(file);
    const withMaps: number[] = [];
    const withoutMaps: number[] = [];
    const minimalLoads: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      minimalLoads.push(loadOnce(minimal.file, true));
      withMaps.push(loadOnce(file, true));
      withoutMaps.push(loadOnce(file, false));
    }
    const loadMs = median(withMaps);
    const minimalMs = median(minimalLoads);
    const row = {
      entry: entries[i] as string,
      sizeKb: round(sizeKb, 0),
      loadMs: round(loadMs, 0),
      loadMsWithoutSourceMaps: round(median(withoutMaps), 0),
      sdkImports: minimal.imports,
      minimalLoadMs: round(minimalMs, 0),
      loadRatio: round(loadMs / minimalMs, 2),
    };
    log(
      `${row.entry}: ${row.sizeKb} KB, ${row.loadMs} ms (${row.loadMsWithoutSourceMaps} ms without source maps); ` +
        `minimal handler (${row.sdkImports.join(', ') || 'no SDK'}) ${row.minimalLoadMs} ms: ${row.loadRatio}×`,
    );
    return row;
  });

  const largest = Math.max(...rows.map((r) => r.sizeKb));
  const slowest = Math.max(...rows.map((r) => r.loadMs));
  const withinSize = rows.filter((r) => r.sizeKb <= SIZE_GOAL_KB).length;
  const withinLoad = rows.filter((r) => r.loadMs <= LOAD_GOAL_MS).length;
  const worstRatio = Math.max(...rows.map((r) => r.loadRatio));
  const withinRatio = rows.filter((r) => r.loadRatio <= LOAD_RATIO_GOAL).length;
  emit({
    id: '5',
    title: `Lambda bundles (${rows.length} functions): size and module-load time (median of ${RUNS})`,
    figures: [
      {
        measure: 'largest bundle',
        value: largest,
        unit: 'KB',
        goal: `≤ ${SIZE_GOAL_KB} KB`,
        met: largest <= SIZE_GOAL_KB,
      },
      { measure: 'smallest bundle', value: Math.min(...rows.map((r) => r.sizeKb)), unit: 'KB' },
      {
        measure: `bundles within ${SIZE_GOAL_KB} KB`,
        value: withinSize,
        unit: `of ${rows.length}`,
      },
      {
        measure: 'slowest module load (source maps on)',
        value: slowest,
        unit: 'ms',
        goal: `≤ ${LOAD_GOAL_MS} ms`,
        met: slowest <= LOAD_GOAL_MS,
      },
      {
        measure: 'fastest module load (source maps on)',
        value: Math.min(...rows.map((r) => r.loadMs)),
        unit: 'ms',
      },
      { measure: `loads within ${LOAD_GOAL_MS} ms`, value: withinLoad, unit: `of ${rows.length}` },
      {
        measure:
          'worst module load ÷ its minimal handler’s (the SDK packages it imports, nothing else)',
        value: worstRatio,
        unit: '×',
        goal: `≤ ${LOAD_RATIO_GOAL}×`,
        met: worstRatio <= LOAD_RATIO_GOAL,
      },
      {
        measure: `loads within ${LOAD_RATIO_GOAL}× their minimal handler’s`,
        value: withinRatio,
        unit: `of ${rows.length}`,
      },
    ],
    details: { runs: RUNS, functions: rows },
  });
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
