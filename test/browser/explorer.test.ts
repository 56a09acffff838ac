import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildClient } from '../../scripts/build-client.js';
import { startTestApp, type TestApp } from '../helpers/env.js';
import { highlightedIds, isDrawn, launchChromium, listedNodes, nodePoint, screenshot, waitForExplorer } from './support.js';

const GEESTLAND_CASE = 'case-geestland-led-street-lighting';
const GEESTLAND_PLACE = 'place-geestland';
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
  browser = await launchChromium();
});

afterAll(async () => {
  await app?.db.write(`MATCH (c:Entity {id: 'case-xss-test'}) DETACH DELETE c`);
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
    await expect(page.locator('#ex-panel-body').textContent()).resolves.toMatch(/ILLUSTRATES/);
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

  it('when a path between Geestland and SDG 12 is asked for, then it is drawn highlighted', async () => {
    await openExplorer('node=pathway-12');
    await page.getByLabel('From (node id)').fill(GEESTLAND_PLACE);
    await page.getByLabel('To (node id)').fill('sdg-12');
    await page.getByRole('button', { name: 'Find path' }).click();
    await page.waitForFunction(() => window.pathwayAtlasExplorer!.getState().path !== undefined);
    await waitForExplorer(page);
    const lit = await highlightedIds(page);
    expect(lit.nodes).toEqual(expect.arrayContaining([GEESTLAND_PLACE, 'sdg-12']));
    expect(lit.edges).toBeGreaterThanOrEqual(2);
    for (const id of lit.nodes) await expect(isDrawn(page, id)).resolves.toBe(true);
    expect(page.url()).toMatch(new RegExp(`from=${GEESTLAND_PLACE}&to=sdg-12`));
    await screenshot(page, 'explorer-path');
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
