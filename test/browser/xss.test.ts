import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildClient } from '../../scripts/build-client.js';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { startTestApp, type TestApp } from '../helpers/env.js';
import { launchChromium, nodePoint, screenshot, waitForExplorer } from './support.js';

const tag = randomUUID().slice(0, 8);
const CASE_ID = `case-xss-${tag}`;
const NAME = `<img src=x onerror="window.__xss=1"> Street lights ${tag}`;
const SUMMARY = `<script>window.__xss=1</script> and <svg onload="window.__xss=1"> in the summary`;
const NOTE = `</textarea><script>window.__xss=1</script>`;

declare global {
  interface Window {
    __xss?: unknown;
    __csp?: string[];
  }
}

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let accountId: string;
let curator: Record<string, string>;
let admin: Record<string, string>;
let adminId: string;
let curatorName: string;
let pageErrors: string[];
let dialogs: string[];
let cspConsole: string[];

async function api(method: string, path: string, body: unknown) {
  const res = await fetch(app.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...curator },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  await buildClient();
  app = await startTestApp();
  curatorName = `xss${tag}`;
  const account = await createAccount(app.db, { name: curatorName, role: 'curator', password: `a long passphrase ${tag}` });
  accountId = account.id;
  const { token } = await createToken(app.db, account.id, { name: 'xss' });
  curator = { authorization: `Bearer ${token}` };
  const adminAccount = await createAccount(app.db, { name: `xssadmin${tag}`, role: 'admin', password: `a long passphrase ${tag}` });
  adminId = adminAccount.id;
  admin = { authorization: `Bearer ${(await createToken(app.db, adminId, { name: 'xss' })).token}` };
  // Through the curation write path, as a curator or an import would put it there.
  const created = await api('POST', '/api/nodes', {
    kind: 'case',
    id: CASE_ID,
    name: NAME,
    summary: SUMMARY,
    year: 2021,
    sources: ['src-basque-declaration'],
  });
  if (created.status !== 201) throw new Error(`the case was not created: ${created.status} ${JSON.stringify(created.body)}`);
  const linked = await api('POST', '/api/links', {
    from: CASE_ID,
    type: 'ILLUSTRATES',
    to: 'pathway-12',
    sources: ['src-basque-declaration'],
    basis: 'stated',
    note: NOTE,
  });
  if (linked.status !== 201) throw new Error(`the case was not linked: ${linked.status} ${JSON.stringify(linked.body)}`);
  browser = await launchChromium();
});

afterAll(async () => {
  await app?.db.write('MATCH (n {id: $id}) DETACH DELETE n', { id: CASE_ID });
  await app?.db.write('MATCH (c:Change) WHERE c.by = $by DETACH DELETE c', { by: curatorName });
  if (accountId) await removeAccount(app.db, accountId);
  // Directly: removeAccount keeps the last admin, and this one may be the only one.
  if (adminId)
    await app.db.write('MATCH (a:Account {id: $id}) OPTIONAL MATCH (t:ApiToken)-[:OF_ACCOUNT]->(a) DETACH DELETE t, a', { id: adminId });
  await browser?.close();
  await app?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // Runs before any page script; Playwright adds it outside the page's CSP.
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp!.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} ${e.sample}`.trim());
    });
  });
  page = await context.newPage();
  pageErrors = [];
  dialogs = [];
  cspConsole = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspConsole.push(m.text());
  });
});

afterEach(async () => {
  await context?.close();
});

/** No script of the attacker ran, no dialog opened, and the page broke no rule of its policy. */
async function expectCleanPage(): Promise<void> {
  await expect(page.evaluate(() => window.__xss)).resolves.toBeUndefined();
  await expect(page.evaluate(() => window.__csp)).resolves.toEqual([]);
  expect(dialogs).toEqual([]);
  expect(cspConsole).toEqual([]);
  expect(pageErrors).toEqual([]);
}

async function open(path: string): Promise<void> {
  const res = await page.goto(app.url + path);
  expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
}

describe('text from curators and documents in the browser', () => {
  it("when the case's page is opened, then its name and summary show as text and nothing runs", async () => {
    await open(`/cases/${CASE_ID}`);
    await expect(page.locator('h1').first().textContent()).resolves.toContain(NAME);
    await expect(page.locator('main').textContent()).resolves.toContain(SUMMARY);
    await expect(page.locator('main img[src="x"]').count()).resolves.toBe(0);
    await expect(page.locator('main svg').count()).resolves.toBe(0);
    await expectCleanPage();
    await screenshot(page, 'xss-case-page');
  });

  it.each([`/pathways/12`, `/search?q=${encodeURIComponent(tag)}`, `/nodes/${CASE_ID}`])(
    'when %s lists the case, then the name is literal there too',
    async (path) => {
      await page.goto(app.url + path);
      await expect(page.locator('main').textContent()).resolves.toContain(NAME);
      await expectCleanPage();
    },
  );

  it("when a curator opens the case's edit form, then the values sit escaped in the fields", async () => {
    await context.setExtraHTTPHeaders(curator);
    await open(`/curate/${CASE_ID}`);
    await expect(page.locator('input[name="name"]').inputValue()).resolves.toBe(NAME);
    await expect(page.locator('textarea[name="summary"]').inputValue()).resolves.toBe(SUMMARY);
    await expectCleanPage();
  });

  it('when the explorer shows the case and its side panel, then labels and details are text and nothing runs', async () => {
    await open(`/explore?node=${CASE_ID}`);
    await waitForExplorer(page);
    await expect(page.evaluate((id) => window.pathwayAtlasExplorer!.cy.getElementById(id).data('label'), CASE_ID)).resolves.toBe(NAME);
    const { x, y } = await nodePoint(page, CASE_ID);
    await page.mouse.click(x, y);
    await page.locator('#ex-panel').waitFor({ state: 'visible' });
    await page.locator('#ex-panel-body dl').waitFor();
    await expect(page.locator('#ex-panel-title').textContent()).resolves.toBe(NAME);
    await expect(page.locator('#ex-panel-body').textContent()).resolves.toContain(SUMMARY);
    await expect(page.locator('#ex-panel img, #ex-panel script, #ex-panel svg').count()).resolves.toBe(0);
    await expect(page.locator('#ex-node-list option', { hasText: tag }).textContent()).resolves.toBe(NAME);
    await screenshot(page, 'xss-explorer-panel');
    await expectCleanPage();
  });

  it('when the explorer runs, then Cytoscape needs no inline <style> and the policy is kept', async () => {
    await open('/explore?node=pathway-12&depth=2');
    await waitForExplorer(page);
    await expect(page.locator('style').count()).resolves.toBe(0);
    await expect(page.evaluate(() => getComputedStyle(document.getElementById('ex-canvas')!).position)).resolves.toBe('relative');
    await expectCleanPage();
  });

  it('when the other pages load, then none breaks the Content-Security-Policy', async () => {
    for (const path of [
      '/',
      '/pathways/12',
      '/sdgs/12',
      '/targets/12.7',
      '/coverage',
      '/search',
      '/places/place-ghent',
      '/api/docs',
      '/signin',
      '/explore',
      '/no/such/page',
    ]) {
      const res = await page.goto(app.url + path);
      expect({ path, csp: res?.headers()['content-security-policy'] }).toEqual({ path, csp: expect.stringContaining("style-src 'self'") });
      await page.waitForLoadState('networkidle');
      // The violation list starts afresh with each page, so each is checked before the next.
      await expectCleanPage();
    }
  });

  it('when an admin opens the accounts page and a curator the curation home, then neither breaks the policy', async () => {
    await context.setExtraHTTPHeaders(admin);
    for (const path of ['/admin/accounts', '/curate', '/curate/new?kind=case']) {
      await open(path);
      await expectCleanPage();
    }
  });

  it('when an inline script is slipped into a page, then the policy blocks it and the violation is seen', async () => {
    await open('/');
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__xss = 1';
      document.body.append(s);
      const d = document.createElement('div');
      d.setAttribute('style', 'color: red');
      document.body.append(d);
    });
    await expect(page.evaluate(() => window.__xss)).resolves.toBeUndefined();
    await expect.poll(() => page.evaluate(() => window.__csp!.length)).toBeGreaterThanOrEqual(2);
    const seen = await page.evaluate(() => window.__csp!);
    expect(seen.some((v) => v.startsWith('script-src'))).toBe(true);
    expect(seen.some((v) => v.startsWith('style-src'))).toBe(true);
  });
});
