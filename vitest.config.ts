import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The model-based tests run apart (`npm run test:model`, vitest.model.config.ts): minutes long.
    exclude: ['test/bench/**', 'test/model/model.test.ts'],
    // Cheap when unused: it starts the shared stand-ins only when a test asks for them.
    globalSetup: ['test/integration/global-setup.ts', 'test/e2e/console/build-console.ts'],
    // The functions' metrics are log lines CloudWatch reads on AWS: noise in a test's output.
    env: { POWERTOOLS_METRICS_DISABLED: 'true' },
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine. Most files
    // wait on their stack (short days, DynamoDB Local, Chromium) rather than compute, so two
    // files at a time nearly halve the run.
    maxWorkers: 2,
  },
});
