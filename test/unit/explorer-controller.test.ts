import { afterEach, describe, expect, it } from 'vitest';
import { ExplorerApi } from '../../src/client/explorer/api.js';
import { ExplorerController } from '../../src/client/explorer/controller.js';
import { groupSize } from '../../src/client/explorer/graph-state.js';
import { emptyState, parseState, serializeState, type ViewState } from '../../src/client/explorer/state.js';
import type { ApiEdgeData, ApiNodeData, GraphPayload, GraphSource, GroupResponse } from '../../src/client/explorer/types.js';

// Cytoscape runs headless here: the controller's logic is tested without a browser or a database.
// The tests that load data through the running app are in test/integration/explorer-api.test.ts.

function node(id: string, kind: string, extra: Partial<ApiNodeData> = {}): { data: ApiNodeData } {
  return { data: { id, label: extra.label ?? id, kind, url: `/${kind}s/${id}`, ...extra } };
}
function edge(source: string, type: string, target: string, basis = 'stated'): { data: ApiEdgeData } {
  return { data: { id: `${source}-${type}-${target}`, source, target, type, basis } };
}

/** A small graph in the API's shape: one pathway, two goals, three cases in two countries. */
function sample(): GraphPayload {
  return {
    nodes: [
      node('pathway-12', 'pathway', { number: 12, transformation: 'technological', label: 'Pathway 12' }),
      node('sdg-12', 'goal', { number: 12, colour: '#BF8B2E' }),
      node('sdg-7', 'goal', { number: 7, colour: '#FCC30B' }),
      node('target-7-3', 'target'),
      node('case-a', 'case'),
      node('case-b', 'case'),
      node('case-c', 'case'),
      node('place-geestland', 'place', { country: 'DE' }),
      node('place-ghent', 'place', { country: 'BE' }),
      node('theme-energy', 'theme'),
    ],
    edges: [
      edge('pathway-12', 'ALIGNS_WITH', 'sdg-12', 'curated'),
      edge('target-7-3', 'BELONGS_TO', 'sdg-7'),
      edge('case-a', 'ILLUSTRATES', 'pathway-12'),
      edge('case-b', 'ILLUSTRATES', 'pathway-12'),
      edge('case-a', 'LOCATED_IN', 'place-geestland'),
      edge('case-b', 'LOCATED_IN', 'place-ghent'),
      edge('case-c', 'LOCATED_IN', 'place-ghent'),
      edge('case-a', 'CONTRIBUTES_TO', 'target-7-3'),
      edge('case-c', 'ABOUT_THEME', 'theme-energy'),
    ],
  };
}

/** A generated graph of `n` cases and `m` edges among them and 20 hubs, deterministic. */
function big(n: number, m: number): GraphPayload {
  const nodes = Array.from({ length: n }, (_, i) => node(`case-${i}`, i % 100 === 0 ? 'place' : 'case'));
  const edges: { data: ApiEdgeData }[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  while (edges.length < m) {
    const a = next() % n;
    const b = next() % n;
    if (a !== b) edges.push({ data: { id: `e${edges.length}`, source: `case-${a}`, target: `case-${b}`, type: 'PART_OF' } });
  }
  return { nodes, edges };
}

const controllers: ExplorerController[] = [];
function make(): ExplorerController {
  const c = new ExplorerController(null);
  controllers.push(c);
  return c;
}
afterEach(() => {
  while (controllers.length) controllers.pop()!.destroy();
});

describe('the explorer controller (headless)', () => {
  it('when the same elements are merged twice, then nothing is duplicated and node data is refreshed', () => {
    const c = make();
    const first = c.merge(sample());
    expect(first).toHaveLength(10);
    const again = sample();
    again.nodes[4]!.data.label = 'Case A, renamed';
    const second = c.merge(again);
    expect(second).toEqual([]);
    expect(c.cy.nodes()).toHaveLength(10);
    expect(c.cy.edges()).toHaveLength(9);
    expect(c.labelOf('case-a')).toBe('Case A, renamed');
  });

  it('when an edge names a node that is not in the view, then the edge is left out', () => {
    const c = make();
    c.merge({ nodes: [node('case-a', 'case')], edges: [edge('case-a', 'LOCATED_IN', 'place-nowhere')] });
    expect(c.cy.edges()).toHaveLength(0);
    expect(c.cy.nodes()).toHaveLength(1);
  });

  it('when a node has no label, then its id is its label', () => {
    const c = make();
    c.merge({ nodes: [{ data: { id: 'case-x', label: '', kind: 'case' } }], edges: [] });
    expect(c.labelOf('case-x')).toBe('case-x');
  });

  it('when a kind is hidden, then its nodes get the filter class and leave the list of visible nodes', () => {
    const c = make();
    c.merge(sample());
    c.setKindVisible('case', false);
    const cases = c.cy.nodes('[kind = "case"]');
    expect(cases).toHaveLength(3);
    expect(cases.map((n) => n.hasClass('hidden-by-filter') && !n.visible())).toEqual([true, true, true]);
    expect(c.visibleNodes().map((n) => n.kind)).not.toContain('case');
    expect(c.getState().hideKinds).toEqual(['case']);
    c.setKindVisible('case', true);
    expect(c.cy.nodes('.hidden-by-filter')).toHaveLength(0);
  });

  it('when filtering by pathway, then only the cases that illustrate it stay, with their context', () => {
    const c = make();
    c.merge(sample());
    c.setFilter('pathway', 'pathway-12');
    const visible = c.visibleNodes().map((n) => n.id);
    expect(visible).toEqual(expect.arrayContaining(['pathway-12', 'case-a', 'case-b', 'place-geestland', 'place-ghent', 'sdg-12']));
    expect(visible).not.toContain('case-c');
    expect(visible).not.toContain('theme-energy');
  });

  it('when filtering by goal or country, then cases linked to the goal (or its targets) or to a place in the country stay', () => {
    const c = make();
    c.merge(sample());
    c.setFilter('goal', 'sdg-7');
    expect(
      c
        .visibleNodes()
        .filter((n) => n.kind === 'case')
        .map((n) => n.id),
    ).toEqual(['case-a']);
    c.setFilter('goal', undefined);
    c.setFilter('country', 'be');
    expect(c.getState().filters.country).toBe('BE');
    const visible = c.visibleNodes().map((n) => n.id);
    expect(visible.filter((id) => id.startsWith('case-')).sort()).toEqual(['case-b', 'case-c']);
    expect(visible).not.toContain('place-geestland');
    expect(c.facetOptions().country.map((o) => o.value)).toEqual(['BE', 'DE']);
  });

  it('when a case carries the countries of places outside the view, then the country filter offers and keeps them, with counts', () => {
    const c = make();
    const payload = sample();
    payload.nodes.push(node('case-far', 'case', { countries: ['SE'] }));
    payload.edges.push(edge('case-far', 'ILLUSTRATES', 'pathway-12'));
    c.merge(payload);
    expect(c.facetOptions().country).toEqual([
      { value: 'BE', label: 'Belgium (BE) (2)', count: 2 },
      { value: 'DE', label: 'Germany (DE) (1)', count: 1 },
      { value: 'SE', label: 'Sweden (SE) (1)', count: 1 },
    ]);
    expect(c.setFilter('country', 'SE')).toBe(true);
    expect(
      c
        .visibleNodes()
        .filter((n) => n.kind === 'case')
        .map((n) => n.id),
    ).toEqual(['case-far']);
  });

  it('when a filter would hide every case, then it is refused with a notice and the view stays as it was', () => {
    const c = make();
    c.merge(sample());
    const notices: string[] = [];
    c.bus.on('notice', (n) => notices.push(n.code));
    expect(c.setFilter('country', 'JP')).toBe(false);
    expect(notices).toEqual(['filter-empty']);
    expect(c.getState().filters).toEqual({});
    expect(c.visibleNodes()).toHaveLength(10);
  });

  it('when the view is exported as GraphML, then it holds the visible nodes and the edges between them, escaped', () => {
    const c = make();
    const payload = sample();
    payload.nodes.push(node('case-amp', 'case', { label: 'Tom & Jerry <b>"quoted"</b>' }));
    payload.edges.push(edge('case-amp', 'ILLUSTRATES', 'pathway-12'));
    c.merge(payload);
    c.setKindVisible('theme', false);
    const xml = c.exportGraphml();
    const ids = [...xml.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(ids).toEqual(
      c
        .visibleNodes()
        .map((n) => n.id)
        .sort(),
    );
    expect(ids).not.toContain('theme-energy');
    expect(xml).not.toContain('ABOUT_THEME');
    expect(xml).toContain('<data key="label">Tom &amp; Jerry &lt;b&gt;&quot;quoted&quot;&lt;/b&gt;</data>');
    expect(xml).toContain('<data key="relation">illustrates</data>');
    expect(xml).toContain('<data key="relation">contributes to target</data>');
    expect([...xml.matchAll(/<edge /g)]).toHaveLength(9);
  });

  it('when the default layout runs twice, then the frameworks sit on one ring in their order and no two nodes share a place', async () => {
    const c = make();
    c.merge(sample());
    await c.runLayout('scaffold');
    const first = c.cy.nodes().map((n) => ({ id: n.id(), ...n.position() }));
    await c.runLayout('scaffold');
    expect(c.cy.nodes().map((n) => ({ id: n.id(), ...n.position() }))).toEqual(first);
    const ring = ['pathway-12', 'sdg-7', 'target-7-3', 'sdg-12'].map((id) => c.cy.getElementById(id).position());
    const radii = ring.map((p) => Math.hypot(p.x, p.y));
    for (const r of radii) expect(r).toBeCloseTo(radii[0]!, 6);
    // Pathways first, from the top, then each goal followed by its targets.
    expect(ring[0]!.x).toBeCloseTo(0, 6);
    expect(ring[0]!.y).toBeLessThan(0);
    const keys = new Set(first.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
    expect(keys.size).toBe(first.length);
  });

  it('when a node is hidden, removed and the hidden ones shown again, then the state records each step', () => {
    const c = make();
    c.merge(sample());
    c.hide('theme-energy');
    expect(c.cy.getElementById('theme-energy').hasClass('hidden-by-user')).toBe(true);
    c.remove('place-ghent');
    expect(c.has('place-ghent')).toBe(false);
    expect(c.cy.edges('[target = "place-ghent"]')).toHaveLength(0);
    expect(c.getState()).toMatchObject({ hidden: ['theme-energy'], removed: ['place-ghent'] });
    c.showHidden();
    expect(c.cy.nodes('.hidden-by-user')).toHaveLength(0);
    // A node that comes back with new data is no longer "removed".
    c.merge(sample());
    expect(c.getState().removed).toEqual([]);
  });

  it('when the same graph is laid out twice, then it gets the same positions (seeded layout)', async () => {
    const positions: Record<string, { x: number; y: number }>[] = [];
    for (let i = 0; i < 2; i++) {
      const c = make();
      c.merge(sample());
      await c.runLayout('fcose');
      positions.push(Object.fromEntries(c.cy.nodes().map((n) => [n.id(), { ...n.position() }])));
    }
    expect(positions[1]).toEqual(positions[0]);
    const xs = Object.values(positions[0]!).map((p) => Math.round(p.x));
    expect(new Set(xs).size).toBeGreaterThan(3);
  });

  it('when a layout is started while another runs, then the first one is stopped and both promises settle', async () => {
    const c = make();
    c.merge(sample());
    const first = c.runLayout('concentric');
    const second = c.runLayout('breadthfirst');
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
  });

  it('when the view grows past 800 nodes, then the controller switches to its dense settings and fCoSE draft still lays out 2,000 nodes and 5,000 edges', async () => {
    const c = make();
    c.merge(big(500, 600));
    expect(c.isDense()).toBe(false);
    c.merge(big(2000, 5000));
    expect(c.cy.nodes()).toHaveLength(2000);
    expect(c.cy.edges().length).toBeGreaterThan(4000);
    expect(c.isDense()).toBe(true);
    const before = { ...c.cy.getElementById('case-1999').position() };
    await c.runLayout('fcose');
    const after = { ...c.cy.getElementById('case-1999').position() };
    expect(after).not.toEqual(before);
    // The draft layout's coincident nodes are spread out: every node has a place of its own.
    const spots = new Set(c.cy.nodes().map((n) => `${Math.round(n.position('x'))},${Math.round(n.position('y'))}`));
    expect(spots.size).toBe(2000);
  });

  it('when the state is written to a URL and read back, then it is the same state', () => {
    const state: ViewState = {
      ...emptyState(),
      nodes: ['pathway-12', 'sdg-12'],
      depth: 2,
      limit: 1000,
      expanded: ['case-geestland-led-street-lighting'],
      hidden: ['theme-energy'],
      removed: ['src-x'],
      hideKinds: ['source', 'target'],
      filters: { pathway: 'pathway-12', country: 'DE' },
      layout: 'concentric',
      path: { from: 'place-geestland', to: 'sdg-12' },
      selected: 'case-geestland-led-street-lighting',
    };
    const qs = serializeState(state);
    expect(qs).toContain('node=pathway-12,sdg-12');
    expect(parseState(qs)).toEqual(state);
    expect(parseState(`?${qs}`)).toEqual(state);
    expect(serializeState(emptyState())).toBe('');
  });

  it('when the URL holds malformed values, then they are dropped rather than used', () => {
    const s = parseState('node=pathway-12,<script>,Bad%20Id&depth=9&hideKinds=case,nope&layout=spiral&country=Deutschland&from=a');
    expect(s).toEqual({ ...emptyState(), nodes: ['pathway-12'], hideKinds: ['case'] });
  });

  it('when filters and hides are changed, then the controller state serialises to the URL that rebuilds them', () => {
    const c = make();
    c.merge(sample());
    c.setKindVisible('source', false);
    c.setFilter('theme', 'theme-energy');
    c.hide('sdg-7');
    c.select('case-c');
    const qs = serializeState(c.getState());
    expect(qs).toBe('hidden=sdg-7&hideKinds=source&theme=theme-energy&select=case-c');
    expect(parseState(qs)).toEqual(c.getState());
  });
});

// ------------------------------------------------------------------ group nodes

/** A group node as the API gives it: `count` neighbours of `parent` of kind `of`, from `offset` on. */
function group(parent: string, of: string, count: number, offset = 0): { data: ApiNodeData } {
  const key = `${of}:country:DE`;
  return {
    data: {
      id: `group:${parent}:${key}${offset ? `@${offset}` : ''}`,
      kind: 'group',
      label: `${count} ${offset ? 'more ' : ''}cases in Germany`,
      count,
      of,
      parent,
      group: key,
      offset,
      expand: `/api/graph/neighborhood?node=${parent}&group=${key}&offset=${offset}`,
    },
  };
}

/** An API that knows one group of 7 cases of pathway-12 and gives them 3 at a time. */
function groupApi(calls: string[]): GraphSource {
  const fail = () => Promise.reject(new Error('not in this test'));
  return {
    neighbourhood: fail,
    path: fail,
    search: fail,
    names: fail,
    node: fail,
    group(expand: string): Promise<GroupResponse> {
      calls.push(expand);
      const offset = Number(new URL(expand, 'http://x').searchParams.get('offset'));
      const members = Array.from({ length: 7 }, (_, i) => `case-de-${i}`).slice(offset, offset + 3);
      const rest = 7 - offset - members.length;
      return Promise.resolve({
        center: 'pathway-12',
        truncated: rest > 0,
        limit: 4,
        group: { id: `g${offset}`, parent: 'pathway-12', group: 'case:country:DE', offset, count: 7 - offset, members },
        nodes: [
          node('pathway-12', 'pathway', { number: 12 }),
          ...members.map((id) => node(id, 'case')),
          ...(rest > 0 ? [group('pathway-12', 'case', rest, offset + 3)] : []),
        ],
        edges: [
          ...members.map((id) => edge(id, 'ILLUSTRATES', 'pathway-12')),
          ...(rest > 0
            ? [{ data: { id: 'rest', source: 'pathway-12', target: group('pathway-12', 'case', rest, offset + 3).data.id, type: 'GROUP' } }]
            : []),
        ],
      });
    },
  };
}

describe('group nodes in the explorer (headless)', () => {
  it('when a payload has a group node, then it is drawn as a group sized by its count and listed under Groups', () => {
    const c = make();
    c.merge({
      nodes: [node('pathway-12', 'pathway', { number: 12 }), group('pathway-12', 'case', 124), group('pathway-12', 'case', 3)],
      edges: [],
    });
    const big = c.cy.getElementById('group:pathway-12:case:country:DE');
    expect(c.isGroup(big.id())).toBe(true);
    expect(c.isGroup('pathway-12')).toBe(false);
    expect(big.data('label')).toBe('124 cases in Germany');
    expect(big.data('size')).toBe(groupSize(124));
    expect(groupSize(124)).toBeGreaterThan(groupSize(3));
    expect(big.style('border-style')).toBe('dashed');
    expect(c.visibleNodes().at(-1)).toMatchObject({ kind: 'group' });
    expect(ExplorerController.kindLabel('group')).toMatch(/^Groups/);
  });

  it('when cases are hidden by the kind filter, then groups of cases are hidden too', () => {
    const c = make();
    c.merge({ nodes: [node('pathway-12', 'pathway'), group('pathway-12', 'case', 10)], edges: [] });
    c.setKindVisible('case', false);
    expect(c.visibleNodes().map((n) => n.id)).toEqual(['pathway-12']);
  });

  it('when a group is expanded, then its members replace it, capped, with a further group for the rest that expands in turn', async () => {
    const calls: string[] = [];
    const c = new ExplorerController(groupApi(calls));
    controllers.push(c);
    const events: string[][] = [];
    c.bus.on('group', ({ members }) => events.push(members));
    c.merge({ nodes: [node('pathway-12', 'pathway', { number: 12 }), group('pathway-12', 'case', 7)], edges: [] });
    await c.expandGroup('group:pathway-12:case:country:DE');
    expect(c.has('group:pathway-12:case:country:DE')).toBe(false);
    expect(c.cy.nodes('[kind = "case"]').map((n) => n.id())).toEqual(['case-de-0', 'case-de-1', 'case-de-2']);
    const rest = c.cy.nodes('[kind = "group"]');
    expect(rest.map((n) => n.id())).toEqual(['group:pathway-12:case:country:DE@3']);
    expect(rest.data('label')).toBe('4 more cases in Germany');
    // Expanding goes through the same entry point as a double-click on any node.
    await c.expand(rest.first().id());
    await c.expand('group:pathway-12:case:country:DE@6');
    expect(c.cy.nodes('[kind = "case"]')).toHaveLength(7);
    expect(c.cy.nodes('[kind = "group"]')).toHaveLength(0);
    expect(c.cy.edges('[type = "ILLUSTRATES"]')).toHaveLength(7);
    expect(calls.map((u) => new URL(u, 'http://x').searchParams.get('offset'))).toEqual(['0', '3', '6']);
    expect(events).toEqual([['case-de-0', 'case-de-1', 'case-de-2'], ['case-de-3', 'case-de-4', 'case-de-5'], ['case-de-6']]);
    // A group expansion is not a removal: the URL state does not name the group.
    expect(c.getState().removed).toEqual([]);
  });

  it('when a payload gives a group an address outside the neighbourhood API, then the API client refuses it', async () => {
    const fetched: string[] = [];
    const api = new ExplorerApi('', (input) => {
      fetched.push(input as string);
      return Promise.resolve(new Response('{}', { status: 200 }));
    });
    await expect(api.group('https://evil.example/steal?group=case')).rejects.toThrow(/cannot be opened/);
    await expect(api.group('/api/graph/neighborhood?node=pathway-12&group=case&offset=0', 50)).resolves.toEqual({});
    expect(fetched).toEqual(['/api/graph/neighborhood?node=pathway-12&group=case&offset=0&limit=50']);
  });
});
