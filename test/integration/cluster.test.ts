import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { startTestApp, type TestApp } from '../helpers/env.js';

// The run's Neo4j through neo4j://: the driver asks it for a routing table and sends reads to the
// readers and writes to the writer it names, as it would with a cluster or Aura.
const routed = inject('neo4j').uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:');
const tag = randomUUID().slice(0, 8);
const ids: string[] = [];
let app: TestApp;
let accountId: string;
let auth: Record<string, string>;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...auth, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, etag: res.headers.get('etag'), body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  app = await startTestApp({ NEO4J_URI: routed });
  const account = await createAccount(app.db, { name: `cluster${tag}`, role: 'curator', password: `a long enough passphrase ${tag}` });
  accountId = account.id;
  auth = { authorization: `Bearer ${(await createToken(app.db, accountId, { name: 'cluster test' })).token}` };
});

afterAll(async () => {
  await app.db.write('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', { ids });
  await app.db.write('MATCH (c:Change) WHERE c.by = $by DETACH DELETE c', { by: `cluster${tag}` });
  await removeAccount(app.db, accountId);
  await app.close();
});

describe('against a neo4j:// (routing) URI', () => {
  it('when the app connects with neo4j://, then the server answers routing with a writer and readers', async () => {
    expect(app.db.driver.executeQueryBookmarkManager).toBeDefined();
    const rows = await app.db.read(
      'CALL dbms.routing.getRoutingTable({}, $db) YIELD servers UNWIND servers AS s RETURN s.role AS role, s.addresses AS addresses',
      { db: 'neo4j' },
    );
    const roles = Object.fromEntries(rows.map((r) => [r.role, r.addresses]));
    expect(Object.keys(roles).sort()).toEqual(['READ', 'ROUTE', 'WRITE']);
    expect(roles.WRITE).toEqual([new URL(routed.replace(/^neo4j/, 'http')).host]);
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('when a curator writes, then the very next read, in a new session, sees the write', async () => {
    for (let i = 0; i < 5; i += 1) {
      const id = `case-cluster-${tag}-${i}`;
      ids.push(id);
      const created = await call('POST', '/api/nodes', {
        kind: 'case',
        id,
        name: `Routed case ${i}`,
        summary: 'Written through neo4j://.',
        year: 2021,
        sources: ['src-basque-declaration'],
      });
      expect(created.status).toBe(201);
      const read = await call('GET', `/api/cases/${id}`);
      expect(read.status).toBe(200);
      expect(read.body.name).toBe(`Routed case ${i}`);

      const edited = await call('PATCH', `/api/nodes/${id}`, { summary: `Edited ${i}.` }, { 'if-match': '"1"' });
      expect(edited.status).toBe(200);
      const again = await call('GET', `/api/cases/${id}`);
      expect(again.body.summary).toBe(`Edited ${i}.`);
      expect(again.etag).toBe('"2"');
    }
    // Each write left a bookmark that the following reads waited for.
    expect([...(await app.db.driver.executeQueryBookmarkManager.getBookmarks())].length).toBeGreaterThan(0);
  });
});
