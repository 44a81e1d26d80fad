import { randomUUID } from 'node:crypto';
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of a local stand-in (DynamoDB Local or
 * SES): the product's SDK clients are pointed at it through their endpoint settings, so the
 * product runs unchanged. Faults are drawn from a seeded generator: throttling, 5xx, a connection
 * reset before the request reaches the service, a hang then a reset (a timeout), and — for
 * DynamoDB — a response lost after the service applied the request (the retry must be idempotent).
 */

export type Service = 'dynamodb' | 'ses';

export type Fault =
  | 'throttle'
  | 'server-error'
  | 'unavailable'
  | 'reset'
  | 'timeout'
  | 'lost-response'
  | 'delay';

export interface FaultPlan {
  /** Share of requests that get a fault (0…1). */
  rate: number;
  seed: number;
  faults: readonly Fault[];
  /**
   * Never fault an SDK call's last attempt (header `amz-sdk-request: attempt=n; max=m`): faults
   * stay transient, as the SDK's retries expect them to be.
   */
  spareLastAttempt: boolean;
  /** For `timeout` and `delay`: how long to hold the request (ms). */
  holdMs?: number;
  /**
   * Whether a drawn fault applies to this request (operation: X-Amz-Target's or SES's Action;
   * body: the request as sent); when it does not, the request passes through.
   */
  applies?: (operation: string, body: string, fault: Fault) => boolean;
  /** At most this many faults in all. */
  limit?: number;
}

export interface FaultProxy {
  url: string;
  /** Requests seen, faults injected by kind. */
  stats: { requests: number; faults: Partial<Record<Fault, number>> };
  /** Replace the plan (null: pass everything through). */
  setPlan(plan: FaultPlan | null): void;
  stop(): Promise<void>;
}

/** mulberry32: small, seeded, the same draws on every machine. */
export const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** The error answer each service gives, in its own protocol (JSON 1.0 / the query protocol). */
const errorAnswer = (service: Service, fault: 'throttle' | 'server-error' | 'unavailable') => {
  const status = fault === 'throttle' ? 400 : fault === 'server-error' ? 500 : 503;
  if (service === 'dynamodb') {
    const type = {
      throttle: 'ThrottlingException',
      'server-error': 'InternalServerError',
      unavailable: 'ServiceUnavailable',
    }[fault];
    return {
      status,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-errortype': type,
        'x-amzn-requestid': randomUUID(),
      },
      body: JSON.stringify({
        __type: `com.amazonaws.dynamodb.v20120810#${type}`,
        message: `injected ${fault}`,
      }),
    };
  }
  const code = {
    throttle: 'Throttling',
    'server-error': 'InternalFailure',
    unavailable: 'ServiceUnavailable',
  }[fault];
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() },
    body:
      `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>${fault === 'throttle' ? 'Sender' : 'Receiver'}</Type>` +
      `<Code>${code}</Code><Message>injected ${fault}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
};

const operationOf = (request: IncomingMessage, body: Buffer): string => {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').at(-1) ?? target;
  return /(?:^|&)Action=([^&]+)/.exec(body.toString())?.[1] ?? request.method ?? '';
};

const attemptOf = (request: IncomingMessage): { attempt: number; max: number } => {
  const header = String(request.headers['amz-sdk-request'] ?? '');
  return {
    attempt: Number(/attempt=(\d+)/.exec(header)?.[1] ?? 1),
    max: Number(/max=(\d+)/.exec(header)?.[1] ?? 1),
  };
};

export const startFaultProxy = async (
  service: Service,
  target: string,
  initial: FaultPlan | null = null,
): Promise<FaultProxy> => {
  const upstream = new URL(target);
  let plan = initial;
  let draw = seeded(initial?.seed ?? 1);
  let injected = 0;
  const stats: FaultProxy['stats'] = { requests: 0, faults: {} };

  const pass = (request: IncomingMessage, body: Buffer, response: ServerResponse, lose: boolean) =>
    new Promise<void>((done) => {
      const outgoing = forward(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, host: upstream.host },
        },
        async (answer) => {
          const answerBody = await readBody(answer);
          if (lose) {
            // Applied by the service; the caller never hears of it.
            response.socket?.destroy();
          } else {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            response.end(answerBody);
          }
          done();
        },
      );
      outgoing.on('error', () => {
        response.socket?.destroy();
        done();
      });
      outgoing.end(body);
    });

  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    stats.requests += 1;
    const current = plan;
    const { attempt, max } = attemptOf(request);
    const eligible =
      current !== null &&
      !(current.spareLastAttempt && attempt >= max) &&
      injected < (current.limit ?? Number.POSITIVE_INFINITY);
    let fault =
      eligible && draw() < current.rate
        ? current.faults[Math.floor(draw() * current.faults.length)]
        : undefined;
    if (
      fault &&
      current?.applies &&
      !current.applies(operationOf(request, body), body.toString(), fault)
    ) {
      fault = undefined;
    }
    if (fault) injected += 1;
    if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
    switch (fault) {
      case undefined:
        return pass(request, body, response, false);
      case 'throttle':
      case 'server-error':
      case 'unavailable': {
        const answer = errorAnswer(service, fault);
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
        return;
      }
      case 'reset':
        response.socket?.destroy();
        return;
      case 'timeout':
        await sleep(current?.holdMs ?? 1500);
        response.socket?.destroy();
        return;
      case 'delay':
        await sleep(current?.holdMs ?? 300);
        return pass(request, body, response, false);
      case 'lost-response':
        return pass(request, body, response, true);
    }
  });
  // Sockets of callers the proxy hung up on must not keep it open.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    setPlan(next) {
      plan = next;
      draw = seeded(next?.seed ?? 1);
      injected = 0;
    },
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
};
