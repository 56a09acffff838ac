import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { foldWord, stem } from './text.js';
import { projectPath } from '../../paths.js';

/** The lexicon the tagger uses unless told otherwise. */
export const DEFAULT_SDG_LEXICON_PATH = projectPath('graph/lexicon/sdg-terms.yaml');

/** A lexicon file that cannot be read or does not validate; the message names the file and the entry. */
export class SdgLexiconError extends Error {
  override name = 'SdgLexiconError';
}

/** Number of numbered targets and of lettered (means of implementation) targets per goal. */
const TARGET_COUNTS: Record<number, [number, number]> = {
  1: [5, 2],
  2: [5, 3],
  3: [9, 4],
  4: [7, 3],
  5: [6, 3],
  6: [6, 2],
  7: [3, 2],
  8: [10, 2],
  9: [5, 3],
  10: [7, 3],
  11: [7, 3],
  12: [8, 3],
  13: [3, 2],
  14: [7, 3],
  15: [9, 3],
  16: [10, 2],
  17: [19, 0],
};

export function isTargetCode(code: string): boolean {
  const m = /^(\d{1,2})\.(\d{1,2}|[a-z])$/.exec(code);
  if (!m) return false;
  const counts = TARGET_COUNTS[Number(m[1])];
  if (!counts) return false;
  const [numbered, lettered] = counts;
  const rest = m[2]!;
  return /^\d+$/.test(rest) ? Number(rest) >= 1 && Number(rest) <= numbered && !rest.startsWith('0') : rest.charCodeAt(0) - 97 < lettered;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** One word of a term: an exact stem, or a prefix of the folded word when written with a trailing "*". */
export type WordPattern = { stem: string } | { prefix: string };
export type Phrase = WordPattern[];

/** Parses a term's text: phrases joined by "~" must all occur in one sentence; "*" ends a prefix word. */
export function parseTerm(term: string): Phrase[] | string {
  const parts = term.split('~').map((p) => p.trim());
  if (parts.length > 3) return 'a term joins at most three phrases with "~"';
  const phrases: Phrase[] = [];
  for (const part of parts) {
    if (!part) return 'a "~" needs a phrase on each side';
    const phrase: Phrase = [];
    for (const piece of part.split(/[\s\-–/]+/).filter(Boolean)) {
      if (piece.includes('*')) {
        const prefix = foldWord(piece.slice(0, -1));
        if (!piece.endsWith('*') || piece.indexOf('*') !== piece.length - 1) return `"*" may only end a word ("${piece}")`;
        if (!/^[\p{L}\p{N}]{3,}$/u.test(prefix)) return `a prefix word needs at least three letters before "*" ("${piece}")`;
        phrase.push({ prefix });
        continue;
      }
      for (const m of piece.matchAll(WORD)) {
        const folded = foldWord(m[0]);
        if (folded) phrase.push({ stem: stem(folded) });
      }
    }
    if (!phrase.length) return 'the term has no words';
    phrases.push(phrase);
  }
  return phrases;
}

const termText = z
  .string()
  .trim()
  .min(1, 'a term may not be empty')
  .superRefine((t, ctx) => {
    const parsed = parseTerm(t);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  });
const termList = z.array(termText).optional();
const ignoreList = z
  .array(termText.refine((t) => !t.includes('~'), 'an ignore phrase hides words in place, so it cannot use "~"'))
  .optional();
const cueText = termText.refine((t) => !t.includes('~'), 'a negation cue is one phrase, without "~"');
const tiers = { strong: termList, medium: termList, weak: termList };

const goalSchema = z
  .object({
    goal: z.number().int().min(1).max(17),
    name: z.string().optional(),
    ...tiers,
    ignore: ignoreList,
    targets: z.record(z.string(), z.object(tiers).strict()).optional(),
  })
  .strict()
  .superRefine((g, ctx) => {
    for (const code of Object.keys(g.targets ?? {})) {
      if (!isTargetCode(code))
        ctx.addIssue({ code: 'custom', path: ['targets', code], message: `"${code}" is not one of the 169 SDG target codes` });
      else if (code.split('.')[0] !== String(g.goal)) {
        ctx.addIssue({ code: 'custom', path: ['targets', code], message: `target ${code} does not belong to goal ${g.goal}` });
      }
    }
  });

const lexiconSchema = z
  .object({
    scoring: z
      .object({
        strong: z.number().positive(),
        medium: z.number().positive(),
        weak: z.number().positive(),
        assign: z.number().positive(),
        relative: z.number().min(0).max(1),
        lengthUnit: z.number().positive(),
        repeatBonus: z.number().min(0),
        repeatCap: z.number().int().min(1),
        secondaryEvidence: z.number().int().min(1),
        evidenceLimit: z.number().int().min(1),
        /** Per-goal assignment thresholds calibrated on the tuning texts; goals not listed use `assign`. */
        goalAssign: z.record(z.string().regex(/^(?:[1-9]|1[0-7])$/, 'a goal number from 1 to 17'), z.number().positive()).optional(),
      })
      .strict(),
    ignore: ignoreList,
    negation: z
      .object({
        ahead: z.array(cueText),
        behind: z.array(cueText),
        reach: z.number().int().min(0),
        gap: z.number().int().min(0),
      })
      .strict()
      .optional(),
    targetWording: z
      .object({
        weight: z.number().positive(),
        minWords: z.number().int().min(2),
        maxTargets: z.number().int().min(1),
        stopWords: z.array(z.string()),
      })
      .strict()
      .optional(),
    goals: z.array(goalSchema),
  })
  .strict()
  .superRefine((lex, ctx) => {
    const seen = new Map<number, number>();
    lex.goals.forEach((g, i) => {
      if (seen.has(g.goal)) ctx.addIssue({ code: 'custom', path: ['goals', i, 'goal'], message: `goal ${g.goal} is listed twice` });
      seen.set(g.goal, i);
    });
    for (let n = 1; n <= 17; n++) {
      if (!seen.has(n)) ctx.addIssue({ code: 'custom', path: ['goals'], message: `goal ${n} is missing` });
    }
  });

export type SdgLexiconFile = z.infer<typeof lexiconSchema>;
export type SdgScoring = SdgLexiconFile['scoring'];
export type Tier = 'strong' | 'medium' | 'weak' | 'ignore' | 'wording';

export interface CompiledTerm {
  id: number;
  text: string;
  goal: number;
  target?: string;
  tier: Tier;
  weight: number;
  phrases: Phrase[];
}

export interface CompiledSdgLexicon {
  file: string;
  scoring: SdgScoring;
  terms: CompiledTerm[];
  /** Single-phrase terms by the stem of their first word. */
  byStem: Map<string, CompiledTerm[]>;
  /** Single-phrase terms whose first word is a prefix, by that prefix. */
  byPrefix: Map<string, CompiledTerm[]>;
  prefixLengths: number[];
  /** Terms made of phrases that must share a sentence. */
  cooccurring: CompiledTerm[];
  /**
   * Phrases that say the text is not about a term: `ahead` cues govern the words up to `reach` words after
   * them ("is not about", "nothing to do with"), `behind` cues the words at most `gap` words before them
   * ("gender was not considered").
   */
  negation?: { ahead: Phrase[]; behind: Phrase[]; reach: number; gap: number };
  /** The official wording of the targets: distinctive stems per target; a sentence with `minWords` of one target's stems is evidence for it. */
  wording?: { minWords: number; byStem: Map<string, CompiledTerm[]>; stems: Map<number, Set<string>> };
}

/** Official target texts by code ("6.1" -> "By 2030, achieve universal and equitable access to safe and affordable drinking water for all"). */
export type TargetTexts = Record<string, string>;

/** Where the 169 official target texts come from. */
export const DEFAULT_TARGET_TEXTS_PATH = projectPath('seeds/sdg/goals.yaml');

/** A value from the file as it stands (not yet validated, so it may be of any type), as text for a message. */
const asText = (v: unknown): string => String(v);

function describePath(raw: unknown, path: PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = raw;
  for (const key of path) {
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const goal = node !== null && typeof node === 'object' && 'goal' in node ? node.goal : undefined;
      parts.push(goal !== undefined && parts.at(-1) === 'goals' ? `[${key}] (goal ${asText(goal)})` : `[${key}]`);
    } else parts.push(parts.length ? `.${String(key)}` : String(key));
  }
  const where = parts.join('').replace(/\.\[/g, '[');
  return typeof node === 'string' ? `${where} "${node}"` : where || '(top level)';
}

/** Validates a parsed lexicon and builds its match indexes; errors name the file and the entry. */
export function compileSdgLexicon(raw: unknown, file: string, targetTexts?: TargetTexts): CompiledSdgLexicon {
  const parsed = lexiconSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${describePath(raw, i.path)}: ${i.message}`);
    throw new SdgLexiconError(`${file}: ${issues.join('; ')}`);
  }
  const lex = parsed.data;
  const terms: CompiledTerm[] = [];
  const problems: string[] = [];
  const add = (
    goal: number,
    target: string | undefined,
    tier: 'strong' | 'medium' | 'weak' | 'ignore',
    list: string[] | undefined,
    where: string,
    seen: Map<string, string>,
  ) => {
    (list ?? []).forEach((text, i) => {
      const phrases = parseTerm(text) as Phrase[];
      const key = phrases.map((p) => p.map((w) => ('stem' in w ? w.stem : `${w.prefix}*`)).join(' ')).join(' ~ ');
      const here = `${where}[${i}] "${text}"`;
      const before = seen.get(key);
      if (before) problems.push(`${here}: same words as ${before}`);
      seen.set(key, here);
      const weight = tier === 'ignore' ? 0 : lex.scoring[tier];
      terms.push({ id: terms.length, text, goal, target, tier, weight, phrases });
    });
  };
  for (const [gi, g] of lex.goals.entries()) {
    const seen = new Map<string, string>();
    const base = `goals[${gi}] (goal ${g.goal})`;
    for (const tier of ['strong', 'medium', 'weak', 'ignore'] as const) add(g.goal, undefined, tier, g[tier], `${base}.${tier}`, seen);
    for (const [code, t] of Object.entries(g.targets ?? {})) {
      for (const tier of ['strong', 'medium', 'weak'] as const) add(g.goal, code, tier, t[tier], `${base}.targets.${code}.${tier}`, seen);
    }
    for (const [i, text] of (lex.ignore ?? []).entries()) {
      const key = (parseTerm(text) as Phrase[]).map((p) => p.map((w) => ('stem' in w ? w.stem : `${w.prefix}*`)).join(' ')).join(' ~ ');
      if (!seen.has(key)) add(g.goal, undefined, 'ignore', [text], `ignore`, seen);
      else if (!seen.get(key)!.startsWith('ignore')) problems.push(`ignore[${i}] "${text}": same words as ${seen.get(key)}`);
    }
  }
  if (problems.length) throw new SdgLexiconError(`${file}: ${problems.slice(0, 5).join('; ')}`);

  const byStem = new Map<string, CompiledTerm[]>();
  const byPrefix = new Map<string, CompiledTerm[]>();
  const cooccurring: CompiledTerm[] = [];
  for (const t of terms) {
    if (t.phrases.length > 1) {
      if (t.tier !== 'ignore') cooccurring.push(t);
      continue;
    }
    const first = t.phrases[0]![0]!;
    const [map, key] = 'stem' in first ? [byStem, first.stem] : [byPrefix, first.prefix];
    const list = map.get(key) ?? [];
    list.push(t);
    map.set(key, list);
  }
  const prefixLengths = [...new Set([...byPrefix.keys()].map((k) => k.length))].sort((a, b) => a - b);
  const cuePhrase = (c: string) => (parseTerm(c) as Phrase[])[0]!;
  const negation = lex.negation && {
    ahead: lex.negation.ahead.map(cuePhrase),
    behind: lex.negation.behind.map(cuePhrase),
    reach: lex.negation.reach,
    gap: lex.negation.gap,
  };
  const wording = lex.targetWording && targetTexts ? compileWording(lex.targetWording, targetTexts, terms) : undefined;
  return { file, scoring: lex.scoring, terms, byStem, byPrefix, prefixLengths, cooccurring, negation, wording };
}

/**
 * Turns the official target texts into evidence: each target keeps the stems of its content words that
 * few other targets use (at most `maxTargets` of the 169), so "defecation", "latrine" or "remittance" stay
 * and "ensure", "increase" or "countries" go.
 */
function compileWording(
  cfg: NonNullable<SdgLexiconFile['targetWording']>,
  texts: TargetTexts,
  terms: CompiledTerm[],
): NonNullable<CompiledSdgLexicon['wording']> {
  const stop = new Set(cfg.stopWords.map((w) => stem(foldWord(w))));
  const perTarget = new Map<string, Set<string>>();
  for (const [code, text] of Object.entries(texts)) {
    if (!isTargetCode(code)) continue;
    const stems = new Set<string>();
    for (const m of text.matchAll(WORD)) {
      const folded = foldWord(m[0]);
      if (folded.length < 4 || /\d/.test(folded)) continue;
      const s = stem(folded);
      if (!stop.has(s)) stems.add(s);
    }
    perTarget.set(code, stems);
  }
  const df = new Map<string, number>();
  for (const stems of perTarget.values()) for (const s of stems) df.set(s, (df.get(s) ?? 0) + 1);
  const byStem = new Map<string, CompiledTerm[]>();
  const stems = new Map<number, Set<string>>();
  for (const [code, all] of perTarget) {
    const kept = new Set([...all].filter((s) => df.get(s)! <= cfg.maxTargets));
    if (kept.size < cfg.minWords) continue;
    const term: CompiledTerm = {
      id: terms.length,
      text: `target ${code} wording`,
      goal: Number(code.split('.')[0]),
      target: code,
      tier: 'wording',
      weight: cfg.weight,
      phrases: [],
    };
    terms.push(term);
    stems.set(term.id, kept);
    for (const s of kept) byStem.set(s, [...(byStem.get(s) ?? []), term]);
  }
  return { minWords: cfg.minWords, byStem, stems };
}

/** Reads the official target texts (code -> text) from the seed file of goals and targets. */
export function loadTargetTexts(file: string = DEFAULT_TARGET_TEXTS_PATH): TargetTexts {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SdgLexiconError(`${file}: cannot read the target texts (${(err as Error).message.split('\n')[0]})`);
  }
  const shape = z.object({ goals: z.array(z.object({ targets: z.array(z.object({ code: z.string(), text: z.string() })) })) });
  const parsed = shape.safeParse(raw);
  if (!parsed.success) throw new SdgLexiconError(`${file}: expected goals with targets (code, text)`);
  return Object.fromEntries(parsed.data.goals.flatMap((g) => g.targets.map((t) => [t.code, t.text])));
}

/** Reads, validates and compiles a lexicon YAML file. */
export function loadSdgLexicon(
  file: string = DEFAULT_SDG_LEXICON_PATH,
  targetTextsFile: string = DEFAULT_TARGET_TEXTS_PATH,
): CompiledSdgLexicon {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SdgLexiconError(`${file}: cannot read the lexicon (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new SdgLexiconError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const needsTargets = raw !== null && typeof raw === 'object' && 'targetWording' in raw;
  return compileSdgLexicon(raw, file, needsTargets ? loadTargetTexts(targetTextsFile) : undefined);
}
