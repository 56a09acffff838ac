import type { Database, Run } from '../../data/database.js';
import { cypher } from '../../data/queries.js';
import { notFound } from '../errors.js';

export interface Page {
  limit: number;
  offset: number;
}

export type CaseSummary = Record<string, unknown> & { id: string; name: string };

/** The list shape of the given cases, in the given order. */
export async function caseSummaries(run: Run, ids: string[]): Promise<CaseSummary[]> {
  if (!ids.length) return [];
  const rows = await run(cypher('cases/summaries-by-ids'), { ids });
  return rows.map((r) => r.case as CaseSummary);
}

/**
 * One page of a case list: the whole ordered id list is read once and kept briefly (see ReadCache),
 * so paging through it costs only the summaries of the page.
 */
async function pageOf(db: Database, query: string, params: Record<string, unknown>, page: Page, subjectKey: string, missing: () => Error) {
  const list = await db.cache.get(`${query}:${JSON.stringify(params)}`, async () => {
    const [row] = await db.read(cypher(query), params);
    return row ? { subject: row.subject, ids: row.ids as string[] } : undefined;
  });
  if (!list) throw missing();
  const ids = list.ids.slice(page.offset, page.offset + page.limit);
  const cases = await caseSummaries((q, p) => db.read(q, p), ids);
  return { [subjectKey]: list.subject, total: list.ids.length, limit: page.limit, offset: page.offset, cases };
}

/** "Cases for Pathway 12": the cases that illustrate a pathway, with the sources of each link. */
export function casesForPathway(db: Database, number: number, page: Page) {
  return pageOf(db, 'pathways/ordered-case-ids', { number }, page, 'pathway', () => notFound('pathway', String(number)));
}

/** Cases linked to a goal or to any of its targets. */
export function casesForGoal(db: Database, number: number, page: Page) {
  return pageOf(db, 'goals/ordered-case-ids', { number }, page, 'goal', () => notFound('goal', String(number)));
}

export function casesForTarget(db: Database, code: string, page: Page) {
  return pageOf(db, 'goals/ordered-target-case-ids', { code }, page, 'target', () => notFound('target', code));
}

/** Cases that share the most with a case, each with the reasons for its rank. */
export async function similarCases(db: Database, id: string, limit: number) {
  return db.readTx(async (run) => {
    const [found] = await run(cypher('entities/get-kind'), { id });
    if (found?.kind !== 'case') throw notFound('case', id);
    const ranked = await run(cypher('cases/similar-cases'), { id, limit });
    const summaries = await caseSummaries(run, ranked.map((r) => r.id as string));
    return {
      case: id,
      method:
        'Each feature the two cases share (pathway, target, goal, approach, theme, initiative, place) adds its weight divided by log(e + cases with that feature / 10): rarer shared features count for more.',
      similar: ranked.map((r, i) => ({ ...summaries[i]!, score: r.score as number, reasons: r.reasons })),
    };
  });
}
