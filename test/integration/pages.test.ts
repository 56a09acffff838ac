import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/env.js';

let app: TestApp;
const html = { accept: 'text/html' };
const XSS_ID = 'case-pages-xss-test';
const XSS_NAME = '<script>window.__pwned=1</script><img src=x onerror=alert(1)>';

beforeAll(async () => {
  app = await startTestApp();
  await app.db.write(
    `MATCH (p:Pathway {number: 12})
     CREATE (c:Entity:Case {id: $id, kind: 'case', name: $name, summary: $name, year: 2100})-[:ILLUSTRATES {sources: [], basis: 'curated'}]->(p)`,
    { id: XSS_ID, name: XSS_NAME },
  );
});
afterAll(async () => {
  await app.db.write('MATCH (c:Entity {id: $id}) DETACH DELETE c', { id: XSS_ID });
  await app.close();
});

describe('server-rendered pages', () => {
  it('the home page lists 15 pathways in three transformations and 17 goals', async () => {
    const res = await app.get('/', html);
    expect(res.status).toBe(200);
    expect(res.text.match(/class="card pathway-card"/g)).toHaveLength(15);
    expect(res.text.match(/class="goal-tile goal-bg-\d+"/g)).toHaveLength(17);
    for (const t of ['Socio-cultural transformation', 'Socio-economic transformation', 'Technological transformation'])
      expect(res.text).toContain(t);
  });

  it('the Pathway 12 pages list the Geestland case with its link', async () => {
    const first = await app.get('/pathways/12', html);
    expect(first.status).toBe(200);
    // The list is paged, newest first; the seed graph puts the 2019 case on one of the first pages.
    const texts = [first.text];
    for (let page = 2; page <= 5; page++) texts.push((await app.get(`/pathways/12?page=${page}`, html)).text);
    expect(texts.some((t) => t.includes('href="/cases/case-geestland-led-street-lighting"'))).toBe(true);
  });

  it('a goal page lists all its targets', async () => {
    const res = await app.get('/sdgs/12', html);
    expect(res.text.match(/<td><a href="\/targets\/12\.\w+"/g)).toHaveLength(11);
  });

  it('a case page shows each link with its source and the similar cases', async () => {
    const res = await app.get('/cases/case-geestland-led-street-lighting', html);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Pathway 12');
    expect(res.text).toContain('stated by source');
    expect(res.text).toContain('Similar cases');
    expect(res.text).toMatch(/Source: .*2019-12-02/);
  });

  it.each([
    '/targets/12.7',
    '/places/place-ghent',
    '/initiatives/initiative-ai4cities',
    '/coverage',
    '/search?q=food',
    '/search?pathway=12',
    '/nodes/src-basque-declaration',
    '/api/docs',
  ])('%s renders', async (path) => {
    const res = await app.get(path, html);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('a node with a page of its own redirects there', async () => {
    const res = await fetch(`${app.url}/nodes/pathway-12`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/pathways/12');
  });

  it('the coverage heat map links its cells to the matching cases and marks the empty ones', async () => {
    const res = await app.get('/coverage', html);
    expect(res.text).toContain('href="/search?pathway=12&amp;sdg=12"');
    expect(res.text).toMatch(/class="empty"/);
  });

  it('the search page offers the facets as filters', async () => {
    const res = await app.get('/search?sdg=12', html);
    expect(res.text).toContain('aria-current="true"');
    expect(res.text).toMatch(/href="\/search\?pathway=12&amp;sdg=12"/);
  });

  it.each(['/pathways/12', `/cases/${XSS_ID}`, '/search?pathway=12'])('escapes text that curators supply on %s', async (path) => {
    const res = await app.get(path, html);
    expect(res.text).not.toContain('<script>window.__pwned');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
  });

  it('a link without a source is shown as unverified', async () => {
    const res = await app.get(`/cases/${XSS_ID}`, html);
    expect(res.text).toContain('unverified');
  });

  it.each([
    ['/pathways/99', 400],
    ['/cases/no-such-case', 404],
    ['/places/NOT_AN_ID', 400],
    ['/no-such-page', 404],
  ])('%s answers %i with a readable error page', async (path, status) => {
    const res = await app.get(path, html);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('Back to the atlas home');
    expect(res.text).not.toMatch(/\bat \S+\.(ts|js):\d+/);
  });
});
