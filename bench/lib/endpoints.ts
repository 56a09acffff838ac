/** The read endpoints the bench measures, with the varied ids, offsets and terms they are called with. */
import type { Database } from '../../src/data/database.js';
import { casesForGoal, casesForPathway, casesForTarget } from '../../src/domain/atlas/cases.js';
import { Rng } from './prng.js';
import { SYN_PREFIX } from './synthetic.js';

export interface Samples {
  caseIds: string[];
  realCaseIds: string[];
  placeIds: string[];
  pathFrom: string[];
  searchTerms: string[];
  /** Words for the case text search: common, middling and rare in the cases' names and summaries. */
  textTerms: { common: string[]; middling: string[]; rare: string[]; phrases: string[] };
  /** Query strings of the faceted search, each with two or more filters. */
  facetQueries: string[];
  /** Page offsets of each framework list, within its length. */
  offsets: { pathway: number[]; sdg: number[]; target: number[] };
  totals: { pathway: number; sdg: number; target: number };
}

export interface Endpoint {
  key: string;
  /** The route as a pattern, for the table. */
  route: string;
  /** What the varied part is. */
  varies?: string;
  paths: string[];
  /** Held to the p95 target. */
  target?: boolean;
  /** Held to the throughput target, beside the in-memory baseline. */
  throughput?: boolean;
  /** The in-memory endpoint the throughput of the others is compared with. */
  baseline?: boolean;
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

/** Words too common to say anything; the text search would match nearly every case. */
const STOP = new Set(
  'the and for with from that this was were into its their which using part wider tender run been have has are per cent more than'.split(
    ' ',
  ),
);

/**
 * Words of the cases' names and summaries by how many cases use them: the common ones (in the most
 * cases, short of the stop words), middling ones (0.2-2% of the cases) and rare ones (1-3 cases).
 */
function textTermsOf(rng: Rng, texts: string[]): Samples['textTerms'] {
  const df = new Map<string, number>();
  for (const text of texts) {
    const words = new Set(text.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
    for (const w of words) if (!STOP.has(w)) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const byDf = [...df].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const n = texts.length;
  const pickSome = (list: [string, number][], k: number) =>
    shuffle(rng, list)
      .slice(0, k)
      .map(([w]) => w);
  const common = pickSome(byDf.slice(0, 25), 8);
  const middling = pickSome(
    byDf.filter(([, d]) => d >= n * 0.002 && d <= n * 0.02),
    8,
  );
  const rare = pickSome(
    byDf.filter(([, d]) => d <= 3),
    8,
  );
  const phrases = [`${common[0]} ${middling[0]}`, `${common[1]} ${common[2]}`, 'street lighting', 'zero-emission buses'];
  return { common, middling, rare, phrases };
}

/** The top countries of the synthetic graph, by weight. */
const COUNTRY_CODES = ['DE', 'ES', 'IT', 'FR', 'NL', 'BE', 'SE', 'FI', 'DK', 'GB', 'US', 'PL'];

function facetQueriesOf(rng: Rng): string[] {
  const out = ['pathway=12&sdg=12&country=DE'];
  for (let i = 1; i < 30; i += 1) {
    const parts = [`pathway=${rng.pick([12, 12, 9, 10, 3, 7])}`, `sdg=${rng.pick([12, 12, 7, 11, 13, 9])}`];
    if (rng.chance(0.8)) parts.push(`country=${rng.pick(COUNTRY_CODES)}`);
    if (rng.chance(0.25)) parts.push(`yearFrom=${rng.int(2010, 2022)}`);
    if (rng.chance(0.15)) parts.push('sort=name');
    out.push(parts.join('&'));
  }
  return out;
}

/** Up to 50 page offsets, steps of 20, within a list of `total` cases (the first pages more often, as readers page). */
function offsetsWithin(rng: Rng, total: number): number[] {
  const last = Math.max(0, Math.floor((total - 1) / 20) * 20);
  const pages = Array.from({ length: 50 }, (_, i) => Math.min(last, i < 20 ? i * 20 : rng.int(0, last / 20) * 20));
  return shuffle(rng, pages);
}

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

  const texts = await db.read(`MATCH (c:Case) RETURN c.id AS id, coalesce(c.name, '') + ' ' + coalesce(c.summary, '') AS text ORDER BY id`);
  const textTerms = textTermsOf(
    rng,
    texts.map((r) => String(r.text)),
  );

  const page = { limit: 1, offset: 0 };
  const totals = {
    pathway: (await casesForPathway(db, 12, page)).total,
    sdg: (await casesForGoal(db, 12, page)).total,
    target: (await casesForTarget(db, '12.7', page)).total,
  };
  return {
    caseIds,
    realCaseIds,
    placeIds,
    pathFrom,
    searchTerms: shuffle(rng, searchTerms),
    textTerms,
    facetQueries: facetQueriesOf(rng),
    offsets: {
      pathway: offsetsWithin(rng, totals.pathway),
      sdg: offsetsWithin(rng, totals.sdg),
      target: offsetsWithin(rng, totals.target),
    },
    totals,
  };
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

const pages = (offsets: number[], total: number) =>
  `offset 0-${Math.max(...offsets)} of ${total.toLocaleString('en')} (${new Set(offsets).size} pages)`;

export function endpoints(s: Samples): Endpoint[] {
  const t = s.textTerms;
  const text = shuffle(new Rng(0x7e57), [...t.common, ...t.middling, ...t.rare, ...t.phrases]);
  return [
    { key: 'pathways', route: '/api/pathways', paths: ['/api/pathways'], baseline: true },
    { key: 'pathway', route: '/api/pathways/12', paths: ['/api/pathways/12'] },
    {
      key: 'pathway-cases',
      route: '/api/pathways/12/cases?limit=20&offset=…',
      varies: pages(s.offsets.pathway, s.totals.pathway),
      paths: s.offsets.pathway.map((o) => `/api/pathways/12/cases?limit=20&offset=${o}`),
      target: true,
      throughput: true,
    },
    {
      key: 'sdg-cases',
      route: '/api/sdgs/12/cases?limit=20&offset=…',
      varies: pages(s.offsets.sdg, s.totals.sdg),
      paths: s.offsets.sdg.map((o) => `/api/sdgs/12/cases?limit=20&offset=${o}`),
      target: true,
      throughput: true,
    },
    {
      key: 'target-cases',
      route: '/api/targets/12.7/cases?limit=20&offset=…',
      varies: pages(s.offsets.target, s.totals.target),
      paths: s.offsets.target.map((o) => `/api/targets/12.7/cases?limit=20&offset=${o}`),
      target: true,
      throughput: true,
    },
    {
      key: 'cases-faceted',
      route: '/api/cases?pathway=…&sdg=…&country=…&limit=20',
      varies: `${s.facetQueries.length} combinations of 2-4 filters`,
      paths: s.facetQueries.map((q) => `/api/cases?${q}&limit=20`),
      target: true,
    },
    {
      key: 'cases-text',
      route: '/api/cases?q=…&limit=20',
      varies: `${text.length} queries: ${t.common.length} common words, ${t.middling.length} middling, ${t.rare.length} rare, ${t.phrases.length} phrases`,
      paths: text.map((q) => `/api/cases?q=${enc(q)}&limit=20`),
      target: true,
    },
    {
      key: 'case',
      route: '/api/cases/:id',
      varies: `${s.caseIds.length} cases (${s.realCaseIds.length} real)`,
      paths: s.caseIds.map((id) => `/api/cases/${enc(id)}`),
      target: true,
      throughput: true,
    },
    {
      key: 'case-similar',
      route: '/api/cases/:id/similar',
      varies: `${s.caseIds.length} cases`,
      paths: s.caseIds.map((id) => `/api/cases/${enc(id)}/similar`),
      target: true,
    },
    {
      key: 'place',
      route: '/api/places/:id',
      varies: `${s.placeIds.length} places`,
      paths: s.placeIds.map((id) => `/api/places/${enc(id)}`),
      target: true,
    },
    {
      key: 'search',
      route: '/api/search?q=…',
      varies: `${s.searchTerms.length} terms`,
      paths: s.searchTerms.map((q) => `/api/search?q=${enc(q)}`),
      target: true,
    },
    {
      key: 'neighborhood',
      route: '/api/graph/neighborhood?node=pathway-12&depth=1',
      paths: ['/api/graph/neighborhood?node=pathway-12&depth=1'],
      target: true,
    },
    {
      key: 'path',
      route: '/api/graph/path?from=…&to=sdg-12',
      varies: `${s.pathFrom.length} start nodes`,
      paths: s.pathFrom.map((id) => `/api/graph/path?from=${enc(id)}&to=sdg-12`),
      target: true,
    },
    { key: 'coverage', route: '/api/stats/coverage', paths: ['/api/stats/coverage'] },
  ];
}
