import MiniSearch from 'minisearch';
import { documentTerms, queryTerms, wordsWithTerms } from './analyse.js';
import { textQuery, type CaseIndex } from './case-index.js';
import type { GraphMirror, MirrorNode } from './mirror.js';

interface NodeDoc {
  id: string;
  name: string;
  altNames: string;
  code: string;
  text: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function nodeDoc(node: MirrorNode): NodeDoc {
  const p = node.props;
  const label =
    node.kind === 'goal' ? `SDG ${str(p.number)} Goal ${str(p.number)}` : node.kind === 'pathway' ? `Pathway ${str(p.number)}` : '';
  return {
    id: node.id,
    name: [str(p.name ?? p.title), label].filter(Boolean).join(' '),
    altNames: Array.isArray(p.altNames) ? (p.altNames as unknown[]).map(str).join(' | ') : '',
    code: str(p.code),
    text: [p.summary, p.description, p.text, node.kind === 'source' ? null : p.title].map(str).filter(Boolean).join(' '),
  };
}

function nodeNames(node: MirrorNode): string {
  const p = node.props;
  return [str(p.name ?? p.title), ...(Array.isArray(p.altNames) ? (p.altNames as unknown[]).map(str) : [])].join(' ');
}

/** Cases are searched in the case index (their text is the largest part); this one holds the other kinds. */
const indexed = (node: MirrorNode) => node.kind !== 'case';

/**
 * Full-text search over every kind of public node but cases (names, alternate names, codes,
 * descriptions), and the spelling suggestions of both indexes.
 */
export class NodeIndex {
  private readonly index = new MiniSearch<NodeDoc>({
    fields: ['name', 'altNames', 'code', 'text'],
    tokenize: (text) => documentTerms(text),
    processTerm: (term) => term,
    searchOptions: {
      tokenize: (q) => q.split(' ').filter(Boolean),
      processTerm: (t) => t,
      boost: { name: 3, altNames: 2, code: 3, text: 0.6 },
    },
    autoVacuum: { minDirtCount: 200, minDirtFactor: 0.1, batchSize: 500, batchWait: 5 },
  });

  /** Ranked ids by query since the index last changed (a word in most nodes takes long to rank). */
  private readonly ranked = new Map<string, { id: string; score: number }[]>();

  /** For each term of the nodes' names, the written word that most often gives it ("light" -> "lighting"). */
  private readonly words = new Map<string, string>();

  constructor(
    private readonly mirror: GraphMirror,
    private readonly cases: CaseIndex,
  ) {
    const docs = [...mirror.nodes.values()].filter(indexed).map(nodeDoc);
    this.index.addAll(docs);
    const counts = new Map<string, Map<string, number>>();
    for (const node of mirror.nodes.values())
      for (const [word, term] of wordsWithTerms(nodeNames(node))) {
        let byWord = counts.get(term);
        if (!byWord) counts.set(term, (byWord = new Map<string, number>()));
        byWord.set(word, (byWord.get(word) ?? 0) + 1);
      }
    for (const [term, byWord] of counts) this.words.set(term, [...byWord].sort((a, b) => b[1] - a[1])[0]![0]);
  }

  /** Reads the node again from the mirror (after a change to it). */
  refresh(id: string): void {
    this.ranked.clear();
    if (this.index.has(id)) this.index.discard(id);
    const node = this.mirror.nodes.get(id);
    if (node) {
      if (indexed(node)) this.index.add(nodeDoc(node));
      for (const [word, term] of wordsWithTerms(nodeNames(node))) if (!this.words.has(term)) this.words.set(term, word);
    }
  }

  /** Nodes having every term of some group ('all') or any term ('any'), best first. */
  search(
    groups: string[][],
    mode: 'all' | 'any',
    limit: number,
    accept: (node: MirrorNode) => boolean,
  ): { node: MirrorNode; score: number }[] {
    if (!groups.length) return [];
    const key = JSON.stringify([groups, mode]);
    let ranked = this.ranked.get(key);
    if (!ranked) {
      ranked = this.index.search(textQuery(groups, mode)).map((r) => ({ id: r.id as string, score: r.score }));
      this.ranked.set(key, ranked);
      if (this.ranked.size > 500) this.ranked.delete(this.ranked.keys().next().value!);
    }
    const out: { node: MirrorNode; score: number }[] = [];
    for (const r of ranked) {
      const node = this.mirror.nodes.get(r.id);
      if (node && accept(node)) out.push({ node, score: r.score });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Spellings close to what was typed that the nodes use, as words ("strret lighting" -> "street lighting"). */
  suggest(text: string): string[] {
    const terms = queryTerms(text);
    if (!terms.length) return [];
    const options = { fuzzy: 0.3, prefix: false, combineWith: 'AND' } as const;
    const spelt = [...this.index.autoSuggest(terms.join(' '), options), ...this.cases.autoSuggest(terms.join(' '), options)]
      // A document can hold two spellings near one typed word ("street" and "store" for "strret"): a
      // suggestion offers one word for each word typed.
      .filter((s) => s.terms.length === terms.length)
      .sort((a, b) => b.score - a.score)
      .map((s) => s.terms.map((t) => this.words.get(t) ?? (t.endsWith('!') ? t.slice(0, -1).toUpperCase() : t)).join(' '));
    return [...new Set(spelt)];
  }
}
