import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sizeBand } from '../../src/domain/model/places.js';
import { caseProfileSchema } from '../../src/domain/model/profile.js';
import { cpvEntries, cpvEntry, toEuro } from '../../src/domain/model/vocabularies.js';
import { planSeed, readSeeds, SeedError } from '../../src/domain/seed/plan.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A seed folder with one source and one case whose profile is `profile` (YAML flow text). */
function seedWith(profile: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-profile-'));
  dirs.push(dir);
  writeFileSync(
    path.join(dir, 'case.yaml'),
    `sources:
  - { id: src-a, kind: web, title: A page, date: "2020" }
cases:
  - id: case-a
    name: A case
    summary: What was done.
    profile: ${profile}
    sources: [src-a]
`,
  );
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    planSeed(readSeeds(dir).files);
    return [];
  } catch (err) {
    if (err instanceof SeedError) return err.problems;
    throw err;
  }
}

describe('seed validation of case profiles', () => {
  it('accepts a profile whose every value names a source', () => {
    const dir = seedWith(
      '{ value: { amount: 200000, currency: DKK, year: 2014, sources: [src-a] }, cpv: { codes: [45210000-2], basis: curated, sources: [src-a] } }',
    );
    expect(problemsOf(dir)).toEqual([]);
  });

  it('refuses a profile value without a source', () => {
    const problems = problemsOf(seedWith('{ buyer: { organisation: Town hall } }'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/cases\[0\] \(case-a\) field "profile\.buyer\.sources"/);
  });

  it('refuses a profile value whose source is not a source of the graph', () => {
    const problems = problemsOf(seedWith('{ buyer: { organisation: Town hall, sources: [src-missing] } }'));
    expect(problems).toEqual([expect.stringMatching(/field "profile\.buyer\.sources": no source with id "src-missing"/)]);
  });

  it('refuses a currency that is not ISO 4217', () => {
    const problems = problemsOf(seedWith('{ value: { amount: 10, currency: EUROS, year: 2020, sources: [src-a] } }'));
    expect(problems).toEqual([expect.stringMatching(/profile\.value\.currency": must be an ISO 4217 currency code/)]);
    expect(problemsOf(seedWith('{ value: { amount: 10, currency: XYZ, year: 2020, sources: [src-a] } }'))).toHaveLength(1);
  });

  it('refuses a CPV code that does not exist, and one without its check digit', () => {
    const wrongDigit = problemsOf(seedWith('{ cpv: { codes: [45210000-3], basis: stated, sources: [src-a] } }'));
    expect(wrongDigit).toEqual([expect.stringMatching(/profile\.cpv\.codes\.0": is not a code of the CPV 2008 vocabulary/)]);
    const bare = problemsOf(seedWith('{ cpv: { codes: ["45210000"], basis: stated, sources: [src-a] } }'));
    expect(bare).toEqual([expect.stringMatching(/must be a CPV code with its check digit/)]);
  });

  it('refuses a contact that gives neither a public e-mail address nor a web page', () => {
    expect(problemsOf(seedWith('{ contact: { role: Procurement office, sources: [src-a] } }'))).toEqual([
      expect.stringMatching(/must give a public office e-mail address or a web page/),
    ]);
  });
});

describe('the vocabularies', () => {
  it('every shipped CPV code has a check digit and an English label, and divisions are there for every code', () => {
    const entries = cpvEntries();
    expect(entries.length).toBeGreaterThan(45);
    for (const e of entries) {
      expect(e.code).toMatch(/^\d{8}-\d$/);
      expect(e.labels.en).toBeTruthy();
      expect(entries.some((d) => d.code.startsWith(`${e.code.slice(0, 2)}000000-`))).toBe(true);
    }
    expect(cpvEntry('45000000-7')?.labels.en).toBe('Construction work');
  });

  it('converts at the yearly average rate and says nothing without a rate', () => {
    expect(toEuro(200_000, 'DKK', 2014)).toEqual({ amount: Math.round(200_000 / 7.4548), rate: 7.4548 });
    expect(toEuro(100, 'EUR', 1999)).toEqual({ amount: 100, rate: 1 });
    expect(toEuro(100, 'DKK', 1901)).toBeUndefined();
  });

  it('puts places in size bands by type and population', () => {
    expect(sizeBand('town', 19_999)).toBe('village');
    expect(sizeBand('city', 20_000)).toBe('town');
    expect(sizeBand('city', 99_999)).toBe('town');
    expect(sizeBand('city', 100_000)).toBe('small-city');
    expect(sizeBand('city', 1_000_000)).toBe('metropolis');
    expect(sizeBand('region', undefined)).toBe('region');
    expect(sizeBand('country', undefined)).toBe('country');
    expect(sizeBand('city', undefined)).toBeUndefined();
  });

  it('a profile schema parse keeps every part', () => {
    const p = caseProfileSchema.parse({
      results: [{ measure: 'jobs', amount: 3, unit: 'jobs', text: 'created', sources: ['src-a'] }],
      documents: [{ title: 'Tender', url: 'https://example.org/t.pdf', kind: 'tender', sources: ['src-a'] }],
    });
    expect(p.results?.[0]?.measure).toBe('jobs');
  });
});
