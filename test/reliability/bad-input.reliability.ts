// Proves, at scale, that bad input never breaks the API: over 10 000 generated malformed requests
// across every route (mutated and wild bodies, bad path parameters and queries, bad tokens) get
// no 5xx, each the status of the first fault the pipeline meets, and none stores anything — the
// table is compared after every route's share, not only at the end. (The generators are the API
// fuzz test's, test/integration/api/fuzz-requests.ts, with other seeds and five times the count.)
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { apiGroups } from '../../functions/api/index.ts';
import type { AnyEndpoint } from '../../shared/http/endpoint.ts';
import { snapshotTable } from '../integration/api/fuzz-fixtures.ts';
import {
  type Answer,
  describeRequest,
  expectedStatus,
  requestsFor,
  send,
  validBodies,
} from '../integration/api/fuzz-requests.ts';
import { fuzzSuite } from '../integration/api/fuzz-suite.ts';

// As in the fuzz test: a request that slipped through would start no real workflow.
vi.mock('../../shared/aws/step-functions.ts', async (original) =>
  (await import('../support/workflow-stub.ts')).stubStarts(original, undefined, { quiet: true }),
);

const SEED = 7_2026_1127;
const REQUESTS = Number(process.env.ZX_RELIABILITY_REQUESTS ?? 12_000);
const PARALLEL = 4;

const endpoints: AnyEndpoint[] = Object.values(apiGroups).flatMap((group) => [...group.endpoints]);
const PER_ENDPOINT = Math.ceil(REQUESTS / endpoints.length);

const suite = fuzzSuite();
const statuses = new Map<number, number>();
let fired = 0;

// Registered after the suite's: runs before it stops the stand-ins (after-hooks run in reverse).
afterAll(() => {
  console.info(
    `bad input: ${fired} requests to ${endpoints.length} routes; by status ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
  );
});

describe(`${REQUESTS} malformed requests across every route`, () => {
  endpoints.forEach((endpoint, index) => {
    const routeKey = `${endpoint.method} ${endpoint.path}`;
    it(`${routeKey}: no 5xx, the first fault's status, nothing stored`, async () => {
      const requests = fc.sample(requestsFor(endpoint, suite.world, suite.tokens, validBodies()), {
        seed: SEED + index,
        numRuns: PER_ENDPOINT,
      });
      const wrong: string[] = [];
      for (let start = 0; start < requests.length; start += PARALLEL) {
        const batch = requests.slice(start, start + PARALLEL);
        const answers: Answer[] = await Promise.all(
          batch.map((request) => send(suite.api.url, request)),
        );
        for (const [i, answer] of answers.entries()) {
          const request = batch[i] as (typeof batch)[number];
          fired += 1;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const expected = expectedStatus(endpoint, request);
          const fine =
            answer.status < 500 &&
            (typeof expected !== 'number' || answer.status === expected) &&
            (expected !== '4xx' || answer.status >= 400) &&
            (request.method === 'GET' || answer.status >= 400);
          if (!fine)
            wrong.push(
              `${answer.status} (expected ${expected}) ${describeRequest(request)}: ${answer.text.slice(0, 200)}`,
            );
        }
      }
      expect(wrong.slice(0, 5), `${wrong.length} wrong answers`).toEqual([]);
      expect(await snapshotTable(), 'the table changed').toEqual(suite.before);
    }, 120_000);
  });

  it(`fired at least 10 000 requests at all ${endpoints.length} routes`, () => {
    expect(fired).toBeGreaterThanOrEqual(10_000);
  });
});
