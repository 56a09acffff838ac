import type { Database } from '../../data/database.js';
import { notFound } from '../errors.js';
import { revertMerge } from './merge.js';
import { getChange, revertChange, type Actor } from './writes.js';

/** Undoes any recorded change, merges included, with a new change labelled as a revert of it. */
export async function revertAnyChange(db: Database, by: Actor, changeId: string): Promise<Record<string, unknown>> {
  const change = await getChange(db, changeId);
  if (!change) throw notFound('change', changeId);
  if (change.action === 'merge') return revertMerge(db, by, changeId);
  return revertChange(db, by, changeId);
}
