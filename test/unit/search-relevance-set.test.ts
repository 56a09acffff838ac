import { describe, expect, it } from 'vitest';
import { readSearchRelevance, readSimilarCases } from '../../bench/lib/search-relevance.js';
import { planSeed, readSeeds } from '../../src/domain/seed/plan.js';

/**
 * The labelled sets npm run eval:search scores against: their shape (checked by the schemas as they
 * are read) and that every id they name is a node of the seed, of the kind the query can return.
 */
const plan = planSeed(readSeeds().files);
const kindOf = new Map(plan.nodes.map((n) => [n.id, n.props.kind as string]));
const { queries } = readSearchRelevance();
const { cases } = readSimilarCases();

function unknown(ids: string[], kinds?: string[]): string[] {
  return ids.filter((id) => !kindOf.has(id) || (kinds && !kinds.includes(kindOf.get(id)!)));
}

describe('search relevance set', () => {
  it('has at least 40 queries in every group it scores', () => {
    expect(queries.length).toBeGreaterThanOrEqual(40);
    expect(new Set(queries.map((q) => q.group))).toEqual(new Set(['cases', 'search', 'list', 'facets']));
  });

  it('names only seed nodes: cases for case lists, any kind for search, frameworks for lists', () => {
    const problems = queries.flatMap((q) => {
      const caseOnly = q.group === 'search' ? undefined : ['case'];
      const bad = [
        ...unknown([...Object.keys(q.relevant), ...(q.first ?? []), ...(q.exclude ?? [])], caseOnly),
        ...(q.node ? unknown([q.node], ['pathway', 'goal', 'target']) : []),
        ...unknown([...(q.filters?.theme ?? [])], ['theme']),
        ...unknown([...(q.filters?.approach ?? [])], ['approach']),
        ...unknown([...(q.filters?.place ?? [])], ['place']),
        ...unknown([...(q.filters?.initiative ?? [])], ['initiative']),
      ];
      return bad.map((id) => `${q.name}: ${id}`);
    });
    expect(problems).toEqual([]);
  });
});

describe('similar-case set', () => {
  it('has at least 12 cases, each with an ideal answer or acceptable ones', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(new Set(cases.map((c) => c.case)).size).toBe(cases.length);
  });

  it('names only seed cases', () => {
    const problems = cases.flatMap((c) => unknown([c.case, ...Object.keys(c.relevant)], ['case']).map((id) => `${c.case}: ${id}`));
    expect(problems).toEqual([]);
  });
});
