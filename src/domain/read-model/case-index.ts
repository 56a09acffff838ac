import MiniSearch, { type Query, type SearchOptions, type Suggestion } from 'minisearch';
import { documentTerms } from './analyse.js';
import { FACETS, type CaseDoc, type Facet } from './case-docs.js';

/** How a list of cases is ordered. */
export const SORTS = ['relevance', 'newest', 'oldest', 'name'] as const;
export type Sort = (typeof SORTS)[number];

export interface IndexQuery {
  /**
   * Text to match, as groups of analysed terms (see analyse.ts): with mode 'all' a case matches when
   * it has every term of some group; with 'any', when it has any term.
   */
  text?: { groups: string[][]; mode: 'all' | 'any' };
  /** Values per facet; the values of one facet are alternatives. */
  filters: Partial<Record<Facet, string[]>>;
  yearFrom?: number;
  yearTo?: number;
  sort: Sort;
  /** A pathway, goal or target whose list this is: cases a source states as linked come first. */
  anchor?: string;
  /** Lists that show no facets leave them out (counting them is most of a search's work). */
  withoutFacets?: boolean;
}

export interface FacetCount {
  value: string;
  /** Cases with this value among those matching every other filter: the total when choosing it alone. */
  count: number;
  /** For a facet already chosen, the cases choosing this value too would add (0 for a chosen value). */
  adds?: number;
  selected?: boolean;
}

export interface IndexResult {
  /** Matching case ids in order. */
  ids: string[];
  /** Text scores by id when terms were given. */
  scores: Map<string, number>;
  facets: Record<Facet, FacetCount[]>;
  /** With an anchor: how many of the cases a source states as linked to it (they come first). */
  stated: number;
}

const TEXT_FIELDS = ['name', 'altNames', 'about', 'summary', 'outcome', 'profile'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const FIELD_BOOST = { name: 3, altNames: 2, about: 1.2, summary: 1, outcome: 0.8, profile: 0.8 };
/** A term in at least this share of the cases says little about a query: it is scored but not required. */
const COMMON_SHARE = 0.25;
/** How many answers are kept for repeated queries, and how many case ids they may hold together (8 bytes each). */
const ANSWERS_KEPT = 500;
const ANSWER_IDS_KEPT = 2_000_000;
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The cases' search index: MiniSearch (BM25+) over their text, sets of case ids per facet value for
 * filters, and facet counts taken over a result set. Documents are replaced one by one as the read
 * model learns of changes.
 */
export class CaseIndex {
  readonly docs = new Map<string, CaseDoc>();
  /** Indexed with each field's terms already analysed (see put), so a text is analysed once. */
  private readonly text = new MiniSearch<Record<TextField | 'id', string>>({
    fields: [...TEXT_FIELDS],
    storeFields: [],
    tokenize: (terms) => (terms ? terms.split(' ') : []),
    processTerm: (term) => term,
    searchOptions: { tokenize: (q) => q.split(' ').filter(Boolean), processTerm: (t) => t, boost: FIELD_BOOST },
    autoVacuum: { minDirtCount: 200, minDirtFactor: 0.1, batchSize: 500, batchWait: 5 },
  });
  private readonly postings: Record<Facet, Map<string, Set<string>>> = Object.fromEntries(
    FACETS.map((f) => [f, new Map<string, Set<string>>()]),
  ) as Record<Facet, Map<string, Set<string>>>;
  private orders: Partial<Record<Exclude<Sort, 'relevance'>, string[]>> = {};
  /** Answers given since the index last changed, by query (most recent last). */
  private readonly answers = new Map<string, IndexResult>();
  private answerIds = 0;
  /** Other derived answers (similar cases), by key, until the index changes. */
  private readonly memos = new Map<string, unknown>();
  /** How many cases use each term, for weighting a case's own words (similar cases). */
  private readonly df = new Map<string, number>();

  get size(): number {
    return this.docs.size;
  }

  /** Adds or replaces a case's document. */
  put(doc: CaseDoc): void {
    this.remove(doc.id);
    this.docs.set(doc.id, doc);
    const terms = TEXT_FIELDS.map((f) => documentTerms(doc[f]));
    this.text.add({ id: doc.id, ...Object.fromEntries(TEXT_FIELDS.map((f, i) => [f, terms[i]!.join(' ')])) } as Record<
      TextField | 'id',
      string
    >);
    this.forget();
    for (const t of new Set(terms.flat())) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    for (const f of FACETS) for (const v of doc.facets[f]) addTo(this.postings[f], v, doc.id);
    this.orders = {};
  }

  remove(id: string): void {
    const old = this.docs.get(id);
    if (!old) return;
    this.docs.delete(id);
    this.text.discard(id);
    this.forget();
    for (const t of distinctTerms(old)) {
      const n = (this.df.get(t) ?? 1) - 1;
      if (n > 0) this.df.set(t, n);
      else this.df.delete(t);
    }
    for (const f of FACETS) for (const v of old.facets[f]) this.postings[f].get(v)?.delete(id);
    this.orders = {};
  }

  /** Every case id in a fixed order (built once per change of the index). */
  order(sort: Exclude<Sort, 'relevance'>): string[] {
    const cached = this.orders[sort];
    if (cached) return cached;
    const docs = [...this.docs.values()];
    const byName = (a: CaseDoc, b: CaseDoc) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
    if (sort === 'name') docs.sort(byName);
    else if (sort === 'newest') docs.sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || byName(a, b));
    else docs.sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999) || byName(a, b));
    const ids = docs.map((d) => d.id);
    this.orders[sort] = ids;
    return ids;
  }

  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  /** Text scores of the cases having any of the terms, each term counting by its weight (1 when not given). */
  textScores(terms: string[], weights?: Map<string, number>): Map<string, number> {
    const boostTerm = weights ? (term: string) => weights.get(term) ?? 1 : undefined;
    return new Map(this.text.search({ combineWith: 'OR', queries: terms }, { boostTerm }).map((r) => [r.id as string, r.score]));
  }

  /** Spellings of the cases' terms close to the given ones (MiniSearch's autoSuggest). */
  autoSuggest(text: string, options: SearchOptions): Suggestion[] {
    return this.text.autoSuggest(text, options);
  }

  /** The cases with a facet value (not to be changed by the caller). */
  withValue(facet: Facet, value: string): ReadonlySet<string> {
    return this.postings[facet].get(value) ?? new Set();
  }

  /**
   * Cases matching the text (all cases without text), with their scores. With 'any', a case having
   * any term matches. With 'all', a case matches a group when it has enough of the group's
   * distinctive terms (see `required`); the words most cases use ("procurement", "city", "tender")
   * count for its score but are not required. A case's score is scaled by the share of the group's
   * terms it has, so the cases having every word come first.
   */
  private matching(text: IndexQuery['text']): { ids: Set<string> | undefined; scores: Map<string, number> } {
    if (!text?.groups.length) return { ids: undefined, scores: new Map() };
    const scores = new Map<string, number>();
    // Scoring a word most cases use means scoring most cases (seconds at 50,000): such words are
    // searched only when a query has nothing more distinctive.
    const distinctive = (terms: string[]) => {
      const rare = terms.filter((t) => this.documentFrequency(t) < COMMON_SHARE * this.size);
      return rare.length ? rare : terms;
    };
    if (text.mode === 'any') {
      for (const r of this.text.search(textQuery([distinctive([...new Set(text.groups.flat())])], 'any')))
        scores.set(r.id as string, r.score);
      return { ids: new Set(scores.keys()), scores };
    }
    const groups = text.groups.map((g) => {
      const required = distinctive([...new Set(g)]);
      return {
        terms: required,
        required,
        need: required.length <= 2 ? required.length : required.length - Math.max(1, Math.floor(required.length / 4)),
      };
    });
    for (const r of this.text.search({ combineWith: 'OR', queries: [...new Set(groups.flatMap((g) => g.terms))] })) {
      const has = new Set(r.terms);
      let coverage = 0;
      for (const g of groups) {
        if (g.required.filter((t) => has.has(t)).length < g.need) continue;
        coverage = Math.max(coverage, g.terms.filter((t) => has.has(t)).length / g.terms.length);
      }
      if (coverage > 0) scores.set(r.id as string, r.score * coverage * coverage);
    }
    return { ids: new Set(scores.keys()), scores };
  }

  /** Cases with any of the values (a facet's filter). */
  private withAny(facet: Facet, values: string[]): Set<string> {
    if (values.length === 1) return this.postings[facet].get(values[0]!) ?? new Set();
    const out = new Set<string>();
    for (const v of values) for (const id of this.postings[facet].get(v) ?? []) out.add(id);
    return out;
  }

  private yearSet(from: number | undefined, to: number | undefined): Set<string> {
    const out = new Set<string>();
    for (const [value, ids] of this.postings.year) {
      const y = Number(value);
      if ((from === undefined || y >= from) && (to === undefined || y <= to)) for (const id of ids) out.add(id);
    }
    return out;
  }

  /** The cases matching a query, in order, with facet counts; repeated queries are answered from memory until the index changes. */
  search(q: IndexQuery): IndexResult {
    const key = JSON.stringify(q);
    const known = this.answers.get(key);
    if (known) {
      this.answers.delete(key);
      this.answers.set(key, known);
      return known;
    }
    const answer = this.compute(q);
    this.answers.set(key, answer);
    this.answerIds += answer.ids.length;
    while (this.answers.size > ANSWERS_KEPT || (this.answerIds > ANSWER_IDS_KEPT && this.answers.size > 1)) {
      const [oldest, dropped] = this.answers.entries().next().value!;
      this.answers.delete(oldest);
      this.answerIds -= dropped.ids.length;
    }
    return answer;
  }

  private forget(): void {
    this.answers.clear();
    this.answerIds = 0;
    this.memos.clear();
  }

  /** What `make` gives, kept for the key until the index changes (the oldest of ANSWERS_KEPT dropped first). */
  remember<T>(key: string, make: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = make();
    this.memos.set(key, value);
    if (this.memos.size > ANSWERS_KEPT) this.memos.delete(this.memos.keys().next().value!);
    return value;
  }

  private compute(q: IndexQuery): IndexResult {
    const { ids: textIds, scores } = this.matching(q.text);
    // Each filter as a set; a facet's counts are taken over the cases every *other* filter keeps.
    const sets = new Map<Facet, Set<string>>();
    for (const f of FACETS) {
      const values = q.filters[f];
      if (f === 'year') {
        if (q.yearFrom !== undefined || q.yearTo !== undefined || values?.length) {
          const range = this.yearSet(q.yearFrom, q.yearTo);
          sets.set('year', values?.length ? intersect([range, this.withAny('year', values)], this.docs) : range);
        }
      } else if (values?.length) sets.set(f, this.withAny(f, values));
    }
    const base = textIds ? [textIds] : [];
    const all = intersect([...base, ...sets.values()], this.docs);
    const facets = {} as Record<Facet, FacetCount[]>;
    for (const f of q.withoutFacets ? [] : FACETS) {
      const own = sets.get(f);
      if (!own) {
        facets[f] = this.count(f, all);
        continue;
      }
      const others = intersect([...base, ...[...sets].filter(([k]) => k !== f).map(([, s]) => s)], this.docs);
      const chosen = new Set(q.filters[f] ?? []);
      const counted = this.count(f, others);
      // A chosen value stays listed (with count 0) when no case the other filters keep has it, so it can be seen and removed.
      for (const value of chosen) if (!counted.some((c) => c.value === value)) counted.push({ value, count: 0 });
      facets[f] = counted.map((c) => {
        const selected = chosen.has(c.value);
        let adds = 0;
        if (!selected) for (const id of this.postings[f].get(c.value) ?? []) if (others.has(id) && !all.has(id)) adds++;
        return { ...c, adds, selected };
      });
    }
    return { ...this.ordered(all, q, scores), scores, facets };
  }

  private ordered(set: Set<string>, q: IndexQuery, scores: Map<string, number>): { ids: string[]; stated: number } {
    let ids: string[];
    if (q.sort === 'relevance' && scores.size) {
      const newest = this.rank('newest');
      ids = [...set].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0) || newest.get(a)! - newest.get(b)!);
    } else {
      const sort = q.sort === 'relevance' ? 'newest' : q.sort;
      // A small set is sorted by each case's place in the order; a large one is read off the order.
      if (set.size * 8 < this.size) {
        const rank = this.rank(sort);
        ids = [...set].sort((a, b) => rank.get(a)! - rank.get(b)!);
      } else ids = this.order(sort).filter((id) => set.has(id));
    }
    if (!q.anchor) return { ids, stated: 0 };
    // In a pathway's, goal's or target's own list, the cases a source states as linked to it come first.
    const anchor = q.anchor;
    const stated = ids.filter((id) => this.docs.get(id)?.stated.includes(anchor) === true);
    if (!stated.length) return { ids, stated: 0 };
    const first = new Set(stated);
    return { ids: [...stated, ...ids.filter((id) => !first.has(id))], stated: stated.length };
  }

  private ranks: Partial<Record<Exclude<Sort, 'relevance'>, { of: string[]; rank: Map<string, number> }>> = {};

  private rank(sort: Exclude<Sort, 'relevance'>): Map<string, number> {
    const order = this.order(sort);
    const known = this.ranks[sort];
    if (known?.of === order) return known.rank;
    const rank = new Map(order.map((id, i) => [id, i]));
    this.ranks[sort] = { of: order, rank };
    return rank;
  }

  private count(facet: Facet, within: Set<string>): FacetCount[] {
    const counts = new Map<string, number>();
    for (const id of within) {
      const doc = this.docs.get(id);
      if (doc) for (const v of doc.facets[facet]) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return [...counts].map(([value, count]) => ({ value, count }));
  }
}

/** A MiniSearch query: some group with all its terms ('all'), or any term of any group ('any'). */
export function textQuery(groups: string[][], mode: 'all' | 'any'): Query {
  return mode === 'all'
    ? { combineWith: 'OR', queries: groups.map((g) => ({ combineWith: 'AND', queries: g })) }
    : { combineWith: 'OR', queries: groups.flat() };
}

function distinctTerms(doc: CaseDoc): Set<string> {
  return new Set(TEXT_FIELDS.flatMap((f) => documentTerms(doc[f])));
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}

/** The ids in every set (every id of `universe` when there is none). */
function intersect(sets: Set<string>[], universe: Map<string, unknown>): Set<string> {
  if (!sets.length) return new Set(universe.keys());
  const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  const out = new Set<string>();
  for (const id of smallest!) if (rest.every((s) => s.has(id))) out.add(id);
  return out;
}
