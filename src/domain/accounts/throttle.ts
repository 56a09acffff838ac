/** After this many failed sign-ins in a row an account is locked... */
export const MAX_FAILURES = 5;
/** ...for this long. */
export const LOCK_MINUTES = 15;
const ADDRESS_WINDOW_MS = 15 * 60_000;
const MAX_ENTRIES = 10_000;

/** The pause before answering the n-th failure in a row: doubles each time, up to 8 times the base. */
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

/** Failed sign-ins per client address in a fixed window; held in memory, so per app instance. */
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

export interface Claim {
  refused: boolean;
  /** This attempt's number in the current run of failures. */
  attempt: number;
  /** Epoch milliseconds, when locked. */
  lockedUntil: number | null;
}

/**
 * The same lockout as accounts get, for names that have no account, so that trying a name
 * never shows whether it exists. In memory: an unknown name has no node to keep it on.
 */
export class UnknownNameLockouts {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number | null }>();

  claim(name: string, now = Date.now()): Claim {
    prune(this.entries, (e) => e.lockedUntil !== null && e.lockedUntil <= now);
    let e = this.entries.get(name);
    if (!e || (e.lockedUntil !== null && e.lockedUntil <= now)) {
      e = { failures: 0, lockedUntil: null };
      this.entries.set(name, e);
    }
    if (e.failures >= MAX_FAILURES) {
      e.lockedUntil ??= now + LOCK_MINUTES * 60_000;
      return { refused: true, attempt: e.failures, lockedUntil: e.lockedUntil };
    }
    e.failures += 1;
    return { refused: false, attempt: e.failures, lockedUntil: null };
  }

  /** Records the failure of a claimed attempt; returns the lock's end when this one locks the name. */
  fail(name: string, now = Date.now()): number | null {
    const e = this.entries.get(name);
    if (!e) return null;
    if (e.failures >= MAX_FAILURES) e.lockedUntil = now + LOCK_MINUTES * 60_000;
    return e.lockedUntil;
  }
}
