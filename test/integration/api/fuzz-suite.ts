// The preamble the API fuzz test and the bad-input reliability test share: the seeded world,
// the tokens the requests draw from, the API, and the table as it was before the first request
// (nothing a malformed request does may change it).

import { startTestApi } from '../../support/api.ts';
import { suiteOf } from '../../support/api-suite.ts';
import { makeTokens, seedWorld, snapshotTable } from './fuzz-fixtures.ts';
import { closeAgent } from './fuzz-requests.ts';

/** Seeding every stage's election and starting the API takes longer than the other suites. */
const START_MS = 120_000;

export const fuzzSuite = () =>
  suiteOf(async () => {
    const world = await seedWorld();
    const tokens = await makeTokens();
    const api = await startTestApi();
    const before = await snapshotTable();
    const stop = async () => {
      closeAgent();
      await api.stop();
      await world.ses.stop();
    };
    return { world, tokens, api, before, stop };
  }, START_MS);
