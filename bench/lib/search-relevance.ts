/**
 * The search relevance sets (test/fixtures/search-relevance.yaml and similar-cases.yaml): their
 * shape, and the measures npm run eval:search reports. Read by bench/eval-search.ts and by the unit
 * test that checks every id the sets name exists in seeds/.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectPath } from '../../src/paths.js';
import { findCases, findNodes, nodeCases, similarTo } from '../../src/domain/read-model/finder.js';
import type { ReadState } from '../../src/domain/read-model/read-model.js';

export const SEARCH_RELEVANCE_FILE = projectPath('test/fixtures/search-relevance.yaml');
export const SIMILAR_CASES_FILE = projectPath('test/fixtures/similar-cases.yaml');

/** How an answer is asked for: GET /api/cases (cases, facets), /api/search (search), a framework node's case list (list). */
export const GROUPS = ['cases', 'search', 'list', 'facets'] as const;
export type Group = (typeof GROUPS)[number] | 'similar';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a node id such as case-geestland-led-street-lighting');
/** Graded judgements: 2 the ideal answer, 1 acceptable. Anything not named counts as not relevant. */
const judgements = z.record(id, z.union([z.literal(1), z.literal(2)])).refine((r) => Object.keys(r).length > 0, 'name at least one id');

const facetFilters = z
  .strictObject({
    pathway: z.array(z.number().int().min(1).max(15)).optional(),
    sdg: z.array(z.number().int().min(1).max(17)).optional(),
    target: z.array(z.string().regex(/^\d{1,2}\.(\d{1,2}|[a-z])$/)).optional(),
    theme: z.array(id).optional(),
    approach: z.array(id).optional(),
    country: z.array(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code')).optional(),
    place: z.array(id).optional(),
    initiative: z.array(id).optional(),
  })
  .refine((f) => Object.keys(f).length > 0, 'name at least one filter');

export const relevanceQuery = z
  .strictObject({
    /** A short stable name for reports. */
    name: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    group: z.enum(GROUPS),
    /** Who would type it and why the judgements are what they are. */
    who: z.enum(['officer', 'researcher', 'curator']),
    q: z.string().min(1).max(200).optional(),
    /** For group 'facets': the filters given with q, as GET /api/cases takes them. */
    filters: facetFilters.optional(),
    /** For group 'list': the pathway, goal or target whose cases are listed. */
    node: id.optional(),
    relevant: judgements,
    /** Ids that must take the first places, in any order (e.g. the node a framework reference names). */
    first: z.array(id).min(1).optional(),
    /** Ids that must not be returned at all (e.g. cases where "led" is the verb, for the query "LED"). */
    exclude: z.array(id).optional(),
    note: z.string().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.group === 'list' ? !q.node || q.q : !q.q)
      ctx.addIssue({ code: 'custom', message: 'a list names node (and no q); others name q' });
    if ((q.group === 'facets') !== Boolean(q.filters)) ctx.addIssue({ code: 'custom', message: 'filters go with group facets only' });
    for (const f of q.first ?? []) if (!q.relevant[f]) ctx.addIssue({ code: 'custom', message: `first names ${f}, not judged relevant` });
    for (const x of q.exclude ?? []) if (q.relevant[x]) ctx.addIssue({ code: 'custom', message: `${x} is both relevant and excluded` });
  });
export type RelevanceQuery = z.infer<typeof relevanceQuery>;

export const searchRelevanceSchema = z.strictObject({
  queries: z
    .array(relevanceQuery)
    .min(40)
    .superRefine((qs, ctx) => {
      const seen = new Set<string>();
      for (const q of qs) {
        if (seen.has(q.name)) ctx.addIssue({ code: 'custom', message: `query name ${q.name} is used twice` });
        seen.add(q.name);
      }
    }),
});

export const similarCasesSchema = z.strictObject({
  cases: z
    .array(
      z
        .strictObject({
          case: id,
          /** What a buyer replicating the case is planning to buy. */
          buyer: z.string().min(1),
          relevant: judgements,
          note: z.string().optional(),
        })
        .refine((c) => !c.relevant[c.case], 'a case is not similar to itself'),
    )
    .min(12),
});
export type SimilarCase = z.infer<typeof similarCasesSchema>['cases'][number];

export function readSearchRelevance(file = SEARCH_RELEVANCE_FILE) {
  return searchRelevanceSchema.parse(parse(readFileSync(file, 'utf8')));
}

export function readSimilarCases(file = SIMILAR_CASES_FILE) {
  return similarCasesSchema.parse(parse(readFileSync(file, 'utf8')));
}

/**
 * Precision at k over the relevant ids (grade 1 or 2) among the first k answers, divided by k and,
 * as "capped", by min(k, number judged relevant): a query with two right answers that returns both
 * first scores 1, not 0.4.
 */
export function precisionAt(ranked: string[], relevant: Record<string, number>, k: number): { plain: number; capped: number } {
  const hits = ranked.slice(0, k).filter((r) => (relevant[r] ?? 0) > 0).length;
  const judged = Object.values(relevant).filter((g) => g > 0).length;
  return { plain: hits / k, capped: hits / Math.max(1, Math.min(k, judged)) };
}

/** nDCG at k with gain 2^grade - 1 and a log2 discount; the ideal ranking orders every judged id by grade. */
export function ndcgAt(ranked: string[], relevant: Record<string, number>, k: number): number {
  const dcg = (grades: number[]) => grades.slice(0, k).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(relevant).sort((a, b) => b - a));
  return ideal ? dcg(ranked.map((r) => relevant[r] ?? 0)) / ideal : 0;
}

/** How many answers of each query are scored (P@5 and nDCG@10 need 10; 'exclude' looks at all of them). */
const DEPTH = 20;

/** One query's answer and its scores. */
export interface Scored {
  group: Group;
  name: string;
  q: string;
  ranked: string[];
  p5: number;
  p5capped: number;
  ndcg10: number;
  problems: string[];
}

function answer(state: ReadState, q: RelevanceQuery): string[] {
  switch (q.group) {
    case 'cases':
    case 'facets': {
      const f = q.filters ?? {};
      const strings = (v: number[] | undefined) => v?.map(String);
      return findCases(state, {
        q: q.q,
        filters: { ...f, pathway: strings(f.pathway), sdg: strings(f.sdg) },
        limit: DEPTH,
        offset: 0,
      }).cases.map((c) => c.id);
    }
    case 'search':
      return findNodes(state, q.q!, undefined, DEPTH).hits.map((h) => h.node.id);
    case 'list': {
      const node = state.mirror.nodes.get(q.node!);
      if (!node) return [];
      const p = node.props;
      const filter =
        node.kind === 'pathway'
          ? { facet: 'pathway' as const, value: String(p.number) }
          : node.kind === 'goal'
            ? { facet: 'sdg' as const, value: String(p.number) }
            : { facet: 'target' as const, value: String(p.code) };
      return nodeCases(state, node.id, filter, 'newest', { limit: DEPTH, offset: 0 }).cases.map((c) => c.id);
    }
  }
}

function score(group: Group, name: string, q: string, ranked: string[], relevant: Record<string, number>, extra: string[] = []): Scored {
  const p5 = precisionAt(ranked, relevant, 5);
  const ndcg10 = ndcgAt(ranked, relevant, 10);
  const problems = [...extra];
  if (!ranked.length) problems.push('no answer');
  else if (!relevant[ranked[0]!]) problems.push(`first answer ${ranked[0]} is not judged relevant`);
  if (p5.capped < 0.6) problems.push(`P@5 ${p5.capped.toFixed(2)}`);
  return { group, name, q, ranked, p5: p5.plain, p5capped: p5.capped, ndcg10, problems };
}

function scoreQuery(state: ReadState, q: RelevanceQuery): Scored {
  const ranked = answer(state, q);
  const hard: string[] = [];
  if (q.first) {
    const top = new Set(ranked.slice(0, q.first.length));
    const missing = q.first.filter((f) => !top.has(f));
    if (missing.length) hard.push(`HARD: ${missing.join(', ')} not in the first ${q.first.length}`);
  }
  for (const x of q.exclude ?? []) if (ranked.includes(x)) hard.push(`HARD: ${x} returned at ${ranked.indexOf(x) + 1}`);
  const label = q.q ? `${q.q}${q.filters ? ` ${JSON.stringify(q.filters)}` : ''}` : `cases of ${q.node}`;
  return score(q.group, q.name, label, ranked, q.relevant, hard);
}

function scoreSimilar(state: ReadState, c: SimilarCase): Scored {
  const ranked = (similarTo(state, c.case, DEPTH) ?? []).map((s) => s.id);
  return score('similar', c.case.replace(/^case-/, ''), `similar to ${c.case}`, ranked, c.relevant);
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const f2 = (x: number) => x.toFixed(3);

/** Prints the figures per group and overall, then the failing queries (and every query when verbose). */
export function report(results: Scored[], verbose = false): void {
  const groups: Group[] = ['cases', 'search', 'list', 'facets', 'similar'];
  console.log('\ngroup     queries  P@5    P@5(capped)  nDCG@10');
  const line = (name: string, rs: Scored[]) =>
    console.log(
      `${name.padEnd(9)} ${String(rs.length).padStart(7)}  ${f2(mean(rs.map((r) => r.p5)))}  ${f2(mean(rs.map((r) => r.p5capped))).padStart(11)}  ${f2(mean(rs.map((r) => r.ndcg10))).padStart(7)}`,
    );
  for (const g of groups)
    line(
      g,
      results.filter((r) => r.group === g),
    );
  const search = results.filter((r) => r.group !== 'similar');
  line('search*', search);
  line('all', results);
  console.log('(search* = every group but similar)');
  const failing = results.filter((r) => r.problems.length);
  console.log(`\nfailing: ${failing.length} of ${results.length}`);
  for (const r of failing) {
    console.log(`  [${r.group}] ${r.name}: ${r.q}\n      ${r.problems.join('; ')}\n      top 5: ${r.ranked.slice(0, 5).join(', ')}`);
  }
  if (verbose) {
    console.log('\nper query:');
    for (const r of results)
      console.log(`  [${r.group}] ${r.name.padEnd(40)} P@5 ${f2(r.p5capped)} nDCG@10 ${f2(r.ndcg10)}  ${r.ranked.slice(0, 5).join(', ')}`);
  }
}

/** Asks the read model every query and similar-case list of the sets and scores the answers. */
export function evaluate(state: ReadState, queries: RelevanceQuery[], similar: SimilarCase[]): Scored[] {
  return [...queries.map((q) => scoreQuery(state, q)), ...similar.map((c) => scoreSimilar(state, c))];
}
