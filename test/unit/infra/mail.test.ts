// Proves the stack's mail on AWS: no synth without a sender domain (and the refusal says how to
// give one), the SES identity's DKIM records as outputs, a configuration set on the identity and
// named on every send, its bounces and complaints sent to the default event bus and from there
// to the feedback handler, send grants on the identity and the set; and with `mailTransport:
// smtp` no SES at all, the SMTP settings and the password's secret instead.
import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../infra/app.ts';
import { mailSettings } from '../../../infra/mail.ts';
import { type Json, useSynth } from '../../support/cdk-synth.ts';

const synth = useSynth('mail');

describe('synth without a sender domain', () => {
  it('is refused, and the error says how to set mailDomain', () => {
    expect(() =>
      createApp({ outdir: synth.outdir(), context: { 'aws:cdk:bundling-stacks': [] } }),
    ).toThrow(
      /mailDomain \(or mailFrom\) is missing.*npx cdk deploy -c mailDomain=.*cdk\.context\.json/,
    );
  });

  it('takes the domain from mailFrom when only that is given', () => {
    const app = new App({ context: { mailFrom: 'xuanju@dangjian.example.cn' } });
    expect(mailSettings(app.node)).toMatchObject({
      domain: 'dangjian.example.cn',
      from: 'xuanju@dangjian.example.cn',
      transport: 'ses',
      ratePerSecond: 1,
    });
  });

  it('refuses a domain that is no domain, and smtp without its server', () => {
    expect(() => mailSettings(new App({ context: { mailDomain: 'not a domain' } }).node)).toThrow(
      /not a domain name/,
    );
    const smtp = new App({ context: { mailDomain: 'a.example.cn', mailTransport: 'smtp' } });
    expect(() => mailSettings(smtp.node)).toThrow(/smtpHost, smtpUser and smtpSecretArn/);
  });
});

describe('mail through SES', () => {
  const { stack, template, ofType } = synth({
    mailDomain: 'mail.example.org',
    mailRatePerSecond: 14,
  });
  const idOfType = (type: string) => {
    const ids = ofType(type);
    expect(ids).toHaveLength(1);
    return ids[0]?.id;
  };
  const configSetId = idOfType('AWS::SES::ConfigurationSet');
  const identityId = idOfType('AWS::SES::EmailIdentity');

  it('has the domain identity with the configuration set as its default', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'mail.example.org',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configSetId } },
    });
  });

  it('outputs the three DKIM CNAME records, name and value', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const i of [1, 2, 3]) {
      expect(JSON.stringify(outputs[`MailDkim${i}Name`]?.Value)).toContain(`DkimDNSTokenName${i}`);
      expect(JSON.stringify(outputs[`MailDkim${i}Value`]?.Value)).toContain(
        `DkimDNSTokenValue${i}`,
      );
    }
  });

  it('sends bounces and complaints of the set to the default event bus', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: configSetId },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayEquals(['bounce', 'complaint']),
        EventBridgeDestination: {
          EventBusArn: Match.objectLike({
            'Fn::Join': Match.arrayWith([Match.arrayWith([':event-bus/default'])]),
          }),
        },
      },
    });
  });

  it('subscribes the feedback handler to those events of this set', () => {
    const handlerId = stack.getLogicalId(
      stack.node.findChild('MailFeedback').node.defaultChild as never,
    );
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: configSetId }] } } },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [handlerId, 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [handlerId, 'Arn'] },
      Principal: 'events.amazonaws.com',
    });
  });

  it('names the set, the rate and the transport in every sending function', () => {
    // Every function of the product (the Cognito trigger only edits tokens: it sends nothing).
    const functions = ofType('AWS::Lambda::Function').filter(
      (r) => (r.Properties.Environment as { Variables: Json }).Variables.ZX_TABLE,
    );
    expect(functions.length).toBeGreaterThan(10);
    for (const fn of functions) {
      expect((fn.Properties.Environment as { Variables: Json }).Variables).toMatchObject({
        ZX_MAIL_CONFIGURATION_SET: { Ref: configSetId },
        ZX_MAIL_TRANSPORT: 'ses',
        ZX_MAIL_RATE: '14',
        ZX_MAIL_FROM: 'noreply@mail.example.org',
      });
    }
  });

  it('grants ses:SendEmail on the identity and the configuration set, from the sender only', () => {
    const sends = ofType('AWS::IAM::Policy')
      .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Json[] }).Statement)
      .filter((s) => [s.Action].flat().includes('ses:SendEmail'));
    expect(sends.length).toBeGreaterThan(0);
    for (const statement of sends) {
      const text = JSON.stringify(statement.Resource);
      expect(text).toContain(`:identity/",{"Ref":"${identityId}"}`);
      expect(text).toContain(`:configuration-set/",{"Ref":"${configSetId}"}`);
      expect(statement.Condition).toEqual({
        StringEquals: { 'ses:FromAddress': 'noreply@mail.example.org' },
      });
    }
  });
});

describe('mail through SMTP (no SES in the region)', () => {
  const secretArn = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:zx-smtp-AbCdEf';
  const { template } = synth({
    mailDomain: 'dangjian.example.cn',
    mailTransport: 'smtp',
    smtpHost: 'smtp.example.cn',
    smtpUser: 'xuanju',
    smtpSecretArn: secretArn,
  });

  it('creates no SES resource and no feedback rule', () => {
    for (const type of ['AWS::SES::EmailIdentity', 'AWS::SES::ConfigurationSet']) {
      template.resourceCountIs(type, 0);
    }
    template.resourcePropertiesCountIs(
      'AWS::Events::Rule',
      { EventPattern: Match.objectLike({ source: ['aws.ses'] }) },
      0,
    );
  });

  it('gives the senders the SMTP settings and read access to the password secret only', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          ZX_MAIL_TRANSPORT: 'smtp',
          ZX_SMTP_HOST: 'smtp.example.cn',
          ZX_SMTP_PORT: '465',
          ZX_SMTP_USER: 'xuanju',
          ZX_SMTP_SECRET_ARN: secretArn,
        }),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'secretsmanager:GetSecretValue', Resource: secretArn }),
        ]),
      },
    });
  });
});
