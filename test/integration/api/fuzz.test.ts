// Proves that no malformed request to any route (bad bodies, path parameters, tokens) gets a 5xx
// or changes the table, and that every refusal has the SPEC error shape (400s with issue paths).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { apiGroups } from '../../../functions/api/index.ts';
import { MAX_BODY_BYTES } from '../../../shared/http/body.ts';
import type { AnyEndpoint } from '../../../shared/http/endpoint.ts';
import { snapshotTable } from './fuzz-fixtures.ts';
import {
  type Answer,
  describeRequest,
  expectedIssueRoot,
  expectedStatus,
  type FuzzRequest,
  knownPath,
  requestsFor,
  send,
  validBodies,
} from './fuzz-requests.ts';
import { fuzzSuite } from './fuzz-suite.ts';

// Creating an election (the batch seeded, or a request that slipped through) starts no real
// workflow, and nothing reaches for Step Functions.
vi.mock('../../../shared/aws/step-functions.ts', async (original) =>
  (await import('../../support/workflow-stub.ts')).stubStarts(original, undefined, { quiet: true }),
);

/** Fixed, so CI fires the same requests every run; a failure prints the seed and path to replay. */
const SEED = 5_2026_0331;
/** Requests in all, shared among the endpoints (about 35 s here); never under 60 an endpoint. */
const REQUESTS = 5_000;

const endpoints: { group: string; endpoint: AnyEndpoint }[] = Object.entries(apiGroups).flatMap(
  ([group, { endpoints: list }]) => list.map((endpoint) => ({ group, endpoint })),
);
const RUNS = Math.max(60, Math.ceil(REQUESTS / endpoints.length));
const routeKey = (e: AnyEndpoint) => `${e.method} ${e.path}`;

const suite = fuzzSuite();
const samples = validBodies();
const fired: { request: FuzzRequest; answer: Answer }[] = [];
/** Time spent firing and judging the generated requests. */
let fuzzMs = 0;

/** The answer the request must get, whatever made it invalid. */
const judge = (endpoint: AnyEndpoint, request: FuzzRequest, answer: Answer) => {
  const about = `${describeRequest(request)}\n→ ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, about).toBeLessThan(500);
  const expected = expectedStatus(endpoint, request);
  if (typeof expected === 'number') expect(answer.status, about).toBe(expected);
  if (expected === '4xx') expect(answer.status, about).toBeGreaterThanOrEqual(400);
  if (answer.status < 400) return;

  if (answer.contentType.startsWith('text/html')) {
    // Pages answer people on the public routes (board, approval link, objection form).
    expect(endpoint.auth, about).toBe('public');
    expect(answer.text, about).toMatch(/^<!doctype html>/);
    return;
  }
  expect(answer.contentType, about).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as {
    error: { code: unknown; message: unknown; details: unknown };
  };
  expect(Object.keys(body), about).toEqual(['error']);
  expect(body.error, about).toEqual({
    code: expect.stringMatching(/^[a-z][a-z-]*$/),
    message: expect.stringMatching(/\S/),
    details: expect.any(Array),
  });
  if (answer.status === 400) {
    const details = body.error.details as { path?: unknown; message?: unknown }[];
    expect(details.length, about).toBeGreaterThan(0);
    const root = expectedIssueRoot(request);
    for (const detail of details) {
      expect(detail.path, about).toEqual(expect.any(Array));
      expect(detail.message, about).toEqual(expect.any(String));
      if (root) expect((detail.path as unknown[])[0], about).toBe(root);
    }
  }
};

describe('the fuzz starts from valid samples', () => {
  it('each sample names an endpoint that takes a body, and its schema takes it', () => {
    const byKey = new Map(endpoints.map(({ endpoint }) => [routeKey(endpoint), endpoint]));
    for (const [key, sample] of Object.entries(samples)) {
      const endpoint = byKey.get(key);
      expect(endpoint?.body, key).toBeDefined();
      expect(endpoint?.body?.safeParse(sample).success, key).toBe(true);
    }
    // Endpoints without a sample are fuzzed from {} and wild bodies only.
    const unsampled = endpoints.filter(
      ({ endpoint }) => endpoint.body && !samples[routeKey(endpoint)],
    );
    if (unsampled.length) {
      console.info(
        `fuzz: no valid sample for ${unsampled.map(({ endpoint }) => routeKey(endpoint)).join(', ')}`,
      );
    }
  });
});

describe('no malformed request gets a 5xx; each is refused in the SPEC error shape', () => {
  endpoints.forEach(({ group, endpoint }, index) => {
    it(`${routeKey(endpoint)} (${group})`, async () => {
      const start = performance.now();
      await fc.assert(
        fc.asyncProperty(
          requestsFor(endpoint, suite.world, suite.tokens, samples),
          async (request) => {
            const answer = await send(suite.api.url, request);
            fired.push({ request, answer });
            judge(endpoint, request, answer);
          },
        ),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
      );
      fuzzMs += performance.now() - start;
    }, 120_000);
  });
});

describe('bodies every route refuses before reading them', () => {
  const withBody = () => endpoints.filter(({ endpoint }) => endpoint.body);
  const post = (endpoint: AnyEndpoint, body: string) => {
    const role = endpoint.auth === 'public' ? 'organizer' : (endpoint.auth[0] as 'organizer');
    return suite.api.call(endpoint.method, knownPath(endpoint, suite.world), {
      token: suite.tokens.own[role],
      headers: { 'content-type': 'application/json' },
      body,
    });
  };

  it('JSON text that does not parse: 400 bad-request saying why, the body named', async () => {
    for (const { endpoint } of withBody()) {
      const answer = await post(endpoint, '{"text": "未完');
      expect(answer.status, routeKey(endpoint)).toBe(400);
      expect(answer.body, routeKey(endpoint)).toEqual({
        error: {
          code: 'bad-request',
          message: expect.stringMatching(/^the body is not valid JSON: /),
          details: [{ path: ['body'], code: 'invalid_json', message: expect.any(String) }],
        },
      });
    }
  }, 60_000);

  it(`over ${MAX_BODY_BYTES} bytes: 413 payload-too-large; at the limit the body is read (and refused for its shape)`, async () => {
    const atLimit = `{"text":"${'x'.repeat(MAX_BODY_BYTES - 11)}"}`;
    expect(Buffer.byteLength(atLimit)).toBe(MAX_BODY_BYTES);
    for (const { endpoint } of withBody()) {
      const over = await post(endpoint, `${atLimit} `);
      expect(over.status, routeKey(endpoint)).toBe(413);
      expect(over.body, routeKey(endpoint)).toEqual({
        error: {
          code: 'payload-too-large',
          message: expect.stringContaining(String(MAX_BODY_BYTES)),
          details: [{ path: ['body'], size: MAX_BODY_BYTES + 1, limit: MAX_BODY_BYTES }],
        },
      });
      const at = await post(endpoint, atLimit);
      expect(at.status, routeKey(endpoint)).toBe(400);
      expect((at.body as { error: { code: string } }).error.code).toBe('invalid-input');
    }
  }, 60_000);
});

describe('after the fuzz', () => {
  it('fired thousands of requests at every route, none accepted but reads, and the table is unchanged', async () => {
    const seconds = fuzzMs / 1000;
    const byStatus = new Map<number, number>();
    for (const { answer } of fired)
      byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
    console.info(
      `fuzz: ${fired.length} requests to ${endpoints.length} endpoints in ${seconds.toFixed(1)} s; by status ${JSON.stringify(
        Object.fromEntries([...byStatus].sort(([a], [b]) => a - b)),
      )}`,
    );
    const byFault = new Map<string, number>();
    for (const { request } of fired) {
      for (const fault of request.faults.length ? request.faults : ['none (a read)']) {
        byFault.set(fault, (byFault.get(fault) ?? 0) + 1);
      }
    }
    console.info(`fuzz: faults ${JSON.stringify(Object.fromEntries(byFault))}`);
    expect(fired.length).toBeGreaterThanOrEqual(2_000);
    expect(new Set(fired.map(({ request }) => request.routeKey)).size).toBe(endpoints.length);
    const accepted = fired
      .filter(({ request, answer }) => request.method !== 'GET' && answer.status < 400)
      .map(({ request, answer }) => `${answer.status} ${describeRequest(request)}`);
    expect(accepted).toEqual([]);
    expect(await snapshotTable()).toEqual(suite.before);
  });
});
