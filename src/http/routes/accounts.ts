import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../data/database.js';
import {
  createAccount,
  findAccountById,
  listAccounts,
  newAccountSchema,
  passwordChangeSchema,
  removeAccount,
  role,
  setPassword,
  setRole,
} from '../../domain/accounts/accounts.js';
import { SignInGuard } from '../../domain/accounts/sign-in.js';
import { createToken, listTokens, newTokenSchema, revokeToken, type CreatedToken } from '../../domain/accounts/tokens.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { authFor, csrfProtection, requireRole, signedInBySession } from '../auth.js';
import { toProblem } from '../problems.js';
import { body, formBody, params } from '../validate.js';

const signInBody = z.object({
  name: z.string().max(200).default(''),
  password: z.string().max(1024).default(''),
  next: z.string().max(500).optional(),
});
const byId = z.strictObject({ id: z.uuid('must be an id as listed on this page') });
const roleChange = z.strictObject({ role });
const NOTICES = {
  'account-created': 'Account created.',
  'role-changed': 'Role changed; that account was signed out everywhere.',
  'account-removed': 'Account removed, with its tokens.',
  'token-revoked': 'Token revoked.',
} as const;
const FORM_ERRORS = new Set(['invalid-input', 'conflict', 'not-found']);

/** Only a path on this site, so the sign-in form cannot be used to send people elsewhere. */
function localPath(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : '/';
}

function wantsJson(req: Request): boolean {
  return req.originalUrl.startsWith('/api') || req.accepts(['html', 'json']) === 'json';
}

/** Express reads `trust proxy` when a request asks for req.secure or req.ip; set only when configured. */
function trustProxy(setting: boolean | number | string): RequestHandler {
  return (req, _res, next) => {
    if (req.app.get('trust proxy') !== setting) req.app.set('trust proxy', setting);
    next();
  };
}

function rateLimited(res: Response, retryAfterSeconds: number): DomainError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  res.set('Retry-After', String(retryAfterSeconds));
  return new DomainError('rate-limited', `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
    retryAfter: retryAfterSeconds,
  });
}

const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * Authentication for the whole app (session cookie or bearer token, then CSRF for forms), the
 * sign-in and sign-out forms, and the admin page for accounts and tokens. Mount it first.
 */
export function accountsRouter(db: Database, config: Config): Router {
  const router = Router();
  const auth = authFor(db, config);
  const guard = new SignInGuard(db, {
    maxFailuresPerAddress: config.SIGNIN_MAX_FAILURES_PER_IP,
    baseDelayMs: config.SIGNIN_BASE_DELAY_MS,
    secret: auth.secret,
  });

  if (config.TRUST_PROXY !== undefined) router.use(trustProxy(config.TRUST_PROXY));
  router.use(express.urlencoded({ extended: false, limit: '100kb' }));
  router.use(auth.middleware, csrfProtection);

  router.get('/signin', noStore, (req, res) => {
    res.render('signin', { title: 'Sign in', next: localPath(req.query.next), name: '', error: undefined });
  });

  router.post('/signin', noStore, async (req, res) => {
    const input = signInBody.safeParse(req.body ?? {});
    const form = { title: 'Sign in', next: localPath(input.data?.next), name: input.data?.name ?? '' };
    const outcome =
      input.success && input.data.name && input.data.password
        ? await guard.signIn(input.data.name, input.data.password, req.ip ?? '')
        : undefined;
    if (outcome?.ok) {
      await auth.startSession(req, res, outcome.user);
      return res.redirect(303, form.next);
    }
    let error = new DomainError('invalid-input', 'Enter your name and password.');
    if (outcome?.reason === 'invalid') error = new DomainError('unauthenticated', 'Wrong name or password.');
    if (outcome?.reason === 'rate-limited') error = rateLimited(res, outcome.retryAfterSeconds);
    if (wantsJson(req)) throw error;
    res.status(toProblem(error, req).status).render('signin', { ...form, error: error.message });
  });

  router.post('/signout', async (req, res) => {
    await auth.endSession(req, res);
    res.redirect(303, '/');
  });

  router.get('/api/me', requireRole('curator'), (_req, res) => {
    res.json({ user: res.locals.user });
  });

  const signedInOnly: RequestHandler = (req, res, next) => {
    if (res.locals.user) return next();
    if (wantsJson(req)) return next(new DomainError('unauthenticated', 'Sign in (at /signin) to change your password.'));
    res.redirect(303, `/signin?next=${encodeURIComponent(req.originalUrl)}`);
  };
  const passwordForm = { title: 'Change your password', error: undefined, notice: undefined };

  router.get('/account/password', noStore, signedInOnly, (_req, res) => {
    res.render('account-password', passwordForm);
  });

  // The current password is checked through the sign-in guard, so a borrowed session cannot guess it freely.
  router.post('/account/password', noStore, signedInOnly, async (req, res) => {
    const user = res.locals.user!;
    try {
      const input = body(passwordChangeSchema, req);
      if (input.current === input.password)
        throw new DomainError('invalid-input', 'password: must differ from the current one.', { field: 'password' });
      const check = await guard.signIn(user.name, input.current, req.ip ?? '');
      if (!check.ok && check.reason === 'rate-limited') throw rateLimited(res, check.retryAfterSeconds);
      if (!check.ok || check.user.id !== user.id)
        throw new DomainError('invalid-input', 'current: is not your current password.', { field: 'current' });
      await setPassword(db, user, input.password);
    } catch (err) {
      if (!(err instanceof DomainError) || !['invalid-input', 'rate-limited'].includes(err.code) || wantsJson(req)) throw err;
      return res.status(toProblem(err, req).status).render('account-password', { ...passwordForm, error: err.message });
    }
    // Every session of the account has ended, this one too: a session-signed-in person gets a fresh one.
    auth.forget(user.id);
    if (signedInBySession(req)) await auth.startSession(req, res, user);
    if (wantsJson(req)) return res.json({ changed: true });
    res.render('account-password', { ...passwordForm, notice: 'Password changed; other sessions were signed out.' });
  });

  const adminOnly = [noStore, requireRole('admin')];

  async function renderAdmin(
    res: Response,
    extra: { status?: number; notice?: string; error?: string; created?: CreatedToken; form?: unknown } = {},
  ) {
    const [accounts, tokens] = await Promise.all([listAccounts(db), listTokens(db)]);
    res.status(extra.status ?? 200).render('admin-accounts', { title: 'Accounts', accounts, tokens, ...extra });
  }

  /** A refused form shows the page again with the reason; other errors take the usual error path. */
  async function orShowError(req: Request, res: Response, form: unknown, work: () => Promise<void>) {
    try {
      await work();
    } catch (err) {
      if (!(err instanceof DomainError) || !FORM_ERRORS.has(err.code)) throw err;
      await renderAdmin(res, { status: toProblem(err, req).status, error: err.message, form });
    }
  }

  router.get('/admin/accounts', ...adminOnly, async (req, res) => {
    const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice as keyof typeof NOTICES] : undefined;
    await renderAdmin(res, { notice });
  });

  router.post('/admin/accounts', ...adminOnly, async (req, res) => {
    const posted = formBody(req);
    const form = { name: String(posted.name ?? ''), role: String(posted.role ?? 'curator') };
    await orShowError(req, res, form, async () => {
      await createAccount(db, body(newAccountSchema, req));
      res.redirect(303, '/admin/accounts?notice=account-created');
    });
  });

  router.post('/admin/accounts/:id/remove', ...adminOnly, async (req, res) => {
    await orShowError(req, res, undefined, async () => {
      const { id } = params(byId, req);
      await removeAccount(db, id);
      auth.forget(id);
      res.redirect(303, '/admin/accounts?notice=account-removed');
    });
  });

  router.post('/admin/accounts/:id/role', ...adminOnly, async (req, res) => {
    await orShowError(req, res, undefined, async () => {
      const { id } = params(byId, req);
      await setRole(db, id, body(roleChange, req).role);
      auth.forget(id);
      res.redirect(303, '/admin/accounts?notice=role-changed');
    });
  });

  router.post('/admin/accounts/:id/tokens', ...adminOnly, async (req, res) => {
    await orShowError(req, res, undefined, async () => {
      const { id } = params(byId, req);
      if (!(await findAccountById(db, id))) throw notFound('account', id);
      const created = await createToken(db, id, body(newTokenSchema, req));
      await renderAdmin(res, { status: 201, created });
    });
  });

  router.post('/admin/tokens/:id/revoke', ...adminOnly, async (req, res) => {
    await orShowError(req, res, undefined, async () => {
      await revokeToken(db, params(byId, req).id);
      res.redirect(303, '/admin/accounts?notice=token-revoked');
    });
  });

  return router;
}
