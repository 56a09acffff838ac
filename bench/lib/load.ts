/** Writes the synthetic rows to Neo4j with batched writes, and tells whether they are already there. */
import type { Database } from '../../src/data/database.js';
import { LABELS, RELATIONSHIP_TYPES } from '../../src/domain/model/kinds.js';
import type { SeedPlan } from '../../src/domain/seed/plan.js';
import { SYN_PREFIX } from './synthetic.js';

export const BATCH_SIZE = 5_000;
const MARKER_LABEL = 'BenchSyntheticGraph';

export interface SyntheticStatus {
  cases: number;
  fingerprint?: string;
}

export async function syntheticStatus(db: Database): Promise<SyntheticStatus> {
  const [row] = await db.read(
    `CALL () { MATCH (c:Case) WHERE c.id STARTS WITH $prefix RETURN count(c) AS cases }
     OPTIONAL MATCH (m:${MARKER_LABEL} {id: 'synthetic'})
     RETURN cases, m.fingerprint AS fingerprint`,
    { prefix: SYN_PREFIX },
  );
  return { cases: Number(row?.cases ?? 0), fingerprint: (row?.fingerprint as string | null) ?? undefined };
}

/**
 * Deletes the synthetic graph and its marker: relationships first, in batches of a bounded size
 * (every synthetic relationship starts at a synthetic node), then the nodes. Deleting dense nodes
 * with DETACH DELETE in node batches can exceed the transaction memory limit.
 */
export async function deleteSynthetic(db: Database): Promise<void> {
  await db.autoCommit(`MATCH (m:${MARKER_LABEL}) DELETE m`);
  await db.autoCommit(
    `MATCH (n:Entity)-[r]->() WHERE n.id STARTS WITH $prefix
     CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS`,
    { prefix: SYN_PREFIX },
  );
  await db.autoCommit(
    `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
     CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
    { prefix: SYN_PREFIX },
  );
}

function* chunks<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export interface LoadReport {
  nodes: number;
  relationships: number;
  nodeSeconds: number;
  relationshipSeconds: number;
  seconds: number;
  rowsPerSecond: number;
}

/**
 * Creates the rows with one write transaction per batch of BATCH_SIZE. The synthetic ids are new
 * (the caller removes an older synthetic graph first), so CREATE is used where the seed loader
 * MERGEs; labels, types and properties are the loader's own. Labels and types are checked against
 * the model before they are put into the query text.
 */
export async function writeSynthetic(db: Database, plan: SeedPlan, log: (line: string) => void): Promise<LoadReport> {
  const started = performance.now();
  let done = 0;
  const total = plan.nodes.length + plan.relationships.length;
  let lastLog = 0;
  const progress = (force = false) => {
    const now = performance.now();
    if (!force && now - lastLog < 5_000) return;
    lastLog = now;
    const s = (now - started) / 1000;
    log(
      `  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows, ${s.toFixed(1)} s, ${Math.round(done / s).toLocaleString('en')} rows/s`,
    );
  };

  for (const [label, rows] of groupBy(plan.nodes, (n) => n.label)) {
    if (!(LABELS as string[]).includes(label)) throw new Error(`unknown label ${label}`);
    const query = `UNWIND $rows AS row CREATE (n:Entity:${label}) SET n = row.props`;
    for (const batch of chunks(rows, BATCH_SIZE)) {
      await db.write(query, { rows: batch.map((r) => ({ props: r.props })) });
      done += batch.length;
      progress();
    }
  }
  const nodeSeconds = (performance.now() - started) / 1000;

  for (const [type, rows] of groupBy(plan.relationships, (r) => r.type)) {
    if (!RELATIONSHIP_TYPES.includes(type)) throw new Error(`unknown relationship type ${type}`);
    const query = `UNWIND $rows AS row
      MATCH (a:Entity {id: row.from})
      MATCH (b:Entity {id: row.to})
      CREATE (a)-[r:${type}]->(b) SET r = row.props`;
    for (const batch of chunks(rows, BATCH_SIZE)) {
      await db.write(query, { rows: batch.map((r) => ({ from: r.from, to: r.to, props: r.props })) });
      done += batch.length;
      progress();
    }
  }
  progress(true);
  const seconds = (performance.now() - started) / 1000;
  return {
    nodes: plan.nodes.length,
    relationships: plan.relationships.length,
    nodeSeconds,
    relationshipSeconds: seconds - nodeSeconds,
    seconds,
    rowsPerSecond: total / seconds,
  };
}

export async function writeMarker(db: Database, fingerprint: string, cases: number): Promise<void> {
  await db.write(
    `MERGE (m:${MARKER_LABEL} {id: 'synthetic'}) SET m.fingerprint = $fingerprint, m.cases = $cases, m.loadedAt = datetime()`,
    {
      fingerprint,
      cases,
    },
  );
}

/** Node counts per label and relationship counts per type, from the count store (cheap). */
export async function graphCounts(
  db: Database,
): Promise<{ nodes: Record<string, number>; relationships: Record<string, number>; totalNodes: number; totalRelationships: number }> {
  const nodes: Record<string, number> = {};
  const relationships: Record<string, number> = {};
  for (const label of LABELS) {
    const [row] = await db.read(`MATCH (n:${label}) RETURN count(n) AS c`);
    nodes[label] = Number(row?.c ?? 0);
  }
  for (const type of RELATIONSHIP_TYPES) {
    const [row] = await db.read(`MATCH ()-[r:${type}]->() RETURN count(r) AS c`);
    relationships[type] = Number(row?.c ?? 0);
  }
  const [all] = await db.read('MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r');
  return { nodes, relationships, totalNodes: Number(all?.n ?? 0), totalRelationships: Number(all?.r ?? 0) };
}
