import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { Database } from './database.js';
import { composeQuery, defineQuery, schemaFiles, schemaStatements } from './queries.js';

interface NodeRow {
  id: string;
  labels: string[];
  props: [string, unknown][];
}
interface RelRow {
  from: string;
  type: string;
  to: string;
  props: Record<string, unknown>;
  ref: string;
}
const readNodes = defineQuery<{ after: string; upTo: string | null; limit: number; hidden: string[] }, NodeRow>('console/read-nodes');
const readNodeIds = defineQuery<{ after: string; limit: number }, { id: string }>('console/read-node-ids');
const readRelationships = defineQuery<{ ids: string[] }, RelRow>('console/read-relationships');
type NodeWrite = Omit<NodeCopy, 'key'>;
type RelWrite = Omit<RelCopy, 'ref' | 'key'>;
const upsertNodes = defineQuery<{ rows: NodeWrite[] }, never>('console/upsert-nodes');
const deleteNodes = defineQuery<{ ids: string[] }, never>('console/delete-nodes');
const deleteRelationships = defineQuery<{ refs: string[] }, never>('console/delete-relationships');
const createRelationships = defineQuery<{ rows: RelWrite[] }, never>('console/create-relationships');

/**
 * The query console's own copy of the public graph: every `:Entity` node with its labels and
 * properties (less the `hidden` ones) and every relationship between two of them, in a separate
 * Neo4j. Accounts, tokens, sessions, review batches, history and deleted or merged records never
 * reach it, so no query typed into the console can read them, whatever it says.
 *
 * A refresh compares both sides page by page in id order and writes only the difference, so it is
 * cheap when little changed; it runs shortly after each write through the app and periodically for
 * writes made elsewhere (commands, other app instances).
 */

/** Schema files whose indexes serve the public graph (the others index private records). */
const PUBLIC_SCHEMA = ['001-constraints.cypher', '002-indexes.cypher', '003-fulltext.cypher'];

export interface ReplicaOptions {
  /** Node properties left out of the copy (derived data such as case cards). */
  hidden: readonly string[];
  /** How often to refresh even without a write through this app (writes by commands, other instances); 0: never. */
  refreshMs: number;
  /** The wait after a write before refreshing, so that a burst of writes is copied once. */
  debounceMs?: number;
  /** Nodes read per page; rows written per transaction are bounded by this and by `batchBytes`. */
  pageSize?: number;
  batchBytes?: number;
  log?: (line: string) => void;
}

export interface SyncReport {
  /** When the refresh started: the copy holds every write committed before this. */
  asOf: Date;
  ms: number;
  nodes: { total: number; upserted: number; deleted: number };
  relationships: { total: number; created: number; deleted: number };
}

/** A stable text for a driver value, so that values read from both sides compare exactly (types included). */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (neo4j.isInt(value)) return `i${value.toString()}`;
  if (typeof value === 'number') return `f${Object.is(value, -0) ? '-0' : String(value)}`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    if (neo4j.isPoint(value)) {
      const p = value as unknown as { srid: unknown; x: number; y: number; z?: number };
      return `p${canonical(p.srid)}:${p.x}:${p.y}:${p.z ?? ''}`;
    }
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
    if (proto && proto !== Object.prototype) return `${proto.constructor?.name ?? 'value'}:${(value as { toString(): string }).toString()}`;
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  // What is left: a bigint, a symbol or a function.
  return (value as bigint | symbol | (() => unknown)).toString();
}

interface NodeCopy {
  id: string;
  labels: string[];
  props: Record<string, unknown>;
  key: string;
}

function nodeOf(row: NodeRow): NodeCopy {
  const props = Object.fromEntries(row.props);
  const labels = [...row.labels].sort();
  return { id: row.id, labels, props, key: `${labels.join(':')}|${canonical(props)}` };
}

interface RelCopy {
  from: string;
  type: string;
  to: string;
  props: Record<string, unknown>;
  ref: string;
  key: string;
}

function relOf(row: RelRow): RelCopy {
  const props = row.props;
  const { from, type, to } = row;
  return { from, type, to, props, ref: row.ref, key: `${JSON.stringify([from, type, to])}|${canonical(props)}` };
}

/** Splits rows into write batches of at most `count` rows and roughly `bytes` bytes each. */
function batches<T>(rows: T[], size: (row: T) => number, count: number, bytes: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const row of rows) {
    const s = size(row);
    if (current.length > 0 && (current.length >= count || used + s > bytes)) {
      out.push(current);
      current = [];
      used = 0;
    }
    current.push(row);
    used += s;
  }
  if (current.length > 0) out.push(current);
  return out;
}

export class ConsoleReplica {
  private running?: Promise<SyncReport>;
  private timer?: NodeJS.Timeout;
  private periodic?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private stopped = false;
  private last?: SyncReport;
  private failures = 0;
  private prepared?: Promise<void>;

  constructor(
    private readonly main: Database,
    /** The console's database; the console reads it, only this class writes it. */
    readonly copy: Database,
    private readonly options: ReplicaOptions,
  ) {}

  /** The latest finished refresh; undefined until the first one completes. */
  get lastSync(): SyncReport | undefined {
    return this.last;
  }

  /** Creates the public graph's indexes and constraints in the copy (idempotent), once per instance. */
  prepare(): Promise<void> {
    this.prepared ??= (async () => {
      for (const file of schemaFiles().filter((f) => PUBLIC_SCHEMA.includes(path.basename(f)))) {
        for (const statement of schemaStatements(file)) {
          if (!statement.includes('SchemaMigration')) await this.copy.autoCommit(composeQuery(`schema/${path.basename(file)}`, statement));
        }
      }
    })();
    this.prepared.catch(() => {
      this.prepared = undefined;
    });
    return this.prepared;
  }

  /** Prepares the copy, starts the first refresh and keeps it refreshed after writes and periodically. */
  start(): void {
    this.unsubscribe = this.main.onCommit(() => this.schedule());
    if (this.options.refreshMs > 0) {
      this.periodic = setInterval(() => this.schedule(), this.options.refreshMs);
      this.periodic.unref();
    }
    this.schedule(0);
  }

  /** Refreshes soon: a burst of writes is copied once, and a slow refresh spaces out the next. */
  private schedule(delay = Math.max(this.options.debounceMs ?? 1_000, 2 * (this.last?.ms ?? 0))): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.syncNow().catch(() => {});
    }, delay);
    this.timer.unref();
  }

  /** Refreshes the copy with every write committed before this call; concurrent callers share one refresh. */
  async syncNow(): Promise<SyncReport> {
    if (this.running) await this.running.catch(() => {});
    this.running ??= this.refresh().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.periodic);
    this.unsubscribe?.();
    await this.running?.catch(() => {});
  }

  private async refresh(): Promise<SyncReport> {
    const asOf = new Date();
    const started = Date.now();
    try {
      await this.prepare();
      const nodes = await this.copyNodes();
      const relationships = await this.copyRelationships();
      const report = { asOf, ms: Date.now() - started, nodes, relationships };
      this.last = report;
      if (this.failures > 0) this.options.log?.("The query console's copy of the graph is up to date again.");
      this.failures = 0;
      return report;
    } catch (err) {
      if (this.failures++ === 0)
        this.options.log?.(`The query console's copy of the graph could not be refreshed: ${(err as Error).message.split('\n')[0]}`);
      throw err;
    }
  }

  private get pageSize() {
    return this.options.pageSize ?? 1_000;
  }

  private async write<T>(rows: T[], size: (row: T) => number, send: (batch: T[]) => Promise<unknown>): Promise<void> {
    for (const batch of batches(rows, size, this.pageSize, this.options.batchBytes ?? 8 * 1024 * 1024)) {
      await send(batch);
    }
  }

  /** Pass one: every public node, page by page; the copy's nodes in the same id range are compared with them. */
  private async copyNodes(): Promise<SyncReport['nodes']> {
    const counts = { total: 0, upserted: 0, deleted: 0 };
    const hidden = [...this.options.hidden];
    for (let after = ''; ;) {
      const page = (await this.main.readRaw(readNodes, { after, upTo: null, limit: this.pageSize, hidden })).map(nodeOf);
      const last = page.length < this.pageSize;
      const upTo = last ? null : page.at(-1)!.id;
      const present = new Map(
        (await this.copy.readRaw(readNodes, { after, upTo, limit: 2 ** 31 - 1, hidden: [] })).map((r) => {
          const n = nodeOf(r);
          return [n.id, n.key];
        }),
      );
      const changed = page.filter((n) => present.get(n.id) !== n.key);
      const wanted = new Set(page.map((n) => n.id));
      const gone = [...present.keys()].filter((id) => !wanted.has(id));
      const upserts: NodeWrite[] = changed.map(({ id, labels, props }) => ({ id, labels, props }));
      await this.write(
        upserts,
        (n) => n.id.length + canonical(n.props).length,
        (rows) => this.copy.write(upsertNodes, { rows }),
      );
      await this.write(
        gone,
        (id) => id.length,
        (ids) => this.copy.write(deleteNodes, { ids }),
      );
      counts.total += page.length;
      counts.upserted += changed.length;
      counts.deleted += gone.length;
      if (last) return counts;
      after = upTo!;
    }
  }

  /** Pass two: the relationships leaving each page of public nodes, compared as multisets of (from, type, to, properties). */
  private async copyRelationships(): Promise<SyncReport['relationships']> {
    const counts = { total: 0, created: 0, deleted: 0 };
    const pageSize = Math.max(1, Math.floor(this.pageSize / 4));
    for (let after = ''; ;) {
      const ids = (await this.main.readRaw(readNodeIds, { after, limit: pageSize })).map((r) => r.id);
      if (ids.length > 0) {
        const wanted = (await this.main.readRaw(readRelationships, { ids })).map(relOf);
        const present = new Map<string, string[]>();
        for (const r of (await this.copy.readRaw(readRelationships, { ids })).map(relOf)) {
          present.set(r.key, [...(present.get(r.key) ?? []), r.ref]);
        }
        const missing: RelCopy[] = [];
        for (const r of wanted) {
          const refs = present.get(r.key);
          if (refs && refs.length > 0) refs.pop();
          else missing.push(r);
        }
        const extra = [...present.values()].flat();
        await this.write(
          extra,
          (ref) => ref.length,
          (refs) => this.copy.write(deleteRelationships, { refs }),
        );
        const creates: RelWrite[] = missing.map(({ from, type, to, props }) => ({ from, type, to, props }));
        await this.write(
          creates,
          (r) => r.from.length + r.to.length + canonical(r.props).length,
          (rows) => this.copy.write(createRelationships, { rows }),
        );
        counts.total += wanted.length;
        counts.created += missing.length;
        counts.deleted += extra.length;
      }
      if (ids.length < pageSize) return counts;
      after = ids.at(-1)!;
    }
  }
}
