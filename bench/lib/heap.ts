/**
 * A full garbage collection on demand, for heap figures that count what is live rather than what
 * the collector has not reached yet. With `node --expose-gc` that is `global.gc`; otherwise the
 * same V8 function is exposed at run time (the flag set now, read from a fresh context), so that
 * `npm run bench` measures exactly without a flag in package.json.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let cached: (() => void) | undefined;

export function fullGc(): () => void {
  if (cached) return cached;
  if (typeof global.gc === 'function') {
    const gc = global.gc;
    cached = () => void gc();
    return cached;
  }
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('V8 did not expose gc');
  cached = () => void (gc as () => unknown)();
  return cached;
}

/** heapUsed after two full collections (the second picks up what finalisers of the first released). */
export function liveHeap(): number {
  const gc = fullGc();
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
