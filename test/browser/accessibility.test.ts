import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { startTestApp, type TestApp } from '../helpers/env.js';
import { launchChromium, screenshot, signInThroughForm } from './support.js';

/**
 * Every kind of page in Chromium at 1400 and 390 px: axe-core finds no WCAG 2.2 A/AA violation, the
 * headings are one h1 and no skipped level, and at 360 px nothing is wider than the screen. Then the
 * header's menu and the search page's filter panel by keyboard, and the favicon.
 */

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PHONE = { width: 390, height: 844 };

let app: TestApp;
let browser: Browser;
let reader: BrowserContext;
let curator: BrowserContext;
let admin: BrowserContext;
const tag = randomUUID().slice(0, 8);
const NAME = `a11ycurator${tag}`;
const ADMIN = `a11yadmin${tag}`;
const PASSWORD = `a long enough passphrase ${tag}`;
const accountIds: string[] = [];
let batchPath = '';
let proposalPath = '';
/** The batch the tests ingest, and its first proposal, have their ids only once made. */
const curatorPath = (path: string) => (path === 'a review batch' ? batchPath : path === 'a proposal' ? proposalPath : path);

/** What a page must wait for before it is checked: the parts its scripts draw. */
const READY: Record<string, string> = {
  '/map': '.atlas-map[data-land="drawn"]',
  '/places/place-ghent': '.atlas-map[data-land="drawn"]',
  '/api/docs': '#swagger-ui .opblock',
  '/explore': '#explorer[data-status="ready"]',
};

/** Each page with the status it answers. */
const PUBLIC_PAGES: [string, number][] = [
  ['/', 200],
  ['/search?q=lighting&sdg=7,12&country=ES,NL,DE', 200],
  ['/search', 200],
  ['/pathways/12', 200],
  ['/sdgs/5', 200],
  ['/targets/12.7', 200],
  ['/cases/case-malmo-circular-signs', 200],
  ['/cases/case-geestland-led-street-lighting', 200],
  ['/places/place-ghent', 200],
  ['/organisations/org-iclei', 200],
  ['/initiatives/initiative-ai4cities', 200],
  ['/nodes/src-basque-declaration', 200],
  ['/cpv/45210000-2', 200],
  ['/map', 200],
  ['/shortlist?ids=case-malmo-circular-signs', 200],
  ['/shortlist/brief?ids=case-malmo-circular-signs,case-geestland-led-street-lighting', 200],
  ['/coverage', 200],
  ['/open-data', 200],
  ['/signin', 200],
  ['/api/docs', 200],
  ['/explore', 200],
  ['/no-such-page', 404],
];

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
  const account = await createAccount(app.db, { name: NAME, role: 'curator', password: PASSWORD });
  accountIds.push(account.id, (await createAccount(app.db, { name: ADMIN, role: 'admin', password: PASSWORD })).id);
  const bearer = { authorization: `Bearer ${(await createToken(app.db, account.id, { name: 'tests' })).token}` };
  const batch = await app.post(
    '/api/ingest',
    { text: 'The City of Ghent bought organic food for its school canteens through a tender with sustainability criteria in 2019.' },
    bearer,
  );
  batchPath = `/curate/ingest/${String(batch.body?.id)}`;
  proposalPath = `${batchPath}/proposals/${String(batch.body?.items?.[0]?.proposals?.[0]?.proposal)}`;
  reader = await browser.newContext({ viewport: PHONE });
  curator = await signedIn(NAME);
  admin = await signedIn(ADMIN);
});

/** A browser context signed in through the form as the named account. */
async function signedIn(name: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signInThroughForm(page, app.url, name, PASSWORD);
  await page.close();
  return context;
}

afterAll(async () => {
  await browser?.close();
  if (app) {
    await app.db.write('MATCH (b:IngestBatch) WHERE b.createdBy = $by DETACH DELETE b', { by: NAME });
    const [curatorId, adminId] = accountIds;
    if (curatorId) await removeAccount(app.db, curatorId);
    // The administrator may be the only one, whom removeAccount keeps: it goes directly.
    if (adminId) await app.db.write('MATCH (a:Account {id: $id}) DETACH DELETE a', { id: adminId });
    await app.close();
  }
});

/** The page's axe violations, one line each with the first elements it names. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      nodes: { target: string[] }[];
    }
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(', ')}`,
    );
  }, WCAG_TAGS);
}

/** How many h1 the page has, and the skips between heading levels in its order (h2 then h4 is "2>4"). */
async function headingOutline(page: Page): Promise<{ h1: number; skips: string[] }> {
  return page.evaluate(() => {
    // Headings a reader meets: rendered ones (visually hidden ones count; display: none does not).
    const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .filter((h) => h.checkVisibility())
      .map((h) => Number(h.tagName[1]));
    const skips = levels.flatMap((l, i) => (l > (i ? levels[i - 1]! : 0) + 1 ? [`${i ? levels[i - 1] : 0}>${l}`] : []));
    return { h1: levels.filter((l) => l === 1).length, skips };
  });
}

/**
 * How far the page scrolls sideways, and each visible element whose box passes the right edge
 * (an element inside a box that clips, such as a scrolling table or the map's SVG, counts only
 * when that box itself passes the edge).
 */
async function overflow(page: Page): Promise<{ scrollWidth: number; width: number; past: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const clippedInside = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return a.getBoundingClientRect().right <= width + 0.5;
      }
      return false;
    };
    const past = [...document.querySelectorAll('body *')]
      .filter((el) => el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true, opacityProperty: false }))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.right > width + 0.5 && !clippedInside(el);
      })
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`);
    return { scrollWidth: document.scrollingElement!.scrollWidth, width, past: past.slice(0, 8) };
  });
}

interface PageReport {
  status: number[];
  axe: Record<number, string[]>;
  headings: Record<number, { h1: number; skips: string[] }>;
  overflow: { scrollWidth: number; width: number; past: string[] };
  errors: string[];
}

/** Opens the path at each width in turn: axe and headings at 1400 and 390 px, overflow at 360 px. */
async function checkPage(context: BrowserContext, path: string): Promise<PageReport> {
  const page = await context.newPage();
  const report: PageReport = { status: [], axe: {}, headings: {}, overflow: { scrollWidth: 0, width: 0, past: [] }, errors: [] };
  page.on('pageerror', (err) => report.errors.push(err.message));
  const ready = READY[path.split('?')[0]!];
  const open = async (width: number) => {
    await page.setViewportSize({ width, height: 844 });
    const res = await page.goto(`${app.url}${path}`);
    report.status.push(res?.status() ?? 0);
    if (ready) await page.waitForSelector(ready, { timeout: 30_000 });
  };
  try {
    for (const width of [1400, 390]) {
      await open(width);
      report.axe[width] = await axeViolations(page);
      report.headings[width] = await headingOutline(page);
    }
    await open(360);
    report.overflow = await overflow(page);
  } finally {
    await page.close();
  }
  return report;
}

/** What every page must show: no violation, one h1 and no skipped level at both widths, nothing past 360 px. */
function clean(status: number): PageReport {
  const outline = { h1: 1, skips: [] };
  return {
    status: [status, status, status],
    axe: { 1400: [], 390: [] },
    headings: { 1400: outline, 390: outline },
    overflow: { scrollWidth: 360, width: 360, past: [] },
    errors: [],
  };
}

describe('every page kind, for a reader', () => {
  it.each(PUBLIC_PAGES)(
    '%s: no axe violation at 1400 and 390 px, one h1, no skipped heading, nothing past 360 px',
    async (path, status) => {
      await expect(checkPage(reader, path)).resolves.toEqual(clean(status));
    },
  );
});

describe('the curation pages, for a signed-in curator', () => {
  it.each([
    '/curate',
    '/curate/case-malmo-circular-signs',
    '/curate/new?kind=case',
    '/curate/merge?survivor=place-ghent&duplicate=place-eindhoven',
    '/curate/ingest',
    'a review batch',
    'a proposal',
    '/account/password',
  ])('%s: no axe violation at 1400 and 390 px, one h1, no skipped heading, nothing past 360 px', async (path) => {
    await expect(checkPage(curator, curatorPath(path))).resolves.toEqual(clean(200));
  });

  it('/admin/accounts, for an administrator: no axe violation at 1400 and 390 px, one h1, no skipped heading, nothing past 360 px', async () => {
    await expect(checkPage(admin, '/admin/accounts')).resolves.toEqual(clean(200));
  });
});

describe('the header on a phone', () => {
  it('collapses to a menu button that opens with Enter, moves on with Tab, and closes with Escape', async () => {
    const page = await reader.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/pathways/12`);
    const header = await page.locator('.site-header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(64);
    const toggle = page.locator('.menu-toggle');
    await expect(page.locator('#site-menu').isVisible()).resolves.toBe(false);
    // Skip link, brand, then the menu button.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('skip-link');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(toggle.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    await expect(toggle.getAttribute('aria-controls')).resolves.toBe('site-menu');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await page.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(page.getByRole('link', { name: 'Coverage' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'header-menu-phone');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Pathways & goals');
    await page.keyboard.press('Escape');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(toggle.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    await expect(page.locator('#site-menu').isVisible()).resolves.toBe(false);
    await page.keyboard.press(' ');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.close();
  });

  it('without JavaScript, shows every link and no menu button', async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await expect(page.locator('.menu-toggle').isVisible()).resolves.toBe(false);
    await expect(
      page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link')
        .evaluateAll((links) => links.map((a) => (a as HTMLElement).offsetHeight > 0)),
    ).resolves.toEqual([true, true, true, true, true, true]);
    await context.close();
  });

  it('on a wide screen, shows the links and hides the menu button', async () => {
    const page = await reader.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${app.url}/`);
    await expect(page.locator('.menu-toggle').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('link', { name: 'Open data' }).first().isVisible()).resolves.toBe(true);
    await page.close();
  });
});

describe('the search page on a phone', () => {
  it('shows the results first and opens the filters in a panel by keyboard, closed by Escape', async () => {
    const page = await reader.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/search?sdg=12`);
    const first = await page.locator('.results .case-card').first().boundingBox();
    expect(first!.y + 40).toBeLessThanOrEqual(PHONE.height);
    await expect(page.locator('#filters').isVisible()).resolves.toBe(false);
    const button = page.locator('button.filters-toggle');
    await expect(button.innerText()).resolves.toMatch(/^Filters \(1 chosen\)$/);
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(page.locator('details[data-facet="country"] summary').isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('filters');
    await screenshot(page, 'search-filters-phone');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.locator('#filters').isVisible()).resolves.toBe(false);
    await expect(button.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    await page.close();
  });

  it('on a wide screen, shows every filter title within the first screen of "browse all"', async () => {
    const page = await reader.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${app.url}/search`);
    const country = await page.locator('details[data-facet="country"]').boundingBox();
    expect(country!.y).toBeLessThan(900);
    await page.close();
  });
});

describe('focus and the favicon', () => {
  it('every element the keyboard reaches on the home page shows a focus outline', async () => {
    const page = await reader.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${app.url}/`);
    const unmarked: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const s = getComputedStyle(el);
        return {
          what: `${el.tagName} ${el.textContent?.trim().slice(0, 30) ?? ''}`,
          outlined: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
        };
      });
      unmarked.push(...(focus.outlined ? [] : [focus.what]));
    }
    expect(unmarked).toEqual([]);
    await page.close();
  });

  it('/favicon.ico answers 200 with an icon, and pages link the SVG favicon', async () => {
    const ico = await fetch(`${app.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    expect(Buffer.from(await ico.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    const home = await app.get('/');
    const href = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(home.text)?.[1];
    const svg = await fetch(`${app.url}${href ?? '/missing'}`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    await svg.arrayBuffer();
  });
});
