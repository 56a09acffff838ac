/** What else the machine is doing: a benchmark on a shared 2-core machine says so beside its figures. */
import { readFileSync } from 'node:fs';

function cpuTimes(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, in the same clock ticks as /proc/stat; 0 when it is gone. */
function processTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export interface CpuShare {
  /** Share of all cores busy, every process. */
  all: number;
  /** Of which the bench's own processes (this one and its Neo4j). */
  own: number;
  /** Everything else on the machine. */
  others: number;
}

/** Share of all cores busy over `ms` (Linux only; undefined elsewhere), split into the bench's own processes and the rest. */
export async function cpuShare(ms: number, ownPids: number[]): Promise<CpuShare | undefined> {
  const a = cpuTimes();
  const ownA = ownPids.reduce((s, p) => s + processTicks(p), 0);
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTimes();
  const ownB = ownPids.reduce((s, p) => s + processTicks(p), 0);
  if (!a || !b || b.total === a.total) return undefined;
  const total = b.total - a.total;
  const all = (b.busy - a.busy) / total;
  const own = Math.min(all, (ownB - ownA) / total);
  return { all, own, others: Math.max(0, all - own) };
}

/** Clock ticks per second of /proc (USER_HZ); 100 on Linux. */
const TICKS_PER_SECOND = 100;

/**
 * CPU use between two snapshots taken around a measurement, split into the bench's own processes
 * (`ownPids`, plus CPU seconds of processes that have exited since, such as the load generator) and
 * everything else, so that a run disturbed by other work on the machine says so.
 */
export class CpuMeter {
  private readonly start = cpuTimes();
  private readonly ownStart: number;

  constructor(private readonly ownPids: number[]) {
    this.ownStart = ownPids.reduce((s, p) => s + processTicks(p), 0);
  }

  stop(exitedOwnCpuSeconds = 0): CpuShare | undefined {
    const end = cpuTimes();
    const ownEnd = this.ownPids.reduce((s, p) => s + processTicks(p), 0);
    if (!this.start || !end || end.total === this.start.total) return undefined;
    const total = end.total - this.start.total;
    const all = (end.busy - this.start.busy) / total;
    const own = Math.min(all, (ownEnd - this.ownStart + exitedOwnCpuSeconds * TICKS_PER_SECOND) / total);
    return { all, own, others: Math.max(0, all - own) };
  }
}
