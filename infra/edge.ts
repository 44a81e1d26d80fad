import { CfnOutput, Stack } from 'aws-cdk-lib';
import {
  ApiMapping,
  type CfnStage,
  DomainName,
  type HttpApi,
  type HttpStage,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { CfnRecordSet } from 'aws-cdk-lib/aws-route53';
import { Construct, type IConstruct } from 'constructs';

/**
 * The API's edge: throttles on the public routes, and the custom domain that the links in mail
 * carry (a raw `execute-api` host changes whenever the API is recreated).
 */

/** The stage's default (infra/api.ts): what every route with a token may use. */
export const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * Every public route (no token, SPEC §8) by route key, with a rate (requests/s, steady) and a
 * burst tighter than the stage's, and why. They hold for the whole account's API, all
 * elections together: the finer limits per election and per source are the application's
 * (objections: shared/rules/rate-limit.ts). A public route missing here fails the synth.
 */
export const PUBLIC_ROUTE_THROTTLES: Record<
  string,
  { rateLimit: number; burstLimit: number; why: string }
> = {
  'POST /v1/elections/{id}/objections': {
    rateLimit: 5,
    burstLimit: 20,
    why: 'a transaction on the election’s audit chain each; real objections are a few per election per notice',
  },
  'GET /public/elections/{id}': {
    rateLimit: 20,
    burstLimit: 50,
    why: 'the board: members open it when a batch’s notice mail arrives, so the most headroom',
  },
  'GET /public/elections/{id}/rounds/{roundId}/recount': {
    rateLimit: 2,
    burstLimit: 10,
    why: 'a download per closed round, by the few who recheck a count; each reads every ballot',
  },
  'GET /approve/{approvalId}': {
    rateLimit: 5,
    burstLimit: 10,
    why: 'the superior’s link, opened by a person (and by mail scanners): a page per approval',
  },
  'POST /approve/{approvalId}': {
    rateLimit: 2,
    burstLimit: 5,
    why: 'a decision, once per approval; anything faster is guessing ids',
  },
  'GET /public/count-boards/{token}': {
    rateLimit: 10,
    burstLimit: 30,
    why: 'the 唱票 board: each projector polls once a second (304 while nothing changed)',
  },
  'GET /approve/{approvalId}/report': {
    rateLimit: 5,
    burstLimit: 10,
    why: 'the 选举结果报告单 of an approval link, opened and printed by a person',
  },
  'GET /openapi.json': {
    rateLimit: 1,
    burstLimit: 5,
    why: 'a static document for developers',
  },
};

/**
 * Sets the throttle of each public route on the stage (`RouteSettings`, by route key). The
 * stage waits for those routes: API Gateway refuses settings for a route it does not have yet.
 */
export function throttlePublicRoutes(
  stage: HttpStage,
  publicRoutes: ReadonlyMap<string, IConstruct>,
): void {
  const settings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> =
    {};
  for (const [routeKey, route] of publicRoutes) {
    const throttle = PUBLIC_ROUTE_THROTTLES[routeKey];
    if (!throttle) {
      throw new Error(
        `public route '${routeKey}' has no throttle: add it to PUBLIC_ROUTE_THROTTLES (infra/edge.ts)`,
      );
    }
    settings[routeKey] = {
      ThrottlingRateLimit: throttle.rateLimit,
      ThrottlingBurstLimit: throttle.burstLimit,
    };
    stage.node.addDependency(route);
  }
  (stage.node.defaultChild as CfnStage).routeSettings = settings;
}

export interface ApiDomainProps {
  /** e.g. `zx.example.org`: the host in every link the mail carries. */
  domainName: string;
  /** An ACM certificate for the domain, in the stack's region (a regional endpoint). */
  certificateArn: string;
  /** A Route 53 hosted zone holding the domain: the alias record is created there. */
  hostedZoneId?: string;
}

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CERTIFICATE = /^arn:aws(-cn|-us-gov)?:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/;

/** The API's custom domain (TLS 1.2), mapped to the stage, with its DNS record or target. */
export class ApiDomain extends Construct {
  readonly domainName: DomainName;
  /** `https://<domainName>`, no trailing slash. */
  readonly url: string;

  constructor(
    scope: Construct,
    id: string,
    props: ApiDomainProps & { api: HttpApi; stage: HttpStage },
  ) {
    super(scope, id);
    if (!HOST.test(props.domainName)) {
      throw new Error(
        `context apiDomain '${props.domainName}' is not a host name (e.g. zx.example.org)`,
      );
    }
    if (!CERTIFICATE.test(props.certificateArn)) {
      throw new Error(
        `context certificateArn '${props.certificateArn}' is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)`,
      );
    }
    this.domainName = new DomainName(this, 'Name', {
      domainName: props.domainName,
      certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    new ApiMapping(this, 'Mapping', {
      api: props.api,
      domainName: this.domainName,
      stage: props.stage,
    });
    this.url = `https://${props.domainName}`;
    if (props.hostedZoneId) {
      new CfnRecordSet(this, 'Alias', {
        hostedZoneId: props.hostedZoneId,
        name: `${props.domainName}.`,
        type: 'A',
        aliasTarget: {
          dnsName: this.domainName.regionalDomainName,
          hostedZoneId: this.domainName.regionalHostedZoneId,
        },
      });
    } else {
      // A stable output name for the operator (docs/deploy.md), not one under this construct.
      new CfnOutput(Stack.of(this), 'ApiDomainTarget', {
        description: `DNS: CNAME ${props.domainName} to this (no hostedZoneId given)`,
        value: this.domainName.regionalDomainName,
      });
    }
  }
}
