import path from 'node:path';
import type { Database } from './database.js';
import { composeQuery, defineQuery, schemaFiles, schemaStatements } from './queries.js';

const recordMigration = defineQuery<{ id: string }, never>('schema/record-migration');
export const awaitIndexes = defineQuery<Record<string, never>, never>('schema/await-indexes');

/** Applies graph/schema/*.cypher in order; every statement is idempotent, so this is safe on each start. */
export async function migrate(db: Database): Promise<string[]> {
  const applied: string[] = [];
  for (const file of schemaFiles()) {
    const id = path.basename(file);
    for (const statement of schemaStatements(file)) await db.autoCommit(composeQuery(`schema/${id}`, statement));
    await db.write(recordMigration, { id });
    applied.push(id);
  }
  await db.autoCommit(awaitIndexes);
  return applied;
}
