import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { configSchema } from '../../src/config.js';
import { databaseFor, driverFor } from '../../src/data/connect.js';
import type { Database } from '../../src/data/database.js';
import { migrate } from '../../src/data/migrate.js';
import { defineQuery } from '../../src/data/queries.js';
import { createAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { createNode, newChangeId, updateNode } from '../../src/domain/curation/writes.js';
import { featureRouters } from '../../src/http/routes/index.js';
import { freePort, processAlive, startLocalNeo4j, type LocalNeo4jHandle } from '../../src/neo4j/local-server.js';
import { listenOnFreePort, testDb } from '../helpers/env.js';

/**
 * The README's bound: with the default driver limits (3 s to open a connection, 2 s of retries)
 * a request that needs a Neo4j that refuses connections is answered 503 within 5 s.
 */
const UNAVAILABLE_WITHIN_MS = 5_000;
const tag = randomUUID().slice(0, 8);
const source = `src-faults-${tag}`;
const caseRecord = (id: string) => ({
  id,
  name: `Fault test case ${id}`,
  summary: 'A port authority bought shore power.',
  year: 2022,
  sources: [source],
});
const newCase = (id: string) => ({ kind: 'case', ...caseRecord(id) });

describe('when Neo4j goes away under the running app', () => {
  let neo4j: LocalNeo4jHandle;
  let db: Database;
  let server: Server;
  let url: string;
  let auth: Record<string, string>;

  /** Writes carry the curator's token; reads go without, as a reader's would. */
  async function call(method: string, path: string, body?: unknown) {
    const started = performance.now();
    const res = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(method === 'GET' ? {} : auth) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      retryAfter: res.headers.get('retry-after'),
      body: text ? JSON.parse(text) : undefined,
      ms: performance.now() - started,
    };
  }

  beforeAll(async () => {
    // Its own server, so stopping it leaves the run's shared server alone.
    neo4j = await startLocalNeo4j({
      baseDir: '.neo4j',
      instance: `faults-${process.pid}`,
      boltPort: await freePort(),
      heap: '384m',
      pageCache: '64m',
    });
    const config = configSchema.parse({ NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.password, NODE_ENV: 'test' });
    db = databaseFor(driverFor(neo4j.uri, neo4j.username, neo4j.password, config), config);
    await migrate(db);
    const account = await createAccount(db, { name: `faults${tag}`, role: 'curator', password: `a long enough passphrase ${tag}` });
    await createNode(db, account, 'source', { id: source, title: 'A report', date: '2022-01-01', kind: 'publication' });
    auth = { authorization: `Bearer ${(await createToken(db, account.id, { name: 'faults' })).token}` };
    ({ server, url } = await listenOnFreePort(createApp({ config, db, routers: featureRouters(db, config) })));
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await db?.close();
    await neo4j?.stop();
    if (neo4j) rmSync(neo4j.home, { recursive: true, force: true });
  });

  it('then reads, writes and /health answer 503 problems within the stated time, and all recover without a restart once it is back', async () => {
    expect((await call('GET', '/health')).status).toBe(200);
    expect((await call('POST', '/api/nodes', newCase(`case-before-${tag}`))).status).toBe(201);

    const pid = neo4j.pid;
    await neo4j.stop();
    expect(processAlive(pid)).toBe(false);

    const [read, write, health, fromMemory] = await Promise.all([
      // History is read from Neo4j; a case's page and lists come from the read model held in memory.
      call('GET', `/api/nodes/case-before-${tag}/history`),
      call('POST', '/api/nodes', newCase(`case-during-${tag}`)),
      call('GET', '/health'),
      call('GET', `/api/cases/case-before-${tag}`),
    ]);
    // What the read model already holds is still served, so readers are not cut off by the outage.
    expect({ status: fromMemory.status, id: fromMemory.body.id }).toEqual({ status: 200, id: `case-before-${tag}` });
    for (const res of [read, write, health]) {
      expect(res.status).toBe(503);
      expect(res.type).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 503, title: 'Service unavailable' });
      expect(res.retryAfter).toBe('5');
      expect(res.ms).toBeLessThan(UNAVAILABLE_WITHIN_MS);
    }
    expect(health.body.detail).toMatch(/Neo4j cannot be reached/);

    // Back on the same port and data; the app was never restarted.
    await neo4j.start();
    await vi.waitFor(async () => expect((await call('GET', '/health')).status).toBe(200), { timeout: 30_000, interval: 500 });
    expect((await call('GET', `/api/cases/case-before-${tag}`)).status).toBe(200);
    // The write refused during the outage was not applied later.
    expect((await call('GET', `/api/cases/case-during-${tag}`)).status).toBe(404);
    expect((await call('POST', '/api/nodes', newCase(`case-after-${tag}`))).status).toBe(201);
    expect((await call('GET', `/api/cases/case-after-${tag}`)).body).toMatchObject({ id: `case-after-${tag}`, version: 1 });
  }, 180_000);
});

describe('transient errors and retried writes', () => {
  let db: Database;
  const by = { id: 'faults-test', name: `faults-${tag}` };
  const probes = [`probe-a-${tag}`, `probe-b-${tag}`];
  const cases: string[] = [];

  beforeAll(async () => {
    db = testDb();
    await createNode(db, by, 'source', { id: source, title: 'A report', date: '2022-01-01', kind: 'publication' });
  });

  afterAll(async () => {
    await db.write('MATCH (p:FaultProbe) WHERE p.id IN $ids DETACH DELETE p', { ids: probes });
    await db.write('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', { ids: [...cases, source] });
    await db.write('MATCH (c:Change) WHERE c.by = $by DETACH DELETE c', { by: by.name });
    await db.close();
  });

  it('when two transactions deadlock on the same two nodes, then the driver retries the one Neo4j stopped and each applies exactly once', async () => {
    const [a, b] = probes as [string, string];
    await db.write('UNWIND $ids AS id CREATE (:FaultProbe {id: id, n: 0, by: []})', { ids: probes });
    const bump = 'MATCH (p:FaultProbe {id: $id}) SET p.n = p.n + 1, p.by = p.by + $who';
    let aLocked!: () => void;
    let bLocked!: () => void;
    const aIsLocked = new Promise<void>((r) => (aLocked = r));
    const bIsLocked = new Promise<void>((r) => (bLocked = r));
    const attempts = { first: 0, second: 0 };
    // Each holds one node's lock and then asks for the other's: a real deadlock, which Neo4j breaks
    // by failing one transaction with Neo.TransientError.Transaction.DeadlockDetected.
    await Promise.all([
      db.writeTx(async (run) => {
        attempts.first += 1;
        await run(bump, { id: a, who: 'first' });
        aLocked();
        await bIsLocked;
        await run(bump, { id: b, who: 'first' });
      }),
      db.writeTx(async (run) => {
        attempts.second += 1;
        await run(bump, { id: b, who: 'second' });
        bLocked();
        await aIsLocked;
        await run(bump, { id: a, who: 'second' });
      }),
    ]);
    expect(attempts.first + attempts.second).toBe(3);
    const rows = await db.read('MATCH (p:FaultProbe) WHERE p.id IN $ids RETURN p.id AS id, p.n AS n, p.by AS by ORDER BY id', {
      ids: probes,
    });
    expect(rows.map((r) => ({ ...r, by: [...(r.by as string[])].sort() }))).toEqual([
      { id: a, n: 2, by: ['first', 'second'] },
      { id: b, n: 2, by: ['first', 'second'] },
    ]);
  });

  it('when a curation write runs again with the change id of a committed attempt, then it answers the first result and writes nothing more', async () => {
    const id = `case-retried-${tag}`;
    cases.push(id);
    const changeId = newChangeId();
    const first = await createNode(db, by, 'case', caseRecord(id), changeId);
    expect(await createNode(db, by, 'case', caseRecord(id), changeId)).toEqual(first);
    // A new attempt under a new change id is a second create, and is refused as such.
    await expect(createNode(db, by, 'case', caseRecord(id))).rejects.toMatchObject({ code: 'conflict' });

    const edit = newChangeId();
    expect(await updateNode(db, by, id, 1, { summary: 'Edited once.' }, edit)).toMatchObject({ version: 2 });
    expect(await updateNode(db, by, id, 1, { summary: 'Edited once.' }, edit)).toMatchObject({ version: 2 });
    const [row] = await db.read('MATCH (c:Entity {id: $id}) RETURN c.version AS version, COUNT { (:Change)-[:CHANGED]->(c) } AS changes', {
      id,
    });
    expect(row).toEqual({ version: 2, changes: 2 });
  });

  it('when account creation runs again with the same id, then there is still one account', async () => {
    const params = { id: randomUUID(), name: `faultsretry${tag}`, role: 'reader', passwordHash: 'not-a-real-hash' };
    onTestFinished(async () => {
      await db.write('MATCH (a:Account {id: $id}) DETACH DELETE a', { id: params.id });
    });
    const [first] = await db.write(defineQuery('accounts/create-account'), params);
    const [again] = await db.write(defineQuery('accounts/create-account'), params);
    expect(again).toEqual(first);
    expect((await db.read('MATCH (a:Account {name: $name}) RETURN count(a) AS n', params))[0]?.n).toBe(1);
  });
});
