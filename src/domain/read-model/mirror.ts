import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import type { Kind } from '../model/kinds.js';

/** A public node as the read model keeps it: its properties less the search helpers the graph stores. */
export interface MirrorNode {
  id: string;
  kind: Kind;
  props: Record<string, unknown>;
}

/** A relationship between two public nodes, with its properties (basis, note, the ids of its sources). */
export interface MirrorRel {
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

type RelRow = { type: string; from: string; to: string; props: Record<string, unknown> };
type NodeRow = { id: string; kind: Kind | null; props: Record<string, unknown> | null; rels: RelRow[] };

const nodesPage = defineQuery<{ after: string; limit: number }, NodeRow>('read-model/nodes-page');
const nodesByIds = defineQuery<{ ids: string[] }, NodeRow>('read-model/nodes-by-ids');

/** Stored helpers for the graph's own full-text index and curation; never shown. */
const INTERNAL = new Set(['altNamesText', 'searchKey', 'sourceIds']);

/** Shared by every relationship without properties (most of them), instead of an empty object each. */
const NO_PROPS: Record<string, unknown> = Object.freeze({});

/**
 * One copy of each short string value (relationship types, kinds, statuses, bases, countries, ids):
 * the driver decodes every value afresh, so without this 570,000 relationships would hold as many
 * copies of "CONTRIBUTES_TO" and of their ends' ids.
 */
const SHORT = 100;
class StringPool {
  private readonly pool = new Map<string, string>();
  /** Short lists of strings (a relationship's sources), shared frozen. */
  private readonly lists = new Map<string, readonly string[]>();

  get(value: string): string {
    if (value.length > SHORT) return value;
    const known = this.pool.get(value);
    if (known !== undefined) return known;
    this.pool.set(value, value);
    return value;
  }

  value(v: unknown): unknown {
    if (typeof v === 'string') return this.get(v);
    if (!Array.isArray(v) || v.length > 4 || !v.every((x) => typeof x === 'string' && x.length <= SHORT)) return v;
    const key = v.join('\u0000');
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = Object.freeze(v.map((x: string) => this.get(x)))));
    return list;
  }
}

function publicProps(props: Record<string, unknown>, strings: StringPool): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(props)) if (!INTERNAL.has(k) && v !== null) (out ??= {})[k] = strings.value(v);
  return out ?? NO_PROPS;
}

/**
 * The public graph in memory: every :Entity node with its properties and every relationship between
 * two of them. It is read from Neo4j page by page at start and then refreshed node by node from the
 * change feed, so what it holds is what Neo4j held when the last change it applied committed.
 */
export class GraphMirror {
  readonly nodes = new Map<string, MirrorNode>();
  private readonly strings = new StringPool();
  private readonly outgoing = new Map<string, MirrorRel[]>();
  private readonly incoming = new Map<string, MirrorRel[]>();
  relationships = 0;

  static async load(db: Database, pageSize = 5_000): Promise<GraphMirror> {
    const mirror = new GraphMirror();
    // Neo4j reads the next page while this process takes in the one before.
    let next: Promise<NodeRow[]> | undefined = db.read(nodesPage, { after: '', limit: pageSize });
    while (next) {
      const page: NodeRow[] = await next;
      next = page.length < pageSize ? undefined : db.read(nodesPage, { after: page[page.length - 1]!.id, limit: pageSize });
      // A failure of the page read ahead is raised when it is awaited, not as an unhandled rejection.
      next?.catch(() => {});
      for (const row of page) {
        if (row.props && row.kind) mirror.put(row.id, row.kind, row.props);
      }
      for (const row of page) for (const rel of row.rels) mirror.link(rel);
    }
    // A relationship to a node of a later page was kept before that node arrived; all are present now.
    return mirror;
  }

  /** A mirror of given records (seed plans, benchmarks), as if read from the graph. */
  static fromRecords(nodes: { id: string; props: Record<string, unknown> }[], rels: RelRow[]): GraphMirror {
    const mirror = new GraphMirror();
    for (const n of nodes) mirror.put(n.id, n.props.kind as Kind, n.props);
    for (const r of rels) if (mirror.nodes.has(r.from) && mirror.nodes.has(r.to)) mirror.link(r);
    return mirror;
  }

  out(id: string): readonly MirrorRel[] {
    return this.outgoing.get(id) ?? [];
  }

  in(id: string): readonly MirrorRel[] {
    return this.incoming.get(id) ?? [];
  }

  /** Ids of every node joined to `id` by a relationship, either way. */
  neighbours(id: string): string[] {
    return [...this.out(id).map((r) => r.to), ...this.in(id).map((r) => r.from)];
  }

  private put(id: string, kind: Kind, props: Record<string, unknown>): void {
    const key = this.strings.get(id);
    this.nodes.set(key, { id: key, kind: this.strings.get(kind) as Kind, props: publicProps(props, this.strings) });
  }

  private link(rel: RelRow): void {
    const s = this.strings;
    const r: MirrorRel = { type: s.get(rel.type), from: s.get(rel.from), to: s.get(rel.to), props: publicProps(rel.props ?? {}, s) };
    push(this.outgoing, r.from, r);
    push(this.incoming, r.to, r);
    this.relationships++;
  }

  private unlinkAll(id: string): void {
    let removed = 0;
    for (const r of this.out(id)) {
      remove(this.incoming, r.to, (x) => x === r);
      removed++;
    }
    for (const r of this.in(id)) {
      remove(this.outgoing, r.from, (x) => x === r);
      // A relationship from id to itself was counted with the outgoing ones.
      if (r.from !== id) removed++;
    }
    this.relationships -= removed;
    this.outgoing.delete(id);
    this.incoming.delete(id);
  }

  /**
   * Reads the given nodes again with all their relationships; a node no longer public is removed.
   * Returns every node whose neighbours may have changed: the given ones and their neighbours before
   * and after. Nodes a refreshed relationship reaches that the mirror lacks are read too.
   */
  async refresh(db: Database, ids: readonly string[]): Promise<Set<string>> {
    const touched = new Set<string>(ids);
    let pending = [...new Set(ids)];
    let first = true;
    // A relationship between two refreshed nodes comes back with each of them; it is linked once.
    const seen = new Set<string>();
    while (pending.length) {
      const rows: NodeRow[] = [];
      for (let i = 0; i < pending.length; i += 1_000) rows.push(...(await db.read(nodesByIds, { ids: pending.slice(i, i + 1_000) })));
      // Nodes read in a later round were not in the mirror: their only relationships are the ones just linked.
      if (first)
        for (const id of pending) {
          for (const n of this.neighbours(id)) touched.add(n);
          this.unlinkAll(id);
        }
      first = false;
      for (const row of rows) {
        if (row.props && row.kind) this.put(row.id, row.kind, row.props);
        else this.nodes.delete(row.id);
      }
      const missing = new Set<string>();
      for (const row of rows) {
        for (const rel of row.rels) {
          const key = `${rel.from}\u0000${rel.type}\u0000${rel.to}\u0000${JSON.stringify(rel.props)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          this.link(rel);
          for (const end of [rel.from, rel.to]) {
            touched.add(end);
            if (!this.nodes.has(end)) missing.add(end);
          }
        }
      }
      pending = [...missing];
    }
    return touched;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Removes the matching values from the list under key; returns how many. */
function remove<K, V>(map: Map<K, V[]>, key: K, match: (v: V) => boolean): number {
  const list = map.get(key);
  if (!list) return 0;
  const kept = list.filter((v) => !match(v));
  if (kept.length) map.set(key, kept);
  else map.delete(key);
  return list.length - kept.length;
}
