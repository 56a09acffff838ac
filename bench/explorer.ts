/**
 * The explorer's speed at 500 nodes in headless Chromium: the time of the first layout (from the
 * data being merged to the layout stopped, the labels chosen and the next frame drawn) for each
 * layout, and of a zoom step (the zoom, the labels chosen again for it, the next frame).
 *
 *   npm run bench:explorer
 *
 * It needs no database: the page is the app's own /explore (its router and views) with the client
 * built from the sources, and the neighbourhood answer is a synthetic graph shaped like the atlas
 * (pathways, goals, targets, cases, places, organisations, themes), the same on every run.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import express from 'express';
import { chromium } from 'playwright-core';
import { buildClient } from '../scripts/build-client.js';
import { exploreRouter } from '../src/http/routes/explore.js';
import { projectPath } from '../src/paths.js';
import { Rng } from './lib/prng.js';

const NODES = 500;
const HUB = 'theme-bench-hub';
const ZOOM_STEPS = 12;
const LAYOUTS = (process.env.BENCH_LAYOUTS?.split(',') ?? ['scaffold', 'fcose', 'concentric', 'breadthfirst']) as readonly string[];

type Data = Record<string, unknown> & { id: string };

/** A neighbourhood of NODES nodes around a theme, as GET /api/graph/neighborhood answers it. */
function syntheticNeighbourhood(): { nodes: { data: Data }[]; edges: { data: Data }[] } {
  const rng = new Rng(500);
  const nodes: Data[] = [{ id: HUB, kind: 'theme', label: 'Benchmark theme' }];
  const edges: Data[] = [];
  const link = (source: string, type: string, target: string) =>
    edges.push({ id: `${source}|${type}|${target}`, source, target, type, basis: rng.next() < 0.5 ? 'stated' : 'curated' });
  const pathways = Array.from({ length: 15 }, (_, i) => `pathway-${i + 1}`);
  const goals = Array.from({ length: 17 }, (_, i) => `sdg-${i + 1}`);
  pathways.forEach((id, i) => nodes.push({ id, kind: 'pathway', number: i + 1, label: `Pathway ${i + 1} · A pathway of the declaration` }));
  goals.forEach((id, i) => nodes.push({ id, kind: 'goal', number: i + 1, label: `SDG ${i + 1} · A sustainable development goal` }));
  const targets: string[] = [];
  for (let i = 0; i < 40; i++) {
    const goal = 1 + (i % 17);
    const id = `target-${goal}-${1 + Math.floor(i / 17)}`;
    targets.push(id);
    nodes.push({ id, kind: 'target', code: `${goal}.${1 + Math.floor(i / 17)}`, label: `Target ${goal}.${1 + Math.floor(i / 17)}` });
    link(id, 'BELONGS_TO', `sdg-${goal}`);
  }
  const places = Array.from({ length: 40 }, (_, i) => `place-bench-${i}`);
  places.forEach((id, i) =>
    nodes.push({ id, kind: 'place', country: ['DE', 'NL', 'SE', 'ES', 'FR'][i % 5], label: `Benchmark town ${i}` }),
  );
  const orgs = Array.from({ length: 20 }, (_, i) => `org-bench-${i}`);
  orgs.forEach((id, i) => nodes.push({ id, kind: 'organisation', label: `Benchmark organisation ${i}` }));
  const cases = NODES - nodes.length;
  for (let i = 0; i < cases; i++) {
    const id = `case-bench-${i}`;
    nodes.push({ id, kind: 'case', label: `Benchmark case ${i}: a procurement of something useful`, countries: ['DE'] });
    link(id, 'ABOUT_THEME', HUB);
    link(id, 'ILLUSTRATES', pathways[rng.int(0, 14)]!);
    if (rng.next() < 0.4) link(id, 'ILLUSTRATES', pathways[rng.int(0, 14)]!);
    link(id, 'CONTRIBUTES_TO', goals[rng.int(0, 16)]!);
    if (rng.next() < 0.6) link(id, 'CONTRIBUTES_TO', targets[rng.int(0, targets.length - 1)]!);
    link(id, 'LOCATED_IN', places[rng.int(0, places.length - 1)]!);
    if (rng.next() < 0.3) link(id, 'IMPLEMENTED_BY', orgs[rng.int(0, orgs.length - 1)]!);
  }
  const unique = new Map(edges.map((e) => [e.id, e]));
  return { nodes: nodes.map((data) => ({ data })), edges: [...unique.values()].map((data) => ({ data })) };
}

async function serve(): Promise<{ url: string; close: () => Promise<void> }> {
  const graph = syntheticNeighbourhood();
  const app = express();
  app.set('view engine', 'ejs');
  app.set('views', projectPath('views'));
  app.use('/static', express.static(projectPath('public')));
  app.get('/api/graph/neighborhood', (_req, res) => {
    res.json({ center: HUB, depth: 1, limit: NODES, truncated: false, ...graph });
  });
  app.use(exploreRouter());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Times the first layout: from the controller announcing it until it stops and the next frame is drawn. */
const FIRST_LAYOUT_PROBE = `
  (() => {
    let controller;
    Object.defineProperty(window, 'pathwayAtlasExplorer', {
      configurable: true,
      get: () => controller,
      set: (c) => {
        controller = c;
        let start = 0;
        c.bus.on('layout', ({ running }) => {
          if (running && !start) start = performance.now();
          else if (!running && start && window.firstLayoutMs === undefined)
            requestAnimationFrame(() => { window.firstLayoutMs = performance.now() - start; });
        });
      },
    });
  })();`;

/**
 * Times zoom steps: the zoom and the next frame drawn (what the user waits for at each step), then
 * the labels chosen again for the new zoom (done once the viewport rests) and the frame after it.
 */
const ZOOM_PROBE = `async (n) => {
  const c = window.pathwayAtlasExplorer;
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  await frame();
  await new Promise((r) => setTimeout(r, 300));
  const zoom = [];
  const labels = [];
  for (let i = 0; i < n; i++) {
    let t0 = performance.now();
    c.zoomBy(i % 4 < 2 ? 1.25 : 0.8);
    await frame();
    zoom.push(performance.now() - t0);
    t0 = performance.now();
    c.updateLabels();
    await frame();
    labels.push(performance.now() - t0);
  }
  return { zoom, labels };
}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main(): Promise<void> {
  await buildClient();
  const site = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  console.log(
    `Explorer benchmark: ${NODES} nodes, headless Chromium ${browser.version()}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  try {
    for (const layout of LAYOUTS) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.on('pageerror', (err) => console.error(`  page error: ${err.message}`));
      // Times the first layout from the moment the controller announces it until it stops and a frame is drawn.
      // (Scripts go in as text: tsx would wrap named functions in a helper the page lacks.)
      await page.addInitScript(FIRST_LAYOUT_PROBE);
      await page.goto(`${site.url}/explore?node=${HUB}&limit=${NODES}&layout=${layout}`);
      await page.waitForFunction('window.firstLayoutMs !== undefined', undefined, { timeout: 120_000 });
      const first = await page.evaluate<number>('window.firstLayoutMs');
      const nodes = await page.evaluate<number>('window.cy.nodes().length');
      const steps = await page.evaluate<{ zoom: number[]; labels: number[] }>(`(${ZOOM_PROBE})(${ZOOM_STEPS})`);
      await page.close();
      console.log(
        `  ${layout.padEnd(13)} first layout ${ms(first).padStart(8)} (${nodes} nodes)   zoom step median ${ms(median(steps.zoom))}, max ${ms(Math.max(...steps.zoom))}   labels after it median ${ms(median(steps.labels))}, max ${ms(Math.max(...steps.labels))}`,
      );
    }
  } finally {
    await browser.close();
    await site.close();
  }
  console.log('Targets: first layout <= 3000 ms, zoom step <= 100 ms. Labels are chosen again once the viewport has rested for 90 ms.');
}

await main();
