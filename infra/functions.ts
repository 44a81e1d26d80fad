import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../shared/service.ts';

/** The repository root: entries are given relative to it (`functions/api/elections.ts`). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const RUNTIME = Runtime.NODEJS_24_X;

/**
 * esbuild's ESM output keeps CommonJS dependencies' `require` calls behind a shim that throws
 * ("Dynamic require of … is not supported") unless a real `require` is in scope.
 */
const REQUIRE_BANNER =
  "import { createRequire as zxCreateRequire } from 'node:module'; " +
  'const require = zxCreateRequire(import.meta.url);';

export interface ZxFunctionProps {
  /** Relative to the repository root; the module exports `handler`. */
  entry: string;
  description: string;
  timeout: Duration;
  environment?: Record<string, string>;
  /** Whether the bundle keeps the SMTP transport (nodemailer, ~240 KB): only where mail uses it. */
  withSmtp?: boolean;
}

/**
 * One Lambda function the way this product deploys them: Node 24 on ARM, bundled locally by
 * esbuild (no Docker) into minified ESM with source maps. The AWS SDK v3 is left out: the
 * Node 24 runtime provides it, and bundling it would make every function 0.8–1.2 MB (cold
 * starts grow with the bundle). The price is that the runtime's SDK version, not the one the
 * tests ran, is the one that runs; the SDK calls used (DynamoDB documents, SES v1 SendEmail,
 * Step Functions) are long-stable. Its role may write only its own log group (no AWS managed
 * policy); everything else is granted by the stack, per function.
 */
export function zxFunction(scope: Construct, id: string, props: ZxFunctionProps): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `${props.description} (Lambda execution role)`,
  });
  logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');
  const fn = new NodejsFunction(scope, id, {
    entry: `${ROOT}${props.entry}`,
    handler: 'handler',
    description: props.description,
    runtime: RUNTIME,
    architecture: Architecture.ARM_64,
    memorySize: 1024,
    timeout: props.timeout,
    // No reserved concurrency: it fails stack creation on accounts with a low concurrency
    // quota. Where one run at a time matters (the sweepers), a lease in the table ensures it.
    role,
    tracing: Tracing.ACTIVE,
    logGroup,
    depsLockFilePath: `${ROOT}package-lock.json`,
    projectRoot: ROOT,
    environment: {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      POWERTOOLS_LOG_LEVEL: 'INFO',
      ...props.environment,
    },
    bundling: {
      format: OutputFormat.ESM,
      mainFields: ['module', 'main'],
      target: 'node24',
      minify: true,
      // shared/notices/send-mail.ts: an SES deployment's bundles leave nodemailer out.
      define: { ZX_BUNDLE_SMTP: JSON.stringify(props.withSmtp ?? false) },
      sourceMap: true,
      sourcesContent: false,
      banner: REQUIRE_BANNER,
      // Explicit, though it is the default: the runtime's `@aws-sdk/*` are used.
      bundleAwsSDK: false,
    },
  });
  Validations.of(role).acknowledge({
    id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    reason:
      'Active tracing grants xray:PutTraceSegments and xray:PutTelemetryRecords, which take no ' +
      'resource ARN: AWS requires `*` for a function to send its traces.',
  });
  return fn;
}

/**
 * A function only ever invoked synchronously (by API Gateway or Step Functions): the caller
 * sees its failure and retries or answers; a dead-letter queue applies to asynchronous
 * invocations only, so it would never receive anything.
 */
export function invokedSynchronously(fn: NodejsFunction, by: string): void {
  Validations.of(fn).acknowledge({
    id: 'Serverless::Serverless-LambdaDLQ',
    reason: `Invoked synchronously by ${by}, which sees and handles its failures; a DLQ catches only asynchronous invocations.`,
  });
}
