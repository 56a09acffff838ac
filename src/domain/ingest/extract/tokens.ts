import type { Span } from '../types.js';

/** Letters that do not decompose under NFD but that readers treat as plain letters. */
const LETTER_FOLDS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', þ: 'th', ı: 'i' };

const folds = new Map<string, string>();

/** Lower-case, without accents or special letters: "Trøndelag" and "Trondelag" compare equal. */
export function foldName(text: string): string {
  if (/^[a-z0-9]*$/.test(text)) return text;
  if (text.length <= 24) {
    let f = folds.get(text);
    if (f === undefined) {
      if (folds.size > 50_000) folds.clear();
      f = foldText(text);
      folds.set(text, f);
    }
    return f;
  }
  return foldText(text);
}

function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđþı]/g, (c) => LETTER_FOLDS[c] ?? c);
}

export interface Token {
  /** The surface text. */
  text: string;
  folded: string;
  start: number;
  end: number;
  /** Starts with an upper-case letter or a digit. */
  cap: boolean;
  /** Two or more letters, all upper case (an acronym such as ICLEI or PCP). */
  upper: boolean;
  /** The text between the previous token and this one. */
  gap: string;
  /** Followed by 's or ’s. */
  possessive: boolean;
  /** First token of its sentence. */
  sentenceStart: boolean;
  sentence: number;
}

const TOKEN = /[\p{L}\p{N}]+\+?|(?<=\s)&(?=\s)/gu;
const APOSTROPHE = /^['’]$/;

/** Splits text into word tokens with offsets; a possessive 's is folded into the token before it. */
export function tokenize(text: string, sentences: Sentence[] = []): Token[] {
  const tokens: Token[] = [];
  let prevEnd = 0;
  let sentence = 0;
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const word = m[0];
    const gap = text.slice(prevEnd, start);
    const last = tokens[tokens.length - 1];
    if (last && (word === 's' || word === 'S') && APOSTROPHE.test(gap)) {
      last.possessive = true;
      prevEnd = start + word.length;
      continue;
    }
    while (sentence + 1 < sentences.length && sentences[sentence + 1]!.start <= start) sentence++;
    const first = word[0]!;
    const letters = word.replace(/[^\p{L}]/gu, '');
    tokens.push({
      text: word,
      folded: foldName(word),
      start,
      end: start + word.length,
      cap: /[\p{Lu}\p{N}]/u.test(first),
      upper: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      gap,
      possessive: false,
      sentenceStart: !last || last.sentence !== sentence,
      sentence,
    });
    prevEnd = start + word.length;
  }
  return tokens;
}

/** Tokens are joined within a name when only spaces, hyphens or apostrophes stand between them. */
export function joined(token: Token): boolean {
  // "R&D": an ampersand between letters joins them (a spaced one is a token of its own).
  return (/^[ \t\u00a0\-‐‑'’]*$/.test(token.gap) && token.gap.length <= 3) || token.gap === '&';
}

export interface Sentence extends Span {
  text: string;
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'no',
  'vs',
  'etc',
  'eg',
  'ie',
  'e.g',
  'i.e',
  'inc',
  'ltd',
  'co',
  'approx',
  'dept',
  'fig',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/**
 * Splits text into sentences with offsets: at . ! ? followed by a space and a capital, digit or
 * quote, and at every line break (headings and list items stand alone). Abbreviations and
 * initials do not end a sentence.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (start: number, end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) out.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed });
  };
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const lineEnd = lineStart + line.length;
    let from = lineStart;
    for (const m of line.matchAll(/[.!?]+["”’')\]]*\s+(?=["“‘(]?[\p{Lu}\p{N}])/gu)) {
      const at = lineStart + m.index;
      const before = text.slice(from, at);
      const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
      if (m[0].startsWith('.') && (ABBREVIATIONS.has(lastWord.toLowerCase()) || /^\p{Lu}$/u.test(lastWord))) continue;
      const end = at + m[0].trimEnd().length;
      push(from, end);
      from = end;
    }
    push(from, lineEnd);
    lineStart = lineEnd + 1;
  }
  return out;
}

/** The sentence holding an offset (the nearest one before it when the offset falls between two). */
export function sentenceAt(sentences: Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  let found: Sentence | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.start <= offset) {
      found = sentences[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
