/**
 * Runs around every test file: some files set up or clean up with raw Cypher, which bypasses the
 * writes that drop stale case cards, so each file leaves no card behind for the next (the app
 * rebuilds them; until then a case is read live).
 */
import { afterAll } from 'vitest';
import { cypher } from '../../src/data/queries.js';
import { testDb } from './env.js';

afterAll(async () => {
  const db = testDb();
  try {
    await db.autoCommit(cypher('cards/drop-all'));
  } finally {
    await db.close();
  }
});
