import countries from 'i18n-iso-countries';
import { documentTerms, frameworkRefs, glossaryExpansions, queryTerms, type FrameworkRef } from './analyse.js';
import type { CaseDoc, Facet } from './case-docs.js';
import type { FacetCount, IndexResult, Sort } from './case-index.js';
import type { MirrorNode } from './mirror.js';
import type { ReadState } from './read-model.js';
import { caseSummary, type CaseSummary } from './summaries.js';
import { SIZE_BAND_LABELS, SIZE_BANDS, type SizeBand } from '../model/places.js';
import { cpvDivisionEntry, cpvLabel } from '../model/vocabularies.js';

/** A case search as the API takes it (already validated). */
export interface CaseQuery {
  q?: string;
  filters: Partial<Record<Exclude<Facet, 'year'>, string[]>>;
  yearFrom?: number;
  yearTo?: number;
  sort?: Sort;
  limit: number;
  offset: number;
}

/** How a typed query was understood: its framework references became filters, its words the text searched. */
export interface Interpretation {
  frameworks: { kind: FrameworkRef['kind']; id: string; label: string }[];
  words: string[];
  alsoSearched: string[];
  /** 'all': cases with every word (or a glossary phrase); 'any': none had them all, so any word counts. */
  matched?: 'all' | 'any';
  /** When fewer than FEW cases had every word: how many cases with only some of them follow those. */
  partial?: number;
}

/** Below this many cases with every word, the cases with some of the words are listed after them. */
const FEW = 5;

export function countryCode(value: string): string | undefined {
  const v = value.trim();
  if (/^[A-Za-z]{2}$/.test(v)) return countries.isValid(v.toUpperCase()) ? v.toUpperCase() : undefined;
  for (const lang of ['en', 'es', 'de', 'fr', 'it']) {
    const code = countries.getAlpha2Code(v, lang);
    if (code) return code;
  }
  return undefined;
}

export function countryName(code: string): string {
  return countries.getName(code, 'en', { select: 'alias' }) ?? countries.getName(code, 'en') ?? code;
}

/** The node a framework reference names, when the graph has it. */
function refNode(state: ReadState, ref: FrameworkRef): MirrorNode | undefined {
  const id =
    ref.kind === 'goal' ? `sdg-${ref.number}` : ref.kind === 'pathway' ? `pathway-${ref.number}` : `target-${ref.code.replace('.', '-')}`;
  return state.mirror.nodes.get(id);
}

/** The text groups to search: the words typed (all of them), and each glossary phrase they contain. */
function textGroups(rest: string): { groups: string[][]; words: string[]; also: string[] } {
  const words = queryTerms(rest);
  const also = rest ? glossaryExpansions(rest) : [];
  const seen = new Set<string>();
  const groups = [words, ...also.map((en) => queryTerms(en))].filter((g) => {
    const key = [...new Set(g)].sort().join(' ');
    if (!g.length || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { groups, words, also };
}

function label(state: ReadState, facet: Facet, value: string): Record<string, unknown> {
  const node = (id: string) => state.mirror.nodes.get(id);
  switch (facet) {
    case 'pathway': {
      const n = node(`pathway-${value}`);
      return { id: n?.id, label: n?.props.name ?? `Pathway ${value}` };
    }
    case 'sdg': {
      const n = node(`sdg-${value}`);
      return { id: n?.id, label: n?.props.name ?? `SDG ${value}`, colour: n?.props.colour ?? null };
    }
    case 'target':
      return { id: `target-${value.replace('.', '-')}`, label: `Target ${value}` };
    case 'country':
      return { label: countryName(value) };
    case 'year':
      return { label: value };
    case 'size':
      return { label: value === 'unknown' ? 'Size not known' : SIZE_BAND_LABELS[value as SizeBand] };
    case 'cpvDivision':
      return { label: `${value}: ${cpvDivisionEntry(value)?.labels.en ?? 'CPV division'}` };
    case 'cpv':
      return { label: `${value} ${cpvLabel(value)}` };
    default: {
      const n = node(value);
      return { id: value, label: n?.props.name ?? value };
    }
  }
}

/** Size bands from the smallest place up; unknown last. */
const SIZE_ORDER: string[] = [...SIZE_BANDS, 'unknown'];

const FACET_LIMIT: Partial<Record<Facet, number>> = {
  target: 50,
  country: 60,
  place: 50,
  initiative: 50,
  theme: 50,
  approach: 50,
  cpv: 50,
};

function facetList(state: ReadState, facet: Facet, counts: FacetCount[]) {
  const labelled = counts.map((c) => ({ c, named: label(state, facet, c.value) }));
  const byLabel = (a: (typeof labelled)[number], b: (typeof labelled)[number]) =>
    String(a.named.label).localeCompare(String(b.named.label));
  const sorted = labelled.sort((a, b) => {
    if (facet === 'pathway' || facet === 'sdg') return Number(a.c.value) - Number(b.c.value);
    if (facet === 'year') return Number(b.c.value) - Number(a.c.value);
    if (facet === 'size') return SIZE_ORDER.indexOf(a.c.value) - SIZE_ORDER.indexOf(b.c.value);
    if (facet === 'cpvDivision' || facet === 'cpv') return a.c.value < b.c.value ? -1 : 1;
    return b.c.count - a.c.count || byLabel(a, b);
  });
  const limit = FACET_LIMIT[facet];
  const kept = limit ? sorted.filter((x, i) => i < limit || x.c.selected) : sorted;
  return kept.map(({ c, named }) => ({
    value: c.value,
    ...named,
    count: c.count,
    ...(c.adds === undefined ? {} : { adds: c.adds, selected: c.selected }),
  }));
}

/** Facet lists as shown, made once per answer of the index (a repeated query reuses its answer). */
const shownFacets = new WeakMap<IndexResult['facets'], Record<string, ReturnType<typeof facetList>>>();

function facetLists(state: ReadState, facets: IndexResult['facets']) {
  let shown = shownFacets.get(facets);
  if (!shown) {
    shown = Object.fromEntries(Object.entries(facets).map(([f, counts]) => [f, facetList(state, f as Facet, counts)]));
    shownFacets.set(facets, shown);
  }
  return shown;
}

export function summaries(state: ReadState, ids: string[]): CaseSummary[] {
  return ids.flatMap((id) => caseSummary(state.mirror, id) ?? []);
}

/** Faceted case search over the read model. */
export function findCases(state: ReadState, query: CaseQuery) {
  const { refs, rest } = query.q ? frameworkRefs(query.q) : { refs: [], rest: '' };
  const filters: Partial<Record<Facet, string[]>> = { ...query.filters };
  const interpretation: Interpretation = { frameworks: [], words: [], alsoSearched: [] };
  let anchor: string | undefined;
  for (const ref of refs) {
    const node = refNode(state, ref);
    if (!node) continue;
    const facet = ref.kind === 'goal' ? 'sdg' : ref.kind;
    const value = ref.kind === 'target' ? ref.code : String(ref.number);
    filters[facet] = [...new Set([...(filters[facet] ?? []), value])];
    anchor ??= node.id;
    interpretation.frameworks.push({ kind: ref.kind, id: node.id, label: (node.props.name as string) ?? (node.props.code as string) });
  }
  const { groups, words, also } = textGroups(rest);
  interpretation.words = words;
  interpretation.alsoSearched = also;
  const sort = query.sort ?? (groups.length ? 'relevance' : 'newest');
  if (query.q && !refs.length && !groups.length) {
    // Nothing searchable was typed (only common words, symbols or emoji): no case matches it.
    return { total: 0, sort, interpretation, cases: [], facets: {}, suggestions: [] };
  }
  const search = (mode: 'all' | 'any') =>
    state.cases.search({
      text: groups.length ? { groups, mode } : undefined,
      filters,
      yearFrom: query.yearFrom,
      yearTo: query.yearTo,
      sort,
      anchor,
    });
  const narrowed = Object.values(query.filters).some((v) => v?.length) || query.yearFrom !== undefined || query.yearTo !== undefined;
  let result = search('all');
  if (groups.length) {
    interpretation.matched = 'all';
    if (!result.ids.length) {
      result = search('any');
      interpretation.matched = 'any';
    } else if (result.ids.length < FEW && !narrowed) {
      // Only a few cases have the words: the cases having some of them follow, so a narrow query
      // ("laptops for pupils") still shows its near neighbours. The facet counts stay those of the
      // cases with the words, which is what choosing a value gives (a chosen filter stops the fill).
      const some = search('any');
      const first = new Set(result.ids);
      const more = some.ids.filter((id) => !first.has(id));
      if (more.length) {
        interpretation.partial = more.length;
        result = { ...result, ids: [...result.ids, ...more], scores: some.scores };
      }
    }
  }
  const page = result.ids.slice(query.offset, query.offset + query.limit);
  const facets = facetLists(state, result.facets);
  const stated = anchor ? statedFor(state, anchor) : undefined;
  return {
    total: result.ids.length,
    sort,
    interpretation,
    cases: summaries(state, page).map((c) => ({
      ...c,
      ...(result.scores.has(c.id) ? { score: Math.round(result.scores.get(c.id)! * 100) / 100 } : {}),
      ...(stated?.(c.id) ? { statedExample: true } : {}),
    })),
    facets,
    suggestions: result.ids.length ? [] : suggestions(state, rest),
  };
}

/** "Did you mean": spellings close to the words typed that the cases use. */
function suggestions(state: ReadState, text: string): string[] {
  if (!text.trim()) return [];
  return state.nodes.suggest(text).slice(0, 3);
}

function statedFor(state: ReadState, anchor: string) {
  return (id: string) => state.cases.docs.get(id)?.stated.includes(anchor) === true;
}

/**
 * A pathway's, goal's or target's cases: those a source states as linked to it first (marked
 * `statedExample`), then in the chosen order.
 */
export function nodeCases(
  state: ReadState,
  anchor: string,
  filter: { facet: Facet; value: string },
  sort: Sort,
  page: { limit: number; offset: number },
) {
  const result = state.cases.search({
    filters: { [filter.facet]: [filter.value] },
    sort: sort === 'relevance' ? 'newest' : sort,
    anchor,
    withoutFacets: true,
  });
  const stated = statedFor(state, anchor);
  const ids = result.ids.slice(page.offset, page.offset + page.limit);
  return {
    total: result.ids.length,
    stated: result.stated,
    cases: summaries(state, ids).map((c) => (stated(c.id) ? { ...c, statedExample: true } : c)),
  };
}

/** Search over every kind of node: a framework named in the query first, then by text. */
export function findNodes(state: ReadState, q: string, kinds: string[] | undefined, limit: number) {
  const accept = (n: MirrorNode) => !kinds || kinds.includes(n.kind);
  const { refs, rest } = frameworkRefs(q);
  const hits: { node: MirrorNode; score: number }[] = [];
  for (const ref of refs) {
    const node = refNode(state, ref);
    if (node && accept(node)) hits.push({ node, score: 1000 });
  }
  const { groups } = textGroups(refs.length ? rest : q);
  const seen = new Set(hits.map((h) => h.node.id));
  if (groups.length) {
    // Cases come from the case index, the other kinds from the node index. The two scores are on
    // different scales, so each is taken relative to its index's best, and on a tie the node named
    // goes before the cases mentioning it ("Oslo": the place, then its cases).
    const byText = (mode: 'all' | 'any') => {
      const others = state.nodes.search(groups, mode, limit + hits.length, accept);
      if (kinds && !kinds.includes('case')) return others;
      const { ids, scores } = state.cases.search({ text: { groups, mode }, filters: {}, sort: 'relevance', withoutFacets: true });
      const cases = ids.slice(0, limit + hits.length).flatMap((id) => {
        const node = state.mirror.nodes.get(id);
        return node ? [{ node, score: scores.get(id) ?? 0 }] : [];
      });
      const relative = (list: { node: MirrorNode; score: number }[], rank: number) =>
        list.map((h) => ({ node: h.node, score: h.score / (list[0]?.score || 1), rank }));
      return [...relative(others, 0), ...relative(cases, 1)].sort((a, b) => b.score - a.score || a.rank - b.rank);
    };
    let found = byText('all');
    if (!found.length) found = byText('any');
    for (const h of found) if (!seen.has(h.node.id)) hits.push(h);
  }
  // "Pathway 12" alone: the pathway, then its cases.
  if (refs.length && !groups.length) {
    for (const ref of refs) {
      const node = refNode(state, ref);
      if (!node) continue;
      const facet = ref.kind === 'goal' ? 'sdg' : ref.kind;
      const value = ref.kind === 'target' ? ref.code : String(ref.number);
      const { ids } = state.cases.search({ filters: { [facet]: [value] }, sort: 'newest', anchor: node.id, withoutFacets: true });
      for (const id of ids) {
        const c = state.mirror.nodes.get(id);
        if (c && accept(c) && !seen.has(id)) {
          seen.add(id);
          hits.push({ node: c, score: 0 });
        }
        if (hits.length >= limit) break;
      }
    }
  }
  return { hits: hits.slice(0, limit), suggestions: hits.length ? [] : suggestions(state, q) };
}

/**
 * Words that say where a case happened and who took part rather than what was bought: the names of
 * its places, organisations and initiatives, numbers and calendar words.
 */
function contextTerms(state: ReadState, id: string): Set<string> {
  const out = new Set<string>();
  for (const r of state.mirror.out(id)) {
    const n = state.mirror.nodes.get(r.to);
    if (n && (n.kind === 'place' || n.kind === 'organisation' || n.kind === 'initiative'))
      for (const text of [n.props.name, ...(Array.isArray(n.props.altNames) ? (n.props.altNames as unknown[]) : [])])
        if (typeof text === 'string') for (const t of documentTerms(text)) out.add(t);
  }
  return out;
}

const CALENDAR = new Set(documentTerms('January February March April May June July August September October November December year years'));

/** Terms a case's own text is made of (name, summary, outcome; its themes and approaches count as features), for finding cases that describe the same purchase. */
function docTerms(doc: CaseDoc, skip: Set<string> = new Set()): Map<string, number> {
  const tf = new Map<string, number>();
  for (const [text, weight] of [
    [doc.name, 3],
    [doc.about, 2],
    [doc.summary, 1],
    [doc.outcome, 1],
  ] as const)
    for (const t of documentTerms(text)) if (!skip.has(t) && !/^\d/.test(t) && !CALENDAR.has(t)) tf.set(t, (tf.get(t) ?? 0) + weight);
  return tf;
}

/** How many of a case's distinctive words are looked for, and what the best text match counts for. */
const TEXT_TERMS = 16;
const TEXT_WEIGHT = 6;
const TEXT_POSTINGS = 12_000;
/** A shared feature of at most this many cases (or 5% of them) brings its cases in as candidates. */
const GENERATING_CASES = 500;

const FEATURE_WEIGHTS: Partial<Record<Facet, { reason: string; base: number }>> = {
  theme: { reason: 'theme', base: 3 },
  approach: { reason: 'approach', base: 3 },
  initiative: { reason: 'initiative', base: 2.5 },
  pathway: { reason: 'pathway', base: 0.75 },
  target: { reason: 'target', base: 1 },
  sdg: { reason: 'goal', base: 0.5 },
  country: { reason: 'country', base: 0.75 },
};

/**
 * Cases a buyer replicating this one would look at: the same thing bought the same way (the words
 * of name, summary, outcome, themes and approaches, rare words counting for more) together with
 * shared themes, approaches, initiatives, targets, pathways and goals and the same country, each
 * shared feature weighted down as it gets common. Every result keeps its reasons.
 */
export function similarTo(state: ReadState, id: string, limit: number) {
  return state.cases.remember(`similar\u0000${id}\u0000${limit}`, () => rankSimilar(state, id, limit));
}

function rankSimilar(state: ReadState, id: string, limit: number) {
  const doc = state.cases.docs.get(id);
  if (!doc) return undefined;
  const n = Math.max(1, state.cases.size);
  const tf = docTerms(doc, contextTerms(state, id));
  // The case's most distinctive words: frequent in it, rare among cases; words in most cases say nothing.
  const candidates = [...tf]
    .map(([t]) => ({ t, df: state.cases.documentFrequency(t) }))
    .filter((x) => x.df > 0 && x.df < n * 0.2 && x.df > 1)
    .map((x) => ({ ...x, w: (tf.get(x.t) ?? 0) * Math.log(n / x.df) }))
    .sort((a, b) => b.w - a.w);
  // Scoring a word costs a step per case using it: past a budget, only rarer words are added.
  const weighted: typeof candidates = [];
  let postings = 0;
  for (const x of candidates) {
    if (weighted.length >= TEXT_TERMS) break;
    if (postings + x.df > TEXT_POSTINGS) continue;
    postings += x.df;
    weighted.push(x);
  }
  const top = weighted[0]?.w ?? 1;
  const text = weighted.length
    ? state.cases.textScores(
        weighted.map((x) => x.t),
        new Map(weighted.map((x) => [x.t, x.w / top])),
      )
    : new Map<string, number>();
  const maxText = Math.max(0, ...[...text].filter(([k]) => k !== id).map(([, v]) => v));
  // Scores first, as plain numbers over every case sharing something; reasons only for the few kept.
  const scores = new Map<string, number>();
  const add = (other: string, weight: number) => scores.set(other, (scores.get(other) ?? 0) + weight);
  const textWeight = (s: number) => Math.round(((TEXT_WEIGHT * s) / maxText) * 100) / 100;
  if (maxText > 0)
    for (const [other, s] of text) {
      const weight = textWeight(s);
      if (other !== id && weight >= 0.5) add(other, weight);
    }
  const features = (Object.entries(FEATURE_WEIGHTS) as [Facet, { reason: string; base: number }][]).flatMap(([facet, spec]) =>
    doc.facets[facet].map((value) => {
      const others = state.cases.withValue(facet, value);
      return { facet, value, spec, others, weight: Math.round((spec.base / Math.log(Math.E + others.size / 10)) * 100) / 100 };
    }),
  );
  // A feature most cases share (SDG 12, a big pathway) would make every case a candidate while
  // adding little to any score: such features raise the cases found otherwise, and bring in cases
  // of their own only when too few were found.
  const generating = Math.max(GENERATING_CASES, n * 0.05);
  const common = features.filter((f) => f.others.size > generating);
  for (const f of features) if (f.others.size <= generating) for (const other of f.others) if (other !== id) add(other, f.weight);
  for (const f of [...common].sort((a, b) => a.others.size - b.others.size)) {
    if (scores.size > limit) break;
    for (const other of f.others) if (other !== id && !scores.has(other)) scores.set(other, 0);
  }
  for (const [other, score] of scores) {
    let bonus = 0;
    for (const f of common) if (f.others.has(other)) bonus += f.weight;
    if (bonus) scores.set(other, score + bonus);
  }
  type Reason = { reason: string; id?: string; name?: string; weight: number; words?: string[] };
  const ranked = [...scores]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([other, score]) => {
      const reasons: Reason[] = [];
      const s = text.get(other);
      if (maxText > 0 && s !== undefined && textWeight(s) >= 0.5) {
        const otherTerms = docTerms(state.cases.docs.get(other)!);
        reasons.push({ reason: 'text', weight: textWeight(s), words: weighted.filter((x) => otherTerms.has(x.t)).map((x) => x.t) });
      }
      for (const f of features)
        if (f.others.has(other)) {
          const named = label(state, f.facet, f.value);
          reasons.push({ reason: f.spec.reason, id: (named.id as string) ?? f.value, name: String(named.label), weight: f.weight });
        }
      return { id: other, score: Math.round(score * 100) / 100, reasons: reasons.sort((a, b) => b.weight - a.weight) };
    });
  const byId = new Map(
    summaries(
      state,
      ranked.map((r) => r.id),
    ).map((s) => [s.id, s]),
  );
  return ranked.flatMap((r) => {
    const s = byId.get(r.id);
    return s ? [{ ...s, score: r.score, reasons: r.reasons }] : [];
  });
}
