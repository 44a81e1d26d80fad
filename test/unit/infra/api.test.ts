// Proves the HTTP API gets one route per endpoint, integrated with its group's function, with
// the Cognito JWT authorizer on exactly the endpoints that are not public.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { RouteGroups } from '../../../infra/api.ts';
import { apiOnly, resourcesOfType } from '../../support/cdk-synth.ts';

const groups: RouteGroups = {
  elections: {
    endpoints: [
      { method: 'POST', path: '/v1/elections', auth: ['organizer'] },
      { method: 'GET', path: '/v1/elections/{id}', auth: ['organizer', 'member'] },
      { method: 'POST', path: '/v1/elections/{id}/objections', auth: 'public' },
    ],
  },
  approvals: {
    endpoints: [
      { method: 'GET', path: '/approve/{approvalId}', auth: 'public' },
      { method: 'POST', path: '/approve/{approvalId}', auth: 'public' },
    ],
  },
  rounds: {
    endpoints: [{ method: 'PUT', path: '/v1/elections/{id}/rounds/{roundId}', auth: ['teller'] }],
  },
};

const { stack, functions, userPool, api, template } = apiOnly(groups);
const [authorizer] = resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer');
const routes = new Map(
  resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map((route) => [
    String(route.Properties.RouteKey),
    route,
  ]),
);
/** The integration URI (the function's ARN, as intrinsics) behind a route. */
const integrationOf = (routeKey: string): string => {
  // Target: {"Fn::Join": ["", ["integrations/", {"Ref": "<integration>"}]]}
  const target = JSON.stringify(routes.get(routeKey)?.Properties.Target);
  const integrationId = /"Ref":"(\w+)"/.exec(target)?.[1] ?? '';
  const integration = template.findResources('AWS::ApiGatewayV2::Integration')[integrationId];
  expect(integration, `the integration of ${routeKey}`).toBeDefined();
  return JSON.stringify(integration?.Properties.IntegrationUri);
};
const logicalIdOf = (name: string) =>
  stack.getLogicalId(functions[name]?.node.defaultChild as never);

describe('ElectionApi', () => {
  const endpoints = Object.entries(groups).flatMap(([name, group]) =>
    group.endpoints.map((endpoint) => ({ name, ...endpoint })),
  );

  it('has exactly one route per endpoint, keyed like the endpoint (METHOD path)', () => {
    expect([...routes.keys()].sort()).toEqual(endpoints.map((e) => `${e.method} ${e.path}`).sort());
  });

  it("puts the Cognito JWT authorizer on every route that is not public, and on no 'public' one", () => {
    expect(authorizer?.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    for (const endpoint of endpoints) {
      const route = routes.get(`${endpoint.method} ${endpoint.path}`)?.Properties;
      if (endpoint.auth === 'public') {
        expect(route, endpoint.path).toMatchObject({ AuthorizationType: 'NONE' });
        expect(route).not.toHaveProperty('AuthorizerId');
      } else {
        expect(route, endpoint.path).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizer?.id },
        });
      }
    }
  });

  it('checks tokens issued by the user pool for its app client', () => {
    const config = JSON.stringify(authorizer?.Properties.JwtConfiguration);
    expect(config).toContain(stack.getLogicalId(userPool.node.defaultChild as never));
    expect(config).toContain('Audience');
  });

  it("integrates each route with its own group's function", () => {
    for (const endpoint of endpoints) {
      const uri = integrationOf(`${endpoint.method} ${endpoint.path}`);
      expect(uri, endpoint.path).toContain(logicalIdOf(endpoint.name));
      for (const other of Object.keys(groups).filter((name) => name !== endpoint.name)) {
        expect(uri).not.toContain(logicalIdOf(other));
      }
    }
  });

  it('logs every request and throttles the stage the public routes share', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
  });

  it("publishes the API's own endpoint, which has no trailing slash (links append /approve/…)", () => {
    const httpApi = stack.getLogicalId(api.httpApi.node.defaultChild as never);
    expect(stack.resolve(api.url)).toEqual({ 'Fn::GetAtt': [httpApi, 'ApiEndpoint'] });
  });
});
