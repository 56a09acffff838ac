import { Router, type ErrorRequestHandler, type Response } from 'express';
import countries from 'i18n-iso-countries';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../data/database.js';
import { getGoal, getPathway } from '../../domain/atlas/catalogue.js';
import { DomainError } from '../../domain/errors.js';
import { atomFeed, type AtomEntry } from '../../domain/publish/atom.js';
import { caseVersion, recentCases, type FeedEntry, type FeedFilter } from '../../domain/publish/case-versions.js';
import { bibtex, citationOf, cslJson } from '../../domain/publish/citation.js';
import { SchemaOrg, jsonLdScript } from '../../domain/publish/schema-org.js';
import { publicPages, robotsTxt, sitemapIndex, sitemapPart, sitemapParts, urlset, SITEMAP_LIMIT } from '../../domain/publish/sitemap.js';
import { SLUG } from '../../domain/model/kinds.js';
import { caseSearchSchema, searchCases } from '../../domain/atlas/case-search.js';
import { sendProblem, toProblem } from '../problems.js';
import { params } from '../validate.js';
import { projectPath } from '../../paths.js';

/** Entries in one feed: the newest cases. */
export const FEED_SIZE = 50;

const caseId = z.strictObject({ id: z.string().regex(SLUG, 'must be an id of lower-case letters, digits and dashes').max(200) });
const pathwayNumber = z.strictObject({ number: z.coerce.number().int().min(1).max(15) });
const goalNumber = z.strictObject({ number: z.coerce.number().int().min(1).max(17) });
const countryCode = z.strictObject({
  code: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as BE')
    .transform((c) => c.toUpperCase()),
});
const sitemapNumber = z.strictObject({ part: z.coerce.number().int().min(1).max(10_000) });

/** The downloads of the open-data page, in the formats GET /api/export serves. */
export const DOWNLOADS = [
  { format: 'json', encodingFormat: 'application/json', name: 'The graph as JSON (imports back losslessly)' },
  { format: 'csv', encodingFormat: 'application/zip', name: 'The graph as CSV files in a zip, one per node kind and relationship type' },
  { format: 'graphml', encodingFormat: 'application/graphml+xml', name: 'The graph as GraphML (Gephi, Cytoscape, yEd, NetworkX)' },
  {
    format: 'jsonld',
    encodingFormat: 'application/ld+json',
    name: 'The graph as JSON-LD linked data (schema.org, Dublin Core, SKOS, PROV-O)',
  },
];

/** The feeds a page of this kind links with rel="alternate": the page's own, then all cases. */
export function feedLinks(own?: { href: string; title: string }) {
  return [...(own ? [own] : []), { href: '/feeds/cases.atom', title: 'New and changed cases' }];
}

function sendXml(res: Response, type: string, body: string) {
  res.type(type).set('Cache-Control', 'public, max-age=300').send(body);
}

/**
 * What makes the atlas findable and citable: /robots.txt and /sitemap.xml for search engines, Atom
 * feeds of new and changed cases (all, and by pathway, goal and country), each case's citation as
 * CSL-JSON and BibTeX, and the open-data page with the downloads described as a schema.org Dataset.
 */
export function publishingRouter(db: Database, config: Pick<Config, 'PUBLIC_BASE_URL'>): Router {
  const router = Router();
  const base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const schema = new SchemaOrg(base);

  router.get('/robots.txt', (_req, res) => {
    res.type('text/plain').set('Cache-Control', 'public, max-age=3600').send(robotsTxt(base));
  });

  // Browsers ask for /favicon.ico by themselves; pages link the SVG one (public/favicon.svg).
  router.get('/favicon.ico', (_req, res, next) => {
    res.sendFile('favicon.ico', { root: projectPath('public'), maxAge: '1d' }, (err) => err && next(err));
  });

  router.get('/sitemap.xml', async (_req, res) => {
    const entries = await publicPages(db);
    sendXml(res, 'application/xml', entries.length > SITEMAP_LIMIT ? sitemapIndex(entries, base) : urlset(entries, base));
  });

  router.get('/sitemap-:part.xml', async (req, res) => {
    const { part } = params(sitemapNumber, req);
    const entries = await publicPages(db);
    if (entries.length <= SITEMAP_LIMIT || part > sitemapParts(entries.length))
      throw new DomainError('not-found', `There is no sitemap part ${part}; /sitemap.xml lists them.`, { part });
    sendXml(res, 'application/xml', urlset(sitemapPart(entries, part), base));
  });

  async function sendFeed(res: Response, o: { path: string; page: string; title: string; filter: FeedFilter }) {
    const cases = await recentCases(db, o.filter, FEED_SIZE);
    const body = atomFeed({
      id: `${base}${o.path}`,
      title: o.title,
      subtitle: 'New and changed good-practice cases of the Pathway Atlas, newest first.',
      self: `${base}${o.path}`,
      alternate: `${base}${o.page}`,
      author: 'Pathway Atlas',
      fallback: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      entries: cases.flatMap((c) => entryOf(c)),
    });
    sendXml(res, 'application/atom+xml', body);
  }

  function entryOf(c: FeedEntry): AtomEntry[] {
    if (!c.updated) return []; // a case with no date at all (no history, source or year) cannot say when it changed
    const where = c.places.map((p) => p.name).join(', ');
    return [
      {
        id: `${base}/cases/${encodeURIComponent(c.id)}`,
        title: c.name,
        updated: c.updated,
        ...(c.published ? { published: c.published } : {}),
        summary: [where, c.summary].filter(Boolean).join(': '),
        link: `${base}/cases/${encodeURIComponent(c.id)}`,
        categories: [
          ...c.pathways.map((p) => ({ term: `pathway-${p.number}`, label: `Pathway ${p.number}: ${p.name}`, scheme: `${base}/pathways/` })),
          ...c.goals.map((g) => ({ term: `http://metadata.un.org/sdg/${g}`, label: `SDG ${g}`, scheme: 'http://metadata.un.org/sdg/' })),
          ...[...new Set(c.places.flatMap((p) => (p.country ? [p.country] : [])))].map((country) => ({
            term: country,
            label: countries.getName(country, 'en') ?? country,
            scheme: 'urn:iso:std:iso:3166:-1',
          })),
        ],
      },
    ];
  }

  router.get('/feeds/cases.atom', async (_req, res) => {
    await sendFeed(res, { path: '/feeds/cases.atom', page: '/search', title: 'Pathway Atlas: new and changed cases', filter: {} });
  });

  router.get('/feeds/pathways/:number.atom', async (req, res) => {
    const { number } = params(pathwayNumber, req);
    const pathway = await getPathway(db, number);
    await sendFeed(res, {
      path: `/feeds/pathways/${number}.atom`,
      page: `/pathways/${number}`,
      title: `Pathway Atlas: cases for Pathway ${number}: ${pathway.name}`,
      filter: { pathway: number },
    });
  });

  router.get('/feeds/sdgs/:number.atom', async (req, res) => {
    const { number } = params(goalNumber, req);
    const goal = await getGoal(db, number);
    await sendFeed(res, {
      path: `/feeds/sdgs/${number}.atom`,
      page: `/sdgs/${number}`,
      title: `Pathway Atlas: cases for SDG ${number}: ${goal.name}`,
      filter: { goal: number },
    });
  });

  router.get('/feeds/countries/:code.atom', async (req, res) => {
    const { code } = params(countryCode, req);
    if (!countries.isValid(code)) throw new DomainError('not-found', `No country with the ISO 3166-1 code "${code}".`, { code });
    await sendFeed(res, {
      path: `/feeds/countries/${code}.atom`,
      page: `/search?country=${code}`,
      title: `Pathway Atlas: cases in ${countries.getName(code, 'en') ?? code}`,
      filter: { country: code },
    });
  });

  router.get('/cases/:id/cite.json', async (req, res) => {
    const { id } = params(caseId, req);
    const version = await caseVersion(db, id);
    res.attachment(`${id}.csl.json`);
    res
      .type('application/vnd.citationstyles.csl+json')
      .send(JSON.stringify(cslJson(version, citationOf(version, base, new Date())), null, 2));
  });

  router.get('/cases/:id/cite.bib', async (req, res) => {
    const { id } = params(caseId, req);
    const version = await caseVersion(db, id);
    res.attachment(`${id}.bib`);
    res.type('application/x-bibtex; charset=utf-8').send(bibtex(version, citationOf(version, base, new Date())));
  });

  router.get('/open-data', async (_req, res) => {
    const { total } = await searchCases(db, caseSearchSchema.parse({ limit: 1 }));
    res.render('open-data', {
      title: 'Open data',
      downloads: DOWNLOADS,
      base,
      jsonLd: jsonLdScript(schema.openData({ cases: total, formats: DOWNLOADS })),
      feeds: feedLinks(),
    });
  });

  // Feeds, sitemaps and citations are read by programs: their errors are problem documents, whatever
  // the client accepts (a merged case's old id still redirects through the app's error handler).
  const machineErrors: ErrorRequestHandler = (err, req, res, next) => {
    const problem = toProblem(err, req);
    if (problem.status >= 500 || (err instanceof DomainError && err.code === 'moved')) return next(err);
    sendProblem(res, problem);
  };
  router.use(['/feeds', '/sitemap-:part.xml', '/cases/:id/cite.json', '/cases/:id/cite.bib'], machineErrors);

  return router;
}
