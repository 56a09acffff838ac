import { defineConfig } from 'vitest/config';

/**
 * Evaluations against material kept outside the repository (the seed newsletter): no database,
 * not part of `npm test`; `npm run eval:newsletter` runs them, with INGEST_NEWSLETTER naming the file.
 */
export default defineConfig({
  test: {
    include: ['test/eval/**/*.eval.ts'],
    testTimeout: 30_000,
    reporters: ['default'],
  },
});
