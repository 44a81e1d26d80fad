// What the infra tests share: the whole stack synthesized as `cdk synth` runs it (cdk-nag
// included) with bundling skipped — bundling.test.ts bundles a function for real — and the
// ApiOnly stack, the API alone around inline functions: cheap to build in many shapes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { afterAll } from 'vitest';
import { ElectionApi, type ElectionApiProps, type RouteGroups } from '../../infra/api.ts';
import { createApp } from '../../infra/app.ts';

export type Json = Record<string, unknown>;
export interface Resource {
  id: string;
  Type: string;
  Properties: Json;
  DeletionPolicy?: string;
  DependsOn?: string[];
}

/** A template's resources of one CloudFormation type, each with its logical id. */
/** What every bucket of the stack is: no public access, S3-managed encryption, no ACLs. */
export const PRIVATE_BUCKET = {
  PublicAccessBlockConfiguration: {
    BlockPublicAcls: true,
    BlockPublicPolicy: true,
    IgnorePublicAcls: true,
    RestrictPublicBuckets: true,
  },
  BucketEncryption: {
    ServerSideEncryptionConfiguration: [
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ],
  },
  OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
};

export const resourcesOfType = (template: Template, type: string): Resource[] =>
  Object.entries(template.toJSON().Resources as Record<string, Omit<Resource, 'id'>>)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => ({ id, ...r }));

/**
 * The file's synth: each call synthesizes the whole stack into a directory of its own, removed
 * after the file's tests. A sender domain is given unless the context names one (no synth
 * without it).
 */
export const useSynth = (name: string) => {
  const outdirs: string[] = [];
  afterAll(() => {
    for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
  });
  const newOutdir = () => {
    const outdir = mkdtempSync(join(tmpdir(), `zx-${name}-test-`));
    outdirs.push(outdir);
    return outdir;
  };
  const synth = (context: Json = {}) => {
    const outdir = newOutdir();
    const { app, stack } = createApp({
      outdir,
      context: { 'aws:cdk:bundling-stacks': [], mailDomain: 'mail.example.org', ...context },
    });
    const template = Template.fromJSON(app.synth().getStackByName(stack.stackName).template);
    return {
      stack,
      template,
      /** Every resource by logical id. */
      resources: template.toJSON().Resources as Record<string, Omit<Resource, 'id'>>,
      ofType: (type: string) => resourcesOfType(template, type),
      idOf: (construct: { node: { defaultChild?: unknown } }) =>
        stack.getLogicalId(construct.node.defaultChild as never),
      /** One cdk-nag rule pack's report (`AwsSolutions`, `Serverless`), as the synth wrote it. */
      nagReport: (pluginName: string) => {
        const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
        return report.pluginReports.find((r: Json) => r.pluginName === pluginName);
      },
    };
  };
  /** A directory of its own, for an app a test builds by hand. */
  return Object.assign(synth, { outdir: newOutdir });
};

/** The API alone, around an inline function per route group, without the rest of the stack. */
export const apiOnly = (groups: RouteGroups, domain?: ElectionApiProps['domain']) => {
  const stack = new Stack(new App(), 'ApiOnly');
  const functions = Object.fromEntries(
    Object.keys(groups).map((name) => [
      name,
      new LambdaFunction(stack, `Fn-${name}`, {
        runtime: Runtime.NODEJS_24_X,
        handler: 'index.handler',
        code: Code.fromInline('export const handler = async () => ({});'),
      }),
    ]),
  );
  const userPool = new UserPool(stack, 'Pool');
  const api = new ElectionApi(stack, 'Api', {
    groups,
    functions,
    userPool,
    userPoolClient: userPool.addClient('Client'),
    domain,
  });
  return { stack, functions, userPool, api, template: Template.fromStack(stack) };
};
