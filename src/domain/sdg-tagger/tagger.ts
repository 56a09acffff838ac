import { type CompiledSdgLexicon, type CompiledTerm, type Phrase, loadSdgLexicon } from './lexicon.js';
import { type AnalysedText, type SdgSentence, type SdgToken, analyse, sentenceText } from './text.js';

export { DEFAULT_SDG_LEXICON_PATH, SdgLexiconError, loadSdgLexicon } from './lexicon.js';

export interface SdgEvidence {
  /** The words of the text that matched a lexicon term ("…" joins the parts of a same-sentence term). */
  term: string;
  sentence: string;
}

export interface SdgGoalResult {
  number: number;
  score: number;
  assigned: boolean;
  evidence: SdgEvidence[];
}

export interface SdgTargetResult {
  code: string;
  score: number;
  evidence: SdgEvidence[];
}

export interface SdgClassification {
  sdgs: SdgGoalResult[];
  targets: SdgTargetResult[];
}

interface Hit {
  term: CompiledTerm;
  surface: string;
  sentence: number;
  at: number;
  /** One past the last token of the match (of its first phrase for a same-sentence term). */
  end: number;
}

function phraseAt(tokens: SdgToken[], i: number, phrase: Phrase, endToken: number): number {
  if (i + phrase.length > endToken) return 0;
  for (let j = 0; j < phrase.length; j++) {
    const w = phrase[j]!;
    const t = tokens[i + j]!;
    if ('stem' in w ? t.stem !== w.stem : !t.folded.startsWith(w.prefix)) return 0;
  }
  return phrase.length;
}

function candidatesAt(lex: CompiledSdgLexicon, t: SdgToken): CompiledTerm[] {
  const exact = lex.byStem.get(t.stem) ?? [];
  if (!lex.prefixLengths.length) return exact;
  const out = [...exact];
  for (const n of lex.prefixLengths) {
    if (n > t.folded.length) break;
    const list = lex.byPrefix.get(t.folded.slice(0, n));
    if (list) out.push(...list);
  }
  return out;
}

/** Contiguous matches, longest first per goal: a longer phrase (or an ignore phrase) hides the words inside it. */
function contiguousHits(lex: CompiledSdgLexicon, doc: AnalysedText): Hit[] {
  const hits: Hit[] = [];
  const freeFrom = new Array<number>(18).fill(0);
  const { tokens, sentences } = doc;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const endToken = sentences[tok.sentence]!.endToken;
    const best = new Map<number, { term: CompiledTerm; len: number }>();
    for (const term of candidatesAt(lex, tok)) {
      if (i < freeFrom[term.goal]!) continue;
      const len = phraseAt(tokens, i, term.phrases[0]!, endToken);
      if (!len) continue;
      const cur = best.get(term.goal);
      if (!cur || len > cur.len || (len === cur.len && term.tier === 'ignore')) best.set(term.goal, { term, len });
    }
    for (const [goal, { term, len }] of best) {
      freeFrom[goal] = i + len;
      if (term.tier === 'ignore') continue;
      hits.push({ term, surface: doc.text.slice(tok.start, tokens[i + len - 1]!.end), sentence: tok.sentence, at: i, end: i + len });
    }
  }
  return hits;
}

/** Terms whose phrases must all occur in one sentence; each counts once per sentence. */
function cooccurrenceHits(lex: CompiledSdgLexicon, doc: AnalysedText): Hit[] {
  const hits: Hit[] = [];
  const { tokens, text } = doc;
  doc.sentences.forEach((s, si) => {
    const stems = new Set<string>();
    for (let i = s.firstToken; i < s.endToken; i++) stems.add(tokens[i]!.stem);
    for (const term of lex.cooccurring) {
      const surfaces: string[] = [];
      let first = -1;
      let firstEnd = -1;
      for (const phrase of term.phrases) {
        const head = phrase[0]!;
        if ('stem' in head && !stems.has(head.stem)) break;
        let found = -1;
        let len = 0;
        for (let i = s.firstToken; i < s.endToken && found < 0; i++) {
          len = phraseAt(tokens, i, phrase, s.endToken);
          if (len) found = i;
        }
        if (found < 0) break;
        if (first < 0 || found < first) {
          first = found;
          firstEnd = found + len;
        }
        surfaces.push(text.slice(tokens[found]!.start, tokens[found + len - 1]!.end));
      }
      if (surfaces.length === term.phrases.length)
        hits.push({ term, surface: surfaces.join(' … '), sentence: si, at: first, end: firstEnd });
    }
  });
  return hits;
}

/**
 * Sentences that use a target's own wording: at least `minWords` of the distinctive words of one official
 * target text ("unpaid care and domestic work", "remittance ... transaction costs"). Counts once per sentence.
 */
function wordingHits(lex: CompiledSdgLexicon, doc: AnalysedText): Hit[] {
  const w = lex.wording;
  if (!w) return [];
  const hits: Hit[] = [];
  const { tokens, text } = doc;
  doc.sentences.forEach((s, si) => {
    const found = new Map<CompiledTerm, Map<string, number>>();
    for (let i = s.firstToken; i < s.endToken; i++) {
      const stemHere = tokens[i]!.stem;
      for (const term of w.byStem.get(stemHere) ?? []) {
        const seen = found.get(term) ?? new Map<string, number>();
        if (!seen.has(stemHere)) seen.set(stemHere, i);
        found.set(term, seen);
      }
    }
    for (const [term, seen] of found) {
      if (seen.size < w.minWords) continue;
      const at = [...seen.values()].sort((a, b) => a - b);
      const surface = at.map((i) => text.slice(tokens[i]!.start, tokens[i]!.end)).join(' … ');
      hits.push({ term, surface, sentence: si, at: at[0]!, end: at[0]! + 1 });
    }
  });
  return hits;
}

const CLAUSE_BREAK = /[:;,()–—]/;

/** Drops the hits a negation cue ("not about", "nothing to do with") governs in their clause. */
function negatedHits(lex: CompiledSdgLexicon, doc: AnalysedText, hits: Hit[]): Hit[] {
  const neg = lex.negation;
  if (!neg || !hits.length) return hits;
  const { tokens } = doc;
  const spansIn = (s: SdgSentence, cues: Phrase[]) => {
    const list: Array<[number, number]> = [];
    for (let i = s.firstToken; i < s.endToken; i++) {
      for (const cue of cues) {
        const len = phraseAt(tokens, i, cue, s.endToken);
        if (len) list.push([i, i + len]);
      }
    }
    return list;
  };
  const cues = new Map<number, { ahead: Array<[number, number]>; behind: Array<[number, number]> }>();
  for (const si of new Set(hits.map((h) => h.sentence))) {
    const s = doc.sentences[si]!;
    cues.set(si, { ahead: spansIn(s, neg.ahead), behind: spansIn(s, neg.behind) });
  }
  // A cue reaches only within its clause: "not about climate: it examines consumers" leaves "consumers" counted.
  const sameClause = (a: number, b: number) => !CLAUSE_BREAK.test(doc.text.slice(tokens[a]!.end, tokens[b]!.start));
  return hits.filter((h) => {
    const { ahead, behind } = cues.get(h.sentence)!;
    return (
      !ahead.some(([, to]) => to <= h.at && h.at - to <= neg.reach && sameClause(to - 1, h.at)) &&
      !behind.some(([from]) => from >= h.end && from - h.end <= neg.gap && sameClause(h.end - 1, from))
    );
  });
}

interface Tally {
  raw: number;
  evidence: SdgEvidence[];
}

function tally(lex: CompiledSdgLexicon, doc: AnalysedText, hits: Hit[]): Tally {
  const { repeatBonus, repeatCap, evidenceLimit } = lex.scoring;
  const byTerm = new Map<number, Hit[]>();
  for (const h of hits) byTerm.set(h.term.id, [...(byTerm.get(h.term.id) ?? []), h]);
  let raw = 0;
  const firsts: Hit[] = [];
  for (const list of byTerm.values()) {
    const n = Math.min(list.length, repeatCap);
    raw += list[0]!.term.weight * (1 + repeatBonus * (n - 1));
    firsts.push(list.reduce((a, b) => (b.at < a.at ? b : a)));
  }
  firsts.sort((a, b) => b.term.weight - a.term.weight || a.at - b.at);
  const evidence = firsts
    .slice(0, evidenceLimit)
    .map((h) => ({ term: h.surface, sentence: sentenceText(doc.text, doc.sentences[h.sentence]!) }));
  return { raw, evidence };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Builds a classifier over a compiled lexicon; the lexicon is indexed once, each call only scans the text. */
export function createSdgTagger(lex: CompiledSdgLexicon): (text: string) => SdgClassification {
  const { assign, relative, lengthUnit, secondaryEvidence, goalAssign } = lex.scoring;
  const thresholds = Array.from({ length: 18 }, (_, n) => goalAssign?.[String(n)] ?? assign);
  return (text: string): SdgClassification => {
    const doc = analyse(text);
    const hits = negatedHits(lex, doc, [...contiguousHits(lex, doc), ...cooccurrenceHits(lex, doc), ...wordingHits(lex, doc)]);
    // Longer texts need proportionally more evidence, but less than linearly: a report mentions its topic again and again.
    const lengthFactor = Math.max(1, Math.sqrt(doc.tokens.length / lengthUnit));
    const perGoal = new Map<number, Hit[]>();
    for (const h of hits) perGoal.set(h.term.goal, [...(perGoal.get(h.term.goal) ?? []), h]);

    const goals: Array<{ number: number; score: number; evidence: SdgEvidence[]; hits: Hit[] }> = [];
    for (let n = 1; n <= 17; n++) {
      let goalHits = perGoal.get(n) ?? [];
      // Weak words only add to a goal that already has a medium or strong term.
      if (!goalHits.some((h) => h.term.tier !== 'weak')) goalHits = [];
      const { raw, evidence } = tally(lex, doc, goalHits);
      goals.push({ number: n, score: raw / lengthFactor, evidence, hits: goalHits });
    }
    const top = Math.max(...goals.map((g) => g.score));
    // A goal other than the best one also needs more than a single passing mention.
    const isAssigned = (g: (typeof goals)[number]) =>
      g.score >= thresholds[g.number]! &&
      g.score >= relative * top &&
      (g.score === top || g.hits.filter((h) => h.term.tier !== 'weak').length >= secondaryEvidence);
    const sdgs = goals
      .map((g) => ({ number: g.number, score: round(g.score), assigned: isAssigned(g), evidence: g.evidence }))
      .sort((a, b) => b.score - a.score || a.number - b.number);

    const targets: SdgTargetResult[] = [];
    for (const g of goals) {
      if (!sdgs.find((s) => s.number === g.number)!.assigned) continue;
      const byTarget = new Map<string, Hit[]>();
      for (const h of g.hits) if (h.term.target) byTarget.set(h.term.target, [...(byTarget.get(h.term.target) ?? []), h]);
      for (const [code, list] of byTarget) {
        const { raw, evidence } = tally(lex, doc, list);
        targets.push({ code, score: round(raw / lengthFactor), evidence });
      }
    }
    targets.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code, 'en', { numeric: true }));
    return { sdgs, targets };
  };
}

let defaultTagger: ((text: string) => SdgClassification) | undefined;

/**
 * Tells which of the 17 SDGs (and which targets) an English text is about, with the matched words and
 * sentences as evidence. The lexicon (graph/lexicon/sdg-terms.yaml) is loaded and compiled on the first call.
 */
export function classifySdgs(text: string): SdgClassification {
  defaultTagger ??= createSdgTagger(loadSdgLexicon());
  return defaultTagger(text);
}
