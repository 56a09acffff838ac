/**
 * `npm run bench`: a synthetic graph of realistic shape beside the real seed, in a Neo4j instance of
 * its own; the read model's memory and build time, measured on a second instance's model; how soon
 * that instance sees a write made through the first; then every read endpoint under concurrent
 * load. Reports PASS or MISS per target; never fails the build on a missed target.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, portIsFree } from '../src/neo4j/local-server.js';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/observability/logger.js';
import { loadConfig, type Config } from '../src/config.js';
import { connect, type Connection } from '../src/data/connect.js';
import { Database } from '../src/data/database.js';
import { migrate } from '../src/data/migrate.js';
import { readModelOf, type ReadModel } from '../src/domain/read-model/read-model.js';
import { featureRouters } from '../src/http/routes/index.js';
import { loadSeeds } from '../src/domain/seed/load.js';
import { planSeed, readSeeds } from '../src/domain/seed/plan.js';
import { seedFileSchema } from '../src/domain/seed/file.js';
import { endpoints, pickSamples } from './lib/endpoints.js';
import { explainEndpoints } from './lib/explain-run.js';
import { runHttpLoad, stopHttpLoads } from './lib/http-load.js';
import { liveHeap } from './lib/heap.js';
import { captureConsoleError, trackResponses, waitForIdle } from './lib/idle.js';
import { measureReadModel, measureVisibility, openSecondInstance, type ReadModelFigures, type VisibilityFigures } from './lib/instances.js';
import { cpuShare, CpuMeter } from './lib/machine.js';
import { deleteSynthetic, graphCounts, syntheticStatus, writeMarker, writeSynthetic } from './lib/load.js';
import { consoleReport, writeResults, type BenchResults, type EndpointResult } from './lib/report.js';
import {
  DEFAULT_SEED,
  DEFAULT_SIZES,
  fingerprint,
  generateSynthetic,
  syntheticRows,
  vocabularyOf,
  type SyntheticSizes,
} from './lib/synthetic.js';

const USAGE = `Usage: npm run bench [-- options]
  --regenerate        rebuild the synthetic graph even if it is already loaded
  --duration=SEC      measured seconds per endpoint (default 10)
  --warmup=SEC        warm-up seconds per endpoint, not measured (default 2)
  --jvm-warmup=SEC    before any measurement, each selected endpoint under load for SEC seconds so
                      that Neo4j's JIT has compiled its hot paths, as on a server that has been up a
                      while (default 15; 0 skips it)
  --connections=N     concurrent connections (default 10)
  --only=KEY,...      measure only these endpoints (keys: pathways, pathway, pathway-cases, sdg-cases,
                      target-cases, cases-faceted, cases-text, case, case-similar, place, search,
                      neighborhood, path, coverage); /api/pathways is added when a throughput target
                      (pathway-cases, sdg-cases, target-cases, case) is selected
  --writes=N          writes timed until a second instance sees them (default 10; 0 skips it)
  --load-only         build or check the synthetic graph, then stop
  --explain           instead of load: make one request per endpoint (two for varied ones), record
                      every query it runs, PROFILE each, write bench/results/explain.md
  --serve             build or check the synthetic graph, then serve the app on it until Ctrl-C
                      (for curl and \`npx tsx bench/profile.ts\`, which attaches to this server)
Environment: BENCH_BOLT_PORT (default 7688), BENCH_NEO4J_HEAP (1g), BENCH_NEO4J_PAGECACHE (512m);
NEO4J_URI is refused unless BENCH_ALLOW_EXTERNAL=1, since the bench writes 50,000 synthetic cases.`;

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const log = (line: string) => console.log(`[bench] ${line}`);
/** CPU time of this process (the app) as a share of one core. */
const oneCoreShare = (usage: NodeJS.CpuUsage, wallMs: number) => (usage.user + usage.system) / 1000 / wallMs;
const fixed = (n: number | null | undefined, digits = 1) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '-');

export interface Options {
  regenerate: boolean;
  durationSec: number;
  warmupSec: number;
  jvmWarmupSec: number;
  connections: number;
  writes: number;
  only?: string[];
  loadOnly: boolean;
  serve: boolean;
  explain: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    regenerate: false,
    durationSec: 10,
    warmupSec: 2,
    jvmWarmupSec: 15,
    connections: 10,
    writes: 10,
    loadOnly: false,
    serve: false,
    explain: false,
  };
  const positive = (name: string, v: string | undefined, allowZero = false) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0))
      throw new UsageError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`);
    return n;
  };
  for (const arg of argv) {
    const [name, value] = arg.split('=', 2) as [string, string | undefined];
    if (name === '--regenerate') opts.regenerate = true;
    else if (name === '--load-only') opts.loadOnly = true;
    else if (name === '--serve') opts.serve = true;
    else if (name === '--explain') opts.explain = true;
    else if (name === '--duration') opts.durationSec = positive(name, value);
    else if (name === '--warmup') opts.warmupSec = positive(name, value, true);
    else if (name === '--jvm-warmup') opts.jvmWarmupSec = positive(name, value, true);
    else if (name === '--connections') opts.connections = Math.round(positive(name, value));
    else if (name === '--writes') opts.writes = Math.round(positive(name, value, true));
    else if (name === '--only') opts.only = (value ?? '').split(',').filter(Boolean);
    else if (name === '--help' || name === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new UsageError(`unknown argument ${arg}`);
  }
  return opts;
}

class UsageError extends Error {}
/** A reason not to run; printed as one sentence. */
class Refusal extends Error {}

export async function benchConfig(instance = 'bench'): Promise<Config> {
  const base = loadConfig();
  if (base.NEO4J_URI && process.env.BENCH_ALLOW_EXTERNAL !== '1') {
    throw new Refusal(
      `NEO4J_URI is set (${base.NEO4J_URI}); the bench writes 50,000 synthetic cases into the database it uses. Unset NEO4J_URI to let it start its own local instance, or set BENCH_ALLOW_EXTERNAL=1 if that database may be filled.`,
    );
  }
  let port = Number(process.env.BENCH_BOLT_PORT ?? 7688);
  if (!base.NEO4J_URI && !(await portIsFree(port))) {
    const other = await freePort();
    log(`Port ${port} is taken; the bench's Neo4j uses ${other} instead.`);
    port = other;
  }
  return loadConfig({
    // The bench measures the app as served, but without the per-address rate limit its load would trip.
    RATE_LIMIT_API_PER_MINUTE: '0',
    RATE_LIMIT_CYPHER_PER_MINUTE: '0',
    ...process.env,
    // The bench never opens the query console; left on, its default port (7688) would clash with the bench's Neo4j.
    CYPHER_CONSOLE: 'off',
    NEO4J_LOCAL_INSTANCE: instance,
    NEO4J_LOCAL_BOLT_PORT: String(port),
    NEO4J_LOCAL_HEAP: process.env.BENCH_NEO4J_HEAP ?? '1g',
    NEO4J_LOCAL_PAGECACHE: process.env.BENCH_NEO4J_PAGECACHE ?? '512m',
  });
}

/**
 * Refuses to run beside another bench: its Neo4j would be stopped by this one's start-up (which
 * reaps a server left by an ended run). A server whose parent has gone is such a leftover.
 */
export function checkNoOtherBench(config: Config): void {
  if (config.NEO4J_URI) return;
  const home = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', config.NEO4J_LOCAL_DIR, config.NEO4J_LOCAL_INSTANCE);
  const pidFile = path.join(home, 'run', 'pathway-atlas.pid');
  if (!existsSync(pidFile)) return;
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    const parent = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
    if (parent > 1 && parent !== process.pid) {
      throw new Refusal(`Another bench (pid ${parent}) is using the bench Neo4j (pid ${pid}); wait for it or stop it with Ctrl-C first.`);
    }
  } catch (err) {
    if (err instanceof Refusal) throw err;
    // No such process, or no /proc: nothing to protect.
  }
}

/** The graph ready to measure: synthetic and real data loaded, and the app's read model built from it. */
export async function prepareGraph(
  db: Database,
  config: Config,
  opts: Pick<Options, 'regenerate'>,
  sizes: SyntheticSizes,
  seed: number,
): Promise<BenchResults['load']> {
  // Loading gets a longer transaction limit than the app's queries.
  const loader = new Database(db.driver, config.NEO4J_DATABASE, Math.max(config.NEO4J_QUERY_TIMEOUT_MS, 120_000));
  const load = await prepareData(db, loader, opts, sizes, seed);
  const heapBefore = liveHeap();
  const started = performance.now();
  const model = readModelOf(db, { pollMs: config.READ_MODEL_POLL_MS, warn: (m) => log(m) });
  await model.rebuild().catch((err: Error) => {
    // Each page of the build is one query under the app's time limit; on a crowded machine one can exceed it.
    throw new Error(
      `the read model's build failed after ${((performance.now() - started) / 1000).toFixed(0)} s: ${err.message} (NEO4J_QUERY_TIMEOUT_MS is ${config.NEO4J_QUERY_TIMEOUT_MS}; a busy machine may need more, e.g. NEO4J_QUERY_TIMEOUT_MS=120000 npm run bench)`,
    );
  });
  const seconds = (performance.now() - started) / 1000;
  const heapMB = Math.round((liveHeap() - heapBefore) / 1e6);
  const stats = model.stats();
  log(
    `The app's read model: ${stats.cases.toLocaleString('en')} cases, ${stats.nodes.toLocaleString('en')} nodes, ${stats.relationships.toLocaleString('en')} relationships built in ${seconds.toFixed(1)} s (graph read from Neo4j in ${(stats.lastLoadMs / 1000).toFixed(1)} s, indexed in ${(stats.lastIndexMs / 1000).toFixed(1)} s); live heap grew ${heapMB} MB (code loaded on first use included).`,
  );
  return { ...load, readModel: { cases: stats.cases, seconds, heapMB } };
}

/** Loads the real seed, and the synthetic graph unless the same one is already there. */
async function prepareData(
  db: Database,
  loader: Database,
  opts: Pick<Options, 'regenerate'>,
  sizes: SyntheticSizes,
  seed: number,
): Promise<Omit<NonNullable<BenchResults['load']>, 'readModel'>> {
  const realFiles = readSeeds().files;
  const vocab = vocabularyOf(planSeed(realFiles));
  // A small sample through the real planner tells the node shape the loader produces today.
  const sample = generateSynthetic(vocab, { cases: 300, places: 200, organisations: 100, initiatives: 20, sources: 100 }, seed);
  const fp = fingerprint(sizes, seed, syntheticRows(planSeed([...realFiles, { file: 'synthetic-sample', data: sample.data }])));
  const status = await syntheticStatus(db);
  if (!opts.regenerate && status.cases >= sizes.cases && status.fingerprint === fp) {
    const started = performance.now();
    const counts = await loadSeeds(loader);
    log(
      `Synthetic graph present (${status.cases.toLocaleString('en')} syn- cases, fingerprint ${fp}); real seed refreshed in place (${counts.nodes} nodes) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    return {
      nodes: 0,
      relationships: 0,
      nodeSeconds: 0,
      relationshipSeconds: 0,
      seconds: 0,
      rowsPerSecond: 0,
      generateSeconds: 0,
      skipped: `${status.cases.toLocaleString('en')} syn- cases already loaded`,
    };
  }
  const why = opts.regenerate
    ? '--regenerate'
    : status.cases === 0
      ? 'none loaded yet'
      : status.fingerprint !== fp
        ? `it was made by another generator or loader version (${status.fingerprint ?? 'unfinished load'} != ${fp})`
        : `only ${status.cases} syn- cases`;
  log(`Building the synthetic graph (${why}).`);
  let t = performance.now();
  // The synthetic graph goes first, in bounded batches; the seed loader's reset then empties the
  // rest (the real seed) and loads it again.
  // (Also when no syn- case is counted: an interrupted load may have left other synthetic nodes.)
  await deleteSynthetic(loader);
  if (status.cases > 0) log(`Older synthetic graph deleted in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
  t = performance.now();
  await loadSeeds(loader, { reset: true });
  log(`Graph emptied and real seed loaded in ${((performance.now() - t) / 1000).toFixed(1)} s.`);

  t = performance.now();
  const generated = generateSynthetic(vocab, sizes, seed);
  const parsed = seedFileSchema.safeParse(generated.data);
  if (!parsed.success) throw new Error(`the synthetic records fail the seed schema: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  const plan = syntheticRows(planSeed([...realFiles, { file: 'synthetic', data: parsed.data }]));
  const generateSeconds = (performance.now() - t) / 1000;
  log(
    `Generated ${Object.entries(generated.counts)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(
        ', ',
      )} -> ${plan.nodes.length.toLocaleString('en')} nodes, ${plan.relationships.length.toLocaleString('en')} relationships in ${generateSeconds.toFixed(1)} s (validated by the seed schema, planned by planSeed).`,
  );
  log(`Loading in batches of 5,000 rows, one write transaction each...`);
  const report = await writeSynthetic(loader, plan, log);
  await db.autoCommit('CALL db.awaitIndexes(300)');
  await writeMarker(db, fp, generated.counts.cases ?? 0);
  log(
    `Loaded ${report.nodes.toLocaleString('en')} nodes and ${report.relationships.toLocaleString('en')} relationships in ${report.seconds.toFixed(1)} s: ${Math.round(report.rowsPerSecond).toLocaleString('en')} rows/s (nodes ${report.nodeSeconds.toFixed(1)} s, relationships ${report.relationshipSeconds.toFixed(1)} s).`,
  );
  return { ...report, generateSeconds };
}

async function probe(baseUrl: string, p: string): Promise<EndpointResult['probe']> {
  try {
    const res = await fetch(baseUrl + p, { signal: AbortSignal.timeout(30_000) });
    const body = await res.text();
    return res.ok ? undefined : { path: p, status: res.status, body: body.slice(0, 300) };
  } catch (err) {
    return { path: p, status: 0, body: (err as Error).message };
  }
}

let stopping = false;
let connection: Connection | undefined;
let server: Server | undefined;
let shutdown: Promise<void> | undefined;

function stopAll(): Promise<void> {
  shutdown ??= (async () => {
    stopHttpLoads();
    if (server) {
      const s = server;
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
    if (connection) {
      log('Stopping the bench Neo4j...');
      await connection.close();
    }
  })();
  return shutdown;
}

// Imported (by the load test) for its graph preparation, it runs nothing by itself.
const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));

for (const signal of isMain ? (['SIGINT', 'SIGTERM'] as const) : []) {
  process.once(signal, () => {
    stopping = true;
    console.log(`\n[bench] ${signal}: stopping the load, the app and the bench Neo4j...`);
    stopAll().then(
      () => process.exit(130),
      (err) => {
        console.error(`[bench] error while stopping: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const config = await benchConfig();
  const sizes = DEFAULT_SIZES;
  const seed = DEFAULT_SEED;

  checkNoOtherBench(config);
  connection = await connect(config, log, 'bench');
  const { db } = connection;
  if (stopping) return;
  await migrate(db);
  const load = await prepareGraph(db, config, opts, sizes, seed);
  if (opts.loadOnly || stopping) return;

  const [graph, neo4j] = await Promise.all([graphCounts(db), db.serverInfo()]);
  const samples = await pickSamples(db, seed);
  const all = endpoints(samples);
  const unknown = (opts.only ?? []).filter((k) => !all.some((e) => e.key === k));
  if (unknown.length) throw new UsageError(`unknown endpoint key ${unknown.join(', ')}`);
  const wanted = new Set(opts.only ?? all.map((e) => e.key));
  if (all.some((e) => e.throughput && wanted.has(e.key))) for (const e of all) if (e.baseline) wanted.add(e.key);
  const selected = all.filter((e) => wanted.has(e.key));

  if (opts.explain) {
    const file = await explainEndpoints(db, config, selected, resultsDir, log);
    log(`Plans written to ${path.relative(process.cwd(), file)}.`);
    return;
  }

  const { readModel, visibility } = await secondInstance(db, config, opts, seed, load?.readModel?.seconds ?? Number.NaN).catch(
    (err: Error) => {
      log(`The second instance's measurements failed: ${err.message}`);
      return { readModel: undefined, visibility: undefined };
    },
  );
  if (stopping) return;

  // Request logs stay on, as in production, but go to a file rather than the bench's report.
  const logFile = path.join(resultsDir, 'app-requests.log');
  const app = createApp({ config, db, routers: featureRouters(db, config), logger: createLogger(config, logFile) });
  server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const openResponses = trackResponses(server);
  if (opts.serve) {
    log(`Serving the app on the bench graph at ${baseUrl} (Neo4j on ${connection.local?.uri ?? 'external'}); Ctrl-C stops it.`);
    log(`Sample ids: case ${samples.caseIds[0]}, place ${samples.placeIds[0]}.`);
    await new Promise<never>(() => {});
  }
  log(
    `App listening on ${baseUrl}; ${selected.length} endpoints, ${opts.connections} connections, ${opts.warmupSec} s warm-up + ${opts.durationSec} s each.`,
  );

  const ownPids = [process.pid, ...(connection.local ? [connection.local.pid] : [])];
  // A freshly started JVM compiles for a while; let it settle so the first endpoint is not measured against that.
  let bgBefore = await cpuShare(3_000, ownPids);
  for (let i = 0; i < 10 && bgBefore && bgBefore.own > 0.05; i += 1) bgBefore = await cpuShare(3_000, ownPids);
  if (bgBefore) {
    log(
      `Idle check: other processes kept ${(bgBefore.others * 100).toFixed(0)}% of the CPU busy, the bench's own ${(bgBefore.own * 100).toFixed(0)}%` +
        `${bgBefore.others > 0.15 ? ': figures will be pessimistic; rerun on a quiet machine for comparable numbers' : ''}.`,
    );
  }
  const results: EndpointResult[] = [];
  if (opts.jvmWarmupSec > 0) {
    // A JVM just started runs Cypher interpreted until its JIT has compiled the hot paths.
    log(`JVM warm-up: each endpoint under load for ${opts.jvmWarmupSec} s, not measured...`);
    for (const e of selected) {
      if (stopping) return;
      await runHttpLoad({
        baseUrl,
        paths: e.paths,
        connections: opts.connections,
        durationSec: opts.jvmWarmupSec,
        warmupSec: 0,
        timeoutSec: 30,
      }).catch(() => undefined);
      await waitForIdle(db, openResponses, 60_000, log);
    }
  }
  for (const e of selected) {
    if (stopping) return;
    const r: EndpointResult = {
      key: e.key,
      route: e.route,
      varies: e.varies,
      target: e.target,
      throughput: e.throughput,
      baseline: e.baseline,
    };
    const appLog = captureConsoleError();
    try {
      r.probe = await probe(baseUrl, e.paths[0]!);
      const meter = new CpuMeter(ownPids);
      const app = process.cpuUsage();
      const t0 = performance.now();
      r.http = await runHttpLoad({
        baseUrl,
        paths: e.paths,
        connections: opts.connections,
        durationSec: opts.durationSec,
        warmupSec: opts.warmupSec,
        timeoutSec: 30,
      });
      const share = meter.stop(r.http.generatorCpuSec);
      r.cpuBusy = share?.all;
      r.otherCpu = share?.others;
      r.appCpu = oneCoreShare(process.cpuUsage(app), performance.now() - t0);
    } catch (err) {
      if (stopping) return;
      r.error = (err as Error).message;
    } finally {
      await waitForIdle(db, openResponses, 60_000, log);
      appLog.restore();
    }
    if (appLog.count()) r.appErrors = appLog.samples().slice(0, 5);
    results.push(r);
    const h = r.http;
    log(
      `${e.route.padEnd(48)} ${h ? `${fixed(h.requestsPerSec, 0).padStart(6)} req/s  p50 ${fixed(h.latency.p50)}  p95 ${fixed(h.latency.p95)}  p99 ${fixed(h.latency.p99)} ms  non-2xx ${h.non2xx}  errors ${h.errors}${h.responses === 0 ? `  (no response within ${fixed(h.durationSec, 0)} s)` : ''}` : r.error}${r.probe ? `  [probe: ${r.probe.status}]` : ''}${appLog.count() ? `  [app logged ${appLog.count()} errors]` : ''}${(r.otherCpu ?? 0) > 0.1 ? `  [other processes used ${fixed((r.otherCpu ?? 0) * 100, 0)}% of the CPU: disturbed]` : ''}`,
    );
  }

  const appModel = readModelOf(db).stats();
  if (appModel.builds > 1)
    log(
      `The app's read model was built ${appModel.builds} times in this run (the last took ${(appModel.lastBuildMs / 1000).toFixed(1)} s): a rebuild during the load stalls the app.`,
    );
  const bgAfter = await cpuShare(3_000, ownPids);
  const cpus = os.cpus();
  const bench: BenchResults = {
    startedAt,
    finishedAt: new Date().toISOString(),
    settings: {
      connections: opts.connections,
      durationSec: opts.durationSec,
      warmupSec: opts.warmupSec,
      jvmWarmupSec: opts.jvmWarmupSec,
      seed,
      sizes: { ...sizes },
    },
    machine: {
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryGiB: os.totalmem() / 2 ** 30,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      neo4j: `${neo4j.version} ${neo4j.edition}${connection.local ? ' (local, started by the bench)' : ' (external)'}`,
      neo4jHeap: config.NEO4J_URI ? 'external' : config.NEO4J_LOCAL_HEAP,
      neo4jPageCache: config.NEO4J_URI ? 'external' : config.NEO4J_LOCAL_PAGECACHE,
      otherCpuBefore: bgBefore?.others,
      otherCpuAfter: bgAfter?.others,
    },
    graph,
    load,
    endpoints: results,
    readModel,
    visibility,
  };
  console.log(consoleReport(bench));
  const files = writeResults(resultsDir, bench);
  log(`Results written to ${path.relative(process.cwd(), files.json)} and ${path.relative(process.cwd(), files.md)}.`);
}

/**
 * A second app instance on the same Neo4j (a driver, Database and read model of its own, polling
 * the change feed every READ_MODEL_POLL_MS): its model's live heap and build time, then how soon it
 * sees writes made through the first instance. It is closed before the endpoints are loaded.
 */
async function secondInstance(
  db: Database,
  config: Config,
  opts: Options,
  seed: number,
  startBuildSeconds: number,
): Promise<{ readModel?: ReadModelFigures; visibility?: VisibilityFigures }> {
  if (!connection) return {};
  const second = await openSecondInstance(connection, config);
  let model: ReadModel | undefined;
  try {
    log('A second instance on the same Neo4j: building its read model, live heap measured before and after...');
    const measured = await measureReadModel(second.db, config.READ_MODEL_POLL_MS, startBuildSeconds, (m) => log(`[second] ${m}`));
    const figures = measured.figures;
    const secondModel = measured.model;
    model = secondModel;
    log(
      `Read model of ${figures.cases.toLocaleString('en')} cases: ${figures.heapMB.toFixed(0)} MB of live heap (${figures.heapBeforeMB.toFixed(0)} → ${figures.heapAfterMB.toFixed(0)} MB), built in ${figures.buildSeconds.toFixed(1)} s.`,
    );
    if (opts.writes === 0 || stopping) return { readModel: figures };
    secondModel.start();
    const [source] = await db.read(
      `MATCH (s:Source:Entity) RETURN s.id AS id ORDER BY CASE WHEN s.id STARTS WITH 'syn-' THEN 1 ELSE 0 END, s.id LIMIT 1`,
    );
    if (!source) throw new Error('no source to cite in the timed writes');
    log(
      `${opts.writes} cases written through this instance (createNode), each soft deleted after; timing until the second, polling every ${config.READ_MODEL_POLL_MS} ms, sees them...`,
    );
    const visibility = await measureVisibility(db, secondModel, config.READ_MODEL_POLL_MS, {
      repeats: opts.writes,
      seed,
      sourceId: String(source.id),
      stop: () => stopping,
      log,
    });
    const c = visibility.create;
    log(
      `Seen by the second instance after min ${c.min.toFixed(0)}, median ${c.median.toFixed(0)}, max ${c.max.toFixed(0)} ms from the write's answer (median ${visibility.createFromCall.median.toFixed(0)} ms from its call; deletes: median ${visibility.remove.median.toFixed(0)} ms)${visibility.errors.length ? `; ${visibility.errors.length} failed: ${visibility.errors[0]}` : ''}.`,
    );
    return { readModel: figures, visibility };
  } finally {
    model?.stop();
    await second.close();
  }
}

if (isMain)
  try {
    await main();
  } catch (err) {
    if (!stopping) {
      if (err instanceof UsageError) console.error(`[bench] ${err.message}\n${USAGE}`);
      else if (err instanceof Refusal) console.error(`[bench] ${err.message}`);
      else console.error(`[bench] failed: ${(err as Error).stack ?? String(err)}`);
      process.exitCode = 1;
    }
  } finally {
    if (!stopping) await stopAll();
  }
