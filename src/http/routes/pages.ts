import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../data/database.js';
import { caseSearchSchema, searchCases, type CaseSearch } from '../../domain/atlas/case-search.js';
import { SORTS } from '../../domain/read-model/case-index.js';
import { FACETS, type Facet } from '../../domain/read-model/case-docs.js';
import { casesForGoal, casesForPathway, casesForTarget, similarCases } from '../../domain/atlas/cases.js';
import { getEntity, getGoal, getPathway, getTarget, listGoals, listPathways } from '../../domain/atlas/catalogue.js';
import { coverage } from '../../domain/atlas/coverage.js';
import { getCase, getInitiative, getOrganisation, getPlace } from '../../domain/atlas/profiles.js';
import { placesMap } from '../../domain/atlas/map.js';
import { STYLES as PROFILE_STYLES } from './profile-pages.js';
import { searchAll } from '../../domain/atlas/search.js';
import { nodeHistory } from '../../domain/curation/writes.js';
import { SLUG, TRANSFORMATIONS } from '../../domain/model/kinds.js';
import { caseVersion } from '../../domain/publish/case-versions.js';
import { bibtex, citationOf, cslJson } from '../../domain/publish/citation.js';
import { SchemaOrg, jsonLdScript } from '../../domain/publish/schema-org.js';
import { params, parseWith, query } from '../validate.js';
import { feedLinks } from './publishing.js';

const PAGE_SIZE = 20;
const pageQuery = z.strictObject({ page: z.coerce.number().int().min(1).max(5000).default(1) });
const byId = z.strictObject({ id: z.string().regex(SLUG, 'must be an id of lower-case letters, digits and dashes').max(200) });
const pathwayNumber = z.strictObject({ number: z.coerce.number().int().min(1).max(15) });
const goalNumber = z.strictObject({ number: z.coerce.number().int().min(1).max(17) });
const targetCode = z.strictObject({ code: z.string().regex(/^\d{1,2}\.(\d{1,2}|[a-z])$/, 'must be a target code such as 12.7') });

const TRANSFORMATION_TITLES: Record<(typeof TRANSFORMATIONS)[number], string> = {
  'socio-cultural': 'Socio-cultural transformation',
  'socio-economic': 'Socio-economic transformation',
  technological: 'Technological transformation',
};

/** WCAG relative luminance of a #RRGGBB colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * Text on a goal's official colour (the colour itself never changes): white or the site's near-black,
 * whichever contrasts more, and black where neither reaches WCAG AA's 4.5:1 (SDG 5's red).
 */
export function textOn(hex: string): '#ffffff' | '#1f2328' | '#000000' {
  const l = luminance(hex);
  const white = 1.05 / (l + 0.05);
  const dark = (l + 0.05) / (luminance('#1f2328') + 0.05);
  if (Math.max(white, dark) >= 4.5) return white >= dark ? '#ffffff' : '#1f2328';
  return '#000000';
}

function pageOf(page: number) {
  return { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
}

/** The search page's facets: every facet of the case index but the year, which the page offers as a range. */
const FACET_DIMS = FACETS.filter((f): f is Exclude<Facet, 'year'> => f !== 'year');
type FacetDim = (typeof FACET_DIMS)[number];

const FACET_TITLES: Record<FacetDim, string> = {
  pathway: 'Pathway',
  sdg: 'Goal',
  target: 'Target',
  theme: 'Theme',
  approach: 'Procurement approach',
  country: 'Country',
  place: 'Place',
  initiative: 'Initiative',
  size: 'Size of place',
  cpvDivision: 'What was bought (CPV division)',
  cpv: 'What was bought (CPV code)',
};

const SORT_LABELS: Record<(typeof SORTS)[number], string> = {
  relevance: 'Best match',
  newest: 'Newest first',
  oldest: 'Oldest first',
  name: 'Name (A to Z)',
};

const SORT_CHIPS: Record<(typeof SORTS)[number], string> = {
  relevance: 'Sorted by best match',
  newest: 'Newest first',
  oldest: 'Oldest first',
  name: 'Sorted by name',
};

/** The orders a pathway's, goal's or target's list offers (relevance needs words to rank by). */
const LIST_SORTS = ['newest', 'oldest', 'name'] as const;
const listQuery = pageQuery.extend({ sort: z.enum(LIST_SORTS).optional() });
const LIST_SORT_OPTIONS = LIST_SORTS.map((value) => ({ value, label: SORT_LABELS[value] }));

/** What a search page's address holds: the words, the chosen facet values, the years, the order and the page. */
interface SearchState {
  q?: string;
  facets: Record<FacetDim, string[]>;
  yearFrom?: number;
  yearTo?: number;
  sort?: string;
  offset?: number;
}

function stateOf(f: CaseSearch): SearchState {
  const facets = Object.fromEntries(
    FACET_DIMS.map((d) => {
      const v = (f as Record<string, unknown>)[d];
      return [d, Array.isArray(v) ? v.map(String) : []];
    }),
  ) as Record<FacetDim, string[]>;
  return { q: f.q, facets, yearFrom: f.yearFrom, yearTo: f.yearTo, sort: f.sort, offset: f.offset || undefined };
}

/** The search page's address for a state; a changed filter starts again at the first page. */
export function searchHref(s: SearchState): string {
  const pairs: [string, string][] = [];
  if (s.q) pairs.push(['q', s.q]);
  for (const d of FACET_DIMS) if (s.facets[d].length) pairs.push([d, s.facets[d].join(',')]);
  if (s.yearFrom !== undefined) pairs.push(['yearFrom', String(s.yearFrom)]);
  if (s.yearTo !== undefined) pairs.push(['yearTo', String(s.yearTo)]);
  if (s.sort) pairs.push(['sort', s.sort]);
  if (s.offset) pairs.push(['offset', String(s.offset)]);
  // Commas between a filter's values stay readable ("pathway=9,12"); spaces become "+".
  const encode = (v: string) => encodeURIComponent(v).replace(/%2C/gi, ',').replace(/%20/g, '+');
  const text = pairs.map(([k, v]) => `${k}=${encode(v)}`).join('&');
  return text ? `/search?${text}` : '/search';
}

const without = (s: SearchState, change: Partial<SearchState>): string => searchHref({ ...s, offset: undefined, ...change });

function withFacet(s: SearchState, dim: FacetDim, values: string[]): string {
  return without(s, { facets: { ...s.facets, [dim]: values } });
}

interface FacetValue {
  value: string;
  label: string;
  count: number;
  adds?: number;
  selected?: boolean;
}

function facetLabel(dim: FacetDim, v: FacetValue): string {
  if (dim === 'pathway') return `${v.value}. ${v.label}`;
  if (dim === 'sdg') return `SDG ${v.value}: ${v.label}`;
  return v.label;
}

function chipLabel(dim: FacetDim, value: string, v: FacetValue | undefined): string {
  if (dim === 'pathway') return `Pathway ${value}${v ? `: ${v.label}` : ''}`;
  if (dim === 'sdg') return `SDG ${value}${v ? `: ${v.label}` : ''}`;
  if (dim === 'target') return `Target ${value}`;
  return `${FACET_TITLES[dim]}: ${v?.label ?? value}`;
}

/** "Pathway 12" / "SDG 12" / "target 12.7" as the read model's query analysis recognises them, to take one out of the words. */
function refPattern(kind: string, id: string): RegExp | undefined {
  const number = /^(?:pathway|sdg)-(\d+)$/.exec(id)?.[1];
  if (kind === 'pathway' && number) return new RegExp(`\\b(?:pathways?|path)\\s*#?\\s*0*${number}(?![.\\d])`, 'iu');
  if (kind === 'goal' && number)
    return new RegExp(`\\b(?:sdgs?|goal|ods|odd|ziel|objetivo|obiettivo)\\s*#?\\s*0*${number}(?![.\\d])`, 'iu');
  const code = /^target-(\d+)-(\w+)$/.exec(id);
  if (kind === 'target' && code)
    return new RegExp(`\\b(?:sdg\\s*target|target|meta|ziel\\s*vorgabe)\\s*0*${code[1]}\\.0*${code[2]}\\b`, 'iu');
  return undefined;
}

function frameworkName(kind: string, id: string, label: string): string {
  const tail = id.replace(/^(pathway|sdg|target)-/, '');
  if (kind === 'pathway') return `Pathway ${tail}: ${label}`;
  if (kind === 'goal') return `SDG ${tail}: ${label}`;
  return `Target ${tail.replace('-', '.')}`;
}

type SearchResult = Awaited<ReturnType<typeof searchCases>>;

/**
 * Everything the search page shows besides the cases: the active filters as chips (each a link
 * that takes just that one away), how the words were understood, and the facet lists with the
 * link each value leads to.
 */
export function searchView(
  f: CaseSearch,
  result: SearchResult,
  suggested: string[] = result.suggestions,
  named: Partial<Record<FacetDim, FacetValue[]>> = {},
) {
  const s = stateOf(f);
  const facetsOf = (dim: FacetDim) => (result.facets as Record<string, FacetValue[] | undefined>)[dim] ?? [];
  const valueOf = (dim: FacetDim, value: string) =>
    facetsOf(dim).find((x) => x.value === value) ?? named[dim]?.find((x) => x.value === value);
  const defaultSort = result.interpretation.words.length || result.interpretation.alsoSearched.length ? 'relevance' : 'newest';

  const chips: { label: string; href: string; kind: string }[] = [];
  if (s.q) chips.push({ kind: 'q', label: `Words: “${s.q}”`, href: without(s, { q: undefined }) });
  for (const dim of FACET_DIMS) {
    for (const value of s.facets[dim]) {
      const v = valueOf(dim, value);
      chips.push({
        kind: dim,
        label: chipLabel(dim, value, v),
        href: withFacet(
          s,
          dim,
          s.facets[dim].filter((x) => x !== value),
        ),
      });
    }
  }
  if (s.yearFrom !== undefined) chips.push({ kind: 'yearFrom', label: `From ${s.yearFrom}`, href: without(s, { yearFrom: undefined }) });
  if (s.yearTo !== undefined) chips.push({ kind: 'yearTo', label: `Until ${s.yearTo}`, href: without(s, { yearTo: undefined }) });
  if (s.sort && s.sort !== defaultSort)
    chips.push({
      kind: 'sort',
      label: SORT_CHIPS[s.sort as keyof typeof SORT_CHIPS],
      href: without(s, { sort: undefined }),
    });

  const frameworks = result.interpretation.frameworks.map((fw) => {
    const re = refPattern(fw.kind, fw.id);
    const rest = re && s.q ? s.q.replace(re, ' ').replace(/\s+/g, ' ').trim() : undefined;
    return {
      label: frameworkName(fw.kind, fw.id, fw.label),
      // Words left once the reference is taken out: a link to search them alone (without it, the words chip does).
      href: !rest || rest === s.q ? undefined : without(s, { q: rest }),
    };
  });

  const facets = FACET_DIMS.flatMap((dim) => {
    const values = facetsOf(dim);
    if (!values.length) return [];
    const inUrl = new Set(s.facets[dim]);
    const chosen = values.some((v) => v.selected) || inUrl.size > 0;
    return [
      {
        dim,
        title: FACET_TITLES[dim],
        chosen,
        // Folded until a value is chosen: every facet's title stays within a screen or two of the top.
        open: chosen,
        chosenCount: values.filter((v) => v.selected).length,
        // Chosen values first, then the rest in the read model's order.
        values: [
          ...values.filter((v) => v.selected || inUrl.has(v.value)),
          ...values.filter((v) => !(v.selected || inUrl.has(v.value))),
        ].map((v) => {
          const on = Boolean(v.selected) || inUrl.has(v.value);
          return {
            value: v.value,
            label: facetLabel(dim, v),
            count: v.count,
            adds: v.adds,
            selected: on,
            // A value chosen by words such as "Pathway 12" is not in the address: the words carry it.
            fromWords: on && !inUrl.has(v.value),
            href: on
              ? inUrl.has(v.value)
                ? withFacet(
                    s,
                    dim,
                    s.facets[dim].filter((x) => x !== v.value),
                  )
                : undefined
              : withFacet(s, dim, [...s.facets[dim], v.value]),
          };
        }),
      },
    ];
  });

  return {
    state: s,
    chips,
    clearAll: chips.length ? '/search' : undefined,
    frameworks,
    alsoSearched: result.interpretation.alsoSearched,
    matchedAny: result.interpretation.matched === 'any',
    // Fewer than a handful had every word: where the cases with only some of them start, counted over the whole list.
    partial: result.interpretation.partial
      ? { count: result.interpretation.partial, from: result.total - result.interpretation.partial }
      : undefined,
    suggestions: suggested.map((text) => ({ text, href: without(s, { q: text }) })),
    facets,
    sort: result.sort,
    sorts: SORTS.map((value) => ({ value, label: SORT_LABELS[value] })),
    hidden: FACET_DIMS.filter((d) => s.facets[d].length).map((d) => ({ name: d, value: s.facets[d].join(',') })),
    pageHref: (offset: number) => searchHref({ ...s, offset }),
    // The same filters on the map (every matching case there, so no order or page).
    mapHref: searchHref({ ...s, sort: undefined, offset: undefined }).replace(/^\/search/, '/map'),
  };
}

/**
 * "Did you mean": other spellings of the words that find cases with every word. The read model
 * suggests spellings only when nothing at all was found; when it fell back to cases with any of the
 * words ("strret lighting" finds lighting cases), each word that finds nothing on its own is
 * replaced by the spellings suggested for it. Only suggestions that find cases are offered.
 */
async function didYouMean(db: Database, f: CaseSearch, result: SearchResult): Promise<string[]> {
  if (!f.q || (result.total > 0 && result.interpretation.matched !== 'any')) return [];
  const base = { ...f, sort: undefined, limit: 1, offset: 0 };
  const candidates = [...result.suggestions];
  const words = f.q.split(/\s+/).filter(Boolean).slice(0, 8);
  for (const [i, word] of words.entries()) {
    if (/^[\d.#]+$/.test(word)) continue;
    const alone = await searchCases(db, { ...base, q: word });
    if (alone.total > 0 || !alone.interpretation.words.length) continue;
    for (const s of alone.suggestions) candidates.push([...words.slice(0, i), s, ...words.slice(i + 1)].join(' '));
  }
  const offered: string[] = [];
  // Each try is a search of the in-memory read model; a few are enough to find three that work.
  for (const q of [...new Set(candidates)].slice(0, 10)) {
    if (offered.length === 3) break;
    if (q.toLowerCase() === f.q.toLowerCase()) continue;
    const tried = await searchCases(db, { ...base, q });
    if (tried.total > 0 && tried.interpretation.matched !== 'any') offered.push(q);
  }
  return offered;
}

/**
 * Names for chosen values the answer's facet lists leave out (a value none of the cases found has
 * no count, so no entry): each such facet asked alone, where chosen values are always listed.
 */
async function namesOfChosen(db: Database, f: CaseSearch, result: SearchResult) {
  const s = stateOf(f);
  const listed = result.facets as Record<string, FacetValue[] | undefined>;
  const named: Partial<Record<FacetDim, FacetValue[]>> = {};
  for (const dim of FACET_DIMS) {
    const missing = s.facets[dim].filter((v) => !listed[dim]?.some((x) => x.value === v));
    if (!missing.length) continue;
    const alone = await searchCases(db, caseSearchSchema.parse({ [dim]: missing, limit: 1 }));
    named[dim] = (alone.facets as Record<string, FacetValue[] | undefined>)[dim] ?? [];
  }
  return named;
}

/** Query parameters a GET form sends empty ("yearFrom=") mean "not given". */
function givenOnly(q: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => !(typeof v === 'string' && v.trim() === '')));
}

/**
 * Server-rendered pages: every pathway, goal, target, case, place, organisation and initiative. The
 * pages of cases, places, organisations, initiatives, pathways and goals carry schema.org JSON-LD
 * (ids from PUBLIC_BASE_URL, as in the JSON-LD export) and link the Atom feeds that fit them.
 */
export function pagesRouter(db: Database, config: Pick<Config, 'PUBLIC_BASE_URL'>): Router {
  const router = Router();
  const base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const schema = new SchemaOrg(base);
  let goalCss: string | undefined;

  router.get('/styles/goals.css', async (_req, res) => {
    goalCss ??= (await listGoals(db))
      .map((g) => {
        const colour = String(g.colour);
        return `.goal-bg-${g.number}{background:${colour};color:${textOn(colour)}}.goal-swatch-${g.number}{background:${colour}}`;
      })
      .join('\n');
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(goalCss);
  });

  router.get('/', async (_req, res) => {
    const [pathways, goals, recent] = await Promise.all([
      listPathways(db),
      listGoals(db),
      searchCases(db, caseSearchSchema.parse({ limit: 6 })),
    ]);
    const groups = TRANSFORMATIONS.map((t) => ({
      id: t,
      title: TRANSFORMATION_TITLES[t],
      pathways: pathways.filter((p) => p.transformation === t),
    }));
    res.render('home', { title: 'Pathways and goals', groups, goals, recent: recent.cases, totalCases: recent.total, feeds: feedLinks() });
  });

  router.get('/pathways/:number', async (req, res) => {
    const { number } = params(pathwayNumber, req);
    const { page, sort } = query(listQuery, req);
    const [pathway, list] = await Promise.all([getPathway(db, number), casesForPathway(db, number, { ...pageOf(page), sort })]);
    res.render('pathway', {
      title: `Pathway ${number}: ${pathway.name}`,
      pathway,
      list,
      page,
      pageSize: PAGE_SIZE,
      listSorts: LIST_SORT_OPTIONS,
      transformationTitle: TRANSFORMATION_TITLES[pathway.transformation as keyof typeof TRANSFORMATION_TITLES],
      jsonLd: jsonLdScript(schema.pathway(pathway)),
      feeds: feedLinks({ href: `/feeds/pathways/${number}.atom`, title: `New and changed cases for Pathway ${number}` }),
    });
  });

  router.get('/sdgs/:number', async (req, res) => {
    const { number } = params(goalNumber, req);
    const { page, sort } = query(listQuery, req);
    const [goal, list] = await Promise.all([getGoal(db, number), casesForGoal(db, number, { ...pageOf(page), sort })]);
    res.render('goal', {
      title: `SDG ${number}: ${goal.name}`,
      goal,
      list,
      page,
      pageSize: PAGE_SIZE,
      listSorts: LIST_SORT_OPTIONS,
      jsonLd: jsonLdScript(schema.goal(goal)),
      feeds: feedLinks({ href: `/feeds/sdgs/${number}.atom`, title: `New and changed cases for SDG ${number}` }),
    });
  });

  router.get('/targets/:code', async (req, res) => {
    const { code } = params(targetCode, req);
    const { page, sort } = query(listQuery, req);
    const [target, list] = await Promise.all([getTarget(db, code), casesForTarget(db, code, { ...pageOf(page), sort })]);
    res.render('target', {
      title: `Target ${code}`,
      target,
      list,
      page,
      pageSize: PAGE_SIZE,
      listSorts: LIST_SORT_OPTIONS,
      jsonLd: jsonLdScript(schema.target(target)),
      feeds: feedLinks({ href: `/feeds/sdgs/${target.goal.number}.atom`, title: `New and changed cases for SDG ${target.goal.number}` }),
    });
  });

  router.get('/cases/:id', async (req, res) => {
    const { id } = params(byId, req);
    // The case first: a merged id must redirect before anything else can answer 404.
    const item = await getCase(db, id);
    const [similar, history, version, points] = await Promise.all([
      similarCases(db, id, 5),
      nodeHistory(db, id, 20),
      caseVersion(db, id),
      placesMap(db, [item.id]),
    ]);
    const cite = citationOf(version, base, new Date());
    const countries = [...new Set(item.places.flatMap((p) => (typeof p.country === 'string' ? [p.country] : [])))];
    res.render('case', {
      title: String(item.name),
      item,
      points,
      styles: PROFILE_STYLES,
      similar: similar.similar,
      history,
      cite: { ...cite, csl: JSON.stringify(cslJson(version, cite), null, 2), bibtex: bibtex(version, cite) },
      jsonLd: jsonLdScript(schema.case(item, version)),
      feeds: feedLinks(
        countries[0] ? { href: `/feeds/countries/${countries[0]}.atom`, title: `New and changed cases in ${countries[0]}` } : undefined,
      ),
    });
  });

  // Places, organisations and initiatives: a profile and its history, read side by side.
  router.get('/places/:id', async (req, res) => {
    const { id } = params(byId, req);
    const [item, history] = await Promise.all([getPlace(db, id), nodeHistory(db, id, 20)]);
    const { country, lat, lon } = item as { country?: unknown; lat?: unknown; lon?: unknown };
    // The place's own point on its small map, with the cases recorded there.
    const points = {
      places:
        typeof lat === 'number' && typeof lon === 'number'
          ? [
              {
                id: item.id,
                name: String(item.name),
                lat,
                lon,
                cases: item.cases.map((c) => ({ id: c.id, name: c.name, pathways: [], goals: [] })),
              },
            ]
          : [],
    };
    res.render('place', {
      title: String(item.name),
      item,
      points,
      styles: PROFILE_STYLES,
      history,
      jsonLd: jsonLdScript(schema.place(item)),
      feeds: feedLinks(
        typeof country === 'string'
          ? { href: `/feeds/countries/${country}.atom`, title: `New and changed cases in ${country}` }
          : undefined,
      ),
    });
  });
  router.get('/organisations/:id', async (req, res) => {
    const { id } = params(byId, req);
    const [item, history] = await Promise.all([getOrganisation(db, id), nodeHistory(db, id, 20)]);
    res.render('organisation', {
      title: String(item.name),
      item,
      history,
      jsonLd: jsonLdScript(schema.organisation(item)),
      feeds: feedLinks(),
    });
  });
  router.get('/initiatives/:id', async (req, res) => {
    const { id } = params(byId, req);
    const [item, history] = await Promise.all([getInitiative(db, id), nodeHistory(db, id, 20)]);
    res.render('initiative', {
      title: String(item.name),
      item,
      history,
      jsonLd: jsonLdScript(schema.initiative(item)),
      feeds: feedLinks(),
    });
  });

  router.get('/nodes/:id', async (req, res) => {
    const { id } = params(byId, req);
    const item = await getEntity(db, id);
    if (item.url !== `/nodes/${id}`) return res.redirect(301, item.url);
    res.render('node', { title: String(item.name ?? id), item, history: await nodeHistory(db, id, 20) });
  });

  router.get('/coverage', async (_req, res) => {
    res.render('coverage', { title: 'Coverage: pathways by goals', data: await coverage(db) });
  });

  router.get('/search', async (req, res) => {
    const given = givenOnly(req.query);
    // A year range typed the wrong way round is read the right way round.
    const [from, to] = [Number(given.yearFrom), Number(given.yearTo)];
    if (from > to) [given.yearFrom, given.yearTo] = [given.yearTo, given.yearFrom];
    const filters = parseWith(caseSearchSchema, { ...given, limit: PAGE_SIZE, offset: given.offset ?? 0 }, 'query');
    const [cases, hits] = await Promise.all([
      searchCases(db, filters),
      filters.q
        ? searchAll(db, filters.q, ['pathway', 'goal', 'target', 'place', 'organisation', 'initiative', 'theme', 'approach'], 10)
        : undefined,
    ]);
    res.render('search', {
      title: filters.q ? `Search: ${filters.q}` : 'Find cases',
      filters,
      result: cases,
      hits: hits?.hits ?? [],
      pageSize: PAGE_SIZE,
      view: searchView(filters, cases, await didYouMean(db, filters, cases), await namesOfChosen(db, filters, cases)),
    });
  });

  return router;
}
