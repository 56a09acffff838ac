import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATLAS_VOCAB } from '../../src/domain/exchange/formats/jsonld.js';
import { projectPath } from '../../src/paths.js';
import { startTestApp, type JsonBody, type TestApp } from '../helpers/env.js';
import { linkedDataPython, pythonCheck, tempFile } from '../support/python-tools.js';

// The JSON-LD export read by tools other than the app: pySHACL against graph/shapes/atlas.shacl.ttl,
// and rdflib parsing it and writing it back as Turtle and N-Triples. pySHACL takes 5-25 s over the
// whole graph on two busy cores, hence the longer time limits.
const SLOW = 180_000;

const SHAPES = projectPath('graph/shapes/atlas.shacl.ttl');
const BASE = 'http://localhost:3000'; // PUBLIC_BASE_URL's default, which the test app keeps
let app: TestApp;
let full: string;

interface ShaclResult {
  focus: string | null;
  path: string | null;
  value: string | null;
  constraint: string | null;
  message: string | null;
}
interface ShaclReport {
  conforms: boolean;
  triples: number;
  results: ShaclResult[];
}
interface RoundTrip {
  triples: number;
  turtleTriples: number;
  ntriplesTriples: number;
  subjects: number;
  sdg12AsObject: number;
  sdg12AsSubject: number;
  predicates: string[];
  illTyped: string[];
}

async function exportJsonLd(query = ''): Promise<string> {
  const res = await fetch(`${app.url}/api/export?format=jsonld${query}`);
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => {
  linkedDataPython(); // makes the tools' venv on a fresh clone (a pip install: allow for it)
  app = await startTestApp();
  full = await exportJsonLd();
}, 600_000);

afterAll(async () => {
  await app?.close();
});

describe('SHACL', () => {
  it('when the whole graph is exported as JSON-LD, then it conforms to the shapes', { timeout: SLOW }, () => {
    const report = pythonCheck<ShaclReport>('shacl', tempFile('atlas.jsonld', full), SHAPES);
    expect(report.results).toEqual([]);
    expect(report.conforms).toBe(true);
    expect(report.triples).toBeGreaterThan(20_000);
  });

  it(
    'when a filtered export (the cases of SDG 12) is validated, then it conforms too, though it refers to nodes it does not hold',
    { timeout: SLOW },
    async () => {
      const report = pythonCheck<ShaclReport>('shacl', tempFile('sdg12.jsonld', await exportJsonLd('&sdg=12')), SHAPES);
      expect(report.results).toEqual([]);
      expect(report.conforms).toBe(true);
    },
  );

  it('when the export is broken in six ways, then the shapes report each of them and it does not conform', { timeout: SLOW }, () => {
    const doc = JSON.parse(full) as { '@graph': JsonBody[] };
    const byId = new Map(doc['@graph'].map((n) => [n['@id'], n]));
    const geestlandCase = byId.get(`${BASE}/nodes/case-geestland-led-street-lighting`);
    const ghent = byId.get(`${BASE}/nodes/place-ghent`);
    const source = doc['@graph'].find((n) => n['@type']?.includes('atlas:Source') && n.datePublished);
    const statement = doc['@graph'].find((n) => n['@type']?.includes('rdf:Statement'));
    const target = byId.get('http://metadata.un.org/sdg/12.7');
    expect([geestlandCase, ghent, source, statement, target].every(Boolean)).toBe(true);
    delete geestlandCase.name; // a case without a name
    geestlandCase.illustrates = [`${BASE}/nodes/place-ghent`]; // a case that "illustrates" a place
    ghent.geo.latitude = 151.05; // off the globe
    source.datePublished = { '@value': 'last spring', '@type': 'xsd:date' }; // not a date
    statement.basis = 'atlas:guessed'; // a basis the atlas does not have
    target.broader = [`${BASE}/nodes/place-ghent`]; // a target under a place

    const report = pythonCheck<ShaclReport>('shacl', tempFile('broken.jsonld', JSON.stringify(doc)), SHAPES);
    expect(report.conforms).toBe(false);
    const found = (focus: string, path: string) => report.results.filter((r) => r.focus === focus && r.path === path);
    expect(found(`${BASE}/nodes/case-geestland-led-street-lighting`, 'https://schema.org/name')).toHaveLength(1);
    expect(found(`${BASE}/nodes/case-geestland-led-street-lighting`, `${ATLAS_VOCAB}illustrates`)).toHaveLength(1);
    expect(found(`${BASE}/nodes/place-ghent`, 'https://schema.org/geo')).toHaveLength(1);
    expect(found(source['@id'], 'https://schema.org/datePublished')).toHaveLength(1);
    // Statements are blank nodes: the one with the unknown basis is the only result on that path.
    expect(report.results.filter((r) => r.path === `${ATLAS_VOCAB}basis`)).toHaveLength(1);
    expect(found('http://metadata.un.org/sdg/12.7', 'http://www.w3.org/2004/02/skos/core#broader')).toHaveLength(1);
    // ... and, as the detail of the place's result, the latitude of its coordinates.
    expect(report.results.filter((r) => r.path === 'https://schema.org/latitude' && r.value === '151.05')).toHaveLength(1);
    // Nothing else was reported: the shapes point at what is wrong, not at everything.
    expect(report.results).toHaveLength(7);
  });
});

describe('rdflib', () => {
  let trip: RoundTrip;
  beforeAll(() => {
    trip = pythonCheck<RoundTrip>('roundtrip', tempFile('atlas.jsonld', full));
  }, SLOW);

  it('when the export is parsed, then every triple survives Turtle and N-Triples and every literal is well typed', () => {
    expect(trip.triples).toBeGreaterThan(20_000);
    expect(trip.turtleTriples).toBe(trip.triples);
    expect(trip.ntriplesTriples).toBe(trip.triples);
    expect(trip.illTyped).toEqual([]);
  });

  it("when the export is parsed, then SDG 12 is the UN's URI, described and referred to", () => {
    expect(trip.sdg12AsSubject).toBeGreaterThan(3);
    // Its targets, the pathways aligned with it and the cases contributing to it point at it.
    expect(trip.sdg12AsObject).toBeGreaterThan(10);
  });

  it('when the export is parsed, then its terms are schema.org, Dublin Core, SKOS, PROV-O and the constant atlas namespace, never one made from the host', () => {
    const namespaces = new Set(trip.predicates.map((p) => p.replace(/[^/#]+$/, '')));
    expect([...namespaces].sort()).toEqual(
      [
        'http://purl.org/dc/terms/',
        'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
        'http://www.w3.org/2004/02/skos/core#',
        'http://www.w3.org/ns/prov#',
        'https://schema.org/',
        ATLAS_VOCAB,
      ].sort(),
    );
    expect(trip.predicates).toContain('http://www.w3.org/ns/prov#wasDerivedFrom');
    expect(trip.predicates).toContain('http://purl.org/dc/terms/title');
  });
});

describe('the vocabulary', () => {
  it('when the export uses a term of the atlas vocabulary, then docs/linked-data.md describes it', () => {
    const doc = readFileSync(projectPath('docs/linked-data.md'), 'utf8');
    const parsed = JSON.parse(full) as { '@graph': JsonBody[]; '@context': Record<string, unknown> };
    const used = new Set<string>();
    const context = parsed['@context'];
    for (const node of parsed['@graph']) {
      for (const t of [node['@type'] ?? []].flat() as string[]) if (t.startsWith('atlas:')) used.add(t);
      for (const key of Object.keys(node)) {
        if (key.startsWith('@')) continue;
        const def = context[key];
        const iri = typeof def === 'string' ? def : ((def as { '@id'?: string } | undefined)?.['@id'] ?? `atlas:${key}`);
        if (iri.startsWith('atlas:')) used.add(iri);
      }
      if (node.basis) used.add(node.basis as string);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((term) => !doc.includes(`\`${term}\``)).sort()).toEqual([]);
  });
});
