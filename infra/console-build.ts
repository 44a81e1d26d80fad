// The console build the stack deploys (infra/app.ts): `cdk synth` and `cdk deploy` from a fresh
// clone build `console/` first (`npm run console:build` → console/dist) when the build is missing
// or older than what it is built from. Like the functions' bundling, skipped when the CDK skips
// bundling (tests, `cdk ls`): the stack then carries a placeholder page.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, matchesGlob, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import type { Node } from 'constructs';
import { CONSOLE_PLACEHOLDER } from './console.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What the build reads: the console, the API schemas it imports, the installed packages. */
export const CONSOLE_INPUTS = ['console', 'shared', 'functions/api', 'package-lock.json'];
/** Never inputs: the build's own output and installed packages. */
const NOT_INPUTS = new Set(['dist', 'node_modules']);

/** The newest modification time (ms) of any file under `paths`; 0 when none exists. */
export function newestChange(paths: readonly string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      return;
    }
    for (const entry of readdirSync(path)) {
      if (!NOT_INPUTS.has(entry)) visit(join(path, entry));
    }
  };
  for (const path of paths) visit(path);
  return newest;
}

/** Whether `dist` must be (re)built: no index.html, or one older than any input. */
export function consoleBuildIsStale(dist: string, inputs: readonly string[]): boolean {
  const index = join(dist, 'index.html');
  return !existsSync(index) || statSync(index).mtimeMs < newestChange(inputs);
}

/**
 * The directory to deploy: context `consoleAssets` when given (a build made elsewhere, e.g. by
 * CI, or a test's fake); the placeholder when bundling is skipped for `stackName`; otherwise
 * console/dist, built first if stale.
 */
export function consoleAssets(node: Node, stackName: string): string {
  const given = node.tryGetContext('consoleAssets');
  if (typeof given === 'string' && given) return resolve(given);
  const bundling = (node.tryGetContext(BUNDLING_STACKS) ?? ['**']) as string[];
  if (!bundling.some((pattern) => matchesGlob(stackName, pattern))) return CONSOLE_PLACEHOLDER;
  const dist = join(ROOT, 'console', 'dist');
  if (
    consoleBuildIsStale(
      dist,
      CONSOLE_INPUTS.map((input) => join(ROOT, input)),
    )
  ) {
    // stdout is the CDK CLI's: the build talks on stderr.
    execFileSync('npm', ['run', 'console:build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  }
  return dist;
}
