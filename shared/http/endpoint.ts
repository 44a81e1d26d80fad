import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod';
import { invalidInput } from '../errors.ts';
import { logger } from '../log.ts';
import { type Principal, principalOf, Role, requireRole } from './auth.ts';
import { parseBody } from './body.ts';
import { ApiError, asApiError, errorBody, refusalHeaders } from './errors.ts';

/** What a handler answers: JSON by default (of the endpoint's response schema), or a page. */
export interface Reply<R = unknown> {
  status?: number;
  body?: R;
  html?: string;
  /** A file (a download): sent base64-encoded, as API Gateway passes binary answers on. */
  file?: { bytes: Uint8Array; contentType: string; filename: string };
  headers?: Record<string, string>;
}

/** Who may call an endpoint: roles, or `public` (no token needed, tokens ignored). */
export type Auth = readonly Role[] | 'public';

/** Every role: what anyone the organization gave a token may read. */
export const ANY_ROLE: readonly Role[] = Role.options;

/** Who a handler sees: nobody on a public route, the verified principal on any other. */
export type CallerOf<A extends Auth> = A extends 'public' ? null : Principal;

export interface Request<B, P, Q, A extends Auth = Auth> {
  body: B;
  params: P;
  query: Q;
  /** Null on public routes (they ignore tokens); the pipeline has verified it on any other. */
  principal: CallerOf<A>;
  event: APIGatewayProxyEventV2;
}

type Schema<T> = z.ZodType<T>;

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One route. Its method and path keep their literal types (`M`, `Path`), so a client typed
 * from the declarations (console/src/api/routes.ts) finds each route's schemas by its key.
 */
export interface EndpointSpec<
  B,
  P,
  Q,
  A extends Auth = Auth,
  R = unknown,
  M extends Method = Method,
  Path extends string = string,
> {
  method: M;
  /** API Gateway style: `/v1/elections/{id}`. */
  path: Path;
  /** Roles allowed, or `public` (no token needed, tokens ignored). */
  auth: A;
  body?: Schema<B>;
  /**
   * Content types the body may also come as a file of: the body is then `{file: {contentType,
   * bytes}}` (the `body` schema takes that shape too).
   */
  files?: readonly string[];
  params?: Schema<P>;
  query?: Schema<Q>;
  /**
   * The JSON body of a 2xx answer, for the OpenAPI document and the tests; the handler's bodies
   * must be of its type. Only an endpoint that answers nothing but pages has none.
   */
  response?: Schema<R>;
  /** What the endpoint answers a browser as text/html (a page), if it does. */
  page?: string;
  /** The content type of the file it answers (a download), if it does. */
  download?: string;
  /** One line for the OpenAPI document. */
  summary: string;
  handle: (request: Request<B, P, Q, A>) => Promise<Reply<NoInfer<R>>>;
  /**
   * How this endpoint answers a refusal in a form of its own, e.g. a page to an HTML form post
   * (parse errors included); `undefined` keeps the JSON error body.
   */
  refusal?: (error: ApiError, event: APIGatewayProxyEventV2) => Reply | undefined;
}

/** An endpoint of any types, as lists of them hold it (its `auth` still read as roles or `public`). */
// biome-ignore lint/suspicious/noExplicitAny: a list of endpoints of every body type
export type AnyEndpoint = Omit<EndpointSpec<any, any, any, any, any>, 'auth'> & { auth: Auth };

/**
 * Declares an endpoint; the types of body, params and query follow from the schemas, the
 * principal's from `auth` (a protected handler gets a `Principal`, a public one `null`), and
 * the answer's from `response` (without one, no JSON body at all).
 */
export const endpoint = <
  B = undefined,
  P = Record<string, string>,
  Q = Record<string, string>,
  const A extends Auth = Auth,
  R = never,
  const M extends Method = Method,
  const Path extends string = string,
>(
  spec: EndpointSpec<B, P, Q, A, R, M, Path>,
) => spec;

type HttpEvent = APIGatewayProxyEventV2;
type HttpResult = APIGatewayProxyStructuredResultV2;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode: status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

const toResult = (reply: Reply): HttpResult =>
  reply.file !== undefined
    ? {
        statusCode: reply.status ?? 200,
        headers: {
          'content-type': reply.file.contentType,
          // RFC 6266: a non-ASCII name goes in filename*.
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(reply.file.filename)}`,
          ...reply.headers,
        },
        body: Buffer.from(reply.file.bytes).toString('base64'),
        isBase64Encoded: true,
      }
    : reply.html !== undefined
      ? {
          statusCode: reply.status ?? 200,
          headers: { 'content-type': 'text/html; charset=utf-8', ...reply.headers },
          body: reply.html,
        }
      : reply.body === undefined
        ? { statusCode: reply.status ?? 204, headers: reply.headers ?? {} }
        : json(reply.status ?? 200, reply.body, reply.headers);

const parseWith = <T>(
  schema: Schema<T> | undefined,
  value: unknown,
  where: 'body' | 'path' | 'query',
): T => {
  if (!schema) return value as T;
  const parsed = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!parsed.success) throw invalidInput(where, parsed.error);
  return parsed.data;
};

/**
 * The request pipeline of one endpoint, in the order a reader expects: errors are mapped last
 * (outermost), then auth (401 before anything else, then 403), then parsing, then the handler.
 */
const pipeline = (spec: AnyEndpoint) =>
  middy<HttpEvent, HttpResult, Error, Context, { principal: Principal | null }>()
    .use({
      onError: async (request) => {
        const error = request.error;
        const refusal = asApiError(error);
        if (refusal) {
          const own = spec.refusal?.(refusal, request.event);
          request.response = own
            ? toResult(own)
            : json(refusal.status, errorBody(refusal), refusalHeaders(refusal));
          return;
        }
        logger.error('request failed', { route: `${spec.method} ${spec.path}`, error });
        request.response = json(500, errorBody(new ApiError(500, 'internal', 'internal error')));
      },
    })
    .use({
      before: async (request) => {
        if (spec.auth === 'public') {
          request.context.principal = null;
          return;
        }
        const principal = await principalOf(request.event);
        requireRole(principal, spec.auth);
        request.context.principal = principal;
      },
    })
    .handler(async (event, context) => {
      const request = {
        params: parseWith(spec.params, event.pathParameters, 'path'),
        query: parseWith(spec.query, event.queryStringParameters, 'query'),
        body: parseWith(spec.body, parseBody(event, spec.files), 'body'),
        principal: context.principal,
        event,
      };
      return toResult(await spec.handle(request));
    });

/**
 * One Lambda for a group of routes: it dispatches on the route key API Gateway gives
 * (`POST /v1/elections`), so each group is one function on AWS and one module locally.
 */
export const routeGroup = <const E extends readonly AnyEndpoint[]>(endpoints: E) => {
  const byRouteKey = new Map(endpoints.map((e) => [`${e.method} ${e.path}`, pipeline(e)]));
  const handler = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const pipe = byRouteKey.get(event.routeKey);
    if (!pipe) {
      return json(
        404,
        errorBody(new ApiError(404, 'not-found', `route ${event.routeKey} not found`)),
      );
    }
    return pipe(event, context as never);
  };
  return { endpoints, handler };
};
