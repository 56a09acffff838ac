/**
 * `npm run loadtest`: a realistic mix of reads and curator writes against the app over the benchmark
 * graph, at a rising fixed rate until the app stops keeping up without errors, then held at the
 * highest clean rate for the sustain period. Every acknowledged write is read back afterwards;
 * the app's memory is sampled throughout. Reports; never fails the build on a figure.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Config } from '../src/config.js';
import type { Connection } from '../src/data/connect.js';
import type { Database } from '../src/data/database.js';
import type { Samples } from './lib/endpoints.js';
import { Rng, WeightedPicker } from './lib/prng.js';
import { summarise, type LatencySummary } from './lib/stats.js';
import { DEFAULT_SEED, DEFAULT_SIZES, type SyntheticSizes } from './lib/synthetic.js';

const USAGE = `Usage: npm run loadtest [-- options]
  --duration=SEC      how long the highest clean rate is held (default 60)
  --warmup=SEC        the mix at the start rate first, not measured (default 15)
  --step=SEC          length of each step of the rising rate (default 10)
  --start-rate=N      first rate, requests/s (default 20); each step multiplies it by --growth (1.5)
  --rate=N            no steps: hold this rate for --duration and report
  --connections=N     most connections in use at once (default 64; fewer at low rates)
  --cases=N           synthetic cases (default 50000, the bench's graph in .neo4j/bench); another
                      number builds a graph of that size in its own instance, .neo4j/loadtest
  --regenerate        rebuild the synthetic graph
Mix: full-text search 20%, cases of a pathway (paged) 25%, case pages 38%, neighbourhoods of cases
12%, curator writes (new cases through the API with a token) 5%.`;

const WORKER_FLAG = '--loadtest-worker';
const log = (line: string) => console.log(`[loadtest] ${line}`);
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

type Kind = 'search' | 'pathway-cases' | 'case' | 'neighbourhood' | 'write';
const MIX: [Kind, number][] = [
  ['search', 20],
  ['pathway-cases', 25],
  ['case', 38],
  ['neighbourhood', 12],
  ['write', 5],
];
const ROUTES: Record<Kind, string> = {
  search: 'GET /api/search?q=…',
  'pathway-cases': 'GET /api/pathways/:n/cases?limit=20&offset=…',
  case: 'GET /api/cases/:id',
  neighbourhood: 'GET /api/graph/neighborhood?node=<case>&depth=1',
  write: 'POST /api/nodes (a new case)',
};

interface Op {
  kind: Kind;
  path: string;
}

interface Job {
  baseUrl: string;
  rate: number;
  connections: number;
  durationSec: number;
  ops: Op[];
  token: string;
  source: string;
  idPrefix: string;
  timeoutSec: number;
}

interface StepResult {
  rate: number;
  connections: number;
  durationSec: number;
  /**
   * Responses per second in the steady middle of the step (from 20% to 90% of it): each connection's
   * first request goes at once, and the last ones are still in flight when the step ends.
   */
  achievedRate: number;
  responses: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  latency: LatencySummary;
  byKind: Record<string, { count: number; non2xx: number; latency: LatencySummary }>;
  acked: string[];
  writeFailures: number;
}

/** No error of any kind, and the app answered at (95% of) the rate it was sent. */
const clean = (r: StepResult) => r.errors === 0 && r.timeouts === 0 && r.non2xx === 0 && r.achievedRate >= 0.95 * r.rate;

// ---- the load generator: a child process, so that it does not share the app's event loop ----

function runJob(job: Job): Promise<StepResult> {
  let next = 0;
  let writes = 0;
  const latencies: number[] = [];
  const byKind = new Map<Kind, { latencies: number[]; count: number; non2xx: number }>();
  const statusCodes: Record<string, number> = {};
  const acked: string[] = [];
  let writeFailures = 0;
  let reqErrors = 0;
  let responses = 0;
  const answeredAt: number[] = [];
  type Context = { kind?: Kind; start?: number; id?: string };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    autocannon(
      {
        url: job.baseUrl,
        connections: job.connections,
        overallRate: job.rate,
        duration: job.durationSec,
        timeout: job.timeoutSec,
        requests: [
          {
            setupRequest: (req, context: Context) => {
              const op = job.ops[next++ % job.ops.length]!;
              context.kind = op.kind;
              context.start = performance.now();
              if (op.kind !== 'write') return { ...req, method: 'GET', path: op.path, headers: {}, body: undefined };
              const id = `${job.idPrefix}-${writes++}`;
              context.id = id;
              const body = {
                kind: 'case',
                id,
                name: `Load test case ${id}`,
                summary: 'Written during a load test.',
                year: 2024,
                sources: [job.source],
              };
              return {
                ...req,
                method: 'POST',
                path: '/api/nodes',
                headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
                body: JSON.stringify(body),
              };
            },
            onResponse: (status: number, _body: string, context: Context) => {
              const now = performance.now();
              const ms = now - (context.start ?? now);
              responses += 1;
              answeredAt.push((now - started) / 1000);
              statusCodes[status] = (statusCodes[status] ?? 0) + 1;
              const k = byKind.get(context.kind!) ?? { latencies: [], count: 0, non2xx: 0 };
              byKind.set(context.kind!, k);
              k.count += 1;
              if (status >= 200 && status < 300) {
                latencies.push(ms);
                k.latencies.push(ms);
              } else k.non2xx += 1;
              if (context.kind === 'write') {
                if (status === 201) acked.push(context.id!);
                else writeFailures += 1;
              }
            },
          },
        ],
      },
      (err, res) => {
        if (err) return reject(err as Error);
        const from = 0.2 * job.durationSec;
        const to = 0.9 * job.durationSec;
        const steady = answeredAt.filter((t) => t >= from && t < to).length;
        resolve({
          rate: job.rate,
          connections: job.connections,
          durationSec: job.durationSec,
          achievedRate: steady / (to - from),
          responses,
          errors: Math.max(res.errors - res.timeouts, reqErrors - res.timeouts, 0),
          timeouts: res.timeouts,
          non2xx: res.non2xx,
          statusCodes,
          latency: summarise(latencies),
          byKind: Object.fromEntries(
            [...byKind].map(([kind, k]) => [kind, { count: k.count, non2xx: k.non2xx, latency: summarise(k.latencies) }]),
          ),
          acked,
          writeFailures,
        });
      },
    ).on('reqError', () => {
      reqErrors += 1;
    });
  });
}

async function answer(job: Job): Promise<void> {
  try {
    const result = await runJob(job);
    process.send!({ ok: true, result }, () => process.exit(0));
  } catch (err) {
    process.send!({ ok: false, error: (err as Error).message }, () => process.exit(1));
  }
}

function worker(): void {
  process.once('message', (job: Job) => void answer(job));
  process.once('disconnect', () => process.exit(0));
  process.send!({ ready: true });
}

const workers = new Set<ChildProcess>();

function runStep(job: Job): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    // The child inherits execArgv, which under tsx holds its TypeScript loader.
    const child = fork(fileURLToPath(import.meta.url), [WORKER_FLAG], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    workers.add(child);
    let result: StepResult | undefined;
    child.on('message', (msg) => {
      const m = msg as { ready: true } | { ok: true; result: StepResult } | { ok: false; error: string };
      if ('ready' in m) child.send(job);
      else if (m.ok) result = m.result;
      else reject(new Error(`load generator failed: ${m.error}`));
    });
    child.once('exit', (code, signal) => {
      workers.delete(child);
      if (result) resolve(result);
      else reject(new Error(`load generator exited (${signal ?? code}) without a result`));
    });
  });
}

// ---- the orchestration: graph, app, steps, checks, report ----

interface Options {
  durationSec: number;
  warmupSec: number;
  stepSec: number;
  startRate: number;
  growth: number;
  fixedRate?: number;
  connections: number;
  cases: number;
  regenerate: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    durationSec: 60,
    warmupSec: 15,
    stepSec: 10,
    startRate: 20,
    growth: 1.5,
    connections: 64,
    cases: DEFAULT_SIZES.cases,
    regenerate: false,
  };
  const positive = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number`);
    return n;
  };
  for (const arg of argv) {
    const [name, value] = arg.split('=', 2) as [string, string | undefined];
    if (name === '--duration') opts.durationSec = positive(name, value);
    else if (name === '--step') opts.stepSec = positive(name, value);
    else if (name === '--warmup') opts.warmupSec = positive(name, value);
    else if (name === '--start-rate') opts.startRate = Math.round(positive(name, value));
    else if (name === '--growth') opts.growth = Math.max(1.05, positive(name, value));
    else if (name === '--rate') opts.fixedRate = Math.round(positive(name, value));
    else if (name === '--connections') opts.connections = Math.round(positive(name, value));
    else if (name === '--cases') opts.cases = Math.round(positive(name, value));
    else if (name === '--regenerate') opts.regenerate = true;
    else if (name === '--help' || name === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new UsageError(`unknown argument ${arg}`);
  }
  return opts;
}

/** The bench's graph shape scaled to a number of cases. */
function sizesFor(cases: number): SyntheticSizes {
  const f = cases / DEFAULT_SIZES.cases;
  return {
    cases,
    places: Math.max(50, Math.round(DEFAULT_SIZES.places * f)),
    organisations: Math.max(20, Math.round(DEFAULT_SIZES.organisations * f)),
    initiatives: Math.max(10, Math.round(DEFAULT_SIZES.initiatives * f)),
    sources: Math.max(50, Math.round(DEFAULT_SIZES.sources * f)),
  };
}

/** A fixed, shuffled sequence of requests in the mix's proportions, with varied ids, pages and terms. */
function operations(s: Samples, seed: number, count = 4_000): Op[] {
  const rng = new Rng(seed ^ 0x10ad);
  const kinds = new WeightedPicker(
    MIX.map(([k]) => k),
    MIX.map(([, w]) => w),
  );
  const pathways = new WeightedPicker([12, 9, 10, 11, 1, 5, 14], [5, 3, 3, 1, 1, 1, 1]);
  const enc = encodeURIComponent;
  return Array.from({ length: count }, (): Op => {
    const kind = kinds.pick(rng);
    switch (kind) {
      case 'search':
        return { kind, path: `/api/search?q=${enc(s.searchTerms[rng.int(0, s.searchTerms.length - 1)]!)}` };
      case 'pathway-cases':
        return {
          kind,
          path: `/api/pathways/${pathways.pick(rng)}/cases?limit=20&offset=${s.offsets.pathway[rng.int(0, s.offsets.pathway.length - 1)]}`,
        };
      case 'case':
        return { kind, path: `/api/cases/${enc(s.caseIds[rng.int(0, s.caseIds.length - 1)]!)}` };
      case 'neighbourhood':
        return { kind, path: `/api/graph/neighborhood?node=${enc(s.caseIds[rng.int(0, s.caseIds.length - 1)]!)}&depth=1` };
      case 'write':
        return { kind, path: '/api/nodes' };
    }
  });
}

interface MemorySample {
  atSec: number;
  phase: string;
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
}

class MemorySampler {
  readonly samples: MemorySample[] = [];
  phase = 'idle';
  private readonly started = performance.now();
  private timer?: NodeJS.Timeout;

  sample(): MemorySample {
    const m = process.memoryUsage();
    const s = {
      atSec: (performance.now() - this.started) / 1000,
      phase: this.phase,
      rssMiB: m.rss / 2 ** 20,
      heapUsedMiB: m.heapUsed / 2 ** 20,
      heapTotalMiB: m.heapTotal / 2 ** 20,
    };
    this.samples.push(s);
    return s;
  }

  start(everyMs = 1_000): void {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');

function stepLine(label: string, r: StepResult): string {
  return `${label.padEnd(10)} target ${f0(r.rate).padStart(5)}/s  answered ${f1(r.achievedRate).padStart(7)}/s  p50 ${f1(r.latency.p50)}  p95 ${f1(r.latency.p95)}  p99 ${f1(r.latency.p99)} ms  non-2xx ${r.non2xx}  errors ${r.errors}  timeouts ${r.timeouts}  ${clean(r) ? 'clean' : 'NOT SUSTAINED'}`;
}

let connection: Connection | undefined;
let server: Server | undefined;
let stopping = false;

async function stopAll(): Promise<void> {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGTERM');
  if (server) {
    const s = server;
    server = undefined;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
  const c = connection;
  connection = undefined;
  await c?.close();
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  // Loaded here, not at the top, so that the load generator's process starts light.
  const { createApp } = await import('../src/app.js');
  const { connect } = await import('../src/data/connect.js');
  const { migrate } = await import('../src/data/migrate.js');
  const { createAccount, removeAccount } = await import('../src/domain/accounts/accounts.js');
  const { createToken } = await import('../src/domain/accounts/tokens.js');
  const { featureRouters } = await import('../src/http/routes/index.js');
  const { createLogger } = await import('../src/observability/logger.js');
  const { pickSamples } = await import('./lib/endpoints.js');
  const { trackResponses, waitForIdle } = await import('./lib/idle.js');
  const { benchConfig, checkNoOtherBench, prepareGraph } = await import('./run.js');
  const startedAt = new Date().toISOString();
  const own = opts.cases !== DEFAULT_SIZES.cases;
  // The bench's configuration turns the per-address rate limit off, which this load would trip.
  if (own) process.env.BENCH_NEO4J_HEAP ??= '512m';
  const config: Config = await benchConfig(own ? 'loadtest' : 'bench');
  checkNoOtherBench(config);
  connection = await connect(config, log, config.NEO4J_LOCAL_INSTANCE);
  const { db } = connection;
  await migrate(db);
  const sizes = sizesFor(opts.cases);
  await prepareGraph(db, config, { regenerate: opts.regenerate }, sizes, DEFAULT_SEED);
  if (stopping) return;

  // Cases and accounts an interrupted earlier run left behind.
  await cleanUp(db, 'case-lt-', 'loadtest-');
  await db.write(
    "MATCH (a:Account) WHERE a.name STARTS WITH 'loadtest-' OPTIONAL MATCH (t:ApiToken)-[:OF_ACCOUNT]->(a) DETACH DELETE a, t",
  );
  const run = randomUUID().slice(0, 8);
  const accountName = `loadtest-${run}`;
  const account = await createAccount(db, { name: accountName, role: 'curator', password: `load test passphrase ${randomUUID()}` });
  const { token } = await createToken(db, account.id, { name: 'load test', expiresDays: 1 });
  const [sourceRow] = await db.read('MATCH (s:Source) RETURN s.id AS id ORDER BY s.id LIMIT 1');
  const samples = await pickSamples(db, DEFAULT_SEED);
  const ops = operations(samples, DEFAULT_SEED);

  // Request logs stay on, as in production, but go to a file rather than the console.
  const logFile = path.join(resultsDir, 'loadtest-requests.log');
  const app = createApp({ config, db, routers: featureRouters(db, config), logger: createLogger(config, logFile) });
  server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const openResponses = trackResponses(server);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const [counts] = await db.read('MATCH (c:Case) WITH count(c) AS cases MATCH (n) RETURN cases, count(n) AS nodes');
  log(
    `App on ${baseUrl}; graph of ${Number(counts?.nodes).toLocaleString('en')} nodes (${Number(counts?.cases).toLocaleString('en')} cases); curator ${accountName}.`,
  );

  const memory = new MemorySampler();
  const atStart = memory.sample();
  memory.start();
  const acked: string[] = [];
  const steps: StepResult[] = [];
  const job = (rate: number, durationSec: number, phase: string): Job => ({
    baseUrl,
    rate,
    connections: Math.max(1, Math.min(opts.connections, rate)),
    durationSec,
    ops,
    token,
    source: String(sourceRow?.id),
    idPrefix: `case-lt-${run}-${phase}`,
    timeoutSec: 10,
  });
  const step = async (rate: number, durationSec: number, phase: string) => {
    memory.phase = phase;
    const r = await runStep(job(rate, durationSec, phase));
    acked.push(...r.acked);
    memory.phase = 'idle';
    await waitForIdle(db, openResponses, 60_000, log);
    return r;
  };

  // A cold JVM and empty caches answer the first requests slowly; that is not the rate under test.
  log(`Warming up for ${opts.warmupSec} s at ${opts.fixedRate ?? opts.startRate}/s...`);
  const warm = await step(opts.fixedRate ?? opts.startRate, opts.warmupSec, 'warmup');
  log(stepLine('warm-up', warm));
  const atWarm = memory.sample();

  let best: number | undefined;
  if (opts.fixedRate) best = opts.fixedRate;
  else {
    log(
      `Rising rate from ${opts.startRate}/s, x${opts.growth} every ${opts.stepSec} s, until a step has errors or falls short of its rate.`,
    );
    for (let rate = opts.startRate, i = 1; !stopping; rate = Math.round(rate * opts.growth), i += 1) {
      const r = await step(rate, opts.stepSec, `step${i}`);
      steps.push(r);
      log(stepLine(`step ${i}`, r));
      if (!clean(r)) break;
      best = rate;
    }
  }
  let sustained: StepResult | undefined;
  const holds: StepResult[] = [];
  // The highest clean step rate, held for the whole duration; a little lower if the hold is not clean.
  for (let rate = best, tries = 0; rate !== undefined && rate >= 1 && tries < 3 && !stopping; rate = Math.floor(rate * 0.8), tries += 1) {
    log(`Holding ${rate}/s for ${opts.durationSec} s...`);
    const r = await step(rate, opts.durationSec, `hold${tries + 1}`);
    holds.push(r);
    log(stepLine('hold', r));
    if (clean(r)) {
      sustained = r;
      break;
    }
  }
  memory.stop();
  const atEnd = memory.sample();
  if (stopping) return;

  // Every acknowledged write must be in the graph, once, with one history record.
  const found = new Map<string, number>();
  for (let i = 0; i < acked.length; i += 1_000) {
    for (const row of await db.read('MATCH (c:Case) WHERE c.id IN $ids RETURN c.id AS id, COUNT { (:Change)-[:CHANGED]->(c) } AS changes', {
      ids: acked.slice(i, i + 1_000),
    })) {
      found.set(String(row.id), Number(row.changes));
    }
  }
  const lost = acked.filter((id) => !found.has(id));
  const doubled = [...found.values()].filter((n) => n !== 1).length;
  log(
    `Writes acknowledged: ${acked.length}; read back: ${found.size}; lost: ${lost.length}; with other than one history record: ${doubled}.`,
  );
  await cleanUp(db, `case-lt-${run}-`, accountName);
  await removeAccount(db, account.id);

  const peak = memory.samples.reduce((m, s) => (s.rssMiB > m.rssMiB ? s : m), atStart);
  const peakHeap = memory.samples.reduce((m, s) => (s.heapUsedMiB > m.heapUsedMiB ? s : m), atStart);
  const neo4j = await db.serverInfo();
  const results = {
    startedAt,
    finishedAt: new Date().toISOString(),
    settings: { ...opts, mix: Object.fromEntries(MIX), sizes },
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: os.totalmem() / 2 ** 30,
      node: process.version,
      neo4j: `${neo4j.version} ${neo4j.edition}`,
      neo4jHeap: config.NEO4J_LOCAL_HEAP,
    },
    graph: { nodes: Number(counts?.nodes), cases: Number(counts?.cases) },
    sustained: sustained
      ? {
          rate: sustained.rate,
          achievedRate: sustained.achievedRate,
          durationSec: sustained.durationSec,
          latency: sustained.latency,
          byKind: sustained.byKind,
        }
      : null,
    writes: {
      acknowledged: acked.length,
      readBack: found.size,
      lost: lost.length,
      lostIds: lost.slice(0, 20),
      notExactlyOneHistoryRecord: doubled,
    },
    memory: { start: atStart, afterWarmup: atWarm, end: atEnd, peakRss: peak, peakHeapUsed: peakHeap, samples: memory.samples },
    steps: steps.map(({ acked: _a, ...r }) => r),
    holds: holds.map(({ acked: _a, ...r }) => r),
  };
  console.log(report(results));
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'loadtest-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(resultsDir, 'loadtest-latest.md'), `${report(results)}\n`);
  log('Results written to bench/results/loadtest-latest.json and .md.');
  if (lost.length || doubled) process.exitCode = 1;
}

async function cleanUp(db: Database, idPrefix: string, accountPrefix: string): Promise<void> {
  await db.write('MATCH (c:Change) WHERE c.by STARTS WITH $by DETACH DELETE c', { by: accountPrefix });
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix: idPrefix });
}

function report(r: {
  sustained: { rate: number; achievedRate: number; durationSec: number; latency: LatencySummary; byKind: StepResult['byKind'] } | null;
  writes: { acknowledged: number; readBack: number; lost: number; notExactlyOneHistoryRecord: number };
  memory: {
    start: MemorySample;
    afterWarmup: MemorySample;
    end: MemorySample;
    peakRss: MemorySample;
    peakHeapUsed: MemorySample;
    samples: MemorySample[];
  };
  graph: { nodes: number; cases: number };
  machine: { cpu: string; cores: number; node: string; neo4j: string };
  steps: Omit<StepResult, 'acked'>[];
}): string {
  const lines = [
    `## Load test (${r.graph.cases.toLocaleString('en')} cases, ${r.graph.nodes.toLocaleString('en')} nodes; ${r.machine.cores}-core ${r.machine.cpu}, Node ${r.machine.node}, Neo4j ${r.machine.neo4j})`,
    '',
  ];
  if (r.sustained) {
    const s = r.sustained;
    lines.push(
      `Highest rate sustained with no error for ${s.durationSec} s: **${s.rate} req/s** (${f1(s.achievedRate)} answered per second), p50 ${f1(s.latency.p50)} ms, p95 ${f1(s.latency.p95)} ms, p99 ${f1(s.latency.p99)} ms.`,
      '',
    );
    lines.push('| request | share | count | p50 ms | p95 ms | p99 ms |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const [kind, weight] of MIX) {
      const k = s.byKind[kind];
      if (k)
        lines.push(
          `| \`${ROUTES[kind]}\` | ${weight}% | ${k.count} | ${f1(k.latency.p50)} | ${f1(k.latency.p95)} | ${f1(k.latency.p99)} |`,
        );
    }
  } else lines.push('No rate was sustained without errors: see the steps.');
  if (r.steps.length) {
    lines.push(
      '',
      '| step rate | answered/s | p95 ms | p99 ms | non-2xx | errors | timeouts |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const s of r.steps)
      lines.push(
        `| ${s.rate} | ${f1(s.achievedRate)} | ${f1(s.latency.p95)} | ${f1(s.latency.p99)} | ${s.non2xx} | ${s.errors} | ${s.timeouts} |`,
      );
  }
  const m = r.memory;
  const mem = (s: MemorySample) => `RSS ${f0(s.rssMiB)} MiB, heap ${f0(s.heapUsedMiB)} MiB`;
  lines.push(
    '',
    `Writes: ${r.writes.acknowledged} acknowledged, ${r.writes.readBack} read back, **${r.writes.lost} lost**, ${r.writes.notExactlyOneHistoryRecord} with other than one history record.`,
    `App memory (the app's process; the load generator runs apart): start ${mem(m.start)}; after warm-up ${mem(m.afterWarmup)}; end ${mem(m.end)}; peak ${f0(m.peakRss.rssMiB)} MiB RSS, ${f0(m.peakHeapUsed.heapUsedMiB)} MiB heap (${m.samples.length} samples, one a second).`,
  );
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (process.argv.includes(WORKER_FLAG)) worker();
else if (isMain) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      console.log(`\n[loadtest] ${signal}: stopping the load, the app and Neo4j...`);
      stopAll().then(
        () => process.exit(130),
        () => process.exit(1),
      );
    });
  }
  try {
    await main();
  } catch (err) {
    if (!stopping) {
      console.error(
        err instanceof UsageError ? `[loadtest] ${err.message}\n${USAGE}` : `[loadtest] failed: ${(err as Error).stack ?? String(err)}`,
      );
      process.exitCode = 1;
    }
  } finally {
    if (!stopping) await stopAll();
  }
}
