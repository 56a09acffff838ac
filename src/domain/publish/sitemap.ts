import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { pageUrl } from '../atlas/urls.js';
import { rfc3339 } from './case-versions.js';
import { xmlText } from './xml.js';

/**
 * The sitemap (sitemaps.org protocol 0.9): every public page, and nothing behind a sign-in. A
 * sitemap file holds at most 50,000 addresses; past that /sitemap.xml becomes an index of files
 * /sitemap-1.xml, /sitemap-2.xml, ...
 */
export const SITEMAP_LIMIT = 50_000;

/** Public pages that are not the page of one node. */
export const STATIC_PAGES = ['/', '/search', '/coverage', '/explore', '/open-data', '/api/docs'] as const;

const publicPagesQuery = defineQuery<
  Record<string, never>,
  { kind: string; id: string; number: number | null; code: string | null; lastmod: string | null }
>('publish/public-pages');

export interface SitemapEntry {
  /** The page's path, e.g. /cases/case-x. */
  path: string;
  lastmod?: string;
}

/** Every public page: the fixed ones, then each live node's page (pathways, goals, targets, cases, ...). */
export async function publicPages(db: Database): Promise<SitemapEntry[]> {
  const rows = await db.cache.get('publish/public-pages', () => db.read(publicPagesQuery));
  const seen = new Set<string>();
  const entries: SitemapEntry[] = STATIC_PAGES.map((path) => ({ path }));
  for (const r of rows) {
    const path = pageUrl(r);
    if (seen.has(path)) continue;
    seen.add(path);
    entries.push({ path, ...(r.lastmod ? { lastmod: rfc3339(r.lastmod) } : {}) });
  }
  return entries;
}

/** How many sitemap files `count` addresses take (one even when there are none). */
export const sitemapParts = (count: number, limit = SITEMAP_LIMIT) => Math.max(1, Math.ceil(count / limit));

/** Part `part` (1-based) of the entries, `limit` to a file. */
export const sitemapPart = (entries: SitemapEntry[], part: number, limit = SITEMAP_LIMIT) =>
  entries.slice((part - 1) * limit, part * limit);

export function urlset(entries: SitemapEntry[], base: string): string {
  const urls = entries.map((e) => `  <url><loc>${xmlText(base + e.path)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

/** The index of `parts` sitemap files, each with the newest lastmod of its entries. */
export function sitemapIndex(entries: SitemapEntry[], base: string, limit = SITEMAP_LIMIT): string {
  const parts = sitemapParts(entries.length, limit);
  const lines: string[] = [];
  for (let part = 1; part <= parts; part++) {
    const lastmod = sitemapPart(entries, part, limit).reduce<string | undefined>(
      (m, e) => (e.lastmod && (!m || e.lastmod > m) ? e.lastmod : m),
      undefined,
    );
    lines.push(
      `  <sitemap><loc>${xmlText(`${base}/sitemap-${part}.xml`)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</sitemap>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...lines,
    '</sitemapindex>',
    '',
  ].join('\n');
}

/** The robots.txt: the sitemap, and the areas that are private or endless (query-string pages, the API). */
export function robotsTxt(base: string): string {
  return [
    'User-agent: *',
    'Disallow: /curate',
    'Disallow: /admin',
    'Disallow: /account',
    'Disallow: /signin',
    'Disallow: /signout',
    'Disallow: /metrics',
    'Disallow: /api/',
    'Allow: /api/docs',
    'Disallow: /search?',
    'Disallow: /explore?',
    'Disallow: /*?page=',
    '',
    `Sitemap: ${base}/sitemap.xml`,
    '',
  ].join('\n');
}
