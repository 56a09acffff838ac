import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../data/database.js';
import { caseSearchSchema, searchCases, type CaseSearch } from '../../domain/atlas/case-search.js';
import { casesForGoal, casesForPathway, casesForTarget, similarCases } from '../../domain/atlas/cases.js';
import { getEntity, getGoal, getPathway, getTarget, listGoals, listPathways } from '../../domain/atlas/catalogue.js';
import { coverage } from '../../domain/atlas/coverage.js';
import { getCase, getInitiative, getOrganisation, getPlace } from '../../domain/atlas/profiles.js';
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

/** White or near-black text, whichever contrasts more with the goal's official colour. */
export function textOn(hex: string): '#ffffff' | '#1f2328' {
  const l = luminance(hex);
  const white = 1.05 / (l + 0.05);
  const dark = (l + 0.05) / (luminance('#1f2328') + 0.05);
  return white >= dark ? '#ffffff' : '#1f2328';
}

function pageOf(page: number) {
  return { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
}

const FACET_DIMS = ['pathway', 'sdg', 'target', 'theme', 'approach', 'country', 'place', 'initiative'] as const;

function activeValues(f: Record<string, unknown>, dim: string): string[] {
  const v = f[dim];
  return Array.isArray(v) ? v.map(String) : [];
}

/** The search URL with one facet value switched on or off (paging restarts); other filters stay. */
function searchUrl(f: CaseSearch, dim: string, value: string): string {
  const qs = new URLSearchParams();
  if (f.q) qs.set('q', String(f.q));
  for (const d of FACET_DIMS) {
    let values = activeValues(f, d);
    if (d === dim) values = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
    if (values.length) qs.set(d, values.join(','));
  }
  for (const k of ['yearFrom', 'yearTo'] as const) if (f[k] !== undefined) qs.set(k, String(f[k]));
  if (!dim && f.offset) qs.set('offset', String(f.offset));
  const s = qs.toString();
  return s ? `/search?${s}` : '/search';
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
    const { page } = query(pageQuery, req);
    const [pathway, list] = await Promise.all([getPathway(db, number), casesForPathway(db, number, pageOf(page))]);
    res.render('pathway', {
      title: `Pathway ${number}: ${pathway.name}`,
      pathway,
      list,
      page,
      pageSize: PAGE_SIZE,
      transformationTitle: TRANSFORMATION_TITLES[pathway.transformation as keyof typeof TRANSFORMATION_TITLES],
      jsonLd: jsonLdScript(schema.pathway(pathway)),
      feeds: feedLinks({ href: `/feeds/pathways/${number}.atom`, title: `New and changed cases for Pathway ${number}` }),
    });
  });

  router.get('/sdgs/:number', async (req, res) => {
    const { number } = params(goalNumber, req);
    const { page } = query(pageQuery, req);
    const [goal, list] = await Promise.all([getGoal(db, number), casesForGoal(db, number, pageOf(page))]);
    res.render('goal', {
      title: `SDG ${number}: ${goal.name}`,
      goal,
      list,
      page,
      pageSize: PAGE_SIZE,
      jsonLd: jsonLdScript(schema.goal(goal)),
      feeds: feedLinks({ href: `/feeds/sdgs/${number}.atom`, title: `New and changed cases for SDG ${number}` }),
    });
  });

  router.get('/targets/:code', async (req, res) => {
    const { code } = params(targetCode, req);
    const { page } = query(pageQuery, req);
    const [target, list] = await Promise.all([getTarget(db, code), casesForTarget(db, code, pageOf(page))]);
    res.render('target', {
      title: `Target ${code}`,
      target,
      list,
      page,
      pageSize: PAGE_SIZE,
      jsonLd: jsonLdScript(schema.target(target)),
      feeds: feedLinks({ href: `/feeds/sdgs/${target.goal.number}.atom`, title: `New and changed cases for SDG ${target.goal.number}` }),
    });
  });

  router.get('/cases/:id', async (req, res) => {
    const { id } = params(byId, req);
    // The case first: a merged id must redirect before anything else can answer 404.
    const item = await getCase(db, id);
    const [similar, history, version] = await Promise.all([similarCases(db, id, 5), nodeHistory(db, id, 20), caseVersion(db, id)]);
    const cite = citationOf(version, base, new Date());
    const countries = [...new Set(item.places.flatMap((p) => (typeof p.country === 'string' ? [p.country] : [])))];
    res.render('case', {
      title: String(item.name),
      item,
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
    const { country } = item as { country?: unknown };
    res.render('place', {
      title: String(item.name),
      item,
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
    const filters = parseWith(caseSearchSchema, { ...req.query, limit: PAGE_SIZE, offset: req.query.offset ?? 0 }, 'query');
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
      facetLink: (dim: string, value: string) => searchUrl(filters, dim, value),
      isActive: (dim: string, value: string) => activeValues(filters, dim).includes(value),
      pageLink: (offset: number) => searchUrl({ ...filters, offset }, '', ''),
    });
  });

  return router;
}
