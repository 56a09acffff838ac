import path from 'node:path';
import type { Database } from './database.js';
import { schemaFiles, schemaStatements } from './queries.js';

/** Applies graph/schema/*.cypher in order; every statement is idempotent, so this is safe on each start. */
export async function migrate(db: Database): Promise<string[]> {
  const applied: string[] = [];
  for (const file of schemaFiles()) {
    for (const statement of schemaStatements(file)) await db.autoCommit(statement);
    const id = path.basename(file);
    await db.write('MERGE (m:SchemaMigration {id: $id}) ON CREATE SET m.appliedAt = datetime()', { id });
    applied.push(id);
  }
  await db.autoCommit('CALL db.awaitIndexes(300)');
  return applied;
}
