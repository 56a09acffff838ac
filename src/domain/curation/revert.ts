import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { DomainError, notFound } from '../errors.js';
import { revertMerge } from './merge.js';
import { getChange, revertChange, type Actor } from './writes.js';

const undoneBy = defineQuery<{ id: string }, { id: string }>('curation/undone-by');

/** Undoes any recorded change, merges included, with a new change labelled as a revert of it. */
export async function revertAnyChange(db: Database, by: Actor, changeId: string): Promise<Record<string, unknown>> {
  const change = await getChange(db, changeId);
  if (!change) throw notFound('change', changeId);
  if (change.action === 'merge') return revertMerge(db, by, changeId);
  // Undone once is enough: a second undo would write the same state again over what came since.
  const [undo] = await db.read(undoneBy, { id: changeId });
  if (undo)
    throw new DomainError('conflict', `This change was already undone by ${undo.id}; revert that one to apply the change again.`, {
      field: 'change',
      undoneBy: undo.id,
    });
  return revertChange(db, by, changeId);
}
