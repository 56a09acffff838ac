import { loadPathwayTerms, type PathwayTerms } from './lexicon.js';
import { PhraseIndex } from './phrases.js';
import type { ItemScan } from './scan.js';
import type { IngestContext } from '../types.js';

/**
 * Implicit pathways, scored in the open: each pathway's terms (graph/lexicon/pathway-terms.yaml)
 * found in the item, plus the goals the item is about through the pathway's goal alignments. The
 * proposal carries every term and goal that counted, so a curator sees why.
 */

interface Term {
  pathway: number;
  term: string;
  weight: number;
}

export interface PathwayScore {
  number: number;
  score: number;
  terms: { term: string; weight: number; count: number; points: number }[];
  goals: { number: number; points: number }[];
  /** Where the strongest term is first mentioned. */
  first?: { start: number; end: number };
}

let termIndex: { lexicon: PathwayTerms; index: PhraseIndex<Term> } | undefined;

function terms(): { lexicon: PathwayTerms; index: PhraseIndex<Term> } {
  if (termIndex) return termIndex;
  const lexicon = loadPathwayTerms();
  const index = new PhraseIndex<Term>();
  for (const p of lexicon.pathways)
    for (const t of p.terms) index.add({ phrase: t.term, value: { pathway: p.number, term: t.term, weight: t.weight }, proper: false });
  termIndex = { lexicon, index };
  return termIndex;
}

/** Goal strengths scaled to 0..1 (the strongest goal the item is about is 1). */
export type GoalStrengths = Map<number, number>;

export function scorePathways(
  scan: ItemScan,
  context: IngestContext,
  goals: GoalStrengths,
): { scores: PathwayScore[]; lexicon: PathwayTerms } {
  const { lexicon, index } = terms();
  const found = new Map<string, { t: Term; count: number; start: number; end: number }>();
  for (const m of index.scan(scan.tokens, (i) => scan.owner[i] === 'reference')) {
    for (const e of m.entries) {
      const key = `${e.value.pathway}|${e.value.term}`;
      const hit = found.get(key);
      if (hit) hit.count++;
      else found.set(key, { t: e.value, count: 1, start: m.start, end: m.end });
    }
  }
  const scores: PathwayScore[] = [];
  for (const p of context.pathways.length ? context.pathways : lexicon.pathways.map((x) => ({ number: x.number, goals: [] as number[] }))) {
    const hits = [...found.values()].filter((h) => h.t.pathway === p.number);
    const termList = hits.map((h) => ({
      term: h.t.term,
      weight: h.t.weight,
      count: h.count,
      points: h.t.weight * (1 + 0.5 * Math.min(h.count - 1, 2)),
    }));
    const goalList = p.goals
      .map((g) => ({ number: g, points: p.goals.length ? (lexicon.goalWeight * (goals.get(g) ?? 0)) / p.goals.length : 0 }))
      .filter((g) => g.points > 0);
    const score = termList.reduce((s, t) => s + t.points, 0) + goalList.reduce((s, g) => s + g.points, 0);
    const strongest = hits.sort((a, b) => b.t.weight - a.t.weight || a.start - b.start)[0];
    scores.push({
      number: p.number,
      score: Math.round(score * 100) / 100,
      terms: termList.sort((a, b) => b.points - a.points),
      goals: goalList.map((g) => ({ number: g.number, points: Math.round(g.points * 100) / 100 })),
      first: strongest ? { start: strongest.start, end: strongest.end } : undefined,
    });
  }
  return { scores: scores.sort((a, b) => b.score - a.score || a.number - b.number), lexicon };
}

/** The confidence of a pathway proposal from its score. */
export function pathwayConfidence(score: number, lexicon: PathwayTerms): number {
  return Math.min(0.9, Math.round((score / (score + lexicon.confidenceHalf)) * 100) / 100);
}
