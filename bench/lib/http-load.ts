/**
 * Drives autocannon in a child process, so that the load generator does not share the app's event
 * loop: the latency measured is what a separate client sees. Per-response latencies are collected
 * in the child and summarised with nearest-rank percentiles (stats.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LatencySummary } from './stats.js';

export interface HttpJob {
  baseUrl: string;
  /** Paths used in turn, request after request, across all connections. */
  paths: string[];
  connections: number;
  durationSec: number;
  warmupSec: number;
  timeoutSec: number;
}

export interface HttpResult {
  /** Responses of any status per second over the measured period. */
  requestsPerSec: number;
  responses: number;
  /** Latency of 2xx responses only (NaN-filled when there were none). */
  latency: LatencySummary;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Requests still unanswered when the measured period ended (slower than the window). */
  unanswered: number;
  statusCodes: Record<string, number>;
  durationSec: number;
  /** CPU seconds the load generator's process used in all (warm-up included). */
  generatorCpuSec: number;
}

const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'http-worker.ts');
const running = new Set<ChildProcess>();
let stopped = false;

/** Runs one job in a fresh child; rejects if the child fails or the bench is stopping. */
export function runHttpLoad(job: HttpJob): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    if (stopped) {
      reject(new Error('the bench is stopping'));
      return;
    }
    // The child inherits this process's execArgv, which under tsx includes its TypeScript loader.
    // 'advanced' serialization keeps NaN (no 2xx responses) as NaN rather than null.
    const child = fork(worker, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    running.add(child);
    let result: HttpResult | undefined;
    child.once('message', (msg) => {
      const m = msg as { ok: true; result: HttpResult } | { ok: false; error: string };
      if (m.ok) result = m.result;
      else reject(new Error(`load generator failed: ${m.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (result) resolve(result);
      else reject(new Error(`load generator exited (${signal ?? code}) without a result`));
    });
    child.send(job);
  });
}

/** Stops any load generator still running (on Ctrl-C). */
export function stopHttpLoads(): void {
  stopped = true;
  for (const child of running) if (child.pid !== undefined && child.exitCode === null) child.kill('SIGTERM');
}
