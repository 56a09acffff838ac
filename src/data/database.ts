import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { DomainError } from '../domain/errors.js';
import { toPlain } from './plain.js';
import { ReadCache } from './read-cache.js';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;
/** Runs one query inside an open transaction. */
export type Run = (query: string, params?: Params) => Promise<Row[]>;

/** Neo4j could not be reached or did not answer in time. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'database-unavailable';
}

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
]);

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
  const code = (err as { code?: string })?.code ?? '';
  if (isUnavailable(err)) return new DatabaseUnavailableError('The graph database is not reachable right now.', { cause: err });
  if (TIMEOUT_CODES.has(code)) {
    return new DomainError('timeout', `The query ran longer than ${timeoutMs / 1000} s and was stopped.`, { timeoutMs });
  }
  return err;
}

/**
 * JavaScript numbers reach Neo4j as floats; whole-number parameters (limits, numbers, years) and
 * lists of them are sent as integers instead. Nested maps are left to their callers.
 */
function integerParams(params: Params): Params {
  const toInt = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? neo4j.int(v) : v);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.map(toInt) : toInt(v)]));
}

function rows(records: { toObject(): Row }[]): Row[] {
  return records.map((r) => toPlain(r.toObject()) as Row);
}

/** The app's one way to run Cypher: managed read or write transactions with a time limit. */
export class Database {
  /** Ordered lists that pages are cut from; emptied by every write through this Database. */
  readonly cache = new ReadCache(10_000);

  constructor(
    readonly driver: Driver,
    readonly database: string | undefined,
    private readonly timeoutMs: number,
  ) {}

  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
  }

  private async run<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    const session = this.session(mode);
    try {
      const config = { timeout: timeoutMs ?? this.timeoutMs };
      if (mode === 'READ') return await session.executeRead(work, config);
      this.cache.clear();
      try {
        return await session.executeWrite(work, config);
      } finally {
        this.cache.clear();
      }
    } catch (err) {
      throw translate(err, timeoutMs ?? this.timeoutMs);
    } finally {
      await session.close();
    }
  }

  /** Runs one read query and returns its rows as plain objects. */
  read(query: string, params: Params = {}, timeoutMs?: number): Promise<Row[]> {
    return this.run('READ', async (tx) => rows((await tx.run(query, integerParams(params))).records), timeoutMs);
  }

  /** Runs one write query in its own transaction. */
  write(query: string, params: Params = {}): Promise<Row[]> {
    return this.run('WRITE', async (tx) => rows((await tx.run(query, integerParams(params))).records));
  }

  /**
   * Runs a read query and stops after `cap` rows, reporting whether more were left; used where the
   * query comes from a user and its size is unknown.
   */
  readCapped(query: string, params: Params, cap: number, timeoutMs: number): Promise<{ keys: string[]; rows: Row[]; truncated: boolean }> {
    return this.run(
      'READ',
      async (tx) => {
        const result = tx.run(query, integerParams(params));
        const out: Row[] = [];
        let truncated = false;
        for await (const record of result) {
          if (out.length === cap) {
            truncated = true;
            break;
          }
          out.push(toPlain(record.toObject()) as Row);
        }
        const keys = (await result.keys()) as string[];
        return { keys, rows: out, truncated };
      },
      timeoutMs,
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
      type PlanNode = { operatorType: string; arguments: Record<string, unknown>; children: PlanNode[] };
      const walk = (p: PlanNode | false | undefined) => {
        if (!p) return;
        operators.push({ type: p.operatorType, details: String(p.arguments?.Details ?? p.arguments?.details ?? '') });
        p.children?.forEach(walk);
      };
      walk(summary.plan as unknown as PlanNode);
      return { queryType: String(summary.queryType), operators };
    });
  }

  /** Runs several statements in one write transaction: all or nothing. */
  writeTx<T>(work: (run: Run) => Promise<T>): Promise<T> {
    return this.run('WRITE', (tx) => work(async (q, p = {}) => rows((await tx.run(q, integerParams(p))).records)));
  }

  /** Runs work inside one read transaction, for callers that need several queries to see one snapshot. */
  readTx<T>(work: (run: Run) => Promise<T>, timeoutMs?: number): Promise<T> {
    return this.run('READ', (tx) => work(async (q, p = {}) => rows((await tx.run(q, integerParams(p))).records)), timeoutMs);
  }

  /** Runs a query in an auto-commit transaction (needed for CALL ... IN TRANSACTIONS). */
  async autoCommit(query: string, params: Params = {}): Promise<Row[]> {
    this.cache.clear();
    const session = this.session('WRITE');
    try {
      return rows((await session.run(query, integerParams(params))).records);
    } catch (err) {
      throw translate(err, this.timeoutMs);
    } finally {
      await session.close();
    }
  }

  async serverInfo(): Promise<{ version: string; edition: string }> {
    const [row] = await this.read('CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition');
    return { version: String(row?.version ?? 'unknown'), edition: String(row?.edition ?? 'unknown') };
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
