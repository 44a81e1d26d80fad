import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: the reliability suite (faults, crashes, concurrency, bad input,
// security) — slower than `npm test`, one file at a time (each runs its own local stack).
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.reliability.ts'],
    globalSetup: ['test/integration/global-setup.ts'],
    // The functions' metrics are log lines CloudWatch reads on AWS: noise in a test's output.
    env: { POWERTOOLS_METRICS_DISABLED: 'true' },
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
