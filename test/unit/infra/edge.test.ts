// Proves the API's edge: tighter throttles on exactly the public routes (each one of them, from
// the one table, and none on a route with a token); with the `apiDomain` + `certificateArn`
// (+ `hostedZoneId`) context a custom domain (TLS 1.2) mapped to the stage, its alias record or
// its DNS target as an output, and ZX_PUBLIC_URL of every function on that domain — cdk-nag
// clean; without the context no domain and the execute-api URL. Bad context fails the synth.
import { describe, expect, it } from 'vitest';
import { apiGroups } from '../../../functions/api/index.ts';
import type { RouteGroups } from '../../../infra/api.ts';
import { createApp } from '../../../infra/app.ts';
import { PUBLIC_ROUTE_THROTTLES, STAGE_THROTTLE } from '../../../infra/edge.ts';
import { TTL_ATTRIBUTE } from '../../../shared/store/table.ts';
import {
  apiOnly,
  type Json,
  resourcesOfType as ofType,
  useSynth,
} from '../../support/cdk-synth.ts';

const DOMAIN = 'zx.example.org';
const CERTIFICATE =
  'arn:aws:acm:cn-north-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const ZONE = 'Z0123456789ABCDEFGHIJ';

// The whole stack with the production domain context, as `cdk synth` runs it (cdk-nag included).
const { stack, template, nagReport } = useSynth('edge')({
  apiDomain: DOMAIN,
  certificateArn: CERTIFICATE,
  hostedZoneId: ZONE,
});

describe('per-route throttles', () => {
  const [stage] = ofType(template, 'AWS::ApiGatewayV2::Stage');
  const routeKeys = ofType(template, 'AWS::ApiGatewayV2::Route').map((r) =>
    String(r.Properties.RouteKey),
  );
  const publicKeys = Object.values(apiGroups).flatMap((g) =>
    g.endpoints.filter((e) => e.auth === 'public').map((e) => `${e.method} ${e.path}`),
  );

  it('are set on exactly the public routes, as the table says', () => {
    const settings = stage?.Properties.RouteSettings as Record<string, Json>;
    expect(Object.keys(settings).sort()).toEqual([...publicKeys].sort());
    expect(publicKeys.length).toBeGreaterThanOrEqual(5);
    for (const key of publicKeys) {
      const throttle = PUBLIC_ROUTE_THROTTLES[key];
      expect(settings[key]).toEqual({
        ThrottlingRateLimit: throttle?.rateLimit,
        ThrottlingBurstLimit: throttle?.burstLimit,
      });
      expect(routeKeys).toContain(key);
    }
  });

  it('are tighter than the stage default that every other route keeps', () => {
    expect(stage?.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: STAGE_THROTTLE.rateLimit,
      ThrottlingBurstLimit: STAGE_THROTTLE.burstLimit,
    });
    for (const [key, throttle] of Object.entries(PUBLIC_ROUTE_THROTTLES)) {
      expect(throttle.rateLimit, key).toBeLessThan(STAGE_THROTTLE.rateLimit);
      expect(throttle.burstLimit, key).toBeLessThan(STAGE_THROTTLE.burstLimit);
      expect(throttle.why.length, key).toBeGreaterThan(10);
    }
  });

  it('make the stage wait for the routes they name (API Gateway refuses unknown route keys)', () => {
    const dependsOn = stage?.DependsOn ?? [];
    const routes = ofType(template, 'AWS::ApiGatewayV2::Route').filter((r) =>
      publicKeys.includes(String(r.Properties.RouteKey)),
    );
    for (const route of routes) expect(dependsOn).toContain(route.id);
  });

  it('refuse to synthesize a public route without a throttle of its own', () => {
    expect(() =>
      apiOnly({
        board: { endpoints: [{ method: 'GET', path: '/public/something-new', auth: 'public' }] },
      }),
    ).toThrow(/public route 'GET \/public\/something-new' has no throttle/);
  });
});

it('lets DynamoDB delete expired rate-limit counts (the table’s TTL attribute)', () => {
  const [table] = ofType(template, 'AWS::DynamoDB::Table');
  expect(table?.Properties.TimeToLiveSpecification).toEqual({
    AttributeName: TTL_ATTRIBUTE,
    Enabled: true,
  });
});

describe('the custom domain', () => {
  it('is the context domain with its certificate, TLS 1.2, mapped to the API’s stage', () => {
    const [domain, ...others] = ofType(template, 'AWS::ApiGatewayV2::DomainName');
    expect(others).toEqual([]);
    expect(domain?.Properties).toMatchObject({
      DomainName: DOMAIN,
      DomainNameConfigurations: [
        { CertificateArn: CERTIFICATE, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
      ],
    });
    const [mapping] = ofType(template, 'AWS::ApiGatewayV2::ApiMapping');
    expect(JSON.stringify(mapping?.Properties.ApiId)).toContain(
      stack.getLogicalId(stack.api.httpApi.node.defaultChild as never),
    );
    // The `$default` stage by name: the mapping waits for the stage to exist.
    expect(mapping?.Properties.Stage).toBe('$default');
    const [stage] = ofType(template, 'AWS::ApiGatewayV2::Stage');
    expect(mapping?.DependsOn).toContain(stage?.id);
  });

  it('gets an alias A record in the given hosted zone, and then no DNS target output', () => {
    const [record] = ofType(template, 'AWS::Route53::RecordSet');
    expect(record?.Properties).toMatchObject({
      HostedZoneId: ZONE,
      Name: `${DOMAIN}.`,
      Type: 'A',
      AliasTarget: {
        DNSName: { 'Fn::GetAtt': [expect.any(String), 'RegionalDomainName'] },
        HostedZoneId: { 'Fn::GetAtt': [expect.any(String), 'RegionalHostedZoneId'] },
      },
    });
    expect(Object.keys(template.toJSON().Outputs)).not.toContain('ApiDomainTarget');
  });

  it('is the base of every link in mail: ZX_PUBLIC_URL of every function, and the ApiUrl output', () => {
    // Every function that reaches the table may write a notice (the Cognito trigger does not).
    const lambdas = ofType(template, 'AWS::Lambda::Function').filter(
      (fn) => (fn.Properties.Environment as { Variables: Json }).Variables.ZX_TABLE,
    );
    expect(lambdas.length).toBeGreaterThan(10);
    for (const fn of lambdas) {
      const variables = (fn.Properties.Environment as { Variables: Json }).Variables;
      expect(variables.ZX_PUBLIC_URL).toBe(`https://${DOMAIN}`);
    }
    expect(template.toJSON().Outputs.ApiUrl.Value).toBe(`https://${DOMAIN}`);
  });

  it('passes cdk-nag with no finding acknowledged for it', () => {
    const nag = nagReport('AwsSolutions');
    expect(nag).toMatchObject({ conclusion: 'success', violations: [] });
    // The domain's constructs (Api/Domain/…, logical ids ApiDomain…) are in no acknowledged finding.
    expect(JSON.stringify(nag.suppressedViolations)).not.toMatch(/ApiDomain|Api\/Domain/);
  });

  const groups: RouteGroups = {
    board: { endpoints: [{ method: 'GET', path: '/public/elections/{id}', auth: 'public' }] },
  };

  it('without a hosted zone, outputs the regional domain name for the operator’s CNAME', () => {
    const { template: t } = apiOnly(groups, { domainName: DOMAIN, certificateArn: CERTIFICATE });
    expect(ofType(t, 'AWS::Route53::RecordSet')).toEqual([]);
    expect(t.toJSON().Outputs.ApiDomainTarget.Value).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/DomainName/), 'RegionalDomainName'],
    });
  });

  it('is absent without the context: no domain, no mapping, the execute-api URL', () => {
    const { api, template: t } = apiOnly(groups);
    expect(ofType(t, 'AWS::ApiGatewayV2::DomainName')).toEqual([]);
    expect(ofType(t, 'AWS::ApiGatewayV2::ApiMapping')).toEqual([]);
    expect(t.toJSON().Outputs ?? {}).not.toHaveProperty('ApiDomainTarget');
    expect(api.url).toBe(api.httpApi.apiEndpoint);
  });

  it('refuses a domain that is not a host name and a certificate that is not an ACM ARN', () => {
    expect(() =>
      apiOnly(groups, { domainName: 'https://zx.example.org', certificateArn: CERTIFICATE }),
    ).toThrow(/apiDomain .* is not a host name/);
    expect(() =>
      apiOnly(groups, { domainName: DOMAIN, certificateArn: 'arn:aws:iam::1:cert' }),
    ).toThrow(/certificateArn .* is not an ACM certificate ARN/);
  });

  it('needs apiDomain and certificateArn together', () => {
    const context = { 'aws:cdk:bundling-stacks': [], mailDomain: 'mail.example.org' };
    expect(() => createApp({ context: { ...context, apiDomain: DOMAIN } })).toThrow(
      /apiDomain and certificateArn go together/,
    );
    expect(() => createApp({ context: { ...context, certificateArn: CERTIFICATE } })).toThrow(
      /apiDomain and certificateArn go together/,
    );
  });
});
