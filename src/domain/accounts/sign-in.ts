import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../data/database.js';
import { cypher } from '../../data/queries.js';
import type { Role, User } from './accounts.js';
import { dummyHash, verifySecret } from './hashing.js';
import { AddressLimiter, type Claim, failureDelayMs, LOCK_MINUTES, MAX_FAILURES, UnknownNameLockouts } from './throttle.js';

export type SignInOutcome =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

interface AccountClaim extends Claim {
  id: string;
  name: string;
  role: Role;
  passwordHash: string;
}

const secondsUntil = (epochMs: number) => Math.max(1, Math.ceil((epochMs - Date.now()) / 1000));

/**
 * Checks names and passwords, slowing repeated failures down and then refusing them for a while:
 * per account (kept on the Account node, so it holds across app instances) and per client address.
 * A name without an account goes through the same steps, so answers never tell whether it exists.
 */
export class SignInGuard {
  private readonly addresses: AddressLimiter;
  private readonly unknownNames = new UnknownNameLockouts();

  constructor(
    private readonly db: Database,
    private readonly options: { maxFailuresPerAddress: number; baseDelayMs: number },
  ) {
    this.addresses = new AddressLimiter(options.maxFailuresPerAddress);
  }

  async signIn(rawName: string, password: string, address: string): Promise<SignInOutcome> {
    const addressWait = this.addresses.retryAfter(address);
    if (addressWait > 0) return { ok: false, reason: 'rate-limited', retryAfterSeconds: addressWait };

    const name = rawName.trim().toLowerCase();
    const params = { name, maxFailures: MAX_FAILURES, lockMinutes: LOCK_MINUTES };
    const [row] = await this.db.write(cypher('accounts/claim-sign-in'), params);
    const account = row as AccountClaim | undefined;
    const claim: Claim = account ?? this.unknownNames.claim(name);
    if (claim.refused) {
      this.addresses.fail(address);
      return { ok: false, reason: 'rate-limited', retryAfterSeconds: secondsUntil(claim.lockedUntil ?? Date.now()) };
    }

    const matches = await verifySecret(password, account?.passwordHash ?? (await dummyHash()));
    if (account && matches) {
      await this.db.write(cypher('accounts/record-sign-in-success'), { id: account.id });
      return { ok: true, user: { id: account.id, name: account.name, role: account.role } };
    }

    // An unknown name runs the same write (matching nothing), so both answers take as long.
    await this.db.write(cypher('accounts/record-sign-in-failure'), { id: account?.id ?? '', ...params });
    if (!account) this.unknownNames.fail(name);
    this.addresses.fail(address);
    await sleep(failureDelayMs(claim.attempt, this.options.baseDelayMs));
    return { ok: false, reason: 'invalid' };
  }
}
