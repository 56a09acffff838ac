/**
 * `npx tsx bench/profile.ts NAME [PARAMS_JSON]`: runs PROFILE on a named query from graph/queries
 * (or on a Cypher file or text) against the bench's Neo4j, which must hold the synthetic graph
 * (`npm run bench -- --load-only` builds it), and prints the plan with rows, db hits and time.
 *
 *   npx tsx bench/profile.ts pathways/ordered-case-ids '{"number":12}'
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config.js';
import { connect, driverFor, type Connection } from '../src/data/connect.js';
import { Database } from '../src/data/database.js';
import { defineQuery } from '../src/data/queries.js';

interface PlanNode {
  operatorType: string;
  arguments: { Details?: string; runtime?: string; planner?: string; [key: string]: unknown };
  identifiers: string[];
  dbHits: number;
  rows: number;
  pageCacheHits?: number;
  pageCacheMisses?: number;
  time?: number;
  children: PlanNode[];
}

const num = (v: unknown): number => (neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : Number(v ?? 0));

function lines(p: PlanNode, depth = 0, out: string[] = []): string[] {
  const details = p.arguments.Details ? ` ${String(p.arguments.Details).replaceAll('\n', ' ').slice(0, 160)}` : '';
  out.push(
    `${'  '.repeat(depth)}${p.operatorType.replace(/@neo4j$/, '')}${details}  rows=${num(p.rows)} dbHits=${num(p.dbHits)}${p.time !== undefined ? ` time=${(num(p.time) / 1e6).toFixed(1)}ms` : ''}`,
  );
  for (const c of p.children) lines(c, depth + 1, out);
  return out;
}

function totalHits(p: PlanNode): number {
  return num(p.dbHits) + p.children.reduce((s, c) => s + totalHits(c), 0);
}

const [name, paramsJson] = process.argv.slice(2);
if (!name) {
  console.error('Usage: npx tsx bench/profile.ts QUERY_NAME|FILE|"CYPHER" [PARAMS_JSON]');
  process.exit(2);
}
const text = /\s/.test(name) ? name : existsSync(name) ? readFileSync(name, 'utf8') : defineQuery(name).text;
const params = paramsJson ? (JSON.parse(paramsJson) as Record<string, unknown>) : {};
for (const [k, v] of Object.entries(params)) if (Number.isInteger(v)) params[k] = neo4j.int(v as number);

const config = loadConfig({
  ...process.env,
  NEO4J_LOCAL_INSTANCE: 'bench',
  NEO4J_LOCAL_BOLT_PORT: process.env.BENCH_BOLT_PORT ?? '7688',
  NEO4J_LOCAL_HEAP: process.env.BENCH_NEO4J_HEAP ?? '1g',
  NEO4J_LOCAL_PAGECACHE: process.env.BENCH_NEO4J_PAGECACHE ?? '512m',
});
if (config.NEO4J_URI && process.env.BENCH_ALLOW_EXTERNAL !== '1') {
  console.error('NEO4J_URI is set: unset it (or set BENCH_ALLOW_EXTERNAL=1) to profile against it.');
  process.exit(2);
}
/** The bench's server when it is already running (a bench in progress): attach to it rather than start, or stop, it. */
function attachToRunning(): Connection | undefined {
  const home = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', config.NEO4J_LOCAL_DIR, 'bench');
  const pidFile = path.join(home, 'run', 'pathway-atlas.pid');
  if (config.NEO4J_URI || !existsSync(pidFile)) return undefined;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 0);
  } catch {
    return undefined;
  }
  const conf = readFileSync(path.join(home, 'conf', 'neo4j.conf'), 'utf8');
  const port = /server\.bolt\.listen_address=127\.0\.0\.1:(\d+)/.exec(conf)?.[1];
  const password = readFileSync(path.join(home, 'password'), 'utf8').trim();
  const db = new Database(driverFor(`bolt://127.0.0.1:${port}`, 'neo4j', password), config.NEO4J_DATABASE, config.NEO4J_QUERY_TIMEOUT_MS);
  console.error(`[neo4j] attached to the running bench server on port ${port}`);
  return { db, close: () => db.close() };
}

const conn = attachToRunning() ?? (await connect(config, (l) => console.error(`[neo4j] ${l}`), 'bench'));
try {
  const session = conn.db.driver.session({ database: config.NEO4J_DATABASE, defaultAccessMode: neo4j.session.READ });
  try {
    // Warm the plan cache and the page cache first, then time a few plain runs, then profile.
    await session.executeRead((tx) => tx.run(text, params));
    const plain: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t0 = performance.now();
      await session.executeRead((tx) => tx.run(text, params));
      plain.push(performance.now() - t0);
    }
    plain.sort((a, b) => a - b);
    const started = performance.now();
    const res = await session.executeRead((tx) => tx.run(`PROFILE ${text}`, params));
    const elapsed = performance.now() - started;
    const profile = res.summary.profile as unknown as PlanNode | false;
    if (!profile) throw new Error('no profile returned');
    console.log(lines(profile).join('\n'));
    console.log(
      `\nrows returned: ${res.records.length}; total db hits: ${totalHits(profile)}; wall time: median of 5 plain runs ${plain[2]!.toFixed(1)} ms (min ${plain[0]!.toFixed(1)}), profiled run ${elapsed.toFixed(1)} ms`,
    );
    console.log(`runtime: ${String(profile.arguments.runtime ?? '?')}, planner: ${String(profile.arguments.planner ?? '?')}`);
  } finally {
    await session.close();
  }
} finally {
  await conn.close();
}
