import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Config } from '../config.js';
import type { Database } from '../data/database.js';
import { hasRole, type User } from '../domain/accounts/accounts.js';
import { endSession, recordSession, SessionCodec, sessionAccount, sessionSecret, type Session } from '../domain/accounts/sessions.js';
import { TokenVerifier } from '../domain/accounts/tokens.js';
import { DomainError } from '../domain/errors.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's types are augmented through its global namespace
  namespace Express {
    interface Locals {
      /** The signed-in account, or undefined for anonymous readers; set by authMiddleware. */
      user?: User;
      /** The CSRF token for this session's forms (hidden input `_csrf`); empty when not signed in. */
      csrfToken?: string;
    }
  }
}

export const SESSION_COOKIE = 'pa_session';
const ACCOUNT_CACHE_MS = 5_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How each request was authenticated; kept off res.locals so views cannot leak it. */
const authenticated = new WeakMap<Request, { via: 'session'; csrfToken: string; session: Session } | { via: 'token' } | { via: 'none' }>();

const isApi = (req: Request) => req.originalUrl.startsWith('/api');

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function unauthenticated(req: Request, res: Response, detail: string, error?: 'invalid_token'): DomainError {
  const params = ['realm="Pathway Atlas"', error && `error="${error}"`].filter(Boolean).join(', ');
  if (isApi(req) || error) res.set('WWW-Authenticate', `Bearer ${params}`);
  return new DomainError('unauthenticated', detail);
}

/** Sessions, bearer tokens and the cache of who is behind them; one per app. */
export class Auth {
  private readonly codec: SessionCodec;
  private readonly tokens: TokenVerifier;
  private readonly sessions = new Map<string, { aid: string; user: User | undefined; until: number }>();
  /** The key that signs cookies, also used to key sign-in counts. */
  readonly secret: string;

  constructor(
    private readonly db: Database,
    config: Config,
  ) {
    this.secret = sessionSecret(config);
    this.codec = new SessionCodec(this.secret);
    this.tokens = new TokenVerifier(db);
  }

  /** Sets res.locals.user (and csrfToken) from the session cookie or an `Authorization: Bearer` token. */
  readonly middleware: RequestHandler = async (req, res, next) => {
    res.locals.user = undefined;
    res.locals.csrfToken = '';
    authenticated.set(req, { via: 'none' });
    const bearer = /^Bearer(?:\s+(.*))?$/i.exec(req.get('authorization') ?? '');
    if (bearer) {
      // A bad token is an error, never a silent fall-back to anonymous: the script should know.
      const check = await this.tokens.check((bearer[1] ?? '').trim());
      if (!check.ok) throw unauthenticated(req, res, check.reason, 'invalid_token');
      res.locals.user = check.user;
      authenticated.set(req, { via: 'token' });
      return next();
    }
    const cookie = readCookie(req, SESSION_COOKIE);
    if (cookie === undefined) return next();
    const session = this.codec.read(cookie);
    const user = session && (await this.account(session));
    if (!session || !user) {
      this.clearCookie(req, res);
      return next();
    }
    res.locals.user = user;
    res.locals.csrfToken = this.codec.csrfToken(session);
    authenticated.set(req, { via: 'session', csrfToken: res.locals.csrfToken, session });
    next();
  };

  /** The account behind a live session, re-read every few seconds so ended sessions and removed accounts lose access. */
  private async account(session: Session): Promise<User | undefined> {
    const now = Date.now();
    const cached = this.sessions.get(session.sid);
    if (cached && cached.until > now) return cached.user;
    const user = await sessionAccount(this.db, session);
    if (this.sessions.size >= 1000) this.sessions.clear();
    this.sessions.set(session.sid, { aid: session.aid, user, until: now + ACCOUNT_CACHE_MS });
    return user;
  }

  /** Forgets every cached session of an account at once (after its sessions were ended here). */
  forget(accountId: string): void {
    for (const [sid, s] of this.sessions) if (s.aid === accountId) this.sessions.delete(sid);
  }

  /** Issues a session, records it on the account (so it can be ended) and sets its cookie. */
  async startSession(req: Request, res: Response, user: User): Promise<void> {
    const { value, session, maxAgeMs } = this.codec.issue(user);
    await recordSession(this.db, session);
    res.cookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure, maxAge: maxAgeMs });
  }

  /** Ends this request's session on the server, so a kept copy of the cookie is worthless, and clears the cookie. */
  async endSession(req: Request, res: Response): Promise<void> {
    const how = authenticated.get(req);
    if (how?.via === 'session') {
      await endSession(this.db, how.session);
      this.sessions.delete(how.session.sid);
    }
    this.clearCookie(req, res);
  }

  private clearCookie(req: Request, res: Response): void {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure });
  }
}

const auths = new WeakMap<Database, Auth>();

/** The Auth of an app's database, made on first use (so the middleware and the accounts routes share caches). */
export function authFor(db: Database, config: Config): Auth {
  let auth = auths.get(db);
  if (!auth) {
    auth = new Auth(db, config);
    auths.set(db, auth);
  }
  return auth;
}

/** Sets `res.locals.user = {id, name, role} | undefined` from the session cookie or a bearer token. */
export function authMiddleware(db: Database, config: Config): RequestHandler {
  return authFor(db, config).middleware;
}

/** Whether the request was signed in with the session cookie (not a bearer token). */
export function signedInBySession(req: Request): boolean {
  return authenticated.get(req)?.via === 'session';
}

/** Lets the request through only for an account with this role or a higher one (admin > curator). */
export function requireRole(role: 'curator' | 'admin'): RequestHandler {
  return (req, res, next) => {
    if (!authenticated.has(req)) return next(new Error('requireRole is used on a route that authMiddleware does not cover.'));
    const user = res.locals.user;
    if (!user)
      return next(
        unauthenticated(
          req,
          res,
          `Sign in as ${role === 'admin' ? 'an admin' : 'a curator'} (at /signin), or send an API token as "Authorization: Bearer <token>".`,
        ),
      );
    if (!hasRole(user.role, role))
      return next(new DomainError('forbidden', `This needs the ${role} role; ${user.name} is a ${user.role}.`));
    next();
  };
}

/**
 * Refuses a state-changing request made with the session cookie unless it carries the session's
 * CSRF token (form field `_csrf` or header `X-CSRF-Token`). Bearer-token requests carry no ambient
 * credentials and pass. The `_csrf` field is removed from the body so strict schemas never see it.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  const body = req.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body._csrf : undefined;
  if (body && typeof body === 'object' && '_csrf' in body) delete body._csrf;
  const how = authenticated.get(req);
  if (SAFE_METHODS.has(req.method) || how?.via !== 'session') return next();
  const sent = Buffer.from(typeof field === 'string' ? field : (req.get('x-csrf-token') ?? ''));
  const expected = Buffer.from(how.csrfToken);
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    return next(new DomainError('forbidden', 'The security token of this form is missing or out of date: reload the page and try again.'));
  }
  next();
};
