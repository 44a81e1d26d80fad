// Proves the local HTTP API behaves like API Gateway (HTTP API, payload format 2.0) in front
// of Lambda: real requests become correct v2 events for the route API Gateway would pick,
// handler results (structured or shorthand) become responses, unknown routes give the
// SPEC's 404 error shape, and /local/mail serves the outbox.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HttpApi,
  type Route,
  startHttpApi,
  toApiGatewayEvent,
} from '../../../infra/local/http-server.ts';
import type { MailItem } from '../../../infra/local/ses-local.ts';

const events: APIGatewayProxyEventV2[] = [];
const record =
  (answer: unknown = { statusCode: 204 }) =>
  async (event: APIGatewayProxyEventV2) => {
    events.push(event);
    return answer;
  };

const routes: Route[] = [
  { method: 'GET', path: '/v1/elections/{id}', handler: record({ id: 'from-param' }) },
  { method: 'GET', path: '/v1/elections/latest', handler: record('"literal wins"') },
  { method: 'POST', path: '/v1/elections/{id}/rounds/{roundId}/ballots', handler: record() },
  { method: 'ANY', path: '/files/{path+}', handler: record() },
  {
    method: 'GET',
    path: '/public/elections/{id}',
    handler: async () => ({
      statusCode: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
      cookies: ['seen=1; Path=/'],
      body: '<h1>公示</h1>',
    }),
  },
  {
    method: 'GET',
    path: '/broken',
    handler: async () => {
      throw new Error('boom');
    },
  },
];
const mail: MailItem[] = [
  {
    messageId: 'ses-1',
    from: 'a@example.org',
    to: ['b@example.org'],
    cc: [],
    bcc: [],
    subject: '通知',
    text: 'hi',
    html: undefined,
    at: '2026-11-27T00:00:00.000Z',
  },
];

let api: HttpApi;
const logged: unknown[] = [];
beforeAll(async () => {
  api = await startHttpApi({
    routes,
    listMail: async () => mail,
    log: (_line, error) => logged.push(error),
  });
});
afterAll(() => api.stop());

const lastEvent = () => events.at(-1) as APIGatewayProxyEventV2;

describe('the v2 event', () => {
  it('carries the route, raw path and query, lower-cased headers, parameters and a text body', async () => {
    const response = await fetch(
      `${api.url}/v1/elections/e%2042/rounds/r1/ballots?dry=1&tag=a&tag=b`,
      {
        method: 'POST',
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Trace', 'one'],
          ['X-Trace', 'two'],
          ['Cookie', 'session=abc; theme=red'],
          ['Authorization', 'Bearer t0ken'],
        ],
        body: JSON.stringify({ ballots: [{ serial: 1 }] }),
      },
    );
    expect(response.status).toBe(204);
    const event = lastEvent();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /v1/elections/{id}/rounds/{roundId}/ballots',
      rawPath: '/v1/elections/e%2042/rounds/r1/ballots',
      rawQueryString: 'dry=1&tag=a&tag=b',
      cookies: ['session=abc', 'theme=red'],
      queryStringParameters: { dry: '1', tag: 'a,b' },
      pathParameters: { id: 'e 42', roundId: 'r1' },
      body: '{"ballots":[{"serial":1}]}',
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'POST /v1/elections/{id}/rounds/{roundId}/ballots',
        stage: '$default',
        http: {
          method: 'POST',
          path: '/v1/elections/e%2042/rounds/r1/ballots',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
        },
      },
    });
    expect(event.headers).toMatchObject({
      'content-type': 'application/json',
      'x-trace': 'one, two', // fetch merges repeated headers itself
      authorization: 'Bearer t0ken',
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.time).toMatch(/^\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5_000);
  });

  it('joins repeated headers with commas, as API Gateway does', () => {
    const event = toApiGatewayEvent(
      {
        method: 'GET',
        url: '/v1/elections/e1',
        rawHeaders: ['X-Forwarded-For', '10.0.0.1', 'x-forwarded-for', '10.0.0.2'],
        body: Buffer.alloc(0),
        sourceIp: '127.0.0.1',
        protocol: 'HTTP/1.1',
      },
      { route: routes[0] as Route, pathParameters: { id: 'e1' } },
    );
    expect(event.headers).toEqual({ 'x-forwarded-for': '10.0.0.1,10.0.0.2' });
    expect(event.body).toBeUndefined();
  });

  it('base64-encodes a binary body and leaves out what the request lacks', async () => {
    const bytes = Buffer.from([0xff, 0x00, 0x10, 0x80]);
    await fetch(`${api.url}/files/scans/id-card.png`, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: bytes,
    });
    const event = lastEvent();
    expect(event.routeKey).toBe('ANY /files/{path+}');
    expect(event.pathParameters).toEqual({ path: 'scans/id-card.png' });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body as string, 'base64')).toEqual(bytes);
    expect(event.rawQueryString).toBe('');
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.cookies).toBeUndefined();
  });
});

describe('routing and responses', () => {
  it('prefers a literal segment to a parameter, and answers the shorthand as JSON', async () => {
    const literal = await fetch(`${api.url}/v1/elections/latest`);
    expect(await literal.text()).toBe('"literal wins"');
    const param = await fetch(`${api.url}/v1/elections/e1`);
    expect(param.status).toBe(200);
    expect(param.headers.get('content-type')).toBe('application/json');
    expect(await param.json()).toEqual({ id: 'from-param' });
  });

  it('sends a structured result as it is, cookies as Set-Cookie', async () => {
    const response = await fetch(`${api.url}/public/elections/e1`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.getSetCookie()).toEqual(['seen=1; Path=/']);
    expect(await response.text()).toBe('<h1>公示</h1>');
  });

  it('answers 404 in the SPEC error shape for an unknown route or method', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nowhere'],
      ['DELETE', '/v1/elections/e1'],
    ] as const) {
      const response = await fetch(`${api.url}${path}`, { method });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 'not-found', message: `no route for ${method} ${path}` },
      });
    }
  });

  it('answers 500 when a handler throws', async () => {
    const response = await fetch(`${api.url}/broken`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 'internal', message: 'Internal Server Error' },
    });
    expect(logged).toEqual([new Error('boom')]);
  });

  it('serves GET /local/mail from the outbox', async () => {
    const response = await fetch(`${api.url}/local/mail`);
    expect(await response.json()).toEqual(mail.map(({ html, ...rest }) => rest));
  });
});
