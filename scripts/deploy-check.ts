// Checks a production deployment before `npx cdk deploy` (docs/deploy.md):
//   npm run deploy:check [-- --context cdk.context.json] [--no-bundling]
// Synthesizes the stack with the production context exactly as the CDK CLI would (cdk-nag's
// AwsSolutions and Serverless packs included) and fails on a missing or placeholder value, the
// test clock, any cdk-nag finding (error or warning) and any warning a construct reports.
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../infra/app.ts';

/** What production needs, and why: a stack without them deploys but does not serve people. */
export const REQUIRED_CONTEXT: Record<string, string> = {
  mailDomain: 'the SES domain notices are sent from (or mailFrom, an address of it)',
  authDomainPrefix: 'the Cognito managed-login domain prefix: without it nobody can sign in',
  apiDomain: 'the API’s own domain: links in official mail must not carry an execute-api host',
  certificateArn: 'the ACM certificate of apiDomain, in the stack’s region',
  alarmEmail: 'who the alarms mail: an unread alarm stalls elections unseen',
};

/** Values nobody deploys on purpose: template markers and names reserved for examples. */
const PLACEHOLDER =
  /[<>]|\b(TODO|TBD|CHANGE[-_ ]?ME|REPLACE[-_ ]?ME|FIXME)\b|x{3,}|\b(example\.(com|org|net)|[\w-]+\.(example|test|invalid|localhost))\b|\b(123456789012|000000000000)\b/i;

export interface CheckResult {
  problems: string[];
  /** What was checked, for the report (when synthesis got that far). */
  summary?: { functions: number; alarms: number; outputs: string[] };
}

const placeholdersIn = (value: unknown, path: string): string[] => {
  if (typeof value === 'string') {
    return PLACEHOLDER.test(value) ? [`${path} is a placeholder: ${JSON.stringify(value)}`] : [];
  }
  if (Array.isArray(value))
    return value.flatMap((item, i) => placeholdersIn(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => placeholdersIn(item, `${path}.${key}`));
  }
  return [];
};

/** The context's own problems: missing, placeholder, or a test-only setting. */
export const contextProblems = (context: Record<string, unknown>): string[] => {
  const given = (key: string) => context[key] !== undefined && context[key] !== '';
  const missing = Object.entries(REQUIRED_CONTEXT)
    .filter(([key]) => !(given(key) || (key === 'mailDomain' && given('mailFrom'))))
    .map(([key, why]) => `context ${key} is missing: ${why}`);
  const testClock = [true, 'true'].includes(context.testClock as never)
    ? ['context testClock is on: requests could set dayLengthMs (test stacks only)']
    : [];
  return [
    ...missing,
    ...Object.entries(context).flatMap(([key, value]) => placeholdersIn(value, key)),
    ...testClock,
  ];
};

/**
 * Synthesizes with `context` and answers every problem found; none means the deployment is
 * ready as far as can be told without an AWS account. `bundling: false` skips esbuild (tests).
 */
export const deployCheck = (
  context: Record<string, unknown>,
  { bundling = true }: { bundling?: boolean } = {},
): CheckResult => {
  const problems = contextProblems(context);
  const outdir = mkdtempSync(join(tmpdir(), 'zx-deploy-check-'));
  try {
    const { app, stack } = createApp({
      outdir,
      context: { ...context, ...(bundling ? {} : { 'aws:cdk:bundling-stacks': [] }) },
    });
    let assembly: ReturnType<typeof app.synth> | undefined;
    try {
      assembly = app.synth();
    } catch (error) {
      problems.push(`synth failed: ${firstLines(error)}`);
    }
    const report = join(outdir, 'validation-report.json');
    if (existsSync(report)) {
      const { pluginReports } = JSON.parse(readFileSync(report, 'utf8')) as {
        pluginReports: { pluginName: string; violations: NagViolation[] }[];
      };
      for (const plugin of pluginReports) {
        for (const violation of plugin.violations) {
          const where = violation.violatingConstructs.map((c) => c.constructPath).join(', ');
          problems.push(
            `cdk-nag ${plugin.pluginName} ${violation.severity} ${violation.ruleName}: ${violation.description} (${where})`,
          );
        }
      }
    }
    if (!assembly) return { problems };
    const artifact = assembly.getStackByName(stack.stackName);
    for (const message of artifact.messages) {
      if (message.level !== 'info') {
        problems.push(`${message.level} at ${message.id}: ${String(message.entry.data)}`);
      }
    }
    const resources = Object.values(
      (artifact.template as { Resources: Record<string, { Type: string }> }).Resources,
    );
    return {
      problems,
      summary: {
        functions: resources.filter((r) => r.Type === 'AWS::Lambda::Function').length,
        alarms: resources.filter((r) => r.Type === 'AWS::CloudWatch::Alarm').length,
        outputs: Object.keys((artifact.template as { Outputs?: object }).Outputs ?? {}),
      },
    };
  } catch (error) {
    return { problems: [...problems, `the app refused the context: ${firstLines(error)}`] };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};

interface NagViolation {
  ruleName: string;
  description: string;
  severity: string;
  violatingConstructs: { constructPath: string }[];
}

const firstLines = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 6).join(' | ');

/** The production context: a JSON object of context keys (what `cdk.context.json` holds). */
export const readContext = (file: string): Record<string, unknown> => {
  if (!existsSync(file)) {
    throw new Error(
      `no production context at ${file}: copy deploy/production.example.json there and put your own values in it`,
    );
  }
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${file} must hold one JSON object of context keys`);
  }
  return parsed as Record<string, unknown>;
};

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      context: { type: 'string', default: 'cdk.context.json' },
      'no-bundling': { type: 'boolean', default: false },
    },
  });
  let result: CheckResult;
  try {
    result = deployCheck(readContext(values.context), { bundling: !values['no-bundling'] });
  } catch (error) {
    result = { problems: [firstLines(error)] };
  }
  if (result.problems.length > 0) {
    process.stderr.write(`deploy:check FAILED (${values.context}):\n`);
    for (const problem of result.problems) process.stderr.write(`  - ${problem}\n`);
    process.exit(1);
  }
  const { functions = 0, alarms = 0, outputs = [] } = result.summary ?? {};
  process.stdout.write(
    `deploy:check passed (${values.context}): ${functions} functions, ${alarms} alarms, ` +
      `cdk-nag AwsSolutions and Serverless clean; outputs: ${outputs.join(', ')}\n`,
  );
}
