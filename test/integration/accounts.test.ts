import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Database } from '../../src/data/database.js';
import { createAccount, type Role } from '../../src/domain/accounts/accounts.js';
import { hashSecret, verifySecret } from '../../src/domain/accounts/hashing.js';
import { createToken, revokeToken } from '../../src/domain/accounts/tokens.js';
import { requireRole } from '../../src/http/auth.js';
import { featureRouters } from '../../src/http/routes/index.js';
import { listenOnFreePort, testConfig, testDb, type Reply } from '../helpers/env.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUN = `t${Date.now().toString(36)}`;
const PASSWORD = 'correct horse battery staple';
const SESSION_SECRET = 'accounts-test-session-secret-0123456789';
const name = (what: string) => `${RUN}-${what}`;

interface App {
  url: string;
  db: Database;
  request(path: string, init?: RequestInit & { form?: Record<string, string>; json?: unknown }): Promise<Reply>;
  close(): Promise<void>;
}

/** The real app with every feature router, plus probe routes guarded by requireRole. */
async function startApp(overrides: Record<string, string> = {}): Promise<App> {
  const env = { SESSION_SECRET, SIGNIN_BASE_DELAY_MS: '5', SIGNIN_MAX_FAILURES_PER_IP: '1000', ...overrides };
  const config = testConfig(env);
  const db = testDb(env);
  const probe = Router();
  probe.get('/api/probe/curator', requireRole('curator'), (_req, res) => {
    res.json({ user: res.locals.user });
  });
  probe.get('/api/probe/admin', requireRole('admin'), (_req, res) => {
    res.json({ user: res.locals.user });
  });
  probe.post('/probe/form', requireRole('curator'), (req, res) => {
    res.json({ ok: true, body: req.body });
  });
  const app = createApp({ config, db, routers: [...featureRouters(db, config), probe] });
  const { server, url } = await listenOnFreePort(app);
  return {
    url,
    db,
    async request(p, init = {}) {
      const { form, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      let body = rest.body;
      if (form) {
        headers.set('content-type', 'application/x-www-form-urlencoded');
        body = new URLSearchParams(form).toString();
      } else if (json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(json);
      }
      const res = await fetch(url + p, { redirect: 'manual', ...rest, headers, body });
      const text = await res.text();
      const parsed = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await db.close();
    },
  };
}

let app: App;

async function addAccount(what: string, role: Role) {
  return createAccount(app.db, { name: name(what), role, password: PASSWORD });
}

function sessionCookie(res: Reply): string | undefined {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pa_session='));
  return cookie?.split(';')[0];
}

async function signIn(target: App, who: string, password = PASSWORD): Promise<Reply> {
  return target.request('/signin', { method: 'POST', form: { name: who, password } });
}

async function signedIn(who: string): Promise<string> {
  const res = await signIn(app, who);
  expect(res.status).toBe(303);
  return sessionCookie(res)!;
}

async function csrfTokenFor(cookie: string): Promise<string> {
  const page = await app.request('/signin', { headers: { cookie } });
  return /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
}

function expectProblem(res: Reply, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
}

/** Runs the users CLI as an operator would, against the test run's Neo4j. */
function users(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const n = inject('neo4j');
  const env = {
    ...process.env,
    NEO4J_URI: n.uri,
    NEO4J_USERNAME: n.username,
    NEO4J_PASSWORD: n.password,
    NEO4J_DATABASE: n.database ?? '',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/users.ts', ...args], { cwd: root, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

beforeAll(async () => {
  app = await startApp();
  await addAccount('signin', 'curator');
  await addAccount('admin', 'admin');
});

afterAll(async () => {
  await app.db.write('MATCH (t:ApiToken)-[:OF_ACCOUNT]->(a:Account) WHERE a.name STARTS WITH $run DETACH DELETE t', { run: RUN });
  await app.db.write('MATCH (a:Account) WHERE a.name STARTS WITH $run DETACH DELETE a', { run: RUN });
  await app.db.write('MATCH (t:SignInThrottle) DELETE t');
  await app.close();
});

describe('password hashing', () => {
  it('when a password is hashed, then the hash neither equals nor contains it, is salted, and verifies only that password', async () => {
    const first = await hashSecret(PASSWORD);
    const second = await hashSecret(PASSWORD);
    expect(first).not.toContain(PASSWORD);
    expect(first).toMatch(/^scrypt\$N=32768,r=8,p=1\$/);
    expect(second).not.toBe(first);
    await expect(verifySecret(PASSWORD, first)).resolves.toBe(true);
    await expect(verifySecret(`${PASSWORD}!`, first)).resolves.toBe(false);
    await expect(verifySecret(PASSWORD, 'not a hash')).resolves.toBe(false);
  });

  it('when an account is created, then its node is not an :Entity and keeps only the hash', async () => {
    await addAccount('hash', 'curator');
    const [row] = await app.db.read(
      'MATCH (a:Account {name: $name}) RETURN labels(a) AS labels, a.passwordHash AS hash, properties(a) AS props',
      {
        name: name('hash'),
      },
    );
    expect(row!.labels).toEqual(['Account']);
    expect(row!.hash).not.toContain(PASSWORD);
    expect(Object.values(row!.props as object)).not.toContain(PASSWORD);
    const search = await app.request(`/api/search?q=${encodeURIComponent(name('hash'))}`);
    expect(search.status).toBe(200);
    expect(search.body.hits).toEqual([]);
  });
});

describe('the users command', () => {
  it('when `add` gets a password on stdin, then the account exists, is listed, and signs in', async () => {
    const add = await users(['add', name('cli'), '--role', 'curator', '--password-stdin'], `${PASSWORD}\n`);
    expect(add.stderr).not.toContain('Error');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain(`Added curator "${name('cli')}"`);
    const list = await users(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${name('cli')}\\s+curator`));
    const res = await signIn(app, name('cli'));
    expect(res.status).toBe(303);
  });

  it('when the password is shorter than 12 characters, then `add` refuses with one line and exit 1', async () => {
    const add = await users(['add', name('weak'), '--role', 'curator', '--password-stdin'], 'short-pw\n');
    expect(add.code).toBe(1);
    expect(
      add.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('Error')),
    ).toEqual(['Error: password must be at least 12 characters.']);
    expect(add.stderr).not.toMatch(/\bat \S+\.(ts|js):\d+/);
    const [row] = await app.db.read('MATCH (a:Account {name: $name}) RETURN count(a) AS n', { name: name('weak') });
    expect(row!.n).toBe(0);
  });

  it('when `token` is run, then it prints a token once that works as a bearer, `tokens` lists it without the secret, and `revoke` ends it', async () => {
    await addAccount('clitoken', 'curator');
    const made = await users(['token', name('clitoken'), '--name', 'ci', '--expires-days', '7']);
    expect(made.code).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^pa_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const me = await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ name: name('clitoken'), role: 'curator' });

    const listed = await users(['tokens', name('clitoken')]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`pa_${token.split('_')[1]}_`);
    expect(listed.stdout).not.toContain(token);
    const id = /^([0-9a-f-]{36})\s+ci\b/m.exec(listed.stdout)![1]!;

    const revoked = await users(['revoke', id]);
    expect(revoked.code).toBe(0);
    const after = await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expectProblem(after, 401);
  });

  it('when an unknown name is given, then the command says so in one line and exits 1', async () => {
    const res = await users(['tokens', name('nobody')]);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe(`Error: No account named "${name('nobody')}".`);
  });
});

describe('signing in', () => {
  it('when a curator signs in, then an HttpOnly SameSite=Lax session cookie is set and pages show the name', async () => {
    const res = await signIn(app, name('signin'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('pa_session='))!;
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    expect(setCookie).not.toMatch(/;\s*Secure/i);
    const page = await app.request('/signin', { headers: { cookie: sessionCookie(res)! } });
    expect(page.text).toContain(`${name('signin')} (curator)`);
    expect(page.text).toContain('action="/signout"');
  });

  it('when the app is behind a TLS proxy it trusts, then the cookie is also Secure', async () => {
    const proxied = await startApp({ TRUST_PROXY: 'loopback' });
    try {
      const res = await proxied.request('/signin', {
        method: 'POST',
        form: { name: name('signin'), password: PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(res.status).toBe(303);
      expect(sessionCookie(res)).toBeDefined();
      expect(res.headers.getSetCookie().find((c) => c.startsWith('pa_session='))).toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
  });

  it('when the password is wrong, then 401, the form again and no cookie', async () => {
    await addAccount('wrongpw', 'curator');
    const res = await signIn(app, name('wrongpw'), 'not the password at all');
    expect(res.status).toBe(401);
    expect(res.text).toContain('Wrong name or password.');
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('when the name does not exist, then the answer is the same as for a wrong password', async () => {
    const res = await signIn(app, name('ghost'), 'not the password at all');
    expect(res.status).toBe(401);
    expect(res.text).toContain('Wrong name or password.');
  });

  it('when one address fails too often, then it is refused with 429 whatever name it tries', async () => {
    const limited = await startApp({ SIGNIN_MAX_FAILURES_PER_IP: '3' });
    try {
      for (let i = 0; i < 3; i += 1)
        await expect(signIn(limited, name(`spray${i}`), 'password guess').then((r) => r.status)).resolves.toBe(401);
      const refused = await signIn(limited, name('signin'));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('when a JSON client fails to sign in, then it gets a problem document', async () => {
    const res = await app.request('/signin', {
      method: 'POST',
      json: { name: name('ghost2'), password: 'nope nope nope' },
      headers: { accept: 'application/json' },
    });
    expectProblem(res, 401);
  });

  it('when the cookie is tampered with, then the request is anonymous', async () => {
    const cookie = await signedIn(name('signin'));
    const [, value] = cookie.split('=');
    const [payload, signature] = value!.split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    forged.role = 'admin';
    const res = await app.request('/api/me', {
      headers: { cookie: `pa_session=${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}` },
    });
    expectProblem(res, 401);
  });

  it('when a curator signs out, then the cookie is cleared', async () => {
    const cookie = await signedIn(name('signin'));
    const token = await csrfTokenFor(cookie);
    const res = await app.request('/signout', { method: 'POST', form: { _csrf: token }, headers: { cookie } });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('pa_session='))).toMatch(/pa_session=;.*Expires=Thu, 01 Jan 1970/i);
  });
});

describe('sessions that end', () => {
  const newNode = (id: string) => ({ kind: 'theme', id, name: `Theme ${id}` });

  it('when a signed-out cookie and its CSRF token are sent again, then GET /api/me is 401 and a write is refused, also after a restart', async () => {
    await addAccount('signout', 'curator');
    const cookie = await signedIn(name('signout'));
    const csrf = await csrfTokenFor(cookie);
    expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(200);

    expect((await app.request('/signout', { method: 'POST', form: { _csrf: csrf }, headers: { cookie } })).status).toBe(303);

    expectProblem(await app.request('/api/me', { headers: { cookie } }), 401);
    const write = await app.request('/api/nodes', {
      method: 'POST',
      json: newNode(name('never-made')),
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expectProblem(write, 401);
    const restarted = await startApp();
    try {
      expectProblem(await restarted.request('/api/me', { headers: { cookie } }), 401);
      expectProblem(
        await restarted.request('/api/nodes', {
          method: 'POST',
          json: newNode(name('never-made')),
          headers: { cookie, 'x-csrf-token': csrf },
        }),
        401,
      );
    } finally {
      await restarted.close();
    }
    const [row] = await app.db.read('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id: name('never-made') });
    expect(row!.n).toBe(0);
  });

  it('when a session is still signed in, then it survives a restart of the app', async () => {
    const cookie = await signedIn(name('signin'));
    const restarted = await startApp();
    try {
      const me = await restarted.request('/api/me', { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(me.body.user.name).toBe(name('signin'));
    } finally {
      await restarted.close();
    }
  });

  it('when one of two sessions signs out, then only that one ends', async () => {
    await addAccount('twodevices', 'curator');
    const laptop = await signedIn(name('twodevices'));
    const phone = await signedIn(name('twodevices'));
    await app.request('/signout', { method: 'POST', form: { _csrf: await csrfTokenFor(laptop) }, headers: { cookie: laptop } });
    expectProblem(await app.request('/api/me', { headers: { cookie: laptop } }), 401);
    expect((await app.request('/api/me', { headers: { cookie: phone } })).status).toBe(200);
  });

  it('when the password is changed, then every old cookie is refused, the changing browser gets a new session and only the new password signs in', async () => {
    await addAccount('pwchange', 'curator');
    const other = await signedIn(name('pwchange'));
    const cookie = await signedIn(name('pwchange'));
    const newPassword = 'a wholly different passphrase';
    const res = await app.request('/account/password', {
      method: 'POST',
      json: { current: PASSWORD, password: newPassword },
      headers: { cookie, accept: 'application/json', 'x-csrf-token': await csrfTokenFor(cookie) },
    });
    expect(res.status).toBe(200);
    const fresh = sessionCookie(res)!;
    expect(fresh).toBeDefined();

    expectProblem(await app.request('/api/me', { headers: { cookie } }), 401);
    expectProblem(await app.request('/api/me', { headers: { cookie: other } }), 401);
    expect((await app.request('/api/me', { headers: { cookie: fresh } })).status).toBe(200);
    expect((await signIn(app, name('pwchange'))).status).toBe(401);
    expect((await signIn(app, name('pwchange'), newPassword)).status).toBe(303);
  });

  it('when the current password given is wrong, then 400 names the field and nothing changes', async () => {
    await addAccount('pwwrong', 'curator');
    const cookie = await signedIn(name('pwwrong'));
    const res = await app.request('/account/password', {
      method: 'POST',
      json: { current: 'not my password at all', password: 'a wholly different passphrase' },
      headers: { cookie, accept: 'application/json', 'x-csrf-token': await csrfTokenFor(cookie) },
    });
    expectProblem(res, 400);
    expect(res.body.field).toBe('current');
    expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(200);
    expect((await signIn(app, name('pwwrong'))).status).toBe(303);
  });

  it("when the users command sets a password, then the account's sessions end", async () => {
    await addAccount('clipw', 'curator');
    const cookie = await signedIn(name('clipw'));
    const res = await users(['password', name('clipw'), '--password-stdin'], 'another long passphrase\n');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expectProblem(await app.request('/api/me', { headers: { cookie } }), 401);
  });

  it("when an admin changes a role, then that account's sessions end, and a made-up role is a 400", async () => {
    const account = await addAccount('demoted', 'curator');
    const victim = await signedIn(name('demoted'));
    const admin = await signedIn(name('admin'));
    const csrf = await csrfTokenFor(admin);
    const res = await app.request(`/admin/accounts/${account.id}/role`, {
      method: 'POST',
      form: { _csrf: csrf, role: 'reader' },
      headers: { cookie: admin },
    });
    expect(res.status).toBe(303);
    expectProblem(await app.request('/api/me', { headers: { cookie: victim } }), 401);
    const [row] = await app.db.read('MATCH (a:Account {id: $id}) RETURN a.role AS role', { id: account.id });
    expect(row!.role).toBe('reader');

    const bad = await app.request(`/admin/accounts/${account.id}/role`, {
      method: 'POST',
      form: { _csrf: csrf, role: 'owner' },
      headers: { cookie: admin },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('must be reader, curator or admin');
  });
});

describe('sign-in lockout', () => {
  const from = (address: string) => ({ 'x-forwarded-for': address, accept: 'application/json' });
  const attempt = (target: App, who: string, password: string, address: string) =>
    target.request('/signin', { method: 'POST', form: { name: who, password }, headers: from(address) });
  /** A problem without what differs between any two requests (its id, the seconds left). */
  const stable = (r: Reply) => ({ status: r.status, body: { ...r.body, requestId: undefined, retryAfter: typeof r.body?.retryAfter } });

  it('when one address fails 5 times for an account, then that address is refused even with the right password (also after a restart), but another address signs in', async () => {
    await addAccount('lockout', 'curator');
    const proxied = await startApp({ TRUST_PROXY: 'loopback' });
    try {
      for (let i = 0; i < 5; i += 1) expectProblem(await attempt(proxied, name('lockout'), `wrong password ${i}`, '203.0.113.7'), 401);
      const refused = await attempt(proxied, name('lockout'), PASSWORD, '203.0.113.7');
      expectProblem(refused, 429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
      expect(sessionCookie(refused)).toBeUndefined();

      const elsewhere = await attempt(proxied, name('lockout'), PASSWORD, '198.51.100.23');
      expect(elsewhere.status).toBe(303);
      expect(sessionCookie(elsewhere)).toBeDefined();
    } finally {
      await proxied.close();
    }
    const restarted = await startApp({ TRUST_PROXY: 'loopback' });
    try {
      expectProblem(await attempt(restarted, name('lockout'), PASSWORD, '203.0.113.7'), 429);
      expect((await attempt(restarted, name('lockout'), PASSWORD, '198.51.100.24')).status).toBe(303);
    } finally {
      await restarted.close();
    }
  });

  it('when a known and an unknown name fail the same number of times, then every answer has the same status and body, before and after a restart', async () => {
    await addAccount('known', 'curator');
    const [known, unknown] = [name('known'), name('unknown')];
    const proxied = await startApp({ TRUST_PROXY: 'loopback' });
    try {
      for (let i = 0; i < 7; i += 1) {
        const a = await attempt(proxied, known, `guess ${i}`, '203.0.113.9');
        const b = await attempt(proxied, unknown, `guess ${i}`, '203.0.113.9');
        expectProblem(a, i < 5 ? 401 : 429);
        expect(stable(b)).toEqual(stable(a));
      }
    } finally {
      await proxied.close();
    }
    const restarted = await startApp({ TRUST_PROXY: 'loopback' });
    try {
      const a = await attempt(restarted, known, 'guess 7', '203.0.113.9');
      const b = await attempt(restarted, unknown, 'guess 7', '203.0.113.9');
      expectProblem(a, 429);
      expect(stable(b)).toEqual(stable(a));
      expect(Math.abs(Number(a.headers.get('retry-after')) - Number(b.headers.get('retry-after')))).toBeLessThanOrEqual(2);
    } finally {
      await restarted.close();
    }
  });

  it('when sign-in failures are counted, then the graph holds neither the names nor the addresses tried', async () => {
    const throttles = async () => (await app.db.read('MATCH (t:SignInThrottle) RETURN count(t) AS n, collect(properties(t)) AS props'))[0]!;
    const before = await throttles();
    const proxied = await startApp({ TRUST_PROXY: 'loopback' });
    try {
      expectProblem(await attempt(proxied, name('counted'), 'a wrong password', '203.0.113.11'), 401);
    } finally {
      await proxied.close();
    }
    const row = await throttles();
    expect(row.n).toBeGreaterThan(before.n as number);
    const stored = JSON.stringify(row.props);
    expect(stored).not.toContain(RUN);
    expect(stored).not.toContain('203.0.113');
  });
});

describe('API tokens', () => {
  it('when a valid token is sent, then the request runs as its account', async () => {
    const account = await addAccount('bearer', 'curator');
    const { token } = await createToken(app.db, account.id, { name: 'test' });
    const res = await app.request('/api/probe/curator', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: account.id, name: name('bearer'), role: 'curator' });
  });

  it('when a revoked token is sent, then 401 with an invalid_token challenge, even on a public route', async () => {
    const account = await addAccount('revoked', 'curator');
    const created = await createToken(app.db, account.id, { name: 'test' });
    await revokeToken(app.db, created.id);
    const res = await app.request('/api/pathways', { headers: { authorization: `Bearer ${created.token}` } });
    expectProblem(res, 401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    expect(res.body.detail).toContain('revoked');
  });

  it('when an expired token is sent, then 401', async () => {
    const account = await addAccount('expired', 'curator');
    const created = await createToken(app.db, account.id, { name: 'test', expiresDays: 1 });
    await app.db.write('MATCH (t:ApiToken {id: $id}) SET t.expiresAt = datetime() - duration({minutes: 1})', { id: created.id });
    const res = await app.request('/api/probe/curator', { headers: { authorization: `Bearer ${created.token}` } });
    expectProblem(res, 401);
    expect(res.body.detail).toContain('expired');
  });

  it('when a token has the right prefix but a wrong secret, then 401', async () => {
    const account = await addAccount('forged', 'curator');
    const { token } = await createToken(app.db, account.id, { name: 'test' });
    const forged = `${token.slice(0, -4)}AAAA`;
    const res = await app.request('/api/probe/curator', { headers: { authorization: `Bearer ${forged}` } });
    expectProblem(res, 401);
  });

  it('when the token is stored, then only its hash is kept', async () => {
    const account = await addAccount('tokenhash', 'curator');
    const created = await createToken(app.db, account.id, { name: 'test' });
    const [row] = await app.db.read('MATCH (t:ApiToken {id: $id}) RETURN properties(t) AS props', { id: created.id });
    expect(JSON.stringify(row!.props)).not.toContain(created.token.slice('pa_'.length + 12 + 1));
  });
});

describe('requireRole', () => {
  it('when nobody is signed in, then 401 with a Bearer challenge on API paths', async () => {
    const res = await app.request('/api/probe/curator');
    expectProblem(res, 401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('when a curator asks for an admin route, then 403', async () => {
    const cookie = await signedIn(name('signin'));
    const res = await app.request('/api/probe/admin', { headers: { cookie } });
    expectProblem(res, 403);
  });

  it('when a curator or an admin asks for a curator route, then it runs', async () => {
    const curator = await app.request('/api/probe/curator', { headers: { cookie: await signedIn(name('signin')) } });
    expect(curator.status).toBe(200);
    const admin = await app.request('/api/probe/curator', { headers: { cookie: await signedIn(name('admin')) } });
    expect(admin.status).toBe(200);
    expect(admin.body.user.role).toBe('admin');
  });
});

describe('CSRF protection', () => {
  it('when a signed-in form post has no token, then 403', async () => {
    const cookie = await signedIn(name('signin'));
    const res = await app.request('/probe/form', { method: 'POST', form: { note: 'x' }, headers: { cookie, accept: 'application/json' } });
    expectProblem(res, 403);
  });

  it('when the token is wrong, then 403', async () => {
    const cookie = await signedIn(name('signin'));
    const res = await app.request('/probe/form', {
      method: 'POST',
      form: { note: 'x', _csrf: 'made-up' },
      headers: { cookie, accept: 'application/json' },
    });
    expectProblem(res, 403);
  });

  it('when the token of another session is sent, then 403', async () => {
    const other = await csrfTokenFor(await signedIn(name('signin')));
    const cookie = await signedIn(name('signin'));
    const res = await app.request('/probe/form', {
      method: 'POST',
      form: { _csrf: other },
      headers: { cookie, accept: 'application/json' },
    });
    expectProblem(res, 403);
  });

  it('when the form carries its token, then it runs and the handler never sees _csrf', async () => {
    const cookie = await signedIn(name('signin'));
    const res = await app.request('/probe/form', {
      method: 'POST',
      form: { note: 'x', _csrf: await csrfTokenFor(cookie) },
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expect(res.body.body).toEqual({ note: 'x' });
  });

  it('when a script sends the token as X-CSRF-Token, then it runs', async () => {
    const cookie = await signedIn(name('signin'));
    const res = await app.request('/probe/form', {
      method: 'POST',
      json: { note: 'y' },
      headers: { cookie, 'x-csrf-token': await csrfTokenFor(cookie) },
    });
    expect(res.status).toBe(200);
  });

  it('when the request uses a bearer token, then no CSRF token is needed', async () => {
    const account = await addAccount('csrfbearer', 'curator');
    const { token } = await createToken(app.db, account.id, { name: 'test' });
    const res = await app.request('/probe/form', { method: 'POST', json: { note: 'z' }, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });
});

describe('the admin page', () => {
  it('when anonymous, then 401; when a curator, then 403; when an admin, then the accounts are listed', async () => {
    expect((await app.request('/admin/accounts')).status).toBe(401);
    expect((await app.request('/admin/accounts', { headers: { cookie: await signedIn(name('signin')) } })).status).toBe(403);
    const page = await app.request('/admin/accounts', { headers: { cookie: await signedIn(name('admin')) } });
    expect(page.status).toBe(200);
    expect(page.text).toContain(name('signin'));
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('when an admin adds an account, makes a token, revokes it and removes the account, then each step takes effect', async () => {
    const cookie = await signedIn(name('admin'));
    const csrf = await csrfTokenFor(cookie);
    const headers = { cookie };

    const weak = await app.request('/admin/accounts', {
      method: 'POST',
      form: { _csrf: csrf, name: name('viaadmin'), role: 'curator', password: 'short' },
      headers,
    });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('at least 12 characters');

    const added = await app.request('/admin/accounts', {
      method: 'POST',
      form: { _csrf: csrf, name: name('viaadmin'), role: 'curator', password: PASSWORD },
      headers,
    });
    expect(added.status).toBe(303);
    const again = await app.request('/admin/accounts', {
      method: 'POST',
      form: { _csrf: csrf, name: name('viaadmin'), role: 'curator', password: PASSWORD },
      headers,
    });
    expect(again.status).toBe(409);
    const [row] = await app.db.read('MATCH (a:Account {name: $name}) RETURN a.id AS id', { name: name('viaadmin') });
    const id = row!.id as string;
    const victim = await signedIn(name('viaadmin'));

    const made = await app.request(`/admin/accounts/${id}/tokens`, {
      method: 'POST',
      form: { _csrf: csrf, name: 'nightly', expiresDays: '30' },
      headers,
    });
    expect(made.status).toBe(201);
    const token = /value="(pa_[0-9a-f]{12}_[A-Za-z0-9_-]{43})"/.exec(made.text)![1]!;
    const listing = await app.request('/admin/accounts', { headers });
    expect(listing.text).not.toContain(token);
    expect((await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    const [tokenRow] = await app.db.read('MATCH (t:ApiToken {prefix: $prefix}) RETURN t.id AS id', { prefix: token.split('_')[1] });
    const revoked = await app.request(`/admin/tokens/${String(tokenRow!.id)}/revoke`, { method: 'POST', form: { _csrf: csrf }, headers });
    expect(revoked.status).toBe(303);
    expect((await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    const removed = await app.request(`/admin/accounts/${id}/remove`, { method: 'POST', form: { _csrf: csrf }, headers });
    expect(removed.status).toBe(303);
    const [gone] = await app.db.read('MATCH (a:Account {id: $id}) RETURN count(a) AS n', { id });
    expect(gone!.n).toBe(0);
    expectProblem(await app.request('/api/me', { headers: { cookie: victim } }), 401);
  });

  it('when an admin form is posted without its CSRF token, then 403 and nothing changes', async () => {
    const cookie = await signedIn(name('admin'));
    const res = await app.request('/admin/accounts', {
      method: 'POST',
      form: { name: name('csrfless'), role: 'admin', password: PASSWORD },
      headers: { cookie },
    });
    expect(res.status).toBe(403);
    const [row] = await app.db.read('MATCH (a:Account {name: $name}) RETURN count(a) AS n', { name: name('csrfless') });
    expect(row!.n).toBe(0);
  });
});
