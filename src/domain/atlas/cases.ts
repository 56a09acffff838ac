import type { Database, Params, Row, Run } from '../../data/database.js';
import { defineQuery, type ParamArgs, type Query } from '../../data/queries.js';
import { notFound } from '../errors.js';
import { CARD_FORMAT, fromCard, LIST_FIELDS, type CaseSummary } from './case-cards.js';

export type { CaseSummary };

export interface Page {
  limit: number;
  offset: number;
}

/** A source as a page of cases reads it once for all its links. */
type SourceRef = { id: string; title: string | null; date: string | null; url: string | null; sourceType?: string | null };
/** A neighbour on a case's list as summaries-by-ids gives it: a link with sources gives their ids. */
type ListLink = Record<string, unknown> & {
  id: string;
  name?: string | null;
  number?: number | null;
  code?: string | null;
  title?: string | null;
  sources?: string[] | null;
};
/** A case as summaries-by-ids gives it: its own fields, and each relationship as [list field, neighbour] (null for one not listed). */
type CaseRow = {
  id: string;
  name: string;
  summary: string | null;
  year: number | null;
  status: string | null;
  outcome: string | null;
  links: ([(typeof LIST_FIELDS)[number], ListLink] | null)[];
};
/** The whole ordered list of a pathway's, goal's or target's cases, and what it is the list of. */
type CaseList<S> = { subject: S; ids: string[] };

const summariesByIds = defineQuery<{ ids: string[] }, { cases: CaseRow[]; sources: SourceRef[] }>('cases/summaries-by-ids');
const cardsByIds = defineQuery<{ ids: string[]; format: number }, { cards: { id: string; card: string | null }[]; sources: SourceRef[] }>(
  'cards/by-ids',
);
const pathwayCaseIds = defineQuery<
  { number: number },
  CaseList<{ id: string; number: number; name: string; title: string | null; transformation: string | null }>
>('pathways/ordered-case-ids');
const goalCaseIds = defineQuery<
  { number: number },
  CaseList<{ id: string; number: number; name: string; title: string | null; colour: string | null }>
>('goals/ordered-case-ids');
const targetCaseIds = defineQuery<{ code: string }, CaseList<{ id: string; code: string; text: string | null }>>(
  'goals/ordered-target-case-ids',
);
const kindOf = defineQuery<{ id: string }, { kind: string }>('entities/get-kind');
const similarCasesQuery = defineQuery<
  { id: string; limit: number },
  { id: string; score: number; reasons: { reason: string; id: string; name: string | null; weight: number }[] }
>('cases/similar-cases');

const collator = new Intl.Collator('en', { numeric: true });
type SortKeys = { number?: number | null; code?: string | null; name?: string | null; title?: string | null };
const byNumberOrName = (a: SortKeys, b: SortKeys) =>
  (a.number ?? 0) - (b.number ?? 0) || collator.compare(a.code ?? a.name ?? a.title ?? '', b.code ?? b.name ?? b.title ?? '');

/**
 * The list shape of the given cases read from the graph: each link (pathway, goal, target) carries
 * its basis and the sources that justify it. One query walks each case's relationships once and
 * reads the page's sources once; they are put back on each link here.
 */
export async function liveSummaries(run: Run, ids: string[]): Promise<CaseSummary[]> {
  if (!ids.length) return [];
  const [row] = await run(summariesByIds, { ids });
  const sources = new Map(row?.sources.map((s) => [s.id, s]));
  return (row?.cases ?? []).map(({ links, ...props }) => {
    const lists: Record<string, (Record<string, unknown> & SortKeys)[]> = Object.fromEntries(LIST_FIELDS.map((f) => [f, []]));
    for (const link of links) {
      if (!link) continue;
      const [field, value] = link;
      lists[field]!.push('sources' in value ? { ...value, sources: (value.sources ?? []).flatMap((id) => sources.get(id) ?? []) } : value);
    }
    for (const field of LIST_FIELDS) lists[field]!.sort(byNumberOrName);
    return { ...props, ...lists };
  });
}

/**
 * The list shape of the given cases, in the given order (unknown ids left out): from their stored
 * cards (see case-cards.ts), with the cited sources read live; a case without a card is read live.
 */
export async function caseSummaries(run: Run, ids: string[]): Promise<CaseSummary[]> {
  if (!ids.length) return [];
  const [row] = await run(cardsByIds, { ids, format: CARD_FORMAT });
  const cards = row?.cards ?? [];
  const sources = new Map(row?.sources.map((s) => [s.id, s]));
  const missing = cards.filter((c) => c.card === null).map((c) => c.id);
  const live = new Map((await liveSummaries(run, missing)).map((s) => [s.id, s]));
  return cards.flatMap((c) => (c.card === null ? (live.get(c.id) ?? []) : fromCard(c.card, sources)));
}

/** Runs each query as a read of its own, for reading case summaries outside a transaction. */
function eachRead(db: Database): Run {
  function run<P extends object, R>(query: Query<P, R>, ...params: ParamArgs<P>): Promise<R[]>;
  function run(query: string, params?: Params): Promise<Row[]>;
  function run(query: Query<object, unknown> | string, params: Params = {}): Promise<unknown[]> {
    return typeof query === 'string' ? db.read(query, params) : db.read(query, params);
  }
  return run;
}

/** The list shape of the given cases (see caseSummaries), each query a read of its own. */
export function readCaseSummaries(db: Database, ids: string[]): Promise<CaseSummary[]> {
  return caseSummaries(eachRead(db), ids);
}

/** A list of cases to page through: the key it is kept under (its query and parameters) and how it is read. */
interface ListSource<S> {
  key: string;
  read: () => Promise<CaseList<S>[]>;
}

function caseList<P extends object, S>(db: Database, query: Query<P, CaseList<S>>, ...params: ParamArgs<P>): ListSource<S> {
  return { key: `${query.name}:${JSON.stringify(params[0] ?? {})}`, read: () => db.read(query, ...params) };
}

/**
 * One page of a case list: the whole ordered id list is read once and kept briefly (see ReadCache),
 * so paging through it costs only the summaries of the page.
 */
async function pageOf<S>(db: Database, from: ListSource<S>, page: Page, subjectKey: string, missing: () => Error) {
  const list = await db.cache.get(from.key, async () => {
    const [row] = await from.read();
    return row ? { subject: row.subject, ids: row.ids } : undefined;
  });
  if (!list) throw missing();
  const ids = list.ids.slice(page.offset, page.offset + page.limit);
  const cases = await readCaseSummaries(db, ids);
  return { [subjectKey]: list.subject, total: list.ids.length, limit: page.limit, offset: page.offset, cases };
}

/** "Cases for Pathway 12": the cases that illustrate a pathway, with the sources of each link. */
export function casesForPathway(db: Database, number: number, page: Page) {
  return pageOf(db, caseList(db, pathwayCaseIds, { number }), page, 'pathway', () => notFound('pathway', String(number)));
}

/** Cases linked to a goal or to any of its targets. */
export function casesForGoal(db: Database, number: number, page: Page) {
  return pageOf(db, caseList(db, goalCaseIds, { number }), page, 'goal', () => notFound('goal', String(number)));
}

export function casesForTarget(db: Database, code: string, page: Page) {
  return pageOf(db, caseList(db, targetCaseIds, { code }), page, 'target', () => notFound('target', code));
}

/** Cases that share the most with a case, each with the reasons for its rank. */
export async function similarCases(db: Database, id: string, limit: number) {
  return db.readTx(async (run) => {
    const [found] = await run(kindOf, { id });
    if (found?.kind !== 'case') throw notFound('case', id);
    const ranked = await run(similarCasesQuery, { id, limit });
    const rankedIds = ranked.map((r) => r.id);
    const summaries = await caseSummaries(run, rankedIds);
    return {
      case: id,
      method:
        'Each feature the two cases share (pathway, target, goal, approach, theme, initiative, place) adds its weight divided by log(e + cases with that feature / 10): rarer shared features count for more.',
      similar: ranked.map((r, i) => ({ ...summaries[i]!, score: r.score, reasons: r.reasons })),
    };
  });
}
