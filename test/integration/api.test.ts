import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type JsonBody, type Reply, type TestApp } from '../helpers/env.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const ids = (cases: { id: string }[]) => cases.map((c) => c.id);

function expectProblem(res: Reply, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  expect(res.text).not.toMatch(/\bat \S+\.(ts|js):\d+|Neo4jError|MATCH \(/);
}

describe('pathways', () => {
  it('lists the 15 pathways with number, title, transformation and case counts', async () => {
    const res = await app.get('/api/pathways');
    expect(res.status).toBe(200);
    expect(res.body.pathways).toHaveLength(15);
    const p12 = res.body.pathways.find((p: { number: number }) => p.number === 12);
    expect(p12).toMatchObject({ id: 'pathway-12', transformation: 'technological', title: expect.any(String) });
    expect(p12.cases).toBeGreaterThanOrEqual(2);
  });

  it('gives one pathway with its aligned goals and their rationale', async () => {
    const res = await app.get('/api/pathways/12');
    expect(res.status).toBe(200);
    expect(res.body.goals.length).toBeGreaterThan(0);
    expect(res.body.goals[0]).toMatchObject({ number: expect.any(Number), rationale: expect.any(String) });
  });

  it('when asked for cases for Pathway 12, then Geestland and Rotterdam are there with the sources of the link', async () => {
    const res = await app.get('/api/pathways/12/cases?limit=50');
    expect(res.status).toBe(200);
    expect(ids(res.body.cases)).toEqual(
      expect.arrayContaining(['case-geestland-led-street-lighting', 'case-rotterdam-transport-elderly-disabled']),
    );
    const geestland = res.body.cases.find((c: { id: string }) => c.id === 'case-geestland-led-street-lighting');
    expect(geestland.places[0]).toMatchObject({ name: 'Geestland', country: 'DE' });
    const link = geestland.pathways.find((p: { number: number }) => p.number === 12);
    expect(link.basis).toBe('stated');
    expect(link.sources.map((s: { date: string }) => s.date)).toContain('2019-12-02');
    expect(res.body.total).toBe(res.body.cases.length);
  });

  it('pages through the cases without overlap', async () => {
    const all = (await app.get('/api/pathways/12/cases?limit=100')).body;
    const first = (await app.get('/api/pathways/12/cases?limit=2&offset=0')).body;
    const second = (await app.get('/api/pathways/12/cases?limit=2&offset=2')).body;
    expect(ids(first.cases)).toEqual(ids(all.cases).slice(0, 2));
    expect(ids(second.cases)).toEqual(ids(all.cases).slice(2, 4));
    expect(first.total).toBe(all.total);
  });

  it.each([
    [6, 'case-ghent-food-procurement'],
    [15, 'case-udaltalde-21-shared-tenders'],
  ])('Pathway %i includes %s', async (n, caseId) => {
    const res = await app.get(`/api/pathways/${n}/cases?limit=100`);
    expect(ids(res.body.cases)).toContain(caseId);
  });

  it.each([
    '/api/pathways/16',
    '/api/pathways/0/cases',
    '/api/pathways/twelve',
    '/api/pathways/12/cases?limit=1000',
    '/api/pathways/12/cases?offset=-1',
    '/api/pathways/12/cases?colour=red',
  ])('when %s, then 400 names the field', async (path) => {
    const res = await app.get(path);
    expectProblem(res, 400);
    expect(res.body.field).toMatch(/number|limit|offset|colour/);
  });
});

describe('goals and targets', () => {
  it('lists 17 goals with official colours', async () => {
    const res = await app.get('/api/sdgs');
    expect(res.body.goals).toHaveLength(17);
    expect(res.body.goals[11]).toMatchObject({ number: 12, colour: '#BF8B2E', uri: 'http://metadata.un.org/sdg/12' });
  });

  it('gives a goal with its targets in order', async () => {
    const res = await app.get('/api/sdgs/12');
    const codes = res.body.targets.map((t: { code: string }) => t.code);
    expect(codes.slice(0, 3)).toEqual(['12.1', '12.2', '12.3']);
    expect(codes).toContain('12.7');
    expect(codes.at(-1)).toBe('12.c');
  });

  it('when asked for SDG 12 and target 12.7, then the procurement cases come back', async () => {
    // Every page of a list: SDG 12 has more cases than one page holds.
    const everyPage = async (path: string) => {
      const out: { id: string }[] = [];
      for (let offset = 0; ; offset += 100) {
        const res = await app.get(`${path}?limit=100&offset=${offset}`);
        expect(res.status).toBe(200);
        out.push(...res.body.cases);
        if (out.length >= res.body.total || !res.body.cases.length) return out;
      }
    };
    const goal = await everyPage('/api/sdgs/12/cases');
    const target = await everyPage('/api/targets/12.7/cases');
    expect(goal.length).toBeGreaterThan(100);
    expect(ids(target)).toContain('case-geestland-led-street-lighting');
    // every case linked to target 12.7 counts for SDG 12 as well
    expect(ids(goal)).toEqual(expect.arrayContaining(ids(target)));
  });

  it.each([
    ['/api/sdgs/18', 400],
    ['/api/targets/12.99x/cases', 400],
    ['/api/targets/12.99/cases', 404],
    ['/api/targets/12.7', 200],
  ])('%s answers %i', async (path, status) => {
    expect((await app.get(path)).status).toBe(status);
  });
});

describe('faceted case search', () => {
  it('combines filters and counts facets over the whole result set', async () => {
    const res = await app.get('/api/cases?sdg=12&limit=100');
    expect(res.status).toBe(200);
    // The facets count the whole result, beyond the page of 100.
    expect(res.body.total).toBeGreaterThan(res.body.cases.length);
    const sdgCount = res.body.facets.sdg.find((f: { value: string }) => f.value === '12');
    expect(sdgCount.count).toBe(res.body.total);
    const p12 = res.body.facets.pathway.find((f: { value: string }) => f.value === '12');
    expect(p12.count).toBeGreaterThan(0);
    const narrowed = await app.get('/api/cases?sdg=12&pathway=12&limit=100');
    expect(narrowed.body.total).toBe(p12.count);
  });

  it('when each facet value is applied, then it returns exactly the count the facet showed', async () => {
    const res = await app.get('/api/cases?limit=100');
    for (const dim of ['pathway', 'sdg', 'country', 'approach', 'theme'] as const) {
      for (const f of res.body.facets[dim].slice(0, 4)) {
        const applied = await app.get(`/api/cases?${dim}=${encodeURIComponent(f.value)}&limit=1`);
        expect({ filter: `${dim}=${f.value}`, total: applied.body.total }).toEqual({ filter: `${dim}=${f.value}`, total: f.count });
      }
    }
  });

  it('finds cases by free text, tolerant of case', async () => {
    const res = await app.get('/api/cases?q=LED%20STREET');
    expect(ids(res.body.cases)).toContain('case-geestland-led-street-lighting');
  });

  it('filters by place including the places inside it, and by country and year', async () => {
    const byCountry = await app.get('/api/cases?country=de');
    expect(ids(byCountry.body.cases)).toContain('case-geestland-led-street-lighting');
    // A country by name, in English or in its own language, is the same filter as its code.
    for (const name of ['Germany', 'Deutschland'])
      expect({ name, total: (await app.get(`/api/cases?country=${name}`)).body.total }).toEqual({ name, total: byCountry.body.total });
    const byYear = await app.get('/api/cases?yearFrom=2030');
    expect(byYear.body.total).toBe(0);
    const byInitiative = await app.get('/api/cases?initiative=initiative-ai4cities');
    expect(ids(byInitiative.body.cases)).toContain('case-ai4cities-pcp');
  });

  it.each([
    '/api/cases?pathway=99',
    '/api/cases?unknown=1',
    '/api/cases?yearFrom=2020&yearTo=2010',
    '/api/cases?country=Atlantis',
    '/api/cases?limit=0',
  ])('when %s, then 400 with the field named', async (path) => {
    expectProblem(await app.get(path), 400);
  });
});

describe('cases', () => {
  it('gives one case in full with each link and its sources', async () => {
    const res = await app.get('/api/cases/case-geestland-led-street-lighting');
    expect(res.status).toBe(200);
    expect(res.body.pathways.map((p: { number: number }) => p.number)).toContain(12);
    expect(res.body.places[0].name).toBe('Geestland');
    const unsourced = res.body.links.filter((link: { sources: unknown[] }) => link.sources.length === 0);
    expect(unsourced).toEqual([]);
    expect(res.body.searchKey).toBeUndefined();
  });

  it('ranks similar cases by what they share and says what', async () => {
    const res = await app.get('/api/cases/case-geestland-led-street-lighting/similar');
    expect(res.status).toBe(200);
    expect(res.body.similar.length).toBeGreaterThan(0);
    const scores = res.body.similar.map((s: { score: number }) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const geestland = (await app.get('/api/cases/case-geestland-led-street-lighting')).body;
    // What a reason may name: the case's own neighbours, the goals of its targets, the countries of its places.
    const mine = new Set<string>(geestland.links.map((l: { node: { id: string } }) => l.node.id));
    for (const t of geestland.targets as { code: string }[]) mine.add(`sdg-${t.code.split('.')[0]}`);
    for (const p of geestland.places as { country?: string }[]) if (p.country) mine.add(p.country);
    type Reason = { reason: string; id?: string; words?: string[] };
    for (const s of res.body.similar) {
      expect(s.id).not.toBe('case-geestland-led-street-lighting');
      expect(s.reasons.length).toBeGreaterThan(0);
      const unfounded = (s.reasons as Reason[])
        .filter((r) => (r.reason === 'text' ? !r.words?.length : !mine.has(r.id ?? '')))
        .map((r) => `${s.id} shares ${r.reason} ${r.id ?? ''}`);
      expect(unfounded).toEqual([]);
    }
  });

  it.each([
    ['/api/cases/no-such-case', 404],
    ['/api/cases/Not_A_Slug', 400],
    ['/api/cases/no-such-case/similar', 404],
    ['/api/cases/pathway-12', 404],
  ])('%s answers %i with a problem document', async (path, status) => {
    expectProblem(await app.get(path), status);
  });
});

describe('places, organisations and initiatives', () => {
  it('finds Ghent by its alternate name Gent', async () => {
    const res = await app.get('/api/places?q=Gent');
    expect(res.body.items.map((p: { name: string }) => p.name)).toContain('Ghent');
  });

  it('finds Zurich with or without the accent', async () => {
    for (const q of ['zurich', 'Zürich']) {
      const res = await app.get(`/api/places?q=${encodeURIComponent(q)}`);
      expect({ q, ids: res.body.items.map((p: { id: string }) => p.id) }).toEqual({ q, ids: expect.arrayContaining(['place-zurich']) });
    }
  });

  it('gives a place with its cases and initiatives', async () => {
    const res = await app.get('/api/places/place-ghent');
    expect(res.status).toBe(200);
    expect(ids(res.body.cases)).toContain('case-ghent-food-procurement');
    expect(res.body.initiatives.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining(['initiative-procura-plus', 'initiative-glcn']),
    );
  });

  it('gives an initiative with its participants', async () => {
    const res = await app.get('/api/initiatives/initiative-ai4cities');
    expect(res.body.participants.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Helsinki', 'Copenhagen', 'Stavanger', 'Amsterdam', 'Tallinn']),
    );
  });

  it('gives an organisation with the initiatives it runs', async () => {
    const res = await app.get('/api/organisations?q=iclei');
    const iclei = res.body.items.find((o: { name: string }) => o.name.startsWith('ICLEI'));
    const org = await app.get(`/api/organisations/${iclei.id}`);
    expect(org.status).toBe(200);
    expect(org.body.initiatives.length).toBeGreaterThan(0);
  });

  it('when the id is of another kind, then 404', async () => {
    expectProblem(await app.get('/api/places/initiative-ai4cities'), 404);
  });
});

describe('full-text search', () => {
  it('ranks hits of every kind and names the kind of each', async () => {
    const res = await app.get('/api/search?q=procurement');
    expect(res.status).toBe(200);
    const kinds = new Set(res.body.hits.map((h: { kind: string }) => h.kind));
    expect(kinds.size).toBeGreaterThan(1);
    const scores = res.body.hits.map((h: { score: number }) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('is tolerant of case and accents', async () => {
    const hits: Record<string, number> = {};
    for (const q of ['ZURICH', 'zürich', 'trondelag', 'Trøndelag'])
      hits[q] = (await app.get(`/api/search?q=${encodeURIComponent(q)}`)).body.hits.length;
    // The queries that found nothing, by name.
    expect(Object.keys(hits).filter((q) => !hits[q])).toEqual([]);
  });

  it('reads Lucene syntax in the query as plain text', async () => {
    const res = await app.get(`/api/search?q=${encodeURIComponent('") OR *:* [ {')}`);
    expect(res.status).toBe(200);
  });

  it('when q is missing, then 400 names it', async () => {
    const res = await app.get('/api/search');
    expectProblem(res, 400);
    expect(res.body.field).toBe('q');
  });
});

describe('graph elements', () => {
  it('gives the neighbourhood of Pathway 12 as Cytoscape elements', async () => {
    const res = await app.get('/api/graph/neighborhood?node=pathway-12&depth=1');
    expect(res.status).toBe(200);
    const nodeIds = res.body.nodes.map((n: { data: { id: string } }) => n.data.id);
    expect(nodeIds).toContain('case-geestland-led-street-lighting');
    for (const n of res.body.nodes)
      expect(n.data).toMatchObject({ id: expect.any(String), label: expect.any(String), kind: expect.any(String) });
    for (const e of res.body.edges) {
      expect(nodeIds).toContain(e.data.source);
      expect(nodeIds).toContain(e.data.target);
    }
    expect(res.body.truncated).toBe(false);
  });

  it('when the cap is smaller than the neighbourhood, then it stops there and says so', async () => {
    const res = await app.get('/api/graph/neighborhood?node=pathway-12&depth=2&limit=5');
    expect(res.body.nodes).toHaveLength(5);
    expect(res.body.truncated).toBe(true);
    expect(res.body.limit).toBe(5);
  });

  it('keeps to the kinds asked for', async () => {
    const res = await app.get('/api/graph/neighborhood?node=pathway-12&depth=2&kinds=case,place');
    const kinds = new Set(
      res.body.nodes
        .filter((n: { data: { id: string } }) => n.data.id !== 'pathway-12')
        .map((n: { data: { kind: string } }) => n.data.kind),
    );
    expect([...kinds].sort()).toEqual(['case', 'place']);
  });

  it('finds the shortest connections from Geestland to SDG 12', async () => {
    const res = await app.get('/api/graph/path?from=place-geestland&to=sdg-12');
    expect(res.status).toBe(200);
    expect(res.body.found).toBe(true);
    for (const p of res.body.paths) {
      expect(p[0]).toBe('place-geestland');
      expect(p.at(-1)).toBe('sdg-12');
      expect(p).toHaveLength(res.body.length + 1);
    }
    expect(res.body.edges.length).toBeGreaterThanOrEqual(res.body.length);
  });

  it.each([
    ['/api/graph/neighborhood?node=nowhere', 404],
    ['/api/graph/neighborhood?node=pathway-12&depth=4', 400],
    ['/api/graph/neighborhood?node=pathway-12&kinds=planet', 400],
    ['/api/graph/path?from=place-geestland', 400],
    ['/api/graph/path?from=place-geestland&to=nowhere', 404],
  ])('%s answers %i', async (path, status) => {
    expectProblem(await app.get(path), status);
  });
});

describe('coverage', () => {
  it('gives the pathway by goal matrix and the gaps', async () => {
    const res = await app.get('/api/stats/coverage');
    expect(res.status).toBe(200);
    expect(res.body.matrix).toHaveLength(15);
    for (const row of res.body.matrix) expect(row).toHaveLength(17);
    const p12 = (await app.get('/api/cases?pathway=12&sdg=12')).body.total;
    expect(res.body.matrix[11][11]).toBe(p12);
    const withoutCases = res.body.pathways.filter((p: { cases: number }) => p.cases === 0).map((p: { number: number }) => p.number);
    expect(res.body.gaps.pathwaysWithoutCases).toEqual(withoutCases);
  });
});

describe('API conventions', () => {
  it('publishes an OpenAPI document generated from the schemas', async () => {
    const res = await app.get('/api/openapi.json');
    expect(res.body.openapi).toMatch(/^3\./);
    const op = res.body.paths['/api/v1/pathways/{number}/cases'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['number', 'limit', 'offset']));
    expect(op.responses['200'].headers.Link).toBeDefined();
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/graph/neighborhood', '/api/v1/cypher', '/api/v1/export']),
    );
    const docs = await app.get('/api/docs', { accept: 'text/html' });
    expect(docs.text).toContain('/api/v1/pathways/{number}/cases');
  });

  it('when a path is asked for under /api/v1 and without it, then both give the same answer', async () => {
    for (const p of ['/pathways/12', '/cases?pathway=12&limit=3', '/openapi.json']) {
      const [versioned, alias] = await Promise.all([app.get(`/api/v1${p}`), app.get(`/api${p}`)]);
      expect({ p, status: versioned.status }).toEqual({ p, status: 200 });
      // The same answer; page links keep the address that was asked for.
      const withoutLinks = (body: JsonBody) => ({ ...body, next: undefined, prev: undefined });
      expect(withoutLinks(versioned.body)).toEqual(withoutLinks(alias.body));
      expect(alias.body.next ?? null).toBe(versioned.body.next?.replace('/api/v1/', '/api/') ?? null);
    }
    const missing = await app.get('/api/v1/nothing-here');
    expectProblem(missing, 404);
    expect(missing.body.instance).toBe('/api/v1/nothing-here');
  });

  it('when a list is paged, then Link headers and next/prev lead through it page by page, filters kept', async () => {
    const first = await app.get('/api/v1/cases?pathway=12&limit=2');
    const total: number = first.body.total;
    expect(total).toBeGreaterThan(4);
    const base = `${app.url}/api/v1/cases?pathway=12&limit=2`;
    expect(first.body).toMatchObject({ prev: null, next: `${base}&offset=2` });
    const lastOffset = Math.floor((total - 1) / 2) * 2;
    expect(first.headers.get('link')).toBe(
      `<${base}&offset=2>; rel="next", <${base}&offset=0>; rel="first", <${base}&offset=${lastOffset}>; rel="last"`,
    );
    const second = await fetch(first.body.next).then((r) => r.json());
    expect(second).toMatchObject({ offset: 2, prev: `${base}&offset=0`, next: `${base}&offset=4` });
    expect(second.cases.map((c: { id: string }) => c.id)).not.toContain(first.body.cases[0].id);
    const last = await app.get(`/api/v1/cases?pathway=12&limit=2&offset=${lastOffset}`);
    expect(last.body.next).toBeNull();
    expect(last.headers.get('link')).not.toContain('rel="next"');
    const alias = await app.get('/api/places?limit=1');
    expect(alias.body.next).toBe(`${app.url}/api/places?limit=1&offset=1`);
  });

  it('when a paging parameter is out of range, then the answer is a 400 problem naming it', async () => {
    for (const p of ['/api/v1/cases?limit=0', '/api/v1/cases?offset=-1', '/api/v1/places?limit=x']) {
      const res = await app.get(p);
      expectProblem(res, 400);
      expect(['limit', 'offset']).toContain(res.body.field);
    }
  });

  it('opens GET to other origins', async () => {
    const res = await app.get('/api/pathways', { origin: 'https://notebook.example' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers an unknown API path with a 404 problem', async () => {
    expectProblem(await app.get('/api/nothing-here'), 404);
  });
});
