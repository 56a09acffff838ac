import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { startTestApp, type TestApp } from '../helpers/env.js';

let app: TestApp;
let curator: Record<string, string>;
let reader: Record<string, string>;
const accounts: string[] = [];
const tag = randomUUID().slice(0, 8);
const made: string[] = [];

async function tokenFor(role: 'curator' | 'admin' | 'reader'): Promise<Record<string, string>> {
  const account = await createAccount(app.db, { name: `t${role}${tag}`, role, password: `a long enough passphrase ${tag}` });
  accounts.push(account.id);
  const { token } = await createToken(app.db, account.id, { name: 'tests' });
  return { authorization: `Bearer ${token}` };
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, {
    method,
    redirect: 'manual',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined,
    text,
  };
}

const id = (name: string) => {
  const value = `${name}-${tag}`;
  made.push(value);
  return value;
};

async function form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The hidden fields of the form that posts to `action`, as the browser would send them. */
function formFieldsOf(page: string, action: string): Record<string, string> {
  const start = page.indexOf(`action="${action}"`);
  const html = page.slice(start, page.indexOf('</form>', start));
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

const newCase = (caseId: string) => ({
  kind: 'case',
  id: caseId,
  name: `Test case ${caseId}`,
  summary: 'A municipality bought electric buses.',
  year: 2021,
  sources: ['src-basque-declaration'],
});

beforeAll(async () => {
  app = await startTestApp();
  curator = await tokenFor('curator');
  reader = await tokenFor('reader');
});

afterAll(async () => {
  await app.db.write('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', { ids: made });
  await app.db.write('MATCH (c:Change) WHERE c.by = $by OR NOT (c)-[:CHANGED]->() DETACH DELETE c', { by: `tcurator${tag}` });
  for (const a of accounts) await removeAccount(app.db, a);
  await app.close();
});

describe('who may write', () => {
  const writes: [string, string, unknown][] = [
    ['POST', '/api/nodes', newCase('case-never')],
    ['PATCH', '/api/nodes/case-geestland-led-street-lighting', { name: 'x' }],
    ['DELETE', '/api/nodes/case-geestland-led-street-lighting', undefined],
    ['POST', '/api/nodes/case-geestland-led-street-lighting/restore', undefined],
    ['POST', '/api/links', { from: 'case-geestland-led-street-lighting', type: 'ABOUT_THEME', to: 'theme-food' }],
    ['DELETE', '/api/links', { from: 'case-geestland-led-street-lighting', type: 'ILLUSTRATES', to: 'pathway-12' }],
    ['POST', '/api/merge', { survivor: 'place-ghent', duplicate: 'place-geestland' }],
    ['POST', `/api/changes/change-${randomUUID()}/revert`, undefined],
    ['GET', '/api/duplicates', undefined],
  ];

  it.each(writes)('when anonymous, then %s %s is refused with 401', async (method, path, body) => {
    const res = await call(method, path, body);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it.each(writes)('when signed in without the curator role, then %s %s is refused with 403', async (method, path, body) => {
    const res = await call(method, path, body, reader);
    expect(res.status).toBe(403);
  });

  it('when a curator writes, then it is allowed', async () => {
    const res = await call('POST', '/api/nodes', newCase(id('case-allowed')), curator);
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
  });
});

describe('creating and editing', () => {
  it('when a case is created, then readers see it with its source, and its history says who made it', async () => {
    const caseId = id('case-created');
    expect((await call('POST', '/api/nodes', newCase(caseId), curator)).status).toBe(201);
    const read = await call('GET', `/api/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body.sources.map((s: { id: string }) => s.id)).toEqual(['src-basque-declaration']);
    expect(read.body).toMatchObject({ version: 1, createdBy: `tcurator${tag}` });
    const history = await call('GET', `/api/nodes/${caseId}/history`);
    expect(history.body.changes[0]).toMatchObject({ action: 'create', by: `tcurator${tag}` });
  });

  it('when a field is missing, then 400 names it and nothing is written', async () => {
    const caseId = id('case-invalid');
    const { summary: _s, ...body } = newCase(caseId);
    const res = await call('POST', '/api/nodes', body, curator);
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('summary');
    expect((await call('GET', `/api/cases/${caseId}`)).status).toBe(404);
  });

  it('when the source does not exist, then 400 and nothing is written', async () => {
    const caseId = id('case-bad-source');
    const res = await call('POST', '/api/nodes', { ...newCase(caseId), sources: ['src-nowhere'] }, curator);
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('sources');
    expect((await call('GET', `/api/cases/${caseId}`)).status).toBe(404);
  });

  it('when an edit is based on the current version, then it applies and the version grows', async () => {
    const caseId = id('case-edit');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    const res = await call('PATCH', `/api/nodes/${caseId}`, { summary: 'Changed summary.' }, { ...curator, 'if-match': '"1"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect((await call('GET', `/api/cases/${caseId}`)).body.summary).toBe('Changed summary.');
  });

  it('when an edit is based on an old version, then 409 and nothing is overwritten', async () => {
    const caseId = id('case-stale');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    await call('PATCH', `/api/nodes/${caseId}`, { summary: 'First edit.' }, { ...curator, 'if-match': '"1"' });
    const stale = await call('PATCH', `/api/nodes/${caseId}`, { summary: 'Stale edit.' }, { ...curator, 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect((await call('GET', `/api/cases/${caseId}`)).body.summary).toBe('First edit.');
  });

  it('when an edit names no version, then 428', async () => {
    const res = await call('PATCH', '/api/nodes/case-geestland-led-street-lighting', { summary: 'x' }, curator);
    expect(res.status).toBe(428);
  });

  it('when an edit breaks the schema, then 400 names the field', async () => {
    const caseId = id('case-edit-invalid');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    const res = await call('PATCH', `/api/nodes/${caseId}`, { year: 'last year' }, { ...curator, 'if-match': '"1"' });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('year');
  });

  it('when a change is reverted, then the node is as it was before', async () => {
    const caseId = id('case-revert');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    const before = (await call('GET', `/api/cases/${caseId}`)).body;
    await call(
      'PATCH',
      `/api/nodes/${caseId}`,
      { summary: 'Wrong summary.', outcome: 'An outcome that should go.' },
      { ...curator, 'if-match': '"1"' },
    );
    const history = (await call('GET', `/api/nodes/${caseId}/history`)).body.changes;
    const update = history.find((c: { action: string }) => c.action === 'update');
    expect(update.before.summary).toBe(before.summary);
    expect(update.after.summary).toBe('Wrong summary.');
    const res = await call('POST', `/api/changes/${update.id}/revert`, undefined, curator);
    expect(res.status).toBe(200);
    const after = (await call('GET', `/api/cases/${caseId}`)).body;
    expect(after.summary).toBe(before.summary);
    expect(after.outcome).toBeUndefined();
  });
});

describe('deleting', () => {
  it('when a node is deleted, then readers no longer see it, and a restore brings it back with its links', async () => {
    const caseId = id('case-delete');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    const link = await call(
      'POST',
      '/api/links',
      { from: caseId, type: 'ILLUSTRATES', to: 'pathway-12', sources: ['src-basque-declaration'] },
      curator,
    );
    expect(link.body.fromVersion).toBe(2);
    const del = await call('DELETE', `/api/nodes/${caseId}`, undefined, { ...curator, 'if-match': '"2"' });
    expect(del.status).toBe(200);
    expect(del.headers.get('etag')).toBe('"3"');
    expect((await call('GET', `/api/cases/${caseId}`)).status).toBe(404);
    const p12 = await call('GET', '/api/pathways/12/cases?limit=100');
    expect(p12.body.cases.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect((await call('POST', `/api/nodes/${caseId}/restore`, undefined, { ...curator, 'if-match': '"3"' })).status).toBe(200);
    const back = await call('GET', `/api/cases/${caseId}`);
    expect(back.body.pathways.map((p: { number: number }) => p.number)).toContain(12);
  });

  it('when a delete is based on a version from before an edit, then 409 and the node stays', async () => {
    const caseId = id('case-delete-stale');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    await call('PATCH', `/api/nodes/${caseId}`, { summary: 'Edited first.' }, { ...curator, 'if-match': '"1"' });
    const del = await call('DELETE', `/api/nodes/${caseId}`, undefined, { ...curator, 'if-match': '"1"' });
    expect(del.status).toBe(409);
    expect(del.body).toMatchObject({ currentVersion: 2, yourVersion: 1 });
    expect((await call('GET', `/api/cases/${caseId}`)).status).toBe(200);
  });

  it('when a restore names no version or an old one, then 428 or 409 and the node stays deleted', async () => {
    const caseId = id('case-restore-version');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    expect((await call('DELETE', `/api/nodes/${caseId}`, undefined, { ...curator, 'if-match': '"1"' })).status).toBe(200);
    expect((await call('POST', `/api/nodes/${caseId}/restore`, undefined, curator)).status).toBe(428);
    const stale = await call('POST', `/api/nodes/${caseId}/restore`, undefined, { ...curator, 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2, state: 'deleted' });
    expect((await call('GET', `/api/cases/${caseId}`)).status).toBe(404);
  });

  it('when an edit is based on the version before a delete, then 409 says the node was deleted', async () => {
    const caseId = id('case-edit-deleted');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    await call('DELETE', `/api/nodes/${caseId}`, undefined, { ...curator, 'if-match': '"1"' });
    const res = await call('PATCH', `/api/nodes/${caseId}`, { summary: 'Too late.' }, { ...curator, 'if-match': '"1"' });
    expect(res.status).toBe(409);
    expect(res.body.state).toBe('deleted');
  });

  it('when a pathway is deleted, then 400: the framework is fixed', async () => {
    const res = await call('DELETE', '/api/nodes/pathway-12', undefined, { ...curator, 'if-match': '"0"' });
    expect(res.status).toBe(400);
  });
});

describe('links', () => {
  it('when a link has a source, then it carries it and who added it; without one it is unverified', async () => {
    const caseId = id('case-links');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    const sourced = await call(
      'POST',
      '/api/links',
      { from: caseId, type: 'ABOUT_THEME', to: 'theme-food', sources: ['src-basque-declaration'], basis: 'curated' },
      curator,
    );
    expect(sourced.status).toBe(201);
    expect(sourced.body).toMatchObject({ basis: 'curated', unverified: false, addedBy: `tcurator${tag}` });
    const bare = await call('POST', '/api/links', { from: caseId, type: 'LOCATED_IN', to: 'place-ghent' }, curator);
    expect(bare.body).toMatchObject({ basis: 'unverified', unverified: true });
    const read = (await call('GET', `/api/cases/${caseId}`)).body;
    expect(read.places[0]).toMatchObject({ id: 'place-ghent', basis: 'unverified' });
  });

  it('when a link points to a node that does not exist, then 404 and nothing is written', async () => {
    const caseId = id('case-link-missing');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    const res = await call('POST', '/api/links', { from: caseId, type: 'LOCATED_IN', to: 'place-atlantis', sources: [] }, curator);
    expect(res.status).toBe(404);
    expect((await call('GET', `/api/cases/${caseId}`)).body.links).toEqual([]);
  });

  it('when a link is added or removed, then both ends get a new version, and a stale fromVersion or toVersion is refused with 409', async () => {
    const caseId = id('case-link-versions');
    const theme = id('theme-link-versions');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    await call('POST', '/api/nodes', { kind: 'theme', id: theme, name: `Link versions ${tag}` }, curator);
    const added = await call('POST', '/api/links', { from: caseId, type: 'ABOUT_THEME', to: theme, fromVersion: 1, toVersion: 1 }, curator);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ fromVersion: 2, toVersion: 2 });
    const stale = await call(
      'DELETE',
      '/api/links',
      { from: caseId, type: 'ABOUT_THEME', to: theme, fromVersion: 2, toVersion: 1 },
      curator,
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ id: theme, currentVersion: 2, yourVersion: 1 });
    expect((await call('GET', `/api/cases/${caseId}`)).body.themes.map((t: { id: string }) => t.id)).toContain(theme);
    const edit = await call(
      'PATCH',
      `/api/nodes/${caseId}`,
      { summary: 'Based on the version before the link.' },
      { ...curator, 'if-match': '"1"' },
    );
    expect(edit.status).toBe(409);
    const removed = await call(
      'DELETE',
      '/api/links',
      { from: caseId, type: 'ABOUT_THEME', to: theme, fromVersion: 2, toVersion: 2 },
      curator,
    );
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ removed: true, fromVersion: 3, toVersion: 3 });
    expect((await call('GET', `/api/cases/${caseId}`)).headers.get('etag')).toBe('"3"');
  });

  it('when a link version is not a whole number, then 400 names the field', async () => {
    const res = await call(
      'POST',
      '/api/links',
      { from: 'case-geestland-led-street-lighting', type: 'ABOUT_THEME', to: 'theme-food', fromVersion: '"2"' },
      curator,
    );
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('fromVersion');
  });

  it('when a link type does not fit the kinds, then 400 names the type', async () => {
    const res = await call('POST', '/api/links', { from: 'place-ghent', type: 'ILLUSTRATES', to: 'pathway-12' }, curator);
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('type');
  });
});

describe('duplicates and merging', () => {
  it('suggests a place recorded under two spellings', async () => {
    const gent = id('place-gent');
    await call(
      'POST',
      '/api/nodes',
      { kind: 'place', id: gent, name: 'Gent', placeType: 'city', country: 'BE', sources: ['src-basque-declaration'] },
      curator,
    );
    const res = await call('GET', '/api/duplicates?kind=place', undefined, curator);
    const pair = res.body.pairs.find((p: { a: string; b: string }) => [p.a, p.b].includes(gent) && [p.a, p.b].includes('place-ghent'));
    expect(pair.reasons.join(' ')).toMatch(/same name or alternate name/);
  });

  it('when two nodes are merged, then every link, source and name survives and the old id redirects', async () => {
    const keep = id('place-keep');
    const dup = id('place-dup');
    const caseA = id('case-merge-a');
    const caseB = id('case-merge-b');
    await call(
      'POST',
      '/api/nodes',
      { kind: 'place', id: keep, name: 'Vitoria-Gasteiz', placeType: 'city', country: 'ES', sources: ['src-basque-declaration'] },
      curator,
    );
    await call(
      'POST',
      '/api/nodes',
      {
        kind: 'place',
        id: dup,
        name: 'Gasteiz',
        altNames: ['Vitoria'],
        placeType: 'city',
        country: 'ES',
        sources: ['src-15-pathways-2019'],
      },
      curator,
    );
    await call('POST', '/api/nodes', newCase(caseA), curator);
    await call('POST', '/api/nodes', newCase(caseB), curator);
    await call('POST', '/api/links', { from: caseA, type: 'LOCATED_IN', to: keep, sources: ['src-basque-declaration'] }, curator);
    await call('POST', '/api/links', { from: caseA, type: 'LOCATED_IN', to: dup, sources: ['src-15-pathways-2019'] }, curator);
    await call('POST', '/api/links', { from: caseB, type: 'LOCATED_IN', to: dup, sources: ['src-15-pathways-2019'] }, curator);
    await call(
      'POST',
      '/api/links',
      { from: 'initiative-procura-plus', type: 'HAS_PARTICIPANT', to: dup, sources: ['src-15-pathways-2019'] },
      curator,
    );

    const versions = { survivorVersion: 2, duplicateVersion: 4 };
    expect((await call('POST', '/api/merge', { survivor: keep, duplicate: dup }, curator)).status).toBe(428);
    const stale = await call('POST', '/api/merge', { survivor: keep, duplicate: dup, ...versions, duplicateVersion: 1 }, curator);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ id: dup, currentVersion: 4, yourVersion: 1 });
    const res = await call('POST', '/api/merge', { survivor: keep, duplicate: dup, ...versions }, curator);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 3, duplicateVersion: 5 });
    expect((await call('GET', `/api/cases/${caseB}`)).headers.get('etag')).toBe('"3"');
    const late = await call('PATCH', `/api/nodes/${dup}`, { name: 'Gasteiz (edited late)' }, { ...curator, 'if-match': '"4"' });
    expect(late.status).toBe(409);
    expect(late.body.state).toBe('merged');

    const place = (await call('GET', `/api/places/${keep}`)).body;
    expect(place.altNames).toEqual(expect.arrayContaining(['Gasteiz', 'Vitoria']));
    expect(place.sources.map((s: { id: string }) => s.id).sort()).toEqual(['src-15-pathways-2019', 'src-basque-declaration']);
    expect(place.cases.map((c: { id: string }) => c.id).sort()).toEqual([caseA, caseB].sort());
    expect(place.initiatives.map((i: { id: string }) => i.id)).toContain('initiative-procura-plus');
    const linkA = (await call('GET', `/api/cases/${caseA}`)).body.places.find((p: { id: string }) => p.id === keep);
    expect(linkA.sources.map((s: { id: string }) => s.id).sort()).toEqual(['src-15-pathways-2019', 'src-basque-declaration']);

    const old = await call('GET', `/api/places/${dup}`);
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe(`/api/places/${keep}`);
    const page = await call('GET', `/places/${dup}`, undefined, { accept: 'text/html' });
    expect(page.status).toBe(301);
    const history = (await call('GET', `/api/nodes/${keep}/history`)).body.changes.map((c: { action: string }) => c.action);
    expect(history).toContain('merge');
  });
});

describe('history values', () => {
  it('when a case with a year is created and edited, then its history holds the year as a plain number', async () => {
    const caseId = id('case-history-year');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    await call('PATCH', `/api/nodes/${caseId}`, { year: 2022 }, { ...curator, 'if-match': '"1"' });
    const changes = (await call('GET', `/api/nodes/${caseId}/history`)).body.changes;
    const [update, create] = changes;
    expect(create.after.year).toBe(2021);
    expect(update.before.year).toBe(2021);
    expect(update.after.year).toBe(2022);
    expect(update.after.version).toBe(2);
    const [stored] = await app.db.read('MATCH (c:Change {id: $id}) RETURN c.after AS after', { id: update.id });
    expect(JSON.parse(String(stored!.after)).year).toBe(2022);
  });

  it('when history was stored with driver integers as objects, then it reads as plain numbers and the change still reverts', async () => {
    const caseId = id('case-history-old');
    await call('POST', '/api/nodes', newCase(caseId), curator);
    await call('PATCH', `/api/nodes/${caseId}`, { year: 2023, summary: 'Edited.' }, { ...curator, 'if-match': '"1"' });
    const update = (await call('GET', `/api/nodes/${caseId}/history`)).body.changes.find((c: { action: string }) => c.action === 'update');
    // The shape older versions stored: {low, high} for every integer property.
    const old = (v: Record<string, unknown>) =>
      JSON.stringify({ ...v, year: { low: v.year, high: 0 }, version: { low: v.version, high: 0 } });
    await app.db.write('MATCH (c:Change {id: $id}) SET c.before = $before, c.after = $after', {
      id: update.id,
      before: old(update.before),
      after: old(update.after),
    });
    const again = (await call('GET', `/api/nodes/${caseId}/history`)).body.changes.find((c: { id: string }) => c.id === update.id);
    expect(again.before).toMatchObject({ year: 2021, version: 1 });
    expect(again.after).toMatchObject({ year: 2023, version: 2 });
    expect((await call('POST', `/api/changes/${update.id}/revert`, undefined, curator)).status).toBe(200);
    expect((await call('GET', `/api/cases/${caseId}`)).body).toMatchObject({ year: 2021, summary: newCase(caseId).summary });
  });
});

describe('forms', () => {
  it('when a curator opens the edit form, then it lists the fields of the kind', async () => {
    const res = await call('GET', '/curate/case-geestland-led-street-lighting', undefined, { ...curator, accept: 'text/html' });
    expect(res.status).toBe(200);
    for (const field of ['name="summary"', 'name="year"', 'name="version"', 'name="_csrf"']) expect(res.text).toContain(field);
  });

  it('when a curator merges and deletes through the forms, then the versions the pages carry are accepted, and a page opened before a change is refused', async () => {
    const account = await createAccount(app.db, { name: `tform${tag}`, role: 'curator', password: `a long enough passphrase ${tag}` });
    accounts.push(account.id);
    const signin = await form('/signin', { name: `tform${tag}`, password: `a long enough passphrase ${tag}` });
    // With the start of the page, to show why on failure.
    expect({ status: signin.status, page: signin.text.slice(0, 500) }).toMatchObject({ status: 303 });
    const cookie = signin.headers
      .getSetCookie()
      .find((c) => c.startsWith('pa_session='))!
      .split(';')[0]!;
    const [one, two] = [id('place-form-a'), id('place-form-b')];
    expect(
      (
        await call(
          'POST',
          '/api/nodes',
          { kind: 'place', id: one, name: `Formtown ${tag}`, placeType: 'town', country: 'NL', sources: ['src-basque-declaration'] },
          curator,
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await call(
          'POST',
          '/api/nodes',
          { kind: 'place', id: two, name: `Formtown ${tag}`, placeType: 'town', country: 'NL', sources: ['src-basque-declaration'] },
          curator,
        )
      ).status,
    ).toBe(201);

    // The duplicates list offers the pair in either order; its preview names which one survives and carries both versions.
    const home = await call('GET', '/curate?kind=place', undefined, { cookie, accept: 'text/html' });
    expect({ status: home.status, page: home.text.slice(0, 3000) }).toMatchObject({ status: 200 });
    const keep = home.text.includes(`/curate/merge?survivor=${one}&amp;duplicate=${two}`) ? one : two;
    const dup = keep === one ? two : one;
    const previewPath = `/curate/merge?survivor=${keep}&duplicate=${dup}`;
    const merge = formFieldsOf((await call('GET', previewPath, undefined, { cookie, accept: 'text/html' })).text, '/curate/merge');
    expect(merge).toMatchObject({ survivor: keep, duplicate: dup, survivorVersion: '1', duplicateVersion: '1' });
    await call('PATCH', `/api/nodes/${dup}`, { altNames: [`Formdorp ${tag}`] }, { ...curator, 'if-match': '"1"' });
    expect((await form('/curate/merge', { ...merge, confirm: 'yes' }, { cookie })).status).toBe(409);

    const fresh = formFieldsOf((await call('GET', previewPath, undefined, { cookie, accept: 'text/html' })).text, '/curate/merge');
    expect(fresh.duplicateVersion).toBe('2');
    // Without the confirmation nothing is merged.
    expect((await form('/curate/merge', fresh, { cookie })).status).toBe(400);
    expect((await form('/curate/merge', { ...fresh, confirm: 'yes' }, { cookie })).status).toBe(303);
    expect((await call('GET', `/api/places/${keep}`)).body.altNames).toEqual([`Formdorp ${tag}`]);

    const edit = (await call('GET', `/curate/${keep}`, undefined, { cookie, accept: 'text/html' })).text;
    const del = formFieldsOf(edit, `/curate/${keep}/delete`);
    expect(del.version).toBe('2');
    expect((await form(`/curate/${keep}/delete`, { _csrf: del._csrf! }, { cookie })).status).toBe(428);
    expect((await form(`/curate/${keep}/delete`, del, { cookie })).status).toBe(303);
    expect((await call('GET', `/api/places/${keep}`)).status).toBe(404);
  });

  it('when anonymous, then the edit form is refused', async () => {
    const res = await call('GET', '/curate/case-geestland-led-street-lighting', undefined, { accept: 'text/html' });
    expect(res.status).toBe(401);
  });
});
