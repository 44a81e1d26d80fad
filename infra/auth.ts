import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { Role } from '../shared/http/auth.ts';

/**
 * Who may call the API on AWS (SPEC §8: "on AWS a Cognito user pool issues them"). The claims
 * the API needs map onto Cognito like this:
 *   - `roles` → the user's groups (`cognito:groups`), one group per role;
 *   - `orgs`  → the custom attribute `custom:orgs` (comma-separated ids, or `*`), which only
 *     administrators can set: the app client may not write it.
 * Accounts are created by administrators (no self sign-up); MFA (TOTP) is required.
 */
export class ElectionUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
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
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions::AwsSolutions-COG8',
      reason:
        'Plus tier (threat protection) is billed per active user — every member of hundreds of ' +
        'organizations; accounts are admin-created, MFA is required and passwords are strong.',
    });
    this.client = this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      // Users may not grant themselves organizations: `custom:orgs` is read-only to them.
      writeAttributes: new ClientAttributes().withStandardAttributes({
        fullname: true,
        email: true,
      }),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ fullname: true, email: true, emailVerified: true })
        .withCustomAttributes('orgs'),
    });
    for (const role of Role.options) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `API role ${role} (SPEC §8)`,
      });
    }
  }
}
