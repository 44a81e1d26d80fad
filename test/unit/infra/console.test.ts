// Proves the organizer console on AWS (infra/console.ts): a private bucket read only by the
// distribution (OAC, the bucket policy bound to its ARN); one origin for the console (cached,
// security headers, the SPA rewrite — run here on real requests) and the API's paths (never
// cached, every viewer header but Host passed on); access logs; the build deployed with
// config.json naming the pool and its client; Cognito returning to the distribution's console
// URL by default, with the code flow only; a custom domain and web ACL from the context (bad
// values refused); the build resolved without Vite in tests; cdk-nag clean and no cycle.
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { describe, expect, it } from 'vitest';
import { apiGroups } from '../../../functions/api/index.ts';
import {
  API_PATH_PATTERNS,
  CONSOLE_PLACEHOLDER,
  CONSOLE_REQUEST_FUNCTION,
  consoleAssets,
  consoleFromContext,
} from '../../../infra/console.ts';
import { consoleBuildIsStale } from '../../../infra/console-build.ts';
import { type Json, PRIVATE_BUCKET, type Resource, useSynth } from '../../support/cdk-synth.ts';

/** A stand-in for console/dist: index.html and one hashed chunk (Vite never runs here). */
const fakeBuild = () => {
  const dir = mkdtempSync(join(tmpdir(), 'zx-console-build-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<script type="module" src="/console/assets/i-1a2b.js">');
  writeFileSync(join(dir, 'assets', 'i-1a2b.js'), 'export {};');
  return dir;
};
const BUILD = fakeBuild();

const synth = useSynth('console');
const { stack, template, resources, ofType, idOf, nagReport } = synth({
  authDomainPrefix: 'zx-gongtui',
  consoleAssets: BUILD,
});
const only = (type: string): Resource => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0] as Resource;
};
const distribution = only('AWS::CloudFront::Distribution');
const config = distribution.Properties.DistributionConfig as Json;
const distributionId = distribution.id;
const bucketId = idOf(stack.console.bucket);
const apiId = idOf(stack.api.httpApi);
const domainName = { 'Fn::GetAtt': [distributionId, 'DomainName'] };
const origins = config.Origins as Json[];
const originOf = (targetOriginId: unknown) => origins.find((o) => o.Id === targetOriginId);
const behaviors = config.CacheBehaviors as Json[];

/** Every resource a resource refers to (Ref, GetAtt, DependsOn), transitively. */
const reachableFrom = (id: string, seen = new Set<string>()): Set<string> => {
  const resource = resources[id];
  if (!resource || seen.has(id)) return seen;
  seen.add(id);
  const text = JSON.stringify(resource.Properties ?? {});
  const named = [...text.matchAll(/"(?:Ref|Fn::GetAtt)":\s*\[?"(\w+)"/g)].map((m) => m[1]);
  for (const next of [...named, ...(resource.DependsOn ?? [])]) {
    if (next) reachableFrom(next, seen);
  }
  return seen;
};

describe('the console bucket', () => {
  it('is private, encrypted and logs its accesses', () => {
    expect(resources[bucketId]?.Properties).toMatchObject({
      ...PRIVATE_BUCKET,
      LoggingConfiguration: { DestinationBucketName: { Ref: idOf(logBucket()) } },
    });
    expect(resources[bucketId]?.Properties).not.toHaveProperty('WebsiteConfiguration');
  });

  it('is read only by this distribution, through Origin Access Control, and only over TLS', () => {
    const policy = ofType('AWS::S3::BucketPolicy').find(
      (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId }),
    );
    const document = policy?.Properties.PolicyDocument as { Statement: Json[] } | undefined;
    const statements = document?.Statement ?? [];
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Action: 's3:GetObject',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudfront::',
                  { Ref: 'AWS::AccountId' },
                  ':distribution/',
                  { Ref: distributionId },
                ],
              ],
            },
          },
        },
      },
    ]);
    expect(statements.filter((s) => s.Effect === 'Deny')).toEqual([
      expect.objectContaining({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
    const oac = only('AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    expect(ofType('AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual([]);
    const s3Origin = originOf((config.DefaultCacheBehavior as Json).TargetOriginId);
    expect(s3Origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [oac.id, 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
  });
});

describe('the distribution', () => {
  it('serves the console by default: cached, security headers, the rewrite on viewer requests', () => {
    const headers = only('AWS::CloudFront::ResponseHeadersPolicy');
    const rewrite = only('AWS::CloudFront::Function');
    expect(config.DefaultCacheBehavior).toMatchObject({
      CachePolicyId: CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
      ResponseHeadersPolicyId: { Ref: headers.id },
      ViewerProtocolPolicy: 'redirect-to-https',
      FunctionAssociations: [
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [rewrite.id, 'FunctionARN'] } },
      ],
    });
    // No distribution-wide error pages: they would rewrite the API's 404s too.
    expect(config).not.toHaveProperty('CustomErrorResponses');
    expect(config).not.toHaveProperty('DefaultRootObject');
  });

  it('routes every API path to the HTTP API: all methods, nothing cached, every header but Host', () => {
    expect(behaviors.map((b) => b.PathPattern)).toEqual([...API_PATH_PATTERNS]);
    for (const behavior of behaviors) {
      expect(behavior, String(behavior.PathPattern)).toMatchObject({
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
        OriginRequestPolicyId:
          OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
        ViewerProtocolPolicy: 'https-only',
      });
      expect(behavior).not.toHaveProperty('ResponseHeadersPolicyId');
      expect(originOf(behavior.TargetOriginId)).toEqual({
        Id: behavior.TargetOriginId,
        DomainName: {
          'Fn::Join': [
            '',
            [
              { Ref: apiId },
              '.execute-api.',
              { Ref: 'AWS::Region' },
              '.',
              { Ref: 'AWS::URLSuffix' },
            ],
          ],
        },
        CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
      });
    }
  });

  it('leaves no endpoint of the API to the console bucket', () => {
    const covered = (path: string) =>
      API_PATH_PATTERNS.some((pattern) =>
        pattern.endsWith('/*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern,
      );
    const paths = Object.values(apiGroups).flatMap((g) => g.endpoints.map((e) => e.path));
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) expect(covered(path), path).toBe(true);
    expect(covered('/console/index.html')).toBe(false);
  });

  it('sends a CSP fit for the Vite build: own scripts only, fetches to itself and Cognito, no framing', () => {
    const headers = only('AWS::CloudFront::ResponseHeadersPolicy');
    const security = (headers.Properties.ResponseHeadersPolicyConfig as Json)
      .SecurityHeadersConfig as Json;
    const csp = stack.resolve(
      (security.ContentSecurityPolicy as Json).ContentSecurityPolicy,
    ) as Json;
    const text = JSON.stringify(csp);
    expect(text).toContain("script-src 'self';");
    expect(text).toContain("frame-ancestors 'none'");
    expect(text).toContain("connect-src 'self' https://cognito-idp.");
    expect(text).toContain(' https://zx-gongtui.auth.');
    expect(text).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(security).toMatchObject({
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ContentTypeOptions: { Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, Override: true },
    });
  });

  it('logs to a bucket that takes CloudFront’s ACL-written logs, kept a year', () => {
    const logs = resources[idOf(logBucket())]?.Properties;
    expect(config.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [idOf(logBucket()), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
    expect(logs).toMatchObject({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 365, Status: 'Enabled' }] },
    });
  });

  it('uses the default certificate without a console domain, and outputs the console URL', () => {
    expect(config).not.toHaveProperty('Aliases');
    expect(config).not.toHaveProperty('WebACLId');
    expect(template.toJSON().Outputs.ConsoleUrl.Value).toEqual({
      'Fn::Join': ['', ['https://', domainName, '/console/']],
    });
  });

  it('never waits for Cognito: no user-pool resource is reachable from it (no cycle)', () => {
    const reached = [...reachableFrom(distributionId)].map((id) => resources[id]?.Type);
    expect(reached).toContain('AWS::ApiGatewayV2::Api');
    expect(reached.filter((type) => String(type).startsWith('AWS::Cognito::'))).toEqual([]);
  });
});

describe('the SPA rewrite (the CloudFront Function, run on requests)', () => {
  const handler = new Function(`${CONSOLE_REQUEST_FUNCTION}; return handler;`)() as (event: {
    request: { uri: string };
  }) => { uri?: string; statusCode?: number; headers?: Json };
  const uriFor = (uri: string) => handler({ request: { uri } }).uri;

  it('is the function the distribution runs, on the JS 2.0 runtime', () => {
    expect(only('AWS::CloudFront::Function').Properties).toMatchObject({
      FunctionCode: CONSOLE_REQUEST_FUNCTION,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
      AutoPublish: true,
    });
  });

  it('sends the root and /console to /console/', () => {
    for (const uri of ['/', '/console']) {
      expect(handler({ request: { uri } })).toEqual({
        statusCode: 302,
        statusDescription: 'Found',
        headers: { location: { value: '/console/' } },
      });
    }
  });

  it('answers index.html for client-side routes under /console/, the sign-in callback included', () => {
    for (const uri of [
      '/console/',
      '/console/callback',
      '/console/elections/e-1/assembly',
      '/console/organizations/sq.yangliu',
    ]) {
      expect(uriFor(uri), uri).toBe('/console/index.html');
    }
  });

  it('leaves files alone, so a missing chunk is a 403/404 and not HTML', () => {
    for (const uri of ['/console/assets/i-1a2b.js', '/console/config.json', '/favicon.ico']) {
      expect(uriFor(uri), uri).toBe(uri);
    }
    expect(uriFor('/consoles/x')).toBe('/consoles/x');
  });
});

describe('the deployment of the build', () => {
  const deployments = ofType('Custom::CDKBucketDeployment');
  const byPrefix = (prefix: string) =>
    deployments.find((d) => d.Properties.DestinationBucketKeyPrefix === prefix);
  const assets = byPrefix('console/assets/');
  const pages = byPrefix('console/');

  it('puts the hashed files under console/assets/, immutable and never pruned', () => {
    expect(deployments).toHaveLength(2);
    expect(assets?.Properties).toMatchObject({
      DestinationBucketName: { Ref: bucketId },
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
  });

  it('then index.html and config.json, revalidated on every load, pruning all but assets/', () => {
    expect(pages?.Properties).toMatchObject({
      DestinationBucketName: { Ref: bucketId },
      Prune: true,
      Exclude: ['assets/*'],
      SystemMetadata: { 'cache-control': 'no-cache' },
    });
    expect(pages?.DependsOn).toContain(assets?.id);
  });

  it('writes config.json naming the pool, its client, the callback path and managed logout', () => {
    const keys = pages?.Properties.SourceObjectKeys as string[];
    const allMarkers = pages?.Properties.SourceMarkers as Record<string, unknown>[] | undefined;
    const markers = allMarkers?.[keys.length - 1];
    const outdir = (stack.node.root as App).outdir;
    const staged = join(outdir, `asset.${keys[keys.length - 1]?.replace(/\.zip$/, '')}`);
    let text = readFileSync(join(staged, 'config.json'), 'utf8');
    // Each marker stands for a token: `<Id>` for a Ref, `<Id.Attribute>` for a GetAtt.
    for (const [marker, value] of Object.entries(markers ?? {})) {
      const { Ref: ref, 'Fn::GetAtt': getAtt } = value as { Ref?: string; 'Fn::GetAtt'?: string[] };
      text = text.replaceAll(marker, `<${ref ?? getAtt?.join('.')}>`);
    }
    const client = `<${idOf(stack.users.client)}>`;
    expect(JSON.parse(text)).toEqual({
      auth: {
        kind: 'cognito',
        authority: `https://cognito-idp.<AWS::Region>.<AWS::URLSuffix>/<${idOf(stack.users.userPool)}>`,
        clientId: client,
        redirectPath: '/console/callback',
        logoutUrl: `https://zx-gongtui.auth.<AWS::Region>.amazoncognito.com/logout?client_id=${client}&logout_uri=https://<${distributionId}.DomainName>/console/`,
      },
      api: '',
    });
  });
});

describe('sign-in through the distribution', () => {
  const [client] = ofType('AWS::Cognito::UserPoolClient');

  it('returns to the console’s callback and signs out to the console, by default', () => {
    expect(client?.Properties.CallbackURLs).toEqual([
      { 'Fn::Join': ['', ['https://', domainName, '/console/callback']] },
    ]);
    expect(client?.Properties.LogoutURLs).toEqual([
      { 'Fn::Join': ['', ['https://', domainName, '/console/']] },
    ]);
  });

  it('runs the authorization-code flow only, public client (PKCE), openid/email/profile', () => {
    expect(client?.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
    });
    expect([...((client?.Properties.AllowedOAuthScopes ?? []) as string[])].sort()).toEqual([
      'email',
      'openid',
      'profile',
    ]);
  });

  it('invites people to the console', () => {
    const pool = resources[idOf(stack.users.userPool)]?.Properties as Json;
    const invite = (pool.AdminCreateUserConfig as Json).InviteMessageTemplate as Json;
    expect(JSON.stringify(invite.EmailMessage)).toContain(JSON.stringify(domainName));
  });
});

describe('cdk-nag', () => {
  const consoleFindings = (pack: string) =>
    (nagReport(pack).suppressedViolations as { ruleName: string; violatingConstructs?: unknown }[])
      .filter((f) => /Console|CDKBucketDeployment/.test(JSON.stringify(f)))
      .map((f) => f.ruleName);

  it('passes both packs, acknowledging only what holds by design', () => {
    expect(nagReport('AwsSolutions')).toMatchObject({ conclusion: 'success', violations: [] });
    expect(nagReport('Serverless')).toMatchObject({ conclusion: 'success', violations: [] });
    expect(new Set(consoleFindings('AwsSolutions'))).toEqual(
      new Set([
        'AwsSolutions-CFR1',
        'AwsSolutions-CFR2',
        'AwsSolutions-CFR4',
        'AwsSolutions-L1',
        ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
          (action) => `AwsSolutions-IAM5[Action::${action}]`,
        ),
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      ]),
    );
    // The deployment handler's role is ours: no AWS managed policy.
    expect(consoleFindings('AwsSolutions').join()).not.toContain('IAM4');
    expect(new Set(consoleFindings('Serverless'))).toEqual(
      new Set([
        'Serverless-LambdaDLQ',
        'Serverless-LambdaLatestVersion',
        'Serverless-LambdaTracing',
      ]),
    );
  });
});

describe('a console domain and a web ACL from the context', () => {
  const CERTIFICATE =
    'arn:aws:acm:us-east-1:210987654321:certificate/4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
  const WEB_ACL =
    'arn:aws:wafv2:us-east-1:210987654321:global/webacl/zx-console/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

  it('serves https://<domain>/console/ with its certificate (TLS 1.2), alias records, the web ACL', () => {
    const custom = synth({
      authDomainPrefix: 'zx-gongtui',
      consoleAssets: BUILD,
      consoleDomain: 'xuanju.example.cn',
      consoleCertificateArn: CERTIFICATE,
      consoleHostedZoneId: 'Z0123456789ABCDEFGHIJ',
      consoleWebAclArn: WEB_ACL,
    });
    const [cf] = custom.ofType('AWS::CloudFront::Distribution');
    expect(cf?.Properties.DistributionConfig).toMatchObject({
      Aliases: ['xuanju.example.cn'],
      ViewerCertificate: {
        AcmCertificateArn: CERTIFICATE,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      },
      WebACLId: WEB_ACL,
    });
    const records = custom
      .ofType('AWS::Route53::RecordSet')
      .filter((r) => String(r.Properties.Name).startsWith('xuanju.'));
    expect(records.map((r) => r.Properties.Type).sort()).toEqual(['A', 'AAAA']);
    for (const record of records) {
      expect(record.Properties.AliasTarget).toEqual({
        DNSName: { 'Fn::GetAtt': [cf?.id, 'DomainName'] },
        HostedZoneId: 'Z2FDTNDATAQYW2',
      });
    }
    const [client] = custom.ofType('AWS::Cognito::UserPoolClient');
    expect(client?.Properties.CallbackURLs).toEqual(['https://xuanju.example.cn/console/callback']);
    expect(custom.template.toJSON().Outputs.ConsoleUrl.Value).toBe(
      'https://xuanju.example.cn/console/',
    );
    // Neither the WAF nor the TLS finding needs acknowledging any more.
    const acknowledged = JSON.stringify(custom.nagReport('AwsSolutions').suppressedViolations);
    expect(custom.nagReport('AwsSolutions').conclusion).toBe('success');
    expect(acknowledged).not.toMatch(/CFR2|CFR4/);
  }, 180_000);

  const context = (values: Json) => consoleFromContext(new App({ context: values }).node);

  it('refuses a certificate outside us-east-1, a lone domain and a regional web ACL', () => {
    expect(() =>
      context({
        consoleDomain: 'xuanju.example.cn',
        consoleCertificateArn: CERTIFICATE.replace('us-east-1', 'ap-east-1'),
      }),
    ).toThrow(/consoleCertificateArn .* us-east-1/);
    expect(() => context({ consoleDomain: 'xuanju.example.cn' })).toThrow(/go together/);
    expect(() =>
      context({ consoleDomain: 'https://x.cn', consoleCertificateArn: CERTIFICATE }),
    ).toThrow(/consoleDomain .* is not a host name/);
    expect(() =>
      context({
        consoleWebAclArn: WEB_ACL.replace(
          'us-east-1:210987654321:global',
          'ap-east-1:210987654321:regional',
        ),
      }),
    ).toThrow(/consoleWebAclArn .* not a CloudFront web ACL/);
    expect(context({})).toEqual({});
    expect(
      context({
        consoleDomain: 'xuanju.example.cn',
        consoleCertificateArn: CERTIFICATE,
        hostedZoneId: 'Z1',
      }),
    ).toEqual({
      domain: { domainName: 'xuanju.example.cn', certificateArn: CERTIFICATE, hostedZoneId: 'Z1' },
    });
  });
});

describe('the build the app deploys', () => {
  it('is the context’s directory when given, else the placeholder when bundling is skipped', () => {
    const node = (values: Json) => new App({ context: values }).node;
    expect(consoleAssets(node({ consoleAssets: BUILD }), 'ZxElectionStack')).toBe(BUILD);
    expect(consoleAssets(node({ 'aws:cdk:bundling-stacks': [] }), 'ZxElectionStack')).toBe(
      CONSOLE_PLACEHOLDER,
    );
    expect(
      consoleAssets(node({ 'aws:cdk:bundling-stacks': ['OtherStack'] }), 'ZxElectionStack'),
    ).toBe(CONSOLE_PLACEHOLDER);
  });

  it('is rebuilt when index.html is missing or older than any input', () => {
    const root = mkdtempSync(join(tmpdir(), 'zx-console-stale-'));
    const [dist, source] = [join(root, 'dist'), join(root, 'src')];
    mkdirSync(dist);
    mkdirSync(join(source, 'nested'), { recursive: true });
    const file = join(source, 'nested', 'app.tsx');
    writeFileSync(file, '');
    expect(consoleBuildIsStale(dist, [source])).toBe(true);
    writeFileSync(join(dist, 'index.html'), '');
    const at = (seconds: number) => new Date(1_700_000_000_000 + seconds * 1000);
    utimesSync(file, at(0), at(0));
    utimesSync(join(dist, 'index.html'), at(10), at(10));
    expect(consoleBuildIsStale(dist, [source])).toBe(false);
    utimesSync(file, at(20), at(20));
    expect(consoleBuildIsStale(dist, [source])).toBe(true);
  });

  it('must hold an index.html: the synth says how to build it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'zx-console-empty-'));
    expect(() => synth({ consoleAssets: empty })).toThrow(
      /no index\.html \(npm run console:build\)/,
    );
  }, 60_000);
});

function logBucket() {
  const bucket = stack.console.node.findChild('AccessLogs');
  return bucket as unknown as { node: { defaultChild?: unknown } };
}
