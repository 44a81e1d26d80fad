// The preamble of a test file that runs against stand-ins: start them, and whatever the file
// reads from them (tokens, seeded ids), once before its tests; stop them after the last.
import { afterAll, beforeAll } from 'vitest';

/** DynamoDB Local, SES Local and the API take seconds to start on a busy machine. */
export const START_TIMEOUT_MS = 60_000;

/**
 * Registers the file's beforeAll and afterAll and answers the object `start`'s answer fills
 * before the first test: read it inside tests and hooks, not at module load.
 */
export const suiteOf = <Suite extends { stop(): unknown }>(
  start: () => Promise<Suite>,
  timeoutMs = START_TIMEOUT_MS,
): Suite => {
  const suite = {} as Suite;
  beforeAll(async () => {
    Object.assign(suite, await start());
  }, timeoutMs);
  // Optional: a start that failed left nothing to stop.
  afterAll(() => suite.stop?.());
  return suite;
};
