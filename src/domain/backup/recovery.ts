import os from 'node:os';
import type { Database } from '../../data/database.js';
import { DatabaseTimeoutError } from '../../data/errors.js';
import { awaitIndexes } from '../../data/migrate.js';
import { recordGraphChange } from '../../data/change-feed.js';
import { defineQuery, type Query } from '../../data/queries.js';
import { processAlive } from '../../platform/process.js';
import { DomainError } from '../errors.js';
import { contentDigest } from './format.js';
import { readBackupGraph } from './read.js';

/**
 * A restore in progress, as its :RestoreMarker node records it: while `staging`, the backup is being
 * loaded beside the untouched live graph; once `switching`, the staged copy is complete and replaces
 * the live graph; `finishing`, the restored nodes lose their working mark. An interrupted restore is
 * undone in the first phase and finished in the others.
 */
export interface RestoreMarker {
  id: string;
  phase: 'staging' | 'switching' | 'finishing';
  source: string;
  startedAt: string;
  host: string;
  pid: number;
  accounts: boolean;
  reviewQueue: boolean;
  contentSha256: string;
}

type Keep = { accounts: boolean; reviewQueue: boolean };
/** A bounded write: touches at most `$limit` records and says how many it did. */
type Bounded<P> = Query<P & { limit: number }, { n: number }>;
const getMarkers = defineQuery<Record<string, never>, { marker: RestoreMarker; silentMs: number }>('backup/get-markers');
const lockRestores = defineQuery<Record<string, never>, { locked: number }>('backup/lock-restores');
const createMarkerQuery = defineQuery<{ marker: Omit<RestoreMarker, 'phase'> }, never>('backup/create-marker');
const beatMarker = defineQuery<{ id: string }, never>('backup/beat-marker');
const setMarkerPhase = defineQuery<{ id: string; phase: RestoreMarker['phase'] }, { id: string }>('backup/set-marker-phase');
const deleteBatchMarks = defineQuery<{ run: string | null }, never>('backup/delete-batch-marks');
const deleteMarker = defineQuery<{ id: string }, never>('backup/delete-marker');
const deleteStagedRelationships: Bounded<{ run: string | null }> = defineQuery('backup/delete-staged-relationships');
const deleteStagedNodes: Bounded<{ run: string | null }> = defineQuery('backup/delete-staged-nodes');
const deleteReplacedRelationships: Bounded<Keep> = defineQuery('backup/delete-replaced-relationships');
const deleteReplacedNodes: Bounded<Keep> = defineQuery('backup/delete-replaced-nodes');
const promoteStaged: Bounded<{ run: string }> = defineQuery('backup/promote-staged');
const finishPromoted: Bounded<Record<string, never>> = defineQuery('backup/finish-promoted');
const countStaged = defineQuery<Record<string, never>, { n: number; promoted: number }>('backup/count-staged');

/** A marker not refreshed for this long belongs to a restore that died (heartbeats come every HEARTBEAT_MS). */
export const SILENT_MS = 60_000;
export const HEARTBEAT_MS = 10_000;
/** Records per batch when deleting or relabelling; cut while Neo4j runs out of transaction memory. */
const DRAIN_BATCH = 5_000;
/** "No limit" for the one-transaction switch. */
const ALL = 2_000_000_000;
/** How often the switch deletes again what a write of the app put in the way of a restored node. */
const CLASH_ROUNDS = 3;

/** Restores running in this process: their markers are alive whatever the clock says. */
const running = new Set<string>();

/** The restore cannot go on, or was left half-way; the message says what state the graph is in. */
export class RestoreError extends DomainError {
  constructor(
    message: string,
    readonly graph: 'unchanged' | 'interrupted' | 'busy' | 'differs',
  ) {
    super(graph === 'busy' ? 'conflict' : 'unavailable', message, { graph });
  }
}

type ErrorChain = { code?: string; message?: string; cause?: unknown } | undefined;
const chainMatches = (err: unknown, pattern: RegExp) => {
  for (let e = err as ErrorChain; e; e = e.cause as ErrorChain) if (pattern.test(`${e.code ?? ''} ${e.message ?? ''}`)) return true;
  return false;
};

export const isOutOfMemory = (err: unknown) => chainMatches(err, /MemoryPoolOutOfMemoryError|TransactionOutOfMemory|OutOfMemory/);
const isTimeout = (err: unknown) => err instanceof DatabaseTimeoutError || chainMatches(err, /TransactionTimedOut/);
const isConstraintClash = (err: unknown) => chainMatches(err, /ConstraintValidationFailed/);

export async function readMarkers(db: Database): Promise<(RestoreMarker & { silentMs: number })[]> {
  const rows = await db.read(getMarkers);
  return rows.map((r) => ({ ...r.marker, silentMs: r.silentMs }));
}

/**
 * Whether the restore a marker belongs to is still running: in this process, one it knows; elsewhere,
 * one that beat recently, and on this host only while its process lives (a reused pid stops beating).
 */
export function isAlive(m: RestoreMarker & { silentMs: number }): boolean {
  if (m.host === os.hostname() && m.pid === process.pid) return running.has(m.id);
  if (m.silentMs >= SILENT_MS) return false;
  return m.host !== os.hostname() || processAlive(m.pid);
}

/**
 * Says a restore is under way: under a lock that every restore takes, so two started at once
 * cannot both go ahead; refused while any other restore's marker is there.
 */
export async function createMarker(db: Database, marker: Omit<RestoreMarker, 'phase'>): Promise<void> {
  const other = await db.writeTx(async (run) => {
    await run(lockRestores);
    const [row] = await run(getMarkers);
    if (row) return row.marker;
    await run(createMarkerQuery, { marker });
    return undefined;
  });
  if (other) {
    throw new RestoreError(
      `Another restore (of ${other.source}, process ${other.pid} on ${other.host}, started ${other.startedAt}) is running; wait for it to end. Nothing was restored.`,
      'busy',
    );
  }
  running.add(marker.id);
}

/** Keeps the marker's heartbeat going until the returned function is called. */
export function keepAlive(db: Database, id: string): () => void {
  const timer = setInterval(() => void db.write(beatMarker, { id }).catch(() => {}), HEARTBEAT_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    running.delete(id);
  };
}

export async function setPhase(db: Database, id: string, phase: RestoreMarker['phase']): Promise<void> {
  const [row] = await db.write(setMarkerPhase, { id, phase });
  if (!row)
    throw new RestoreError(
      'The restore marker disappeared (was the restore put right by another process meanwhile?); the live graph was not changed.',
      'unchanged',
    );
}

/** Which part of a switch a batch belonged to: deleting the replaced graph, promoting the copy, or unmarking it. */
export type SwitchStep = 'replace' | 'promote' | 'finish';

export interface SwitchOptions {
  /** Told after each committed batch of a batched switch (tests interrupt it here). */
  afterBatch?: (step: SwitchStep, batch: number) => Promise<void> | void;
  /** Records a batch (at most DRAIN_BATCH). */
  batch?: number;
  /** Try the whole switch as one transaction first (falls back to batches when Neo4j cannot hold it). */
  atomic?: boolean;
}

/**
 * Runs a bounded write (`$limit` records, returning `n`) until it touches nothing. A batch that Neo4j
 * cannot hold in transaction memory is cut to a quarter, down to one record.
 */
async function drain<P extends object>(
  db: Database,
  query: Bounded<P>,
  params: P,
  batch: number,
  afterBatch?: () => Promise<void> | void,
): Promise<number> {
  let limit = Math.min(batch, DRAIN_BATCH);
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = (await db.write(query, { ...params, limit }))[0]?.n ?? 0;
    } catch (err) {
      if (limit > 1 && isOutOfMemory(err)) {
        limit = Math.max(1, Math.floor(limit / 4));
        continue;
      }
      throw err;
    }
    if (!n) return total;
    total += n;
    await afterBatch?.();
  }
}

/** Removes a run's staged copy (run null: copies whose restore left no marker) and, with `markerId`, its marker. */
export async function discardStaged(db: Database, run: string | null, markerId?: string): Promise<void> {
  await drain(db, deleteStagedRelationships, { run }, DRAIN_BATCH);
  await drain(db, deleteStagedNodes, { run }, DRAIN_BATCH);
  await db.write(deleteBatchMarks, { run });
  if (markerId) await db.write(deleteMarker, { id: markerId });
}

type Switching = Pick<RestoreMarker, 'id' | 'phase' | 'accounts' | 'reviewQueue'>;

/** The whole switch in one transaction: the graph goes from the old to the restored one at once. */
async function switchAtOnce(db: Database, marker: Switching): Promise<boolean> {
  const keep = { accounts: marker.accounts, reviewQueue: marker.reviewQueue, limit: ALL };
  try {
    return await db.writeTx(async (run) => {
      // Gone: another process finished this switch meanwhile.
      if (!(await run(setMarkerPhase, { id: marker.id, phase: 'switching' })).length) return true;
      await run(deleteReplacedRelationships, { ...keep, limit: ALL });
      await run(deleteReplacedNodes, { ...keep, limit: ALL });
      await run(promoteStaged, { run: marker.id, limit: ALL });
      await run(finishPromoted, { limit: ALL });
      await run(deleteBatchMarks, { run: marker.id });
      await run(deleteMarker, { id: marker.id });
      return true;
    });
  } catch (err) {
    // Too large for one transaction: the batched switch takes over, from the same untouched graph.
    if (isOutOfMemory(err) || isTimeout(err)) return false;
    throw err;
  }
}

/**
 * Replaces the live graph with a complete staged copy. When it fits in one transaction (tried first
 * with `atomic`), the graph changes at once. Otherwise in bounded batches: delete what the backup
 * replaces, promote the staged nodes (marked :RestorePromoted, so deleting again spares them), delete
 * again whatever a write of the app put in between, then drop the marks. Every step can be run again
 * from the start, so an interrupted switch is finished by running this again. The change feed then
 * says everything changed, and the marker is removed last.
 */
export async function switchToStaged(db: Database, marker: Switching, opts: SwitchOptions = {}): Promise<{ atOnce: boolean }> {
  const batch = opts.batch ?? DRAIN_BATCH;
  const counter = (step: SwitchStep) => {
    let n = 0;
    return () => opts.afterBatch?.(step, n++);
  };
  const done = marker.phase !== 'finishing' && opts.atomic && (await switchAtOnce(db, marker));
  if (!done) {
    if (marker.phase !== 'finishing') {
      const keep = { accounts: marker.accounts, reviewQueue: marker.reviewQueue };
      const replace = counter('replace');
      const promote = counter('promote');
      for (let round = 1; ; round++) {
        await drain(db, deleteReplacedRelationships, keep, batch, replace);
        await drain(db, deleteReplacedNodes, keep, batch, replace);
        try {
          await drain(db, promoteStaged, { run: marker.id }, batch, promote);
          break;
        } catch (err) {
          // A node the app wrote since the deletion holds a restored node's unique key: delete again.
          if (round < CLASH_ROUNDS && isConstraintClash(err)) continue;
          throw err;
        }
      }
      await drain(db, deleteReplacedRelationships, keep, batch, replace);
      await drain(db, deleteReplacedNodes, keep, batch, replace);
      await setPhase(db, marker.id, 'finishing');
    }
    await drain(db, finishPromoted, {}, batch, counter('finish'));
    await db.write(deleteBatchMarks, { run: marker.id });
    await db.write(deleteMarker, { id: marker.id });
  }
  // Everything may have changed: readers of the change feed rebuild.
  await db.writeTx((run) => recordGraphChange(run, { all: true }));
  await db.autoCommit(awaitIndexes);
  return { atOnce: Boolean(done) };
}

/** Whether the graph read back equals the backup a restore loaded. */
export async function graphEquals(
  db: Database,
  marker: Pick<RestoreMarker, 'accounts' | 'reviewQueue' | 'contentSha256'>,
): Promise<boolean> {
  return contentDigest(await readBackupGraph(db, marker)) === marker.contentSha256;
}

export type Recovery =
  | { state: 'none' }
  | { state: 'running'; marker: RestoreMarker }
  | { state: 'undone' | 'finished'; marker?: RestoreMarker; equal?: boolean };

/**
 * Puts right a restore that was interrupted (its process killed, Neo4j gone): one still staging is
 * undone, leaving the live graph as it was; one already switching is finished, leaving the backup's
 * graph. A restore still running elsewhere is left alone and reported.
 */
export async function recoverInterruptedRestore(db: Database, log: (line: string) => void = () => {}): Promise<Recovery> {
  const markers = await readMarkers(db);
  const alive = markers.find(isAlive);
  if (alive) return { state: 'running', marker: alive };
  const switching = markers.find((m) => m.phase !== 'staging');
  let result: Recovery = { state: 'none' };
  for (const m of markers.filter((x) => x !== switching)) {
    log(
      `A restore of ${m.source} (started ${m.startedAt}) was interrupted while loading; removing what it loaded (the live graph was not changed)...`,
    );
    await discardStaged(db, m.id, m.id);
    result = { state: 'undone', marker: m };
  }
  const [left] = await db.read(countStaged);
  const orphans = left?.n ?? 0;
  if (orphans) {
    log(`Removing ${orphans.toLocaleString('en')} staged nodes left without a restore marker (the live graph was not changed)...`);
    await discardStaged(db, null);
    if (result.state === 'none') result = { state: 'undone' };
  }
  if (switching) {
    log(
      `A restore of ${switching.source} (started ${switching.startedAt}) was interrupted while switching to the restored graph; finishing it...`,
    );
    await switchToStaged(db, switching, { atomic: switching.phase === 'switching' });
    const equal = await graphEquals(db, switching);
    log(
      equal
        ? 'Finished: the graph equals that backup.'
        : 'Finished, but the graph differs from that backup (something else wrote to it meanwhile): restore it again.',
    );
    return { state: 'finished', marker: switching, equal };
  }
  if (Number(left?.promoted ?? 0)) {
    // Restored nodes still marked, their marker gone: only the unmarking was left.
    await switchToStaged(db, { id: '', phase: 'finishing', accounts: true, reviewQueue: true });
    if (result.state === 'none') result = { state: 'finished' };
  }
  return result;
}
