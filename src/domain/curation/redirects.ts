import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';

const mergedInto = defineQuery<{ id: string }, { survivor: string }>('curation/merged-into');

/**
 * Follows merges from a merged-away id: `next` gives the id a node was merged into, or undefined
 * for a node that is not merged away (live again after an undone merge, for one). At most 10 hops.
 */
export async function followMerges(id: string, next: (id: string) => Promise<string | undefined>): Promise<string | undefined> {
  let current = id;
  for (let hop = 0; hop < 10; hop += 1) {
    const after = await next(current);
    if (!after) return current === id ? undefined : current;
    current = after;
  }
  return current;
}

/** Where a merged-away id lives now, following merges of merges. */
export async function survivorOf(db: Database, id: string): Promise<string | undefined> {
  return followMerges(id, async (current) => (await db.read(mergedInto, { id: current }))[0]?.survivor);
}
