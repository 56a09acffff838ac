import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/helpers/card-hygiene.ts'],
    include: ['test/**/*.test.ts'],
    // One Neo4j serves the run and some files reset or write to it, so files run one at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
