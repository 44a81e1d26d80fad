// The CDK app (`cdk.json` runs it: `npx cdk synth`): one stack, checked by cdk-nag.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { mailSettings } from './mail.ts';
import { ZxElectionStack } from './stack.ts';

export const STACK_NAME = 'ZxElectionStack';

/** The app as `cdk synth` builds it; tests pass `context` (e.g. to skip bundling). */
export function createApp(props: AppProps = {}): { app: App; stack: ZxElectionStack } {
  const app = new App(props);
  // No default domain: refuses to synthesize without one, and says how to give it.
  const mail = mailSettings(app.node);
  const stack = new ZxElectionStack(app, STACK_NAME, {
    description: '公推直选 — election workflow for grassroots Party organizations',
    mailDomain: mail.domain,
    mailFrom: mail.from,
    mail,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

// Run by the CDK CLI (`npx tsx infra/app.ts`): the app synthesizes itself on exit.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  createApp();
}
