import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/env.js';
import { launchChromium, screenshot } from './support.js';

let app: TestApp;
let browser: Browser;
let context: BrowserContext | undefined;
let pageErrors: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  if (pageErrors.length) throw new Error(`the page threw: ${pageErrors.join('; ')}`);
});

/** A page in a fresh browser context of the given viewport (a phone is 390 px wide). */
async function open(path: string, viewport = { width: 390, height: 844 }): Promise<Page> {
  context = await browser.newContext({ viewport });
  const page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const res = await page.goto(`${app.url}${path}`);
  expect(res?.status()).toBe(200);
  return page;
}

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not shown`);
  return b;
}

describe('the search page in Chromium', () => {
  it('on a 390 px wide phone, shows the first result without scrolling, and the filters behind their button', async () => {
    const page = await open('/search?q=lighting&sdg=7,12&country=Spain,NL,DE');
    await screenshot(page, 'search-phone');
    const first = await box(page, '.results .case-card');
    const button = await box(page, 'button.filters-toggle');
    // The top of the first case, its title at least, is inside the first screen.
    expect(first.y).toBeGreaterThanOrEqual(0);
    expect(first.y + 40).toBeLessThanOrEqual(844);
    expect(button.y + button.height).toBeLessThanOrEqual(first.y);
    await expect(page.locator('aside.facets').isVisible()).resolves.toBe(false);
    // Opened, the panel comes between its button and the results (places on the page, not the screen: opening scrolls).
    await page.locator('button.filters-toggle').click();
    const order = await page.evaluate(() =>
      ['button.filters-toggle', 'aside.facets', '.results .case-card'].map((sel) => {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
      }),
    );
    expect(order[1]!.top).toBeGreaterThanOrEqual(order[0]!.bottom);
    expect(order[2]!.top).toBeGreaterThanOrEqual(order[1]!.bottom);
    // Nothing on the page is wider than the phone.
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(390);
  });

  it('on a wide screen, shows the filters in a sidebar beside the results', async () => {
    const page = await open('/search?sdg=12', { width: 1300, height: 900 });
    await screenshot(page, 'search-desktop');
    const first = await box(page, '.results .case-card');
    const filters = await box(page, 'aside.facets');
    expect(filters.x + filters.width).toBeLessThanOrEqual(first.x);
    expect(first.y).toBeLessThan(900);
  });

  it('when a chip is clicked, then that filter alone is removed', async () => {
    const page = await open('/search?sdg=12&country=ES,NL&yearFrom=2015');
    const chips = page.locator('.filter-chip');
    await expect(chips.allInnerTexts()).resolves.toHaveLength(4);
    const before = await page.locator('#case-results').innerText();
    await page.locator('.filter-chip', { hasText: 'Country: Spain' }).click();
    await page.waitForURL((url) => !url.search.includes('ES'));
    expect(new URL(page.url()).searchParams.get('country')).toBe('NL');
    expect(new URL(page.url()).searchParams.get('sdg')).toBe('12');
    expect(new URL(page.url()).searchParams.get('yearFrom')).toBe('2015');
    const labels = (await page.locator('.filter-chip').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(labels.some((l) => l.includes('Spain'))).toBe(false);
    expect(labels).toHaveLength(3);
    expect(await page.locator('#case-results').innerText()).not.toBe(before);
    // Clear all removes the rest.
    await page.getByRole('link', { name: 'Clear all' }).click();
    await page.waitForURL((url) => url.search === '');
    await expect(page.locator('.filter-chip').count()).resolves.toBe(0);
  });

  it('the sort and year form works without JavaScript, and keeps the chosen filters', async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/search?sdg=12`);
    await page.selectOption('#search-sort', 'oldest');
    await page.fill('#search-year-from', '2016');
    await page.fill('#search-year-to', '2023');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'oldest');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ sdg: '12', sort: 'oldest', yearFrom: '2016', yearTo: '2023' });
    const years = (await page.locator('.results .case-card p.muted').allInnerTexts()).map((t) => Number(/(\d{4})\s*$/.exec(t)?.[1]));
    expect(years.length).toBeGreaterThan(0);
    expect(years.every((y) => y >= 2016 && y <= 2023)).toBe(true);
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it('a chip reached with the keyboard shows a visible focus outline', async () => {
    const page = await open('/search?sdg=12');
    const chip = page.locator('.filter-chip').first();
    await chip.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await chip.evaluate((el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), focused: document.activeElement === el };
    });
    expect(outline.focused).toBe(true);
    expect(outline.style).toBe('solid');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  });

  it('the facet lists fold and unfold', async () => {
    const page = await open('/search');
    await page.locator('button.filters-toggle').click();
    const themes = page.locator('details[data-facet="theme"]');
    await expect(themes.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    await themes.locator('summary').click();
    await expect(themes.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
    await expect(themes.locator('li').first().isVisible()).resolves.toBe(true);
  });
});
