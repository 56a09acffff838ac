/**
 * Property-based fuzzing of every route the app declares (found by walking its router, with the
 * parameter schemas of the OpenAPI document): hostile and random values in every path and query
 * parameter and body never give a 5xx, a stack trace, the app's own Cypher or unescaped markup, and
 * read routes leave the graph exactly as it was.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Express } from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Database } from '../../src/data/database.js';
import { allQueryNames, graphDir } from '../../src/data/queries.js';
import { createAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { featureRouters } from '../../src/http/routes/index.js';
import type { QueryConsole } from '../../src/query-console.js';
import { listenOnFreePort, startTestConsole, testConfig, testDb } from '../helpers/env.js';

/** Property runs per route; with about 60 routes this keeps the file well under two minutes. */
const RUNS_PER_READ_ROUTE = 10;
const RUNS_PER_WRITE_ROUTE = 8;

/** Put into every parameter of every read route, one request each. */
const SWEEP = [
  "' OR 1=1 --",
  '}) DETACH DELETE n //',
  "x'}) MATCH (n) DETACH DELETE n //",
  '$id',
  '`id`',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  'x'.repeat(3000),
  '1e308',
  '18446744073709551616',
  '-0',
  'NaN',
  'Infinity',
  '-1',
  '0x10',
  '',
  '../../etc/passwd',
  '\u0000',
  '\u202e\uFFFF😀ü',
  '__proto__',
];
/** Drawn from by the random runs, besides random text. */
const HOSTILE = [...SWEEP, '" OR ""="', '1.5', ' 12 ', '[]', '{}', 'null', 'constructor'];
/** Sent without encoding: broken percent-escapes and percent-encoded invalid UTF-8. */
const RAW = ['%E0%A4%A', '%', '%ZZ', '%C3%28', '%FF%FE', '%00'];
const MARKUP = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>'];
const REAL = [
  'pathway-12',
  'sdg-12',
  'case-geestland-led-street-lighting',
  'place-ghent',
  'theme-food',
  '12',
  '12.7',
  '1',
  '17',
  'case',
  'place',
  'json',
];
const QUERY_NAMES = [
  'page',
  'q',
  'offset',
  'limit',
  'kind',
  'kinds',
  'node',
  'depth',
  'pathway',
  'sdg',
  'target',
  'country',
  'format',
  'from',
  'to',
  'next',
  'notice',
  'expand',
  'layout',
  'dryRun',
  'yearFrom',
];
const FORM_NAMES = [
  'kind',
  'id',
  'name',
  'version',
  'type',
  'to',
  'from',
  'sources',
  'basis',
  'note',
  'duplicate',
  'summary',
  'year',
  'password',
  'role',
  'next',
  'survivor',
];

const STACK = /\bat [^\s()]+ \([^)]*:\d+:\d+\)|\n\s+at \S+:\d+:\d+|node_modules[\\/]|\.[cm]?[jt]s:\d+:\d+/;
const NEO4J_INTERNALS = /Neo\.(ClientError|TransientError|DatabaseError)|Neo4jError/;
/** Lines of the app's own queries, none of which may ever reach a client. */
const INTERNAL_CYPHER = [
  ...new Set(
    allQueryNames().flatMap((name) =>
      readFileSync(path.join(graphDir, 'queries', `${name}.cypher`), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length >= 30 && !l.startsWith('//')),
    ),
  ),
];

interface Route {
  method: string;
  path: string;
  params: string[];
  query: { name: string; schema: Record<string, unknown> }[];
  bodyKeys?: string[];
}

/** A layer of an Express router stack: a route, or a router with a stack of its own. */
interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: unknown };
}

/** What the OpenAPI document says of an operation. */
interface Operation {
  parameters: { name: string; in: string; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
}

/** Every route of the app, from its router stack (page routes included). */
function routesOf(stack: Layer[]): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  for (const layer of stack) {
    if (layer.route) {
      for (const m of Object.keys(layer.route.methods))
        if (m !== '_all') out.push({ method: m.toUpperCase(), path: String(layer.route.path) });
    } else if (Array.isArray(layer.handle?.stack)) out.push(...routesOf(layer.handle.stack as Layer[]));
  }
  return out;
}

let app: Express;
let server: Server;
let db: Database;
let queryConsole: QueryConsole | undefined;
let url: string;
let routes: Route[];
let admin: Record<string, string>;
let curator: Record<string, string>;
let curatorName: string;
const accounts: string[] = [];
const tag = randomUUID().slice(0, 8);

/**
 * The graph's nodes, relationships and versioned ids. Bookkeeping that requests leave by design is
 * left out: the change feed, and the sign-in throttles a sign-in form posted with a name and a
 * password records (they expire on their own).
 */
async function graphChecksum(): Promise<string> {
  const [counts] = await db.read(
    'MATCH (n) WHERE NOT n:GraphChange AND NOT n:ChangeFeed AND NOT n:SignInThrottle WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships',
  );
  const rows = await db.read('MATCH (n) WHERE n.id IS NOT NULL RETURN n.id AS id, n.version AS version, labels(n) AS labels ORDER BY id');
  const hash = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  return `${String(counts!.nodes)} nodes, ${String(counts!.relationships)} relationships, ${hash}`;
}

async function tokenFor(role: 'admin' | 'curator'): Promise<{ headers: Record<string, string>; name: string }> {
  const name = `fuzz${role}${tag}`;
  const account = await createAccount(db, { name, role, password: `a long passphrase ${tag}` });
  accounts.push(account.id);
  const { token } = await createToken(db, account.id, { name: 'fuzz' });
  return { headers: { authorization: `Bearer ${token}` }, name };
}

beforeAll(async () => {
  // Requests go four at a time, so the console takes as many at once.
  const config = testConfig({ CYPHER_MAX_CONCURRENT: '8' });
  db = testDb();
  queryConsole = await startTestConsole(db, config);
  app = createApp({ config, db, routers: featureRouters(db, config, queryConsole.console) });
  ({ server, url } = await listenOnFreePort(app));
  admin = (await tokenFor('admin')).headers;
  ({ headers: curator, name: curatorName } = await tokenFor('curator'));
  const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>> };
  const declared = new Map<string, Operation>();
  for (const [p, ops] of Object.entries(doc.paths))
    for (const [m, op] of Object.entries(ops)) declared.set(`${m.toUpperCase()} ${routeOf(p)}`, op);
  const seen = new Set<string>();
  routes = [];
  for (const r of routesOf((app as unknown as { router: { stack: Layer[] } }).router.stack)) {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const op = declared.get(key);
    routes.push({
      ...r,
      params: [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!),
      query: op
        ? op.parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema }))
        : QUERY_NAMES.map((name) => ({ name, schema: {} })),
      bodyKeys: op?.requestBody ? Object.keys(op.requestBody.content['application/json']!.schema.properties ?? {}) : undefined,
    });
  }
}, 60_000);

afterAll(async () => {
  await db.write('MATCH (n) WHERE n.createdBy = $name OR n.updatedBy = $name DETACH DELETE n', { name: curatorName });
  await db.write('MATCH (c:Change) WHERE c.by = $name DETACH DELETE c', { name: curatorName });
  // Directly: removeAccount keeps the last admin, and the fuzz's admin may be the only one.
  await db.write('MATCH (a:Account) WHERE a.id IN $ids OPTIONAL MATCH (t:ApiToken)-[:OF_ACCOUNT]->(a) DETACH DELETE t, a', {
    ids: accounts,
  });
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await queryConsole?.close();
  await db?.close();
});

/** The route as mounted for a path of the OpenAPI document: /api/v1/cases/{id} is routed as /api/cases/:id. */
const routeOf = (p: string) => p.replace(/^\/api\/v1\//, '/api/').replace(/\{(\w+)\}/g, ':$1');

/** A value for a parameter: hostile text, random text or numbers, a value the schema admits, or a real one. */
function valueFor(schema: Record<string, unknown> = {}, real = true): fc.Arbitrary<string> {
  const fitting: fc.Arbitrary<string>[] = [];
  if (Array.isArray(schema.enum)) fitting.push(fc.constantFrom(...(schema.enum as unknown[]).map(String)));
  if (schema.type === 'integer' || schema.type === 'number') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : -5;
    const max = typeof schema.maximum === 'number' ? Math.min(schema.maximum, min + 1_000_000) : 1000;
    fitting.push(fc.integer({ min: min - 2, max: max + 2 }).map(String));
  }
  return fc.oneof(
    fc.constantFrom(...HOSTILE),
    ...(real ? [fc.constantFrom(...REAL)] : []),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.oneof(fc.integer(), fc.double(), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n })).map(String),
    ...fitting,
  );
}

/** A path or query part: encoded, or (sometimes) one of the raw broken escapes. */
const part = (value: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 6, arbitrary: value.map(encodeURIComponent) }, { weight: 1, arbitrary: fc.constantFrom(...RAW) });

function urlArbitrary(route: Route): fc.Arbitrary<string> {
  const segments = fc.tuple(...route.params.map(() => part(valueFor())));
  const names = [...route.query.map((q) => q.name), 'unknown', '__proto__'];
  const pair = fc.constantFrom(...names).chain((name) => {
    const schema = route.query.find((q) => q.name === name)?.schema ?? {};
    return fc.tuple(
      fc.oneof(
        { weight: 5, arbitrary: fc.constant(encodeURIComponent(name)) },
        { weight: 1, arbitrary: part(fc.string({ maxLength: 8 })) },
      ),
      part(valueFor(schema)),
    );
  });
  return fc.tuple(segments, fc.array(pair, { maxLength: 5 })).map(([values, pairs]) => {
    let i = 0;
    const p = route.path.replace(/:(\w+)/g, () => values[i++] ?? '');
    return pairs.length ? `${p}?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : p;
  });
}

/** Each hostile value, with the address that carries it in every parameter at once. */
function hostileUrls(route: Route): { value: string; url: string }[] {
  return [...SWEEP.map((h) => [h, encodeURIComponent(h)]), ...RAW.map((r) => [r, r])].map(([value, v]) => {
    const p = route.path.replace(/:(\w+)/g, v || 'x');
    const qs = route.query.map((q) => `${encodeURIComponent(q.name)}=${v}`).join('&');
    return { value: value!, url: qs ? `${p}?${qs}` : p };
  });
}

interface Sent {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Sends a request and expects an answer that breaks none of the rules; returns its status. */
async function expectSafeAnswer(route: Route, req: Sent): Promise<number> {
  const res = await fetch(url + req.path, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual' });
  const text = await res.text();
  const problems: string[] = [];
  const console = route.path === '/api/cypher';
  if (res.status >= 500 && !(console && res.status === 504)) problems.push(`status ${res.status}`);
  if (STACK.test(text)) problems.push('a stack trace');
  if (!console && NEO4J_INTERNALS.test(text)) problems.push('Neo4j error internals');
  const leaked = INTERNAL_CYPHER.find((line) => text.includes(line));
  if (leaked) problems.push(`the app's Cypher (${leaked})`);
  if ((res.headers.get('content-type') ?? '').includes('text/html')) {
    const markup = MARKUP.find((m) => text.includes(m));
    if (markup) problems.push(`unescaped markup ${markup}`);
  }
  // The request and the start of the answer beside the rules it broke, to show on failure.
  expect({ request: `${req.method} ${req.path.slice(0, 300)}`, status: res.status, answer: text.slice(0, 400), problems }).toMatchObject({
    problems: [],
  });
  return res.status;
}

const isRead = (r: Route) => r.method === 'GET' || (r.method === 'POST' && r.path === '/api/cypher');
/** Who reads: anonymous, or an admin, so that guarded pages are fuzzed beyond their 401. */
const reader = fc.constantFrom<Record<string, string>>({}, {}, { accept: 'application/json' }, { accept: 'text/html' });

const cypherBody = fc.record(
  {
    query: fc.oneof(
      fc.constantFrom(
        'MATCH (n) DETACH DELETE n',
        "CREATE (n:Entity {id: 'fuzz'}) RETURN n",
        "MATCH (p:Pathway {number: 12}) SET p.name = 'x' RETURN p",
        "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
        'CALL dbms.security.listUsers()',
        'MATCH (a:Account) RETURN a',
        'MATCH (p:Pathway) RETURN p.number ORDER BY p.number',
        'MATCH (n:Entity) WHERE n.name = $q RETURN n.id LIMIT 5',
        'RETURN 1; MATCH (n) DELETE n',
        'UNWIND range(1, 100000000) AS i RETURN count(i)',
      ),
      fc.constantFrom(...HOSTILE),
      fc.string({ maxLength: 60 }),
    ),
    params: fc.dictionary(
      fc.oneof(fc.constantFrom('q', 'id', '__proto__', '1x'), fc.string({ maxLength: 6 })),
      fc.jsonValue({ maxDepth: 3 }),
      { maxKeys: 3 },
    ),
  },
  { requiredKeys: [] },
);

describe('fuzzing every route', () => {
  it('when the routes are read from the app, then every route of the OpenAPI document and the pages are among them', async () => {
    const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const found = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const [p, ops] of Object.entries(doc.paths))
      for (const m of Object.keys(ops)) expect(found).toContain(`${m.toUpperCase()} ${routeOf(p)}`);
    for (const page of [
      'GET /',
      'GET /cases/:id',
      'GET /explore',
      'GET /search',
      'GET /curate/:id',
      'POST /curate/:id/links',
      'GET /admin/accounts',
      'POST /signin',
      'GET /api/export',
      'POST /api/import',
    ]) {
      expect(found).toContain(page);
    }
    expect(routes.length).toBeGreaterThan(55);
  });

  it('when every parameter of every read route holds an injection, a huge number or broken encoding, then no 5xx, nothing leaks and the graph is exactly as before', async () => {
    const before = await graphChecksum();
    const reads = routes.filter(isRead);
    for (const route of reads) {
      const urls = hostileUrls(route);
      // A few at a time: fast, without starving the shared machine.
      for (let i = 0; i < urls.length; i += 4) {
        await Promise.all(
          urls.slice(i, i + 4).map(({ value, url: u }, j) =>
            route.method === 'GET'
              ? expectSafeAnswer(route, { method: 'GET', path: u, headers: (i + j) % 2 ? admin : {} })
              : expectSafeAnswer(route, {
                  method: 'POST',
                  path: route.path,
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ query: value, params: { [value.slice(0, 20) || 'x']: value } }),
                }),
          ),
        );
      }
    }
    await expect(graphChecksum()).resolves.toBe(before);
  }, 120_000);

  it('when read routes get random parameters (fast-check), then no 5xx, nothing leaks and the graph is exactly as before', async () => {
    const before = await graphChecksum();
    for (const route of routes.filter(isRead)) {
      if (route.method === 'POST') {
        await fc.assert(
          fc.asyncProperty(cypherBody, async (body) => {
            await expectSafeAnswer(route, {
              method: 'POST',
              path: route.path,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            });
          }),
          { numRuns: RUNS_PER_READ_ROUTE * 2, endOnFailure: true },
        );
        continue;
      }
      await fc.assert(
        fc.asyncProperty(urlArbitrary(route), reader, fc.boolean(), async (u, headers, asAdmin) => {
          await expectSafeAnswer(route, { method: 'GET', path: u, headers: asAdmin ? { ...headers, ...admin } : headers });
        }),
        { numRuns: RUNS_PER_READ_ROUTE, endOnFailure: true },
      );
    }
    await expect(graphChecksum()).resolves.toBe(before);
  }, 120_000);

  it('when write routes get hostile and random bodies as a curator, then no 5xx, nothing leaks, and once what it made is removed the graph is exactly as before', async () => {
    const before = await graphChecksum();
    const jsonBody = (keys: string[]) =>
      fc.oneof(
        fc
          .dictionary(
            fc.oneof(fc.constantFrom(...keys, ...FORM_NAMES), fc.string({ maxLength: 6 })),
            fc.oneof(valueFor({}, false), fc.jsonValue({ maxDepth: 3 })),
            { maxKeys: 6 },
          )
          .map((o) => JSON.stringify(o)),
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
        fc.constantFrom('{"kind":', '{kind: 1}', '[1,', `{"a":${'['.repeat(2000)}${']'.repeat(2000)}}`, '\u0000', ''),
      );
    const formBody = fc
      .array(fc.tuple(fc.constantFrom(...FORM_NAMES, '__proto__', '_csrf'), valueFor({}, false)), { maxLength: 6 })
      .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
    const contentType = fc.constantFrom(
      'application/json',
      'application/json',
      'text/plain',
      'application/json; charset=utf-7',
      'application/xml',
    );
    for (const route of routes.filter((r) => !isRead(r))) {
      // Ids and values that name nothing real: a write fuzz must not be able to reach the seed graph.
      const idPart = part(
        fc.oneof(
          fc.constantFrom(...HOSTILE),
          fc.string({ maxLength: 20 }),
          fc.constant(`fuzz-missing-${tag}`),
          fc.constant(`change-${randomUUID()}`),
        ),
      );
      const target = fc.tuple(...route.params.map(() => idPart)).map((values) => {
        let i = 0;
        return route.path.replace(/:(\w+)/g, () => values[i++] ?? '');
      });
      const api = route.path.startsWith('/api');
      const body = api
        ? fc.tuple(jsonBody(route.bodyKeys ?? []), contentType)
        : fc.oneof(
            formBody.map((b) => [b, 'application/x-www-form-urlencoded'] as [string, string]),
            fc.tuple(jsonBody([]), contentType),
          );
      const query = fc.constantFrom(
        '',
        '?dryRun=true',
        '?dryRun=false&format=yaml',
        `?format=${encodeURIComponent("' OR 1=1")}`,
        '?%ZZ=%E0%A4%A',
      );
      await fc.assert(
        fc.asyncProperty(
          target,
          query,
          body,
          fc.constantFrom<Record<string, string>>({}, { 'if-match': '"1"' }, { 'if-match': 'W/"NaN"' }, { 'if-match': '"1e308"' }),
          async (p, q, [b, type], extra) => {
            await expectSafeAnswer(route, {
              method: route.method,
              path: p + q,
              headers: { ...curator, ...extra, 'content-type': type },
              body: b,
            });
          },
        ),
        { numRuns: RUNS_PER_WRITE_ROUTE, endOnFailure: true },
      );
    }
    // The fuzz aimed at nothing real, so what it made is only its own new nodes and their history.
    await db.write('MATCH (n) WHERE n.createdBy = $name DETACH DELETE n', { name: curatorName });
    await db.write('MATCH (c:Change) WHERE c.by = $name DETACH DELETE c', { name: curatorName });
    await expect(graphChecksum()).resolves.toBe(before);
  }, 120_000);
});
