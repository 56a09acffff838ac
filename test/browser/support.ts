/** Headless Chromium (Debian's package) driven by playwright-core, and helpers for the explorer page. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

/** Signs in on the page through the sign-in form, as a person would, and waits to be let in. */
export async function signInThroughForm(page: Page, baseUrl: string, name: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.fill('#signin-name', name);
  await page.fill('#signin-password', password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/signin')),
    page.locator('form.stacked-form button[type="submit"]').click(),
  ]);
}

/** Saves a screenshot in test-artifacts/ for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Waits until the explorer has loaded its data and its layout has stopped. */
export async function waitForExplorer(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const root = document.getElementById('explorer');
      const c = window.pathwayAtlasExplorer;
      return Boolean(c && root?.dataset.status === 'ready' && root.dataset.layout !== 'running' && !c.isBusy());
    },
    undefined,
    { timeout, polling: 100 },
  );
}

/** Where a node is drawn, in page coordinates. */
export async function nodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((nodeId) => {
    const c = window.pathwayAtlasExplorer!;
    const p = c.cy.getElementById(nodeId).renderedPosition();
    const box = document.getElementById('ex-canvas')!.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);
}

/** The node is in the graph, displayed, and drawn inside the canvas. */
export async function isDrawn(page: Page, id: string): Promise<boolean> {
  return page.evaluate((nodeId) => {
    const c = window.pathwayAtlasExplorer!;
    const n = c.cy.getElementById(nodeId);
    if (n.empty() || !n.visible()) return false;
    const p = n.renderedPosition();
    return p.x >= 0 && p.y >= 0 && p.x <= c.cy.width() && p.y <= c.cy.height();
  }, id);
}

export async function highlightedIds(page: Page): Promise<{ nodes: string[]; edges: number }> {
  return page.evaluate(() => {
    const cy = window.pathwayAtlasExplorer!.cy;
    const lit = cy.elements('.highlighted');
    return { nodes: lit.nodes().map((n) => n.id()), edges: lit.edges().length };
  });
}

/** The texts of the "Nodes in view" list, the keyboard way through the graph. */
export async function listedNodes(page: Page): Promise<{ id: string; text: string; group: string }[]> {
  return page.$$eval('#ex-node-list option', (options) =>
    options.map((o) => ({
      id: (o as HTMLOptionElement).value,
      text: o.textContent ?? '',
      group: (o.parentElement as HTMLOptGroupElement | null)?.label ?? '',
    })),
  );
}
