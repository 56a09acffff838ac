/** The bench's results: a console table, Markdown and JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpResult } from './http-load.js';
import { BUILD_TARGET_SEC, MEMORY_TARGET_MB, type ReadModelFigures, type Spread, type VisibilityFigures } from './instances.js';
import type { LoadReport } from './load.js';
import { round } from './stats.js';

export const P95_TARGET_MS = 50;
export const THROUGHPUT_TARGET = 1_000;
/** Lists of cases and a case page against the in-memory baseline's req/s. */
export const BASELINE_RATIO_TARGET = 0.5;

export interface EndpointResult {
  key: string;
  route: string;
  varies?: string;
  target?: boolean;
  throughput?: boolean;
  baseline?: boolean;
  /** Status and start of the body of one probe request, when it was not 2xx. */
  probe?: { path: string; status: number; body: string };
  http?: HttpResult;
  /** Share of all cores busy (every process) during the measured run, warm-up included. */
  cpuBusy?: number;
  /** CPU of the bench's own process (the app; the load generator is a child) as a share of one core. */
  appCpu?: number;
  /** Share of all cores used by other processes on the machine during the run. */
  otherCpu?: number;
  error?: string;
  /** What the app wrote with console.error during this endpoint's run, most frequent first. */
  appErrors?: string[];
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  settings: {
    connections: number;
    durationSec: number;
    warmupSec: number;
    jvmWarmupSec?: number;
    seed: number;
    sizes: Record<string, number>;
  };
  machine: {
    cpu: string;
    cores: number;
    memoryGiB: number;
    os: string;
    node: string;
    neo4j: string;
    neo4jHeap: string;
    neo4jPageCache: string;
    otherCpuBefore?: number;
    otherCpuAfter?: number;
  };
  graph: { nodes: Record<string, number>; relationships: Record<string, number>; totalNodes: number; totalRelationships: number };
  load?: LoadReport & { generateSeconds: number; skipped?: string; readModel?: { cases: number; seconds: number; heapMB: number } };
  endpoints: EndpointResult[];
  /** The read model of a second instance, built and measured after the app's own. */
  readModel?: ReadModelFigures;
  /** How soon that second instance sees a write made through the first. */
  visibility?: VisibilityFigures;
}

const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(0));

export function verdictP95(p95: number | undefined): 'PASS' | 'MISS' | 'n/a' {
  if (p95 === undefined || !Number.isFinite(p95)) return 'n/a';
  return p95 <= P95_TARGET_MS ? 'PASS' : 'MISS';
}

const verdict = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS');
const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

function errorsOf(h: HttpResult | undefined): string {
  if (!h) return '-';
  const bad = Object.entries(h.statusCodes).filter(([code]) => !code.startsWith('2'));
  const parts = [`${h.errors}`, `${h.non2xx}`];
  // Every connection has one request in flight when the window closes; that is only news when nothing came back.
  const notes = [...bad.map(([c, n]) => `${c}×${n}`), ...(h.responses === 0 ? [`no response within ${h.durationSec.toFixed(0)} s`] : [])];
  return notes.length ? `${parts.join(' / ')} (${notes.join(', ')})` : parts.join(' / ');
}

function rows(r: BenchResults): string[][] {
  return r.endpoints.map((e) => [
    e.route,
    num(e.http?.requestsPerSec),
    ms(e.http?.latency.p50),
    ms(e.http?.latency.p95),
    ms(e.http?.latency.p99),
    pct(e.cpuBusy),
    pct(e.appCpu),
    pct(e.otherCpu),
    e.error ? `failed: ${e.error}` : errorsOf(e.http),
    e.target ? `p95 ≤ ${P95_TARGET_MS} ms: ${verdictP95(e.http?.latency.p95)}` : e.baseline ? 'in-memory baseline' : '',
  ]);
}

const HEAD = ['endpoint', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'cpu', 'app', 'other', 'errors / non-2xx', 'target'];
const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : `${Math.round(v * 100)}%`);

/** The targets, one line each, PASS or MISS. */
function targetLines(r: BenchResults): string[] {
  const lines: string[] = [];
  const held = r.endpoints.filter((e) => e.target);
  if (held.length) {
    const missed = held.filter((e) => verdictP95(e.http?.latency.p95) !== 'PASS');
    lines.push(
      `p95 ≤ ${P95_TARGET_MS} ms with ${r.settings.connections} connections: ${held.length - missed.length} of ${held.length} endpoints PASS` +
        (missed.length ? `; MISS: ${missed.map((e) => `${e.route} (${ms(e.http?.latency.p95)} ms)`).join(', ')}` : ''),
    );
  }
  const base = r.endpoints.find((e) => e.baseline)?.http?.requestsPerSec;
  for (const e of r.endpoints.filter((x) => x.throughput)) {
    const rps = e.http?.requestsPerSec;
    const ratio = finite(rps) && finite(base) && base > 0 ? rps / base : undefined;
    lines.push(
      `${e.route}: ${num(rps)} req/s (≥ ${THROUGHPUT_TARGET.toLocaleString('en')}: ${verdict(finite(rps) ? rps >= THROUGHPUT_TARGET : undefined)}); ` +
        `${finite(ratio) ? ratio.toFixed(2) : '-'} × /api/pathways at ${num(base)} req/s in this run (≥ ${BASELINE_RATIO_TARGET}: ${verdict(finite(ratio) ? ratio >= BASELINE_RATIO_TARGET : undefined)})`,
    );
  }
  const m = r.readModel;
  if (m) {
    lines.push(
      `read model at ${m.cases.toLocaleString('en')} cases (${m.nodes.toLocaleString('en')} nodes, ${m.relationships.toLocaleString('en')} relationships): ` +
        `${m.heapMB.toFixed(0)} MB of live heap (≤ ${MEMORY_TARGET_MB} MB: ${verdict(m.heapMB <= MEMORY_TARGET_MB)}; ${m.heapBeforeMB.toFixed(0)} → ${m.heapAfterMB.toFixed(0)} MB after full collections, a second model built beside the app's); ` +
        `full build ${m.startBuildSeconds.toFixed(1)} s at start, ${m.buildSeconds.toFixed(1)} s for the second (≤ ${BUILD_TARGET_SEC} s: ${verdict(Math.max(m.startBuildSeconds, m.buildSeconds) <= BUILD_TARGET_SEC)})`,
    );
  }
  const v = r.visibility;
  if (v) {
    const spreadText = (sp: Spread) =>
      sp.count ? `min ${sp.min.toFixed(0)}, median ${sp.median.toFixed(0)}, max ${sp.max.toFixed(0)} ms (${sp.count})` : 'none measured';
    lines.push(
      `a write seen by a second instance polling every ${v.pollMs} ms: a new case ${spreadText(v.create)} after the write's answer (${spreadText(v.createFromCall)} after its call); its soft delete ${spreadText(v.remove)} after the answer` +
        (v.errors.length ? `; ${v.errors.length} failed: ${v.errors.slice(0, 3).join('; ')}` : ''),
    );
  }
  return lines;
}

function machineLines(r: BenchResults): string[] {
  const m = r.machine;
  const g = r.graph;
  const synth = r.load
    ? r.load.skipped
      ? `synthetic graph: reused (${r.load.skipped})`
      : `synthetic graph: generated in ${r.load.generateSeconds.toFixed(1)} s, loaded ${r.load.nodes.toLocaleString('en')} nodes + ${r.load.relationships.toLocaleString('en')} relationships in ${r.load.seconds.toFixed(1)} s (${Math.round(r.load.rowsPerSecond).toLocaleString('en')} rows/s; nodes ${r.load.nodeSeconds.toFixed(1)} s, relationships ${r.load.relationshipSeconds.toFixed(1)} s)`
    : '';
  const cards = r.load?.readModel
    ? `; the app's read model: ${r.load.readModel.cases.toLocaleString('en')} cases built in ${r.load.readModel.seconds.toFixed(1)} s`
    : '';
  const labels = Object.entries(g.nodes)
    .filter(([, n]) => n > 0)
    .map(([l, n]) => `${l} ${n.toLocaleString('en')}`)
    .join(', ');
  return [
    `cpu: ${m.cpu}, ${m.cores} cores; memory ${m.memoryGiB.toFixed(1)} GiB; ${m.os}`,
    `Node ${m.node}; Neo4j ${m.neo4j} (heap ${m.neo4jHeap}, page cache ${m.neo4jPageCache})`,
    `other processes' CPU use while the bench was idle: ${pct(m.otherCpuBefore)} before, ${pct(m.otherCpuAfter)} after (per run: cpu = all cores busy, every process; app = the app's Node process as a share of one core; other = processes not the bench's, share of all cores)`,
    `graph: ${g.totalNodes.toLocaleString('en')} nodes, ${g.totalRelationships.toLocaleString('en')} relationships (${labels})`,
    ...(synth ? [synth + cards] : []),
    `load: ${r.settings.connections} connections, ${r.settings.durationSec} s per endpoint after ${r.settings.warmupSec} s warm-up (and a JVM warm-up of ${r.settings.jvmWarmupSec ?? 0} s per endpoint before the first); autocannon in a child process, the app in this one`,
  ];
}

function textTable(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const numeric = new Set([1, 2, 3, 4, 5, 6, 7]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function consoleReport(r: BenchResults): string {
  return ['', textTable(HEAD, rows(r)), '', 'Targets:', ...targetLines(r).map((l) => `  ${l}`), '', ...machineLines(r), ''].join('\n');
}

export function markdownReport(r: BenchResults): string {
  const md = (cells: string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  const probes = r.endpoints.filter((e) => e.probe);
  const logged = r.endpoints.filter((e) => e.appErrors?.length);
  return [
    `# Benchmark results (${r.finishedAt})`,
    '',
    md(HEAD),
    md(HEAD.map((_, i) => (i >= 1 && i <= 7 ? '---:' : '---'))),
    ...rows(r).map(md),
    '',
    '## Targets',
    '',
    ...targetLines(r).map((l) => `- ${l}`),
    '',
    '## Machine and graph',
    '',
    ...machineLines(r).map((l) => `- ${l}`),
    ...(probes.length
      ? [
          '',
          '## Non-2xx probes',
          '',
          ...probes.map((e) => `- \`${e.probe!.path}\`: ${e.probe!.status} ${e.probe!.body.replaceAll('\n', ' ')}`),
        ]
      : []),
    ...(logged.length
      ? ['', '## Errors the app logged', '', ...logged.flatMap((e) => [`- \`${e.route}\`:`, ...e.appErrors!.map((m) => `  - ${m}`)])]
      : []),
    '',
  ].join('\n');
}

/** Writes latest.json and latest.md, and a copy of each named after the run's start, for comparing runs. */
export function writeResults(dir: string, r: BenchResults): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const clean: unknown = JSON.parse(JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' ? round(v, 3) : v)));
  const stamp = r.startedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(clean, null, 2)}\n`;
  const md = markdownReport(r);
  for (const name of ['latest', `run-${stamp}`]) {
    writeFileSync(path.join(dir, `${name}.json`), json);
    writeFileSync(path.join(dir, `${name}.md`), md);
  }
  return { json: path.join(dir, 'latest.json'), md: path.join(dir, 'latest.md') };
}
