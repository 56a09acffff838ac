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

/** The text of HTML with its entities for & and quotes decoded, as a browser would read an attribute. */
const decode = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The removable filter chips of a search page: what each says and the address it leads to. */
function chipsOf(page: string): { kind: string; label: string; href: string }[] {
  return [...page.matchAll(/<a class="filter-chip" data-chip="(\w+)" href="([^"]*)"><span>([^<]*)<\/span>/g)].map((m) => ({
    kind: m[1]!,
    href: decode(m[2]!),
    label: decode(m[3]!),
  }));
}

/** The number of cases a search page reports. */
function totalOf(page: string): number {
  const m = /<h2 id="case-results">(\d+) cases?<\/h2>/.exec(page);
  if (!m) throw new Error('no case count on the page');
  return Number(m[1]);
}

/** One facet's list: each value's link, label and the count or +N shown beside it. */
function facetOf(page: string, dim: string) {
  const block = new RegExp(`<details class="facet" data-facet="${dim}"[^>]*>([\\s\\S]*?)</details>`).exec(page)?.[1] ?? '';
  return [...block.matchAll(/<li class="(chosen)?">([\s\S]*?)<\/li>/g)].map((m) => {
    const body = m[2]!;
    return {
      chosen: m[1] === 'chosen',
      href: /<a href="([^"]*)"/.exec(body)?.[1] ? decode(/<a href="([^"]*)"/.exec(body)![1]!) : undefined,
      text: decode(
        body
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      ),
      count: /<span class="count">\((\d+)\)<\/span>/.exec(body)?.[1],
      adds: /<span class="count adds"[^>]*>\+(\d+)<\/span>/.exec(body)?.[1],
    };
  });
}

/** The fields a browser would send from the page's search form, in order (selects by their selected option). */
function formFields(page: string): [string, string][] {
  const form = /<form action="\/search" method="get" role="search" class="search-form"[\s\S]*?<\/form>/.exec(page)?.[0] ?? '';
  const fields: [string, string][] = [];
  for (const m of form.matchAll(/<input([^>]*)>|<select[^>]*name="(\w+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    if (m[1] !== undefined) {
      const name = /name="(\w+)"/.exec(m[1])?.[1];
      if (name) fields.push([name, decode(/value="([^"]*)"/.exec(m[1])?.[1] ?? '')]);
    } else {
      const options = [...m[3]!.matchAll(/<option value="(\w+)"( selected)?>/g)];
      fields.push([m[2]!, (options.find((o) => o[2]) ?? options[0])?.[1] ?? '']);
    }
  }
  return fields;
}

/** Heading levels in document order. */
const headingLevels = (page: string) => [...page.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));

describe('the search page', () => {
  it('shows every active filter as a chip whose link removes just that one, and Clear all', async () => {
    const page = (await app.get('/search?q=lighting&sdg=12&country=ES,NL&yearFrom=2010&yearTo=2030&sort=name', html)).text;
    const rest = 'yearFrom=2010&yearTo=2030&sort=name';
    expect(chipsOf(page)).toEqual([
      { kind: 'q', label: 'Words: \u201clighting\u201d', href: `/search?sdg=12&country=ES,NL&${rest}` },
      { kind: 'sdg', label: 'SDG 12: Responsible consumption and production', href: `/search?q=lighting&country=ES,NL&${rest}` },
      { kind: 'country', label: 'Country: Spain', href: `/search?q=lighting&sdg=12&country=NL&${rest}` },
      { kind: 'country', label: 'Country: The Netherlands', href: `/search?q=lighting&sdg=12&country=ES&${rest}` },
      { kind: 'yearFrom', label: 'From 2010', href: '/search?q=lighting&sdg=12&country=ES,NL&yearTo=2030&sort=name' },
      { kind: 'yearTo', label: 'Until 2030', href: '/search?q=lighting&sdg=12&country=ES,NL&yearFrom=2010&sort=name' },
      { kind: 'sort', label: 'Sorted by name', href: '/search?q=lighting&sdg=12&country=ES,NL&yearFrom=2010&yearTo=2030' },
    ]);
    expect(page).toContain('<a class="clear-all" href="/search">Clear all</a>');
    // Following a chip's link leaves the other filters as they were.
    const withoutSpain = (await app.get('/search?q=lighting&sdg=12&country=NL&yearFrom=2010&yearTo=2030&sort=name', html)).text;
    expect(chipsOf(withoutSpain).map((c) => c.label)).not.toContain('Country: Spain');
    expect(chipsOf(withoutSpain)).toHaveLength(6);
  });

  it('shows no chip and no Clear all when nothing is chosen, and no sort chip for the default order', async () => {
    const page = (await app.get('/search?sort=newest', html)).text;
    expect(chipsOf(page)).toEqual([]);
    expect(page).not.toContain('Clear all');
  });

  it('gives each value of an unchosen facet the exact number of cases choosing it shows', async () => {
    const page = (await app.get('/search?sdg=12', html)).text;
    const pathways = facetOf(page, 'pathway');
    expect(pathways.length).toBeGreaterThan(3);
    for (const v of pathways.slice(0, 3)) {
      expect(v.chosen).toBe(false);
      const chosen = (await app.get(v.href!, html)).text;
      expect(totalOf(chosen)).toBe(Number(v.count));
    }
  });

  it('for a chosen facet, ticks the chosen values and shows +N for what choosing another adds, with an explanation', async () => {
    const page = (await app.get('/search?sdg=12', html)).text;
    const goals = facetOf(page, 'sdg');
    const chosen = goals.filter((v) => v.chosen);
    expect(chosen).toHaveLength(1);
    expect(chosen[0]!.text).toMatch(/^✓ Chosen: SDG 12: Responsible consumption and production \(\d+\)$/);
    expect(chosen[0]!.href).toBe('/search');
    expect(page).toContain('aria-current="true"');
    const others = goals.filter((v) => !v.chosen);
    expect(others.length).toBeGreaterThan(5);
    for (const v of others) expect(v.adds).toMatch(/^\d+$/);
    expect(page).toContain('+N is how many cases ticking that one too adds');
    // Choosing another goal too adds exactly the number shown.
    const other = others.find((v) => Number(v.adds) > 0)!;
    expect(other.href).toMatch(/^\/search\?sdg=12,\d+$/);
    const both = (await app.get(other.href!, html)).text;
    expect(totalOf(both)).toBe(totalOf(page) + Number(other.adds));
    // Unchosen facets keep plain counts.
    expect(facetOf(page, 'pathway').every((v) => v.count !== undefined && v.adds === undefined)).toBe(true);
  });

  it('names countries in the facet and in chips, and takes a country by name', async () => {
    const all = (await app.get('/search', html)).text;
    const countries = facetOf(all, 'country');
    expect(countries.map((v) => v.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^Spain \(\d+\)$/)]));
    // Every value is named, not given by its ISO code (the code is in the link).
    for (const v of countries) expect(v.text.startsWith(`${/country=(\w+)/.exec(v.href!)![1]!} `)).toBe(false);
    const spain = countries.find((v) => v.text.startsWith('Spain '))!;
    expect(spain.href).toBe('/search?country=ES');
    const byName = (await app.get('/search?country=Espa%C3%B1a', html)).text;
    expect(chipsOf(byName)).toEqual([{ kind: 'country', label: 'Country: Spain', href: '/search' }]);
    expect(totalOf(byName)).toBe(Number(spain.count));
  });

  it('keeps words, order, years and filters through its GET form, and reads empty fields as not given', async () => {
    const page = (await app.get('/search?q=procurement&pathway=9,12&yearFrom=2015&yearTo=2024&sort=oldest', html)).text;
    const fields = formFields(page);
    expect(fields).toEqual([
      ['q', 'procurement'],
      ['sort', 'oldest'],
      ['yearFrom', '2015'],
      ['yearTo', '2024'],
      ['pathway', '9,12'],
    ]);
    const again = await app.get(`/search?${new URLSearchParams(fields).toString()}`, html);
    expect(again.status).toBe(200);
    expect(chipsOf(again.text)).toEqual(chipsOf(page));
    expect(totalOf(again.text)).toBe(totalOf(page));
    // A sort chosen without words and the year fields left empty, as a browser sends them.
    const empty = await app.get('/search?q=&sort=name&yearFrom=&yearTo=&pathway=12', html);
    expect(empty.status).toBe(200);
    expect(chipsOf(empty.text).map((c) => c.kind)).toEqual(['pathway', 'sort']);
    expect(formFields(empty.text)).toContainEqual(['sort', 'name']);
    // Years typed the wrong way round are read the right way round.
    const swapped = await app.get('/search?yearFrom=2024&yearTo=2015', html);
    expect(swapped.status).toBe(200);
    expect(chipsOf(swapped.text).map((c) => c.label)).toEqual(['From 2015', 'Until 2024']);
  });

  it('filters by year range and orders oldest first', async () => {
    const page = (await app.get('/search?yearFrom=2018&yearTo=2020&sort=oldest', html)).text;
    const years = [...page.matchAll(/<p class="muted">[\s\S]*?· (\d{4})/g)].map((m) => Number(m[1]));
    expect(years.length).toBeGreaterThan(0);
    expect(years.every((y) => y >= 2018 && y <= 2020)).toBe(true);
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it('offers "did you mean" spellings for a misspelt word, and says when it showed cases with any word', async () => {
    const page = (await app.get('/search?q=strret+lighting', html)).text;
    expect(page).toContain('No case had every word; showing cases with any of them.');
    expect(page).toMatch(/Did you mean <a href="\/search\?q=street\+lighting">street lighting<\/a>/);
    const fixed = (await app.get('/search?q=street+lighting', html)).text;
    expect(totalOf(fixed)).toBeGreaterThan(0);
    expect(fixed).not.toContain('Did you mean');
    expect(fixed).not.toContain('showing cases with any of them');
  });

  it('when only a few cases have every word, says so and marks where the cases with some of them start', async () => {
    // Queries that few seed cases match in full; the first that gets the notice is checked (more cases
    // can make a query's full matches reach five, when the partial ones are no longer added).
    const notice = /<p class="notice">(\d+) cases? had every word; (\d+) with only some of them follows?\.<\/p>/;
    let page = '';
    for (const q of ['tablets for pupils', 'devices for pupils learning at home', 'laptops for pupils']) {
      page = (await app.get(`/search?q=${encodeURIComponent(q)}`, html)).text;
      if (notice.test(page)) break;
    }
    const m = notice.exec(page);
    expect(m).not.toBeNull();
    expect(Number(m![1]) + Number(m![2])).toBe(totalOf(page));
    const cards = page.slice(page.indexOf('<ul class="case-list">'));
    const divider = cards.indexOf('<li class="list-divider">Cases with some of the words</li>');
    expect(divider).toBeGreaterThan(0);
    expect(cards.slice(0, divider).match(/class="card case-card"/g)).toHaveLength(Number(m![1]));
  });

  it('shows how a query was understood: framework references as filters and glossary terms also searched', async () => {
    const page = (await app.get('/search?q=Pathway+12+lighting', html)).text;
    expect(page).toMatch(/Showing cases for\s*<span class="understood-chip">Pathway 12: [^<]+<span class="muted">\(filter\)<\/span>/);
    expect(page).toContain('<a href="/search?q=lighting">search the words instead</a>');
    // "Pathway 12" alone: the filter, no other words to search, and the pathway's stated examples marked.
    const alone = (await app.get('/search?q=Pathway+12', html)).text;
    expect(alone).toContain('Showing cases for');
    expect(alone).not.toContain('search the words instead');
    expect(alone.match(/example given by the source/g)).toHaveLength(2);
    const pathways = facetOf(page, 'pathway').filter((v) => v.chosen);
    expect(pathways.map((v) => v.text)).toEqual([expect.stringMatching(/^✓ Chosen: 12\. .* from your words$/)]);
    const spanish = (await app.get('/search?q=alumbrado+p%C3%BAblico', html)).text;
    expect(spanish).toContain('Also searched: street lighting');
  });

  it('puts the results before the filters in the page, and labels every control', async () => {
    const page = (await app.get('/search?q=food&sdg=2', html)).text;
    expect(page.indexOf('id="case-results"')).toBeLessThan(page.indexOf('id="filters-h"'));
    const main = page.slice(page.indexOf('<main'));
    const controls = [...main.matchAll(/<(input|select)\b([^>]*)>/g)].filter((m) => !/type="hidden"/.test(m[2]!));
    expect(controls.length).toBeGreaterThanOrEqual(4);
    const unlabelled = controls.filter((c) => {
      const id = /id="([^"]+)"/.exec(c[2]!)?.[1];
      return !id || !main.includes(`<label for="${id}">`);
    });
    expect(unlabelled.map((c) => c[0])).toEqual([]);
  });

  it.each(['/search?q=food&sdg=2', '/search?q=zzzzqqq', '/pathways/12', '/sdgs/12', '/targets/12.7', '/places/place-ghent'])(
    '%s has its headings in order',
    async (path) => {
      const levels = headingLevels((await app.get(path, html)).text);
      expect(levels[0]).toBe(1);
      const jumps = levels.flatMap((l, i) => (i > 0 && l - levels[i - 1]! > 1 ? [`h${levels[i - 1]} -> h${l}`] : []));
      expect(jumps).toEqual([]);
    },
  );
});

describe('the pathway, goal and target pages', () => {
  const caseIds = (page: string) => [...page.matchAll(/<h3><a href="\/cases\/([^"]+)">/g)].map((m) => m[1]!);
  const badged = (page: string) =>
    [
      ...page.matchAll(
        /<h3><a href="\/cases\/([^"]+)">[^<]*<\/a><\/h3>\s*<p class="badge-line"><span class="badge stated-example">example given by the source/g,
      ),
    ].map((m) => m[1]!);

  it('Pathway 12 lists Geestland and Rotterdam, the examples its source gives, first and marked', async () => {
    for (const sort of ['', '?sort=name', '?sort=oldest']) {
      const page = (await app.get(`/pathways/12${sort}`, html)).text;
      const first = caseIds(page).slice(0, 2);
      expect(first.sort()).toEqual(['case-geestland-led-street-lighting', 'case-rotterdam-transport-elderly-disabled']);
      expect(badged(page).sort()).toEqual(first);
      expect(page).toContain('2 of these are examples given by the sources; they come first.');
    }
  });

  it('orders the rest by the sort chosen, shows it selected and keeps it when paging', async () => {
    const page = (await app.get('/pathways/12?sort=name', html)).text;
    expect(page).toContain('<option value="name" selected>');
    expect(page).toMatch(/<label for="list-sort">Order<\/label>/);
    expect(page).toContain('href="?page=2&amp;sort=name" rel="next"');
    const names = [...page.matchAll(/<h3><a href="\/cases\/[^"]+">([^<]*)<\/a>/g)].map((m) => decode(m[1]!)).slice(2);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const second = (await app.get('/pathways/12?page=2&sort=name', html)).text;
    expect(second).toContain('href="?page=1&amp;sort=name" rel="prev"');
    expect(caseIds(second).some((id) => caseIds(page).includes(id))).toBe(false);
  });

  it.each(['/sdgs/12?sort=oldest', '/targets/12.7?sort=name'])('%s takes a sort', async (path) => {
    const res = await app.get(path, html);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<option value="${path.split('=')[1]!}" selected>`);
  });

  it('refuses an order it does not know', async () => {
    expect((await app.get('/pathways/12?sort=relevance', html)).status).toBe(400);
  });
});
