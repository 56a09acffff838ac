import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import type { Role, User } from './accounts.js';
import { dummyHash, verifySecret } from './hashing.js';
import { AddressLimiter, failureDelayMs, LOCK_MINUTES, MAX_FAILURES } from './throttle.js';

export type SignInOutcome =
  { ok: true; user: User } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

interface ClaimRow {
  id: string | null;
  name: string | null;
  role: Role | null;
  passwordHash: string | null;
  refused: boolean;
  nameFailures: number;
  lockedUntil: number | null;
}

const claimSignIn = defineQuery<{ name: string; nameKey: string; pairKey: string; maxFailures: number; lockMinutes: number }, ClaimRow>(
  'accounts/claim-sign-in',
);
const recordSignInSuccess = defineQuery<{ id: string; nameKey: string; pairKey: string }, never>('accounts/record-sign-in-success');
const pruneThrottles = defineQuery<Record<string, never>, never>('accounts/prune-sign-in-throttles');

const PRUNE_EVERY_MS = 60_000;
const secondsUntil = (epochMs: number) => Math.max(1, Math.ceil((epochMs - Date.now()) / 1000));

/**
 * Checks names and passwords. Five failures in a row from one address for one name refuse that
 * pair for 15 minutes, so a stranger elsewhere cannot lock a curator out; every recent failure for
 * a name, from anywhere, makes the next wrong answer for it slower; one address gets a bounded
 * number of failures whatever the names. Counts live in the graph (across restarts and instances)
 * under keyed hashes, and a name without an account takes exactly the same steps as one with.
 */
export class SignInGuard {
  private readonly addresses: AddressLimiter;
  private lastPrune = 0;

  constructor(
    private readonly db: Database,
    private readonly options: { maxFailuresPerAddress: number; baseDelayMs: number; secret: string },
  ) {
    this.addresses = new AddressLimiter(options.maxFailuresPerAddress);
  }

  /** A keyed hash, so the graph never holds the names people typed (sometimes a password by mistake). */
  private key(...parts: string[]): string {
    return createHmac('sha256', this.options.secret).update(parts.join('\u0000')).digest('base64url');
  }

  async signIn(rawName: string, password: string, address: string): Promise<SignInOutcome> {
    const addressWait = this.addresses.retryAfter(address);
    if (addressWait > 0) return { ok: false, reason: 'rate-limited', retryAfterSeconds: addressWait };
    await this.prune();

    const name = rawName.trim().toLowerCase();
    const keys = { nameKey: this.key('name', name), pairKey: this.key('pair', address, name) };
    const [claim] = await this.db.write(claimSignIn, { name, ...keys, maxFailures: MAX_FAILURES, lockMinutes: LOCK_MINUTES });
    if (!claim) throw new Error('The sign-in claim returned no row.');
    if (claim.refused) {
      this.addresses.fail(address);
      return { ok: false, reason: 'rate-limited', retryAfterSeconds: secondsUntil(claim.lockedUntil ?? Date.now()) };
    }

    const matches = await verifySecret(password, claim.passwordHash ?? (await dummyHash()));
    if (claim.id && matches) {
      await this.db.write(recordSignInSuccess, { id: claim.id, ...keys });
      return { ok: true, user: { id: claim.id, name: claim.name!, role: claim.role! } };
    }
    this.addresses.fail(address);
    await sleep(failureDelayMs(claim.nameFailures, this.options.baseDelayMs));
    return { ok: false, reason: 'invalid' };
  }

  /** Drops expired counts now and then; the same for every name, so it tells nothing about one. */
  private async prune(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.db.write(pruneThrottles);
  }
}
