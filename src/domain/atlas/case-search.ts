import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { composeQuery, defineQuery, type Query } from '../../data/queries.js';
import { luceneQuery } from '../text.js';
import { CARD_FORMAT } from './case-cards.js';
import { caseSummaries } from './cases.js';

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      v === undefined
        ? undefined
        : (Array.isArray(v) ? v : [v])
            .flatMap((x) => String(x).split(','))
            .map((x) => x.trim())
            .filter(Boolean),
    z.array(item).min(1).max(20).optional(),
  );

const idList = list(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an id such as theme-food'));

/** The filters of GET /api/cases; values of one filter are alternatives, filters combine with AND. */
export const caseSearchSchema = z
  .strictObject({
    q: z.string().trim().min(1).max(200).optional().describe('free text, matched against names, summaries and alternate names'),
    pathway: list(z.coerce.number().int().min(1).max(15)).describe('pathway numbers, e.g. 12 or 9,12'),
    sdg: list(z.coerce.number().int().min(1).max(17)).describe('goal numbers; a case counts when linked to the goal or any of its targets'),
    target: list(z.string().regex(/^\d{1,2}\.(\d{1,2}|[a-z])$/, 'must be a target code such as 12.7')).describe('target codes, e.g. 12.7'),
    theme: idList.describe('theme ids, e.g. theme-food'),
    approach: idList.describe('procurement approach ids'),
    country: list(
      z
        .string()
        .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as BE')
        .transform((c) => c.toUpperCase()),
    ).describe('ISO country codes'),
    place: idList.describe('place ids (includes the places inside them)'),
    initiative: idList.describe('initiative ids'),
    yearFrom: z.coerce.number().int().min(1900).max(2100).optional(),
    yearTo: z.coerce.number().int().min(1900).max(2100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .refine((f) => f.yearFrom === undefined || f.yearTo === undefined || f.yearFrom <= f.yearTo, {
    message: 'must not be after yearTo',
    path: ['yearFrom'],
  });

export type CaseSearch = z.infer<typeof caseSearchSchema>;

const FILTERS = ['pathway', 'sdg', 'target', 'theme', 'approach', 'country', 'place', 'initiative', 'yearFrom', 'yearTo'] as const;
type Filter = (typeof FILTERS)[number];

/** The parts a search is put together from (graph/queries/cases/search): an anchor, a condition per filter, the tail. */
const ANCHORS = {
  text: defineQuery('cases/search/anchor-text'),
  place: defineQuery('cases/search/anchor-place'),
  initiative: defineQuery('cases/search/anchor-initiative'),
  pathway: defineQuery('cases/search/anchor-pathway'),
  all: defineQuery('cases/search/anchor-all'),
};
const CONDITIONS: Record<Filter, Query> = {
  pathway: defineQuery('cases/search/filter-pathway'),
  sdg: defineQuery('cases/search/filter-sdg'),
  target: defineQuery('cases/search/filter-target'),
  theme: defineQuery('cases/search/filter-theme'),
  approach: defineQuery('cases/search/filter-approach'),
  country: defineQuery('cases/search/filter-country'),
  place: defineQuery('cases/search/filter-place'),
  initiative: defineQuery('cases/search/filter-initiative'),
  yearFrom: defineQuery('cases/search/filter-yearFrom'),
  yearTo: defineQuery('cases/search/filter-yearTo'),
};
const TAIL = defineQuery('cases/search/tail');

/** The search's parameters: every filter (null when not asked for), the full-text query, one page, the card format. */
type SearchParams = { [K in Filter]: NonNullable<CaseSearch[K]> | null } & {
  lucene?: string;
  limit: number;
  offset: number;
  cardFormat: number;
};
/** A value to narrow a search by, with how many of the matches have it. */
type FacetValue = { value: string; id?: string; label: string | null; colour?: string | null; count: number };
type SearchRow = {
  total: number;
  ids: string[];
  facets: Record<'pathway' | 'sdg' | 'target' | 'theme' | 'approach' | 'country' | 'place' | 'initiative' | 'year', FacetValue[]>;
};

/** Picks the most selective starting point, then adds every filter as a parameterised condition. */
function searchQuery(f: CaseSearch, lucene: string | undefined): Query<SearchParams, SearchRow> {
  const anchor = lucene ? 'text' : f.place ? 'place' : f.initiative ? 'initiative' : f.pathway ? 'pathway' : 'all';
  // The anchor already keeps only the cases its own filter would.
  const conditions = FILTERS.filter((k) => f[k] !== undefined && k !== anchor).map((k) => CONDITIONS[k]);
  const parts = [ANCHORS[anchor], ...conditions, TAIL];
  const text = [
    ANCHORS[anchor].text.trim(),
    conditions.length ? `WHERE ${conditions.map((c) => c.text.trim()).join('\n  AND ')}` : '',
    TAIL.text,
  ].join('\n');
  // Named after its parts, as joined queries are, for metrics and logs.
  return composeQuery(parts.map((p) => p.name).join('+'), text);
}

/** Faceted case search: one page of cases, the total, and counts per facet value over all matches. */
export async function searchCases(db: Database, f: CaseSearch) {
  const lucene = f.q ? luceneQuery(f.q) : undefined;
  if (f.q && !lucene) {
    return { total: 0, limit: f.limit, offset: f.offset, filters: f, cases: [], facets: {} };
  }
  const params = {
    pathway: f.pathway ?? null,
    sdg: f.sdg ?? null,
    target: f.target ?? null,
    theme: f.theme ?? null,
    approach: f.approach ?? null,
    country: f.country ?? null,
    place: f.place ?? null,
    initiative: f.initiative ?? null,
    yearFrom: f.yearFrom ?? null,
    yearTo: f.yearTo ?? null,
  };
  return db.readTx(async (run) => {
    const [row] = await run(searchQuery(f, lucene), { ...params, lucene, limit: f.limit, offset: f.offset, cardFormat: CARD_FORMAT });
    const cases = await caseSummaries(run, row?.ids ?? []);
    return { total: row?.total ?? 0, limit: f.limit, offset: f.offset, filters: f, cases, facets: row?.facets ?? {} };
  });
}
