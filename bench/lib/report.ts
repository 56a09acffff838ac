/** The bench's results: a console table, Markdown and JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DirectResult } from './direct-load.js';
import type { HttpResult } from './http-load.js';
import type { LoadReport } from './load.js';
import { round } from './stats.js';

export const P95_TARGET_MS = 50;
export const HTTP_OVERHEAD_TARGET = 1.3;

export interface EndpointResult {
  key: string;
  route: string;
  varies?: string;
  target?: boolean;
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

export interface DirectComparison {
  key: string;
  label: string;
  fn: string;
  direct?: DirectResult;
  httpP95?: number;
  cpuBusy?: number;
  appCpu?: number;
  otherCpu?: number;
  /** HTTP with 1 connection and the direct call with 1 in flight. */
  sequential?: { http: HttpResult; direct: DirectResult };
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
  direct: DirectComparison[];
}

const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(0));

export function verdictP95(p95: number | undefined): 'PASS' | 'MISS' | 'n/a' {
  if (p95 === undefined || !Number.isFinite(p95)) return 'n/a';
  return p95 < P95_TARGET_MS ? 'PASS' : 'MISS';
}

export function ratioOf(c: DirectComparison): number | undefined {
  const d = c.direct?.latency.p95;
  if (c.httpP95 === undefined || d === undefined || !Number.isFinite(c.httpP95) || !Number.isFinite(d) || d <= 0) return undefined;
  return c.httpP95 / d;
}

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
    e.target
      ? `p95 < ${P95_TARGET_MS} ms: ${verdictP95(e.http?.latency.p95)}${Number.isFinite(e.http?.latency.p95) ? ` (${e.http!.latency.p95.toFixed(2)})` : ''}`
      : '',
  ]);
}

const HEAD = ['endpoint', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'cpu', 'app', 'other', 'errors / non-2xx', 'target'];
const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : `${Math.round(v * 100)}%`);

const ratioText = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(2) === HTTP_OVERHEAD_TARGET.toFixed(2) ? v.toFixed(3) : v.toFixed(2);

/** Per comparison: a heading line and indented detail lines. */
function directBlocks(r: BenchResults): string[][] {
  return r.direct.map((c) => {
    const d = c.direct;
    if (!d) return [`${c.label}: direct call not measured`];
    const ratio = ratioOf(c);
    const verdict = ratio === undefined ? 'n/a' : ratio <= HTTP_OVERHEAD_TARGET ? 'PASS' : 'MISS';
    const http = r.endpoints.find((e) => e.key === c.key)?.http;
    const lines = [
      `${c.label}: HTTP p95 / driver p95 = ${ratioText(ratio)} (target ≤ ${HTTP_OVERHEAD_TARGET.toFixed(2)}: ${verdict})`,
      `${r.settings.connections} in flight: HTTP ${num(http?.requestsPerSec)} req/s, p50 ${ms(http?.latency.p50)} ms, p95 ${ms(c.httpP95)} ms; ` +
        `direct ${c.fn} ${num(d.callsPerSec)} calls/s, p50 ${ms(d.latency.p50)} ms, p95 ${ms(d.latency.p95)} ms, cpu ${pct(c.cpuBusy)}, app process ${pct(c.appCpu)} of a core, other processes ${pct(c.otherCpu)}` +
        `${d.errors ? `, ${d.errors} errors (${d.firstError})` : ''}`,
    ];
    const seq = c.sequential;
    if (seq) {
      const seqRatio = seq.direct.latency.p95 > 0 ? seq.http.latency.p95 / seq.direct.latency.p95 : undefined;
      lines.push(
        `1 in flight: HTTP p50 ${ms(seq.http.latency.p50)} ms, p95 ${ms(seq.http.latency.p95)} ms; direct p50 ${ms(seq.direct.latency.p50)} ms, p95 ${ms(seq.direct.latency.p95)} ms; ratio p95 ${ratioText(seqRatio)}`,
      );
    }
    return lines;
  });
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
    ? `; read model: ${r.load.readModel.cases.toLocaleString('en')} cases built in ${r.load.readModel.seconds.toFixed(1)} s, ${r.load.readModel.heapMB} MB of heap`
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
    `load: ${r.settings.connections} connections, ${r.settings.durationSec} s per endpoint after ${r.settings.warmupSec} s warm-up (and a JVM warm-up of ${r.settings.jvmWarmupSec ?? 0} s per endpoint before the first); autocannon in a child process, app and driver in this one`,
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
  return [
    '',
    textTable(HEAD, rows(r)),
    '',
    'HTTP versus the same domain call through neo4j-driver (same concurrency and duration, run right after the HTTP run):',
    ...directBlocks(r).flatMap(([head, ...rest]) => [`  ${head}`, ...rest.map((l) => `      ${l}`)]),
    '',
    ...machineLines(r),
    '',
  ].join('\n');
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
    '## HTTP versus direct driver calls',
    '',
    ...directBlocks(r).flatMap(([head, ...rest]) => [`- ${head}`, ...rest.map((l) => `  - ${l}`)]),
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
