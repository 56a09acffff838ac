import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { startTestApp, type TestApp } from '../helpers/env.js';

let app: TestApp;
let curator: Record<string, string>;
let reader: Record<string, string>;
const tag = randomUUID().slice(0, 8);
const PASSWORD = `a long enough passphrase ${tag}`;
const curatorName = `icurator${tag}`;
const accounts: string[] = [];
/** Nodes the tests' commits created, deleted at the end. */
const made = new Set<string>();
/** Seed nodes a commit may make cite a new source: their sources and version are put back at the end. */
const TOUCHED = ['place-ghent', 'initiative-procura-plus', 'initiative-big-buyers'];
let before: { id: string; version: unknown; sources: unknown; updatedAt: unknown; updatedBy: unknown }[] = [];

// Two news items: Ghent under its Dutch name, a city the graph lacks (Leuven, from the gazetteer),
// two initiatives the graph knows, explicit "Pathway 12" and "SDG 12". The run's tag keeps titles unique.
const FEED = `Gent buys organic school meals with a dynamic purchasing system (${tag})

12 March 2021

The City of Gent procured organic and seasonal food for its school canteens through a dynamic purchasing system in 2021, as part of the Procura+ network. The city says the tender supports Pathway 12 and SDG 12 on responsible consumption and production, and cuts food waste in schools.

Leuven tenders zero-emission buses (${tag})

15 March 2021

The City of Leuven tendered twenty electric buses with life-cycle costing in 2021, within the Big Buyers Initiative. Leuven expects lower emissions and cleaner air for its residents.
`;

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return app.send(method, path, body, headers);
}

async function form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function tokenFor(role: 'curator' | 'reader', name: string): Promise<Record<string, string>> {
  const account = await createAccount(app.db, { name, role, password: PASSWORD });
  accounts.push(account.id);
  const { token } = await createToken(app.db, account.id, { name: 'tests' });
  return { authorization: `Bearer ${token}` };
}

type P = {
  proposal: string;
  kind: string;
  name: string;
  id?: string;
  status: string;
  origin: string;
  span?: { start: number; end: number };
  details?: Record<string, unknown>;
};
type Item = { index: number; title: string; date: string | null; source: { id?: string; existing: boolean }; proposals: P[] };

const find = (item: Item, pred: (p: P) => boolean, what: string): P => {
  const p = item.proposals.find(pred);
  if (!p) throw new Error(`no ${what} among ${item.proposals.map((x) => `${x.kind}:${x.name}:${x.id ?? 'new'}`).join(', ')}`);
  return p;
};

function remember(written: { created: { id: string }[]; sources: string[] }) {
  for (const c of written.created) made.add(c.id);
  for (const s of written.sources) made.add(s);
}

async function linksOf(id: string) {
  const rows = await app.db.read(
    'MATCH (n:Entity {id: $id})-[r]->(m) RETURN type(r) AS type, m.id AS to, r.sources AS sources, r.basis AS basis ORDER BY type, to',
    { id },
  );
  return rows.map((r) => ({ type: r.type, to: r.to, sources: r.sources ?? null, basis: r.basis ?? null }));
}

/** Removes what the commits so far wrote, and puts back the bookkeeping of the seed nodes they cited. */
async function undoCommits() {
  await app.db.write('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', { ids: [...made] });
  made.clear();
  for (const b of before) {
    await app.db.write(
      'MATCH (n:Entity {id: $id}) SET n.version = $version, n.sourceIds = $sources, n.updatedAt = $updatedAt, n.updatedBy = $updatedBy',
      b,
    );
  }
}

/** Ingests the feed as a new batch, which is deleted when the test ends. */
async function ingestFeed() {
  const res = await call('POST', '/api/ingest', { text: FEED, url: 'https://example.org/news' }, curator);
  onTestFinished(async () => {
    await app.db.write('MATCH (b:IngestBatch {id: $id}) DETACH DELETE b', { id: String(res.body?.id) });
  });
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  return res;
}

async function sourceNamed(title: string) {
  return app.db.read('MATCH (s:Source) WHERE s.title = $title RETURN s.id AS id', { title });
}

beforeAll(async () => {
  app = await startTestApp();
  curator = await tokenFor('curator', curatorName);
  reader = await tokenFor('reader', `ireader${tag}`);
  before = (await app.db.read(
    'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.version AS version, n.sourceIds AS sources, n.updatedAt AS updatedAt, n.updatedBy AS updatedBy',
    { ids: TOUCHED },
  )) as typeof before;
});

afterAll(async () => {
  await undoCommits();
  await app.db.write('MATCH (b:IngestBatch) WHERE b.createdBy = $by DETACH DELETE b', { by: curatorName });
  await app.db.write('MATCH (c:Change) WHERE c.by = $by DETACH DELETE c', { by: curatorName });
  for (const a of accounts) await removeAccount(app.db, a);
  await app.close();
});

describe('who may use the review queue', () => {
  const batch = `batch-${randomUUID()}`;
  const routes: [string, string, unknown][] = [
    ['POST', '/api/ingest', { text: 'Ghent buys buses.' }],
    ['GET', '/api/ingest', undefined],
    ['GET', `/api/ingest/${batch}`, undefined],
    ['POST', `/api/ingest/${batch}/commit`, { decisions: [] }],
    ['GET', '/curate/ingest', undefined],
  ];

  it.each(routes)('when anonymous, then %s %s is refused with 401', async (method, path, body) => {
    expect((await call(method, path, body)).status).toBe(401);
  });

  it.each(routes)('when signed in without the curator role, then %s %s is refused with 403', async (method, path, body) => {
    expect((await call(method, path, body, reader)).status).toBe(403);
  });

  it('when a curator sends no text, or text beyond the limit, then 400 or 413 names the field', async () => {
    const empty = await call('POST', '/api/ingest', { text: '   ' }, curator);
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe('text');
    const long = await call('POST', '/api/ingest', { text: 'Ghent buys buses. '.repeat(3500) }, curator);
    expect(long.status).toBe(413);
    expect(long.body).toMatchObject({ field: 'text', limit: 60_000 });
    const badDate = await call('POST', '/api/ingest', { text: 'Ghent buys buses.', date: '2021-02-30' }, curator);
    expect(badDate.status).toBe(400);
    expect(badDate.body.field).toBe('date');
  });
});

describe('ingesting, reviewing and committing a feed', () => {
  /** What committing the usual part of the feed wrote. */
  interface Committed {
    gent: Item;
    leuven: Item;
    sources: string[];
    ghentCase: string;
    leuvenCase: string;
    implicitGoal: string;
    gentAccepted: Set<string>;
    leuvenAccepted: Set<string>;
    written: { created: { id: string; kind: string }[]; sources: string[]; cited: string[] };
  }

  /**
   * Commits part of a feed batch: in the Gent item Ghent, Procura+, Pathway 12, SDG 12 and the case
   * draft (edited), in the Leuven item Leuven, life-cycle costing, the case draft and an implicit
   * goal; the rest is rejected. What it writes is removed when the test ends.
   */
  async function commitPart(batchId: string, items: Item[]): Promise<Committed> {
    onTestFinished(undoCommits);
    const [gent, leuven] = items as [Item, Item];
    const accept = (p: P) => ({ proposal: p.proposal, action: 'accept' });
    const draft1 = find(gent, (p) => p.kind === 'case' && !p.id, 'a case draft');
    const gentAccepted = new Set(
      ['place-ghent', 'initiative-procura-plus', 'pathway-12', 'sdg-12'].map((id) => find(gent, (p) => p.id === id, id).proposal),
    );
    const goal = find(leuven, (p) => p.kind === 'goal' && p.origin === 'classifier', 'an implicit goal');
    const leuvenAccepted = new Set([
      find(leuven, (p) => p.kind === 'place' && p.name === 'Leuven', 'Leuven').proposal,
      find(leuven, (p) => p.id === 'approach-life-cycle-costing', 'life-cycle costing').proposal,
      find(leuven, (p) => p.kind === 'case' && !p.id, 'a case draft').proposal,
      goal.proposal,
    ]);
    const decisions = [
      ...[...gentAccepted].map((proposal) => ({ proposal, action: 'accept' })),
      {
        proposal: draft1.proposal,
        action: 'edit',
        fields: { name: `Ghent organic school meals ${tag}`, year: 2021, approaches: ['approach-dynamic-purchasing-system'], themes: [] },
      },
      ...gent.proposals
        .filter((p) => !gentAccepted.has(p.proposal) && p !== draft1)
        .map((p) => ({ proposal: p.proposal, action: 'reject' })),
      ...leuven.proposals.map((p) => (leuvenAccepted.has(p.proposal) ? accept(p) : { proposal: p.proposal, action: 'reject' })),
    ];
    const res = await call('POST', `/api/ingest/${batchId}/commit`, { decisions }, curator);
    // What a commit wrote (nothing when it was refused) is removed at the end.
    remember(res.body?.written ?? { created: [], sources: [] });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    const written = res.body.written as Committed['written'];
    const [ghentCase, leuvenCase] = written.created.filter((c) => c.kind === 'case').map((c) => c.id);
    return {
      gent,
      leuven,
      sources: written.sources,
      ghentCase: ghentCase!,
      leuvenCase: leuvenCase!,
      implicitGoal: goal.id!,
      gentAccepted,
      leuvenAccepted,
      written,
    };
  }

  it('when a feed is ingested, then its proposals wait for review as a batch outside the public graph', async () => {
    const entitiesBefore = (await app.db.read('MATCH (n:Entity) RETURN count(n) AS entities'))[0]!.entities;
    const res = await ingestFeed();
    const batchId = res.body.id as string;
    expect(batchId).toMatch(/^batch-/);
    expect(res.headers.get('location')).toBe(`/api/ingest/${batchId}`);
    const items = res.body.items as Item[];
    expect(items.map((i) => [i.title, i.date])).toEqual([
      [`Gent buys organic school meals with a dynamic purchasing system (${tag})`, '2021-03-12'],
      [`Leuven tenders zero-emission buses (${tag})`, '2021-03-15'],
    ]);
    const [gent, leuven] = items as [Item, Item];
    expect(find(gent, (p) => p.id === 'place-ghent', 'Ghent')).toMatchObject({ kind: 'place', status: 'pending' });
    expect(find(gent, (p) => p.id === 'pathway-12', 'Pathway 12')).toMatchObject({ origin: 'reference' });
    expect(find(gent, (p) => p.id === 'sdg-12', 'SDG 12')).toMatchObject({ origin: 'reference' });
    find(gent, (p) => p.id === 'initiative-procura-plus', 'Procura+');
    find(gent, (p) => p.kind === 'case' && !p.id, 'a case draft');
    expect(find(leuven, (p) => p.kind === 'place' && p.name === 'Leuven', 'Leuven')).toMatchObject({ details: { country: 'BE' } });
    expect(find(leuven, (p) => p.kind === 'place' && p.name === 'Leuven', 'Leuven').id).toBeUndefined();
    for (const item of items) for (const p of item.proposals) expect(p.status).toBe('pending');

    const [row] = await app.db.read('MATCH (b {id: $id}) RETURN labels(b) AS labels', { id: batchId });
    expect(row!.labels).toEqual(['IngestBatch']);
    const entities = (await app.db.read('MATCH (n:Entity) RETURN count(n) AS entities'))[0]!.entities;
    expect(entities).toBe(entitiesBefore);
    expect(await sourceNamed(items[0]!.title)).toEqual([]);
    const search = await call('GET', `/api/search?q=${encodeURIComponent(tag)}`);
    expect(search.body.hits).toEqual([]);
  });

  it('when the batch is read back, then it holds the texts and the same proposals', async () => {
    const ingested = await ingestFeed();
    const batchId = ingested.body.id as string;
    const items = ingested.body.items as Item[];
    const res = await call('GET', `/api/ingest/${batchId}`, undefined, curator);
    expect(res.status).toBe(200);
    expect(res.body.items[0].text).toContain('The City of Gent procured');
    expect(res.body.items.flatMap((i: Item) => i.proposals.map((p) => p.proposal))).toEqual(
      items.flatMap((i) => i.proposals.map((p) => p.proposal)),
    );
    const list = await call('GET', '/api/ingest', undefined, curator);
    expect(list.body.batches.map((b: { id: string }) => b.id)).toContain(batchId);
  });

  it('when part of it is accepted and committed, then exactly that part is in the graph, citing its item', async () => {
    const ingested = await ingestFeed();
    const batchId = ingested.body.id as string;
    const { gent, sources, ghentCase, leuvenCase, implicitGoal, gentAccepted, leuvenAccepted, written } = await commitPart(
      batchId,
      ingested.body.items as Item[],
    );
    expect(sources).toHaveLength(2);
    expect(written.created.filter((c) => c.kind === 'case')).toHaveLength(2);
    expect(ghentCase).toMatch(/^case-ghent-organic-school-meals-/);
    expect(written.created.filter((c) => c.kind === 'place').map((c) => c.id)).toEqual(['place-leuven']);
    expect(written.cited.sort()).toEqual(['initiative-procura-plus', 'place-ghent']);

    const [s1, s2] = sources as [string, string];
    const [src] = await app.db.read('MATCH (s:Source:Entity {id: $id}) RETURN s {.title, .date, .sourceType, .url, .createdBy} AS s', {
      id: s1,
    });
    expect(src!.s).toEqual({
      title: gent.title,
      date: '2021-03-12',
      sourceType: 'news',
      url: 'https://example.org/news',
      createdBy: curatorName,
    });

    const stated = (to: string, type: string, sid = s1) => ({ type, to, sources: [sid], basis: 'stated' });
    expect(await linksOf(ghentCase)).toEqual(
      [
        stated('sdg-12', 'CONTRIBUTES_TO'),
        stated('pathway-12', 'ILLUSTRATES'),
        stated('place-ghent', 'LOCATED_IN'),
        stated('initiative-procura-plus', 'PART_OF'),
        { type: 'REPORTED_IN', to: s1, sources: null, basis: null },
        stated('approach-dynamic-purchasing-system', 'USES_APPROACH'),
      ].sort((a, b) => a.type.localeCompare(b.type) || a.to.localeCompare(b.to)),
    );
    expect(await linksOf(leuvenCase)).toEqual(
      [
        { type: 'CONTRIBUTES_TO', to: implicitGoal, sources: [s2], basis: 'curated' },
        stated('place-leuven', 'LOCATED_IN', s2),
        { type: 'REPORTED_IN', to: s2, sources: null, basis: null },
        stated('approach-life-cycle-costing', 'USES_APPROACH', s2),
      ].sort((a, b) => a.type.localeCompare(b.type) || a.to.localeCompare(b.to)),
    );
    const [leuvenPlace] = await app.db.read(
      'MATCH (p:Place:Entity {id: "place-leuven"}) RETURN p {.name, .country, .placeType, .createdBy} AS p, [(p)-[:REPORTED_IN]->(s) | s.id] AS sources',
    );
    expect(leuvenPlace).toEqual({ p: { name: 'Leuven', country: 'BE', placeType: 'city', createdBy: curatorName }, sources: [s2] });
    const cites = await app.db.read('MATCH (n:Entity)-[:REPORTED_IN]->(s:Source {id: $id}) RETURN n.id AS id ORDER BY id', { id: s1 });
    expect(cites.map((r) => r.id)).toEqual([ghentCase, 'initiative-procura-plus', 'place-ghent'].sort());

    // What was rejected is absent.
    expect(await app.db.read('MATCH (o:Organisation) WHERE o.name IN ["City of Gent", "City of Leuven"] RETURN o.id')).toEqual([]);
    expect(await app.db.read('MATCH (:Entity)-[:REPORTED_IN]->(s:Source {id: $id}) RETURN count(*) AS n', { id: s2 })).toEqual([{ n: 2 }]);
    expect(
      await app.db.read('MATCH (:Entity {id: "initiative-big-buyers"})-[:REPORTED_IN]->(s:Source) WHERE s.id IN $ids RETURN s.id', {
        ids: sources,
      }),
    ).toEqual([]);
    expect(await app.db.read('MATCH (s:Source)-[r]->() WHERE s.id IN $ids RETURN count(r) AS n', { ids: sources })).toEqual([{ n: 0 }]);

    // Readers see the cases with their sources; history says who wrote them.
    const read = await call('GET', `/api/cases/${ghentCase}`);
    expect(read.status).toBe(200);
    expect(read.body.sources.map((s: { id: string }) => s.id)).toEqual([s1]);
    const history = await call('GET', `/api/nodes/${ghentCase}/history`);
    expect(history.body.changes.some((c: { action: string; by: string }) => c.action === 'create' && c.by === curatorName)).toBe(true);

    // The batch remembers what became of each proposal.
    const batch = (await call('GET', `/api/ingest/${batchId}`, undefined, curator)).body;
    expect(batch.status).toBe('done');
    expect(batch.counts.pending).toBe(0);
    const committed = batch.items.flatMap((i: Item) => i.proposals).filter((p: { committed?: unknown }) => p.committed);
    expect(committed).toHaveLength(gentAccepted.size + 1 + leuvenAccepted.size);
    expect(batch.items[1].source).toMatchObject({ id: s2, existing: false });
  });

  it('when the same feed was ingested twice before either was committed, then the second commit cites the source the first wrote', async () => {
    const first = await ingestFeed();
    const second = await ingestFeed();
    await commitPart(first.body.id as string, first.body.items as Item[]);
    const gent = (second.body.items as Item[])[0]!;
    const ghent = find(gent, (p) => p.id === 'place-ghent', 'Ghent');
    const decisions = gent.proposals.map((p) => ({ proposal: p.proposal, action: p === ghent ? 'accept' : 'reject' }));
    const res = await call('POST', `/api/ingest/${second.body.id}/commit`, { decisions }, curator);
    remember(res.body?.written ?? { created: [], sources: [] });
    expect(res.status).toBe(200);
    expect(res.body.written.sources).toEqual([]);
    const [row] = await app.db.read('MATCH (s:Source:Entity) WHERE s.title = $title RETURN count(s) AS n', { title: gent.title });
    expect(Number(row?.n)).toBe(1);
  });

  it('when the same text is ingested again after a commit, then nothing is proposed that the graph already holds', async () => {
    const first = await ingestFeed();
    const { sources, implicitGoal } = await commitPart(first.body.id as string, first.body.items as Item[]);
    const res = await ingestFeed();
    const again = res.body.items as Item[];
    expect(again.map((i) => i.source)).toEqual([
      expect.objectContaining({ id: sources[0], existing: true }),
      expect.objectContaining({ id: sources[1], existing: true }),
    ]);
    const statuses = again.flatMap((i) => i.proposals.map((p) => `${p.status} ${p.kind} ${p.id ?? p.name}`));
    expect(statuses.filter((s) => !s.startsWith('present') && !s.startsWith('rejected'))).toEqual([]);
    expect(statuses).toContain('present place place-ghent');
    expect(statuses).toContain('present place place-leuven');
    expect(statuses).toContain('present pathway pathway-12');
    expect(statuses).toContain(`present goal ${implicitGoal}`);
    expect(
      again
        .flatMap((i) => i.proposals)
        .filter((p) => p.kind === 'case' && !p.id)
        .every((p) => p.status === 'present'),
    ).toBe(true);
    expect(res.body.status).toBe('done');

    const commit = await call('POST', `/api/ingest/${res.body.id}/commit`, { decisions: [] }, curator);
    expect(commit.status).toBe(200);
    expect(commit.body.written).toMatchObject({ sources: [], created: [], cited: [], links: [] });
    const accepting = again[0]!.proposals.find((p) => p.status === 'present')!;
    const refused = await call(
      'POST',
      `/api/ingest/${res.body.id}/commit`,
      { decisions: [{ proposal: accepting.proposal, action: 'accept' }] },
      curator,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('already in the graph');
  });
});

describe('a commit that fails writes nothing', () => {
  const title = `Mechelen buys electric refuse trucks (${tag})`;
  const text = `${title}\n\n3 May 2022\n\nThe City of Mechelen purchased six electric refuse trucks with life-cycle costing in 2022. The trucks serve SDG 11.\n`;
  let batchId: string;
  let item: Item;

  const unchanged = async () => {
    expect(await sourceNamed(title)).toEqual([]);
    expect(await app.db.read('MATCH (n) WHERE n.id STARTS WITH "place-mechelen" OR n.id STARTS WITH "case-mechelen" RETURN n.id')).toEqual(
      [],
    );
    const batch = (await call('GET', `/api/ingest/${batchId}`, undefined, curator)).body;
    expect(batch.items[0].proposals.every((p: P & { committed?: unknown }) => p.status === 'pending' && !p.committed)).toBe(true);
    expect(batch.commits).toEqual([]);
  };

  beforeAll(async () => {
    const res = await call('POST', '/api/ingest', { text }, curator);
    if (res.status !== 201) throw new Error(`the batch was not made: ${res.status} ${res.text.slice(0, 500)}`);
    batchId = res.body.id;
    item = res.body.items[0];
  });

  it('when a decision names an unknown proposal, then 400 names it and nothing is written', async () => {
    const place = find(item, (p) => p.kind === 'place' && p.name === 'Mechelen', 'Mechelen');
    const res = await call(
      'POST',
      `/api/ingest/${batchId}/commit`,
      {
        decisions: [
          { proposal: place.proposal, action: 'accept' },
          { proposal: '9.99', action: 'accept' },
        ],
      },
      curator,
    );
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('decisions.1.proposal');
    await unchanged();
  });

  it('when an edit fails validation halfway through the writes, then 400 names it and nothing is written', async () => {
    const place = find(item, (p) => p.kind === 'place' && p.name === 'Mechelen', 'Mechelen');
    const draft = find(item, (p) => p.kind === 'case' && !p.id, 'a case draft');
    const res = await call(
      'POST',
      `/api/ingest/${batchId}/commit`,
      {
        decisions: [
          { proposal: place.proposal, action: 'accept' },
          { proposal: draft.proposal, action: 'edit', fields: { year: 3000 } },
        ],
      },
      curator,
    );
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(`proposals.${draft.proposal}.year`);
    expect(res.body.detail).toContain(draft.proposal);
    await unchanged();
    expect(await app.db.read('MATCH (c:Change) WHERE c.target STARTS WITH "place-mechelen" RETURN c.id')).toEqual([]);
  });

  it('when an edit changes a field its kind does not have, or a framework link has no case, then 400 and nothing is written', async () => {
    const goal = find(item, (p) => p.id === 'sdg-11', 'SDG 11');
    const wrongField = await call(
      'POST',
      `/api/ingest/${batchId}/commit`,
      { decisions: [{ proposal: goal.proposal, action: 'edit', fields: { country: 'BE' } }] },
      curator,
    );
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.field).toBe('decisions.0.fields.country');
    const noCase = await call(
      'POST',
      `/api/ingest/${batchId}/commit`,
      { decisions: [{ proposal: goal.proposal, action: 'accept' }] },
      curator,
    );
    expect(noCase.status).toBe(400);
    expect(noCase.body.detail).toContain('no case of the item is accepted');
    await unchanged();
  });

  it('when decisions are saved without a commit, then the batch remembers them and the graph is unchanged', async () => {
    // A batch of its own: the one above stays all pending for the other tests.
    const own = await call('POST', '/api/ingest', { text }, curator);
    onTestFinished(async () => {
      await app.db.write('MATCH (b:IngestBatch {id: $id}) DETACH DELETE b', { id: String(own.body?.id) });
    });
    expect(own.status).toBe(201);
    const place = find(own.body.items[0] as Item, (p) => p.kind === 'place' && p.name === 'Mechelen', 'Mechelen');
    const res = await call(
      'POST',
      `/api/ingest/${own.body.id}/decisions`,
      { decisions: [{ proposal: place.proposal, action: 'edit', fields: { name: 'Mechelen', placeType: 'city' } }] },
      curator,
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('open');
    expect(res.body.items[0].proposals.find((p: P) => p.proposal === place.proposal)).toMatchObject({
      status: 'edited',
      fields: { placeType: 'city' },
    });
    expect(await sourceNamed(title)).toEqual([]);
    expect(await app.db.read('MATCH (n) WHERE n.id STARTS WITH "place-mechelen" RETURN n.id')).toEqual([]);
  });
});

describe('the SDG classifier', () => {
  it('when a text is sent, then every goal is scored and the best carries its evidence', async () => {
    const res = await call('POST', '/api/sdgs/classify', {
      text: 'The programme builds latrines and brings safe drinking water to every village school.',
    });
    expect(res.status).toBe(200);
    expect(res.body.sdgs).toHaveLength(17);
    expect(res.body.sdgs[0]).toMatchObject({ number: 6, assigned: true });
    expect(res.body.sdgs[0].evidence.length).toBeGreaterThan(0);
    expect(Array.isArray(res.body.targets)).toBe(true);
  });

  it('when the text is empty, missing or too long, then a problem names the field', async () => {
    for (const body of [{ text: '' }, { text: '  \n ' }, {}, { text: 12 }]) {
      const res = await call('POST', '/api/sdgs/classify', body);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('text');
    }
    const long = await call('POST', '/api/sdgs/classify', { text: 'water '.repeat(10_000) });
    expect(long.status).toBe(413);
    expect(long.body).toMatchObject({ field: 'text', limit: 50_000 });
  });

  it('when an address sends more than its limit a minute, then 429 with Retry-After', async () => {
    const limited = await startTestApp({ RATE_LIMIT_CLASSIFY_PER_MINUTE: '2' });
    try {
      const send = () =>
        fetch(`${limited.url}/api/sdgs/classify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'Clean water.' }),
        });
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(200);
      const third = await send();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('when the OpenAPI document is read, then it declares the classifier and the review endpoints', async () => {
    const doc = (await call('GET', '/api/openapi.json')).body;
    expect(doc.paths['/api/v1/sdgs/classify'].post).toBeDefined();
    expect(doc.paths['/api/v1/ingest'].post['x-required-role']).toBe('curator');
    expect(doc.paths['/api/v1/ingest/{batch}'].get).toBeDefined();
    expect(doc.paths['/api/v1/ingest/{batch}/commit'].post).toBeDefined();
  });
});

describe('the review pages', () => {
  const MALICIOUS = `<script>alert("t${tag}")</script> Ghent & <img src=x onerror=alert(1)> buys buses`;
  let cookie: string;
  /** The queue page as the signed-in curator opens it, and the CSRF token its form carries. */
  const queuePage = async () => {
    const res = await call('GET', '/curate/ingest', undefined, { cookie, accept: 'text/html' });
    return { res, csrf: /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] };
  };

  beforeAll(async () => {
    const signin = await form('/signin', { name: curatorName, password: PASSWORD });
    if (signin.status !== 303) throw new Error(`the curator could not sign in: ${signin.status} ${signin.text.slice(0, 500)}`);
    cookie = signin.headers
      .getSetCookie()
      .find((c) => c.startsWith('pa_session='))!
      .split(';')[0]!;
  });

  it('when a curator opens the queue, then the form carries a CSRF token and the page has no inline script', async () => {
    const { res, csrf } = await queuePage();
    expect(res.status).toBe(200);
    expect(csrf).toMatch(/\S/);
    expect(res.text).toContain('action="/curate/ingest"');
    expect(res.text).toContain('<script src="/static/ingest.js" defer></script>');
    expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(res.text).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('when the form is posted without its CSRF token, then 403', async () => {
    const res = await form('/curate/ingest', { text: `${MALICIOUS}\n\nThe City of Gent bought buses.` }, { cookie });
    expect(res.status).toBe(403);
  });

  it('when a case draft is edited, then only what concerns it is checked: an undecided place it names is fine, a year out of range is not, whatever else is accepted', async () => {
    const res = await call(
      'POST',
      '/api/ingest',
      { text: 'The city of Kotka in Finland bought electric buses in 2021 under Pathway 7, reducing emissions.', date: '2021-07-07' },
      curator,
    );
    expect(res.status).toBe(201);
    onTestFinished(async () => {
      await app.db.write('MATCH (b:IngestBatch {id: $id}) DETACH DELETE b', { id: String(res.body.id) });
    });
    const location = `/curate/ingest/${String(res.body.id)}`;
    const proposals = res.body.items[0].proposals as P[];
    const draft = proposals.find((p) => p.kind === 'case' && !p.id)!;
    const kotka = proposals.find((p) => p.kind === 'place' && p.name === 'Kotka')!;
    expect(kotka.status).toBe('pending');
    // A proposal the commit would refuse (a pathway with no case accepted) is decided first.
    const pathway = proposals.find((p) => p.id === 'pathway-7')!;
    expect(
      (
        await call(
          'POST',
          `/api/ingest/${res.body.id}/decisions`,
          { decisions: [{ proposal: pathway.proposal, action: 'accept' }] },
          curator,
        )
      ).status,
    ).toBe(200);
    const csrf = (await queuePage()).csrf!;
    const editUrl = `${location}/proposals/${draft.proposal}`;
    const farYear = await form(editUrl, { _csrf: csrf, name: `Kotka buses ${tag}`, places: 'Kotka', year: '3000' }, { cookie });
    expect(farYear.status).toBe(400);
    expect(farYear.text).toContain('year: ');
    const saved = await form(editUrl, { _csrf: csrf, name: `Kotka buses ${tag}`, places: 'Kotka', year: '2021' }, { cookie });
    expect(saved.status).toBe(303);
    const batch = (await call('GET', `/api/ingest/${res.body.id}`, undefined, curator)).body;
    expect(batch.items[0].proposals.find((p: P) => p.proposal === draft.proposal)).toMatchObject({
      status: 'edited',
      fields: { name: `Kotka buses ${tag}` },
    });
    expect(await app.db.read('MATCH (c:Case) WHERE c.name = $name RETURN c.id', { name: `Kotka buses ${tag}` })).toEqual([]);

    // A place it names that the commit would refuse as it stands (no country) does not hide the draft's own fault.
    const other = await call(
      'POST',
      '/api/ingest',
      { text: 'The town of Zzyxville in Belgium bought 40 electric buses in 2021 through a green public procurement tender.' },
      curator,
    );
    expect(other.status).toBe(201);
    onTestFinished(async () => {
      await app.db.write('MATCH (b:IngestBatch {id: $id}) DETACH DELETE b', { id: String(other.body.id) });
    });
    const zDraft = (other.body.items[0].proposals as P[]).find((p) => p.kind === 'case' && !p.id)!;
    const zYear = await form(
      `/curate/ingest/${String(other.body.id)}/proposals/${zDraft.proposal}`,
      { _csrf: csrf, year: '3000' },
      { cookie },
    );
    expect(zYear.status).toBe(400);
    expect(zYear.text).toContain('year: ');
  });

  it('when a text with markup in its title is ingested through the form, then the batch page shows it escaped, beside its highlighted proposals', async () => {
    const text = `${MALICIOUS}\n\n12 March 2021\n\nThe City of Gent <b onmouseover=alert(2)>procured</b> electric buses through a dynamic purchasing system.\n`;
    const csrf = (await queuePage()).csrf!;
    const posted = await form('/curate/ingest', { text, _csrf: csrf }, { cookie });
    expect(posted.status).toBe(303);
    const location = posted.headers.get('location')!;
    onTestFinished(async () => {
      await app.db.write('MATCH (b:IngestBatch {id: $id}) DETACH DELETE b', { id: location.slice('/curate/ingest/'.length) });
    });
    onTestFinished(undoCommits);
    expect(location).toMatch(/^\/curate\/ingest\/batch-/);
    const page = await call('GET', location, undefined, { cookie, accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(`<script>alert("t${tag}")`);
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).not.toContain('<b onmouseover');
    expect(page.text).toContain(`&lt;script&gt;alert(&#34;t${tag}&#34;)&lt;/script&gt;`);
    expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page.text).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    expect(page.text).toMatch(/<mark class="[^"]*kind-place[^"]*"(?: id="m-1\.\d+")? title="[^"]*">Gent<\/mark>/);
    expect(page.text).toContain('name="_csrf"');
    const batch = (await call('GET', `/api/${location.slice('/curate/'.length)}`, undefined, curator)).body;
    const ghent = batch.items[0].proposals.find((p: P) => p.id === 'place-ghent');
    // The proposal links to its first mention in the text, which carries the anchor.
    expect(page.text).toContain(`href="#m-${ghent.proposal}"`);
    expect(page.text).toMatch(new RegExp(`<mark [^>]*id="m-${ghent.proposal.replace('.', '\\.')}"[^>]*>G(?:h)?ent</mark>`));

    // Edit the case draft on its own page (escaped there too), accept Ghent, reject the rest, and commit.
    const draft = batch.items[0].proposals.find((p: P) => p.kind === 'case' && !p.id);
    const editUrl = `${location}/proposals/${draft.proposal}`;
    // "Edit and accept…" first saves the page's decisions, then opens the proposal's own page.
    expect(page.text).toMatch(new RegExp(`formaction="${location}/decisions" name="edit" value="${draft.proposal.replace('.', '\\.')}"`));
    const viaEdit = await form(
      `${location}/decisions`,
      { _csrf: csrf, [`d_${ghent.proposal}`]: 'accept', edit: draft.proposal },
      { cookie },
    );
    expect(viaEdit.status).toBe(303);
    expect(viaEdit.headers.get('location')).toBe(editUrl);
    const kept = (await call('GET', `/api/${location.slice('/curate/'.length)}`, undefined, curator)).body;
    expect(kept.items[0].proposals.find((p: P) => p.proposal === ghent.proposal).status).toBe('accepted');
    const editPage = await call('GET', editUrl, undefined, { cookie, accept: 'text/html' });
    expect(editPage.status).toBe(200);
    expect(editPage.text).not.toContain(`<script>alert("t${tag}")`);
    expect(editPage.text).toContain('name="summary"');
    expect(editPage.text).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    const badYear = await form(editUrl, { _csrf: csrf, year: 'soon' }, { cookie });
    expect(badYear.status).toBe(400);
    expect(badYear.text).toContain('year');
    // What the commit would refuse is refused when the edit is saved, naming the field, and not kept.
    const farYear = await form(editUrl, { _csrf: csrf, name: `Ghent e-buses ${tag}`, places: 'Ghent', year: '3000' }, { cookie });
    expect(farYear.status).toBe(400);
    expect(farYear.text).toMatch(/Not saved: Item 1, proposal [\d.]+ \(Ghent e-buses [^)]*\): year: /);
    const unsaved = (await call('GET', `/api/${location.slice('/curate/'.length)}`, undefined, curator)).body;
    expect(unsaved.items[0].proposals.find((p: P) => p.proposal === draft.proposal).fields?.year).toBeUndefined();
    const edited = await form(editUrl, { _csrf: csrf, name: `Ghent e-buses ${tag}`, places: 'Ghent' }, { cookie });
    expect(edited.status).toBe(303);
    expect(edited.headers.get('location')).toBe(`${location}?page=1#p-${draft.proposal}`);
    const saved = (await call('GET', `/api/${location.slice('/curate/'.length)}`, undefined, curator)).body;
    expect(saved.items[0].proposals.find((p: P) => p.proposal === draft.proposal)).toMatchObject({
      status: 'edited',
      fields: { name: `Ghent e-buses ${tag}`, places: ['Ghent'] },
    });
    expect(await app.db.read('MATCH (c:Case) WHERE c.name = $name RETURN c.id', { name: `Ghent e-buses ${tag}` })).toEqual([]);

    const committed = await form(`${location}/commit`, { _csrf: csrf, [`d_${ghent.proposal}`]: 'accept', undecided: 'reject' }, { cookie });
    expect(committed.status).toBe(303);
    expect(committed.headers.get('location')).toBe(`${location}?page=1&notice=committed`);
    const after = (await call('GET', `/api/${location.slice('/curate/'.length)}`, undefined, curator)).body;
    remember(after.commits[0]);
    const sid = after.items[0].source.id;
    expect(after.commits[0].cited).toEqual(['place-ghent']);
    expect(after.items[0].proposals.filter((p: P) => p.status === 'pending')).toEqual([]);
    expect(
      await app.db.read('MATCH (:Place {id: "place-ghent"})-[:REPORTED_IN]->(s:Source {id: $sid}) RETURN s.title AS title', { sid }),
    ).toEqual([{ title: MALICIOUS }]);
    const [written] = await app.db.read(
      'MATCH (c:Case)-[:REPORTED_IN]->(:Source {id: $sid}) RETURN c.name AS name, [(c)-[:LOCATED_IN]->(p) | p.id] AS places',
      { sid },
    );
    expect(written).toEqual({ name: `Ghent e-buses ${tag}`, places: ['place-ghent'] });
    const shown = await call('GET', `${location}?notice=committed`, undefined, { cookie, accept: 'text/html' });
    expect(shown.text).toContain('Written as <a href="/nodes/place-ghent">place-ghent</a>');
    expect(shown.text).toContain('Committed: 2 node(s) created, 1 now cite their item');
  });
});
