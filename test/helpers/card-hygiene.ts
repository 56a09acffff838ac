/**
 * Runs around every test file: some files set up or clean up with raw Cypher, which bypasses the
 * writes that drop stale case cards, so each file leaves no card behind for the next (the app
 * rebuilds them; until then a case is read live).
 */
import { afterAll } from 'vitest';
import { dropAllCards } from '../../src/domain/atlas/card-keeper.js';
import { testDb } from './env.js';

afterAll(async () => {
  const db = testDb();
  try {
    await dropAllCards(db);
  } finally {
    await db.close();
  }
});
