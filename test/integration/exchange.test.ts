import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import jsonld from 'jsonld';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Database } from '../../src/data/database.js';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { importGraph, type ImportInput, type ImportReport } from '../../src/domain/exchange/import.js';
import { defaultSeedDir, loadSeeds, resetGraph } from '../../src/domain/seed/load.js';
import { publicBaseUrl } from '../../src/http/routes/exchange.js';
import { startTestApp, testConfig, type JsonBody, type TestApp } from '../helpers/env.js';

const RUN = `x${Date.now().toString(36)}`;
const CHANGE_BY = `exchange-test-${RUN}`;
let app: TestApp;
let db: Database;
let curatorId: string;
let token: string;
let BASE: string;
const CONTENT = ['Entity', 'Change', 'Deleted', 'Merged'];

interface Doc {
  nodes: { id: string; labels: string[]; properties: Record<string, unknown> }[];
  relationships: { type: string; from: string; to: string; properties: Record<string, unknown> }[];
}

async function fetchExport(query: string) {
  const res = await fetch(`${app.url}/api/export?${query}`);
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function exportJson(query = ''): Promise<Doc> {
  const res = await fetchExport(`format=json${query ? `&${query}` : ''}`);
  expect(res.status).toBe(200);
  return JSON.parse(new TextDecoder().decode(res.bytes)) as Doc;
}

/** Sorted nodes and relationships; a blank id (a node without an id) is replaced by its content. */
function canonical(doc: Doc) {
  const stable = (v: unknown): string =>
    JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
  const nameOf = new Map(doc.nodes.map((n) => [n.id, n.id.startsWith('_:') ? `blank ${stable([n.labels, n.properties])}` : n.id]));
  const nodes = doc.nodes.map((n) => ({ id: nameOf.get(n.id), labels: [...n.labels].sort(), properties: stable(n.properties) }));
  const relationships = doc.relationships.map((r) => ({
    type: r.type,
    from: nameOf.get(r.from) ?? r.from,
    to: nameOf.get(r.to) ?? r.to,
    properties: stable(r.properties),
  }));
  const order = (a: object, b: object) => (stable(a) < stable(b) ? -1 : 1);
  return { nodes: nodes.sort(order), relationships: relationships.sort(order) };
}

const countOf = async (query: string, params = {}) => Number((await db.read(query, params))[0]?.n);
const postImport = (query: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/import?${query}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream', ...headers } });
const importDoc = (doc: unknown, dryRun: boolean) =>
  importGraph(db, { format: 'json', text: JSON.stringify(doc), name: 'test.json' }, { dryRun });
const docOf = (nodes: unknown[], relationships: unknown[] = []) => ({ format: 'pathway-atlas', version: 1, nodes, relationships });
const caseNode = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  labels: ['Entity', 'Case'],
  properties: { name: `Case ${id}`, summary: 'A test case.', ...extra },
});

/** Nodes of every value type, a history record with and one without an id, to test that nothing is lost. */
async function addTypedFixtures() {
  await db.write(
    `CREATE (c:Entity:Case {id: $id, kind: 'case', name: 'Typed values, "quoted", with | pipes, commas\\nand a line break', summary: 'Zürich & <Gent>',
       searchKey: 'typed', year: 2020, score: 3.0, ratio: 0.25, big: 9007199254740993, flag: true,
       reviewedOn: date('2020-01-15'), reviewedAt: datetime('2020-01-15T10:00:00[Europe/Brussels]'), localAt: localdatetime('2020-01-15T10:00:00.123456789'),
       opensAt: time('09:30:00+01:00'), closesAt: localtime('17:00:00'), runsFor: duration('P1M2DT3.5S'), spot: point({latitude: 51.05, longitude: 3.72}),
       weights: [1.0, 2.5], years: [2019, 2020], tags: ['a|b', 'c\\\\d', ''], dates: [date('2019-12-02')], nothing: []})
     WITH c MATCH (p:Place {id: 'place-ghent'}) CREATE (c)-[:LOCATED_IN {sources: ['src-news-2019-12-02-15-pathways'], basis: 'curated', weight: 1.0, since: date('2020-01-01')}]->(p)
     CREATE (h:Change {id: $changeId, at: datetime('2020-01-15T10:00:00Z'), by: $by, action: 'create', summary: 'made'})-[:CHANGED]->(c)
     CREATE (:Change {at: datetime('2020-01-16T10:00:00Z'), by: $by, action: 'note', summary: 'a record without an id'})`,
    { id: `case-${RUN}-typed`, changeId: `change-${RUN}`, by: CHANGE_BY },
  );
}

beforeAll(async () => {
  app = await startTestApp({ SESSION_SECRET: 'exchange-test-session-secret-0123456789' });
  BASE = publicBaseUrl(testConfig());
  db = app.db;
  await loadSeeds(db, { reset: true });
  const curator = await createAccount(db, { name: `curator-${RUN}`, role: 'curator', password: 'a long enough test passphrase' });
  curatorId = curator.id;
  token = (await createToken(db, curator.id, { name: 'exchange test' })).token;
});

// What a test made (its cases, its source, its history records) goes when it ends, so no test meets another's.
afterEach(async () => {
  await db.write('MATCH (n) WHERE n.id STARTS WITH $cases OR n.id = $source DETACH DELETE n', {
    cases: `case-${RUN}-`,
    source: `src-${RUN}`,
  });
  await db.write('MATCH (c:Change) WHERE c.by = $by DETACH DELETE c', { by: CHANGE_BY });
});

afterAll(async () => {
  // other test files share this Neo4j: leave the seed graph and nothing of ours behind
  await db.write('MATCH (c:Change) WHERE c.by = $by DETACH DELETE c', { by: CHANGE_BY });
  if (curatorId) await removeAccount(db, curatorId);
  await loadSeeds(db, { reset: true });
  await app.close();
});

describe('export', () => {
  it('when the graph is exported as JSON, then every node and relationship is there and no account or secret is', async () => {
    const doc = await exportJson();
    expect(doc).toMatchObject({ format: 'pathway-atlas', version: 1, exportedAt: expect.any(String) });
    const content = 'any(l IN labels(%) WHERE l IN $content)';
    expect(doc.nodes.length).toBe(await countOf(`MATCH (n) WHERE ${content.replace('%', 'n')} RETURN count(n) AS n`, { content: CONTENT }));
    expect(doc.relationships.length).toBe(
      await countOf(`MATCH (a)-[r]->(b) WHERE ${content.replace('%', 'a')} AND ${content.replace('%', 'b')} RETURN count(r) AS n`, {
        content: CONTENT,
      }),
    );
    // No account, token or migration node, and no secret property (case texts may well say "accountability").
    const labels = new Set(doc.nodes.flatMap((n) => n.labels));
    expect(['Account', 'ApiToken', 'SchemaMigration'].filter((l) => labels.has(l))).toEqual([]);
    const keys = new Set(doc.nodes.flatMap((n) => Object.keys(n.properties)));
    expect([...keys].filter((k) => /password|token|hash|secret/i.test(k))).toEqual([]);
    expect(JSON.stringify(doc)).not.toMatch(/passwordHash|tokenHash/);
    const goal = doc.nodes.find((n) => n.id === 'sdg-12')!;
    expect(goal.labels).toEqual(['Entity', 'Goal']);
    expect(goal.properties).toMatchObject({ number: 12, colour: '#BF8B2E' });
  });

  it('when a part is asked for by country, then it holds the matching cases, their neighbours and the relationships among them', async () => {
    const doc = await exportJson('country=BE');
    const ids = new Set(doc.nodes.map((n) => n.id));
    expect(ids).toContain('case-ghent-food-procurement');
    expect(ids).toContain('place-ghent');
    const cases = doc.nodes.filter((n) => n.labels.includes('Case')).map((n) => n.id);
    const belgian = await db.read('MATCH (c:Case)-[:LOCATED_IN]->(p:Place {country: "BE"}) RETURN collect(DISTINCT c.id) AS ids');
    expect(cases.sort()).toEqual(expect.arrayContaining((belgian[0]!.ids as string[]).sort()));
    for (const r of doc.relationships) expect(ids.has(r.from) && ids.has(r.to)).toBe(true);
    const inGraph = await countOf('MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN count(r) AS n', {
      ids: [...ids],
    });
    expect(doc.relationships.length).toBe(inGraph);
  });

  it('when kinds and a pathway are given, then only nodes of those kinds around the pathway cases are exported', async () => {
    const doc = await exportJson('kinds=case,place&pathway=12');
    expect(doc.nodes.length).toBeGreaterThan(0);
    for (const n of doc.nodes) expect(n.labels.some((l) => l === 'Case' || l === 'Place')).toBe(true);
    expect(doc.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['case-geestland-led-street-lighting', 'place-geestland']));
  });

  it('when a filter is not valid, then 400 names it', async () => {
    const res = await fetch(`${app.url}/api/export?format=pdf`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { field: string }).field).toBe('format');
  });

  it('when the graph is exported as GraphML, then a real XML parser reads it with one node and one edge per node and relationship', async () => {
    const doc = await exportJson();
    const res = await fetchExport('format=graphml');
    expect(res.headers.get('content-type')).toContain('application/graphml+xml');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?pathway-atlas-\d{8}T\d{6}Z\.graphml"?$/);
    const xml = new TextDecoder().decode(res.bytes);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ['key', 'node', 'edge', 'data'].includes(name),
    }).parse(xml);
    const graph = parsed.graphml.graph;
    expect(graph.edgedefault).toBe('directed');
    expect(graph.node).toHaveLength(doc.nodes.length);
    expect(graph.edge).toHaveLength(doc.relationships.length);
    const keys = parsed.graphml.key as { id: string; for: string; 'attr.name': string; 'attr.type': string }[];
    for (const k of keys) expect(['boolean', 'long', 'double', 'string']).toContain(k['attr.type']);
    expect(keys.find((k) => k.for === 'node' && k['attr.name'] === 'number')?.['attr.type']).toBe('long');
    expect(keys.find((k) => k.for === 'node' && k['attr.name'] === 'lat')?.['attr.type']).toBe('double');
    const ghent = graph.node.find((n: { id: string }) => n.id === 'place-ghent');
    expect(ghent.data.find((d: { key: string }) => d.key === 'labels')['#text']).toBe(':Entity:Place');
    const ids = new Set(graph.node.map((n: { id: string }) => n.id));
    for (const e of graph.edge) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it('when the graph is exported as JSON-LD, then the jsonld processor expands it with the UN ids for goals and targets and schema.org types', async () => {
    const res = await fetchExport('format=jsonld');
    expect(res.headers.get('content-type')).toContain('application/ld+json');
    const expanded = (await jsonld.expand(JSON.parse(new TextDecoder().decode(res.bytes)))) as Record<string, JsonBody>[];
    const byId = new Map(expanded.map((n) => [n['@id'], n]));
    const goal = byId.get('http://metadata.un.org/sdg/12');
    expect(goal).toBeDefined();
    expect(goal!['https://schema.org/name'][0]['@value']).toBe('Responsible consumption and production');
    const target = byId.get('http://metadata.un.org/sdg/12.7');
    expect(target!['http://www.w3.org/2004/02/skos/core#broader'][0]['@id']).toBe('http://metadata.un.org/sdg/12');
    const ghent = byId.get(`${BASE}/nodes/place-ghent`);
    expect(ghent!['@type']).toContain('https://schema.org/Place');
    expect(ghent!['https://schema.org/geo'][0]['https://schema.org/latitude'][0]['@value']).toBeCloseTo(51.05, 1);
    const ghentCase = byId.get(`${BASE}/nodes/case-ghent-food-procurement`);
    expect(ghentCase!['https://schema.org/spatialCoverage'].map((o: { '@id': string }) => o['@id'])).toContain(`${BASE}/nodes/place-ghent`);
    // The atlas's own terms have one namespace wherever the atlas is served.
    expect(ghentCase!['https://w3id.org/pathway-atlas/vocab#contributesTo'].map((o: { '@id': string }) => o['@id'])).toContain(
      'http://metadata.un.org/sdg/12.7',
    );
    expect(JSON.stringify(expanded)).not.toContain(`${BASE}/vocab#`);
    const source = expanded.find(
      (n) =>
        (n['@type'] ?? []).includes('https://schema.org/NewsArticle') &&
        /^\d{4}-\d{2}-\d{2}$/.test(n['https://schema.org/datePublished']?.[0]?.['@value'] ?? ''),
    );
    expect(source!['https://schema.org/datePublished'][0]).toMatchObject({ '@type': 'http://www.w3.org/2001/XMLSchema#date' });
    // A source dated only by year, or by year and month, is typed as that (xsd:date would refuse "2019").
    const published = expanded.flatMap((n) => (n['https://schema.org/datePublished'] ?? []) as { '@value': string; '@type': string }[]);
    const typeOf = (pattern: RegExp) => new Set(published.filter((d) => pattern.test(d['@value'])).map((d) => d['@type']));
    expect([...typeOf(/^\d{4}$/)]).toEqual(['http://www.w3.org/2001/XMLSchema#gYear']);
    expect([...typeOf(/^\d{4}-\d{2}$/)]).toEqual(['http://www.w3.org/2001/XMLSchema#gYearMonth']);
    expect([...typeOf(/^\d{4}-\d{2}-\d{2}$/)]).toEqual(['http://www.w3.org/2001/XMLSchema#date']);
    // A link's provenance: a statement about it, a prov:Entity derived from the sources that report it.
    const statement = expanded.find((n) => (n['@type'] ?? []).includes('http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement'));
    expect(statement!['@type']).toContain('http://www.w3.org/ns/prov#Entity');
    expect(statement!['http://www.w3.org/ns/prov#wasDerivedFrom'][0]['@id']).toMatch(new RegExp(`^${BASE}/nodes/src-`));
    expect(['https://w3id.org/pathway-atlas/vocab#stated', 'https://w3id.org/pathway-atlas/vocab#curated']).toContain(
      statement!['https://w3id.org/pathway-atlas/vocab#basis'][0]['@id'],
    );
    // A source's publisher is the organisation's node, not its id spelt out letter by letter.
    const withPublisher = expanded.filter((n) => n['https://schema.org/publisher']);
    expect(withPublisher.length).toBeGreaterThan(50);
    for (const n of withPublisher)
      for (const p of n['https://schema.org/publisher']) expect(p['@id']).toMatch(new RegExp(`^${BASE}/nodes/org-`));
  });

  it('when the graph is exported as CSV, then it is a zip with one file per node kind and relationship type', async () => {
    const doc = await exportJson();
    const res = await fetchExport('format=csv');
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?pathway-atlas-\d{8}T\d{6}Z\.zip"?$/);
    const files = unzipSync(res.bytes);
    const kinds = new Set(doc.nodes.map((n) => n.labels.find((l) => l !== 'Entity')));
    const types = new Set(doc.relationships.map((r) => r.type));
    expect(
      Object.keys(files)
        .filter((f) => f.startsWith('nodes/'))
        .sort(),
    ).toEqual([...kinds].map((k) => `nodes/${k}.csv`).sort());
    expect(
      Object.keys(files)
        .filter((f) => f.startsWith('relationships/'))
        .sort(),
    ).toEqual([...types].map((t) => `relationships/${t}.csv`).sort());
    const places = strFromU8(files['nodes/Place.csv']!).split('\r\n');
    expect(places[0]).toMatch(/^id,labels,name,altNames:string\[\],/);
    expect(places.find((l) => l.startsWith('place-ghent,'))).toContain('Gent|Gand');
    expect(places.length - 2).toBe(doc.nodes.filter((n) => n.labels.includes('Place')).length);
    expect(strFromU8(files['relationships/ILLUSTRATES.csv']!).split('\r\n')[0]).toMatch(/^from,to,/);
  });
});

describe('import', () => {
  it('when the graph is exported, reset and the export imported, then the next export has identical nodes, relationships and properties', async () => {
    await addTypedFixtures();
    const before = await exportJson();
    expect(before.nodes.some((n) => n.id.startsWith('_:'))).toBe(true);

    await resetGraph(db);
    expect(await countOf('MATCH (n) WHERE n:Entity OR n:Change OR n:Deleted OR n:Merged RETURN count(n) AS n')).toBe(0);
    const res = await postImport('dryRun=false', JSON.stringify(before), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { nodes: { created: number }; relationships: { created: number } };
    // the reset empties the atlas, curation records included, so every exported node comes back
    expect(report.nodes.created).toBe(before.nodes.length);

    const after = await exportJson();
    expect(canonical(after)).toEqual(canonical(before));
    const [typed] = await db.read(
      `MATCH (c:Case {id: $id}) RETURN valueType(c.score) AS score, toString(c.big) AS big, valueType(c.reviewedAt) AS at, toString(c.reviewedAt) AS atText,
              valueType(c.spot) AS spot, valueType(c.weights) AS weights, c.tags AS tags`,
      { id: `case-${RUN}-typed` },
    );
    expect(typed).toEqual({
      score: 'FLOAT NOT NULL',
      big: '9007199254740993',
      at: 'ZONED DATETIME NOT NULL',
      atText: '2020-01-15T10:00:00+01:00[Europe/Brussels]',
      spot: 'POINT NOT NULL',
      weights: 'LIST<FLOAT NOT NULL> NOT NULL',
      tags: ['a|b', 'c\\d', ''],
    });
  });

  it('when the CSV zip of the graph is imported again, then nothing would change', async () => {
    const res = await fetchExport('format=csv');
    const report = await importGraph(db, { format: 'csv', bytes: res.bytes, name: 'export.zip' }, { dryRun: true });
    expect(report.created).toEqual({ nodes: [], relationships: [] });
    expect(report.changed).toEqual({ nodes: [], relationships: [] });
    expect(report.nodes.unchanged).toBe((await exportJson()).nodes.length);
  });

  it('when the same JSON file is imported twice, then the second import changes nothing', async () => {
    const doc = docOf(
      [caseNode(`case-${RUN}-twice`, { checkedAt: { $type: 'datetime', value: '2020-01-15T10:00Z' }, year: 2021 })],
      [
        {
          type: 'LOCATED_IN',
          from: `case-${RUN}-twice`,
          to: 'place-ghent',
          properties: { sources: ['src-news-2019-12-02-15-pathways'], basis: 'stated' },
        },
      ],
    );
    const first = await importDoc(doc, false);
    expect(first.nodes).toEqual({ created: 1, changed: 0, unchanged: 0 });
    expect(first.relationships).toEqual({ created: 1, changed: 0, unchanged: 0 });
    const second = await importDoc(doc, false);
    expect(second.nodes).toEqual({ created: 0, changed: 0, unchanged: 1 });
    expect(second.relationships).toEqual({ created: 0, changed: 0, unchanged: 1 });
  });

  it('when a dry run is asked for, then it reports what would be created and changed, with the properties, and writes nothing', async () => {
    const ghent = (await exportJson()).nodes.find((n) => n.id === 'place-ghent')!;
    const doc = docOf(
      [
        { ...ghent, properties: { ...ghent.properties, name: 'Gent (Ghent)', lat: { $type: 'float', value: 51 } } },
        caseNode(`case-${RUN}-dry`),
      ],
      [{ type: 'LOCATED_IN', from: `case-${RUN}-dry`, to: 'place-ghent', properties: { sources: ['src-news-2019-12-02-15-pathways'] } }],
    );
    const res = await postImport('dryRun=true', JSON.stringify(doc), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    const report = (await res.json()) as ImportReport;
    expect(report).toMatchObject({
      dryRun: true,
      nodes: { created: 1, changed: 1, unchanged: 0 },
      relationships: { created: 1, changed: 0, unchanged: 0 },
    });
    expect(report.created.nodes).toEqual([`case-${RUN}-dry`]);
    expect(report.changed.nodes).toEqual([
      {
        id: 'place-ghent',
        properties: {
          lat: { before: ghent.properties.lat, after: { $type: 'float', value: 51 } },
          name: { before: 'Ghent', after: 'Gent (Ghent)' },
        },
      },
    ]);
    expect(await countOf('MATCH (c:Case {id: $id}) RETURN count(c) AS n', { id: `case-${RUN}-dry` })).toBe(0);
    expect((await db.read('MATCH (p:Place {id: "place-ghent"}) RETURN p.name AS name'))[0]!.name).toBe('Ghent');
  });

  it('when one record of a file is bad, then nothing is written and the error names the record', async () => {
    const doc = docOf([caseNode(`case-${RUN}-good`), caseNode(`case-${RUN}-bad`, { reviewedOn: { $type: 'date', value: '15/01/2020' } })]);
    const res = await postImport('dryRun=false', JSON.stringify(doc), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { detail: string; problems: string[] };
    expect(problem.problems).toEqual([expect.stringContaining(`nodes[1] (case-${RUN}-bad) property "reviewedOn"`)]);
    expect(problem.detail).toContain('nothing was written');
    expect(await countOf('MATCH (c:Case) WHERE c.id STARTS WITH $p RETURN count(c) AS n', { p: `case-${RUN}-good` })).toBe(0);
  });

  it('when a relationship names a node that is neither in the file nor in the graph, then the import is refused and nothing is written', async () => {
    const doc = docOf(
      [caseNode(`case-${RUN}-orphan`)],
      [{ type: 'LOCATED_IN', from: `case-${RUN}-orphan`, to: 'place-atlantis', properties: {} }],
    );
    await expect(importDoc(doc, false)).rejects.toMatchObject({
      problems: [
        `test.json: relationships[0] (case-${RUN}-orphan LOCATED_IN place-atlantis): no node with id "place-atlantis" in the file or in the graph`,
      ],
    });
    expect(await countOf('MATCH (c:Case {id: $id}) RETURN count(c) AS n', { id: `case-${RUN}-orphan` })).toBe(0);
  });

  it('when a file would create an account, then it is refused with the record named', async () => {
    const doc = docOf([caseNode(`case-${RUN}-acct`), { id: 'acct', labels: ['Account'], properties: { name: 'intruder', role: 'admin' } }]);
    await expect(importDoc(doc, false)).rejects.toMatchObject({
      problems: ['test.json: nodes[1] (acct): label "Account" may not be imported'],
    });
    expect(await countOf('MATCH (a:Account {name: "intruder"}) RETURN count(a) AS n')).toBe(0);
  });

  it('when a relationship breaks the model, then it is refused with the record named', async () => {
    const doc = docOf([caseNode(`case-${RUN}-model`)], [{ type: 'ALIGNS_WITH', from: `case-${RUN}-model`, to: 'sdg-12', properties: {} }]);
    await expect(importDoc(doc, true)).rejects.toMatchObject({
      problems: [`test.json: relationships[0] (case-${RUN}-model ALIGNS_WITH sdg-12): ALIGNS_WITH may not join a Case to a Goal`],
    });
  });

  it('when a YAML seed file links to a node already in the graph, then it imports, and again changes nothing', async () => {
    const yaml = [
      'sources:',
      `  - id: src-${RUN}`,
      '    title: Exchange test source',
      '    date: 2020-02-01',
      '    kind: web',
      'cases:',
      `  - id: case-${RUN}-yaml`,
      '    name: A case from YAML',
      '    summary: Written in the seed format.',
      '    year: 2020',
      `    sources: [src-${RUN}]`,
      'links:',
      `  - {from: case-${RUN}-yaml, type: LOCATED_IN, to: place-ghent, source: src-${RUN}}`,
      '',
    ].join('\n');
    const input: ImportInput = { format: 'yaml', text: yaml, name: 'extra.yaml' };
    const dry = await importGraph(db, input, { dryRun: true });
    expect(dry.created.nodes.sort()).toEqual([`case-${RUN}-yaml`, `src-${RUN}`]);
    expect(dry.created.relationships.sort()).toEqual([
      `case-${RUN}-yaml LOCATED_IN place-ghent`,
      `case-${RUN}-yaml REPORTED_IN src-${RUN}`,
    ]);
    await importGraph(db, input, { dryRun: false });
    const [row] = await db.read(
      'MATCH (c:Case {id: $id})-[r:LOCATED_IN]->(:Place {id: "place-ghent"}) RETURN c.year AS year, valueType(c.year) AS type, r.sources AS sources',
      {
        id: `case-${RUN}-yaml`,
      },
    );
    expect(row).toEqual({ year: 2020, type: 'INTEGER NOT NULL', sources: [`src-${RUN}`] });
    const again = await importGraph(db, input, { dryRun: true });
    expect(again.nodes).toEqual({ created: 0, changed: 0, unchanged: 2 });
    expect(again.relationships).toEqual({ created: 0, changed: 0, unchanged: 2 });
  });

  it('when a YAML record changes a curated node, then its version goes up and who created it stays', async () => {
    const [seeded] = await db.read("MATCH (t:Theme {id: 'theme-food'}) RETURN properties(t) AS props");
    onTestFinished(async () => {
      await db.write("MATCH (t:Theme {id: 'theme-food'}) SET t = $props", { props: seeded!.props as Record<string, unknown> });
    });
    await db.write("MATCH (t:Theme {id: 'theme-food'}) SET t.version = 3, t.createdBy = 'ana'");
    const yaml = 'themes:\n  - id: theme-food\n    name: Food\n    description: Food, farming and catering, rewritten.\n';
    const input: ImportInput = { format: 'yaml', text: yaml, name: 'themes.yaml' };
    const report = await importGraph(db, input, { dryRun: false });
    expect(report.changed.nodes).toHaveLength(1);
    expect(report.changed.nodes[0]!.properties).toMatchObject({
      version: { before: 3, after: 4 },
      description: { after: 'Food, farming and catering, rewritten.' },
    });
    const [row] = await db.read("MATCH (t:Theme {id: 'theme-food'}) RETURN t.version AS version, t.createdBy AS by");
    expect(row).toEqual({ version: 4, by: 'ana' });
    expect((await importGraph(db, input, { dryRun: true })).nodes).toEqual({ created: 0, changed: 0, unchanged: 1 });
  });

  it('when the seed folder is imported into the seeded graph, then nothing would change', async () => {
    const report = await importGraph(db, { format: 'yaml', dir: defaultSeedDir }, { dryRun: true });
    expect(report.created).toEqual({ nodes: [], relationships: [] });
    expect(report.changed).toEqual({ nodes: [], relationships: [] });
  });

  it('when a YAML or CSV record is bad, then the message names the file, the record and where', async () => {
    const yaml = `cases:\n  - id: case-${RUN}-y\n    name: Y\n    summary: S\n    year: nineteen\n    sources: [src-news-2019-12-02-15-pathways]\n`;
    await expect(importGraph(db, { format: 'yaml', text: yaml, name: 'bad.yaml' }, { dryRun: true })).rejects.toMatchObject({
      problems: [expect.stringMatching(new RegExp(`^bad\\.yaml: cases\\[0\\] \\(case-${RUN}-y\\) field "year"`))],
    });
    const csv = `id,labels,name,summary,year:int\r\ncase-${RUN}-c1,Entity|Case,One,S,2020\r\ncase-${RUN}-c2,Entity|Case,Two,S,twenty\r\n`;
    await expect(
      importGraph(db, { format: 'csv', bytes: new TextEncoder().encode(csv), name: 'Case.csv' }, { dryRun: false }),
    ).rejects.toMatchObject({
      problems: [`Case.csv line 3 (case-${RUN}-c2) column "year:int": must be an integer`],
    });
    expect(await countOf('MATCH (c:Case {id: $id}) RETURN count(c) AS n', { id: `case-${RUN}-c1` })).toBe(0);
  });

  it('when a single relationship CSV is posted, then its file name gives the type', async () => {
    await importDoc(docOf([caseNode(`case-${RUN}-rel`)]), false);
    const csv = `from,to,basis,sources:string[]\r\ncase-${RUN}-rel,pathway-12,"curated",src-news-2019-12-02-15-pathways\r\n`;
    const res = await postImport('format=csv&name=ILLUSTRATES.csv', csv, { authorization: `Bearer ${token}`, 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { created: { relationships: string[] } }).created.relationships).toEqual([
      `case-${RUN}-rel ILLUSTRATES pathway-12`,
    ]);
  });

  it('when an anonymous caller posts an import, then 401 and nothing is written', async () => {
    const res = await postImport('dryRun=false', JSON.stringify(docOf([caseNode(`case-${RUN}-anon`)])));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await countOf('MATCH (c:Case {id: $id}) RETURN count(c) AS n', { id: `case-${RUN}-anon` })).toBe(0);
  });
});
