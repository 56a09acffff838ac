import { FEED_KEEP, type Database, type Run } from './database.js';
import { defineQuery } from './queries.js';

/**
 * The change feed: every write of public records adds, in its own transaction, one entry naming the
 * records it created, changed or removed (or `all` for a bulk replacement such as a seed reset or a
 * restore). Entries are numbered in commit order, so a reader that remembers the last number it saw
 * can catch up with exactly what it missed; this is how derived views of the graph (the read model
 * behind lists and search) stay current in every app instance sharing the database.
 */
export type GraphChange = { ids: readonly string[] } | { all: true };

/** Above this many ids a change is recorded as `all`: readers rebuild instead of refreshing each. */
const MAX_IDS = 20_000;

const record = defineQuery<{ ids: string[]; all: boolean; keep: number }, { seq: number }>('changes/record');
const head = defineQuery<Record<string, never>, { seq: number; oldest: number }>('changes/head');
const since = defineQuery<{ after: number; limit: number }, { seq: number; ids: string[]; all: boolean }>('changes/since');

/** Adds the change to the feed inside the write's transaction `run`. */
export async function recordGraphChange(run: Run, change: GraphChange): Promise<void> {
  const all = 'all' in change || change.ids.length > MAX_IDS;
  const ids = 'all' in change || all ? [] : [...new Set(change.ids)];
  if (!all && !ids.length) return;
  await run(record, { ids, all, keep: FEED_KEEP });
}

/** The newest entry's number and the oldest one kept. */
export async function feedHead(db: Database): Promise<{ seq: number; oldest: number }> {
  const [row] = await db.read(head);
  return row ?? { seq: 0, oldest: 0 };
}

/** Entries after `after`, oldest first, at most `limit`. */
export function changesSince(db: Database, after: number, limit = 500) {
  return db.read(since, { after, limit });
}
