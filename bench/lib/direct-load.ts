/**
 * The same work without HTTP: calls a domain function (the one the route calls) with a fixed
 * number of calls in flight for a fixed time, recording each call's latency.
 */
import { summarise, type LatencySummary } from './stats.js';

export interface DirectResult {
  callsPerSec: number;
  calls: number;
  errors: number;
  firstError?: string;
  latency: LatencySummary;
  durationSec: number;
}

async function loop(call: (i: number) => Promise<unknown>, concurrency: number, durationMs: number, record: boolean, stop: () => boolean) {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const end = started + durationMs;
  const worker = async () => {
    while (performance.now() < end && !stop()) {
      const i = next++;
      const t0 = performance.now();
      try {
        await call(i);
        if (record) latencies.push(performance.now() - t0);
      } catch (err) {
        errors += 1;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { latencies, errors, firstError, elapsed };
}

export async function runDirectLoad(
  call: (i: number) => Promise<unknown>,
  opts: { concurrency: number; durationSec: number; warmupSec: number; stop: () => boolean },
): Promise<DirectResult> {
  if (opts.warmupSec > 0) await loop(call, opts.concurrency, opts.warmupSec * 1000, false, opts.stop);
  const { latencies, errors, firstError, elapsed } = await loop(call, opts.concurrency, opts.durationSec * 1000, true, opts.stop);
  return {
    callsPerSec: latencies.length / elapsed,
    calls: latencies.length,
    errors,
    firstError,
    latency: summarise(latencies),
    durationSec: elapsed,
  };
}
