import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createLambdaContext, LOCAL_ACCOUNT_ID } from './lambda-context.ts';
import { close, listen } from './listen.ts';
import type { MailItem } from './ses-local.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

/** An HTTP API Lambda handler (payload format 2.0); a middy handler fits. */
export type RouteHandler = (event: APIGatewayProxyEventV2, context: Context) => unknown;

/** One row of the routes table, shared with CDK: `{method: 'GET', path: '/v1/elections/{id}'}`. */
export interface Route {
  method: HttpMethod;
  /** API Gateway syntax: `{name}` matches a segment, a final `{name+}` the rest; or `$default`. */
  path: string;
  handler: RouteHandler;
  /** For the Lambda context; derived from the route when omitted. */
  functionName?: string;
}

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
}

export interface HttpApiOptions {
  /** Port on 127.0.0.1; a free one when omitted (0). */
  port?: number;
  routes: readonly Route[];
  /** Serves `GET /local/mail` (local mode only, no auth). */
  listMail?: () => Promise<MailItem[]>;
  /**
   * Local-only pages tried before the routes (the console's files, its local sign-in): each
   * answers the requests it serves and `undefined` for the rest.
   */
  localPages?: readonly ((request: RawRequest) => Promise<HttpResult | undefined>)[];
  /** Where a handler's exception is reported (default: stderr), as CloudWatch would get it. */
  log?: (line: string, error: unknown) => void;
}

export interface HttpApi {
  url: string;
  port: number;
  /** Requests being answered now, but the local tools' (`/local/…`): the virtual clock's "quiet". */
  inFlight(): number;
  stop(): Promise<void>;
}

/** A request as read off the socket, before it becomes an event. */
export interface RawRequest {
  method: string;
  /** Path and query as sent, e.g. `/v1/elections/e%201?x=1`. */
  url: string;
  /** Node's `rawHeaders`: name, value, name, value… (names in any case, repeats allowed). */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  protocol: string;
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024; // API Gateway's payload limit.

/** Serves the routes on 127.0.0.1 the way API Gateway (HTTP API) + Lambda would. */
export async function startHttpApi(options: HttpApiOptions): Promise<HttpApi> {
  // Node's default 16 KiB head limit answers 431 and drops the connection (resetting requests
  // in flight on it) before the route can answer; a roomier limit lets the product's own checks
  // refuse over-long ids (400/401/404). API Gateway's own 10 240-byte limit is not emulated.
  let inFlight = 0;
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (request, response) => {
    // A POST /local/clock waits for quiet: it must not count itself.
    const counted = !request.url?.startsWith('/local/');
    if (counted) inFlight += 1;
    void serve(request, response, options).finally(() => {
      if (counted) inFlight -= 1;
    });
  });
  const port = await listen(server, options.port);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    inFlight: () => inFlight,
    stop: () => close(server),
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  options: HttpApiOptions,
): Promise<void> {
  let result: HttpResult;
  try {
    result = await handleRequest(await readRequest(request), options);
  } catch (error) {
    result =
      error instanceof PayloadTooLarge
        ? jsonError(
            413,
            'payload-too-large',
            `request bodies are limited to ${MAX_BODY_BYTES} bytes`,
          )
        : jsonError(500, 'internal', 'Internal Server Error');
    if (!(error instanceof PayloadTooLarge)) logOf(options)('[http] request failed:', error);
  }
  response.writeHead(result.statusCode, result.headers);
  response.end(result.body);
}

/** Routes one request: `/local/mail`, a local page, a handler from the table, or a 404. */
export async function handleRequest(
  request: RawRequest,
  options: HttpApiOptions,
): Promise<HttpResult> {
  const path = request.url.split('?')[0] as string;
  if (options.listMail && request.method === 'GET' && path === '/local/mail') {
    return toHttpResult({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await options.listMail()),
    });
  }
  for (const page of options.localPages ?? []) {
    const answer = await page(request);
    if (answer) return answer;
  }
  const match = matchRoute(options.routes, request.method, path);
  if (!match) return jsonError(404, 'not-found', `no route for ${request.method} ${path}`);
  const event = toApiGatewayEvent(request, match);
  const functionName =
    match.route.functionName ??
    `http${event.routeKey.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
  try {
    return toHttpResult(await match.route.handler(event, createLambdaContext(functionName)));
  } catch (error) {
    // What API Gateway answers when the function throws; the product maps its own errors.
    logOf(options)(`[http] ${event.routeKey} threw:`, error);
    return jsonError(500, 'internal', 'Internal Server Error');
  }
}

/**
 * Picks the route API Gateway would: the method (or ANY) and the path template must match;
 * among several, literal segments beat `{param}`, which beats `{greedy+}`, then `$default`.
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): RouteMatch | undefined {
  let best: { match: RouteMatch; score: number[] } | undefined;
  const segments = path.split('/');
  for (const route of routes) {
    if (route.method !== 'ANY' && route.method !== method) continue;
    const found = matchTemplate(route.path, segments);
    if (!found) continue;
    const score = [...found.score, route.method === 'ANY' ? 0 : 1];
    if (!best || compareScores(score, best.score) > 0) {
      best = { match: { route, pathParameters: found.pathParameters }, score };
    }
  }
  if (best) return best.match;
  const fallback = routes.find((route) => route.path === '$default');
  return fallback ? { route: fallback, pathParameters: {} } : undefined;
}

function matchTemplate(
  template: string,
  segments: string[],
): { pathParameters: Record<string, string>; score: number[] } | undefined {
  if (template === '$default') return undefined;
  const parts = template.split('/');
  const pathParameters: Record<string, string> = {};
  const score: number[] = [];
  for (const [index, part] of parts.entries()) {
    const greedy = /^\{(\w+)\+\}$/.exec(part);
    if (greedy && index === parts.length - 1) {
      const rest = segments.slice(index);
      if (rest.length === 0 || rest.join('') === '') return undefined;
      pathParameters[greedy[1] as string] = decode(rest.join('/'));
      score.push(1);
      return { pathParameters, score };
    }
    const segment = segments[index];
    if (segment === undefined) return undefined;
    const param = /^\{(\w+)\}$/.exec(part);
    if (param) {
      if (segment === '') return undefined;
      pathParameters[param[1] as string] = decode(segment);
      score.push(2);
    } else if (part === segment) {
      score.push(3);
    } else {
      return undefined;
    }
  }
  return parts.length === segments.length ? { pathParameters, score } : undefined;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The API Gateway v2 (HTTP API, payload format 2.0) event for a request. */
export function toApiGatewayEvent(request: RawRequest, match: RouteMatch): APIGatewayProxyEventV2 {
  const [rawPath = '/', rawQueryString = ''] = splitOnce(request.url, '?');
  const headers: Record<string, string> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = (request.rawHeaders[i] as string).toLowerCase();
    const value = request.rawHeaders[i + 1] as string;
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  // Like API Gateway: cookies move out of the headers into their own list.
  const cookies = headers.cookie?.split(/;\s*/).filter(Boolean);
  delete headers.cookie;
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    query[name] = name in query ? `${query[name]},${value}` : value;
  }
  const binary = request.body.length > 0 && !isText(headers['content-type']);
  const now = new Date();
  const routeKey =
    match.route.path === '$default' ? '$default' : `${match.route.method} ${match.route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: (headers.host ?? '127.0.0.1').split('.')[0] as string,
      http: {
        method: request.method,
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: accessLogTime(now),
      timeEpoch: now.getTime(),
    },
    ...(request.body.length > 0 ? { body: request.body.toString(binary ? 'base64' : 'utf8') } : {}),
    isBase64Encoded: binary,
  };
}

/**
 * What API Gateway sends back for a handler's result (payload format 2.0): a
 * `{statusCode, headers, body, isBase64Encoded, cookies}` object as it says; anything else
 * (an object without `statusCode`, a string) is a 200 `application/json` body.
 */
export function toHttpResult(result: unknown): HttpResult {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const structured = result as {
      statusCode: number;
      headers?: Record<string, string | number | boolean>;
      body?: string;
      isBase64Encoded?: boolean;
      cookies?: string[];
    };
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(structured.headers ?? {})) {
      headers[name.toLowerCase()] = String(value);
    }
    if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
    const body = structured.body ?? '';
    return {
      statusCode: structured.statusCode,
      headers,
      body: Buffer.from(body, structured.isBase64Encoded ? 'base64' : 'utf8'),
    };
  }
  const body =
    typeof result === 'string' ? result : result === undefined ? '' : JSON.stringify(result);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(body),
  };
}

function jsonError(statusCode: number, code: string, message: string): HttpResult {
  return toHttpResult({
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: { code, message } }),
  });
}

const logOf = (options: HttpApiOptions) => options.log ?? console.error;

class PayloadTooLarge extends Error {}

async function readRequest(request: IncomingMessage): Promise<RawRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLarge();
    chunks.push(chunk as Buffer);
  }
  return {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    rawHeaders: request.rawHeaders,
    body: Buffer.concat(chunks),
    sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    protocol: `HTTP/${request.httpVersion}`,
  };
}

/** Text bodies stay text; everything else arrives base64-encoded, as from API Gateway. */
function isText(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  // `[/+]xml`: application/xml, image/svg+xml — not the zip of an .xlsx (…openxmlformats…).
  return /^text\/|json|[/+]xml\b|javascript|x-www-form-urlencoded|yaml|graphql/i.test(contentType);
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `12/Mar/2020:19:03:58 +0000`, the format of `requestContext.time`. */
function accessLogTime(date: Date): string {
  const [, day, month, year, time] =
    /^\w+, (\d+) (\w+) (\d+) ([\d:]+)/.exec(date.toUTCString()) ?? [];
  return `${day}/${month}/${year}:${time} +0000`;
}
