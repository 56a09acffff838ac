import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { Router } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { listenOnFreePort, startTestConsole, testConfig, testDb, type Reply } from '../helpers/env.js';
import { featureRouters } from '../../src/http/routes/index.js';
import { DatabaseUnavailableError, type Database } from '../../src/data/database.js';

const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789';
const CASE = 'case-geestland-led-street-lighting';
const STACK = /\n\s+at |node_modules|\.ts:\d+|Neo4jError|Neo\.ClientError/;

/** A line the app logged, as pino writes it. */
interface LogLine {
  level: number;
  reqId?: string;
  status?: number;
  durationMs?: number;
  reason?: string;
  err?: { message: string; stack: string };
  [field: string]: unknown;
}

interface App {
  url: string;
  db: Database;
  lines: LogLine[];
  request(path: string, init?: RequestInit): Promise<Reply>;
  close(): Promise<void>;
}

/** The real app with a logger whose lines the test can read, and a route that fails on purpose. */
async function startApp(overrides: Record<string, string> = {}, options: { console?: boolean } = {}): Promise<App> {
  const config = testConfig({ METRICS_TOKEN, ...overrides });
  const db = testDb(overrides);
  const qc = options.console ? await startTestConsole(db, config) : undefined;
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as LogLine);
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const probe = Router()
    .get('/api/probe/fail', () => {
      throw new Error('boom at the probe: MATCH (n) RETURN n');
    })
    .get('/api/probe/unavailable', () => {
      throw new DatabaseUnavailableError('The graph database is not reachable right now.');
    });
  const app = createApp({ config, db, logger, routers: [...featureRouters(db, config, qc?.console), probe] });
  const { server, url } = await listenOnFreePort(app);
  return {
    url,
    db,
    lines,
    async request(path, init = {}) {
      const res = await fetch(url + path, { redirect: 'manual', ...init });
      const text = await res.text();
      const body = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
      return { status: res.status, headers: res.headers, text, body };
    },
    close: async () => {
      await qc?.close();
      await closeServer(server, db);
    },
  };
}

async function closeServer(server: Server, db: Database): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await db.close();
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** The problem document a client error must be: JSON, the status, a detail, a request id, no internals. */
function expectProblem(res: Reply, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.status).toBe(status);
  expect(typeof res.body.detail).toBe('string');
  expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  expect(res.text).not.toMatch(STACK);
}

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('security headers', () => {
  it('when a page is served, then it carries the strict Content-Security-Policy and the usual helmet headers', async () => {
    const res = await app.request('/');
    // With the errors the app logged, to show why on failure.
    expect({ status: res.status, errors: app.lines.filter((l) => l.level >= 50) }).toMatchObject({ status: 200 });
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "img-src 'self' data:",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(res.text).not.toMatch(/\sstyle="/i);
  });

  it('when the request is plain HTTP, then no HSTS header is sent', async () => {
    const res = await app.request('/');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('when a trusted proxy says the request came over HTTPS, then HSTS and upgrade-insecure-requests are sent', async () => {
    const proxied = await startApp({ TRUST_PROXY: 'loopback' });
    try {
      const res = await proxied.request('/', { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
      expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await proxied.close();
    }
  });

  it('when the JSON API is read, then it stays open to other origins', async () => {
    const res = await app.request('/api/pathways', { headers: { origin: 'https://notebook.example.org' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    const preflight = await app.request('/api/cases', {
      method: 'OPTIONS',
      headers: { origin: 'https://x.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
  });

  it('when the API reference page is served, then it needs no inline script either', async () => {
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    // Swagger UI and its starter are files under /static; no script element has a body.
    expect(res.text).toMatch(/<script src="\/static\//);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(res.text).not.toMatch(/<script[^>]*>[^<]+<\/script>/i);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('request ids', () => {
  it('when a request comes without an id, then one is made and returned in X-Request-Id', async () => {
    const res = await app.request('/api/pathways/12');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when a request brings a valid X-Request-Id, then the same id comes back and is in the problem document', async () => {
    const id = `trace-${randomUUID()}`;
    const res = await app.request('/api/pathways/99', { headers: { 'x-request-id': id } });
    expect(res.headers.get('x-request-id')).toBe(id);
    expectProblem(res, 400);
    expect(res.body.requestId).toBe(id);
  });

  it('when the incoming X-Request-Id is not a plain short token, then a new one is made instead', async () => {
    for (const bad of ['has spaces and "quotes"', 'x'.repeat(300), 'line\\nbreak{}']) {
      const res = await app.request('/api/pathways', { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id')).not.toBe(bad);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('when a request is answered, then one JSON log line gives its method, route pattern, status, duration and id', async () => {
    const id = `log-${randomUUID()}`;
    const res = await app.request(`/api/cases/${CASE}`, { headers: { 'x-request-id': id } });
    expect(res.status).toBe(200);
    await expect.poll(() => app.lines.filter((l) => l.reqId === id).length).toBe(1);
    const line = app.lines.find((l) => l.reqId === id)!;
    expect(line).toMatchObject({ level: 30, method: 'GET', route: '/api/cases/:id', url: `/api/cases/${CASE}`, status: 200 });
    expect(typeof line.durationMs).toBe('number');
    expect(JSON.stringify(line)).not.toMatch(/authorization|cookie/i);
  });

  it('when a route fails unexpectedly, then the 500 problem hides the cause and the error log line holds it with the request id', async () => {
    const id = `fail-${randomUUID()}`;
    const res = await app.request('/api/probe/fail', { headers: { 'x-request-id': id } });
    expectProblem(res, 500);
    expect(res.text).not.toContain('boom');
    expect(res.text).not.toContain('MATCH');
    await expect.poll(() => app.lines.filter((l) => l.reqId === id).length).toBe(1);
    const line = app.lines.find((l) => l.reqId === id)!;
    expect(line.level).toBe(50);
    expect(line.status).toBe(500);
    expect(line.err?.message).toContain('boom at the probe');
    expect(line.err?.stack).toContain('hardening.test.ts');
  });
});

describe('logs during an outage', () => {
  it('when Neo4j is unreachable, then the 503 is one warning line with the reason and no stack', async () => {
    const id = `away-${randomUUID()}`;
    const res = await app.request('/api/probe/unavailable', { headers: { 'x-request-id': id } });
    expectProblem(res, 503);
    await expect.poll(() => app.lines.filter((l) => l.reqId === id).length).toBe(1);
    const line = app.lines.find((l) => l.reqId === id)!;
    expect(line.level).toBe(40);
    expect(line.status).toBe(503);
    expect(line.reason).toBe('database-unavailable');
    expect(line.err).toBeUndefined();
  });
});

describe('hostile bodies and addresses', () => {
  it('when a JSON body is larger than 100 kB, then 413 is a problem naming the limit', async () => {
    const res = await app.request('/api/cypher', json({ query: 'RETURN 1', params: { pad: 'x'.repeat(150_000) } }));
    expectProblem(res, 413);
    expect(res.body.detail).toContain('100 kB');
    expect(res.body.limit).toBe(102_400);
  });

  it('when a JSON body is malformed, then 400 is a problem, not a stack trace', async () => {
    for (const text of ['{"query":', '{query: 1}', '[1,2', '"just a string"', '\u0000']) {
      const res = await app.request('/api/cypher', json(text));
      expectProblem(res, 400);
      expect(res.body.detail).toMatch(/JSON/);
    }
  });

  it('when the body is compressed in an unknown way or not UTF-8, then 415 says so', async () => {
    const encoded = await app.request('/api/cypher', json({ query: 'RETURN 1' }, { 'content-encoding': 'x-made-up' }));
    expectProblem(encoded, 415);
    const charset = await app.request('/api/cypher', json({ query: 'RETURN 1' }, { 'content-type': 'application/json; charset=klingon' }));
    expectProblem(charset, 415);
  });

  it('when JSON nests thousands of levels deep, then 400 refuses it before any schema walks it', async () => {
    const deep = `{"query":"RETURN 1","params":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const res = await app.request('/api/cypher', json(deep));
    expectProblem(res, 400);
    expect(res.body.detail).toMatch(/deeper than 64/);
  });

  it('when an address holds broken percent-encoding, then 400 answers for the API, pages and static files', async () => {
    const api = await app.request('/api/cases/%E0%A4%A');
    expectProblem(api, 400);
    const page = await app.request('/cases/%ZZ', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).not.toMatch(STACK);
    // Static files fall through to the 404 page when the name cannot be decoded.
    const asset = await app.request('/static/%E0%A4%A.css');
    expect([400, 404]).toContain(asset.status);
  });

  it('when an import body exceeds its own 20 MB limit, then 413 names that limit', async () => {
    const tag = randomUUID().slice(0, 8);
    const account = await createAccount(app.db, { name: `hardening${tag}`, role: 'curator', password: `a long passphrase ${tag}` });
    try {
      const { token } = await createToken(app.db, account.id, { name: 'tests' });
      const res = await app.request('/api/import?dryRun=true', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(21 * 1024 * 1024),
      });
      expectProblem(res, 413);
      expect(res.body.detail).toContain('20 MB');
    } finally {
      await removeAccount(app.db, account.id);
    }
  });
});

describe('rate limits', () => {
  it('when an address makes more API requests a minute than allowed, then 429 with Retry-After and RateLimit headers', async () => {
    const limited = await startApp({ RATE_LIMIT_API_PER_MINUTE: '5', RATE_LIMIT_CYPHER_PER_MINUTE: '100' });
    try {
      for (let i = 0; i < 5; i++) {
        const ok = await limited.request('/api/sdgs');
        expect(ok.status).toBe(200);
        expect(ok.headers.get('ratelimit-policy')).toContain('q=5');
        expect(ok.headers.get('ratelimit')).toMatch(/r=\d+/);
      }
      const refused = await limited.request('/api/sdgs');
      expectProblem(refused, 429);
      expect(refused.body.type).toBe('/problems/rate-limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(refused.body.retryAfter).toBe(Number(refused.headers.get('retry-after')));
      expect(refused.headers.get('access-control-allow-origin')).toBe('*');
      // Pages and the metrics are outside the API limit.
      expect((await limited.request('/coverage')).status).toBe(200);
      const metrics = await limited.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(metrics.text).toMatch(/http_rate_limited_total\{limit="api"\} 1/);
    } finally {
      await limited.close();
    }
  });

  it('when an address sends more Cypher queries a minute than allowed, then the stricter limit answers 429', async () => {
    const limited = await startApp({ RATE_LIMIT_API_PER_MINUTE: '100', RATE_LIMIT_CYPHER_PER_MINUTE: '2' }, { console: true });
    try {
      for (let i = 0; i < 2; i++)
        expect((await limited.request('/api/cypher', json({ query: 'MATCH (p:Pathway) RETURN count(p) AS n' }))).status).toBe(200);
      const refused = await limited.request('/api/cypher', json({ query: 'MATCH (p:Pathway) RETURN count(p) AS n' }));
      expectProblem(refused, 429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.headers.get('ratelimit-policy')).toMatch(/"cypher"; ?q=2/);
      // Other API reads still pass.
      expect((await limited.request('/api/pathways')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('when sign-in failures pass the per-address limit, then 429 carries Retry-After', async () => {
    const limited = await startApp({ SIGNIN_MAX_FAILURES_PER_IP: '1', SIGNIN_BASE_DELAY_MS: '0', SESSION_SECRET: 's'.repeat(40) });
    try {
      const attempt = () =>
        limited.request('/signin', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ name: `nobody-${randomUUID()}`, password: 'not the password at all' }).toString(),
        });
      expect((await attempt()).status).toBe(401);
      const refused = await attempt();
      expectProblem(refused, 429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('metrics', () => {
  const auth = { authorization: `Bearer ${METRICS_TOKEN}` };

  it('when METRICS_TOKEN is set and the request lacks it, then 401', async () => {
    expectProblem(await app.request('/metrics'), 401);
    expectProblem(await app.request('/metrics', { headers: { authorization: 'Bearer wrong-token-of-the-same-len' } }), 401);
  });

  it('when a case is read, then its route pattern (never the URL) is counted, with the Neo4j queries by name and process metrics', async () => {
    const label = /http_request_duration_seconds_count\{method="GET",route="\/api\/cases\/:id",status="200"\} (\d+)/;
    const before = Number(label.exec((await app.request('/metrics', { headers: auth })).text)?.[1] ?? 0);
    expect((await app.request(`/api/cases/${CASE}`)).status).toBe(200);
    expect((await app.request('/api/no/such/route')).status).toBe(404);
    const res = await app.request('/metrics', { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(Number(label.exec(res.text)?.[1])).toBe(before + 1);
    expect(res.text).toMatch(/# TYPE http_request_duration_seconds histogram/);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{le="0\.05",method="GET",route="\/api\/cases\/:id",status="200"\}/);
    expect(res.text).toMatch(/route="\(unmatched\)",status="404"/);
    expect(res.text).not.toContain(CASE);
    expect(res.text).not.toContain('/api/no/such/route');
    expect(res.text).toMatch(/neo4j_query_duration_seconds_count\{query="[a-z-]+\/[a-z-]+",mode="read",outcome="ok"\} \d+/);
    expect(res.text).toMatch(/neo4j_queries_in_flight\{mode="read"\} 0/);
    expect(res.text).toMatch(/process_cpu_user_seconds_total \d/);
    expect(res.text).toMatch(/nodejs_eventloop_lag_seconds/);
  });

  it('when no token is configured, then only a direct client on this machine may read the metrics', async () => {
    const open = await startApp({ METRICS_TOKEN: '' });
    try {
      expect((await open.request('/metrics')).status).toBe(200);
      expectProblem(await open.request('/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } }), 403);
    } finally {
      await open.close();
    }
  });
});
