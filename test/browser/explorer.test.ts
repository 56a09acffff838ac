import { readFile } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildClient } from '../../scripts/build-client.js';
import { startTestApp, type TestApp } from '../helpers/env.js';
import { highlightedIds, isDrawn, launchChromium, listedNodes, nodePoint, screenshot, waitForExplorer } from './support.js';

const GEESTLAND_CASE = 'case-geestland-led-street-lighting';
const GEESTLAND_PLACE = 'place-geestland';
/** An id merged into Geestland's place: a redirect lives on where the node was. */
const MERGED_AWAY = 'place-geestland-merged-away-test';
const XSS_NAME = '<img src=x onerror=window.__xss=1>';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  // The page loads public/build/explorer.js: build it from the sources under test.
  await buildClient();
  app = await startTestApp();
  // A case whose name is an HTML injection attempt, linked to Pathway 12.
  await app.db.write(
    `MATCH (p:Pathway {id: 'pathway-12'})
     MERGE (c:Entity:Case {id: 'case-xss-test'})
     SET c.name = $name, c.kind = 'case', c.summary = $name, c.year = 2020
     MERGE (c)-[r:ILLUSTRATES]->(p)
     SET r.sources = [], r.basis = 'stated'`,
    { name: XSS_NAME },
  );
  // What a merge leaves of the duplicate (src/domain/curation/merge.ts): a :Merged node naming its survivor.
  await app.db.write(`CREATE (:Merged {id: $id, mergedInto: $to})`, { id: MERGED_AWAY, to: GEESTLAND_PLACE });
  browser = await launchChromium();
});

afterAll(async () => {
  await app?.db.write(`MATCH (c:Entity {id: 'case-xss-test'}) DETACH DELETE c`);
  await app?.db.write(`MATCH (m:Merged {id: $id}) DELETE m`, { id: MERGED_AWAY });
  await browser?.close();
  await app?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterEach(async () => {
  await context?.close();
  // Every test's page must run without an uncaught error; this fails the test that had one.
  if (pageErrors.length) throw new Error(`the page threw: ${pageErrors.join('; ')}`);
});

async function openExplorer(query: string): Promise<void> {
  const res = await page.goto(`${app.url}/explore?${query}`);
  expect(res?.status()).toBe(200);
  await waitForExplorer(page);
}

async function clickNode(id: string): Promise<void> {
  const { x, y } = await nodePoint(page, id);
  await page.mouse.click(x, y);
}

describe('the graph explorer in Chromium', () => {
  it('when opened on pathway-12, then it draws the pathway and its cases, Geestland among them', async () => {
    await openExplorer('node=pathway-12');
    await expect(isDrawn(page, 'pathway-12')).resolves.toBe(true);
    await expect(isDrawn(page, GEESTLAND_CASE)).resolves.toBe(true);
    const listed = await listedNodes(page);
    const cases = listed.filter((n) => n.group === 'Case');
    expect(cases.length).toBeGreaterThanOrEqual(2);
    expect(cases.some((n) => /Geestland/.test(n.text))).toBe(true);
    await expect(page.locator('#ex-status').textContent()).resolves.toMatch(/\d+ of \d+ nodes shown/);
    await expect(page.title()).resolves.toMatch(/Explorer/);
    await screenshot(page, 'explorer-pathway-12');
  });

  it('when a node is clicked, then the side panel shows its details and a link to its page, with focus in it', async () => {
    await openExplorer('node=pathway-12');
    await clickNode(GEESTLAND_CASE);
    const panel = page.locator('#ex-panel');
    await panel.waitFor({ state: 'visible' });
    await expect(page.locator('#ex-panel-title').textContent()).resolves.toMatch(/Geestland/);
    await expect(page.locator('#ex-panel-link').getAttribute('href')).resolves.toBe(`/cases/${GEESTLAND_CASE}`);
    await page.locator('#ex-panel-body dl').waitFor();
    // Relationships in words, not their stored names.
    await expect(page.locator('#ex-panel-body').textContent()).resolves.toMatch(/illustrates →/);
    await expect(page.locator('#ex-panel-body').textContent()).resolves.not.toMatch(/ILLUSTRATES/);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('ex-panel-title');
    expect(page.url()).toContain(`select=${GEESTLAND_CASE}`);
    await screenshot(page, 'explorer-panel');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
  });

  it('when a case is expanded with a double-click, then its place is added to the view and to the URL', async () => {
    await openExplorer('node=pathway-12');
    await expect(isDrawn(page, GEESTLAND_PLACE)).resolves.toBe(false);
    const { x, y } = await nodePoint(page, GEESTLAND_CASE);
    await page.mouse.dblclick(x, y);
    await page.waitForFunction((id) => window.pathwayAtlasExplorer!.has(id), GEESTLAND_PLACE);
    await waitForExplorer(page);
    await expect(isDrawn(page, GEESTLAND_PLACE)).resolves.toBe(true);
    expect(page.url()).toContain(`expand=${GEESTLAND_CASE}`);
    // The shared URL rebuilds the same view.
    await page.reload();
    await waitForExplorer(page);
    await expect(isDrawn(page, GEESTLAND_PLACE)).resolves.toBe(true);
    await screenshot(page, 'explorer-expanded');
  });

  it('when the Expand button of the panel is used, then the neighbours of the node are added', async () => {
    await openExplorer('node=pathway-12');
    await clickNode(GEESTLAND_CASE);
    await page.getByRole('button', { name: 'Expand neighbours' }).click();
    await waitForExplorer(page);
    await expect(isDrawn(page, GEESTLAND_PLACE)).resolves.toBe(true);
    await expect(isDrawn(page, 'theme-street-lighting')).resolves.toBe(true);
  });

  it('when the Case kind is unchecked, then no case is shown, and the filter survives a reload', async () => {
    await openExplorer('node=pathway-12');
    await page.getByRole('checkbox', { name: /^Case\b/ }).uncheck();
    await expect(isDrawn(page, GEESTLAND_CASE)).resolves.toBe(false);
    await expect(isDrawn(page, 'pathway-12')).resolves.toBe(true);
    const listed = await listedNodes(page);
    expect(listed.filter((n) => n.group === 'Case')).toEqual([]);
    expect(page.url()).toContain('hideKinds=case');
    await screenshot(page, 'explorer-filter-cases');
    await page.reload();
    await waitForExplorer(page);
    await expect(page.getByRole('checkbox', { name: /^Case\b/ }).isChecked()).resolves.toBe(false);
    await expect(isDrawn(page, GEESTLAND_CASE)).resolves.toBe(false);
  });

  it('when Geestland and SDG 12 are typed in the path fields and picked from the offered names, then the path is drawn highlighted', async () => {
    await openExplorer('node=pathway-12');
    const from = page.getByRole('combobox', { name: 'From' });
    await from.fill('Geest');
    const place = page.locator('#ex-path-from-options').getByRole('option', { name: 'Geestland (Place)' });
    await place.waitFor();
    // The keyboard way: down to the place, Enter to pick it.
    const offered = await page
      .locator('#ex-path-from-options [role="option"]')
      .evaluateAll((os) => os.map((o) => o.getAttribute('data-id')));
    for (let i = 0; i <= offered.indexOf(GEESTLAND_PLACE); i++) await from.press('ArrowDown');
    await expect(from.getAttribute('aria-activedescendant')).resolves.toBe(await place.getAttribute('id'));
    await from.press('Enter');
    await expect(from.inputValue()).resolves.toBe('Geestland');
    const to = page.getByRole('combobox', { name: 'To' });
    await to.fill('SDG 12');
    await page
      .locator('#ex-path-to-options')
      .getByRole('option', { name: /^SDG 12 · Responsible consumption/ })
      .click();
    await page.getByRole('button', { name: 'Find path' }).click();
    await page.waitForFunction(() => window.pathwayAtlasExplorer!.getState().path !== undefined);
    await waitForExplorer(page);
    const lit = await highlightedIds(page);
    expect(lit.nodes).toEqual(expect.arrayContaining([GEESTLAND_PLACE, 'sdg-12']));
    expect(lit.edges).toBeGreaterThanOrEqual(2);
    for (const id of lit.nodes) await expect(isDrawn(page, id)).resolves.toBe(true);
    expect(page.url()).toMatch(new RegExp(`from=${GEESTLAND_PLACE}&to=sdg-12`));
    // The fields show names, also after a reload of the shared URL.
    await page.reload();
    await waitForExplorer(page);
    await expect(page.getByRole('combobox', { name: 'From' }).inputValue()).resolves.toBe('Geestland');
    await screenshot(page, 'explorer-path');
  });

  it('when a name matching no node is typed as an end of the path, then the field is marked and a notice says so', async () => {
    await openExplorer('node=pathway-12');
    await page.getByRole('combobox', { name: 'From' }).fill('Qwxzv nowhere');
    await page.getByRole('combobox', { name: 'To' }).fill('sdg-12');
    await page.getByRole('button', { name: 'Find path' }).click();
    await expect(
      page
        .locator('#ex-notices')
        .getByText(/No node is named “Qwxzv nowhere”/)
        .textContent(),
    ).resolves.toMatch(/pick one/);
    await expect(page.getByRole('combobox', { name: 'From' }).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate(() => window.pathwayAtlasExplorer!.getState().path)).resolves.toBeUndefined();
  });

  it('when the view is exported, then the PNG download is a PNG image and the JSON holds the elements', async () => {
    await openExplorer('node=pathway-12');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    expect(png.suggestedFilename()).toBe('pathway-atlas-pathway-12.png');
    const bytes = await readFile(await png.path());
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(bytes.length).toBeGreaterThan(5_000);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const exported = JSON.parse(await readFile(await json.path(), 'utf8'));
    expect(exported.state.nodes).toEqual(['pathway-12']);
    expect(exported.elements.nodes.map((n: { data: { id: string } }) => n.data.id)).toContain(GEESTLAND_CASE);
  });

  it('when the view is exported as GraphML, then a real XML parser reads exactly the nodes shown and the links between them', async () => {
    await openExplorer('node=pathway-12&hideKinds=theme');
    await page.getByRole('checkbox', { name: /^Initiative\b/ }).uncheck();
    const shown = await page.evaluate(() => {
      const cy = window.pathwayAtlasExplorer!.cy;
      const nodes = cy.nodes(':visible');
      return { nodes: nodes.map((n) => n.id()).sort(), edges: nodes.edgesWith(nodes).length, all: cy.nodes().length };
    });
    expect(shown.all).toBeGreaterThan(shown.nodes.length);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export GraphML' }).click()]);
    expect(file.suggestedFilename()).toBe('pathway-atlas-pathway-12.graphml');
    const xml = await readFile(await file.path(), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ['node', 'edge', 'key', 'data'].includes(name),
    }).parse(xml);
    const graph = parsed.graphml.graph;
    expect(graph.edgedefault).toBe('directed');
    const ids = (graph.node as { id: string }[]).map((n) => n.id).sort();
    expect(ids).toEqual(shown.nodes);
    expect(graph.edge).toHaveLength(shown.edges);
    const idSet = new Set(ids);
    for (const e of graph.edge as { source: string; target: string }[])
      expect([idSet.has(e.source), idSet.has(e.target)]).toEqual([true, true]);
    // Names travel as data, the HTML-like one as plain text.
    const xss = (graph.node as { id: string; data: { key: string; '#text': string }[] }[]).find((n) => n.id === 'case-xss-test');
    expect(xss?.data.find((d) => d.key === 'label')?.['#text']).toBe(XSS_NAME);
  });

  it('when the view is exported as SVG, then the file is a valid SVG drawing the view, its labels as text', async () => {
    await openExplorer('node=pathway-12');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
    expect(file.suggestedFilename()).toBe('pathway-atlas-pathway-12.svg');
    const svg = await readFile(await file.path(), 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg);
    expect(Object.keys(parsed)).toContain('svg');
    expect(parsed.svg.xmlns).toBe('http://www.w3.org/2000/svg');
    // Every label shown in the view is text of the drawing (ellipsis and all).
    const labels = await page.evaluate(() =>
      window
        .pathwayAtlasExplorer!.cy.nodes(':visible')
        .filter((n) => Number(n.style('text-opacity')) > 0)
        .map((n) => String(n.data('label'))),
    );
    expect(labels.length).toBeGreaterThan(3);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&apos;|&#39;/g, "'"));
    for (const label of labels) expect(texts.some((t) => t.length > 0 && label.startsWith(t.replace(/…$/, '')))).toBe(true);
    expect(texts.length).toBeGreaterThanOrEqual(labels.length);
  });

  it('when a node is named with HTML, then the list, the panel and the search show it as text and nothing runs', async () => {
    await openExplorer('node=pathway-12');
    const listed = await listedNodes(page);
    expect(listed.find((n) => n.id === 'case-xss-test')?.text).toBe(XSS_NAME);
    await clickNode('case-xss-test');
    await page.locator('#ex-panel').waitFor({ state: 'visible' });
    await page.locator('#ex-panel-body dl').waitFor();
    await expect(page.locator('#ex-panel-title').textContent()).resolves.toBe(XSS_NAME);
    await expect(page.locator('#explorer img').count()).resolves.toBe(0);
    await page.getByLabel('Name of a case, place, organisation, pathway or goal').fill('onerror');
    await page.locator('#ex-search-form').getByRole('button', { name: 'Search' }).click();
    await page.locator('#ex-search-results [role="status"]').filter({ hasNotText: 'Searching' }).waitFor();
    await expect(page.locator('#explorer img').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).resolves.toBeUndefined();
  });

  it('when the keyboard is used, then the node list selects a node, Enter opens the panel, Escape closes it, and focus is visible', async () => {
    await openExplorer('node=pathway-12');
    await page.focus('#ex-node-list');
    await page.keyboard.press('ArrowDown');
    const chosen = await page.locator('#ex-node-list').inputValue();
    expect(chosen).not.toBe('');
    await expect(page.evaluate(() => window.pathwayAtlasExplorer!.getState().selected)).resolves.toBe(chosen);
    await page.keyboard.press('Enter');
    await page.locator('#ex-panel').waitFor({ state: 'visible' });
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('ex-panel-title');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Escape');
    await page.locator('#ex-panel').waitFor({ state: 'hidden' });
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('ex-node-list');
  });

  it('when the drawing has the keyboard focus, then the arrow keys pan it, plus and minus zoom it and its focus is visible', async () => {
    await openExplorer('node=pathway-12');
    await page.focus('#ex-canvas');
    await expect(page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).resolves.not.toBe('none');
    const view = () => page.evaluate(() => ({ zoom: window.cy!.zoom(), x: window.cy!.pan().x, y: window.cy!.pan().y }));
    const before = await view();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    const panned = await view();
    expect([panned.x - before.x, panned.y - before.y]).toEqual([60, 60]);
    await page.keyboard.press('+');
    const zoomed = await view();
    expect(zoomed.zoom).toBeCloseTo(before.zoom * 1.25, 6);
    await page.keyboard.press('-');
    await expect(view().then((v) => v.zoom)).resolves.toBeCloseTo(before.zoom, 6);
  });

  it('when the layout is changed and a case expanded, then the URL follows and the back button returns to the earlier view', async () => {
    await openExplorer('node=pathway-12');
    await page.getByLabel('Layout').selectOption('concentric');
    await waitForExplorer(page);
    expect(page.url()).toContain('layout=concentric');
    await clickNode(GEESTLAND_CASE);
    await page.getByRole('button', { name: 'Expand neighbours' }).click();
    await waitForExplorer(page);
    await expect(isDrawn(page, GEESTLAND_PLACE)).resolves.toBe(true);
    await page.goBack();
    await page.waitForFunction(() => !location.search.includes('expand='));
    await waitForExplorer(page);
    await expect(page.evaluate((id) => window.pathwayAtlasExplorer!.has(id), GEESTLAND_PLACE)).resolves.toBe(false);
    await expect(page.getByLabel('Layout').inputValue()).resolves.toBe('concentric');
    await screenshot(page, 'explorer-concentric');
  });

  it('when opened on a search, then the first hit is opened', async () => {
    await page.goto(`${app.url}/explore?q=Geestland`);
    await page.waitForFunction(() => (window.pathwayAtlasExplorer?.getState().nodes.length ?? 0) > 0);
    await waitForExplorer(page);
    const state = await page.evaluate(() => window.pathwayAtlasExplorer!.getState());
    expect(state.nodes[0]).toMatch(/geestland/);
    await expect(page.locator('#ex-search-results li').count()).resolves.toBeGreaterThan(0);
  });

  it('when opened without a node, then it offers starting points that open the graph', async () => {
    await page.goto(`${app.url}/explore`);
    const start = page.locator('#ex-start');
    await start.waitFor({ state: 'visible' });
    await start.getByRole('button', { name: /^Pathway 12/ }).click();
    await page.waitForFunction(() => window.pathwayAtlasExplorer!.has('pathway-12'));
    await waitForExplorer(page);
    await expect(start.count()).resolves.toBe(0);
    expect(page.url()).toContain('node=pathway-12');
  });

  it('when a hub is opened with a small cap, then its surplus is shown as group nodes, and a click or Enter puts the members in their place', async () => {
    await openExplorer('node=pathway-12&limit=12');
    const groupsInView = () =>
      page.evaluate(() =>
        window
          .pathwayAtlasExplorer!.cy.nodes('[kind = "group"]')
          .map((n) => ({ id: n.id(), count: n.data('count') as number, label: n.data('label') as string, size: n.width() })),
      );
    const groups = await groupsInView();
    expect(groups.length).toBeGreaterThan(0);
    const biggest = [...groups].sort((a, b) => b.count - a.count)[0]!;
    expect(biggest.count).toBeGreaterThan(12);
    expect(biggest.label).toMatch(new RegExp(`^${biggest.count} `));
    await expect(isDrawn(page, biggest.id)).resolves.toBe(true);
    // Listed for the keyboard, under its own heading.
    const listed = await listedNodes(page);
    expect(listed.find((n) => n.id === biggest.id)?.group).toMatch(/^Groups/);
    await screenshot(page, 'explorer-groups');
    const before = await page.evaluate(() => window.pathwayAtlasExplorer!.cy.nodes('[kind != "group"]').map((n) => n.id()));
    await clickNode(biggest.id);
    await page.waitForFunction((id) => !window.pathwayAtlasExplorer!.has(id), biggest.id);
    await waitForExplorer(page);
    const members = await page.evaluate(
      (old) =>
        window
          .pathwayAtlasExplorer!.cy.nodes('[kind != "group"]')
          .map((n) => n.id())
          .filter((id) => !old.includes(id)),
      before,
    );
    // As many members as the cap allows (the node, the members and one group for the rest).
    expect(members.length).toBe(Math.min(biggest.count, 10));
    for (const id of members) await expect(isDrawn(page, id)).resolves.toBe(true);
    await expect(page.locator('#ex-panel').isVisible()).resolves.toBe(false);
    // The rest of the group, from where this page ended: the same group id with a later offset.
    const base = biggest.id.replace(/@\d+$/, '');
    const rest = (await groupsInView()).find((g) => g.id !== biggest.id && g.id.startsWith(`${base}@`));
    expect(rest?.count).toBe(biggest.count - members.length);
    await screenshot(page, 'explorer-group-opened');
    // The rest opens from the keyboard: choose it in the list and press Enter.
    await page.locator('#ex-node-list').selectOption(rest!.id);
    await page.locator('#ex-node-list').press('Enter');
    await page.waitForFunction((id) => !window.pathwayAtlasExplorer!.has(id), rest!.id);
    await waitForExplorer(page);
    await expect(page.evaluate(() => window.pathwayAtlasExplorer!.cy.nodes('[kind != "group"]').length)).resolves.toBe(
      before.length + members.length + (rest!.count <= 11 ? rest!.count : 10),
    );
  });

  it('when the page is open, then window.cy is the Cytoscape instance of the view', async () => {
    await openExplorer('node=pathway-12');
    await expect(page.evaluate(() => window.cy === window.pathwayAtlasExplorer!.cy)).resolves.toBe(true);
    await expect(page.evaluate(() => window.cy!.getElementById('pathway-12').hasClass('anchor'))).resolves.toBe(true);
    // A script from the console changes the view the page shows.
    await page.evaluate(() => {
      window.cy!.getElementById('pathway-12').select();
    });
    await expect(page.evaluate(() => window.pathwayAtlasExplorer!.cy.$(':selected').map((n) => n.id()))).resolves.toEqual(['pathway-12']);
  });

  it('when SDG 12 is opened at depth 2, then no two labels shown overlap, the frameworks among them, and zooming in shows more', async () => {
    await openExplorer('node=sdg-12&depth=2');
    const labelled = () =>
      page.evaluate(() => {
        const cy = window.cy!;
        const shown = cy.nodes(':visible').filter((n) => Number(n.style('text-opacity')) > 0 && n.style('label') !== '');
        const boxes = shown.map((n) => ({
          id: n.id(),
          b: n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }),
        }));
        const overlaps: string[] = [];
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!.b;
            const b = boxes[j]!.b;
            if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps.push(`${boxes[i]!.id} / ${boxes[j]!.id}`);
          }
        return { ids: boxes.map((b) => b.id), overlaps, nodes: cy.nodes(':visible').length };
      });
    const before = await labelled();
    const answer = await app.get('/api/graph/neighborhood?node=sdg-12&depth=2');
    expect(before.nodes).toBe(answer.body.nodes.length);
    expect(before.nodes).toBeGreaterThanOrEqual(165);
    expect(before.overlaps).toEqual([]);
    expect(before.ids.length).toBeGreaterThan(20);
    expect(before.ids).toEqual(expect.arrayContaining(['sdg-12', 'pathway-12']));
    await screenshot(page, 'explorer-sdg-12-depth-2');
    // Selecting a case shows its label and writes its relationships on its edges.
    await page.evaluate(() => window.pathwayAtlasExplorer!.select('case-geestland-led-street-lighting'));
    const edgeLabels = await page.evaluate(() =>
      window
        .cy!.$('#case-geestland-led-street-lighting')
        .connectedEdges(':visible')
        .map((e) => String(e.style('label'))),
    );
    expect(edgeLabels).toEqual(expect.arrayContaining(['illustrates']));
    expect(edgeLabels.every((l) => /^[a-z ]+$/.test(l))).toBe(true);
    const selected = await labelled();
    expect(selected.ids).toContain('case-geestland-led-street-lighting');
    expect(selected.overlaps).toEqual([]);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.waitForFunction((n) => {
      const cy = window.cy!;
      return cy.nodes(':visible').filter((x) => Number(x.style('text-opacity')) > 0).length > n;
    }, selected.ids.length);
    await expect(labelled().then((l) => l.overlaps)).resolves.toEqual([]);
  });

  it('when a country is chosen for SDG 12 at depth 2, then exactly the cases located there stay, as the API gives their places', async () => {
    await openExplorer('node=sdg-12&depth=2');
    const options = await page
      .locator('#ex-filter-country option')
      .evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })).filter((o) => o.value));
    expect(options.length).toBeGreaterThan(10);
    const chosen = options.find((o) => o.value === 'SE')!;
    expect(chosen.text).toMatch(/^Sweden \(SE\) \(\d+\)$/);
    const cases = await page.evaluate(() => window.cy!.nodes('[kind = "case"]').map((n) => n.id()));
    const countries = async (id: string): Promise<string[]> => {
      const res = await app.get(`/api/nodes/${id}`);
      return (res.body.links as { type: string; node: { country?: string } }[])
        .filter((l) => l.type === 'LOCATED_IN')
        .flatMap((l) => (l.node.country ? [l.node.country] : []));
    };
    const expected: string[] = [];
    for (const id of cases) if ((await countries(id)).includes('SE')) expected.push(id);
    expect(expected.length).toBeGreaterThan(0);
    await page.locator('#ex-filter-country').selectOption('SE');
    const kept = await page.evaluate(() => window.cy!.nodes('[kind = "case"]:visible').map((n) => n.id()));
    expect(kept.sort()).toEqual(expected.sort());
    expect(chosen.text).toContain(`(${expected.length})`);
    expect(page.url()).toContain('country=SE');
  });

  it('when a filter would hide every case, then it is not applied and a notice says so', async () => {
    await openExplorer('node=sdg-12&depth=2');
    const cases = await page.evaluate(() => window.cy!.nodes('[kind = "case"]').length);
    expect(cases).toBeGreaterThanOrEqual(124);
    const applied = await page.evaluate(() => window.pathwayAtlasExplorer!.setFilter('country', 'AQ'));
    expect(applied).toBe(false);
    await expect(page.locator('#ex-notices [data-code="filter-empty"]').textContent()).resolves.toMatch(/Antarctica \(AQ\).*not applied/);
    await expect(page.evaluate(() => window.cy!.nodes('[kind = "case"]:visible').length)).resolves.toBe(cases);
    expect(page.url()).not.toContain('country=');
  });

  it('when the explorer is opened on a merged-away id, then it follows it to the node it was merged into, as the pages do', async () => {
    const pageAnswer = await app.get(`/places/${MERGED_AWAY}`);
    expect(pageAnswer.status).toBe(200);
    expect(pageAnswer.text).toContain('Geestland');
    await openExplorer(`node=${MERGED_AWAY}`);
    await expect(page.evaluate(() => window.pathwayAtlasExplorer!.getState().nodes)).resolves.toEqual([GEESTLAND_PLACE]);
    await expect(isDrawn(page, GEESTLAND_PLACE)).resolves.toBe(true);
    await expect(page.locator('#ex-notices [data-code="moved"]').textContent()).resolves.toContain(`was merged into ${GEESTLAND_PLACE}`);
    await expect(page.locator('#ex-notices [data-code="not-found"]').count()).resolves.toBe(0);
    expect(page.url()).toContain(`node=${GEESTLAND_PLACE}`);
  });

  it('when used on a 360 px touch phone, then nothing overflows, a pinch zooms the drawing and a tap on a node opens its details', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await openExplorer('node=pathway-12');
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#explorer *')]
        .filter((e) => e.offsetParent !== null && !e.closest('.ex-sr-only') && !e.closest('#ex-canvas'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((e) => e.id || e.className || e.tagName),
    );
    expect(wide).toEqual([]);
    await expect(page.evaluate(() => document.getElementById('explorer')!.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await page.locator('#ex-canvas').scrollIntoViewIfNeeded();
    // Two fingers moving apart on the drawing zoom it in (touch events as the phone sends them).
    const zoom = () => page.evaluate(() => window.cy!.zoom());
    const before = await zoom();
    const box = (await page.locator('#ex-canvas').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height * 0.85;
    const cdp = await context.newCDPSession(page);
    const fingers = (d: number) => [
      { x: cx - d, y: cy, id: 1 },
      { x: cx + d, y: cy, id: 2 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(20) });
    for (const d of [35, 50, 65, 80]) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(d) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect(zoom()).resolves.toBeGreaterThan(before * 1.5);
    await page.evaluate(() => window.pathwayAtlasExplorer!.fit());
    await page.locator('#ex-canvas').scrollIntoViewIfNeeded();
    const { x, y } = await nodePoint(page, GEESTLAND_CASE);
    await page.touchscreen.tap(x, y);
    await page.locator('#ex-panel').waitFor({ state: 'visible' });
    await expect(page.locator('#ex-panel-title').textContent()).resolves.toMatch(/Geestland/);
    await screenshot(page, 'explorer-phone');
  });

  it('when the URL is malformed, then the page answers 400 with a readable message', async () => {
    const res = await app.get('/explore?node=%3Cscript%3E');
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('<script>');
  });
});

describe('the graph explorer with a large neighbourhood', () => {
  const HUB = 'theme-explorer-scale-test';

  beforeAll(async () => {
    // 2,000 nodes around a hub: 1,800 cases and 199 initiatives, about 5,000 relationships.
    await app.db.write(
      `CREATE (h:Entity:Theme {id: $hub, kind: 'theme', name: 'Explorer scale test'})
       WITH h
       UNWIND range(0, 198) AS i
       CREATE (n:Entity:Initiative {id: 'initiative-scale-' + i, kind: 'initiative', name: 'Scale initiative ' + i})
       CREATE (n)-[:ABOUT_THEME {basis: 'stated', sources: []}]->(h)`,
      { hub: HUB },
    );
    await app.db.write(
      `MATCH (h:Entity {id: $hub})
       UNWIND range(0, 1799) AS i
       CREATE (c:Entity:Case {id: 'case-scale-' + i, kind: 'case', name: 'Scale case ' + i})
       CREATE (c)-[:ABOUT_THEME {basis: 'curated', sources: []}]->(h)
       WITH c, i
       MATCH (a:Entity {id: 'initiative-scale-' + (i % 199)}), (b:Entity {id: 'initiative-scale-' + ((i * 7 + 3) % 199)})
       CREATE (c)-[:PART_OF {basis: 'stated', sources: []}]->(a)
       CREATE (c)-[:PART_OF {basis: 'curated', sources: []}]->(b)`,
      { hub: HUB },
    );
  });

  afterAll(async () => {
    await app?.db.write(
      `MATCH (n:Entity) WHERE n.id = $hub OR n.id STARTS WITH 'case-scale-' OR n.id STARTS WITH 'initiative-scale-' DETACH DELETE n`,
      { hub: HUB },
    );
  });

  it('when the neighbourhood is over the cap, then a notice says it was capped instead of freezing', async () => {
    await openExplorer(`node=${HUB}`);
    const notice = page.locator('#ex-notices [data-code="truncated"]');
    await notice.waitFor({ state: 'visible' });
    await expect(notice.textContent()).resolves.toMatch(/capped at 300 nodes/);
    await expect(page.evaluate(() => window.pathwayAtlasExplorer!.cy.nodes().length)).resolves.toBe(300);
    // What did not fit is one group node of cases (these test cases have no country, pathway or SDG to split them by).
    const groups = await page.evaluate(() =>
      window
        .pathwayAtlasExplorer!.cy.nodes('[kind = "group"]')
        .map((n) => ({ label: n.data('label') as string, count: n.data('count') as number })),
    );
    const shownCases = await page.evaluate(() => window.pathwayAtlasExplorer!.cy.nodes('[kind = "case"]').length);
    expect(groups).toEqual([{ label: `${1800 - shownCases} more cases`, count: 1800 - shownCases }]);
    await screenshot(page, 'explorer-capped');
  });

  it(
    'when 2,000 nodes and 5,000 edges are shown, then the layout finishes, the cheap drawing is on and panning works',
    { timeout: 180_000 },
    async () => {
      await page.goto(`${app.url}/explore?node=${HUB}&limit=2000`);
      await waitForExplorer(page, 150_000);
      const size = await page.evaluate(() => ({
        nodes: window.pathwayAtlasExplorer!.cy.nodes().length,
        edges: window.pathwayAtlasExplorer!.cy.edges().length,
      }));
      expect(size.nodes).toBe(2000);
      expect(size.edges).toBeGreaterThanOrEqual(5000);
      await expect(page.locator('#explorer').getAttribute('data-dense')).resolves.toBe('true');
      await expect(page.locator('#ex-notices [data-code="truncated"]').count()).resolves.toBe(0);
      const before = await page.evaluate(() => ({ ...window.pathwayAtlasExplorer!.cy.pan() }));
      // Drag the background: from a point of the canvas that no node covers.
      const start = await page.evaluate(() => {
        const cy = window.pathwayAtlasExplorer!.cy;
        const box = document.getElementById('ex-canvas')!.getBoundingClientRect();
        const boxes = cy.nodes().map((n) => n.renderedBoundingBox({}));
        for (const [fx, fy] of [
          [0.01, 0.99],
          [0.99, 0.99],
          [0.99, 0.01],
          [0.01, 0.01],
          [0.5, 0.99],
          [0.01, 0.5],
        ] as const) {
          const x = cy.width() * fx;
          const y = cy.height() * fy;
          if (!boxes.some((b) => x >= b.x1 - 4 && x <= b.x2 + 4 && y >= b.y1 - 4 && y <= b.y2 + 4))
            return { x: box.left + x, y: box.top + y };
        }
        return null;
      });
      expect(start).not.toBeNull();
      await page.mouse.move(start!.x, start!.y);
      await page.mouse.down();
      await page.mouse.move(start!.x + 60, start!.y - 60, { steps: 8 });
      await page.mouse.up();
      const after = await page.evaluate(() => ({ ...window.pathwayAtlasExplorer!.cy.pan() }));
      expect(after.x).not.toBe(before.x);
      await screenshot(page, 'explorer-2000-nodes');
    },
  );
});
