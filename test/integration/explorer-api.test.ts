import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExplorerApi } from '../../src/client/explorer/api.js';
import { ExplorerController } from '../../src/client/explorer/controller.js';
import { parseState, serializeState } from '../../src/client/explorer/state.js';
import { startTestApp, type Reply, type TestApp } from '../helpers/env.js';

// The explorer controller, headless, loading its data through the running app's JSON API.
// Its logic on hand-made payloads is tested in test/unit/explorer-controller.test.ts.

const controllers: ExplorerController[] = [];
afterEach(() => {
  while (controllers.length) controllers.pop()!.destroy();
});

describe('the explorer controller against the running app', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('when a shared URL is restored, then the neighbourhood, the expansion and the filters come back and serialise to the same URL', async () => {
    const c = new ExplorerController(new ExplorerApi(app.url));
    controllers.push(c);
    const url = 'node=pathway-12&expand=case-geestland-led-street-lighting&hideKinds=source&layout=concentric';
    await c.restore(parseState(url));
    expect(c.has('case-geestland-led-street-lighting')).toBe(true);
    expect(c.has('place-geestland')).toBe(true);
    expect(c.cy.nodes('[kind = "source"]').map((n) => n.hasClass('hidden-by-filter'))).not.toContain(false);
    expect(serializeState(c.getState())).toBe(url);
  });

  it('when a path is asked for, then its nodes and edges are highlighted and the rest fades', async () => {
    const c = new ExplorerController(new ExplorerApi(app.url));
    controllers.push(c);
    await c.restore(parseState('node=pathway-12'));
    await expect(c.findPath('place-geestland', 'sdg-12')).resolves.toBe(true);
    const lit = c.cy.elements('.highlighted');
    expect(lit.nodes().map((n) => n.id())).toEqual(expect.arrayContaining(['place-geestland', 'sdg-12']));
    expect(lit.edges().length).toBeGreaterThanOrEqual(lit.nodes().length - 1);
    expect(c.cy.elements('.faded').length).toBeGreaterThan(0);
    expect(c.getState().path).toEqual({ from: 'place-geestland', to: 'sdg-12' });
  });
});

// ------------------------------------------------------------------ the graph API the explorer reads

type NodeEl = {
  data: {
    id: string;
    kind: string;
    label: string;
    count?: number;
    of?: string;
    parent?: string;
    expand?: string;
    offset?: number;
    countries?: string[];
  };
};
type EdgeEl = { data: { id: string; source: string; target: string; type: string } };

const DEFAULT_KINDS = ['pathway', 'goal', 'target', 'place', 'organisation', 'initiative', 'case', 'theme', 'approach', 'event'];

function expectProblem(res: Reply, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
}

describe('the graph API behind the explorer', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  /** The neighbours of a node as Neo4j has them: any relationship but REPORTED_IN, of the default kinds. */
  async function neighboursInNeo4j(id: string): Promise<string[]> {
    const rows = await app.db.read(
      `MATCH (a:Entity {id: $id})-[r]-(b:Entity)
       WHERE type(r) <> 'REPORTED_IN' AND b.kind IN $kinds AND b <> a
       RETURN DISTINCT b.id AS id`,
      { id, kinds: DEFAULT_KINDS },
    );
    return rows.map((r) => String(r.id)).sort();
  }

  /** Every member of a group, following the group for the rest page after page. */
  async function membersOf(group: NodeEl, limit: number): Promise<{ members: string[]; pages: number }> {
    const members: string[] = [];
    let next: NodeEl | undefined = group;
    let pages = 0;
    while (next) {
      const res = await app.get(`${next.data.expand!}&limit=${limit}`);
      expect(res.status).toBe(200);
      pages++;
      const nodes = res.body.nodes as NodeEl[];
      const parent = next.data.parent!;
      const rest = nodes.filter((n) => n.data.kind === 'group');
      expect(rest.length).toBeLessThanOrEqual(1);
      expect(res.body.truncated).toBe(rest.length === 1);
      const page = nodes.filter((n) => n.data.kind !== 'group' && n.data.id !== parent).map((n) => n.data.id);
      expect(res.body.group.members).toEqual(page);
      expect(nodes.length).toBeLessThanOrEqual(limit);
      // Each member is joined to the node it is a neighbour of.
      const linked = new Set((res.body.edges as EdgeEl[]).flatMap((e) => [e.data.source, e.data.target]));
      for (const id of page) expect(linked.has(id)).toBe(true);
      members.push(...page);
      if (rest[0]) expect(rest[0].data.count).toBe(res.body.group.count - page.length);
      next = rest[0];
    }
    return { members, pages };
  }

  it('when a hub has more neighbours than the cap, then the surplus is in group nodes whose counts add up to it', async () => {
    const expected = await neighboursInNeo4j('pathway-12');
    const limit = 12;
    expect(expected.length).toBeGreaterThan(limit);
    const res = await app.get(`/api/graph/neighborhood?node=pathway-12&limit=${limit}`);
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(true);
    const nodes = res.body.nodes as NodeEl[];
    expect(nodes.length).toBe(limit);
    const groups = nodes.filter((n) => n.data.kind === 'group');
    const shown = nodes.filter((n) => n.data.kind !== 'group' && n.data.id !== 'pathway-12').map((n) => n.data.id);
    expect(groups.length).toBeGreaterThan(0);
    expect(expected).toEqual(expect.arrayContaining(shown));
    expect(groups.reduce((k, g) => k + g.data.count!, 0)).toBe(expected.length - shown.length);
    for (const g of groups) {
      expect(g.data).toMatchObject({
        parent: 'pathway-12',
        count: expect.any(Number),
        expand: expect.stringMatching(/^\/api\/graph\/neighborhood\?/),
      });
      expect(g.data.id).toMatch(/^group:pathway-12:/);
      expect(g.data.label).toMatch(new RegExp(`^${g.data.count} `));
      // The group hangs from its node.
      expect((res.body.edges as EdgeEl[]).some((e) => e.data.source === 'pathway-12' && e.data.target === g.data.id)).toBe(true);
    }
  });

  it('when every group of a hub is expanded page by page, then each gives exactly its members and together they are the surplus', async () => {
    const expected = await neighboursInNeo4j('pathway-12');
    const res = await app.get('/api/graph/neighborhood?node=pathway-12&limit=12');
    const nodes = res.body.nodes as NodeEl[];
    const shown = nodes.filter((n) => n.data.kind !== 'group' && n.data.id !== 'pathway-12').map((n) => n.data.id);
    const seen = new Set(shown);
    for (const g of nodes.filter((n) => n.data.kind === 'group')) {
      const { members, pages } = await membersOf(g, 6);
      expect(members).toHaveLength(g.data.count!);
      expect(pages).toBe(Math.max(1, Math.ceil((g.data.count! - 1) / 4)));
      for (const id of members) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
      // A group of one kind holds nodes of that kind only ('*' holds every kind asked for).
      const kinds = await app.db.read(`MATCH (n:Entity) WHERE n.id IN $ids RETURN DISTINCT n.kind AS kind`, { ids: members });
      expect(kinds.filter((k) => g.data.of !== '*' && k.kind !== g.data.of)).toEqual([]);
    }
    expect([...seen].sort()).toEqual(expected);
  });

  it('when the cap allows one group node only, then the neighbours are one group of every kind', async () => {
    const res = await app.get('/api/graph/neighborhood?node=pathway-12&limit=2');
    const nodes = res.body.nodes as NodeEl[];
    expect(nodes.map((n) => n.data.kind)).toEqual(['pathway', 'group']);
    expect(nodes[1]!.data.count).toBe((await neighboursInNeo4j('pathway-12')).length);
  });

  it('when a hub of cases in several countries is grouped, then the cases are split by country with readable labels', async () => {
    const HUB = 'theme-explorer-groups-test';
    await app.db.write(
      `CREATE (h:Entity:Theme {id: $hub, kind: 'theme', name: 'Explorer groups test'})
       WITH h
       UNWIND [['de', 'DE', 30], ['fr', 'FR', 20], ['mt', 'MT', 2]] AS c
       CREATE (p:Entity:Place {id: 'place-groups-test-' + c[0], kind: 'place', name: 'Groups test ' + c[1], country: c[1]})
       WITH h, p, c
       UNWIND range(1, c[2]) AS i
       CREATE (x:Entity:Case {id: 'case-groups-test-' + c[0] + '-' + i, kind: 'case', name: 'Groups test case ' + c[1] + ' ' + i})
       CREATE (x)-[:ABOUT_THEME {basis: 'stated', sources: []}]->(h)
       CREATE (x)-[:LOCATED_IN {basis: 'stated', sources: []}]->(p)`,
      { hub: HUB },
    );
    try {
      const res = await app.get(`/api/graph/neighborhood?node=${HUB}&limit=10`);
      const nodes = res.body.nodes as NodeEl[];
      expect(nodes).toHaveLength(10);
      const groups = nodes.filter((n) => n.data.kind === 'group');
      expect(groups.map((g) => g.data.id).sort()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^group:theme-explorer-groups-test:case:country:DE/),
          expect.stringMatching(/case:country:FR/),
        ]),
      );
      // Malta's two cases fit: they are shown, not grouped.
      expect(nodes.map((n) => n.data.id)).toEqual(expect.arrayContaining(['case-groups-test-mt-1', 'case-groups-test-mt-2']));
      const de = groups.find((g) => g.data.id.includes(':DE'))!;
      expect(de.data.label).toMatch(new RegExp(`^${de.data.count} (more )?cases in Germany$`));
      const { members } = await membersOf(de, 8);
      expect(members.every((id) => id.startsWith('case-groups-test-de-'))).toBe(true);
      const shownDe = nodes.filter((n) => n.data.id.startsWith('case-groups-test-de-')).length;
      expect(members.length + shownDe).toBe(30);
    } finally {
      await app.db.write(
        `MATCH (n:Entity) WHERE n.id = $hub OR n.id STARTS WITH 'case-groups-test-' OR n.id STARTS WITH 'place-groups-test-' DETACH DELETE n`,
        {
          hub: HUB,
        },
      );
    }
  });

  it('when the neighbourhood fits the cap, then it has no group and is the whole neighbourhood from Neo4j with every link among its nodes', async () => {
    const expected = await neighboursInNeo4j('place-geestland');
    const res = await app.get('/api/graph/neighborhood?node=place-geestland&limit=300');
    expect(res.body.truncated).toBe(false);
    const ids = (res.body.nodes as NodeEl[]).map((n) => n.data.id);
    expect(ids.filter((id) => id !== 'place-geestland').sort()).toEqual(expected);
    const rels = await app.db.read(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids AND type(r) <> 'REPORTED_IN' RETURN count(r) AS n`,
      { ids },
    );
    expect((res.body.edges as EdgeEl[]).length).toBe(Number(rels[0]!.n));
  });

  it('when paths are asked for between pairs of the seed, then their length is what Neo4j shortestPath gives and each step is a relationship', async () => {
    const sample = await app.db.read(
      `MATCH (n:Entity) WHERE n.kind IN ['case', 'place', 'organisation', 'initiative', 'theme', 'target'] RETURN n.id AS id ORDER BY n.id`,
    );
    const pick = (i: number) => String(sample[Math.floor((i * sample.length) / 7)]!.id);
    const pairs: [string, string][] = [
      ['place-geestland', 'sdg-12'],
      ['case-geestland-led-street-lighting', 'pathway-9'],
      ['pathway-12', 'sdg-7'],
      [pick(0), 'sdg-12'],
      [pick(1), pick(5)],
      [pick(2), pick(6)],
      [pick(3), 'pathway-1'],
      [pick(4), pick(0)],
    ];
    for (const [from, to] of pairs) {
      const [row] = await app.db.read(
        `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
         OPTIONAL MATCH p = shortestPath((a)-[*..8]-(b))
         WHERE none(r IN relationships(p) WHERE type(r) = 'REPORTED_IN')
         RETURN length(p) AS length`,
        { from, to },
      );
      const res = await app.get(`/api/graph/path?from=${from}&to=${to}`);
      expect(res.status).toBe(200);
      const want = row?.length === null || row?.length === undefined ? null : Number(row.length);
      expect({ from, to, length: res.body.length }).toEqual({ from, to, length: want });
      expect(res.body.found).toBe(want !== null);
      for (const p of res.body.paths as string[][]) {
        expect(p).toHaveLength(want! + 1);
        expect([p[0], p.at(-1)]).toEqual([from, to]);
        const steps = p.slice(1).map((id, i) => [p[i]!, id]);
        const [linked] = await app.db.read(
          `UNWIND $steps AS s
           MATCH (a:Entity {id: s[0]})-[r]-(b:Entity {id: s[1]}) WHERE type(r) <> 'REPORTED_IN'
           RETURN count(DISTINCT s) AS n`,
          { steps },
        );
        expect(Number(linked!.n)).toBe(steps.length);
      }
    }
  });

  it('when a case is in a neighbourhood, then it carries the countries of the places it is located in', async () => {
    const res = await app.get('/api/graph/neighborhood?node=sdg-12&depth=2');
    expect(res.status).toBe(200);
    const cases = (res.body.nodes as NodeEl[]).filter((n) => n.data.kind === 'case');
    expect(cases.length).toBeGreaterThan(100);
    const rows = await app.db.read(
      `MATCH (c:Entity:Case)-[:LOCATED_IN]->(:Entity:Place)-[:PART_OF*0..]->(p:Entity:Place)
       WHERE c.id IN $ids AND p.country IS NOT NULL
       RETURN c.id AS id, collect(DISTINCT p.country) AS countries`,
      { ids: cases.map((c) => c.data.id) },
    );
    const expected = new Map(rows.map((r) => [String(r.id), (r.countries as string[]).sort()]));
    for (const c of cases) expect([c.data.id, c.data.countries]).toEqual([c.data.id, expected.get(c.data.id) ?? []]);
  });

  it('when an id merged into another is asked for, then the neighbourhood and the path answer 301 to the same address with the survivor', async () => {
    const gone = 'place-geestland-merged-api-test';
    await app.db.write(`CREATE (:Merged {id: $id, mergedInto: 'place-geestland'})`, { id: gone });
    try {
      const around = await app.send('GET', `/api/graph/neighborhood?node=${gone}&depth=1`);
      expect(around.status).toBe(301);
      expect(around.headers.get('location')).toBe('/api/graph/neighborhood?node=place-geestland&depth=1');
      const path = await app.send('GET', `/api/graph/path?from=sdg-12&to=${gone}`);
      expect(path.status).toBe(301);
      expect(path.headers.get('location')).toBe('/api/graph/path?from=sdg-12&to=place-geestland');
      const followed = await app.get(`/api/graph/neighborhood?node=${gone}`);
      expect(followed.body.center).toBe('place-geestland');
    } finally {
      await app.db.write(`MATCH (m:Merged {id: $id}) DELETE m`, { id: gone });
    }
  });

  it('when the start of a name is typed, then /api/search/names offers the nodes whose words start so, the id typed in full first', async () => {
    const geest = await app.get('/api/search/names?q=Geest');
    expect(geest.status).toBe(200);
    expect((geest.body.hits as { id: string }[]).map((h) => h.id)).toEqual(['place-geestland', 'case-geestland-led-street-lighting']);
    const sdg = await app.get('/api/search/names?q=sdg%2012&limit=3');
    expect(sdg.body.hits[0]).toEqual({
      id: 'sdg-12',
      kind: 'goal',
      name: 'SDG 12 · Responsible consumption and production',
      url: '/sdgs/12',
    });
    const places = await app.get('/api/search/names?q=geest&kinds=case');
    expect((places.body.hits as { kind: string }[]).map((h) => h.kind)).toEqual(['case']);
    const byId = await app.get('/api/search/names?q=place-geestland');
    expect(byId.body.hits[0].id).toBe('place-geestland');
    expectProblem(await app.get('/api/search/names?q=%20'), 400);
  });

  it.each([
    ['/api/graph/neighborhood?node=nowhere', 404],
    ['/api/graph/neighborhood?node=nowhere&group=case', 404],
    ['/api/graph/neighborhood?node=pathway-12&group=case:country:ZZ', 404],
    ['/api/graph/neighborhood?node=pathway-12&group=case&offset=100000', 404],
    ['/api/graph/neighborhood?node=pathway-12&group=planet', 400],
    ['/api/graph/path?from=nowhere&to=sdg-12', 404],
    ['/api/graph/path?from=place-geestland&to=nowhere', 404],
  ])('%s answers %i with a problem document', async (path, status) => {
    expectProblem(await app.get(path), status);
  });
});
