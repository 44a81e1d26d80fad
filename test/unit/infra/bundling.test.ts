// Proves a function bundles offline with the local esbuild (no Docker) into one minified ESM file
// with its source map, holding every package but the AWS SDK (the Lambda runtime provides it),
// that Node 24 loads and that exports `handler`.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { afterAll, expect, it } from 'vitest';
import { ROOT, zxFunction } from '../../../infra/functions.ts';

const outdir = mkdtempSync(join(tmpdir(), 'zx-bundle-test-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

it('bundles a workflow task into one ESM file that loads with only the AWS SDK beside it', async () => {
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
  // Minified: lines a thousand characters long or more (template literals keep a few line breaks).
  expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
  // The AWS SDK is imported, not inside; nothing else is.
  const imported = [...code.matchAll(/from\s*"([^"]+)"/g)].map((m) => m[1] as string);
  expect(imported.some((name) => name.startsWith('@aws-sdk/'))).toBe(true);
  expect(imported.filter((name) => !/^(@aws-sdk\/|node:)/.test(name))).toEqual([]);
  expect(code).not.toContain('DynamoDBDocumentClient.from=');
  // Out of the repository, with only the SDK beside it (as the runtime has it), it loads.
  mkdirSync(join(outdir, 'node_modules'));
  symlinkSync(join(ROOT, 'node_modules', '@aws-sdk'), join(outdir, 'node_modules', '@aws-sdk'));
  const module = await import(pathToFileURL(bundle).href);
  expect(typeof module.handler).toBe('function');
}, 60_000);

it('leaves nodemailer out of the bundles of an SES deployment, and in where mail goes by SMTP', () => {
  const sourcesOf = (withSmtp: boolean) => {
    const dir = mkdtempSync(join(outdir, 'mail-'));
    const app = new App({ outdir: dir, builtinCloudFormationValidation: false });
    zxFunction(new Stack(app, 'Mail'), 'Halt', {
      entry: 'functions/tasks/halt.ts',
      description: 'bundling test (sends mail)',
      timeout: Duration.seconds(10),
      withSmtp,
    });
    app.synth();
    const [assetDir] = readdirSync(dir).filter((name) => name.startsWith('asset.'));
    const map = JSON.parse(readFileSync(join(dir, String(assetDir), 'index.mjs.map'), 'utf8'));
    return map.sources as string[];
  };
  const nodemailer = (sources: string[]) =>
    sources.some((s) => s.includes('node_modules/nodemailer/'));
  expect(nodemailer(sourcesOf(false))).toBe(false);
  expect(nodemailer(sourcesOf(true))).toBe(true);
}, 120_000);
