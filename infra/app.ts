// The CDK app (`cdk.json` runs it: `npx cdk synth`): one stack, checked by cdk-nag.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { Quotas } from '../shared/rules/pace.ts';
import { signInFromContext } from './auth.ts';
import { consoleAssets, consoleFromContext } from './console.ts';
import type { ApiDomainProps } from './edge.ts';
import { mailSettings } from './mail.ts';
import { ZxElectionStack } from './stack.ts';

export const STACK_NAME = 'ZxElectionStack';

/** The app as `cdk synth` builds it; tests pass `context` (e.g. to skip bundling). */
export function createApp(props: AppProps = {}): { app: App; stack: ZxElectionStack } {
  const app = new App(props);
  // No default domain: refuses to synthesize without one, and says how to give it.
  const mail = mailSettings(app.node);
  const alarmEmail = app.node.tryGetContext('alarmEmail');
  const apiDomain = apiDomainContext(app);
  const stack = new ZxElectionStack(app, STACK_NAME, {
    description: '公推直选 — election workflow for grassroots Party organizations',
    mail,
    // `-c encryptionKey=true` arrives as a string.
    encryptionKey: String(app.node.tryGetContext('encryptionKey')) === 'true',
    alarmEmail: typeof alarmEmail === 'string' && alarmEmail ? alarmEmail : undefined,
    // Sign-in (issue 13 point 6) and the test clock (point 7): see infra/auth.ts, docs/deploy.md.
    signIn: signInFromContext(app.node),
    testClock: [true, 'true'].includes(app.node.tryGetContext('testClock')),
    apiDomain,
    quotas: quotasContext(app),
    // The console's build (run first if stale), domain and web ACL: infra/console*.ts.
    console: { assets: consoleAssets(app.node, STACK_NAME), ...consoleFromContext(app.node) },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}

/**
 * `-c quotas='{"mailsPerDay":1000000}'`: the account's quotas where they differ from AWS's
 * defaults (shared/rules/pace.ts DEFAULT_QUOTAS; SES's rate is context mailRatePerSecond).
 */
function quotasContext(app: App): Partial<Quotas> | undefined {
  const given = app.node.tryGetContext('quotas');
  if (given === undefined) return undefined;
  return Quotas.partial().parse(typeof given === 'string' ? JSON.parse(given) : given);
}

/** `apiDomain` + `certificateArn` (+ `hostedZoneId`): both or neither (infra/edge.ts). */
function apiDomainContext(app: App): ApiDomainProps | undefined {
  const text = (key: string): string | undefined => {
    const value = app.node.tryGetContext(key);
    return typeof value === 'string' && value ? value : undefined;
  };
  const [domainName, certificateArn] = [text('apiDomain'), text('certificateArn')];
  if (!domainName && !certificateArn) {
    if (text('hostedZoneId')) throw new Error('context hostedZoneId is given without apiDomain');
    return undefined;
  }
  if (!domainName || !certificateArn) {
    throw new Error(
      'context apiDomain and certificateArn go together (`cdk synth -c apiDomain=zx.example.org -c certificateArn=arn:aws:acm:…`)',
    );
  }
  const hostedZoneId = text('hostedZoneId');
  return { domainName, certificateArn, ...(hostedZoneId ? { hostedZoneId } : {}) };
}

// Run by the CDK CLI (`npx tsx infra/app.ts`): the app synthesizes itself on exit.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  createApp();
}
