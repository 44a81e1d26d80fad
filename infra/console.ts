import { existsSync } from 'node:fs';
import { join, matchesGlob, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Aws,
  type CfnElement,
  CfnOutput,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnRecordSet } from 'aws-cdk-lib/aws-route53';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { Construct, type Node } from 'constructs';
import type { ElectionUserPool } from './auth.ts';
import { consoleContentSecurityPolicy, ensureConsoleBuilt } from './console-build.ts';

/**
 * The organizer console on AWS (issue 14): the Vite build of `console/` in a private S3 bucket
 * behind one CloudFront distribution, which also routes the API's paths to the HTTP API — the
 * console and the API share an origin, so no CORS. Locally the HTTP adapter serves the same
 * build at the same path (infra/local/http-server.ts).
 */

/** Where the console lives, on both origins. */
export const CONSOLE_PATH = '/console/';
/** The path Cognito sends the authorization code to (oidc-client-ts completes sign-in there). */
export const CONSOLE_CALLBACK_PATH = `${CONSOLE_PATH}callback`;
/** Every top-level path of the HTTP API (SPEC §8): routed to the API, never cached. */
export const API_PATH_PATTERNS = ['/v1/*', '/approve/*', '/public/*', '/openapi.json'] as const;

/** What the stack is built with when bundling is skipped (tests, `cdk ls`): no Vite build. */
export const CONSOLE_PLACEHOLDER = fileURLToPath(new URL('./console-placeholder', import.meta.url));

/**
 * The directory to deploy: context `consoleAssets` when given (a build made elsewhere, e.g. by
 * CI, or a test's fake); the placeholder when bundling is skipped for `stackName`; otherwise
 * console/dist, built first if stale.
 */
export function consoleAssets(node: Node, stackName: string): string {
  const given = node.tryGetContext('consoleAssets');
  if (typeof given === 'string' && given) return resolve(given);
  const bundling = (node.tryGetContext(BUNDLING_STACKS) ?? ['**']) as string[];
  if (!bundling.some((pattern) => matchesGlob(stackName, pattern))) return CONSOLE_PLACEHOLDER;
  return ensureConsoleBuilt();
}

/**
 * The viewer-request function of the console behavior (cloudfront-js-2.0). `/` and `/console`
 * go to `/console/`; under `/console/` the build's files are `assets/…` (Vite's hashed chunks)
 * and `config.json`: every other path is a client-side route (`/console/elections/e1`,
 * `/console/organizations/sq.yangliu`, `/console/callback?code=…`) and gets index.html, the
 * same rule as the local adapter (infra/local/console-site.ts). A missing chunk stays a 403/404
 * rather than HTML parsed as JavaScript. This rewrites before S3 answers, so the API's 404s are never touched — which
 * distribution-wide custom error responses would do.
 */
export const CONSOLE_REQUEST_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '/console') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/console/' } } };
  }
  if (
    uri.indexOf('/console/') === 0 &&
    uri.indexOf('/console/assets/') !== 0 &&
    uri !== '/console/config.json'
  ) {
    request.uri = '/console/index.html';
  }
  return request;
}`;

/** The console's own domain (context consoleDomain, consoleCertificateArn). */
export interface ConsoleDomainProps {
  /** e.g. `xuanju.example.cn`: the console is then `https://<domainName>/console/`. */
  domainName: string;
  /** An ACM certificate for it in us-east-1: CloudFront takes certificates from there only. */
  certificateArn: string;
  /** A Route 53 zone holding the domain: the alias records are created there. */
  hostedZoneId?: string;
}

/** How the console is served, from the context (`consoleFromContext`) and the build. */
export interface ConsoleSettings {
  /** The built console (`console/dist`): index.html, and Vite's hashed files under assets/. */
  assets: string;
  domain?: ConsoleDomainProps;
  /** A WAF web ACL (WAFv2, scope CLOUDFRONT, so made in us-east-1) for the distribution. */
  webAclArn?: string;
}

export interface ElectionConsoleProps extends ConsoleSettings {
  /** The HTTP API: the origin of the API's paths. */
  api: HttpApi;
  /** The user pool: its client and managed login go into the console's config.json. */
  users: ElectionUserPool;
  /** Other origins the pages fetch from, besides Cognito's (the uploads bucket, infra/uploads.ts). */
  connectOrigins?: readonly string[];
}

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const US_EAST_1_CERTIFICATE = /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/;
const CLOUDFRONT_WEB_ACL = /^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[0-9a-f-]+$/;
/** The hosted zone of every CloudFront distribution, for alias records. */
const CLOUDFRONT_ZONE_ID = 'Z2FDTNDATAQYW2';

/**
 * The console's domain and web ACL from the context (`-c consoleDomain=xuanju.example.cn
 * -c consoleCertificateArn=arn:aws:acm:us-east-1:… [-c consoleHostedZoneId=…]
 * [-c consoleWebAclArn=arn:aws:wafv2:us-east-1:…:global/webacl/…]`), checked: a bad value
 * fails the synth naming it. The zone defaults to `hostedZoneId` (the API's).
 */
export function consoleFromContext(node: Node): Omit<ConsoleSettings, 'assets'> {
  const text = (key: string): string | undefined => {
    const value = node.tryGetContext(key);
    return typeof value === 'string' && value ? value : undefined;
  };
  const [domainName, certificateArn] = [text('consoleDomain'), text('consoleCertificateArn')];
  if (!domainName !== !certificateArn) {
    throw new Error(
      'context consoleDomain and consoleCertificateArn go together (the certificate in us-east-1)',
    );
  }
  if (domainName && !HOST.test(domainName)) {
    throw new Error(
      `context consoleDomain '${domainName}' is not a host name (e.g. xuanju.example.cn)`,
    );
  }
  if (certificateArn && !US_EAST_1_CERTIFICATE.test(certificateArn)) {
    throw new Error(
      `context consoleCertificateArn '${certificateArn}' is not an ACM certificate in us-east-1 ` +
        '(CloudFront takes certificates from us-east-1 only, whatever the stack’s region)',
    );
  }
  const webAclArn = text('consoleWebAclArn');
  if (webAclArn && !CLOUDFRONT_WEB_ACL.test(webAclArn)) {
    throw new Error(
      `context consoleWebAclArn '${webAclArn}' is not a CloudFront web ACL ` +
        '(arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)',
    );
  }
  const hostedZoneId = text('consoleHostedZoneId') ?? text('hostedZoneId');
  return {
    ...(domainName && certificateArn
      ? { domain: { domainName, certificateArn, ...(hostedZoneId ? { hostedZoneId } : {}) } }
      : {}),
    ...(webAclArn ? { webAclArn } : {}),
  };
}

/**
 * The bucket, the distribution and the deployment of the build with its runtime config.json.
 * Behaviors: the console (default, S3 through Origin Access Control, cached, security headers,
 * the SPA rewrite) and the API's paths (the HTTP API, never cached, every viewer header but
 * Host passed on — Authorization included, which CloudFront allows with caching disabled).
 */
export class ElectionConsole extends Construct {
  readonly bucket: Bucket;
  /** The distribution's and the buckets' access logs (infra/uploads.ts logs here too). */
  readonly accessLogs: Bucket;
  readonly distribution: Distribution;
  /** `https://<domain>/console/`: what people open, and what Cognito returns to. */
  readonly url: string;
  /** `https://<domain>`: the origin of the console's pages (CORS). */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: ElectionConsoleProps) {
    super(scope, id);
    if (!existsSync(join(props.assets, 'index.html'))) {
      throw new Error(
        `the console build ${props.assets} has no index.html (npm run console:build)`,
      );
    }
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are written with an ACL: the bucket must accept ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.accessLogs = logs;
    this.bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3-console/',
      // Only the build: `cdk deploy` puts it back. Retained like every bucket (docs/deploy.md).
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const { users } = props;
    const region = Stack.of(this).region;
    const signInOrigins = [`https://cognito-idp.${region}.${Aws.URL_SUFFIX}`];
    // From the prefix, not the domain resource: the distribution must not wait for Cognito,
    // whose client waits for the distribution (its callback URLs).
    if (users.signInOrigin) signInOrigins.push(users.signInOrigin);
    const connectOrigins = [...signInOrigins, ...(props.connectOrigins ?? [])];
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      // Names are per account: the stack and region keep two deployments apart.
      responseHeadersPolicyName: Fn.join('-', [Aws.STACK_NAME, 'console', Aws.REGION]),
      comment: '公推直选 console: CSP, HSTS, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleContentSecurityPolicy(connectOrigins),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: false,
          override: true,
        },
      },
    });
    const rewrite = new EdgeFunction(this, 'Rewrite', {
      comment: 'console: / to /console/, client-side routes to index.html',
      code: FunctionCode.fromInline(CONSOLE_REQUEST_FUNCTION),
      runtime: FunctionRuntime.JS_2_0,
    });

    const apiOrigin = new HttpOrigin(`${props.api.apiId}.execute-api.${region}.${Aws.URL_SUFFIX}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    const apiBehavior = {
      origin: apiOrigin,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      // A redirect would turn a POST into a GET: plain HTTP is refused instead.
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
    };
    const domain = props.domain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: '公推直选: the organizer console and the API',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: Object.fromEntries(API_PATH_PATTERNS.map((path) => [path, apiBehavior])),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // North America, Europe and Asia (Hong Kong, Taiwan, Japan, Singapore…): near the users.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(domain
        ? {
            domainNames: [domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    this.acknowledgeEdgeFindings(props);
    const host = domain?.domainName ?? this.distribution.distributionDomainName;
    this.origin = `https://${host}`;
    this.url = `${this.origin}${CONSOLE_PATH}`;
    if (domain?.hostedZoneId) {
      for (const type of ['A', 'AAAA']) {
        new CfnRecordSet(this, `Alias${type}`, {
          hostedZoneId: domain.hostedZoneId,
          name: `${domain.domainName}.`,
          type,
          aliasTarget: {
            dnsName: this.distribution.distributionDomainName,
            hostedZoneId: CLOUDFRONT_ZONE_ID,
          },
        });
      }
    } else if (domain) {
      new CfnOutput(Stack.of(this), 'ConsoleDomainTarget', {
        description: `DNS: CNAME ${domain.domainName} to this (no hosted zone given)`,
        value: this.distribution.distributionDomainName,
      });
    }

    this.deploy(props.assets, this.consoleConfig(users));
  }

  /** config.json, read by the console at start: where to sign in (locally the same shape). */
  private consoleConfig(users: ElectionUserPool) {
    const region = Stack.of(this).region;
    const logoutUrl = users.signInOrigin
      ? `${users.signInOrigin}/logout?client_id=${users.client.userPoolClientId}&logout_uri=${this.url}`
      : undefined;
    return {
      auth: {
        kind: 'cognito',
        authority: `https://cognito-idp.${region}.${Aws.URL_SUFFIX}/${users.userPool.userPoolId}`,
        clientId: users.client.userPoolClientId,
        redirectPath: CONSOLE_CALLBACK_PATH,
        ...(logoutUrl ? { logoutUrl } : {}),
      },
      // The API is on the same origin.
      api: '',
    };
  }

  /**
   * Two deployments, the standard split: Vite's content-hashed files under assets/ are cached
   * for a year and never pruned (a page loaded before a deploy still finds its chunks); the
   * rest (index.html, config.json, unhashed public files) is revalidated on every load and
   * pruned, and goes after the assets, so a new index.html never names a missing chunk.
   */
  private deploy(assets: string, config: object): void {
    // The deployments share one handler (CDK's, a singleton), hence one log group and one role:
    // our own, which writes to that group only (CDK's would carry AWSLambdaBasicExecutionRole).
    const logGroup = new LogGroup(this, 'DeploymentLogs', { retention: RetentionDays.ONE_YEAR });
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'copies the console build into its bucket (CDK BucketDeployment)',
    });
    logGroup.grantWrite(role);
    const common = { destinationBucket: this.bucket, logGroup, role, memoryLimit: 512 };
    const hashed = existsSync(join(assets, 'assets'))
      ? new BucketDeployment(this, 'DeployAssets', {
          ...common,
          sources: [Source.asset(join(assets, 'assets'))],
          destinationKeyPrefix: `${CONSOLE_PATH.slice(1)}assets/`,
          cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
          prune: false,
        })
      : undefined;
    const pages = new BucketDeployment(this, 'DeployPages', {
      ...common,
      sources: [
        Source.asset(assets, { exclude: ['assets'] }),
        Source.jsonData('config.json', config),
      ],
      destinationKeyPrefix: CONSOLE_PATH.slice(1),
      // Pruning here must not reach the hashed files of the other deployment.
      exclude: ['assets/*'],
      cacheControl: [CacheControl.noCache()],
    });
    if (hashed) pages.node.addDependency(hashed);
    this.acknowledgeDeploymentFindings(role);
  }

  /** CDK's BucketDeployment handler (a singleton at the stack's root). */
  get deploymentHandler(): LambdaFunction {
    const handler = Stack.of(this).node.children.find(
      (child) =>
        child instanceof LambdaFunction && child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!handler) throw new Error('the console has no BucketDeployment handler');
    return handler as LambdaFunction;
  }

  private acknowledgeDeploymentFindings(role: Role): void {
    const actions = ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'];
    const objects = [
      'arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      `<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/*`,
    ];
    acknowledge(role, {
      ...Object.fromEntries(
        actions.map((action) => [
          `AwsSolutions::AwsSolutions-IAM5[Action::${action}]`,
          "CDK's BucketDeployment grants: read on the CDK asset bucket, read-write on the " +
            'console bucket (sync and prune), on those two buckets only.',
        ]),
      ),
      ...Object.fromEntries(
        objects.map((resource) => [
          `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`,
          'The objects of the CDK asset bucket (the zipped build) and of the console bucket: ' +
            'the deployment copies whatever the build holds.',
        ]),
      ),
    });
    const runtime =
      "CDK's BucketDeployment handler: aws-cdk-lib picks its runtime (Python with the AWS CLI " +
      'layer) and moves it forward with each release.';
    acknowledge(this.deploymentHandler, {
      'AwsSolutions::AwsSolutions-L1': runtime,
      'Serverless::Serverless-LambdaLatestVersion': runtime,
      'Serverless::Serverless-LambdaDLQ':
        'Invoked synchronously by CloudFormation (a custom resource): a failure fails the ' +
        'deployment, which rolls back; there is no asynchronous event to keep.',
      'Serverless::Serverless-LambdaTracing':
        'Runs only during `cdk deploy`, one call per deployment: CloudFormation events and its ' +
        'log group show each run.',
    });
  }

  /** cdk-nag's CloudFront findings that hold by design, each with its reason. */
  private acknowledgeEdgeFindings(props: ElectionConsoleProps): void {
    acknowledge(this.distribution, {
      'AwsSolutions::AwsSolutions-CFR1':
        'No geo restriction: organizers, tellers and superiors sign in from wherever they are ' +
        '(Cognito with MFA guards the console; the API checks every token).',
      ...(props.webAclArn
        ? {}
        : {
            'AwsSolutions::AwsSolutions-CFR2':
              'A CloudFront web ACL exists only in us-east-1 and this stack deploys to any ' +
              'region: give one with -c consoleWebAclArn (docs/deploy.md). The public routes are ' +
              'throttled per route on the API (infra/edge.ts), objections limited per source.',
          }),
      ...(props.domain
        ? {}
        : {
            'AwsSolutions::AwsSolutions-CFR4':
              'The default *.cloudfront.net certificate takes no minimum TLS version; with ' +
              '-c consoleDomain and consoleCertificateArn the distribution requires TLS 1.2.',
          }),
    });
  }
}

/** Acknowledges each finding (cdk-nag rule id → why it holds by design) on `scope`. */
function acknowledge(scope: Construct, findings: Record<string, string>): void {
  for (const [id, reason] of Object.entries(findings)) {
    Validations.of(scope).acknowledge({ id, reason });
  }
}
