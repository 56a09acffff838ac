import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { DatabaseConflictError, DatabaseTimeoutError, DatabaseUnavailableError } from './errors.js';
import { toPlain } from './plain.js';
import { ReadCache } from './read-cache.js';

import { composeQuery, defineQuery, type ParamArgs, type Params, type Query, type Row } from './queries.js';

const serverComponents = defineQuery<Record<string, never>, { version: string; edition: string }>('health/server-components');
/** The change feed's entry for a write that does not say what it touched (see change-feed.ts). */
const recordAllChanged = defineQuery<{ ids: string[]; all: boolean; keep: number }, { seq: number }>('changes/record');
/** How many change-feed entries are kept; a reader further behind rebuilds. */
export const FEED_KEEP = 10_000;

export type { Params, Row } from './queries.js';
/**
 * Runs one query inside an open transaction. The app runs named queries (`defineQuery`); Cypher
 * text is accepted for tests, benchmarks and tools; test/unit/query-registry.test.ts keeps it out of the app's code.
 */
export interface Run {
  <P extends object, R>(query: Query<P, R>, ...params: ParamArgs<P>): Promise<R[]>;
  (query: string, params?: Params): Promise<Row[]>;
}

/** A query as given: named, or text run as `adhoc`. */
function named<P extends object, R>(query: Query<P, R> | string): Query<P, R> {
  return typeof query === 'string' ? composeQuery<P, R>('adhoc', query) : query;
}

/** Told when a query starts, by name; the function it returns is called when the query ends (for metrics). */
export type QueryObserver = (name: string, mode: 'READ' | 'WRITE') => (ok: boolean) => void;

export { DatabaseTimeoutError, DatabaseUnavailableError } from './errors.js';

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

export function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.has(code);
}

/** Maps driver failures the caller can act on to domain errors; anything else passes through. */
function translate(err: unknown, timeoutMs: number): unknown {
  if (err instanceof DatabaseUnavailableError || err instanceof DatabaseTimeoutError || err instanceof DatabaseConflictError) return err;
  const code = (err as { code?: string })?.code ?? '';
  if (isUnavailable(err)) return new DatabaseUnavailableError('The graph database is not reachable right now.', { cause: err });
  if (TIMEOUT_CODES.has(code)) {
    return new DatabaseTimeoutError(timeoutMs, { cause: err });
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed')
    return new DatabaseConflictError('Another write made a node with the same id at the same moment; reload and try again.', {
      cause: err,
    });
  // Still failing after the driver's retries (a deadlock, a leader election): worth trying again later.
  if (code.startsWith('Neo.TransientError.'))
    return new DatabaseUnavailableError('The graph database is busy right now; try again in a moment.', { cause: err });
  if (String((err as Error)?.message).startsWith('Connection acquisition timed out')) {
    return new DatabaseUnavailableError('The graph database has no free connection right now; try again in a moment.', { cause: err });
  }
  return err;
}

export interface DatabaseOptions {
  /** How long ordered lists stay in the read cache; 0 turns it off. */
  cacheTtlMs?: number;
  /** The longest a transaction with the given time limit may go unanswered before it is given up as unavailable. */
  deadlineMs?: (timeoutMs: number) => number;
  /** How long a read is tried again after transient failures (as the driver's maxTransactionRetryTime). */
  retryTimeMs?: number;
  /** The time limit of the health check, which is not retried. */
  pingTimeoutMs?: number;
}

/** Rejects when `ms` pass first; `onLate` is told so that it can let go of the slow work. */
async function withDeadline<T>(work: Promise<T>, ms: number, onLate: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onLate();
      reject(new DatabaseUnavailableError(`The graph database did not answer within ${Math.round(ms / 100) / 10} s.`));
    }, ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * JavaScript numbers reach Neo4j as floats; whole-number parameters (limits, numbers, years) and
 * lists of them are sent as integers instead. Nested maps are left to their callers.
 */
function integerParams(params: object): Params {
  const toInt = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? neo4j.int(v) : v);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.map(toInt) : toInt(v)]));
}

function rows(records: { toObject(): Row }[]): Row[] {
  return records.map((r) => toPlain(r.toObject()) as Row);
}

/** The app's one way to run Cypher: managed read or write transactions with a time limit. */
export class Database {
  /** Ordered lists that pages are cut from; emptied by every write through this Database. */
  readonly cache: ReadCache;
  /** Set when the app starts shutting down: the health check then answers 503 so balancers look elsewhere. */
  closing = false;
  /** Watches every query run in a transaction; unset, nothing is measured. */
  onQuery?: QueryObserver;
  private readonly commitListeners = new Set<() => void | Promise<void>>();

  constructor(
    readonly driver: Driver,
    readonly database: string | undefined,
    private readonly timeoutMs: number,
    private readonly options: DatabaseOptions = {},
  ) {
    this.cache = new ReadCache(options.cacheTtlMs ?? 10_000);
  }

  private session(mode: 'READ' | 'WRITE', fetchSize?: number) {
    return this.driver.session({
      database: this.database,
      ...(fetchSize ? { fetchSize } : {}),
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
  }

  /**
   * Runs work in a managed transaction: the driver routes it (reads to readers, writes to the
   * leader), retries it after transient failures within its retry window, and the session shares
   * the driver's bookmark manager, so a read sees every write this process made before it.
   */
  private run<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number, derived = false): Promise<T> {
    return this.inSession(mode, timeoutMs, async (session, config) => {
      if (mode === 'READ') return session.executeRead(work, config);
      if (derived) return session.executeWrite(work, config);
      this.cache.clear();
      try {
        const result = await session.executeWrite(work, config);
        await this.committed();
        return result;
      } finally {
        this.cache.clear();
      }
    });
  }

  /**
   * Tells `listener` after each committed write through this Database (derived writes aside); the
   * write's caller gets its answer once every listener has settled, so a listener that updates a
   * derived view (the read model) makes the write visible there before the answer. A listener that
   * fails does not fail the write, which is committed. Returns the listener's removal.
   */
  onCommit(listener: () => void | Promise<void>): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  private async committed(): Promise<void> {
    await Promise.allSettled([...this.commitListeners].map(async (listener) => listener()));
  }

  /**
   * Opens a session for `execute`, bounds the wait with the answer deadline and maps driver failures
   * to domain errors.
   */
  private async inSession<T>(
    mode: 'READ' | 'WRITE',
    timeoutMs: number | undefined,
    execute: (session: Session, config: { timeout: number }) => Promise<T>,
    options: { fetchSize?: number } = {},
  ): Promise<T> {
    const limit = timeoutMs ?? this.timeoutMs;
    const session = this.session(mode, options.fetchSize);
    let abandoned = false;
    const pending = execute(session, { timeout: limit });
    try {
      return await withDeadline(pending, this.options.deadlineMs?.(limit) ?? limit + 10_000, () => {
        abandoned = true;
        pending.catch(() => {});
      });
    } catch (err) {
      throw translate(err, limit);
    } finally {
      // A session whose server went silent would wait on its close too; it is let go instead.
      if (abandoned) session.close().catch(() => {});
      else await session.close();
    }
  }

  /**
   * One read query as an auto-commit transaction: one round trip (RUN and PULL) where a managed
   * transaction takes three (BEGIN, RUN and PULL, COMMIT). A read has no effects, so it is simply
   * run again after a transient failure, with a short backoff, within the same retry window the
   * driver gives managed transactions. Routing and bookmarks come from the session as for them.
   */
  private readAutoCommit(query: Query<object, unknown>, params: object, timeoutMs?: number): Promise<Row[]> {
    return this.inSession('READ', timeoutMs, async (session, config) => {
      const giveUpAt = Date.now() + (this.options.retryTimeMs ?? 2_000);
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.observed(query.name, 'READ', async () =>
            rows((await session.run(query.text, integerParams(params), config)).records),
          );
        } catch (err) {
          const pause = Math.min(1_000, 50 * 2 ** attempt) * (0.8 + Math.random() * 0.4);
          if (!neo4j.isRetryableError(err) || Date.now() + pause > giveUpAt) throw err;
          await new Promise((r) => setTimeout(r, pause));
        }
      }
    });
  }

  private async observed<T>(name: string, mode: 'READ' | 'WRITE', work: () => Promise<T>): Promise<T> {
    const done = this.onQuery?.(name, mode);
    try {
      const result = await work();
      done?.(true);
      return result;
    } catch (err) {
      done?.(false);
      throw err;
    }
  }

  /** `adhoc` is told when a statement given as text runs (tests and tools; the app runs named queries). */
  private runner(tx: ManagedTransaction, mode: 'READ' | 'WRITE', adhoc?: { ran: boolean }): Run {
    return ((query: Query<object, unknown> | string, params: object = {}) => {
      if (adhoc && typeof query === 'string') adhoc.ran = true;
      return this.query(tx, mode, named(query), params);
    }) as Run;
  }

  /**
   * Runs write work; when a statement given as text ran in it, the change feed records that anything
   * may have changed (such text does not say what it touched), so readers of the feed rebuild.
   */
  private writeWork<T>(work: (run: Run) => Promise<T>): (tx: ManagedTransaction) => Promise<T> {
    return async (tx) => {
      const adhoc = { ran: false };
      const result = await work(this.runner(tx, 'WRITE', adhoc));
      if (adhoc.ran) await this.query(tx, 'WRITE', recordAllChanged, { ids: [], all: true, keep: FEED_KEEP });
      return result;
    };
  }

  private query<R>(tx: ManagedTransaction, mode: 'READ' | 'WRITE', query: Query<object, R>, params: object = {}): Promise<R[]> {
    return this.observed(query.name, mode, async () => rows((await tx.run(query.text, integerParams(params))).records) as R[]);
  }

  /** Runs one read query and returns its rows as plain objects. */
  read<P extends object, R>(query: Query<P, R>, ...params: ParamArgs<P>): Promise<R[]>;
  read(query: string, params?: Params): Promise<Row[]>;
  async read<P extends object, R>(query: Query<P, R> | string, params: object = {}): Promise<R[]> {
    return (await this.readAutoCommit(named(query), params)) as R[];
  }

  /** Runs one write query in its own transaction. */
  write<P extends object, R>(query: Query<P, R>, ...params: ParamArgs<P>): Promise<R[]>;
  write(query: string, params?: Params): Promise<Row[]>;
  write<P extends object, R>(query: Query<P, R> | string, params: object = {}): Promise<R[]> {
    return this.run(
      'WRITE',
      this.writeWork((run) => (typeof query === 'string' ? run(query, params as Params) : run(query, params as P)) as Promise<R[]>),
    );
  }

  /**
   * Runs a read query from a user, whose size is unknown: records are pulled `fetchSize` at a time
   * and reading stops at `rowCap` rows or once the rows taken reach `byteCap` bytes of JSON, so the
   * memory a request holds stays bounded. `truncated` says which cap stopped it.
   */
  readCapped(
    query: string,
    params: Params,
    limits: { rowCap: number; byteCap: number; timeoutMs: number; fetchSize: number },
  ): Promise<{ keys: string[]; rows: Row[]; bytes: number; truncated: false | 'rows' | 'bytes' }> {
    return this.inSession(
      'READ',
      limits.timeoutMs,
      async (session, config) => {
        const tx = await session.beginTransaction(config);
        try {
          return await this.observed('console', 'READ', async () => {
            const result = tx.run(query, integerParams(params));
            const out: Row[] = [];
            let bytes = 0;
            let truncated: false | 'rows' | 'bytes' = false;
            for await (const record of result) {
              if (out.length === limits.rowCap) {
                truncated = 'rows';
                break;
              }
              const row = toPlain(record.toObject()) as Row;
              const size = Buffer.byteLength(JSON.stringify(row));
              if (bytes + size > limits.byteCap) {
                truncated = 'bytes';
                break;
              }
              bytes += size;
              out.push(row);
            }
            const keys = await result.keys();
            return { keys, rows: out, bytes, truncated };
          });
        } finally {
          // A read has nothing to keep; rolling back also stops the query where it stopped being read.
          await tx.rollback().catch(() => {});
        }
      },
      { fetchSize: limits.fetchSize },
    );
  }

  /** Rows as the driver gives them (Integers, temporals and points kept), for copying values to another database unchanged. */
  readRaw<P extends object, R>(query: Query<P, R>, ...[params = {} as P]: ParamArgs<P>): Promise<R[]> {
    return this.run('READ', (tx) =>
      this.observed(query.name, 'READ', async () =>
        (await tx.run(query.text, integerParams(params))).records.map((r) => r.toObject() as R),
      ),
    );
  }

  /**
   * Asks the planner what a query would do without running it: `queryType` is r, rw, w or s, and
   * `operators` lists every step of the plan with its details (labels, types, predicates).
   */
  async explain(query: string, params: Params = {}): Promise<{ queryType: string; operators: { type: string; details: string }[] }> {
    return this.run('READ', async (tx) => {
      const summary = await tx.run(`EXPLAIN ${query}`, integerParams(params)).summary();
      const operators: { type: string; details: string }[] = [];
      type PlanNode = {
        operatorType: string;
        arguments: { Details?: string; details?: string; [key: string]: unknown };
        children: PlanNode[];
      };
      const walk = (p: PlanNode | false | undefined) => {
        if (!p) return;
        operators.push({ type: p.operatorType, details: String(p.arguments?.Details ?? p.arguments?.details ?? '') });
        p.children?.forEach(walk);
      };
      walk(summary.plan);
      return { queryType: String(summary.queryType), operators };
    });
  }

  /**
   * Runs several statements in one write transaction: all or nothing. A `derived` write only stores
   * what can be computed from the graph (case cards): it keeps the read cache and tells no listener.
   */
  writeTx<T>(work: (run: Run) => Promise<T>, options: { timeoutMs?: number; derived?: boolean } = {}): Promise<T> {
    return this.run('WRITE', this.writeWork(work), options.timeoutMs, options.derived);
  }

  /** Runs work inside one read transaction, for callers that need several queries to see one snapshot. */
  readTx<T>(work: (run: Run) => Promise<T>, timeoutMs?: number): Promise<T> {
    return this.run('READ', (tx) => work(this.runner(tx, 'READ')), timeoutMs);
  }

  /** Runs a query in an auto-commit transaction (needed for CALL ... IN TRANSACTIONS). */
  autoCommit<P extends object, R>(query: Query<P, R>, ...params: ParamArgs<P>): Promise<R[]>;
  autoCommit(query: string, params?: Params): Promise<Row[]>;
  async autoCommit<P extends object, R>(given: Query<P, R> | string, params: object = {}): Promise<R[]> {
    const query = named<P, R>(given);
    this.cache.clear();
    const session = this.session('WRITE');
    try {
      const result = await this.observed(
        query.name,
        'WRITE',
        async () => rows((await session.run(query.text, integerParams(params))).records) as R[],
      );
      if (typeof given === 'string') await session.run(recordAllChanged.text, integerParams({ ids: [], all: true, keep: FEED_KEEP }));
      await this.committed();
      return result;
    } catch (err) {
      throw translate(err, this.timeoutMs);
    } finally {
      await session.close();
    }
  }

  /**
   * The server's version and edition, asked once without retries and within a few seconds, so a
   * health check reports an unreachable server promptly.
   */
  async serverInfo(): Promise<{ version: string; edition: string }> {
    const session = this.session('READ');
    const ms = this.options.pingTimeoutMs ?? 5_000;
    let abandoned = false;
    const pending = session.run(serverComponents.text, {}, { timeout: ms });
    try {
      const result = await withDeadline(Promise.resolve(pending), ms + 1_000, () => {
        abandoned = true;
        Promise.resolve(pending).catch(() => {});
      });
      const row = result.records[0]?.toObject();
      return { version: String(row?.version ?? 'unknown'), edition: String(row?.edition ?? 'unknown') };
    } catch (err) {
      const translated = translate(err, ms);
      throw translated instanceof DatabaseUnavailableError || translated instanceof DatabaseTimeoutError
        ? translated
        : new DatabaseUnavailableError('The graph database did not answer the health check.', { cause: err });
    } finally {
      if (abandoned) session.close().catch(() => {});
      else await session.close();
    }
  }

  close(): Promise<void> {
    this.closing = true;
    return this.driver.close();
  }
}
