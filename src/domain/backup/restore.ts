import { randomUUID } from 'node:crypto';
import type { Database } from '../../data/database.js';
import { cypher } from '../../data/queries.js';
import { dropAllCards } from '../atlas/card-keeper.js';
import type { ExGraph } from '../exchange/types.js';
import { elementType, isList, isTemporal, toWire, valueKey, type Value } from '../exchange/values.js';
import { BackupError, contentDigest, type Backup } from './format.js';
import { readBackupGraph } from './read.js';

const NODE_BATCH = 2_000;
const REL_BATCH = 5_000;
const CHECK_BATCH = 1_000;

export interface RestoreReport {
  nodes: number;
  relationships: number;
  seconds: number;
}

/**
 * Checks what only Neo4j can tell before anything is deleted: every temporal value is one it can
 * read, and no two nodes break a uniqueness constraint of the schema (already migrated).
 */
export async function checkAgainstSchema(db: Database, graph: ExGraph): Promise<void> {
  const problems: string[] = [];
  const temporals: { where: string; type: string; value: string }[] = [];
  for (const n of graph.nodes) {
    for (const [key, v] of Object.entries(n.props)) {
      if (!isTemporal(v)) continue;
      const items = isList(v.type) ? (v.value as string[]) : [v.value as string];
      for (const value of items) temporals.push({ where: `node ${n.key} property "${key}"`, type: elementType(v.type), value });
    }
  }
  for (const r of graph.relationships) {
    for (const [key, v] of Object.entries(r.props)) {
      if (!isTemporal(v)) continue;
      const items = isList(v.type) ? (v.value as string[]) : [v.value as string];
      for (const value of items) temporals.push({ where: `relationship ${r.from} ${r.type} ${r.to} property "${key}"`, type: elementType(v.type), value });
    }
  }
  const query = cypher('exchange/canonical-temporals');
  for (let i = 0; i < temporals.length; i += CHECK_BATCH) {
    const batch = temporals.slice(i, i + CHECK_BATCH);
    try {
      await db.read(query, { values: batch.map((t, j) => ({ i: j, type: t.type, value: t.value })) });
    } catch {
      for (const t of batch) {
        await db.read(query, { values: [{ i: 0, type: t.type, value: t.value }] }).catch(() => problems.push(`${t.where}: "${t.value}" is not a ${t.type} Neo4j can read`));
      }
    }
  }

  const constraints = await db.read(cypher('backup/unique-constraints'));
  for (const c of constraints) {
    const label = String(c.label);
    const keys = c.properties as string[];
    const seen = new Map<string, string>();
    for (const n of graph.nodes) {
      if (!n.labels.includes(label)) continue;
      const values = keys.map((k) => n.props[k]);
      if (values.some((v) => v === undefined)) continue;
      const key = JSON.stringify(values.map((v) => valueKey(v as Value)));
      const first = seen.get(key);
      if (first) problems.push(`node ${n.key}: ${label} ${keys.join(', ')} is the same as node ${first}'s, which the schema forbids`);
      else seen.set(key, n.key);
    }
  }
  if (problems.length) throw new BackupError('The backup does not fit this database; nothing was restored:', problems);
}

/**
 * Writes one batch in its own transaction, marked with an id made before it: when the driver runs
 * the transaction again after a commit whose answer was lost, the mark is found and the batch is
 * not written twice.
 */
async function writeBatch(db: Database, id: string, query: string, rows: Record<string, unknown>[]): Promise<{ keys: string[]; refs: string[] }> {
  return db.writeTx(async (run) => {
    const [done] = await run(cypher('backup/get-batch'), { id });
    if (done) return { keys: done.keys as string[], refs: done.refs as string[] };
    const made = await run(query, { rows });
    const keys = made.filter((r) => r.key !== undefined).map((r) => String(r.key));
    const refs = made.filter((r) => r.key !== undefined).map((r) => String(r.ref));
    await run(cypher('backup/mark-batch'), { id, keys, refs });
    return { keys, refs };
  });
}

/**
 * Replaces the graph with a checked backup: empties it (keeping the schema's bookkeeping, and the
 * accounts when the backup has none) in bounded batches, writes the nodes and then the
 * relationships in batches, and reads the graph back to confirm it equals the backup. The caller
 * checks the file and runs checkAgainstSchema first, so a bad backup never gets this far.
 */
export async function restoreGraph(db: Database, backup: Backup, log: (line: string) => void = () => {}): Promise<RestoreReport> {
  const started = performance.now();
  const { graph, meta } = backup;
  const run = randomUUID();

  log(`Emptying the graph${meta.accounts ? ' (accounts and tokens included)' : ' (accounts and tokens stay)'}...`);
  await db.autoCommit(cypher('backup/delete-batch-marks'));
  await db.autoCommit(cypher('backup/delete-relationships'), { accounts: meta.accounts });
  await db.autoCommit(cypher('backup/delete-nodes'), { accounts: meta.accounts });

  const refs = new Map<string, string>();
  const createNodes = [cypher('exchange/create-nodes'), cypher('exchange/set-typed-properties'), cypher('exchange/return-created')].join('\n');
  for (let i = 0; i < graph.nodes.length; i += NODE_BATCH) {
    const rows = graph.nodes.slice(i, i + NODE_BATCH).map((n) => ({ key: n.key, labels: n.labels, ...toWire(n.props) }));
    const made = await writeBatch(db, `${run}:nodes:${i}`, createNodes, rows);
    made.keys.forEach((k, j) => refs.set(k, made.refs[j]!));
    log(`  ${Math.min(i + NODE_BATCH, graph.nodes.length).toLocaleString('en')} / ${graph.nodes.length.toLocaleString('en')} nodes`);
  }
  const missing = graph.nodes.filter((n) => !refs.has(n.key));
  if (missing.length) throw new Error(`${missing.length} nodes were not created (first: ${missing[0]!.key}); run the restore again.`);

  const createRels = [cypher('backup/create-relationships'), cypher('exchange/set-typed-properties'), cypher('exchange/return-count')].join('\n');
  for (let i = 0; i < graph.relationships.length; i += REL_BATCH) {
    const rows = graph.relationships.slice(i, i + REL_BATCH).map((r) => ({ from: refs.get(r.from), to: refs.get(r.to), type: r.type, ...toWire(r.props) }));
    await writeBatch(db, `${run}:relationships:${i}`, createRels, rows);
    if ((i / REL_BATCH) % 10 === 9 || i + REL_BATCH >= graph.relationships.length) {
      log(`  ${Math.min(i + REL_BATCH, graph.relationships.length).toLocaleString('en')} / ${graph.relationships.length.toLocaleString('en')} relationships`);
    }
  }
  await db.autoCommit(cypher('backup/delete-batch-marks'));
  // A case card built while the relationships were still arriving would miss some.
  await dropAllCards(db);
  await db.autoCommit('CALL db.awaitIndexes(300)');

  log('Reading the graph back to compare it with the backup...');
  const digest = contentDigest(await readBackupGraph(db, { accounts: meta.accounts }));
  if (digest !== backup.contentSha256) {
    throw new Error('The restored graph differs from the backup: something else wrote to the database during the restore (stop the app while restoring) — run the restore again.');
  }
  return { nodes: graph.nodes.length, relationships: graph.relationships.length, seconds: (performance.now() - started) / 1000 };
}
