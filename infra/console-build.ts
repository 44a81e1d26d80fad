// The console's build (console/ → console/dist, Vite), made when missing or older than what it
// is built from: by `npm start`, by the tests that drive it, and by the CDK app that deploys it
// (infra/console.ts `consoleAssets`); and the policy both serve it with. No CDK here: the local
// stack imports this too.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONSOLE_DIST = join(ROOT, 'console', 'dist');
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
 * console/dist, built first when stale (~4 s), so a fresh clone needs no extra step. The build
 * talks on stderr: the CDK CLI reads the app's stdout.
 */
export function ensureConsoleBuilt(log: (line: string) => void = console.error): string {
  const inputs = CONSOLE_INPUTS.map((input) => join(ROOT, input));
  if (consoleBuildIsStale(CONSOLE_DIST, inputs)) {
    log('building the console (npm run console:build)…');
    // Always the production build: under vitest NODE_ENV=test would make Vite build a test
    // bundle (React's development code, and every antd dialog labelled by the same `test-id`).
    execFileSync('npm', ['run', 'console:build'], {
      cwd: ROOT,
      stdio: ['ignore', 2, 2],
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  return CONSOLE_DIST;
}

/**
 * The console's Content-Security-Policy: the Vite build's own scripts only (no inline script,
 * no eval); Ant Design injects its CSS-in-JS as <style> elements, hence 'unsafe-inline' for
 * styles only; fetches to the same origin (the API) and to `connectOrigins`: Cognito (the OIDC
 * discovery document at `cognito-idp`, the token endpoint at the managed-login domain) and the
 * uploads bucket (a presigned POST goes straight to S3).
 */
export const consoleContentSecurityPolicy = (connectOrigins: readonly string[]): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connectOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
