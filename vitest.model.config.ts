import { defineConfig } from 'vitest/config';

// `npm run test:model` (test/model/run.ts): the model-based tests — random sequences against the
// whole local stack, minutes long; kept out of `npm test` (vitest.config.ts excludes the file).
export default defineConfig({
  test: {
    include: ['test/model/model.test.ts'],
    globalSetup: ['test/integration/global-setup.ts'],
    // The functions' metrics are log lines CloudWatch reads on AWS: noise in a test's output.
    // The stack's info logs would bury the run's report: warnings and errors only.
    env: { POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'WARN' },
    hookTimeout: 120_000,
  },
});
