import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planSeed, readSeeds, type SeedPlan } from '../../src/domain/seed/plan.js';

/**
 * The seed graph's promise to its readers, checked without a database: enough real, sourced cases
 * from enough countries that every pathway and every goal has examples, each case traceable to a
 * page, and no case entered twice. Each failure names the pathway, goal or case that falls short.
 */

const MIN_CASES = 250;
const MIN_COUNTRIES = 50;
const MIN_CASES_PER_PATHWAY = 12;
const MIN_CASES_PER_GOAL = 3;

/** A case name compared without case, accents, punctuation or spacing differences. */
function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Coverage {
  cases: string[];
  countries: string[];
  /** Cases none of whose sources (REPORTED_IN) has a URL. */
  unsourced: string[];
  /** "pathway-N (name): k case(s)" for each pathway below the minimum. */
  shortPathways: string[];
  /** "sdg-N (name): k case(s)" for each goal below the minimum, counting links to its targets. */
  shortGoals: string[];
  /** Pairs of cases with the same name in the same place. */
  duplicates: string[];
}

/** Measures a seed plan against the coverage the atlas promises. */
function coverage(plan: SeedPlan): Coverage {
  const nodeById = new Map(plan.nodes.map((n) => [n.id, n]));
  const outgoing = new Map<string, { type: string; to: string }[]>();
  for (const r of plan.relationships) {
    const list = outgoing.get(r.from) ?? [];
    list.push({ type: r.type, to: r.to });
    outgoing.set(r.from, list);
  }
  const targetsOf = (from: string, type: string) => (outgoing.get(from) ?? []).filter((r) => r.type === type).map((r) => r.to);
  const nameOf = (id: string) => {
    const name = nodeById.get(id)?.props.name;
    return typeof name === 'string' ? name : id;
  };
  const cases = plan.nodes.filter((n) => n.label === 'Case').map((n) => n.id);

  const unsourced = cases.filter(
    (id) => !targetsOf(id, 'REPORTED_IN').some((s) => typeof nodeById.get(s)?.props.url === 'string' && nodeById.get(s)!.props.url !== ''),
  );

  const countries = new Set<string>();
  for (const id of cases) {
    for (const place of targetsOf(id, 'LOCATED_IN')) {
      const country = nodeById.get(place)?.props.country;
      if (typeof country === 'string') countries.add(country);
    }
  }

  const pathways = plan.nodes.filter((n) => n.label === 'Pathway').map((n) => n.id);
  const perPathway = new Map(pathways.map((p) => [p, new Set<string>()]));
  for (const id of cases) for (const p of targetsOf(id, 'ILLUSTRATES')) perPathway.get(p)?.add(id);
  const shortPathways = pathways
    .filter((p) => perPathway.get(p)!.size < MIN_CASES_PER_PATHWAY)
    .map((p) => `${p} (${nameOf(p)}): ${perPathway.get(p)!.size} case(s)`);

  const goals = plan.nodes.filter((n) => n.label === 'Goal').map((n) => n.id);
  const goalOfTarget = new Map(plan.relationships.filter((r) => r.type === 'BELONGS_TO').map((r) => [r.from, r.to]));
  const perGoal = new Map(goals.map((g) => [g, new Set<string>()]));
  for (const id of cases) {
    for (const to of targetsOf(id, 'CONTRIBUTES_TO')) perGoal.get(perGoal.has(to) ? to : (goalOfTarget.get(to) ?? ''))?.add(id);
  }
  const shortGoals = goals
    .filter((g) => perGoal.get(g)!.size < MIN_CASES_PER_GOAL)
    .map((g) => `${g} (${nameOf(g)}): ${perGoal.get(g)!.size} case(s)`);

  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  for (const id of cases) {
    const places = targetsOf(id, 'LOCATED_IN');
    for (const place of places.length ? places : ['(no place)']) {
      const key = `${foldName(nameOf(id))}|${place}`;
      const first = seen.get(key);
      if (first) duplicates.push(`${first} and ${id}: "${nameOf(id)}" in ${place}`);
      else seen.set(key, id);
    }
  }

  return { cases, countries: [...countries].sort(), unsourced, shortPathways, shortGoals, duplicates };
}

let files: ReturnType<typeof readSeeds>['files'];
let full: Coverage;

beforeAll(() => {
  files = readSeeds().files;
  full = coverage(planSeed(files));
});

describe('seed coverage', () => {
  it('gives every case at least one source with a URL', () => {
    expect(full.unsourced, `cases without a source that has a URL: ${full.unsourced.join(', ')}`).toEqual([]);
  });

  it(`holds at least ${MIN_CASES} cases`, () => {
    expect(full.cases.length, `the seeds hold ${full.cases.length} cases; ${MIN_CASES} are needed`).toBeGreaterThanOrEqual(MIN_CASES);
  });

  it(`places cases in at least ${MIN_COUNTRIES} countries`, () => {
    const n = full.countries.length;
    expect(n, `cases are located in ${n} countries (${full.countries.join(', ')}); ${MIN_COUNTRIES} are needed`).toBeGreaterThanOrEqual(
      MIN_COUNTRIES,
    );
  });

  it(`illustrates every pathway with at least ${MIN_CASES_PER_PATHWAY} cases`, () => {
    expect(full.shortPathways, `pathways with fewer than ${MIN_CASES_PER_PATHWAY} cases:\n${full.shortPathways.join('\n')}`).toEqual([]);
  });

  it(`has at least ${MIN_CASES_PER_GOAL} cases contributing to every goal (to the goal or one of its targets)`, () => {
    expect(full.shortGoals, `goals with fewer than ${MIN_CASES_PER_GOAL} cases:\n${full.shortGoals.join('\n')}`).toEqual([]);
  });

  it('has no two cases with the same name in the same place', () => {
    expect(full.duplicates, `cases entered twice:\n${full.duplicates.join('\n')}`).toEqual([]);
  });

  it('names each pathway and goal that falls short (checked on the seeds without the case files)', () => {
    const inCasesFolder = (f: string) => f.split(path.sep).join('/').includes('seeds/cases/');
    const reduced = coverage(planSeed(files.filter((f) => !inCasesFolder(f.file))));
    expect(reduced.cases.length).toBeLessThan(full.cases.length);
    expect(reduced.shortPathways.length).toBeGreaterThan(0);
    for (const line of reduced.shortPathways) {
      expect(line).toMatch(/^pathway-\d+ \(.+\): \d+ case\(s\)$/);
      expect(Number(/: (\d+) case/.exec(line)?.[1])).toBeLessThan(MIN_CASES_PER_PATHWAY);
    }
    expect(reduced.shortGoals.length).toBeGreaterThan(0);
    for (const line of reduced.shortGoals) expect(line).toMatch(/^sdg-\d+ \(.+\): [0-2] case\(s\)$/);
  });
});
