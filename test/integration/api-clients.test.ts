/**
 * Generated clients kept in step with the API: the TypeScript types (openapi-typescript) made from
 * the live document must equal test/clients/atlas-api.ts, which types the openapi-fetch calls below
 * (so `tsc` checks them); the Python client (openapi-python-client) is generated from the live
 * document into a venv under test-artifacts/ and run by test/clients/python_client_check.py. Both
 * make the same five calls on the running app: cases for Pathway 12, a faceted search, a case, the
 * Cypher console and an edit with a curator's token.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTypes, TYPES_FILE } from '../../scripts/api-types.js';
import { createAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { projectPath } from '../../src/paths.js';
import type { paths } from '../clients/atlas-api.js';
import { startTestApp, type JsonBody, type TestApp } from '../helpers/env.js';

const run = promisify(execFile);
const tag = `c${Date.now().toString(36)}`;
let app: TestApp;
let doc: JsonBody;
let token: string;
let accountId: string;
const created: string[] = [];

beforeAll(async () => {
  app = await startTestApp({}, { console: true });
  doc = (await app.get('/api/v1/openapi.json')).body;
  const account = await createAccount(app.db, { name: `clients${tag}`, role: 'curator', password: `a long passphrase ${tag}` });
  accountId = account.id;
  ({ token } = await createToken(app.db, account.id, { name: 'clients' }));
}, 180_000);

afterAll(async () => {
  await app?.db.write('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', { ids: created });
  await app?.db.write('MATCH (c:Change) WHERE c.by = $name DETACH DELETE c', { name: `clients${tag}` });
  await app?.db.write('MATCH (a:Account {id: $id}) OPTIONAL MATCH (t:ApiToken)-[:OF_ACCOUNT]->(a) DETACH DELETE t, a', { id: accountId });
  await app?.close();
});

/** A place of this test's own, created through the typed client, for the edits. */
async function newPlace(client: ReturnType<typeof createClient<paths>>, id: string): Promise<void> {
  const { data, error, response } = await client.POST('/api/v1/nodes', {
    body: { kind: 'place', id, name: `Clientville ${tag}`, placeType: 'town', country: 'NL', sources: ['src-basque-declaration'] },
    headers: { authorization: `Bearer ${token}` },
  });
  expect({ status: response.status, error }).toEqual({ status: 201, error: undefined });
  expect(data).toMatchObject({ id, version: 1 });
  created.push(id);
}

describe('the TypeScript client', () => {
  it('when types are generated from the live document, then they equal test/clients/atlas-api.ts (else run npm run api:types)', async () => {
    expect(await apiTypes(doc)).toBe(readFileSync(TYPES_FILE, 'utf8'));
  });

  it('when the typed client makes the five calls, then each answers as its types say', async () => {
    const client = createClient<paths>({ baseUrl: app.url });

    const page = await client.GET('/api/v1/pathways/{number}/cases', { params: { path: { number: 12 }, query: { limit: 2 } } });
    expect(page.response.status).toBe(200);
    const cases = page.data!.cases;
    expect(cases).toHaveLength(2);
    expect(page.data!.next).toBe(`${app.url}/api/v1/pathways/12/cases?limit=2&offset=2`);
    expect(page.response.headers.get('link')).toContain(`<${page.data!.next}>; rel="next"`);

    const search = await client.GET('/api/v1/cases', { params: { query: { pathway: [12], country: ['BE'], limit: 5 } } });
    expect(search.response.status).toBe(200);
    expect(search.data!.total).toBeGreaterThan(0);
    for (const c of search.data!.cases) {
      expect(c.pathways.map((p) => p.number)).toContain(12);
      expect(c.places.some((p) => p.country === 'BE')).toBe(true);
    }
    expect(Object.keys(search.data!.facets)).toEqual(expect.arrayContaining(['pathway', 'country']));

    const one = await client.GET('/api/v1/cases/{id}', { params: { path: { id: cases[0]!.id } } });
    expect(one.data).toMatchObject({ id: cases[0]!.id, kind: 'case' });
    expect(one.response.headers.get('etag')).toMatch(/^"\d+"$/);

    await app.console!.replica!.syncNow();
    const cypher = await client.POST('/api/v1/cypher', {
      body: { query: 'MATCH (p:Pathway) WHERE p.number IN $numbers RETURN p.number AS n ORDER BY n', params: { numbers: [9, 12] } },
    });
    expect(cypher.data).toMatchObject({ columns: ['n'], rows: [{ n: 9 }, { n: 12 }], truncated: false });

    const id = `place-ts-client-${tag}`;
    await newPlace(client, id);
    const edit = await client.PATCH('/api/v1/nodes/{id}', {
      params: { path: { id } },
      body: { altNames: ['TypeScript client edit'], version: 1 },
      headers: { authorization: `Bearer ${token}` },
    });
    expect({ status: edit.response.status, data: edit.data }).toEqual({ status: 200, data: { id, kind: 'place', version: 2 } });
    const anonymous = await client.PATCH('/api/v1/nodes/{id}', { params: { path: { id } }, body: { altNames: ['x'], version: 2 } });
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.error).toMatchObject({ status: 401, type: '/problems/unauthenticated' });
  });
});

describe('the Python client', () => {
  const dir = projectPath('test-artifacts', 'python');
  const venv = path.join(dir, 'venv');
  const bin = (name: string) => path.join(venv, 'bin', name);

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(bin('python'))) await run('python3', ['-m', 'venv', venv]);
    await run(
      bin('pip'),
      ['install', '--quiet', '--disable-pip-version-check', '-r', projectPath('test', 'clients', 'python-requirements.txt')],
      {
        timeout: 480_000,
      },
    );
  }, 600_000);

  it('when generated from the live document and installed, then its five calls answer as in the atlas', async () => {
    const spec = path.join(dir, 'openapi.json');
    writeFileSync(spec, JSON.stringify(doc));
    const out = path.join(dir, 'pathway-atlas-client');
    // --fail-on-warning: an operation the generator cannot read fails the test instead of going missing.
    await run(bin('openapi-python-client'), [
      'generate',
      '--path',
      spec,
      '--config',
      projectPath('test', 'clients', 'python-client.yaml'),
      '--output-path',
      out,
      '--meta',
      'setup',
      '--overwrite',
      '--fail-on-warning',
    ]);
    await run(bin('pip'), ['install', '--quiet', '--disable-pip-version-check', '--no-deps', '--force-reinstall', out], {
      timeout: 300_000,
    });

    const id = `place-py-client-${tag}`;
    await newPlace(createClient<paths>({ baseUrl: app.url }), id);
    await app.console!.replica!.syncNow();
    const { stdout } = await run(bin('python'), [projectPath('test', 'clients', 'python_client_check.py')], {
      env: { ...process.env, ATLAS_URL: app.url, ATLAS_TOKEN: token, ATLAS_NODE: id },
      timeout: 120_000,
    });
    const result: JsonBody = JSON.parse(stdout);
    const all = (await app.get('/api/v1/pathways/12/cases?limit=4')).body;
    expect(result.pathway12).toEqual({
      total: all.total,
      ids: all.cases.slice(0, 2).map((c: { id: string }) => c.id),
      next: `${app.url}/api/v1/pathways/12/cases?limit=2&offset=2`,
      nextIds: all.cases.slice(2, 4).map((c: { id: string }) => c.id),
    });
    expect(result.search.total).toBe((await app.get('/api/v1/cases?pathway=12&country=BE')).body.total);
    expect(result.search.countries).toContain('BE');
    expect(result.search.facets).toEqual(expect.arrayContaining(['pathway', 'country']));
    expect(result.case).toMatchObject({ id: all.cases[0].id, kind: 'case', links: expect.any(Number) });
    expect(result.cypher).toEqual({ columns: ['n'], rows: [{ n: 9 }, { n: 12 }], truncated: false });
    expect(result.edit).toEqual({ before: 1, after: 2, anonymous: 401 });
    expect((await app.get(`/api/v1/nodes/${id}`)).body.altNames).toEqual(['Python client edit']);
  }, 600_000);
});
