/**
 * `--explain`: which Cypher each endpoint runs, and what it costs. A recording Database (used only
 * in this mode) notes every read query a request makes; each is then run again with PROFILE.
 */
import neo4j from 'neo4j-driver';
import type { Params, Row, Run } from '../../src/data/database.js';
import { Database } from '../../src/data/database.js';
import type { ParamArgs, Query } from '../../src/data/queries.js';

export interface RecordedQuery {
  name: string;
  query: string;
  params: Params;
}

export class RecordingDatabase extends Database {
  private recorded: RecordedQuery[] = [];

  take(): RecordedQuery[] {
    const out = this.recorded;
    this.recorded = [];
    return out;
  }

  override read<P extends object, R>(query: Query<P, R>, ...params: ParamArgs<P>): Promise<R[]>;
  override read(query: string, params?: Params): Promise<Row[]>;
  override read(query: Query<object, unknown> | string, params: Params = {}): Promise<unknown[]> {
    const q = typeof query === 'string' ? { name: 'adhoc', text: query } : query;
    this.recorded.push({ name: q.name, query: q.text, params });
    return super.read(q, params);
  }

  override readTx<T>(work: (run: Run) => Promise<T>, timeoutMs?: number): Promise<T> {
    return super.readTx(
      (run) =>
        work(((query: Query<object, unknown>, params: Params = {}) => {
          this.recorded.push({ name: query.name, query: query.text, params });
          return run(query, params);
        }) as Run),
      timeoutMs,
    );
  }
}

interface PlanNode {
  operatorType: string;
  arguments: { Details?: string; [key: string]: unknown };
  dbHits: unknown;
  rows: unknown;
  children: PlanNode[];
}

const num = (v: unknown): number => (neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : Number(v ?? 0));

/** As Database sends them: whole numbers (and lists of them) as integers. */
function driverParams(params: Params): Params {
  const toInt = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? neo4j.int(v) : v);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.map(toInt) : toInt(v)]));
}

function flatten(p: PlanNode, depth = 0, out: { op: string; details: string; rows: number; dbHits: number; depth: number }[] = []) {
  out.push({
    op: p.operatorType.replace(/@neo4j$/, ''),
    details: String(p.arguments.Details ?? '').replaceAll('\n', ' '),
    rows: num(p.rows),
    dbHits: num(p.dbHits),
    depth,
  });
  for (const c of p.children) flatten(c, depth + 1, out);
  return out;
}

export interface QueryProfile {
  name: string;
  params: string;
  rows: number;
  dbHits: number;
  medianMs: number;
  plan: string[];
  heaviest: string[];
}

export async function profileQuery(db: Database, q: RecordedQuery): Promise<QueryProfile> {
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ });
  try {
    const params = driverParams(q.params);
    const times: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const t0 = performance.now();
      await session.executeRead((tx) => tx.run(q.query, params), { timeout: 60_000 });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const res = await session.executeRead((tx) => tx.run(`PROFILE ${q.query}`, params), { timeout: 60_000 });
    const profile = res.summary.profile as unknown as PlanNode;
    const ops = flatten(profile);
    const fmt = (o: (typeof ops)[number]) => `${o.op} ${o.details.slice(0, 140)} (rows ${o.rows}, db hits ${o.dbHits})`;
    return {
      name: q.name,
      params: JSON.stringify(q.params, (_k, v: unknown) =>
        Array.isArray(v) && v.length > 6 ? [...(v as unknown[]).slice(0, 6), `…${v.length - 6} more`] : v,
      ).slice(0, 300),
      rows: res.records.length,
      dbHits: ops.reduce((s, o) => s + o.dbHits, 0),
      medianMs: times[1]!,
      plan: ops.map((o) => `${'  '.repeat(o.depth)}${fmt(o)}`),
      heaviest: [...ops]
        .sort((a, b) => b.dbHits - a.dbHits)
        .slice(0, 3)
        .filter((o) => o.dbHits > 0)
        .map(fmt),
    };
  } finally {
    await session.close();
  }
}
