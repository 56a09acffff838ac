import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/data/database.js';
import { DomainError } from '../../src/domain/errors.js';
import { loadIngestContext } from '../../src/domain/ingest/extract/context.js';
import { proposeFromText } from '../../src/domain/ingest/ingest.js';
import { testConfig, testDb } from '../helpers/env.js';
import { seedGraphContext } from '../unit/ingest-helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

let db: Database;
let dir: string;
beforeAll(() => {
  db = testDb();
  dir = mkdtempSync(path.join(tmpdir(), 'ingest-cli-'));
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const FEED = `Ghent buys fair laptops

4 May 2021

The City of Gent bought 2,000 laptops through the Make ICT Fair project, worth EUR 1.5 million. The tender supports SDG 12.

Oslo tests electric diggers

3 May 2021

Oslo tested zero-emission construction sites with the Big Buyers Initiative.
`;

/** Runs the command as a person would, against the test run's Neo4j. */
async function ingestCli(args: string[]) {
  const c = testConfig();
  const env = {
    ...process.env,
    NEO4J_URI: c.NEO4J_URI!,
    NEO4J_USERNAME: c.NEO4J_USERNAME,
    NEO4J_PASSWORD: c.NEO4J_PASSWORD ?? '',
    NEO4J_DATABASE: c.NEO4J_DATABASE ?? '',
  };
  if (!c.NEO4J_DATABASE) delete (env as Record<string, string | undefined>).NEO4J_DATABASE;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', ...args], {
      cwd: root,
      env,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('ingest: the graph context and the command', () => {
  it('when the context is loaded from Neo4j, then it holds every seed name, the pathways with their goals, and the targets', async () => {
    const fromGraph = await loadIngestContext(db);
    const fromSeeds = seedGraphContext();
    const loaded = new Map(fromGraph.names.map((n) => [n.id, n]));
    for (const n of fromSeeds.names) {
      // A place carries its country too.
      const expected = { kind: n.kind, name: n.name, altNames: n.altNames, ...(n.kind === 'place' ? { country: n.country } : {}) };
      expect({ id: n.id, loaded: loaded.get(n.id) }).toMatchObject({ id: n.id, loaded: expected });
    }
    expect(fromGraph.pathways.map((p) => [p.number, [...p.goals].sort((a, b) => a - b)])).toEqual(
      fromSeeds.pathways.map((p) => [p.number, [...p.goals].sort((a, b) => a - b)]),
    );
    expect(fromGraph.targets).toHaveLength(169);
    expect(new Set(fromGraph.targets)).toEqual(new Set(fromSeeds.targets));
  });

  it('when text is proposed against the graph, then known names carry graph ids; empty text is refused', async () => {
    const { items } = await proposeFromText(db, FEED);
    expect(items.map((i) => [i.title, i.date])).toEqual([
      ['Ghent buys fair laptops', '2021-05-04'],
      ['Oslo tests electric diggers', '2021-05-03'],
    ]);
    expect(items[0]!.proposals.find((p) => p.kind === 'place')!.id).toBe('place-ghent');
    await expect(proposeFromText(db, '   ')).rejects.toThrow(DomainError);
  });

  it('when the command runs with --json, then it prints the items and proposals as JSON and writes nothing', async () => {
    const file = path.join(dir, 'feed.txt');
    writeFileSync(file, FEED);
    const before = await db.read('MATCH (n) RETURN count(n) AS n');
    const { code, stdout } = await ingestCli(['--json', file]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      items: { title: string; date: string; proposals: { kind: string; id?: string; confidence: number; evidence: string }[] }[];
    };
    expect(out.items).toHaveLength(2);
    const [ghent, oslo] = out.items;
    expect(ghent!.proposals.filter((p) => p.id).map((p) => p.id)).toEqual(
      expect.arrayContaining(['place-ghent', 'initiative-make-ict-fair', 'sdg-12']),
    );
    expect(ghent!.proposals.find((p) => p.id === 'sdg-12')!.confidence).toBe(1);
    expect(oslo!.proposals.map((p) => p.id)).toEqual(
      expect.arrayContaining(['place-oslo', 'initiative-big-buyers', 'approach-zero-emission-construction-sites']),
    );
    expect(await db.read('MATCH (n) RETURN count(n) AS n')).toEqual(before);
  });

  it('when the command runs without --json, then it prints a summary per item; a missing file is one clear line', async () => {
    const file = path.join(dir, 'feed.txt');
    writeFileSync(file, FEED);
    const readable = await ingestCli([file]);
    expect(readable.code).toBe(0);
    expect(readable.stdout).toContain('1. Ghent buys fair laptops — 2021-05-04');
    expect(readable.stdout).toMatch(/Places: Ghent \[place-ghent\]/);
    expect(readable.stdout).toContain('Amounts: EUR 1.5 million');
    const missing = await ingestCli(['--json', path.join(dir, 'nope.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`Error: There is no file ${path.join(dir, 'nope.txt')}.`);
  });
});
