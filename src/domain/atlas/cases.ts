import type { Database, Run } from '../../data/database.js';
import { cypher } from '../../data/queries.js';
import { notFound } from '../errors.js';
import { CARD_FORMAT, fromCard, LIST_FIELDS, type CaseSummary } from './case-cards.js';

export type { CaseSummary };

export interface Page {
  limit: number;
  offset: number;
}

type SourceRef = Record<string, unknown> & { id: string };
type Row = Record<string, unknown> & { id: string; name: string; links: ([string, Record<string, unknown>] | null)[] };

const collator = new Intl.Collator('en', { numeric: true });
const byNumberOrName = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Number(a.number ?? 0) - Number(b.number ?? 0) || collator.compare(String(a.code ?? a.name ?? a.title ?? ''), String(b.code ?? b.name ?? b.title ?? ''));

/**
 * The list shape of the given cases read from the graph: each link (pathway, goal, target) carries
 * its basis and the sources that justify it. One query walks each case's relationships once and
 * reads the page's sources once; they are put back on each link here.
 */
export async function liveSummaries(run: Run, ids: string[]): Promise<CaseSummary[]> {
  if (!ids.length) return [];
  const [row] = await run(cypher('cases/summaries-by-ids'), { ids });
  const sources = new Map((row?.sources as SourceRef[] | undefined)?.map((s) => [s.id, s]));
  return ((row?.cases as Row[] | undefined) ?? []).map(({ links, ...props }) => {
    const lists: Record<string, Record<string, unknown>[]> = Object.fromEntries(LIST_FIELDS.map((f) => [f, []]));
    for (const link of links) {
      if (!link) continue;
      const [field, value] = link;
      if ('sources' in value) value.sources = ((value.sources as string[] | null) ?? []).flatMap((id) => sources.get(id) ?? []);
      lists[field]!.push(value);
    }
    for (const field of LIST_FIELDS) lists[field]!.sort(byNumberOrName);
    return { ...props, ...lists } as CaseSummary;
  });
}

/**
 * The list shape of the given cases, in the given order (unknown ids left out): from their stored
 * cards (see case-cards.ts), with the cited sources read live; a case without a card is read live.
 */
export async function caseSummaries(run: Run, ids: string[]): Promise<CaseSummary[]> {
  if (!ids.length) return [];
  const [row] = await run(cypher('cards/by-ids'), { ids, format: CARD_FORMAT });
  const cards = (row?.cards as { id: string; card: string | null }[] | undefined) ?? [];
  const sources = new Map((row?.sources as SourceRef[] | undefined)?.map((s) => [s.id, s]));
  const missing = cards.filter((c) => c.card === null).map((c) => c.id);
  const live = new Map((await liveSummaries(run, missing)).map((s) => [s.id, s]));
  return cards.flatMap((c) => (c.card === null ? (live.get(c.id) ?? []) : fromCard(c.card, sources)));
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
