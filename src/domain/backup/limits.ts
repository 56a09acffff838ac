import { statfsSync } from 'node:fs';
import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import type { ExGraph, ExNode, ExRel } from '../exchange/types.js';
import { elementType, isList, type Scalar, type Value } from '../exchange/values.js';
import { BackupError } from './format.js';

const memorySettings = defineQuery<Record<string, never>, { name: string; value: string }>('backup/memory-settings');
const largestReplacedNode = defineQuery<{ accounts: boolean; reviewQueue: boolean }, { id: string; labels: string[]; characters: number }>(
  'backup/largest-replaced-node',
);

/**
 * How much transaction memory Neo4j grants one restore transaction, and how records are sized
 * against it. Measured on Neo4j 5.26: writing a text property of S bytes needs about 2.6 S (the
 * value, then its commit), deleting it again about 3 S; small records cost about 5 KiB a node and
 * 1.5 KiB a relationship beyond their values.
 */
const BYTES_FACTOR = 3;
const PER_VALUE = 32;
const PER_NODE = 5 * 1024;
const PER_RELATIONSHIP = 1536;
/** One record may use this share of the limit: it must also be deletable, and the app may be running. */
const RECORD_SHARE = 0.8;
/** A batch uses this share, leaving room for the app's own transactions in a shared pool. */
const BATCH_SHARE = 1 / 8;
/** When Neo4j does not say (SHOW SETTINGS refused), the local server's own setting is assumed. */
const ASSUMED_LIMIT = 256 * 2 ** 20;

export interface TransactionLimit {
  bytes: number;
  /** The setting that sets it, for messages. */
  setting: string;
}

const UNITS: Record<string, number> = {
  B: 1,
  KIB: 2 ** 10,
  MIB: 2 ** 20,
  GIB: 2 ** 30,
  TIB: 2 ** 40,
  K: 2 ** 10,
  M: 2 ** 20,
  G: 2 ** 30,
  T: 2 ** 40,
};

/** `256.00MiB`, `0B`, `2g` as bytes; undefined when it is none of these. */
export function settingBytes(value: string): number | undefined {
  const m = /^\s*([\d.]+)\s*([a-z]*)\s*$/i.exec(value);
  const unit = UNITS[(m?.[2] || 'B').toUpperCase()];
  return m && unit ? Number(m[1]) * unit : undefined;
}

/** The smallest memory limit that applies to one transaction (a shared pool counts: one transaction may take it all). */
export async function transactionLimit(db: Database): Promise<TransactionLimit> {
  let rows;
  try {
    rows = await db.read(memorySettings);
  } catch {
    return { bytes: ASSUMED_LIMIT, setting: 'assumed: Neo4j did not show its settings' };
  }
  const limits = rows
    .map((r) => ({ setting: r.name, bytes: settingBytes(r.value) ?? 0 }))
    .filter((l) => l.bytes > 0 && l.setting !== 'server.memory.heap.max_size');
  const heap = rows.find((r) => r.name === 'server.memory.heap.max_size');
  const heapBytes = heap ? settingBytes(heap.value) : undefined;
  // Without a transaction limit, the heap is what runs out; Neo4j itself defaults the pool to 70% of it.
  if (heapBytes) limits.push({ setting: 'server.memory.heap.max_size (70%)', bytes: heapBytes * 0.7 });
  if (!limits.length) return { bytes: ASSUMED_LIMIT, setting: 'assumed: Neo4j shows no memory limit' };
  return limits.reduce((a, b) => (b.bytes < a.bytes ? b : a));
}

/** Whether every UTF-16 unit of the text is at most U+00FF (Latin-1). */
function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

/** Bytes a value takes in Neo4j: text is one byte a character when Latin-1, else two. */
function valueBytes(v: Value): { bytes: number; values: number } {
  const items: Scalar[] = isList(v.type) ? (v.value as Scalar[]) : [v.value as Scalar];
  const t = elementType(v.type);
  let bytes = 0;
  for (const item of items) {
    if (t === 'string') bytes += isLatin1(item as string) ? (item as string).length : 2 * (item as string).length;
    else bytes += t === 'boolean' ? 1 : t === 'int' || t === 'float' ? 8 : 32;
  }
  return { bytes, values: items.length };
}

function recordNeed(props: Record<string, Value>, labels: string[], base: number): number {
  let bytes = labels.reduce((n, l) => n + l.length, 0);
  let values = labels.length;
  for (const [key, v] of Object.entries(props)) {
    const b = valueBytes(v);
    bytes += key.length + b.bytes;
    values += 1 + b.values;
  }
  return BYTES_FACTOR * bytes + PER_VALUE * values + base;
}

export const nodeNeed = (n: ExNode) => recordNeed(n.props, [...n.labels, n.key], PER_NODE);
export const relationshipNeed = (r: ExRel) => recordNeed(r.props, [r.type], PER_RELATIONSHIP);

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

export interface RestorePlan {
  limit: TransactionLimit;
  /** The estimated memory one batch may use. */
  batchBytes: number;
  nodeNeeds: number[];
  relationshipNeeds: number[];
}

/**
 * Checks, before anything is written, that Neo4j can take the backup: every record fits in one
 * transaction with room to spare (and to delete it again), the live nodes the restore would delete
 * fit too, and, when the local server's folder is known, its disk can hold a second copy of the graph.
 */
export async function planRestore(
  db: Database,
  graph: ExGraph,
  opts: { accounts: boolean; reviewQueue: boolean; dataDir?: string },
): Promise<RestorePlan> {
  const limit = await transactionLimit(db);
  const recordMax = limit.bytes * RECORD_SHARE;
  const allowed = `Neo4j allows ${mib(limit.bytes)} per transaction (${limit.setting})`;
  const problems: string[] = [];
  const nodeNeeds = graph.nodes.map(nodeNeed);
  const relationshipNeeds = graph.relationships.map(relationshipNeed);
  graph.nodes.forEach((n, i) => {
    if (nodeNeeds[i]! > recordMax)
      problems.push(`node ${n.key} (${n.labels.join(', ')}) needs about ${mib(nodeNeeds[i]!)} in one transaction`);
  });
  graph.relationships.forEach((r, i) => {
    if (relationshipNeeds[i]! > recordMax)
      problems.push(`relationship ${r.from} ${r.type} ${r.to} needs about ${mib(relationshipNeeds[i]!)} in one transaction`);
  });
  if (problems.length) {
    throw new BackupError(
      `The backup holds records too large for this Neo4j: ${allowed}, and a restore keeps a record within ${Math.round(RECORD_SHARE * 100)}% of that; nothing was restored:`,
      problems,
    );
  }
  const [largest] = await db.read(largestReplacedNode, { accounts: opts.accounts, reviewQueue: opts.reviewQueue });
  // Text is counted in characters there; two bytes each is the worst case.
  const liveNeed = largest ? BYTES_FACTOR * 2 * largest.characters + PER_NODE : 0;
  if (largest && liveNeed > limit.bytes) {
    throw new BackupError(
      `Node ${largest.id} (${largest.labels.join(', ')}) in the database holds ${largest.characters.toLocaleString('en')} characters of text, more than Neo4j can delete in one transaction (${allowed}); raise that limit before restoring. Nothing was restored.`,
    );
  }
  if (opts.dataDir) {
    const stored = nodeNeeds.reduce((a, b) => a + b, 0) / BYTES_FACTOR + relationshipNeeds.reduce((a, b) => a + b, 0) / BYTES_FACTOR;
    let free: number | undefined;
    try {
      const fs = statfsSync(opts.dataDir);
      free = fs.bavail * fs.bsize;
    } catch {
      free = undefined;
    }
    // The staged copy and its transaction logs sit beside the live graph until the switch.
    if (free !== undefined && free < 2 * stored) {
      throw new BackupError(
        `The disk holding ${opts.dataDir} has ${mib(free)} free; restoring this backup needs about ${mib(2 * stored)} beside the live graph. Nothing was restored.`,
      );
    }
  }
  return { limit, batchBytes: limit.bytes * BATCH_SHARE, nodeNeeds, relationshipNeeds };
}

/** Cuts records into consecutive batches of at most `maxRecords` whose needs add up to at most `budget` (a larger record goes alone). */
export function batchRanges(needs: number[], budget: number, maxRecords: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  let used = 0;
  needs.forEach((need, i) => {
    if (i > start && (used + need > budget || i - start >= maxRecords)) {
      ranges.push([start, i]);
      start = i;
      used = 0;
    }
    used += need;
  });
  if (start < needs.length) ranges.push([start, needs.length]);
  return ranges;
}
