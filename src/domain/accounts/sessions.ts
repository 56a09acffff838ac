import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { ROLES, type Role, type User } from './accounts.js';
import { projectRoot } from '../../paths.js';

export const SESSION_HOURS = 8;
/** An account keeps at most this many live sessions; signing in once more ends the oldest. */
const MAX_SESSIONS_PER_ACCOUNT = 20;

const sessionPayload = z.object({
  sid: z.string().min(16),
  aid: z.string().min(1),
  role: z.enum(ROLES),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type Session = z.infer<typeof sessionPayload>;

/**
 * The secret that signs session cookies: SESSION_SECRET, else one generated once and kept in
 * `<NEO4J_LOCAL_DIR>/session-secret` (mode 600) so restarts keep people signed in. Tests without
 * a configured secret get a fresh one per process and write nothing.
 */
export function sessionSecret(config: Config): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  if (config.NODE_ENV === 'test') return randomBytes(32).toString('base64url');
  const dir = path.resolve(projectRoot, config.NEO4J_LOCAL_DIR);
  const file = path.join(dir, 'session-secret');
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds a secret shorter than 32 characters: delete it to have a new one generated.`);
  return secret;
}

const mac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest();

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Sessions as signed cookies, `payload.signature` (both base64url, the signature an HMAC-SHA256 of
 * the payload), each valid only while its entry is in its account's list of sessions.
 */
export class SessionCodec {
  private readonly signingKey: Buffer;
  private readonly csrfKey: Buffer;

  constructor(secret: string) {
    // Separate keys per purpose, so a CSRF token can never pass for a session signature.
    this.signingKey = mac(Buffer.from(secret), 'pathway-atlas session v1');
    this.csrfKey = mac(Buffer.from(secret), 'pathway-atlas csrf v1');
  }

  issue(account: { id: string; role: Role }, now = Date.now()): { value: string; session: Session; maxAgeMs: number } {
    const iat = Math.floor(now / 1000);
    const session: Session = {
      sid: randomBytes(18).toString('base64url'),
      aid: account.id,
      role: account.role,
      iat,
      exp: iat + SESSION_HOURS * 3600,
    };
    const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
    return { value: `${payload}.${mac(this.signingKey, payload).toString('base64url')}`, session, maxAgeMs: SESSION_HOURS * 3600_000 };
  }

  /** The session a cookie carries, or undefined when it is forged, damaged or expired. */
  read(value: string, now = Date.now()): Session | undefined {
    const [payload, signature, ...rest] = value.split('.');
    if (!payload || !signature || rest.length) return undefined;
    if (!sameBytes(Buffer.from(signature, 'base64url'), mac(this.signingKey, payload))) return undefined;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const parsed = sessionPayload.safeParse(decoded);
    if (!parsed.success) return undefined;
    const seconds = now / 1000;
    if (parsed.data.exp <= seconds || parsed.data.iat > seconds + 60) return undefined;
    return parsed.data;
  }

  /** The synchronizer token of a session: an HMAC of its id, so it needs no server-side storage. */
  csrfToken(session: Session): string {
    return mac(this.csrfKey, session.sid).toString('base64url');
  }
}

const addSession = defineQuery<{ id: string; entry: string; now: number; keep: number }, { account: User }>('accounts/add-session');
const sessionAccountQuery = defineQuery<{ id: string; entry: string }, { account: User }>('accounts/get-session-account');
const endSessionQuery = defineQuery<{ id: string; entry: string }, never>('accounts/end-session');

/** What an account's list of sessions holds for one: its expiry and a hash of its id, never the id. */
function sessionEntry(session: Session): string {
  return `${session.exp}.${createHash('sha256').update(session.sid).digest('base64url')}`;
}

/** Makes a freshly issued session valid by adding it to its account's list. */
export async function recordSession(db: Database, session: Session): Promise<void> {
  const params = { id: session.aid, entry: sessionEntry(session), now: Math.floor(Date.now() / 1000), keep: MAX_SESSIONS_PER_ACCOUNT };
  await db.write(addSession, params);
}

/** The account behind a session, or undefined once the session was ended or the account removed. */
export async function sessionAccount(db: Database, session: Session): Promise<User | undefined> {
  const [row] = await db.read(sessionAccountQuery, { id: session.aid, entry: sessionEntry(session) });
  return row?.account;
}

/** Ends one session: its cookie, even if kept, no longer signs anyone in. */
export async function endSession(db: Database, session: Session): Promise<void> {
  await db.write(endSessionQuery, { id: session.aid, entry: sessionEntry(session) });
}
