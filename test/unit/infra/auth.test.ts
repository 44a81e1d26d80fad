// Proves sign-in on AWS (issue 13 points 6–7) in the synthesized stack: Cognito's managed login
// (v2) with the authorization-code flow only, a public client (no secret: PKCE), callback URLs
// from the context; the pre-token-generation trigger (V2_0) wired; invitations and codes sent
// through SES from the stack's sender, in Chinese; the functions told they run on AWS, and the
// test clock only with the context. Without the sign-in context: no OAuth at all.
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { type Json, useSynth } from '../../support/cdk-synth.ts';

const synthStack = useSynth('auth');
/** The stack, and each resource of a type as its properties beside its logical id. */
const synth = (context: Json) => {
  const { stack, template, ofType } = synthStack(context);
  const propertiesOf = (type: string) =>
    ofType(type).map(({ id, Properties }): Json & { id: string } => ({ id, ...Properties }));
  return { stack, template, ofType: propertiesOf };
};

const CALLBACKS = ['https://app.example.org/callback', 'http://localhost:5173/callback'];
const production = synth({
  authDomainPrefix: 'zx-gongtui',
  authCallbackUrls: CALLBACKS.join(','),
});
const [client = { id: '' } as Json] = production.ofType('AWS::Cognito::UserPoolClient');
const [pool = { id: '' } as Json] = production.ofType('AWS::Cognito::UserPool');

describe('managed login', () => {
  it('runs the authorization-code flow only (no implicit grant), with openid, email and profile', () => {
    expect(client).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect([...(client.AllowedOAuthScopes as string[])].sort()).toEqual([
      'email',
      'openid',
      'profile',
    ]);
  });

  it('is a public client without a secret (the browser app uses PKCE)', () => {
    expect(client.GenerateSecret).toBe(false);
  });

  it('takes the callback URLs from the context, and signs out to their origins', () => {
    expect(client.CallbackURLs).toEqual(CALLBACKS);
    expect(client.LogoutURLs).toEqual(['https://app.example.org/', 'http://localhost:5173/']);
    const explicit = synth({
      authDomainPrefix: 'zx-gongtui',
      authCallbackUrls: ['https://a.example.org/cb'],
      authLogoutUrls: 'https://a.example.org/bye',
    });
    expect(explicit.ofType('AWS::Cognito::UserPoolClient')[0]).toMatchObject({
      CallbackURLs: ['https://a.example.org/cb'],
      LogoutURLs: ['https://a.example.org/bye'],
    });
  }, 30_000);

  it('has a domain with the prefix from the context, on managed login version 2 with a style', () => {
    expect(production.ofType('AWS::Cognito::UserPoolDomain')).toEqual([
      expect.objectContaining({ Domain: 'zx-gongtui', ManagedLoginVersion: 2 }),
    ]);
    expect(production.ofType('AWS::Cognito::ManagedLoginBranding')).toEqual([
      expect.objectContaining({
        UseCognitoProvidedValues: true,
        ClientId: { Ref: client.id },
      }),
    ]);
  });

  it('refuses partial or bad sign-in context, naming the value', () => {
    expect(() => synth({ authCallbackUrls: CALLBACKS[0] })).toThrow(/authDomainPrefix/);
    expect(() => synth({ authDomainPrefix: 'my-cognito', authCallbackUrls: CALLBACKS[0] })).toThrow(
      /authDomainPrefix/,
    );
    expect(() =>
      synth({ authDomainPrefix: 'zx', authCallbackUrls: 'http://app.example.org/cb' }),
    ).toThrow(/authCallbackUrls.*https/);
  });

  it('without the context, the client has no OAuth at all (CDK would default to implicit)', () => {
    const plain = synth({});
    const [bare] = plain.ofType('AWS::Cognito::UserPoolClient');
    expect(bare?.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(bare?.AllowedOAuthFlows).toBeUndefined();
    expect(plain.ofType('AWS::Cognito::UserPoolDomain')).toEqual([]);
  }, 30_000);
});

describe('the pre-token-generation trigger', () => {
  it('is wired as V2_0 (access-token customization) to its own function on Node 24/ARM', () => {
    const triggerId = production.stack.getLogicalId(
      production.stack.users.tokenClaims.node.defaultChild as never,
    );
    expect(pool.LambdaConfig).toEqual({
      PreTokenGenerationConfig: {
        LambdaArn: { 'Fn::GetAtt': [triggerId, 'Arn'] },
        LambdaVersion: 'V2_0',
      },
    });
    expect(pool.UserPoolTier).toBe('ESSENTIALS');
    const fn = production.ofType('AWS::Lambda::Function').find((f) => f.id === triggerId);
    expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: 5 });
    production.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
    });
  });
});

describe('invitation and code mail', () => {
  it('goes through SES from the stack’s sender, with a Chinese sender name', () => {
    const email = pool.EmailConfiguration as Json;
    expect(email.EmailSendingAccount).toBe('DEVELOPER');
    expect(email.From).toBe(
      `=?UTF-8?B?${Buffer.from('公推直选系统').toString('base64')}?= <noreply@mail.example.org>`,
    );
    expect(JSON.stringify(email.SourceArn)).toContain(':identity/mail.example.org');
  });

  it('is written in Chinese, with the placeholders Cognito requires', () => {
    const invite = (pool.AdminCreateUserConfig as Json).InviteMessageTemplate as Json;
    expect(invite.EmailSubject).toMatch(/账号已开通/);
    expect(invite.EmailMessage).toMatch(/用户名:\{username\}.*临时密码:\{####\}/s);
    expect(invite.EmailMessage).toContain('https://app.example.org/');
    const verification = pool.VerificationMessageTemplate as Json;
    expect(verification).toMatchObject({ DefaultEmailOption: 'CONFIRM_WITH_CODE' });
    expect(verification.EmailSubject).toMatch(/验证码/);
    expect(verification.EmailMessage).toMatch(/验证码是 <b>\{####\}<\/b>.*重置密码/s);
  });
});

describe('the API functions’ environment', () => {
  const variables = (stack: ReturnType<typeof synth>['stack']) =>
    Object.values(stack.apiFunctions).map((fn) => {
      const cfn = fn.node.defaultChild as CfnFunction;
      return (stack.resolve(cfn.environment) as { variables: Record<string, unknown> }).variables;
    });

  it('tells every function it runs on AWS (verified Cognito claims, real days)', () => {
    for (const vars of variables(production.stack)) expect(vars.ZX_DEPLOYMENT).toBe('aws');
  });

  it('has no test clock without the testClock context, and ZX_TEST_CLOCK=1 with it', () => {
    const all = production.ofType('AWS::Lambda::Function');
    for (const fn of all) {
      expect(JSON.stringify(fn.Environment ?? {}), fn.id).not.toContain('ZX_TEST_CLOCK');
    }
    // `-c testClock=true` arrives as a string (cdk.json may give the boolean).
    const test = synth({ testClock: 'true' });
    for (const vars of variables(test.stack)) expect(vars.ZX_TEST_CLOCK).toBe('1');
  }, 30_000);
});
