import { CfnOutput, Stack } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type Node } from 'constructs';
import type { CodeAccess } from './access.ts';

/** How this deployment sends mail, from the CDK context (see `mailSettings`). */
export interface MailSettings {
  /** The domain notices are sent from: the SES domain identity (publish its DKIM records). */
  domain: string;
  /** The sender address; default `noreply@<domain>`. */
  from: string;
  /** `ses`, or `smtp` where SES is not offered (AWS China regions). */
  transport: 'ses' | 'smtp';
  /** The account's sending rate, mails per second (SES sandbox: 1). */
  ratePerSecond: number;
  smtp?: { host: string; port: number; user: string; secretArn: string };
}

const HOW =
  'Set it on the command line (`npx cdk deploy -c mailDomain=elections.example.org`, or ' +
  '`-c mailFrom=noreply@elections.example.org`) or in cdk.context.json ' +
  '(`{ "mailDomain": "elections.example.org" }`).';

/**
 * The mail settings from the context; refuses to go on without a real sender domain (there is
 * no placeholder: a stack sending from a domain nobody owns sends nothing that arrives).
 */
export function mailSettings(node: Node): MailSettings {
  const text = (key: string): string | undefined => {
    const value = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`context ${key} must be a string`);
    return value.trim();
  };
  const from = text('mailFrom');
  const domain = text('mailDomain') ?? from?.split('@')[1];
  if (!domain) {
    throw new Error(
      `context mailDomain (or mailFrom) is missing: the domain notices are sent from. ${HOW}`,
    );
  }
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(domain)) {
    throw new Error(`context mailDomain ${domain} is not a domain name. ${HOW}`);
  }
  const transport = text('mailTransport') ?? 'ses';
  if (transport !== 'ses' && transport !== 'smtp') {
    throw new Error(`context mailTransport must be ses or smtp, not ${transport}`);
  }
  const rate = Number(node.tryGetContext('mailRatePerSecond') ?? 1);
  if (!(rate > 0)) throw new Error('context mailRatePerSecond must be a positive number');
  const settings: MailSettings = {
    domain,
    from: from ?? `noreply@${domain}`,
    transport,
    ratePerSecond: rate,
  };
  if (transport === 'smtp') {
    const host = text('smtpHost');
    const user = text('smtpUser');
    const secretArn = text('smtpSecretArn');
    if (!host || !user || !secretArn) {
      throw new Error(
        'context mailTransport=smtp needs smtpHost, smtpUser and smtpSecretArn (a Secrets ' +
          'Manager secret holding the password), and optionally smtpPort (465)',
      );
    }
    settings.smtp = { host, user, secretArn, port: Number(text('smtpPort') ?? 465) };
  }
  return settings;
}

/**
 * Mail on AWS. With SES: the domain identity (Easy DKIM; its three CNAME records are stack
 * outputs), a configuration set named on every send whose bounces and complaints go to the
 * default event bus (SES accepts no other), and a rule that hands them to the feedback handler
 * (functions/events/mail-feedback.ts). EventBridge rather than SNS: no topic to encrypt and
 * subscribe, the event is SES's JSON as it is, and EventBridge retries a failed delivery for a
 * day. With SMTP: the server's settings and the password's secret.
 */
export class ElectionMail extends Construct {
  readonly settings: MailSettings;
  /** What every function that may send mail gets in its environment. */
  readonly environment: Record<string, string>;
  readonly identity?: EmailIdentity;
  readonly configurationSet?: ConfigurationSet;

  constructor(scope: Construct, id: string, settings: MailSettings) {
    super(scope, id);
    this.settings = settings;
    this.environment = {
      ZX_MAIL_FROM: settings.from,
      ZX_MAIL_TRANSPORT: settings.transport,
      ZX_MAIL_RATE: String(settings.ratePerSecond),
    };
    if (settings.smtp) {
      Object.assign(this.environment, {
        ZX_SMTP_HOST: settings.smtp.host,
        ZX_SMTP_PORT: String(settings.smtp.port),
        ZX_SMTP_USER: settings.smtp.user,
        ZX_SMTP_SECRET_ARN: settings.smtp.secretArn,
      });
      return;
    }
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      // An address that bounced or complained is suppressed by SES too (a bounce event again).
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'Default', 'default')),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(settings.domain),
      configurationSet: this.configurationSet,
    });
    this.environment.ZX_MAIL_CONFIGURATION_SET = this.configurationSet.configurationSetName;
    const stack = Stack.of(this);
    this.identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(stack, `MailDkim${i + 1}Name`, {
        description: `DKIM CNAME ${i + 1} of 3 for ${settings.domain}: its name`,
        value: record.name,
      });
      new CfnOutput(stack, `MailDkim${i + 1}Value`, {
        description: `DKIM CNAME ${i + 1} of 3 for ${settings.domain}: its value`,
        value: record.value,
      });
    });
  }

  /**
   * Lets the function send as the sender with what its code calls (infra/access.ts): through SES
   * the send actions on the identity, through SMTP the read of the password's secret.
   */
  grantSend(grantee: IGrantable, access: Pick<CodeAccess, 'mail' | 'secrets'>): void {
    if (this.settings.smtp) {
      if (access.secrets.length === 0) return;
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({
          actions: access.secrets,
          resources: [this.settings.smtp.secretArn],
        }),
      );
      return;
    }
    if (access.mail.length === 0) return;
    const { identity, configurationSet } = this;
    if (!identity || !configurationSet) return;
    const stack = Stack.of(this);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: access.mail,
        // A send naming a configuration set is authorized on it as well as on the identity.
        resources: [
          identity.emailIdentityArn,
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: configurationSet.configurationSetName,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': this.settings.from } },
      }),
    );
  }

  /** Hands the configuration set's bounces and complaints to the handler (SES only). */
  deliverFeedbackTo(handler: IFunction, deadLetterQueue: IQueue): void {
    if (!this.configurationSet) return;
    new Rule(this, 'FeedbackRule', {
      description: 'SES bounces and complaints of the notices → mail-feedback',
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received'],
        detail: {
          mail: {
            tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] },
          },
        },
      },
      // EventBridge retries a failed delivery for a day; what it still cannot deliver is kept.
      targets: [new LambdaFunction(handler, { deadLetterQueue })],
    });
  }
}
