import { readFileSync } from 'node:fs';
import { stemmer } from 'stemmer';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectPath } from '../../paths.js';
import { fold } from '../text.js';

/**
 * How text is cut into search terms, the same way for the stored cases and for what people type:
 * folded (case and accents), English words reduced to their stem ("lights", "lighting" -> "light"),
 * common words dropped, and acronyms kept apart from ordinary words: "LED" written in capitals is
 * also the term "led!", and a query for the acronym searches only that, so the verb "led" never
 * matches it. A stored word in capitals keeps its ordinary term too ("CERN" is found by "cern").
 */

const STOPWORDS = new Set(
  'a an and are as at be by for from has have in into is it its of on or that the their this to was were will with within de del la las los el en y und der die das fur le les des et du pour il di e per'.split(
    ' ',
  ),
);

/** Acronyms people type in lower case too; in documents only their capitalised form counts as one. */
export const KNOWN_ACRONYMS = new Set([
  'led',
  'leds',
  'pcp',
  'ppi',
  'gpp',
  'spp',
  'lcc',
  'ict',
  'ev',
  'evs',
  'pv',
  'hvo',
  'co2',
  'co2e',
  'sdg',
  'sdgs',
  'eu',
  'un',
  'gdp',
  'ghg',
  'iot',
  'ai',
]);

/** A term for a capitalised acronym: "LEDs" and "LED" -> "led!". */
function acronymTerm(word: string): string {
  return `${word.toLowerCase().replace(/s$/, '')}!`;
}

const WORD = /[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu;

/** A word written in capitals, short enough to be an acronym ("LED", "LEDs", "PCP", "CO2"). */
function isAcronym(raw: string): boolean {
  return /^[A-Z][A-Z0-9]{1,4}s?$/.test(raw);
}

/** Terms of words already seen: the same few thousand words make up most texts. */
const TERMS_KEPT = 100_000;
const termOf = new Map<string, string | null>();

function wordTerm(raw: string): string | undefined {
  const known = termOf.get(raw);
  if (known !== undefined) return known ?? undefined;
  const w = fold(raw).replace(/[’']/g, '');
  const term = !w || STOPWORDS.has(w) ? null : /^\d+(\.\d+)*$/.test(w) ? w : stemmer(w);
  if (termOf.size >= TERMS_KEPT) termOf.clear();
  termOf.set(raw, term);
  return term ?? undefined;
}

/** The words of a text as written (folded) with the term each gives, for showing terms as words. */
export function wordsWithTerms(text: string): [word: string, term: string][] {
  const out: [string, string][] = [];
  for (const m of text.matchAll(WORD)) {
    const term = wordTerm(m[0]);
    if (term) out.push([fold(m[0]), term]);
  }
  return out;
}

/** Terms of a stored text. */
export function documentTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    if (isAcronym(raw)) out.push(acronymTerm(raw));
    const term = wordTerm(raw);
    if (term) out.push(term);
  }
  return out;
}

/** Terms of a typed query: a known acronym counts as one in any case. */
export function queryTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const term = isAcronym(raw) || KNOWN_ACRONYMS.has(raw.toLowerCase()) ? acronymTerm(raw) : wordTerm(raw);
    if (term) out.push(term);
  }
  return out;
}

/** The words of a typed query as written (folded), for "did you mean" suggestions. */
export function queryWords(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) => fold(m[0])).filter((w) => !STOPWORDS.has(w));
}

/** A reference to one of the frameworks in what someone typed: "SDG 12", "Goal 12", "target 12.7", "Pathway 12". */
export type FrameworkRef = { kind: 'goal'; number: number } | { kind: 'target'; code: string } | { kind: 'pathway'; number: number };

const REFS: { re: RegExp; ref: (m: RegExpExecArray) => FrameworkRef | undefined }[] = [
  {
    re: /\b(?:sdg\s*target|target|meta|ziel\s*vorgabe)\s*(\d{1,2})\.(\d{1,2}|[a-z])\b/giu,
    ref: (m) => ({ kind: 'target', code: `${Number(m[1])}.${m[2]!.toLowerCase()}` }),
  },
  {
    re: /\b(?:sdgs?|goal|ods|odd|ziel|objetivo|obiettivo)\s*#?\s*(\d{1,2})(?![.\d])/giu,
    ref: (m) => ({ kind: 'goal', number: Number(m[1]) }),
  },
  { re: /\b(?:pathways?|path)\s*#?\s*(\d{1,2})(?![.\d])/giu, ref: (m) => ({ kind: 'pathway', number: Number(m[1]) }) },
];

/** Framework references in a query, and the query without them. */
export function frameworkRefs(text: string): { refs: FrameworkRef[]; rest: string } {
  const refs: FrameworkRef[] = [];
  let rest = text;
  for (const { re, ref } of REFS) {
    rest = rest.replace(re, (...args: unknown[]) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const r = ref(m);
      const valid =
        r &&
        ((r.kind === 'goal' && r.number >= 1 && r.number <= 17) ||
          (r.kind === 'pathway' && r.number >= 1 && r.number <= 15) ||
          (r.kind === 'target' && Number(r.code.split('.')[0]) <= 17));
      if (!valid) return String(args[0]);
      refs.push(r);
      return ' ';
    });
  }
  return { refs, rest: rest.trim() };
}

const glossarySchema = z.object({
  terms: z.array(
    z.object({ en: z.string().min(1), same: z.array(z.string().min(1)).default([]), also: z.array(z.string().min(1)).default([]) }),
  ),
});

interface GlossaryEntry {
  en: string;
  /** English synonyms and abbreviations, searched whenever the term or one of them is typed. */
  same: string[];
  /** The term, its synonyms and its equivalents in other languages, as folded words. */
  phrases: string[][];
}

const words = (text: string) =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

function loadGlossary(): GlossaryEntry[] {
  const raw = glossarySchema.parse(parse(readFileSync(projectPath('graph/lexicon/procurement-glossary.yaml'), 'utf8')));
  return raw.terms.map((t) => ({ en: t.en, same: t.same, phrases: [t.en, ...t.same, ...t.also].map(words) }));
}

let glossary: GlossaryEntry[] | undefined;

/**
 * Other ways of saying what was typed, from the glossary, to be searched beside it. A phrase in
 * another language stands for the English term and its synonyms ("alumbrado público" -> "street
 * lighting", "public lighting"); an English term or synonym is swapped for each of the others in
 * the words typed ("LED street lights" -> "LED street lighting", "LED public lighting").
 */
export function glossaryExpansions(text: string): string[] {
  glossary ??= loadGlossary();
  const typed = words(text);
  const at = (phrase: string[]) => {
    for (let i = 0; phrase.length && i + phrase.length <= typed.length; i++) if (phrase.every((p, j) => typed[i + j] === p)) return i;
    return -1;
  };
  const found = new Set<string>();
  for (const entry of glossary) {
    const english = [entry.en, ...entry.same];
    const spans = english.map((e) => ({ phrase: words(e), i: at(words(e)) })).filter((x) => x.i >= 0);
    if (spans.length) {
      // The longest English phrase typed is the one swapped ("whole life cost" rather than "life cost").
      const { phrase, i } = spans.sort((a, b) => b.phrase.length - a.phrase.length)[0]!;
      for (const other of english) {
        const swapped = [...typed.slice(0, i), ...words(other), ...typed.slice(i + phrase.length)].join(' ');
        if (swapped !== typed.join(' ')) found.add(swapped);
      }
    } else if (entry.phrases.some((p) => at(p) >= 0)) for (const e of english) found.add(e);
  }
  return [...found];
}
