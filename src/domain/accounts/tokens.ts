import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { DomainError, notFound } from '../errors.js';
import type { User } from './accounts.js';
import { hashSecret, verifySecret } from './hashing.js';

/** `pa_<prefix>_<secret>`: the prefix finds the record, the secret is checked against its hash. */
const TOKEN_FORMAT = /^pa_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
export const DEFAULT_TOKEN_DAYS = 90;

export const newTokenSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').default('api'),
  expiresDays: z.coerce
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(3650, 'must be at most 3650 days')
    .default(DEFAULT_TOKEN_DAYS),
});
export type NewToken = z.input<typeof newTokenSchema>;

export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  expired: boolean;
  accountId: string;
  account: string;
}

interface TokenRow {
  id: string;
  hash: string | null;
  revoked: boolean;
  expired: boolean;
  stale: boolean;
  account: User;
}
const createTokenQuery = defineQuery<
  { id: string; accountId: string; name: string; prefix: string; hash: string; expiresDays: number },
  { token: Omit<CreatedToken, 'token'> }
>('accounts/create-token');
const listTokensQuery = defineQuery<{ accountId: string | null }, { token: TokenSummary }>('accounts/list-tokens');
const revokeTokenQuery = defineQuery<
  { id: string },
  { token: { id: string; name: string; prefix: string; account: string; revokedAt: string } }
>('accounts/revoke-token');
const tokenByPrefix = defineQuery<{ prefix: string }, TokenRow>('accounts/get-token-by-prefix');
const touchToken = defineQuery<{ id: string }, never>('accounts/touch-token');

export interface CreatedToken {
  id: string;
  name: string;
  prefix: string;
  expiresAt: string | null;
  account: string;
  /** The whole token; shown once, never stored. */
  token: string;
}

/** Creates a token for an account; only its hash is stored, so the returned secret cannot be shown again. */
export async function createToken(db: Database, accountId: string, input: NewToken): Promise<CreatedToken> {
  const { name, expiresDays } = newTokenSchema.parse(input);
  const prefix = randomBytes(6).toString('hex');
  const token = `pa_${prefix}_${randomBytes(32).toString('base64url')}`;
  const [row] = await db.write(createTokenQuery, {
    accountId,
    id: randomUUID(),
    name,
    prefix,
    hash: await hashSecret(token),
    expiresDays,
  });
  if (!row) throw notFound('account', accountId);
  const created = row.token;
  return { ...created, token };
}

/** Tokens without their secrets: of one account, or of all when no account is given. */
export async function listTokens(db: Database, accountId: string | null = null): Promise<TokenSummary[]> {
  return (await db.read(listTokensQuery, { accountId })).map((r) => r.token);
}

export async function revokeToken(db: Database, id: string): Promise<{ id: string; name: string; account: string; revokedAt: string }> {
  const [row] = await db.write(revokeTokenQuery, { id });
  if (!row) throw notFound('token', id);
  return row.token;
}

export type TokenCheck = { ok: true; user: User } | { ok: false; reason: string };

/**
 * Checks a bearer token. Verified tokens are remembered by digest so a script's every request does
 * not pay for scrypt again; revocation and expiry are still read from the graph each time.
 */
export class TokenVerifier {
  private readonly verified = new Map<string, string>();

  constructor(private readonly db: Database) {}

  async check(token: string): Promise<TokenCheck> {
    const m = TOKEN_FORMAT.exec(token);
    if (!m) return { ok: false, reason: 'The bearer token is not a Pathway Atlas token.' };
    const [row] = await this.db.read(tokenByPrefix, { prefix: m[1] });
    const digest = createHash('sha256').update(token).digest('base64url');
    const hash = typeof row?.hash === 'string' ? row.hash : undefined;
    const valid = hash !== undefined && (this.verified.get(digest) === hash || (await verifySecret(token, hash)));
    if (!valid) return { ok: false, reason: 'The bearer token is not valid.' };
    if (this.verified.size >= 1000) this.verified.clear();
    this.verified.set(digest, hash);
    if (row!.revoked) return { ok: false, reason: 'The bearer token has been revoked.' };
    if (row!.expired) return { ok: false, reason: 'The bearer token has expired.' };
    if (row!.stale) await this.db.write(touchToken, { id: row!.id });
    return { ok: true, user: row!.account };
  }
}

export const tokenIdSchema = z.uuid('must be a token id as listed by `users tokens`');

export function assertTokenId(id: string): string {
  const parsed = tokenIdSchema.safeParse(id);
  if (!parsed.success) throw new DomainError('invalid-input', `token id: ${parsed.error.issues[0]!.message}.`, { field: 'id' });
  return parsed.data;
}
