import { fold } from '../text.js';

/** One word of a text: its stem for matching, its folded form for prefix patterns, where it sits. */
export interface SdgToken {
  stem: string;
  folded: string;
  start: number;
  end: number;
  sentence: number;
}

export interface SdgSentence {
  start: number;
  end: number;
  /** Index of the sentence's first token and one past its last. */
  firstToken: number;
  endToken: number;
}

export interface AnalysedText {
  text: string;
  tokens: SdgToken[];
  sentences: SdgSentence[];
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
// A sentence ends at . ! or ? followed by a space and a capital, digit or opening quote, or at a blank line or line break.
const SENTENCE_END = /[.!?]+["'”’)\]]*\s+(?=["'“‘([]?[\p{Lu}\p{N}])|\n\s*/gu;

const IRREGULAR: Record<string, string> = {
  women: 'woman',
  men: 'man',
  children: 'child',
  fishermen: 'fisherman',
  fisherwomen: 'fisherwoman',
  // "wasting" (acute malnutrition) must not fold into "waste".
  wasting: 'wasting',
  // "smoking" (tobacco) must not fold into "smoke" (kitchens, wildfires).
  smoking: 'smoking',
  // "zoning" (land-use planning) must not fold into "zone".
  zoning: 'zoning',
  data: 'data',
  news: 'news',
  aids: 'aids',
  species: 'species',
  series: 'series',
  indices: 'index',
};

const VOWEL = /[aeiouy]/;

/**
 * A light inflectional stemmer: plurals, -ing, -ed and a final -e, so "latrines", "latrine",
 * "vaccinated"/"vaccinate" and "housing"/"house" meet; derivations ("sanitation"/"sanitary") do not.
 */
export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|us|is)$/.test(w)) {
    // "process", "status", "analysis" are not plurals
  } else if (/(?:ches|shes|xes|sses|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s')) w = w.slice(0, -1);
  let stripped = false;
  if (w.endsWith('ing') && w.length >= 5 && VOWEL.test(w.slice(0, -3))) {
    w = w.slice(0, -3);
    stripped = true;
  } else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('eed')) {
    // "seed", "need", "agreed" keep their ending
  } else if (w.endsWith('ed') && w.length >= 4 && VOWEL.test(w.slice(0, -2))) {
    w = w.slice(0, -2);
    stripped = true;
  }
  if (stripped && /([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

/** Folds a word as the matcher sees it: lower case, no accents, no possessive 's. */
export function foldWord(word: string): string {
  return fold(word)
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
}

/** Splits a text into sentences and stemmed word tokens, keeping character offsets for evidence. */
export function analyse(text: string): AnalysedText {
  const bounds: Array<{ start: number; end: number }> = [];
  let from = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const cut = (m.index ?? 0) + m[0].length;
    if (cut > from) bounds.push({ start: from, end: cut });
    from = cut;
  }
  if (from < text.length) bounds.push({ start: from, end: text.length });

  const tokens: SdgToken[] = [];
  const sentences: SdgSentence[] = [];
  for (const b of bounds) {
    const firstToken = tokens.length;
    const slice = text.slice(b.start, b.end);
    for (const m of slice.matchAll(WORD)) {
      const folded = foldWord(m[0]);
      if (!folded) continue;
      const start = b.start + (m.index ?? 0);
      tokens.push({ stem: stem(folded), folded, start, end: start + m[0].length, sentence: sentences.length });
    }
    if (tokens.length > firstToken) sentences.push({ start: b.start, end: b.end, firstToken, endToken: tokens.length });
  }
  return { text, tokens, sentences };
}

/** The sentence's text as shown in evidence: trimmed, whitespace collapsed, long ones shortened. */
export function sentenceText(text: string, s: SdgSentence, max = 400): string {
  const clean = text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
