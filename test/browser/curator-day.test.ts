import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { loadSeeds } from '../../src/domain/seed/load.js';
import { startTestApp, type TestApp } from '../helpers/env.js';
import { launchChromium, screenshot, signInThroughForm } from './support.js';

/** A curator's day in real Chromium: queue, review by keyboard, reload, commit, search, edits, history and merges. */

let app: TestApp;
let browser: Browser;
let context: BrowserContext | undefined;
let pageErrors: string[] = [];
let bearer: Record<string, string>;
const tag = randomUUID().slice(0, 8);
const NAME = `daycurator${tag}`;
const PASSWORD = `a long enough passphrase ${tag}`;
const accounts: string[] = [];

/** The newsletter's item on the 15 pathways publication: from its title line to the next item's title. */
function fifteenPathwaysItem(): string {
  const lines = readFileSync(new URL('../fixtures/newsletter.txt', import.meta.url), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('Procurement to localise the SDGs'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('The latest on life-cycle costing'));
  return lines
    .slice(start + 1, end)
    .join('\n')
    .trim();
}

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
  const account = await createAccount(app.db, { name: NAME, role: 'curator', password: PASSWORD });
  accounts.push(account.id);
  bearer = { authorization: `Bearer ${(await createToken(app.db, account.id, { name: 'tests' })).token}` };
});

afterAll(async () => {
  await browser?.close();
  if (app) {
    // The day's commits, edits and merges touch the atlas's own nodes and links (citations, versions,
    // history): other files share this Neo4j, so the seed graph is loaded afresh, as exchange.test does.
    for (const a of accounts) await removeAccount(app.db, a);
    await loadSeeds(app.db, { reset: true });
    await app.close();
  }
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  if (pageErrors.length) throw new Error(`the page threw: ${pageErrors.join('; ')}`);
});

/** A signed-in curator's page on a desktop screen. */
async function signedIn(): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await signInThroughForm(page, app.url, NAME, PASSWORD);
  return page;
}

/** Waits until every decision the page sent is saved. */
async function allSaved(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { pathwayAtlasReview: { pending(): Promise<void> } }).pathwayAtlasReview.pending());
  const states = await page.locator('.save-state').allInnerTexts();
  expect(states.filter((s) => s && s !== 'Saved')).toEqual([]);
}

async function ingest(page: Page, text: string, title: string): Promise<string> {
  await page.goto(`${app.url}/curate/ingest`);
  await page.fill('#ingest-text', text);
  await page.fill('#ingest-title', title);
  await Promise.all([page.waitForURL(/\/curate\/ingest\/batch-/), page.getByRole('button', { name: 'Read and propose' }).click()]);
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** The decision each proposal's radios show, by proposal key. */
async function decisions(page: Page): Promise<Record<string, string>> {
  return page.$$eval('li.proposal[data-proposal]', (lis) =>
    Object.fromEntries(
      lis.map((li) => [
        (li as HTMLElement).dataset.proposal!,
        li.querySelector<HTMLInputElement>('fieldset.decision input[type="radio"]:checked')?.value ?? 'none',
      ]),
    ),
  );
}

describe("a curator's day in Chromium", () => {
  it('signs in, finds the queue from the header, reviews the 15 pathways item by keyboard, reloads without losing a decision, commits and finds the result in search', async () => {
    const page = await signedIn();
    await page.goto(`${app.url}/`);
    await Promise.all([page.waitForURL(/\/curate$/), page.locator('header .site-account a', { hasText: 'Curation' }).click()]);
    await expect(page.getByRole('heading', { name: 'Review queue' }).isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: 'Read a news item or a newsletter' }).click();
    await page.waitForURL(/\/curate\/ingest$/);

    const batchId = await ingest(page, fifteenPathwaysItem(), `New ICLEI guidance with 15 pathways (${tag})`);
    await screenshot(page, 'curator-review');
    const proposals = await page.$$eval('li.proposal[data-proposal]', (lis) =>
      lis
        .filter((li) => li.querySelector('fieldset.decision'))
        .map((li) => ({
          key: (li as HTMLElement).dataset.proposal!,
          kind: li.querySelector('.kind-tag')?.textContent?.trim() ?? '',
          known: Boolean(li.querySelector('.proposal-head a[href^="/nodes/"]')),
          name: li.querySelector('.proposal-head strong')?.textContent?.trim() ?? '',
        })),
    );
    expect(proposals.length).toBeGreaterThan(3);
    // Accept what the atlas knows and the case drafts, reject new names: one key a proposal, the page moves on by itself.
    const wanted: Record<string, string> = {};
    for (const p of proposals) {
      const focused = await page.evaluate(() => document.querySelector<HTMLElement>('li.proposal.current')?.dataset.proposal);
      expect(focused).toBe(p.key);
      const accept = p.known || p.kind === 'case draft';
      wanted[p.key] = accept ? 'accept' : 'reject';
      await page.keyboard.press(accept ? 'a' : 'r');
    }
    await allSaved(page);

    await page.reload();
    const kept = await decisions(page);
    for (const [key, choice] of Object.entries(wanted)) expect({ key, choice: kept[key] }).toEqual({ key, choice });
    // Nothing is left undecided, so the undecided view is empty.
    await page.goto(`${app.url}/curate/ingest/${batchId}?show=undecided`);
    await expect(page.locator('li.proposal fieldset.decision').count()).resolves.toBe(0);
    await page.goto(`${app.url}/curate/ingest/${batchId}`);

    await Promise.all([page.waitForURL(/notice=committed/), page.getByRole('button', { name: 'Commit the accepted proposals' }).click()]);
    await expect(page.locator('.form-notice').innerText()).resolves.toMatch(/^Committed:/);
    const batch = (await app.get(`/api/ingest/${batchId}`, bearer)).body;
    const sources: string[] = batch.commits.flatMap((c: { sources: string[] }) => c.sources);
    const caseDraft = batch.items[0].proposals.find(
      (p: { kind: string; id?: string; committed?: { id: string } }) => p.kind === 'case' && !p.id && p.committed,
    );
    expect(caseDraft).toBeDefined();
    const caseId: string = caseDraft.committed.id;
    const caseName: string = (await app.get(`/api/cases/${caseId}`)).body.name;

    await page.goto(`${app.url}/search?q=${encodeURIComponent(caseName)}`);
    await expect(page.locator(`.results a[href="/cases/${caseId}"]`).first().isVisible()).resolves.toBe(true);
    // The case now cites the item the curator committed.
    const cited = (await app.get(`/api/cases/${caseId}`)).body.sources.map((s: { id: string }) => s.id);
    expect(cited).toEqual(expect.arrayContaining(sources));
  }, 180_000);

  it('catches at save an edited case draft naming an organisation the atlas does not know, and offers the near ones', async () => {
    const page = await signedIn();
    await ingest(page, fifteenPathwaysItem(), `Guidance with 15 pathways, edited (${tag})`);
    const draft = page.locator('li.proposal', { has: page.locator('.kind-tag', { hasText: 'case draft' }) }).first();
    await expect(draft.count()).resolves.toBe(1);
    await draft.locator('fieldset.decision input[type="radio"]').first().focus();
    await Promise.all([page.waitForURL(/\/proposals\//), page.keyboard.press('e')]);
    // The draft is to become a new case (not the existing one it may look like), carried out by two organisations.
    await page.fill('#f-existing', '');
    await page.fill('#f-organisations', 'ICLEI Europa\nAtlantis Procurement Agency');
    await page.getByRole('button', { name: 'Save and accept' }).click();
    const alert = page.locator('.form-error[role="alert"]');
    await expect(alert.innerText()).resolves.toMatch(/“Atlantis Procurement Agency”/);
    await expect(alert.innerText()).resolves.toMatch(/“ICLEI Europa”/);
    await expect(page.getByRole('link', { name: 'Create a new organisation “Atlantis Procurement Agency”' }).count()).resolves.toBe(1);
    // The near name is offered as the existing organisation; choosing it leaves only the unknown one.
    await page.getByRole('button', { name: 'Use ICLEI – Local Governments for Sustainability' }).click();
    await expect(page.locator('#f-organisations').inputValue()).resolves.toBe('org-iclei\nAtlantis Procurement Agency');
    await expect(alert.innerText()).resolves.not.toMatch(/ICLEI Europa/);
    await page.fill('#f-organisations', 'org-iclei');
    await Promise.all([page.waitForURL(/\/curate\/ingest\/batch-[^/]+\?/), page.getByRole('button', { name: 'Save and accept' }).click()]);
  }, 180_000);

  it('flags at ingest a case the atlas already holds, with "use existing" as the accepting choice', async () => {
    const page = await signedIn();
    const text = `Geestland's procurement of LED street lighting\n\n3 March 2020\n\nThe German town of Geestland bought LED street lighting through public procurement. The town says the new lights use far less energy, and ICLEI's guidance on localising the SDGs takes it as an example of how public procurement speeds up sustainability and innovation.`;
    await ingest(page, text, `Geestland lights again (${tag})`);
    const flagged = page.locator('li.proposal', { has: page.locator('.duplicate-of a[href="/nodes/case-geestland-led-street-lighting"]') });
    await expect(flagged.count()).resolves.toBe(1);
    await expect(flagged.locator('.duplicate-of').innerText()).resolves.toMatch(/same name|similar/);
    await expect(flagged.locator('fieldset.decision label').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(["Use existing: Geestland's procurement of LED street lighting", 'Accept as a new case']),
    );
  }, 180_000);

  it('merges through a preview: swap, confirm, success with undo, and the undo brings both back', async () => {
    const [a, b] = [`place-day-a-${tag}`, `place-day-b-${tag}`];
    for (const [pid, name, alt] of [
      [a, `Vitoria ${tag}`, [`Gasteiz ${tag}`]],
      [b, `Gasteiz ${tag}`, []],
    ] as const) {
      const res = await app.post(
        '/api/nodes',
        { kind: 'place', id: pid, name, altNames: alt, placeType: 'city', country: 'ES', sources: ['src-basque-declaration'] },
        bearer,
      );
      expect(res.status).toBe(201);
    }
    const page = await signedIn();
    await page.goto(`${app.url}/curate/merge?survivor=${a}&duplicate=${b}`);
    await expect(page.locator('h1').innerText()).resolves.toBe(`Merge “Gasteiz ${tag}” into “Vitoria ${tag}”?`);
    await expect(page.locator('tr[data-field="altNames"] .merge-result').innerText()).resolves.toBe(`Gasteiz ${tag}`);
    await page.getByRole('link', { name: /^Swap/ }).click();
    await page.waitForURL((u) => u.searchParams.get('survivor') === b);
    await expect(page.locator('h1').innerText()).resolves.toBe(`Merge “Vitoria ${tag}” into “Gasteiz ${tag}”?`);
    // Without the confirmation the browser does not send the form.
    await page.getByRole('button', { name: 'Merge' }).click();
    expect(new URL(page.url()).pathname).toBe('/curate/merge');
    await page.check('#merge-confirm');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Merge' }).click()]);
    const refused = page.locator('.form-error');
    expect((await refused.count()) ? await refused.innerText() : 'merged').toBe('merged');
    expect(page.url()).toMatch(new RegExp(`/curate/${b}\\?merged=change-`));
    await expect(page.locator('.form-notice').innerText()).resolves.toMatch(/^Merged/);
    expect((await app.send('GET', `/api/places/${a}`)).status).toBe(301);
    await Promise.all([page.waitForURL(/reverted=1/), page.getByRole('button', { name: 'Undo the merge' }).click()]);
    expect((await app.get(`/api/places/${a}`)).body.name).toBe(`Vitoria ${tag}`);
    expect((await app.get(`/api/places/${b}`)).body.altNames ?? []).toEqual([]);
    await expect(page.locator('.history-list li').first().locator('.change-action').innerText()).resolves.toBe('revert');
  }, 180_000);

  it('shows in the history of a 3-field edit exactly those 3 fields', async () => {
    const caseId = `case-day-edit-${tag}`;
    const created = await app.post(
      '/api/nodes',
      {
        kind: 'case',
        id: caseId,
        name: `Edited case ${tag}`,
        summary: 'A town bought buses.',
        year: 2020,
        status: 'completed',
        sources: ['src-basque-declaration'],
      },
      bearer,
    );
    expect(created.status).toBe(201);
    const page = await signedIn();
    await page.goto(`${app.url}/curate/${caseId}`);
    await page.fill('#f-name', `Edited case ${tag}, renamed`);
    await page.fill('#f-summary', 'A town bought electric buses.');
    await page.fill('#f-year', '2021');
    await Promise.all([page.waitForURL(new RegExp(`/cases/${caseId}`)), page.getByRole('button', { name: 'Save changes' }).click()]);
    await page.goto(`${app.url}/curate/${caseId}`);
    const latest = page.locator('.history-list li').first();
    await expect(latest.locator('.change-action').innerText()).resolves.toBe('edited');
    await expect(
      latest.locator('tr[data-field]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.field)),
    ).resolves.toEqual(['name', 'summary', 'year']);
    await expect(latest.locator('tr[data-field="year"]').innerText()).resolves.toMatch(/Year\s+2020\s+2021/);
  }, 180_000);
});
