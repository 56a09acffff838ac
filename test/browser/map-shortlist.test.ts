import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/env.js';
import { launchChromium, screenshot } from './support.js';

let app: TestApp;
let browser: Browser;
let context: BrowserContext | undefined;
let pageErrors: string[] = [];
/** Every request a page made that was not to the app itself: each is blocked, and the test fails on any. */
let outside: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  // Offline: only the app's own address is answered; anything else is refused and recorded.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(app.url)) return route.continue();
    outside.push(url);
    return route.abort('internetdisconnected');
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

afterEach(() => {
  const errors = pageErrors;
  const leaked = outside;
  pageErrors = [];
  outside = [];
  if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
  if (leaked.length) throw new Error(`requests left the machine: ${leaked.join(', ')}`);
});

async function open(path: string): Promise<Page> {
  const page = await context!.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const res = await page.goto(`${app.url}${path}`);
  expect(res?.status()).toBe(200);
  return page;
}

/** Waits until a map has drawn its points and its countries; returns the drawn place ids. */
async function drawnPlaces(page: Page, selector = '.atlas-map[data-map="world"]'): Promise<string[]> {
  await page.waitForSelector(`${selector}[data-land="drawn"]`, { timeout: 20_000 });
  return page.$$eval(`${selector} circle.map-point`, (dots) => dots.map((d) => d.getAttribute('data-place-id') ?? ''));
}

describe('the map in Chromium, offline', () => {
  it.each(['', '?pathway=12', '?size=town', '?cpvDivision=45&country=DK,SE,NO,FI'])(
    'the map page%s draws every place of that filter, with the countries, and no request leaves the machine',
    async (filter) => {
      const page = await open(`/map${filter}`);
      const places = await drawnPlaces(page);
      const expected = (await app.get(`/api/map${filter}`)).body.places as { id: string }[];
      expect(expected.length).toBeGreaterThan(0);
      expect(places.sort()).toEqual(expected.map((p) => p.id).sort());
      const land = await page.$eval('.atlas-map path.map-land', (p) => p.getAttribute('d')?.length ?? 0);
      expect(land).toBeGreaterThan(10_000);
      // The map's stylesheet is in force: the sea is not drawn in the default black.
      expect(await page.$eval('.atlas-map path.map-sphere', (p) => getComputedStyle(p).fill)).not.toBe('rgb(0, 0, 0)');
      await screenshot(page, `map${filter.replace(/[^a-z0-9]+/gi, '-')}`);
      await page.close();
    },
  );

  it('choosing a point lists its cases, each a link to its page; the colour follows pathway or goal', async () => {
    const page = await open('/map?pathway=12');
    await drawnPlaces(page);
    const first = page.locator('circle.map-point').first();
    const place = await first.getAttribute('data-place-id');
    const byPathway = await first.getAttribute('fill');
    // By keyboard: points overlap where cases are close, and every point must be reachable without a mouse.
    await first.focus();
    await page.keyboard.press('Enter');
    const links = await page.$$eval('#map-detail a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links[0]).toBe(`/places/${place}`);
    const data = ((await app.get('/api/map?pathway=12')).body.places as { id: string; cases: { id: string }[] }[]).find(
      (p) => p.id === place,
    )!;
    expect(links.slice(1)).toEqual(data.cases.map((c) => `/cases/${c.id}`));
    await page.selectOption('#map-colour', 'goal');
    await page.waitForSelector('.atlas-map[data-land="drawn"] circle.map-point');
    const byGoal = await page.locator(`circle.map-point[data-place-id="${place}"]`).getAttribute('fill');
    expect(byGoal).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(byPathway).toMatch(/^#[0-9a-fA-F]{6}$/);
    // The legend names each goal that colours a point: a place's first case with a goal, its first goal.
    const all = (await app.get('/api/map?pathway=12')).body.places as { cases: { goals: number[] }[] }[];
    const colouring = new Set(all.flatMap((p) => p.cases.find((c) => c.goals.length)?.goals.slice(0, 1) ?? []));
    const legend = await page.$$eval('#map-legend li', (lis) => lis.map((li) => li.textContent));
    expect(legend).toEqual([...colouring].sort((a, b) => a - b).map((n) => `SDG ${n}`));
    await page.close();
  });

  it('a case page and a place page draw their own small map', async () => {
    const casePage = await open('/cases/case-herning-circular-workwear');
    expect(await drawnPlaces(casePage, '.atlas-map[data-map="mini"]')).toEqual(['place-herning']);
    await casePage.close();
    const placePage = await open('/places/place-eindhoven');
    expect(await drawnPlaces(placePage, '.atlas-map[data-map="mini"]')).toEqual(['place-eindhoven']);
    await placePage.close();
  });
});

describe('the shortlist in Chromium', () => {
  it('keeps marked cases across a reload, shares them as an address, and its CSV lists exactly them', async () => {
    const chosen = ['case-herning-circular-workwear', 'case-malmo-circular-signs'];
    for (const id of chosen) {
      const page = await open(`/cases/${id}`);
      const button = page.locator(`button.shortlist-toggle[data-case-id="${id}"]`);
      await expect.poll(() => button.isVisible()).toBe(true);
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
      await page.close();
    }
    const page = await open('/shortlist');
    await page.waitForURL(/\/shortlist\?ids=/);
    await page.reload();
    const listed = await page.$$eval('#shortlist-cases li', (lis) => lis.map((li) => li.getAttribute('data-case-id')));
    expect(listed).toEqual(chosen);
    const share = await page.getAttribute('#shortlist-share', 'href');
    expect(share).toBe(`/shortlist?ids=${chosen.join(',')}`);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#shortlist-csv')]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const lines = Buffer.concat(chunks).toString('utf8').trim().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(chosen);

    // Removing one keeps the other, also after a reload.
    await page.click('button.shortlist-toggle[data-case-id="case-malmo-circular-signs"]');
    await page.waitForURL(/ids=case-herning-circular-workwear$/);
    await page.reload();
    expect(await page.$$eval('#shortlist-cases li', (lis) => lis.map((li) => li.getAttribute('data-case-id')))).toEqual([chosen[0]]);
    await page.close();
  });

  it('the printable brief puts each case on its own page', async () => {
    const page = await open('/shortlist/brief?ids=case-herning-circular-workwear,case-sulejow-passive-swimming-pool');
    const breaks = await page.$$eval('article.brief-page', (as) => as.map((a) => getComputedStyle(a).breakAfter));
    expect(breaks).toEqual(['page', 'page']);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.close();
  });
});
