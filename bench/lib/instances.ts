/**
 * A second app instance's view of the bench graph: its own driver and Database on the same Neo4j,
 * and its own read model, which learns of writes made through the first instance only by polling
 * the change feed. It gives the read model's memory and build time (measured while it is built)
 * and the delay until a write through the first instance is seen by the second.
 */
import type { Config } from '../../src/config.js';
import { databaseFor, driverFor, type Connection } from '../../src/data/connect.js';
import type { Database } from '../../src/data/database.js';
import { createNode, deleteNode, type Actor } from '../../src/domain/curation/writes.js';
import { ReadModel } from '../../src/domain/read-model/read-model.js';
import { liveHeap } from './heap.js';
import { Rng } from './prng.js';

export const MEMORY_TARGET_MB = 300;
export const BUILD_TARGET_SEC = 30;

export interface ReadModelFigures {
  cases: number;
  nodes: number;
  relationships: number;
  /** The app's own model, built first, as at an instance's start. */
  startBuildSeconds: number;
  /** The second instance's model, built while its heap was measured. */
  buildSeconds: number;
  /** Live heap (after full collections) before and after the second model was built, and the difference. */
  heapBeforeMB: number;
  heapAfterMB: number;
  heapMB: number;
}

export interface Spread {
  count: number;
  min: number;
  median: number;
  max: number;
  values: number[];
}

export interface VisibilityFigures {
  pollMs: number;
  /** From a write's answer (after its commit) until the second instance's read model holds it. */
  create: Spread;
  /** From the write's call until then: an upper bound, the write's own time included. */
  createFromCall: Spread;
  /** From the soft delete's answer until the second instance's read model no longer holds the case. */
  remove: Spread;
  errors: string[];
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { count: sorted.length, min: sorted[0] ?? Number.NaN, median, max: sorted.at(-1) ?? Number.NaN, values };
}

export interface SecondInstance {
  db: Database;
  model: ReadModel;
  close(): Promise<void>;
}

/** Opens a second Database on the bench's Neo4j with a driver of its own, as another app process would. */
export async function openSecondInstance(connection: Connection, config: Config): Promise<{ db: Database; close(): Promise<void> }> {
  const target = connection.local
    ? { uri: connection.local.uri, username: connection.local.username, password: connection.local.password }
    : { uri: config.NEO4J_URI!, username: config.NEO4J_USERNAME, password: config.NEO4J_PASSWORD ?? '' };
  const driver = driverFor(target.uri, target.username, target.password, config);
  const db = databaseFor(driver, config);
  await driver.verifyConnectivity({ database: config.NEO4J_DATABASE });
  return { db, close: () => db.close() };
}

/**
 * Builds a read model over `db` (which has served one query, so its connection is open) and
 * measures the live heap before and after: the model's memory, and its build time.
 */
export async function measureReadModel(
  db: Database,
  pollMs: number,
  startBuildSeconds: number,
  warn: (m: string) => void,
): Promise<{ model: ReadModel; figures: ReadModelFigures }> {
  const before = liveHeap();
  const model = new ReadModel(db, { pollMs, warn });
  const started = performance.now();
  await model.rebuild();
  const buildSeconds = (performance.now() - started) / 1000;
  const after = liveHeap();
  const s = model.stats();
  return {
    model,
    figures: {
      cases: s.cases,
      nodes: s.nodes,
      relationships: s.relationships,
      startBuildSeconds,
      buildSeconds,
      heapBeforeMB: before / 1e6,
      heapAfterMB: after / 1e6,
      heapMB: (after - before) / 1e6,
    },
  };
}

const ACTOR: Actor = { id: 'bench', name: 'bench (write visibility)' };
export const VISIBILITY_PREFIX = 'bench-visibility-';

/** The time at which `seen()` first holds, looking every millisecond or so; rejects after `timeoutMs`. */
async function until(seen: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    if (await seen()) return performance.now();
    if (performance.now() > end) throw new Error(`not seen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/**
 * `repeats` times: a new case written through the first instance's domain write (createNode, as the
 * curation API does), timed from its answer until the second instance's model holds it; then soft
 * deleted the same way (deleteNode), timed until the second model has dropped it. Writes start at
 * seeded random moments, so they fall at every phase of the second instance's poll. The deleted
 * cases and their history records are purged at the end, leaving the graph as generated.
 */
export async function measureVisibility(
  db: Database,
  second: ReadModel,
  pollMs: number,
  opts: { repeats: number; seed: number; sourceId: string; stop: () => boolean; log: (line: string) => void },
): Promise<VisibilityFigures> {
  const rng = new Rng(opts.seed ^ 0x715);
  const prefix = `${VISIBILITY_PREFIX}${Date.now().toString(36)}-`;
  const create: number[] = [];
  const fromCall: number[] = [];
  const remove: number[] = [];
  const errors: string[] = [];
  // The second model's current state holds the node (a rebuild swaps the state, so ask each time).
  const holds = async (id: string) => (await second.current()).mirror.nodes.get(id)?.kind === 'case';
  const timeoutMs = Math.max(10_000, pollMs * 10);
  const since = (t: number) => (performance.now() - t).toFixed(0);
  try {
    for (let i = 0; i < opts.repeats && !opts.stop(); i += 1) {
      await new Promise((r) => setTimeout(r, rng.int(0, pollMs)));
      const id = `${prefix}${i}`;
      let step = 'create';
      try {
        let t = performance.now();
        const made = await createNode(db, ACTOR, 'case', {
          id,
          name: `Benchmark visibility case ${i}`,
          summary: 'Written by the benchmark to time how soon another instance sees a write; deleted right after.',
          year: 2024,
          sources: [opts.sourceId],
        });
        const wrote = since(t);
        step = 'wait until seen';
        const called = t;
        t = performance.now();
        const seenAt = await until(() => holds(id), timeoutMs);
        create.push(seenAt - t);
        fromCall.push(seenAt - called);
        await new Promise((r) => setTimeout(r, rng.int(0, pollMs)));
        step = 'soft delete';
        t = performance.now();
        await deleteNode(db, ACTOR, id, made.version);
        const deleted = since(t);
        step = 'wait until gone';
        t = performance.now();
        remove.push((await until(async () => !(await holds(id)), timeoutMs)) - t);
        opts.log(
          `  write ${i + 1}: answered in ${wrote} ms, seen by the second instance ${create.at(-1)!.toFixed(0)} ms later; delete answered in ${deleted} ms, gone ${remove.at(-1)!.toFixed(0)} ms later`,
        );
      } catch (err) {
        errors.push(`${id} (${step}): ${(err as Error).message}`);
        opts.log(`  write ${i + 1} failed at ${step}: ${(err as Error).message}`);
      }
    }
  } finally {
    await purge(db, prefix).catch((err: Error) => {
      errors.push(`purging ${prefix}*: ${err.message}`);
      opts.log(`  the written cases could not be purged (${err.message}); they are soft deleted, ids ${prefix}*`);
    });
  }
  return { pollMs, create: spread(create), createFromCall: spread(fromCall), remove: spread(remove), errors };
}

/**
 * Removes what the soft deletes left behind (the :Deleted nodes and their history records): they
 * are outside the public graph, so no read model holds them, but repeated runs would pile them up.
 */
async function purge(db: Database, prefix: string): Promise<void> {
  // Through the driver: the app's Database records an ad-hoc write as a change of everything in the
  // change feed, which would make every read model rebuild; these nodes are outside the public graph.
  const options = { database: db.database };
  await db.driver.executeQuery(
    'MATCH (c:Change) WHERE c.by = $by AND c.target STARTS WITH $prefix DETACH DELETE c',
    { by: ACTOR.name, prefix },
    options,
  );
  await db.driver.executeQuery('MATCH (n:Deleted) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix }, options);
}
