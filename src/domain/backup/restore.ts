import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Database } from '../../data/database.js';
import { defineQuery, joinQueries, type Query } from '../../data/queries.js';
import { canonicalTemporals, returnCount, returnCreated, setTypedProperties } from '../exchange/queries.js';
import type { ExGraph } from '../exchange/types.js';
import { elementType, isList, isTemporal, toWire, valueKey, type Value } from '../exchange/values.js';
import { BackupError, type Backup } from './format.js';
import { batchRanges, planRestore } from './limits.js';
import {
  createMarker,
  discardStaged,
  graphEquals,
  isOutOfMemory,
  keepAlive,
  readMarkers,
  recoverInterruptedRestore,
  RestoreError,
  setPhase,
  switchToStaged,
  type SwitchStep,
} from './recovery.js';

type BatchRows = { rows: Record<string, unknown>[]; run?: string };
const uniqueConstraints = defineQuery<Record<string, never>, { label: string; properties: string[] }>('backup/unique-constraints');
const getBatch = defineQuery<{ id: string }, { keys: string[]; refs: string[] }>('backup/get-batch');
const markBatch = defineQuery<{ id: string; keys: string[]; refs: string[] }, never>('backup/mark-batch');
const stageNodes = joinQueries<BatchRows, { key: string; ref: string }>(
  defineQuery('backup/stage-nodes'),
  setTypedProperties,
  returnCreated,
);
const createRelationships = joinQueries<BatchRows, { count: number }>(
  defineQuery('backup/create-relationships'),
  setTypedProperties,
  returnCount,
);

/** At most this many records a batch, whatever the memory budget allows. */
const NODE_BATCH = 2_000;
const REL_BATCH = 5_000;
const CHECK_BATCH = 1_000;
/** The share of the transaction memory limit a one-transaction switch may expect to use. */
const ATOMIC_SHARE = 0.5;
const SWITCH_RETRY_MS = 2_000;

export interface RestoreReport {
  nodes: number;
  relationships: number;
  seconds: number;
  /** Batches written while staging, and the memory budget of each. */
  batches: number;
  batchBytes: number;
  /** Whether the graph was switched over in one transaction (else in batches). */
  switchedAtOnce: boolean;
}

/** Where a restore is: loading beside the live graph, loaded (`staged`), or replacing the graph with what it loaded. */
export type RestoreStep = 'nodes' | 'relationships' | 'staged' | SwitchStep;

export interface RestoreOptions {
  log?: (line: string) => void;
  /** Told after each committed batch (progress; tests make a restore fail here). */
  afterBatch?: (step: RestoreStep, batch: number) => Promise<void> | void;
  /** Fewer records a batch than the memory budget allows (loading and switching). */
  maxBatchRecords?: number;
  /** Whether to try the switch as one transaction; by default when the backup is well within the transaction memory limit. */
  atomicSwitch?: boolean;
  /** The local server's folder, whose disk must hold the staged copy. */
  dataDir?: string;
  /** The backup's file, recorded in the restore marker. */
  source?: string;
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
      for (const value of items)
        temporals.push({ where: `relationship ${r.from} ${r.type} ${r.to} property "${key}"`, type: elementType(v.type), value });
    }
  }
  for (let i = 0; i < temporals.length; i += CHECK_BATCH) {
    const batch = temporals.slice(i, i + CHECK_BATCH);
    try {
      await db.read(canonicalTemporals, { values: batch.map((t, j) => ({ i: j, type: t.type, value: t.value })) });
    } catch {
      for (const t of batch) {
        await db
          .read(canonicalTemporals, { values: [{ i: 0, type: t.type, value: t.value }] })
          .catch(() => problems.push(`${t.where}: "${t.value}" is not a ${t.type} Neo4j can read`));
      }
    }
  }

  const constraints = await db.read(uniqueConstraints);
  for (const c of constraints) {
    const { label, properties: keys } = c;
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
 * not written twice. A batch Neo4j cannot hold in memory is split in two, down to single records.
 */
async function writeBatch(
  db: Database,
  id: string,
  query: Query<BatchRows, object>,
  params: BatchRows,
): Promise<{ keys: string[]; refs: string[] }> {
  const { rows } = params;
  try {
    return await db.writeTx(async (run) => {
      const [done] = await run(getBatch, { id });
      if (done) return { keys: done.keys, refs: done.refs };
      const made = await run(query, params);
      const created = made.filter((r): r is { key: string; ref: string } => 'key' in r && 'ref' in r);
      const keys = created.map((r) => r.key);
      const refs = created.map((r) => r.ref);
      await run(markBatch, { id, keys, refs });
      return { keys, refs };
    });
  } catch (err) {
    if (rows.length < 2 || !isOutOfMemory(err)) throw err;
    const half = Math.ceil(rows.length / 2);
    const a = await writeBatch(db, `${id}a`, query, { ...params, rows: rows.slice(0, half) });
    const b = await writeBatch(db, `${id}b`, query, { ...params, rows: rows.slice(half) });
    return { keys: [...a.keys, ...b.keys], refs: [...a.refs, ...b.refs] };
  }
}

const what = (e: unknown) => (e instanceof Error ? e.message.split('\n')[0] : String(e));

/**
 * Replaces the graph with a checked backup without ever leaving a broken one. It first checks that
 * Neo4j can take every record, then loads the whole backup beside the live graph as staged nodes
 * (invisible to the app) in batches sized to the transaction memory limit, under a marker saying a
 * restore is under way. A failure while loading removes the staged copy: the live graph is as it
 * was. Only once the copy is complete does it switch: delete what the backup replaces (the schema's
 * bookkeeping stays, and the accounts or the review queue when the backup holds none) and promote
 * the staged nodes, in bounded batches that an interrupted switch finishes at the next restore or
 * start. Finally it reads the graph back and confirms it equals the backup. The caller checks the
 * file and runs checkAgainstSchema first, so a bad backup never gets this far.
 */
export async function restoreGraph(db: Database, backup: Backup, opts: RestoreOptions = {}): Promise<RestoreReport> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const { graph, meta } = backup;
  const keep = { accounts: meta.accounts, reviewQueue: meta.reviewQueue };
  const plan = await planRestore(db, graph, { ...keep, dataDir: opts.dataDir });

  const earlier = await recoverInterruptedRestore(db, log);
  if (earlier.state === 'running') {
    const m = earlier.marker;
    throw new RestoreError(
      `Another restore (of ${m.source}, process ${m.pid} on ${m.host}, started ${m.startedAt}) is running; wait for it to end. Nothing was restored.`,
      'busy',
    );
  }

  const run = randomUUID();
  const marker = {
    id: run,
    source: opts.source ?? 'a backup',
    startedAt: new Date().toISOString(),
    host: os.hostname(),
    pid: process.pid,
    ...keep,
    contentSha256: backup.contentSha256,
  };
  // Refused when another restore made its marker since the look above.
  await createMarker(db, marker);
  const stopBeating = keepAlive(db, run);
  let batches = 0;
  let atOnce = false;
  try {
    log(
      `Loading the backup beside the live graph (batches of at most ${(plan.batchBytes / 2 ** 20).toFixed(0)} MiB of transaction memory; ${plan.limit.setting} is ${(plan.limit.bytes / 2 ** 20).toFixed(0)} MiB)...`,
    );
    try {
      const refs = new Map<string, string>();
      const nodeRanges = batchRanges(plan.nodeNeeds, plan.batchBytes, Math.min(NODE_BATCH, opts.maxBatchRecords ?? NODE_BATCH));
      for (const [k, [from, to]] of nodeRanges.entries()) {
        const rows = graph.nodes.slice(from, to).map((n) => ({ key: n.key, labels: n.labels, ...toWire(n.props) }));
        const made = await writeBatch(db, `${run}:nodes:${from}`, stageNodes, { rows, run });
        made.keys.forEach((key, j) => refs.set(key, made.refs[j]!));
        batches++;
        await opts.afterBatch?.('nodes', k);
        if (k % 10 === 9 || to === graph.nodes.length)
          log(`  ${to.toLocaleString('en')} / ${graph.nodes.length.toLocaleString('en')} nodes`);
      }
      const missing = graph.nodes.filter((n) => !refs.has(n.key));
      if (missing.length) throw new Error(`${missing.length} nodes were not created (first: ${missing[0]!.key})`);

      const relRanges = batchRanges(plan.relationshipNeeds, plan.batchBytes, Math.min(REL_BATCH, opts.maxBatchRecords ?? REL_BATCH));
      for (const [k, [from, to]] of relRanges.entries()) {
        const rows = graph.relationships
          .slice(from, to)
          .map((r) => ({ from: refs.get(r.from), to: refs.get(r.to), type: r.type, ...toWire(r.props) }));
        await writeBatch(db, `${run}:relationships:${from}`, createRelationships, { rows });
        batches++;
        await opts.afterBatch?.('relationships', k);
        if (k % 10 === 9 || to === graph.relationships.length)
          log(`  ${to.toLocaleString('en')} / ${graph.relationships.length.toLocaleString('en')} relationships`);
      }
      await setPhase(db, run, 'switching');
    } catch (err) {
      log('Loading failed; removing what was loaded...');
      try {
        await discardStaged(db, run, run);
      } catch (cleanup) {
        throw new RestoreError(
          `The restore failed while loading (${what(err)}), before the live graph was touched; the graph is as it was. Removing the partly loaded copy failed too (${what(cleanup)}): the next restore or start of the app removes it.`,
          'unchanged',
        );
      }
      throw new RestoreError(
        `The restore failed while loading (${what(err)}), before the live graph was touched; the graph is exactly as it was.`,
        'unchanged',
      );
    }

    log('The backup is loaded; switching the graph over to it...');
    const total = plan.nodeNeeds.reduce((a, b) => a + b, 0) + plan.relationshipNeeds.reduce((a, b) => a + b, 0);
    // The old graph is deleted in the same transaction: about as much again.
    const atomic = opts.atomicSwitch ?? 2 * total <= plan.limit.bytes * ATOMIC_SHARE;
    try {
      await opts.afterBatch?.('staged', 0);
      ({ atOnce } = await switchToStaged(
        db,
        { ...marker, phase: 'switching' },
        { atomic, batch: opts.maxBatchRecords, afterBatch: opts.afterBatch },
      ));
    } catch (err) {
      // Each step of the switch can be run again: one more try gets past a passing failure.
      log(`Switching failed (${what(err)}); trying once more...`);
      await new Promise((r) => setTimeout(r, SWITCH_RETRY_MS));
      try {
        // No marker: the switch was committed, only its answer was lost.
        const now = (await readMarkers(db)).find((m) => m.id === run);
        if (now) ({ atOnce } = await switchToStaged(db, now, { atomic, batch: opts.maxBatchRecords }));
      } catch {
        throw new RestoreError(
          `The restore was interrupted while switching to the loaded backup (${what(err)}). The backup is fully loaded and the switch is recorded: run npm run restore -- --recover, or start the app, and it is finished.`,
          'interrupted',
        );
      }
    }
  } finally {
    stopBeating();
  }

  log('Reading the graph back to compare it with the backup...');
  if (!(await graphEquals(db, marker))) {
    throw new RestoreError(
      'The restored graph differs from the backup: something else wrote to the database during the restore (stop the app while restoring); run the restore again.',
      'differs',
    );
  }
  return {
    nodes: graph.nodes.length,
    relationships: graph.relationships.length,
    seconds: (performance.now() - started) / 1000,
    batches,
    batchBytes: plan.batchBytes,
    switchedAtOnce: atOnce,
  };
}
