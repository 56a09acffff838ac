import { randomUUID } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import jsonld from 'jsonld';
import type { RemoteDocument } from 'jsonld/jsonld-spec.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { bibtex } from '../../src/domain/publish/citation.js';
import { publicPages, sitemapIndex, sitemapPart, sitemapParts, urlset } from '../../src/domain/publish/sitemap.js';
import { projectPath } from '../../src/paths.js';
import { startTestApp, type JsonBody, type TestApp } from '../helpers/env.js';
import { linkedDataPython, pythonCheck, tempFile } from '../support/python-tools.js';

// What makes the atlas findable and citable, read as search engines, feed readers and reference
// managers read it: the sitemap and robots.txt, the Atom feeds (validated with RELAX NG), the
// schema.org JSON-LD in the pages and the citations of a case.

const BASE = 'http://localhost:3000'; // PUBLIC_BASE_URL's default, which the test app keeps
const ATOM_SCHEMA = projectPath('test/fixtures/atom.rnc');
const SLOW = 180_000;
const tag = randomUUID().slice(0, 8);
const html = { accept: 'text/html' };
let app: TestApp;
let curator: Record<string, string>;
let accountId: string;
const made: string[] = [];

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['url', 'sitemap', 'entry', 'link', 'category'].includes(name),
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, {
    method,
    redirect: 'manual',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined,
  };
}

const id = (name: string) => {
  const value = `${name}-${tag}`;
  made.push(value);
  return value;
};

async function createCase(caseId: string, name = `Publishing test case ${caseId}`) {
  const res = await call(
    'POST',
    '/api/nodes',
    { kind: 'case', id: caseId, name, summary: 'A town bought electric buses.', year: 2024, sources: ['src-basque-declaration'] },
    curator,
  );
  expect(res.status).toBe(201);
}

async function link(from: string, type: string, to: string) {
  const res = await call('POST', '/api/links', { from, type, to, sources: ['src-basque-declaration'] }, curator);
  expect(res.status).toBe(201);
}

/** The paths of a sitemap's <loc>s, the PUBLIC_BASE_URL taken off. */
function sitemapPaths(text: string): { path: string; lastmod?: string }[] {
  const urls = xml.parse(text).urlset.url as { loc: string; lastmod?: string }[];
  return urls.map((u) => {
    expect(u.loc.startsWith(BASE)).toBe(true);
    return { path: u.loc.slice(BASE.length), ...(u.lastmod ? { lastmod: u.lastmod } : {}) };
  });
}

interface FeedEntry {
  id: string;
  title: string;
  updated: string;
  link: { rel: string; href: string }[];
  category?: { term: string }[];
}

async function feed(path: string): Promise<{ text: string; entries: FeedEntry[]; parsed: JsonBody }> {
  const res = await call('GET', path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/atom+xml');
  const parsed = xml.parse(res.text);
  return { text: res.text, parsed, entries: (parsed.feed.entry ?? []) as FeedEntry[] };
}

/** How deep the unescaped braces of a BibTeX text go: never below 0, and back to 0 at the end when balanced. */
function braceDepths(text: string) {
  let depth = 0;
  let lowest = 0;
  for (const ch of text.replace(/\\[{}]/g, '')) {
    depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
    lowest = Math.min(lowest, depth);
  }
  return { lowest, last: depth };
}

const entryIds = (entries: FeedEntry[]) => entries.map((e) => e.id);

/** The one JSON-LD block of a page, parsed. */
function pageJsonLd(page: string): JsonBody {
  const blocks = [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]![1]!);
}

/** jsonld.js with the schema.org context served from here (no network): @vocab, and url/sameAs as IRIs. */
const documentLoader = (url: string): Promise<RemoteDocument> => {
  if (!/^https?:\/\/schema\.org\/?$/.test(url)) return Promise.reject(new Error(`no network in tests: ${url}`));
  return Promise.resolve({
    documentUrl: url,
    document: { '@context': { '@vocab': 'https://schema.org/', url: { '@type': '@id' }, sameAs: { '@type': '@id' } } },
  });
};

beforeAll(async () => {
  linkedDataPython();
  app = await startTestApp();
  const account = await createAccount(app.db, { name: `tpublish${tag}`, role: 'curator', password: `a long enough passphrase ${tag}` });
  accountId = account.id;
  curator = { authorization: `Bearer ${(await createToken(app.db, account.id, { name: 'tests' })).token}` };
}, 600_000);

afterAll(async () => {
  await app.db.write('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', { ids: made });
  await app.db.write('MATCH (c:Change) WHERE c.by = $by OR NOT (c)-[:CHANGED]->() DETACH DELETE c', { by: `tpublish${tag}` });
  if (accountId) await removeAccount(app.db, accountId);
  await app.close();
});

describe('sitemap and robots.txt', () => {
  it('when the sitemap is read, then it lists every public page and nothing private, deleted or merged', { timeout: SLOW }, async () => {
    const live = id('case-sitemap-live');
    const deleted = id('case-sitemap-deleted');
    const survivor = id('case-sitemap-survivor');
    const duplicate = id('case-sitemap-duplicate');
    for (const c of [live, deleted, survivor, duplicate]) await createCase(c);
    expect((await call('DELETE', `/api/nodes/${deleted}`, undefined, { ...curator, 'if-match': '"1"' })).status).toBe(200);
    expect((await call('POST', '/api/merge', { survivor, duplicate, survivorVersion: 1, duplicateVersion: 1 }, curator)).status).toBe(200);

    const res = await call('GET', '/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const listed = sitemapPaths(res.text);
    const paths = listed.map((u) => u.path);
    expect(new Set(paths).size).toBe(paths.length);

    // What should be there, worked out here from the graph: the fixed pages and each live node's page by kind.
    const rows = await app.db.read('MATCH (n:Entity) RETURN n.kind AS kind, n.id AS id, n.number AS number, n.code AS code');
    const pageOf = (r: Record<string, unknown>) => {
      const own: Record<string, string> = { case: 'cases', place: 'places', organisation: 'organisations', initiative: 'initiatives' };
      if (r.kind === 'pathway') return `/pathways/${String(r.number)}`;
      if (r.kind === 'goal') return `/sdgs/${String(r.number)}`;
      if (r.kind === 'target') return `/targets/${String(r.code)}`;
      return `/${own[String(r.kind)] ?? 'nodes'}/${String(r.id)}`;
    };
    const expected = ['/', '/search', '/coverage', '/explore', '/open-data', '/api/docs', ...rows.map(pageOf)];
    expect([...paths].sort()).toEqual([...expected].sort());
    expect(paths.filter((p) => p.startsWith('/pathways/'))).toHaveLength(15);
    expect(paths.filter((p) => p.startsWith('/sdgs/'))).toHaveLength(17);
    expect(paths.filter((p) => p.startsWith('/targets/'))).toHaveLength(169);
    expect(paths.filter((p) => p.startsWith('/cases/')).length).toBeGreaterThanOrEqual(161);

    expect(paths).toContain(`/cases/${live}`);
    expect(paths).toContain(`/cases/${survivor}`);
    expect(paths).not.toContain(`/cases/${deleted}`);
    expect(paths).not.toContain(`/cases/${duplicate}`);
    expect(paths.filter((p) => /^\/(curate|admin|account|signin|signout|metrics|ingest)|^\/api\/(?!docs$)/.test(p))).toEqual([]);

    // lastmod where the app recorded a change: the new case's, a seed case's none.
    const mine = listed.find((u) => u.path === `/cases/${live}`)!;
    expect(Date.now() - Date.parse(mine.lastmod!)).toBeLessThan(10 * 60_000);
    expect(mine.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(listed.find((u) => u.path === '/cases/case-geestland-led-street-lighting')?.lastmod).toBeUndefined();
  });

  it('when a sample of the listed pages is fetched, then each is a page that answers 200', { timeout: SLOW }, async () => {
    const paths = sitemapPaths((await call('GET', '/sitemap.xml')).text).map((u) => u.path);
    const sample = [
      ...new Set(['/', '/search', '/coverage', '/explore', '/open-data', '/api/docs', ...paths.filter((_p, i) => i % 60 === 0)]),
    ];
    for (const p of sample) {
      const res = await fetch(app.url + p, { headers: html, redirect: 'manual' });
      expect({ path: p, status: res.status, type: res.headers.get('content-type') }).toMatchObject({
        status: 200,
        type: expect.stringContaining('text/html'),
      });
    }
  });

  it('when there are more addresses than a sitemap file holds, then /sitemap.xml is an index of parts that together list them all', async () => {
    const entries = await publicPages(app.db);
    const limit = 100;
    const parts = sitemapParts(entries.length, limit);
    expect(parts).toBe(Math.ceil(entries.length / limit));
    const index = xml.parse(sitemapIndex(entries, BASE, limit));
    const locs = (index.sitemapindex.sitemap as { loc: string }[]).map((s) => s.loc);
    expect(locs).toEqual(Array.from({ length: parts }, (_v, i) => `${BASE}/sitemap-${i + 1}.xml`));
    const all = locs.flatMap((_loc, i) => sitemapPaths(urlset(sitemapPart(entries, i + 1, limit), BASE)).map((u) => u.path));
    expect(all).toEqual(entries.map((e) => e.path));
    // The seed graph fits one file, so there are no parts to serve.
    const part = await call('GET', '/sitemap-1.xml');
    expect(part.status).toBe(404);
    expect(part.headers.get('content-type')).toContain('application/problem+json');
  });

  it('when robots.txt is read, then it names the sitemap, keeps crawlers out of the private areas and lets them reach every listed page', async () => {
    const res = await call('GET', '/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toContain(`Sitemap: ${BASE}/sitemap.xml`);
    const rules = res.text.split('\n').flatMap((l) => {
      const m = /^(Allow|Disallow): (\S+)$/.exec(l);
      return m ? [{ allow: m[1] === 'Allow', pattern: m[2]! }] : [];
    });
    // Google's reading: the longest matching rule wins; * matches anything.
    const allowed = (p: string) => {
      const matching = rules.filter((r) => new RegExp(`^${r.pattern.replace(/[.?+()[\]{}|^$\\]/g, '\\$&').replace(/\*/g, '.*')}`).test(p));
      const best = matching.sort((a, b) => b.pattern.length - a.pattern.length)[0];
      return !best || best.allow;
    };
    for (const p of [
      '/curate',
      '/curate/case-x',
      '/admin/accounts',
      '/account/password',
      '/signin',
      '/api/cases',
      '/api/export?format=json',
      '/search?q=food',
    ])
      expect({ p, allowed: allowed(p) }).toEqual({ p, allowed: false });
    const listed = sitemapPaths((await call('GET', '/sitemap.xml')).text).map((u) => u.path);
    expect(listed.filter((p) => !allowed(p))).toEqual([]);
  });
});

describe('Atom feeds', () => {
  it(
    'when the feed of all cases is read, then it is valid Atom (RFC 4287 RELAX NG), newest first, each entry linking its case',
    { timeout: SLOW },
    async () => {
      const { text, entries, parsed } = await feed('/feeds/cases.atom');
      const check = pythonCheck<{ valid: boolean; errors: string[] }>('atom', tempFile('cases.atom', text), ATOM_SCHEMA);
      expect(check.errors).toEqual([]);
      expect(check.valid).toBe(true);
      // The RFC's rules outside RELAX NG: an author for every entry (here the feed's), an alternate link in each entry.
      expect(parsed.feed.author.name).toBe('Pathway Atlas');
      expect(entries.length).toBe(50);
      for (const e of entries) expect(e.link.filter((l) => l.rel === 'alternate')).toHaveLength(1);
      expect(new Set(entryIds(entries)).size).toBe(entries.length);
      const times = entries.map((e) => Date.parse(e.updated));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(parsed.feed.updated).toBe(entries[0]!.updated);
    },
  );

  it('when a feed is broken, then the RELAX NG check refuses it (so the check above can fail)', { timeout: SLOW }, async () => {
    const { text } = await feed('/feeds/cases.atom');
    const undated = text.replace(/<updated>[^<]*<\/updated>/, '<updated>yesterday</updated>');
    const untitled = text.replace(/<title type="text">[^<]*<\/title>/, '');
    for (const broken of [undated, untitled]) {
      expect(broken).not.toBe(text);
      expect(pythonCheck<{ valid: boolean }>('atom', tempFile('broken.atom', broken), ATOM_SCHEMA).valid).toBe(false);
    }
  });

  it(
    'when a case is created through the curation API and linked, then it leads the feeds of all cases, its pathway, its goal and its country',
    { timeout: SLOW },
    async () => {
      const older = id('case-feed-older');
      const newer = id('case-feed-newer');
      await createCase(older);
      await createCase(newer);
      for (const c of [older, newer]) {
        await link(c, 'ILLUSTRATES', 'pathway-12');
        await link(c, 'CONTRIBUTES_TO', 'target-12-7');
        await link(c, 'LOCATED_IN', 'place-ghent');
      }
      for (const path of [
        '/feeds/cases.atom',
        '/feeds/pathways/12.atom',
        '/feeds/sdgs/12.atom',
        '/feeds/countries/BE.atom',
        '/feeds/countries/be.atom',
      ]) {
        const { entries } = await feed(path);
        expect({ path, first: entryIds(entries).slice(0, 2) }).toEqual({
          path,
          first: [`${BASE}/cases/${newer}`, `${BASE}/cases/${older}`],
        });
      }
      const { entries, text } = await feed('/feeds/sdgs/12.atom');
      expect(entries[0]!.category!.map((c) => c.term)).toEqual(
        expect.arrayContaining(['pathway-12', 'http://metadata.un.org/sdg/12', 'BE']),
      );
      expect(pythonCheck<{ valid: boolean; errors: string[] }>('atom', tempFile('sdg12.atom', text), ATOM_SCHEMA).errors).toEqual([]);
      // Not in the feeds it does not belong to.
      expect(entryIds((await feed('/feeds/pathways/1.atom')).entries)).not.toContain(`${BASE}/cases/${newer}`);
      expect(entryIds((await feed('/feeds/countries/DE.atom')).entries)).not.toContain(`${BASE}/cases/${newer}`);

      // An edit of the older case brings it back to the top.
      const edit = await call(
        'PATCH',
        `/api/nodes/${older}`,
        { summary: 'A town bought electric buses and chargers.' },
        { ...curator, 'if-match': '"4"' },
      );
      expect(edit.status).toBe(200);
      expect(entryIds((await feed('/feeds/cases.atom')).entries)[0]).toBe(`${BASE}/cases/${older}`);
    },
  );

  it('when pages are served, then they link the feeds that fit them', async () => {
    const links = (page: string) =>
      [...page.matchAll(/<link rel="alternate" type="application\/atom\+xml" title="[^"]*" href="([^"]+)">/g)].map((m) => m[1]);
    expect(links((await call('GET', '/', undefined, html)).text)).toEqual(['/feeds/cases.atom']);
    expect(links((await call('GET', '/pathways/12', undefined, html)).text)).toEqual(['/feeds/pathways/12.atom', '/feeds/cases.atom']);
    expect(links((await call('GET', '/sdgs/12', undefined, html)).text)).toEqual(['/feeds/sdgs/12.atom', '/feeds/cases.atom']);
    expect(links((await call('GET', '/places/place-ghent', undefined, html)).text)).toEqual([
      '/feeds/countries/BE.atom',
      '/feeds/cases.atom',
    ]);
    for (const href of ['/feeds/pathways/12.atom', '/feeds/sdgs/12.atom', '/feeds/countries/BE.atom'])
      expect((await call('GET', href)).status).toBe(200);
  });

  it.each([
    ['/feeds/pathways/0.atom', 400],
    ['/feeds/pathways/16.atom', 400],
    ['/feeds/pathways/twelve.atom', 400],
    ['/feeds/sdgs/18.atom', 400],
    ['/feeds/countries/XX.atom', 404],
    ['/feeds/countries/B1.atom', 400],
    ['/feeds/countries/BEL.atom', 400],
  ])('when %s is asked for, then the answer is a %d problem document', async (path, status) => {
    const res = await call('GET', path, undefined, { accept: 'application/atom+xml' });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.status).toBe(status);
  });
});

describe('schema.org JSON-LD in the pages', () => {
  it("when a case page is read, then its JSON-LD parses and names the UN's SDG URIs, its place and its sources", async () => {
    const res = await call('GET', '/cases/case-ghent-food-procurement', undefined, html);
    expect(res.status).toBe(200);
    const data = pageJsonLd(res.text);
    expect(data['@type']).toBe('CreativeWork');
    expect(data['@id']).toBe(`${BASE}/nodes/case-ghent-food-procurement`);
    const expanded = (await jsonld.expand(data, { documentLoader })) as JsonBody[];
    const about = expanded[0]['https://schema.org/about'].map((a: JsonBody) => a['@id']);
    expect(about).toEqual(
      expect.arrayContaining(['http://metadata.un.org/sdg/12', 'http://metadata.un.org/sdg/12.7', `${BASE}/nodes/place-ghent`]),
    );
    expect(expanded[0]['https://schema.org/spatialCoverage'][0]['@id']).toBe(`${BASE}/nodes/place-ghent`);
    expect(expanded[0]['https://schema.org/citation'].length).toBeGreaterThan(0);
    // The same ids as the JSON-LD export, so the two describe the same things.
    const exported = JSON.parse((await call('GET', '/api/export?format=jsonld&kinds=case')).text) as { '@graph': JsonBody[] };
    expect(exported['@graph'].some((n) => n['@id'] === data['@id'])).toBe(true);
  });

  it('when a name holds a closing script tag, then the JSON-LD block cannot be broken out of and keeps the name exactly', async () => {
    const hostile = `</script><script>window.__ld=1</script><!-- & \u2028 "quoted"`;
    const caseId = id('case-ld-hostile');
    await createCase(caseId, hostile);
    const res = await call('GET', `/cases/${caseId}`, undefined, html);
    expect(res.status).toBe(200);
    const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.text)![1]!;
    expect(block).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(block).name).toBe(hostile);
    expect(res.text).not.toContain('<script>window.__ld=1');
    // Only the data block is inline, and the policy still allows no inline script to run.
    expect(res.text.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toEqual(['<script type="application/ld+json">']);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  });

  it('when the other pages are read, then each carries one JSON-LD block of the right type with what defines it', async () => {
    const ld = async (path: string) => pageJsonLd((await call('GET', path, undefined, html)).text);
    const place = await ld('/places/place-ghent');
    expect(place).toMatchObject({ '@type': 'Place', '@id': `${BASE}/nodes/place-ghent`, address: { addressCountry: 'BE' } });
    expect(place.geo.latitude).toBeCloseTo(51.05, 1);
    expect(place.geo.longitude).toBeCloseTo(3.72, 1);
    expect(await ld('/organisations/org-iclei')).toMatchObject({ '@type': 'Organization', '@id': `${BASE}/nodes/org-iclei` });
    expect(await ld('/initiatives/initiative-ai4cities')).toMatchObject({
      '@type': 'Project',
      '@id': `${BASE}/nodes/initiative-ai4cities`,
    });
    const pathway = await ld('/pathways/12');
    expect(pathway).toMatchObject({ '@type': 'DefinedTerm', termCode: '12' });
    expect(pathway.about.map((g: JsonBody) => g['@id'])).toContain('http://metadata.un.org/sdg/12');
    const goal = await ld('/sdgs/12');
    expect(goal).toMatchObject({ '@type': 'DefinedTerm', '@id': 'http://metadata.un.org/sdg/12' });
    expect(goal.hasPart).toHaveLength(11);
    expect(await ld('/targets/12.7')).toMatchObject({
      '@id': 'http://metadata.un.org/sdg/12.7',
      isPartOf: { '@id': 'http://metadata.un.org/sdg/12' },
    });
  });

  it('when the open-data page is read, then it describes a Dataset whose distribution downloads answer', { timeout: SLOW }, async () => {
    const res = await call('GET', '/open-data', undefined, html);
    expect(res.status).toBe(200);
    const data = pageJsonLd(res.text);
    expect(data['@type']).toBe('Dataset');
    const downloads = data.distribution as { '@type': string; contentUrl: string; encodingFormat: string }[];
    expect(downloads.map((d) => d.encodingFormat).sort()).toEqual([
      'application/graphml+xml',
      'application/json',
      'application/ld+json',
      'application/zip',
    ]);
    for (const d of downloads) {
      expect(d['@type']).toBe('DataDownload');
      const got = await fetch(app.url + d.contentUrl.slice(BASE.length));
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toContain(d.encodingFormat);
      await got.arrayBuffer();
    }
  });
});

describe('citations', () => {
  it(
    'when a case made through the API is cited, then CSL-JSON and BibTeX name its stable URL and the date and number of the version, and citeproc reads both',
    { timeout: SLOW },
    async () => {
      const caseId = id('case-cite');
      await createCase(caseId, 'Cited case: 50% & C_2 #1 for $5');
      const edit = await call('PATCH', `/api/nodes/${caseId}`, { summary: 'Edited once.' }, { ...curator, 'if-match': '"1"' });
      expect(edit.status).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      const url = `${BASE}/cases/${caseId}`;

      const json = await call('GET', `/cases/${caseId}/cite.json`);
      expect(json.status).toBe(200);
      expect(json.headers.get('content-type')).toContain('application/vnd.citationstyles.csl+json');
      expect(json.headers.get('content-disposition')).toContain('attachment');
      const [csl] = JSON.parse(json.text) as JsonBody[];
      expect(csl).toMatchObject({ id: caseId, type: 'webpage', title: 'Cited case: 50% & C_2 #1 for $5', URL: url, version: '2' });
      expect(csl.issued['date-parts'][0].join('-')).toBe(today.split('-').map(Number).join('-'));

      const bib = await call('GET', `/cases/${caseId}/cite.bib`);
      expect(bib.status).toBe(200);
      expect(bib.headers.get('content-type')).toContain('application/x-bibtex');
      expect(braceDepths(bib.text)).toEqual({ lowest: 0, last: 0 });
      // Braces and a backslash in a name stay escaped, so they cannot close a field early.
      const tricky = bibtex(
        {
          ...csl,
          id: caseId,
          name: 'x} , note = {injected \\ {',
          summary: null,
          year: null,
          version: 2,
          updated: null,
          published: null,
          dated: null,
          places: [],
        },
        { url, versionDate: null, versionNote: 'undated', accessed: today },
      );
      expect(braceDepths(tricky)).toEqual({ lowest: 0, last: 0 });
      expect(tricky.match(/^ {2}note = /gm)).toHaveLength(1);

      const read = pythonCheck<{
        csl: { entries: string[] };
        bib: { entries: string[] };
        bibFields: Record<string, Record<string, string>>;
      }>('cite', tempFile('case.json', json.text), tempFile('case.bib', bib.text));
      expect(read.csl.entries).toHaveLength(1);
      expect(read.csl.entries[0]).toContain(url);
      expect(read.csl.entries[0]).toContain('Cited case');
      expect(read.bib.entries).toHaveLength(1);
      expect(read.bib.entries[0]).toContain('Cited case');
      const fields = read.bibFields[`pathwayatlas-${caseId}`]!;
      expect(fields.title).toBe('Cited case: 50% & C_2 #1 for $5');
      // citeproc-py's BibTeX reader takes the date and leaves url and urldate aside (it warns), so those are read here.
      expect(fields.issued).toContain(`'year': ${Number(today.slice(0, 4))}`);
      expect(bib.text).toContain(`  url = {${url}},\n  urldate = {${today}},`);
      expect(bib.text).toContain('  version = {2},');

      // The page's own section says the same.
      const page = await call('GET', `/cases/${caseId}`, undefined, html);
      expect(page.text).toContain('Cite this case');
      expect(page.text).toContain(`Stable address: <a href="${url}">`);
      expect(page.text).toContain(`<time datetime="${today}">${today}</time> (version 2 of ${today})`);
      expect(page.text).toContain(`href="/cases/${caseId}/cite.bib"`);
    },
  );

  it('when a seed case never changed is cited, then the version is dated by its newest source, and says so', async () => {
    const [csl] = JSON.parse((await call('GET', '/cases/case-geestland-led-street-lighting/cite.json')).text) as JsonBody[];
    expect(csl.issued['date-parts'][0]).toEqual([2019, 12, 2]);
    expect(csl.note).toContain('as loaded from the curated seed, reported 2019-12-02');
  });

  it.each([
    ['/cases/no-such-case/cite.json', 404],
    ['/cases/no-such-case/cite.bib', 404],
    ['/cases/Not_An_Id/cite.json', 400],
  ])('when %s is asked for, then the answer is a %d problem document', async (path, status) => {
    const res = await call('GET', path, undefined, html);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
