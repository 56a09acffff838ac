/**
 * Scoring of the SDG tagger on a labelled set of (text, goal) yes/no judgements, shared by
 * `npm run eval:sdg` and the unit test that holds the figures reached.
 *
 * Each text is judged against the goals it is labelled with (yes) and the goals in its "not" field (no:
 * the near misses a reader could confuse it with). Per goal: accuracy, precision, recall and F1 over its
 * judgements; then the unweighted average over the 17 goals, as published mapper comparisons report it.
 * Texts whose id starts with "h-" are the held-out part, never used for tuning.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isTargetCode } from '../../src/domain/sdg-tagger/lexicon.js';
import type { SdgClassification } from '../../src/domain/sdg-tagger/tagger.js';

export const SDG_FIXTURE = fileURLToPath(new URL('../../test/fixtures/sdg-labelled.jsonl', import.meta.url));

const goalNumber = z.number().int().min(1).max(17);
const targetCode = z.string().refine(isTargetCode, 'not one of the 169 SDG target codes');
const labelled = z
  .object({
    id: z.string().min(1),
    text: z.string().min(1),
    sdgs: z.array(goalNumber),
    not: z.array(goalNumber).optional(),
    /** The targets the text is about, on the subset labelled at target level. */
    targets: z.array(targetCode).optional(),
  })
  .strict()
  .refine((t) => !t.sdgs.some((g) => t.not?.includes(g)), 'a goal is both yes and no');
export type LabelledText = z.infer<typeof labelled>;

export interface Counts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}
const empty = (): Counts => ({ tp: 0, fp: 0, tn: 0, fn: 0 });
const add = (c: Counts, truth: boolean, said: boolean) => {
  if (truth && said) c.tp++;
  else if (truth) c.fn++;
  else if (said) c.fp++;
  else c.tn++;
};
export const total = (c: Counts) => c.tp + c.fp + c.tn + c.fn;
export const accuracy = (c: Counts) => (total(c) ? (c.tp + c.tn) / total(c) : NaN);
export const precision = (c: Counts) => (c.tp + c.fp ? c.tp / (c.tp + c.fp) : NaN);
export const recall = (c: Counts) => (c.tp + c.fn ? c.tp / (c.tp + c.fn) : NaN);
export const f1 = (c: Counts) => {
  const p = precision(c);
  const r = recall(c);
  return Number.isNaN(p) || Number.isNaN(r) || p + r === 0 ? NaN : (2 * p * r) / (p + r);
};
const mean = (xs: number[]) => {
  const ok = xs.filter((x) => !Number.isNaN(x));
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : NaN;
};

export interface Figures {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}
export interface PartScore {
  name: string;
  texts: number;
  /** Index 1..17; index 0 unused. */
  perGoal: Counts[];
  pooled: Counts;
  /** Every text against all 17 goals, unlisted goals counted as no. */
  allPairs: Counts;
  average: Figures;
}

/** Reads and validates the labelled set; an error names the line. */
export function readSdgLabelled(file: string = SDG_FIXTURE): LabelledText[] {
  const ids = new Set<string>();
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${file} line ${i + 1}: not valid JSON`);
      }
      const parsed = labelled.safeParse(json);
      if (!parsed.success) throw new Error(`${file} line ${i + 1}: ${parsed.error.issues[0]?.message}`);
      if (ids.has(parsed.data.id)) throw new Error(`${file} line ${i + 1}: id ${parsed.data.id} is used twice`);
      ids.add(parsed.data.id);
      return [parsed.data];
    });
}

export const isHeldOut = (t: LabelledText) => t.id.startsWith('h-');

/** The goals assigned per text id. */
export function assignments(texts: LabelledText[], classify: (text: string) => SdgClassification): Map<string, Set<number>> {
  return new Map(
    texts.map((t) => [
      t.id,
      new Set(
        classify(t.text)
          .sdgs.filter((g) => g.assigned)
          .map((g) => g.number),
      ),
    ]),
  );
}

/** Scores one part of the set from the goals assigned to its texts. */
export function scorePart(name: string, part: LabelledText[], said: Map<string, Set<number>>): PartScore {
  const perGoal = Array.from({ length: 18 }, empty);
  const pooled = empty();
  const allPairs = empty();
  for (const t of part) {
    const goals = said.get(t.id) ?? new Set<number>();
    for (let g = 1; g <= 17; g++) {
      const truth = t.sdgs.includes(g);
      add(allPairs, truth, goals.has(g));
      if (truth || t.not?.includes(g)) {
        add(perGoal[g]!, truth, goals.has(g));
        add(pooled, truth, goals.has(g));
      }
    }
  }
  const goals = perGoal.slice(1);
  return {
    name,
    texts: part.length,
    perGoal,
    pooled,
    allPairs,
    average: {
      accuracy: mean(goals.map(accuracy)),
      precision: mean(goals.map(precision)),
      recall: mean(goals.map(recall)),
      f1: mean(goals.map(f1)),
    },
  };
}

/** The tuning part, the held-out part and all texts. */
export function scoreSdgSet(texts: LabelledText[], classify: (text: string) => SdgClassification): PartScore[] {
  const said = assignments(texts, classify);
  return [
    scorePart(
      'tuning part',
      texts.filter((t) => !isHeldOut(t)),
      said,
    ),
    scorePart('held-out part', texts.filter(isHeldOut), said),
    scorePart('all texts', texts, said),
  ];
}

/** Published figures for SDG mappers on expert-labelled yes/no benchmarks, for reference beside ours. */
export const PUBLISHED_REFERENCE = [
  { mapper: 'keyword ontologies (query-based mappers)', accuracy: '~70%' },
  { mapper: 'best dedicated SDG mapping tool', accuracy: '~88%' },
  { mapper: 'large language models (zero-shot)', accuracy: '85-87%' },
] as const;

export interface TargetScore {
  name: string;
  /** Texts labelled at target level. */
  texts: number;
  proposed: number;
  correct: number;
  labelled: number;
  found: number;
  /** Texts with at least one proposed target, and of them those whose strongest target is labelled. */
  withTop: number;
  topCorrect: number;
}

/**
 * Target level, on the texts labelled with targets: precision of every target proposed (the tagger
 * proposes targets of assigned goals that have evidence), precision of the strongest one, and recall.
 */
export function scoreTargets(texts: LabelledText[], classify: (text: string) => SdgClassification): TargetScore[] {
  const score = (name: string, part: LabelledText[]): TargetScore => {
    const out: TargetScore = { name, texts: 0, proposed: 0, correct: 0, labelled: 0, found: 0, withTop: 0, topCorrect: 0 };
    for (const t of part) {
      if (!t.targets) continue;
      const proposed = classify(t.text).targets.map((x) => x.code);
      out.texts++;
      out.proposed += proposed.length;
      out.correct += proposed.filter((c) => t.targets!.includes(c)).length;
      out.labelled += t.targets.length;
      out.found += t.targets.filter((c) => proposed.includes(c)).length;
      if (proposed.length) {
        out.withTop++;
        if (t.targets.includes(proposed[0]!)) out.topCorrect++;
      }
    }
    return out;
  };
  return [
    score(
      'tuning part',
      texts.filter((t) => !isHeldOut(t)),
    ),
    score('held-out part', texts.filter(isHeldOut)),
  ];
}
