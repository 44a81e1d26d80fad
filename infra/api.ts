import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import type { AnyEndpoint } from '../shared/http/endpoint.ts';
import { ApiDomain, type ApiDomainProps, STAGE_THROTTLE, throttlePublicRoutes } from './edge.ts';

/** What the API needs of an endpoint: its route and whether it takes a token. */
export type RouteSpec = Pick<AnyEndpoint, 'method' | 'path' | 'auth'>;

/** Route groups by name (functions/api/index.ts `apiGroups`): one Lambda function each. */
export type RouteGroups = Record<string, { endpoints: readonly RouteSpec[] }>;

export interface ElectionApiProps {
  groups: RouteGroups;
  /** The function of each group, by group name. */
  functions: Record<string, IFunction>;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  /** A custom domain for the API and the links in mail (infra/edge.ts); none: execute-api. */
  domain?: ApiDomainProps;
}

/**
 * The HTTP API (API Gateway v2): one route per endpoint, integrated with its group's function
 * (payload 2.0: the function dispatches on `routeKey`, exactly the endpoint's `METHOD path`).
 *
 * Every route that is not `auth: 'public'` has the Cognito JWT authorizer (issuer the user
 * pool, audience the web client: an ID token's `aud` or an access token's `client_id`), so API
 * Gateway refuses a missing, forged or expired token before any function runs. The functions
 * then take only the claims it verified (`requestContext.authorizer.jwt.claims`: `roles` and
 * `orgs`, which the pre-token-generation trigger puts into both tokens) because the stack sets
 * ZX_DEPLOYMENT=aws (shared/http/auth.ts); they check the roles (403) and organizations.
 * Locally no authorizer runs: the tokens are HS256 with ZX_AUTH_SECRET, verified in-process.
 */
export class ElectionApi extends Construct {
  readonly httpApi: HttpApi;
  /**
   * The base of every link in mail (ZX_PUBLIC_URL), no trailing slash: `https://<domain>` with a
   * custom domain, else `https://<id>.execute-api.<region>.amazonaws.com`.
   */
  readonly url: string;
  readonly domain?: ApiDomain;

  constructor(scope: Construct, id: string, props: ElectionApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: '公推直选 election API',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // Every route; the public ones get tighter limits of their own (infra/edge.ts).
      throttle: STAGE_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            sub: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    if (props.domain) {
      this.domain = new ApiDomain(this, 'Domain', { ...props.domain, api: this.httpApi, stage });
    }
    this.url = this.domain?.url ?? this.httpApi.apiEndpoint;

    const authorizer = new HttpUserPoolAuthorizer('Cognito', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    const none = new HttpNoneAuthorizer();
    const publicRoutes = new Map<string, IConstruct>();
    for (const [name, group] of Object.entries(props.groups)) {
      const fn = props.functions[name];
      if (!fn) throw new Error(`route group '${name}' has no function`);
      const integration = new HttpLambdaIntegration(`${name}Integration`, fn);
      for (const endpoint of group.endpoints) {
        const isPublic = endpoint.auth === 'public';
        const [route] = this.httpApi.addRoutes({
          path: endpoint.path,
          methods: [HttpMethod[endpoint.method]],
          integration,
          authorizer: isPublic ? none : authorizer,
        });
        if (isPublic && route) {
          publicRoutes.set(`${endpoint.method} ${endpoint.path}`, route);
          Validations.of(route).acknowledge({
            id: 'AwsSolutions::AwsSolutions-APIG4',
            reason:
              'Public by the contract (SPEC §8): the notice board, objections from anyone, the ' +
              "superior's approval links (a random single-use id) and the OpenAPI document.",
          });
        }
      }
    }
    throttlePublicRoutes(stage, publicRoutes);
  }
}
