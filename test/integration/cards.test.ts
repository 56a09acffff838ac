import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { defineQuery } from '../../src/data/queries.js';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { buildMissingCards, dropAllCards } from '../../src/domain/atlas/card-keeper.js';
import { CARD_PROPS, dropCards } from '../../src/domain/atlas/case-cards.js';
import { caseSummaries, liveSummaries } from '../../src/domain/atlas/cases.js';
import { startTestApp, type TestApp } from '../helpers/env.js';

let app: TestApp;
let auth: Record<string, string>;
let accountId: string;
const tag = randomUUID().slice(0, 8);
const curatorName = `tcards${tag}`;
const GEESTLAND = 'case-geestland-led-street-lighting';

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...auth, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const caseIds = async () => (await app.db.read('MATCH (c:Case:Entity) RETURN c.id AS id ORDER BY id')).map((r) => String(r.id));
const cardOf = async (id: string) => {
  const [row] = await app.db.read('MATCH (c:Entity {id: $id}) RETURN c.listCard AS card', { id });
  return (row?.card as string | null) ?? null;
};
const summaryOf = async (id: string) => (await app.db.readTx((run) => caseSummaries(run, [id])))[0]!;
const etag = async (id: string) => (await fetch(`${app.url}/api/nodes/${id}`)).headers.get('etag')!;
const patch = async (id: string, body: Record<string, unknown>) => call('PATCH', `/api/nodes/${id}`, body, { 'if-match': await etag(id) });
const descriptionOf = async (id: string) => {
  const [row] = await app.db.read('MATCH (n:Entity {id: $id}) RETURN n.description AS description', { id });
  return (row?.description as string | null | undefined) ?? null;
};
/** Puts a node's description back as it was when the test ends (null: none), through the API like the edit. */
const restoreDescriptionAfterTest = async (id: string) => {
  const original = await descriptionOf(id);
  onTestFinished(async () => {
    expect((await patch(id, { description: original })).status).toBe(200);
  });
};
/** Card builders waiting for a lock another transaction holds on a case (see graph/queries/cards/lock-missing.cypher). */
const blockedCardBuilds = async () => {
  const [row] = await app.db.read(
    "SHOW TRANSACTIONS YIELD currentQuery, status WHERE currentQuery CONTAINS 'SET c.cardLock = true' AND status STARTS WITH 'Blocked' RETURN count(*) AS n",
  );
  return Number(row?.n);
};

beforeAll(async () => {
  app = await startTestApp({}, { console: true });
  const account = await createAccount(app.db, { name: curatorName, role: 'curator', password: `a long enough passphrase ${tag}` });
  accountId = account.id;
  auth = { authorization: `Bearer ${(await createToken(app.db, account.id, { name: 'cards' })).token}` };
  await app.cards.settled();
});

afterAll(async () => {
  await app.db.write('MATCH (c:Change) WHERE c.by = $by DETACH DELETE c', { by: curatorName });
  await removeAccount(app.db, accountId);
  await app.close();
});

describe('case cards', () => {
  it('are built for every case and read back exactly as the live list shape', async () => {
    const ids = await caseIds();
    expect(ids.length).toBeGreaterThan(150);
    const [missing] = await app.db.read('MATCH (c:Case:Entity) WHERE c.listCard IS NULL RETURN count(c) AS n');
    expect(missing!.n).toBe(0);
    const fromCards = await app.db.readTx((run) => caseSummaries(run, ids));
    const live = await app.db.readTx((run) => liveSummaries(run, ids));
    expect(fromCards.map((c) => c.id)).toEqual(ids);
    const differing = fromCards.filter((c, i) => !isDeepStrictEqual(c, live[i])).map((c) => c.id);
    expect(differing).toEqual([]);
    // Sources are resolved on the way out, not copied into the card.
    const geestland = fromCards.find((c) => c.id === GEESTLAND)!;
    expect((geestland.pathways as { sources: { title: string }[] }[])[0]!.sources[0]!.title).toEqual(expect.any(String));
    expect(JSON.parse((await cardOf(GEESTLAND))!).sources.every((s: unknown) => typeof s === 'string')).toBe(true);
  });

  it('never leave the graph: not in a node, its export or its history', async () => {
    const node = await call('GET', `/api/cases/${GEESTLAND}`);
    expect(node.status).toBe(200);
    expect(Object.keys(node.body)).not.toContain('listCard');
    expect(Object.keys(node.body)).not.toContain('listCardSources');
    // Geestland has its card while the export is made, so a card leaking into the export would show.
    await app.cards.settled();
    expect(await cardOf(GEESTLAND)).not.toBeNull();
    const exported = await fetch(`${app.url}/api/export?format=json&country=DE&pathway=12`);
    expect(exported.status).toBe(200);
    const file = await exported.text();
    expect(file).toContain(GEESTLAND);
    for (const prop of CARD_PROPS) expect(file).not.toContain(prop);
    // The console's copy of the graph holds no cards at all, asked for by name or not.
    const console = await call('POST', '/api/cypher', {
      query: 'MATCH (c:Case {id: $id}) RETURN c, keys(c) AS keys, c.facetPathways AS pathways',
      params: { id: GEESTLAND },
    });
    expect(console.status).toBe(200);
    expect(console.body.rows[0].c.name).toMatch(/Geestland/i);
    for (const prop of CARD_PROPS) expect(console.body.rows[0].keys).not.toContain(prop);
    expect(console.body.rows[0].pathways).toBeNull();
    const [row] = await app.db.read(`MATCH (x:Entity {id: $id}) WITH x ${defineQuery('exchange/return-nodes').text}`, { id: GEESTLAND });
    const exportedKeys = (row!.props as { key: string }[]).map((p) => p.key);
    for (const prop of CARD_PROPS) expect(exportedKeys).not.toContain(prop);
  });

  it('a renamed place is on its cases at once, and their cards are rebuilt with it', async () => {
    const place = 'place-geestland';
    const before = await call('GET', `/api/places/${place}`);
    expect(before.status).toBe(200);
    const cases = (before.body.cases as { id: string }[]).map((c) => c.id);
    expect(cases).toContain(GEESTLAND);
    const original = before.body.name as string;
    const renamed = `${original} (renamed ${tag})`;
    try {
      expect((await patch(place, { name: renamed })).status).toBe(200);
      // The write dropped the cards of the place's cases in its own transaction.
      for (const id of cases) expect(await cardOf(id)).toBeNull();
      const page = await call('GET', '/api/pathways/12/cases?limit=100');
      const shown = (page.body.cases as { id: string; places: { name: string }[] }[]).find((c) => c.id === GEESTLAND)!;
      expect(shown.places.map((p) => p.name)).toContain(renamed);
      await app.cards.settled();
      expect(await cardOf(GEESTLAND)).toContain(renamed);
      expect((await summaryOf(GEESTLAND)).places).toEqual(expect.arrayContaining([expect.objectContaining({ name: renamed })]));
    } finally {
      expect((await patch(place, { name: original })).status).toBe(200);
    }
    await app.cards.settled();
    expect(await cardOf(GEESTLAND)).not.toContain(renamed);
  });

  it('an edit that shows on no card leaves the other cases their cards', async () => {
    const place = 'place-geestland';
    const description = `Edited by the card test ${tag}.`;
    const [other] = await app.db.read('MATCH (c:Case:Entity) WHERE NOT (c)--(:Entity {id: $place}) RETURN c.id AS id LIMIT 1', { place });
    await app.cards.settled();
    await restoreDescriptionAfterTest(place);
    const res = await patch(place, { description });
    expect(res.status).toBe(200);
    expect(await cardOf(GEESTLAND)).not.toBeNull();
    expect(await cardOf(String(other!.id))).not.toBeNull();
  });

  it('a pathway edit that shows on no card keeps its cases their cards', async () => {
    await app.cards.settled();
    await restoreDescriptionAfterTest('pathway-12');
    const res = await patch('pathway-12', { description: `Corrected by the card test ${tag}.` });
    expect(res.status).toBe(200);
    expect(await cardOf(GEESTLAND)).not.toBeNull();
  });

  it('a new link drops only the card of the case it starts from', async () => {
    const theme = `theme-cards-${tag}`;
    // The theme, deleted or not, goes with its link to the case.
    onTestFinished(async () => {
      await app.db.write('MATCH (t {id: $theme}) DETACH DELETE t', { theme });
    });
    expect((await call('POST', '/api/nodes', { kind: 'theme', id: theme, name: `Card test theme ${tag}` })).status).toBe(201);
    await app.cards.settled();
    const [rotterdam] = await app.db.read("MATCH (c:Case:Entity) WHERE c.id STARTS WITH 'case-rotterdam' RETURN c.id AS id LIMIT 1");
    const link = await call('POST', '/api/links', { from: GEESTLAND, type: 'ABOUT_THEME', to: theme, sources: [], basis: 'curated' });
    expect(link.status).toBe(201);
    expect(await cardOf(GEESTLAND)).toBeNull();
    expect(await cardOf(String(rotterdam!.id))).not.toBeNull();
    expect(((await summaryOf(GEESTLAND)).themes as { id: string }[]).map((t) => t.id)).toContain(theme);
    await app.cards.settled();
    expect(await cardOf(GEESTLAND)).toContain(theme);

    // Deleting the theme takes it off the case's card too.
    expect((await call('DELETE', `/api/nodes/${theme}`, undefined, { 'if-match': await etag(theme) })).status).toBe(200);
    expect(((await summaryOf(GEESTLAND)).themes as { id: string }[]).map((t) => t.id)).not.toContain(theme);
    await app.cards.settled();
    expect(await cardOf(GEESTLAND)).not.toContain(theme);
    // A soft delete keeps the theme's links for a restore, so the link cannot be removed on its own now.
    const unlink = await call('DELETE', '/api/links', { from: GEESTLAND, type: 'ABOUT_THEME', to: theme });
    expect(unlink.status).toBe(404);
    expect(unlink.body.detail).toBe(`No node with id "${theme}".`);
    const [kept] = await app.db.read('MATCH (:Entity {id: $from})-[r:ABOUT_THEME]->(:Deleted {id: $to}) RETURN count(r) AS n', {
      from: GEESTLAND,
      to: theme,
    });
    expect(kept!.n).toBe(1);
  });

  it('faceted search filters and counts the same from the cards as from the relationships', async () => {
    const queries = [
      'pathway=12&sdg=12',
      'sdg=11&country=BE',
      'theme=theme-food',
      'target=12.7&yearFrom=2015',
      'q=lighting',
      'approach=approach-pre-commercial-procurement,approach-joint-procurement',
    ];
    await app.cards.settled();
    const withCards = await Promise.all(queries.map(async (q) => (await call('GET', `/api/cases?${q}&limit=100`)).body));
    expect(withCards.map((r) => r.total)).not.toContain(0);
    app.cards.stop();
    await dropAllCards(app.db);
    const [built] = await app.db.read('MATCH (c:Case:Entity) WHERE c.facetGoals IS NOT NULL RETURN count(c) AS n');
    expect(built!.n).toBe(0);
    const live = await Promise.all(queries.map(async (q) => (await call('GET', `/api/cases?${q}&limit=100`)).body));
    expect(live).toEqual(withCards);
    await buildMissingCards(app.db);
  });

  it('a case whose card cannot be stored is left for later and holds up no other case', async () => {
    app.cards.stop();
    const odd = `pathway-odd-${tag}`;
    // A list property cannot mix numbers and text: this case's pathway numbers cannot be stored.
    await app.db.write(`CREATE (p:Entity:Pathway {id: $odd, name: 'Odd', number: 'ninety-nine', kind: 'pathway'})`, { odd });
    await app.db.write(`MATCH (c:Entity {id: $id}), (p:Entity {id: $odd}) CREATE (c)-[:ILLUSTRATES]->(p)`, { id: GEESTLAND, odd });
    try {
      await dropAllCards(app.db);
      const failed: string[] = [];
      const built = await buildMissingCards(app.db, { batch: 50, onFailure: (id) => failed.push(id) });
      expect(failed).toEqual([GEESTLAND]);
      expect(built).toBe((await caseIds()).length - 1);
      expect(((await summaryOf(GEESTLAND)).pathways as { id: string }[]).map((p) => p.id)).toContain(odd);
    } finally {
      await app.db.write('MATCH (p:Entity {id: $odd}) DETACH DELETE p', { odd });
      await buildMissingCards(app.db);
    }
    expect(await cardOf(GEESTLAND)).not.toBeNull();
  });

  it('a card being built waits for a change in progress, so it is never older than that change', async () => {
    const place = 'place-geestland';
    // Only the builder below makes cards now.
    app.cards.stop();
    await app.db.write('MATCH (c:Entity {id: $id}) REMOVE c.listCard, c.listCardSources', { id: GEESTLAND });
    const original = String((await call('GET', `/api/places/${place}`)).body.name);
    const renamed = `${original} (held ${tag})`;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let changed!: () => void;
    const inside = new Promise<void>((r) => (changed = r));
    // A change renames the place and drops the cards of its cases, then holds its transaction open.
    const change = app.db.writeTx(async (run) => {
      await run('MATCH (p:Entity {id: $place}) SET p.name = $name', { place, name: renamed });
      await dropCards(run, { around: [place] });
      changed();
      await held;
    });
    onTestFinished(async () => {
      release();
      await change;
      await app.db.write('MATCH (p:Entity {id: $place}) SET p.name = $name', { place, name: original });
      await app.db.writeTx((run) => dropCards(run, { around: [place] }));
    });
    await inside;
    expect(await blockedCardBuilds()).toBe(0);
    const building = buildMissingCards(app.db, { batch: 500 });
    // The builder has reached the case and waits for the lock the change holds on it.
    await vi.waitFor(async () => expect(await blockedCardBuilds()).toBe(1), { timeout: 10_000, interval: 25 });
    release();
    await change;
    expect(await building).toBeGreaterThan(0);
    expect(await cardOf(GEESTLAND)).toContain(renamed);
  });
});
