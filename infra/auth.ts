import { Annotations, Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolEmail,
  UserPoolOperation,
  VerificationEmailStyle,
} from 'aws-cdk-lib/aws-cognito';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct, type Node } from 'constructs';
import * as z from 'zod';
import { Role } from '../shared/http/auth.ts';
import { invokedSynchronously, zxFunction } from './functions.ts';

/** Cognito's managed login for people (context `authDomainPrefix`, `authCallbackUrls`…). */
export interface SignInSettings {
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: unique in the region. */
  domainPrefix: string;
  /** Where Cognito may send the authorization code; none: the console's callback page. */
  callbackUrls?: string[];
  /** Where Cognito may send a signed-out user; default the callback URLs' origins. */
  logoutUrls?: string[];
}

// Cognito's rules: https (http only for localhost), no fragment.
const RedirectUrl = z
  .url({ protocol: /^https?$/ })
  .refine(
    (url) => url.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(url),
    { error: 'use https (http only for localhost)' },
  )
  .refine((url) => !url.includes('#'), { error: 'a redirect URL has no fragment (#)' });
const UrlList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((url) => url.trim()) : value),
  z.array(RedirectUrl).min(1),
);
const SignInContext = z.strictObject({
  domainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, {
      error: 'lower-case letters, digits and hyphens, at most 63',
    })
    .refine((prefix) => !/aws|amazon|cognito/.test(prefix), {
      error: 'Cognito refuses prefixes containing aws, amazon or cognito',
    }),
  callbackUrls: UrlList.optional(),
  logoutUrls: UrlList.optional(),
});

/**
 * The managed login settings from the context (`-c authDomainPrefix=zx-gongtui
 * [-c authCallbackUrls=https://app.example.org/callback] [-c authLogoutUrls=…]`; lists
 * comma-separated or JSON arrays in cdk.json; without URLs, the console's). None given:
 * undefined (no managed login); URLs without the prefix, or a bad value: an error saying which.
 */
export function signInFromContext(node: Node): SignInSettings | undefined {
  const raw = {
    domainPrefix: node.tryGetContext('authDomainPrefix'),
    callbackUrls: node.tryGetContext('authCallbackUrls'),
    logoutUrls: node.tryGetContext('authLogoutUrls'),
  };
  if (Object.values(raw).every((value) => value === undefined)) return undefined;
  const parsed = SignInContext.safeParse(raw);
  if (!parsed.success) {
    const names = { domainPrefix: 'authDomainPrefix', callbackUrls: 'authCallbackUrls' };
    const issues = parsed.error.issues.map((issue) => {
      const [field, ...rest] = issue.path;
      const name = names[field as keyof typeof names] ?? 'authLogoutUrls';
      return `${[name, ...rest].join('.')}: ${issue.message}`;
    });
    throw new Error(`context for sign-in is invalid: ${issues.join('; ')}`);
  }
  const { domainPrefix, callbackUrls, logoutUrls } = parsed.data;
  const logouts =
    logoutUrls ??
    (callbackUrls && [...new Set(callbackUrls.map((url) => `${new URL(url).origin}/`))]);
  return {
    domainPrefix,
    ...(callbackUrls ? { callbackUrls } : {}),
    ...(logouts ? { logoutUrls: logouts } : {}),
  };
}

export interface ElectionUserPoolProps {
  /** The sender of invitations and codes (an address of a domain the stack verifies in SES). */
  mailFrom: string;
  /** Managed login; none: the app client signs in by SRP only. */
  signIn?: SignInSettings;
  /**
   * The console (`https://<host>/console/`, a token until deploy): managed login returns to
   * its callback page and signs out to it unless the context names other URLs, and the
   * invitation mail links to it.
   */
  consoleUrl?: string;
}

/** The invitation and the code mail (verification and password reset), in Chinese. */
export const userPoolMessages = (appUrl: string | undefined) => ({
  invitation: {
    emailSubject: '公推直选系统:您的账号已开通',
    emailBody:
      '您好:<br><br>组织管理员已为您开通公推直选系统账号。<br>' +
      '用户名:{username}<br>临时密码:{####}<br><br>' +
      `请在 3 天内${appUrl ? `打开 <a href="${appUrl}">${appUrl}</a> ` : ''}登录,` +
      '按提示设置新密码并绑定身份验证器(两步验证)。临时密码过期后,请联系组织管理员重新发送。<br><br>' +
      '本邮件由系统自动发送,请勿回复。',
    smsMessage: '公推直选系统账号:用户名 {username},临时密码 {####}',
  },
  verification: {
    emailSubject: '公推直选系统:验证码',
    emailBody:
      '您好:<br><br>您的验证码是 <b>{####}</b>,用于验证邮箱或重置密码,请勿告诉他人。<br>' +
      '如非本人操作,请忽略本邮件并告知组织管理员。<br><br>本邮件由系统自动发送,请勿回复。',
    smsMessage: '公推直选系统验证码:{####}',
  },
});

/**
 * Who may call the API on AWS (SPEC §8: "on AWS a Cognito user pool issues them"). The claims
 * the API needs map onto Cognito like this:
 *   - `roles` → the user's groups (`cognito:groups`), one group per role;
 *   - `orgs`  → the custom attribute `custom:orgs` (comma-separated ids, or `*`), which only
 *     administrators can set: the app client may not write it.
 * The pre-token-generation trigger (functions/auth, event V2_0: Essentials customizes access
 * tokens) writes both as `roles`/`orgs` into the ID AND the access token, so the API reads
 * the same claims whichever token a client sends (shared/http/auth.ts `fromAuthorizer`).
 * Accounts are created by administrators (`npm run admin`, no self sign-up); MFA (TOTP) is
 * required; invitations and codes go out through SES from the stack's sender, in Chinese.
 * People sign in at Cognito's managed login (version 2) with the authorization-code flow:
 * the client is public (no secret, it runs in the browser), so it must use PKCE — Cognito
 * verifies a `code_challenge` when one is sent but cannot be told to require it.
 */
export class ElectionUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** Writes `roles` and `orgs` into both tokens. */
  readonly tokenClaims: NodejsFunction;
  readonly domain?: UserPoolDomain;
  /**
   * `https://<prefix>.auth.<region>.amazoncognito.com` (what `domain.baseUrl()` gives), built
   * from the prefix without referring to the domain resource: the console's distribution names
   * it in its CSP and must not wait for Cognito.
   */
  readonly signInOrigin?: string;

  constructor(scope: Construct, id: string, props: ElectionUserPoolProps) {
    super(scope, id);
    const { signIn, consoleUrl } = props;
    const contextUrl = signIn?.callbackUrls?.[0];
    const appUrl = contextUrl ? `${new URL(contextUrl).origin}/` : consoleUrl;
    const messages = userPoolMessages(appUrl);
    const callbackUrls =
      signIn?.callbackUrls ?? (consoleUrl ? [`${consoleUrl}callback`] : undefined);
    const logoutUrls = signIn?.logoutUrls ?? (consoleUrl ? [consoleUrl] : undefined);
    if (signIn && !callbackUrls) {
      throw new Error('context authCallbackUrls is missing and there is no console to return to');
    }
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      customAttributes: { orgs: new StringAttribute({ mutable: true, maxLen: 2048 }) },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      email: UserPoolEmail.withSES({
        fromEmail: props.mailFrom,
        fromName: '公推直选系统',
        sesVerifiedDomain: props.mailFrom.split('@').pop(),
        // The stack's own region (an env-agnostic stack knows it only at deploy time).
        sesRegion: Aws.REGION,
      }),
      userInvitation: messages.invitation,
      userVerification: { ...messages.verification, emailStyle: VerificationEmailStyle.CODE },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions::AwsSolutions-COG8',
      reason:
        'Plus tier (threat protection) is billed per active user — every member of hundreds of ' +
        'organizations; accounts are admin-created, MFA is required and passwords are strong.',
    });

    this.tokenClaims = zxFunction(this, 'TokenClaims', {
      entry: 'functions/auth/pre-token-generation.ts',
      description: 'Cognito pre-token-generation: roles and orgs into the ID and access tokens',
      // Cognito gives a trigger 5 s.
      timeout: Duration.seconds(5),
    });
    invokedSynchronously(this.tokenClaims, 'Cognito (a sign-in waits for it)');
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      this.tokenClaims,
      LambdaVersion.V2_0,
    );

    this.client = this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      // Public: a browser app keeps no secret; PKCE stands in for it.
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      // Without managed login, no OAuth at all (CDK's default would allow the implicit flow).
      ...(signIn
        ? {
            supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
            oAuth: {
              flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
              scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
              callbackUrls,
              logoutUrls,
            },
          }
        : { disableOAuth: true }),
      // Users may not grant themselves organizations: `custom:orgs` is read-only to them.
      writeAttributes: new ClientAttributes().withStandardAttributes({
        fullname: true,
        email: true,
      }),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ fullname: true, email: true, emailVerified: true })
        .withCustomAttributes('orgs'),
    });
    if (signIn) {
      this.signInOrigin = `https://${signIn.domainPrefix}.auth.${Stack.of(this).region}.amazoncognito.com`;
      this.domain = this.userPool.addDomain('Domain', {
        cognitoDomain: { domainPrefix: signIn.domainPrefix },
        managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
      });
      // Managed login v2 shows a client's pages only once it has a style: Cognito's own.
      const branding = new CfnManagedLoginBranding(this, 'Branding', {
        userPoolId: this.userPool.userPoolId,
        clientId: this.client.userPoolClientId,
        useCognitoProvidedValues: true,
      });
      branding.node.addDependency(this.domain);
    } else {
      Annotations.of(this).addWarningV2(
        'zx:no-managed-login',
        'No managed login: set context authDomainPrefix so people can sign in to the console',
      );
    }
    for (const role of Role.options) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `API role ${role} (SPEC §8)`,
      });
    }
  }
}
