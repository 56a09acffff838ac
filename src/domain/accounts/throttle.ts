/** After this many failed sign-ins in a row from one address for one name, that pair is refused... */
export const MAX_FAILURES = 5;
/** ...until this long after its last counted failure; the name's own count also ages out after it. */
export const LOCK_MINUTES = 15;
const ADDRESS_WINDOW_MS = LOCK_MINUTES * 60_000;
const MAX_ENTRIES = 10_000;

/** The pause before answering the n-th recent failure for a name: doubles each time, up to 8 times the base. */
export function failureDelayMs(attempt: number, baseMs: number): number {
  return baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 3);
}

/** Keeps a map bounded: expired entries go first, then the oldest. */
function prune<V>(map: Map<string, V>, expired: (v: V) => boolean): void {
  if (map.size < MAX_ENTRIES) return;
  for (const [k, v] of map) if (expired(v)) map.delete(k);
  for (const k of map.keys()) {
    if (map.size < MAX_ENTRIES) break;
    map.delete(k);
  }
}

/** Failed sign-ins per client address, whatever the name, in a fixed window; in memory, so per app instance. */
export class AddressLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs = ADDRESS_WINDOW_MS,
  ) {}

  /** Seconds until this address may try again; 0 when it may try now. */
  retryAfter(address: string, now = Date.now()): number {
    const w = this.windows.get(address);
    if (!w || w.resetAt <= now || w.count < this.max) return 0;
    return Math.ceil((w.resetAt - now) / 1000);
  }

  fail(address: string, now = Date.now()): void {
    prune(this.windows, (w) => w.resetAt <= now);
    const w = this.windows.get(address);
    if (!w || w.resetAt <= now) this.windows.set(address, { count: 1, resetAt: now + this.windowMs });
    else w.count += 1;
  }
}
