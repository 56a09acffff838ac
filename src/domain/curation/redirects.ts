import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';

const mergedInto = defineQuery<{ id: string }, { survivor: string }>('curation/merged-into');

/** Where a merged-away id lives now, following merges of merges. */
export async function survivorOf(db: Database, id: string): Promise<string | undefined> {
  let current = id;
  for (let hop = 0; hop < 10; hop += 1) {
    const [row] = await db.read(mergedInto, { id: current });
    if (!row) return current === id ? undefined : current;
    current = row.survivor;
  }
  return current;
}
