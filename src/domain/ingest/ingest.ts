import type { Database } from '../../data/database.js';
import { DomainError, invalidInput } from '../errors.js';
import { loadIngestContext } from './extract/context.js';
import { extract, type ExtractOptions } from './extract/extract.js';
import { textWorkers, type TextWorkerPool } from './text-workers.js';
import type { IngestResult } from './types.js';

/** The longest text one call reads (about 1 MB of prose). */
export const MAX_INGEST_CHARS = 1_000_000;

/**
 * Reads prose against the graph's current names: the entry point for commands and for the review
 * queue. Writes nothing.
 */
export async function proposeFromText(db: Database, text: string, options: ExtractOptions = {}): Promise<IngestResult> {
  checkText(text);
  const context = await loadIngestContext(db);
  return extract(text, context, options);
}

/** proposeFromText in a worker thread, for the app: the main thread keeps serving other requests meanwhile. */
export async function proposeOffThread(db: Database, text: string, pool: TextWorkerPool = textWorkers()): Promise<IngestResult> {
  checkText(text);
  const context = await loadIngestContext(db);
  return pool.extract(text, context);
}

function checkText(text: string): void {
  if (typeof text !== 'string' || !text.trim()) throw invalidInput('text', 'must not be empty');
  if (text.length > MAX_INGEST_CHARS) {
    throw new DomainError('too-large', `The text has ${text.length} characters; at most ${MAX_INGEST_CHARS} are read at once.`, {
      field: 'text',
      limit: MAX_INGEST_CHARS,
    });
  }
}
