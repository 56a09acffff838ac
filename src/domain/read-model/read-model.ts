import { changesSince, feedHead } from '../../data/change-feed.js';
import type { Database } from '../../data/database.js';
import { caseDoc, casesDependingOn } from './case-docs.js';
import { CaseIndex } from './case-index.js';
import { GraphMirror } from './mirror.js';
import { NodeIndex } from './node-index.js';

/** What the read model holds at one moment; replaced whole by a rebuild. */
export interface ReadState {
  mirror: GraphMirror;
  cases: CaseIndex;
  nodes: NodeIndex;
  /** The number of the last change-feed entry applied. */
  seq: number;
  /** Raised by every change applied; caches keyed by it never serve a stale answer. */
  revision: number;
}

export interface ReadModelStats {
  cases: number;
  nodes: number;
  relationships: number;
  seq: number;
  builds: number;
  lastBuildMs: number;
  /** Of the last build: reading the graph from Neo4j, and indexing it in memory. */
  lastLoadMs: number;
  lastIndexMs: number;
  lastCatchUpMs: number;
}

export interface ReadModelOptions {
  /** How often to look for writes made by other processes; 0: only after this process's own writes. */
  pollMs?: number;
  warn?: (message: string) => void;
}

/**
 * Everything that lists, searches, filters, counts or ranks cases reads this: the public graph in
 * memory (GraphMirror) with a search index over its cases and one over every node. Neo4j stays the
 * source of truth. The model is built from the graph at start and kept current from the change feed
 * (src/data/change-feed.ts), which every write of public records adds to in its own transaction:
 * after each commit through this process it catches up before the write's answer is sent, and it
 * polls the feed for writes made by other processes. A gap in the feed (entries pruned, the feed
 * reset) or a bulk change makes it rebuild, swapping the new state in when complete.
 *
 * Nothing here assumes the index lives in this process: the same feed, read by a worker, could
 * fill a distributed search engine with the documents of case-docs.ts (see docs/design.md).
 */
export class ReadModel {
  private state: ReadState | undefined;
  private building: Promise<ReadState> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly counters = { builds: 0, lastBuildMs: 0, lastLoadMs: 0, lastIndexMs: 0, lastCatchUpMs: 0 };

  constructor(
    private readonly db: Database,
    private readonly options: ReadModelOptions = {},
  ) {}

  /** Starts following the feed: catch up after each commit through `db`, and poll every pollMs. */
  start(): this {
    if (this.unsubscribe) return this;
    this.unsubscribe = this.db.onCommit(() => this.catchUp());
    const pollMs = this.options.pollMs ?? 1_000;
    if (pollMs > 0) {
      // While the database cannot be reached the poll backs off (doubling up to MAX_POLL_BACKOFF_MS)
      // and says so once, and once again when it can catch up again.
      let delay = pollMs;
      let failing = false;
      const tick = () => {
        this.timer = setTimeout(() => {
          if (this.db.closing) return;
          this.catchUp()
            .then(() => {
              if (failing) this.options.warn?.('The read model is catching up again.');
              failing = false;
              delay = pollMs;
            })
            .catch((err: Error) => {
              if (!failing) this.options.warn?.(`The read model could not catch up: ${err.message} (retrying, less often while it fails).`);
              failing = true;
              delay = Math.min(Math.max(delay * 2, pollMs), Math.max(pollMs, MAX_POLL_BACKOFF_MS));
            })
            .finally(tick);
        }, delay);
        this.timer.unref();
      };
      tick();
    }
    return this;
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer) clearTimeout(this.timer);
  }

  /** The current state, built first when there is none yet. */
  async current(): Promise<ReadState> {
    if (this.state) return this.state;
    return this.rebuild();
  }

  stats(): ReadModelStats {
    const s = this.state;
    return {
      cases: s?.cases.size ?? 0,
      nodes: s?.mirror.nodes.size ?? 0,
      relationships: s?.mirror.relationships ?? 0,
      seq: s?.seq ?? 0,
      ...this.counters,
    };
  }

  /** Builds a new state from the whole graph and swaps it in; concurrent callers share one build. */
  rebuild(): Promise<ReadState> {
    this.building ??= (async () => {
      const started = performance.now();
      // Changes committed while the graph is read are applied after, from the feed.
      const { seq } = await feedHead(this.db);
      const mirror = await GraphMirror.load(this.db);
      const loaded = performance.now();
      const cases = new CaseIndex();
      for (const node of mirror.nodes.values()) if (node.kind === 'case') cases.put(caseDoc(mirror, node));
      const nodes = new NodeIndex(mirror, cases);
      const state: ReadState = { mirror, cases, nodes, seq, revision: (this.state?.revision ?? 0) + 1 };
      this.state = state;
      this.counters.builds++;
      this.counters.lastBuildMs = Math.round(performance.now() - started);
      this.counters.lastLoadMs = Math.round(loaded - started);
      this.counters.lastIndexMs = Math.round(performance.now() - loaded);
      return state;
    })().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  /**
   * Applies every change recorded since the last one applied. A call made after a write commits
   * resolves only once a catch-up that started after that call has finished, so the write is in.
   */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running.then(() => this.catchUp());
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.applyFeed();
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async applyFeed(): Promise<void> {
    if (!this.state) {
      await this.rebuild();
      return;
    }
    const started = performance.now();
    const head = await feedHead(this.db);
    const state = this.state;
    if (head.seq === state.seq) return;
    // The feed was reset (an emptied database) or has pruned entries this model has not seen.
    if (head.seq < state.seq || (head.oldest > state.seq + 1 && state.seq > 0) || (state.seq === 0 && head.oldest > 1)) {
      await this.rebuild();
      return;
    }
    let after = state.seq;
    const ids = new Set<string>();
    for (;;) {
      const page = await changesSince(this.db, after, 500);
      if (page.some((c) => c.all)) {
        await this.rebuild();
        return;
      }
      for (const c of page) for (const id of c.ids) ids.add(id);
      if (page.length) after = page[page.length - 1]!.seq;
      if (page.length < 500) break;
    }
    if (this.state !== state) return;
    this.apply(state, await state.mirror.refresh(this.db, [...ids]), ids);
    state.seq = after;
    state.revision++;
    this.counters.lastCatchUpMs = Math.round(performance.now() - started);
  }

  /** Re-derives what depends on the refreshed nodes: case documents and the node index entries. */
  private apply(state: ReadState, touched: Set<string>, changed: Set<string>): void {
    for (const id of casesDependingOn(state.mirror, touched)) {
      const node = state.mirror.nodes.get(id);
      if (node?.kind === 'case') state.cases.put(caseDoc(state.mirror, node));
      else state.cases.remove(id);
    }
    for (const id of changed) state.nodes.refresh(id);
  }
}

/** The longest pause between polls while the database cannot be reached. */
const MAX_POLL_BACKOFF_MS = 30_000;

/** How many answers are kept: the most recently asked, while the read model's revision stays the same. */
const KEPT_ANSWERS = 256;
const answers = new WeakMap<ReadState, { revision: number; byKey: Map<string, unknown> }>();

/**
 * The answer for `key` made at this revision of the read model, or `make()`'s. An answer depends on
 * the graph only, and every change applied raises the revision, so none is served stale. Answers are
 * shared: callers must not change them.
 */
export function remembered<T>(state: ReadState, key: string, make: () => T): T {
  let kept = answers.get(state);
  if (kept?.revision !== state.revision) answers.set(state, (kept = { revision: state.revision, byKey: new Map() }));
  if (kept.byKey.has(key)) {
    const hit = kept.byKey.get(key) as T;
    // Most recently used last.
    kept.byKey.delete(key);
    kept.byKey.set(key, hit);
    return hit;
  }
  const made = make();
  kept.byKey.set(key, made);
  if (kept.byKey.size > KEPT_ANSWERS) kept.byKey.delete(kept.byKey.keys().next().value!);
  return made;
}

const models = new WeakMap<Database, ReadModel>();

/** The read model of a database connection, made and started on first use. */
export function readModelOf(db: Database, options?: ReadModelOptions): ReadModel {
  let model = models.get(db);
  if (!model) {
    model = new ReadModel(db, options).start();
    models.set(db, model);
  }
  return model;
}
