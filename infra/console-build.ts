import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The console's sources and its Vite build (served at /console/ locally and from S3). */
export const CONSOLE_DIR = resolve(import.meta.dirname, '..', 'console');
export const CONSOLE_DIST = join(CONSOLE_DIR, 'dist');

/** The newest modification time among a folder's files (what a build depends on). */
const newest = (path: string): number => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
};

/**
 * The console bundles the shared schemas, rules and words it imports, so `shared/` counts too:
 * a build older than any of these files is stale.
 */
const SOURCES = [
  join(CONSOLE_DIR, 'src'),
  join(CONSOLE_DIR, 'index.html'),
  join(CONSOLE_DIR, 'vite.config.ts'),
  resolve(CONSOLE_DIR, '..', 'shared'),
];

export const consoleBuildIsCurrent = (): boolean => {
  const built = join(CONSOLE_DIST, 'index.html');
  if (!existsSync(built)) return false;
  return statSync(built).mtimeMs >= Math.max(...SOURCES.filter(existsSync).map(newest));
};

/**
 * Builds the console when its build is missing or older than its sources (`npm start`, the CDK
 * app), so a fresh clone needs no extra step; answers the built folder.
 */
export const ensureConsoleBuilt = (log: (line: string) => void = console.log): string => {
  if (!consoleBuildIsCurrent()) {
    log('building the console (vite build console/)…');
    execFileSync(process.execPath, [viteBin(), 'build', '--logLevel', 'warn'], {
      cwd: CONSOLE_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  return CONSOLE_DIST;
};

/** Vite's command-line entry, run with this Node (the project's pinned one). */
const viteBin = (): string => resolve(CONSOLE_DIR, '..', 'node_modules', 'vite', 'bin', 'vite.js');
