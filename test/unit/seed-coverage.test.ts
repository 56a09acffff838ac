import { beforeAll, describe, expect, it } from 'vitest';
import { planSeed, readSeeds, type SeedPlan } from '../../src/seed/load.js';

/**
 * The seed graph's promise to its readers, checked without a database: enough real, sourced cases
 * from enough countries that every pathway and every goal has examples, each case traceable to a
 * page, and no case entered twice. Each failure names the pathway, goal or case that falls short.
 */

const MIN_CASES = 150;
const MIN_COUNTRIES = 25;
const MIN_CASES_PER_PATHWAY = 4;
const MIN_CASES_PER_GOAL = 3;

let plan: SeedPlan;
let nodeById: Map<string, SeedPlan['nodes'][number]>;
let caseIds: string[];

/** Ids at the other end of `type` relationships starting at `from`. */
function targetsOf(from: string, type: string): string[] {
  return plan.relationships.filter((r) => r.from === from && r.type === type).map((r) => r.to);
}

function nameOf(id: string): string {
  return String(nodeById.get(id)?.props.name ?? id);
}

/** A case name compared without case, accents, punctuation or spacing differences. */
function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

beforeAll(() => {
  plan = planSeed(readSeeds().files);
  nodeById = new Map(plan.nodes.map((n) => [n.id, n]));
  caseIds = plan.nodes.filter((n) => n.label === 'Case').map((n) => n.id);
});

describe('seed coverage', () => {
  it('gives every case at least one source with a URL', () => {
    const unsourced = caseIds.filter((id) => {
      const sources = targetsOf(id, 'REPORTED_IN').map((s) => nodeById.get(s));
      return !sources.some((s) => typeof s?.props.url === 'string' && s.props.url.length > 0);
    });
    expect(unsourced, `cases without a source that has a URL: ${unsourced.join(', ')}`).toEqual([]);
  });

  it(`holds at least ${MIN_CASES} cases`, () => {
    expect(caseIds.length, `the seeds hold ${caseIds.length} cases; ${MIN_CASES} are needed`).toBeGreaterThanOrEqual(MIN_CASES);
  });

  it(`places cases in at least ${MIN_COUNTRIES} countries`, () => {
    const countries = new Set<string>();
    for (const id of caseIds) {
      for (const place of targetsOf(id, 'LOCATED_IN')) {
        const country = nodeById.get(place)?.props.country;
        if (typeof country === 'string') countries.add(country);
      }
    }
    const list = [...countries].sort().join(', ');
    expect(countries.size, `cases are located in ${countries.size} countries (${list}); ${MIN_COUNTRIES} are needed`).toBeGreaterThanOrEqual(
      MIN_COUNTRIES,
    );
  });

  it(`illustrates every pathway with at least ${MIN_CASES_PER_PATHWAY} cases`, () => {
    const pathways = plan.nodes.filter((n) => n.label === 'Pathway').map((n) => n.id);
    expect(pathways.length, 'the seeds should hold the 15 pathways').toBe(15);
    const count = new Map(pathways.map((p) => [p, 0]));
    for (const id of caseIds) {
      for (const p of new Set(targetsOf(id, 'ILLUSTRATES'))) if (count.has(p)) count.set(p, count.get(p)! + 1);
    }
    const short = pathways
      .filter((p) => count.get(p)! < MIN_CASES_PER_PATHWAY)
      .map((p) => `${p} (${nameOf(p)}): ${count.get(p)} case(s)`);
    expect(short, `pathways with fewer than ${MIN_CASES_PER_PATHWAY} cases:\n${short.join('\n')}`).toEqual([]);
  });

  it(`has at least ${MIN_CASES_PER_GOAL} cases contributing to every goal (to the goal or one of its targets)`, () => {
    const goals = plan.nodes.filter((n) => n.label === 'Goal').map((n) => n.id);
    expect(goals.length, 'the seeds should hold the 17 goals').toBe(17);
    const goalOfTarget = new Map(plan.relationships.filter((r) => r.type === 'BELONGS_TO').map((r) => [r.from, r.to]));
    const cases = new Map(goals.map((g) => [g, new Set<string>()]));
    for (const id of caseIds) {
      for (const to of targetsOf(id, 'CONTRIBUTES_TO')) {
        const goal = cases.has(to) ? to : goalOfTarget.get(to);
        if (goal) cases.get(goal)?.add(id);
      }
    }
    const short = goals
      .filter((g) => cases.get(g)!.size < MIN_CASES_PER_GOAL)
      .map((g) => `${g} (${nameOf(g)}): ${cases.get(g)!.size} case(s)`);
    expect(short, `goals with fewer than ${MIN_CASES_PER_GOAL} cases:\n${short.join('\n')}`).toEqual([]);
  });

  it('has no two cases with the same name in the same place', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const id of caseIds) {
      const name = foldName(nameOf(id));
      const places = targetsOf(id, 'LOCATED_IN');
      for (const place of places.length ? places : ['(no place)']) {
        const key = `${name}|${place}`;
        const first = seen.get(key);
        if (first) duplicates.push(`${first} and ${id}: "${nameOf(id)}" in ${place}`);
        else seen.set(key, id);
      }
    }
    expect(duplicates, `cases entered twice:\n${duplicates.join('\n')}`).toEqual([]);
  });
});
