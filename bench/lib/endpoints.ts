/** The endpoints of issue 3 that the bench measures, with the varied ids, offsets and terms they are called with. */
import type { Database } from '../../src/data/database.js';
import { Rng } from './prng.js';
import { SYN_PREFIX } from './synthetic.js';

export interface Samples {
  caseIds: string[];
  realCaseIds: string[];
  placeIds: string[];
  pathFrom: string[];
  searchTerms: string[];
  pathwayOffsets: number[];
}

export interface Endpoint {
  key: string;
  /** The route as a pattern, for the table. */
  route: string;
  /** What the varied part is. */
  varies?: string;
  paths: string[];
  /** One of the two p95 targets. */
  target?: boolean;
}

const SEARCH_TERMS = [
  'energy',
  'Gent',
  'street lighting',
  'circular',
  'food',
  'procurement',
  'zero-emission',
  'Rotterdam',
  'PCP',
  'zurich',
  'laptops',
  'buses',
  'water',
  'ICLEI',
  'hospital',
];

/** Picks the samples from the loaded graph, deterministically (sorted ids, seeded choice). */
export async function pickSamples(db: Database, seed: number): Promise<Samples> {
  const rng = new Rng(seed ^ 0x5eed);
  const rows = await db.read('MATCH (c:Case) RETURN c.id AS id ORDER BY id');
  const all = rows.map((r) => String(r.id));
  const realCaseIds = all.filter((id) => !id.startsWith(SYN_PREFIX));
  const syn = all.filter((id) => id.startsWith(SYN_PREFIX));
  const chosen = new Set<string>();
  while (chosen.size < Math.min(200 - realCaseIds.length, syn.length)) chosen.add(rng.pick(syn));
  // Real cases are mixed in among the synthetic ones rather than called in a block.
  const caseIds = shuffle(rng, [...realCaseIds, ...chosen]);

  // Places and organisations reached from the sampled cases: popular places come up more often, as in real traffic.
  const placeRows = await db.read(`MATCH (c:Case)-[:LOCATED_IN]->(p:Place) WHERE c.id IN $ids RETURN DISTINCT p.id AS id ORDER BY id`, {
    ids: caseIds,
  });
  const realPlaces = await db.read(`MATCH (p:Place) WHERE NOT p.id STARTS WITH $prefix RETURN p.id AS id ORDER BY id`, {
    prefix: SYN_PREFIX,
  });
  const placeIds = shuffle(rng, [...new Set([...realPlaces.map((r) => String(r.id)), ...placeRows.map((r) => String(r.id))])]);
  const orgRows = await db.read(
    `MATCH (c:Case)-[:IMPLEMENTED_BY]->(o:Organisation) WHERE c.id IN $ids RETURN DISTINCT o.id AS id ORDER BY id LIMIT 20`,
    { ids: caseIds },
  );
  const pathFrom = shuffle(rng, [...caseIds.slice(0, 30), ...placeIds.slice(0, 30), ...orgRows.map((r) => String(r.id))]);

  const placeNames = await db.read(`MATCH (p:Place) WHERE p.id IN $ids RETURN p.name AS name ORDER BY name LIMIT 10`, {
    ids: placeIds.slice(0, 10),
  });
  const searchTerms = [...SEARCH_TERMS, ...placeNames.map((r) => String(r.name))];
  const pathwayOffsets = Array.from({ length: 50 }, (_, i) => i * 20);
  return { caseIds, realCaseIds, placeIds, pathFrom, searchTerms: shuffle(rng, searchTerms), pathwayOffsets: shuffle(rng, pathwayOffsets) };
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const enc = encodeURIComponent;

export function endpoints(s: Samples): Endpoint[] {
  return [
    { key: 'pathways', route: '/api/pathways', paths: ['/api/pathways'] },
    { key: 'pathway', route: '/api/pathways/12', paths: ['/api/pathways/12'] },
    {
      key: 'pathway-cases',
      route: '/api/pathways/12/cases?limit=20&offset=…',
      varies: `offset 0-${Math.max(...s.pathwayOffsets)} (${s.pathwayOffsets.length} pages)`,
      paths: s.pathwayOffsets.map((o) => `/api/pathways/12/cases?limit=20&offset=${o}`),
      target: true,
    },
    { key: 'sdg-cases', route: '/api/sdgs/12/cases?limit=20', paths: ['/api/sdgs/12/cases?limit=20'] },
    { key: 'target-cases', route: '/api/targets/12.7/cases?limit=20', paths: ['/api/targets/12.7/cases?limit=20'] },
    { key: 'cases-faceted', route: '/api/cases?pathway=12&sdg=12&limit=20', paths: ['/api/cases?pathway=12&sdg=12&limit=20'] },
    { key: 'cases-text', route: '/api/cases?q=energy&limit=20', paths: ['/api/cases?q=energy&limit=20'] },
    {
      key: 'case',
      route: '/api/cases/:id',
      varies: `${s.caseIds.length} cases (${s.realCaseIds.length} real)`,
      paths: s.caseIds.map((id) => `/api/cases/${enc(id)}`),
      target: true,
    },
    {
      key: 'case-similar',
      route: '/api/cases/:id/similar',
      varies: `${s.caseIds.length} cases`,
      paths: s.caseIds.map((id) => `/api/cases/${enc(id)}/similar`),
    },
    {
      key: 'place',
      route: '/api/places/:id',
      varies: `${s.placeIds.length} places`,
      paths: s.placeIds.map((id) => `/api/places/${enc(id)}`),
    },
    {
      key: 'search',
      route: '/api/search?q=…',
      varies: `${s.searchTerms.length} terms`,
      paths: s.searchTerms.map((q) => `/api/search?q=${enc(q)}`),
    },
    {
      key: 'neighborhood',
      route: '/api/graph/neighborhood?node=pathway-12&depth=1',
      paths: ['/api/graph/neighborhood?node=pathway-12&depth=1'],
    },
    {
      key: 'path',
      route: '/api/graph/path?from=…&to=sdg-12',
      varies: `${s.pathFrom.length} start nodes`,
      paths: s.pathFrom.map((id) => `/api/graph/path?from=${enc(id)}&to=sdg-12`),
    },
    { key: 'coverage', route: '/api/stats/coverage', paths: ['/api/stats/coverage'] },
  ];
}
