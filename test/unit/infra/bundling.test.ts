// Proves a function bundles offline with the local esbuild (no Docker) into a self-contained,
// minified ESM file with its source map, that Node 24 loads and that exports `handler`.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { afterAll, expect, it } from 'vitest';
import { zxFunction } from '../../../infra/functions.ts';

const outdir = mkdtempSync(join(tmpdir(), 'zx-bundle-test-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

it('bundles a workflow task into one ESM file that loads without node_modules', async () => {
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Bundle');
  zxFunction(stack, 'Task', {
    entry: 'functions/tasks/load-election.ts',
    description: 'bundling test',
    timeout: Duration.seconds(10),
  });
  app.synth();
  const [assetDir] = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
  expect(assetDir).toBeDefined();

  const bundle = join(outdir, String(assetDir), 'index.mjs');
  expect(existsSync(bundle)).toBe(true);
  expect(existsSync(`${bundle}.map`)).toBe(true);
  const code = readFileSync(bundle, 'utf8');
  expect(code.startsWith("import { createRequire as zxCreateRequire } from 'node:module';")).toBe(
    true,
  );
  // Minified: lines thousands of characters long (template literals keep a few line breaks).
  expect(code.length / code.split('\n').length).toBeGreaterThan(2000);
  // Copied out of the repository, it still loads: every package (the AWS SDK too) is inside.
  const module = await import(pathToFileURL(bundle).href);
  expect(typeof module.handler).toBe('function');
}, 60_000);
