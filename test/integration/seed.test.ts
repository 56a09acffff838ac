import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/data/database.js';
import { loadSeeds, SeedError } from '../../src/domain/seed/load.js';
import { testDb } from '../helpers/env.js';

let db: Database;
beforeAll(() => {
  db = testDb();
});
afterAll(() => db.close());

async function count(query: string, params = {}): Promise<number> {
  const [row] = await db.read(query, params);
  return Number(row?.n);
}

async function graphCounts() {
  return {
    nodes: await count('MATCH (n) WHERE NOT n:GraphChange AND NOT n:ChangeFeed RETURN count(n) AS n'),
    rels: await count('MATCH ()-[r]->() RETURN count(r) AS n'),
  };
}

describe('the seed graph', () => {
  it('holds the 15 pathways in their three transformations', async () => {
    const rows = await db.read('MATCH (p:Pathway) RETURN p.transformation AS t, collect(p.number) AS numbers ORDER BY t');
    const byT = Object.fromEntries(rows.map((r) => [r.t, (r.numbers as number[]).sort((a, b) => a - b)]));
    expect(byT).toEqual({
      'socio-cultural': [1, 2, 3, 4, 5],
      'socio-economic': [6, 7, 8, 9, 10],
      technological: [11, 12, 13, 14, 15],
    });
  });

  it('holds the 17 goals with colours and 169 targets, each belonging to its goal', async () => {
    expect(await count('MATCH (g:Goal) WHERE g.colour =~ "#[0-9A-Fa-f]{6}" RETURN count(g) AS n')).toBe(17);
    expect(await count('MATCH (t:Target) RETURN count(t) AS n')).toBe(169);
    expect(
      await count('MATCH (t:Target)-[:BELONGS_TO]->(g:Goal) WHERE t.code STARTS WITH toString(g.number) + "." RETURN count(t) AS n'),
    ).toBe(169);
    const [t] = await db.read('MATCH (t:Target {code: "12.7"}) RETURN t.text AS text');
    expect(String(t?.text)).toMatch(/public procurement practices that are sustainable/i);
    const [g] = await db.read('MATCH (g:Goal {number: 12}) RETURN g.colour AS colour');
    expect(String(g?.colour).toUpperCase()).toBe('#BF8B2E');
  });

  it('aligns every pathway with at least one goal, with a rationale', async () => {
    expect(
      await count('MATCH (p:Pathway) WHERE EXISTS { (p)-[r:ALIGNS_WITH]->(:Goal) WHERE r.note IS NOT NULL } RETURN count(p) AS n'),
    ).toBe(15);
  });

  it.each([
    ['Geestland', 12],
    ['Rotterdam', 12],
    ['Ghent', 6],
    ['Udaltalde 21', 15],
  ])('links the %s case to Pathway %i with its news item as source', async (place, pathway) => {
    const rows = await db.read(
      `MATCH (c:Case)-[:LOCATED_IN]->(pl:Place {name: $place}), (c)-[r:ILLUSTRATES]->(p:Pathway {number: $pathway})
       MATCH (s:Source) WHERE s.id IN r.sources
       RETURN c.id AS id, collect(s.date) AS dates`,
      { place, pathway },
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]!.dates).toContain('2019-12-02');
  });

  it('links AI4Cities with the six buyers named in the news', async () => {
    const rows = await db.read(`MATCH (i:Initiative {name: 'AI4Cities'})-[:HAS_PARTICIPANT]->(p:Place) RETURN collect(p.name) AS names`);
    const names = rows[0]!.names as string[];
    for (const n of ['Helsinki', 'Copenhagen', 'Stavanger', 'Amsterdam', 'Tallinn']) expect(names).toContain(n);
    expect(names.some((n) => n.includes('Paris Region') || n.includes('le-de-France'))).toBe(true);
  });

  it('finds Ghent by its alternate name Gent', async () => {
    const rows = await db.read(`MATCH (p:Place) WHERE 'Gent' IN p.altNames RETURN p.name AS name`);
    expect(rows.map((r) => r.name)).toContain('Ghent');
  });

  it('ties every curated relationship to at least one existing source', async () => {
    const unsourced = await db.read(
      `MATCH (a)-[r]->(b) WHERE a:Entity AND b:Entity AND NOT type(r) IN ['BELONGS_TO', 'REPORTED_IN']
       AND (r.sources IS NULL OR size(r.sources) = 0 OR any(s IN r.sources WHERE NOT EXISTS { MATCH (:Source {id: s}) }))
       RETURN a.id AS a, type(r) AS t, b.id AS b LIMIT 5`,
    );
    expect(unsourced).toEqual([]);
    expect(await count('MATCH (c:Case) WHERE NOT (c)-[:REPORTED_IN]->(:Source) RETURN count(c) AS n')).toBe(0);
  });

  it('reports every news item of the newsletter as a source', async () => {
    const dates = (await db.read(`MATCH (s:Source {sourceType: 'news'}) RETURN s.date AS d`)).map((r) => r.d);
    for (const d of [
      '2020-01-15',
      '2020-01-08',
      '2019-12-17',
      '2019-12-13',
      '2019-12-10',
      '2019-12-05',
      '2019-12-03',
      '2019-12-02',
      '2019-11-26',
      '2019-11-25',
    ]) {
      expect(dates).toContain(d);
    }
  });
});

describe('loading seeds', () => {
  it('when loaded twice, then the counts are the same', async () => {
    const before = await graphCounts();
    await loadSeeds(db);
    await loadSeeds(db);
    expect(await graphCounts()).toEqual(before);
  });

  it('when a file has a bad record, then the error names the file, the record and the field, and nothing is written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-seed-'));
    writeFileSync(
      path.join(dir, 'good.yaml'),
      'sources:\n  - {id: src-test-good, title: Good, date: "2020-01-01", kind: news}\nthemes:\n  - {id: theme-test-only, name: Test theme}\n',
    );
    writeFileSync(
      path.join(dir, 'bad.yaml'),
      'cases:\n  - {id: case-test-ok, name: Fine, summary: Fine., sources: [src-test-good]}\n  - {id: case-test-bad, name: Broken, sources: [src-test-good]}\n',
    );
    const err = await loadSeeds(db, { dir }).catch((e) => e);
    expect(err).toBeInstanceOf(SeedError);
    expect(err.message).toMatch(/bad\.yaml: cases\[1\] \(case-test-bad\) field "summary"/);
    expect(await count('MATCH (n:Entity) WHERE n.id IN ["src-test-good", "theme-test-only", "case-test-ok"] RETURN count(n) AS n')).toBe(0);
  });

  it('when a link names an unknown node, then the error names the link and nothing is written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-seed-'));
    writeFileSync(
      path.join(dir, 'links.yaml'),
      'sources:\n  - {id: src-test-links, title: T, date: "2020-01-01", kind: news}\nlinks:\n  - {from: nowhere-case, type: ILLUSTRATES, to: pathway-12, source: src-test-links}\n',
    );
    const err = await loadSeeds(db, { dir }).catch((e) => e);
    expect(err).toBeInstanceOf(SeedError);
    expect(err.message).toMatch(/links\.yaml: links\[0\] \(nowhere-case ILLUSTRATES pathway-12\) field "from": no node/);
    expect(await count('MATCH (n:Entity {id: "src-test-links"}) RETURN count(n) AS n')).toBe(0);
  });
});
