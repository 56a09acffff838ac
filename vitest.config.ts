import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` needs no database and runs in seconds (`npm run test:unit`); `integration`
 * (the API, pages, curation, browser tests) runs against a real local Neo4j that its global setup
 * starts. `npm test` runs both.
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          // One Neo4j serves the run and some files reset or write to it, so files run one at a time.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
