import { defineConfig } from 'vitest/config';

/**
 * Evaluations against material kept outside the repository (the seed newsletter, the UN's target
 * texts): no database, not part of `npm test`; `npm run eval:external` runs them, with
 * INGEST_NEWSLETTER and SDG_REFERENCE naming the files.
 * The checks live in test/support/newsletter-checks.ts; `npm test` runs them on test/fixtures/newsletter.txt,
 * a reworded copy of the same ten items, through test/unit/newsletter.test.ts.
 */
export default defineConfig({
  test: {
    include: ['test/eval/**/*.eval.ts'],
    testTimeout: 30_000,
    reporters: ['default'],
  },
});
