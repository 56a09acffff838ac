/**
 * Scores the SDG tagger against the labelled texts in test/fixtures/sdg-labelled.jsonl.
 *
 * Benchmark-style figures judge (text, goal) pairs yes/no the way an external expert benchmark does: each
 * text is judged against the goals it is labelled with (yes) and the goals listed in its "not" field
 * (no: the near misses a reader could confuse it with). Per goal: accuracy, precision and recall over its
 * pairs; then the average over goals. The all-pairs figure judges every text against all 17 goals.
 * Texts whose id starts with "h-" are held out from tuning; the others are the tuning part.
 *
 * Usage: npm run eval:sdg [-- --errors] [-- --split tune|heldout|all] [-- --lexicon FILE]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createSdgTagger, loadSdgLexicon, SdgLexiconError } from '../src/domain/sdg-tagger/tagger.js';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/sdg-labelled.jsonl', import.meta.url));
const goalNumber = z.number().int().min(1).max(17);
const labelled = z
  .object({ id: z.string().min(1), text: z.string().min(1), sdgs: z.array(goalNumber), not: z.array(goalNumber).optional() })
  .strict();
type Labelled = z.infer<typeof labelled>;

interface Counts {
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
const n = (c: Counts) => c.tp + c.fp + c.tn + c.fn;
const acc = (c: Counts) => (n(c) ? (c.tp + c.tn) / n(c) : NaN);
const prec = (c: Counts) => (c.tp + c.fp ? c.tp / (c.tp + c.fp) : NaN);
const rec = (c: Counts) => (c.tp + c.fn ? c.tp / (c.tp + c.fn) : NaN);
const pct = (x: number) => (Number.isNaN(x) ? '   -  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
const mean = (xs: number[]) => {
  const ok = xs.filter((x) => !Number.isNaN(x));
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : NaN;
};

function readFixture(): Labelled[] {
  return readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      const parsed = labelled.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${FIXTURE} line ${i + 1}: ${parsed.error.issues[0]?.message}`);
      return [parsed.data];
    });
}

function main(): void {
  const args = process.argv.slice(2);
  const showErrors = args.includes('--errors');
  const splitAt = args.indexOf('--split');
  const errorSplit = splitAt >= 0 ? args[splitAt + 1] : 'tune';
  const lexAt = args.indexOf('--lexicon');
  const lexicon = loadSdgLexicon(lexAt >= 0 ? args[lexAt + 1] : undefined);
  const classify = createSdgTagger(lexicon);
  const texts = readFixture();

  for (const t of texts.slice(0, 20)) classify(t.text); // warm-up, so timing excludes JIT compilation
  const started = process.hrtime.bigint();
  const rounds = 5;
  const results = new Map<string, Set<number>>();
  for (let r = 0; r < rounds; r++) {
    for (const t of texts)
      results.set(
        t.id,
        new Set(
          classify(t.text)
            .sdgs.filter((g) => g.assigned)
            .map((g) => g.number),
        ),
      );
  }
  const msPerText = Number(process.hrtime.bigint() - started) / 1e6 / (rounds * texts.length);

  const parts: Array<[string, Labelled[]]> = [
    ['tuning part', texts.filter((t) => !t.id.startsWith('h-'))],
    ['held-out part', texts.filter((t) => t.id.startsWith('h-'))],
    ['all texts', texts],
  ];
  const summary: string[] = [];
  for (const [name, part] of parts) {
    const perGoal = Array.from({ length: 18 }, empty);
    const pooled = empty();
    const allPairs = empty();
    for (const t of part) {
      const said = results.get(t.id)!;
      for (let g = 1; g <= 17; g++) {
        const truth = t.sdgs.includes(g);
        add(allPairs, truth, said.has(g));
        if (truth || t.not?.includes(g)) {
          add(perGoal[g]!, truth, said.has(g));
          add(pooled, truth, said.has(g));
        }
      }
    }
    console.log(
      `\n== ${name}: ${part.length} texts, ${n(pooled)} judged pairs (${pooled.tp + pooled.fn} yes, ${pooled.tn + pooled.fp} no)`,
    );
    console.log('goal  pairs  accuracy  precision  recall');
    for (let g = 1; g <= 17; g++) {
      const c = perGoal[g]!;
      console.log(`${String(g).padStart(4)}  ${String(n(c)).padStart(5)}  ${pct(acc(c))}    ${pct(prec(c))}   ${pct(rec(c))}`);
    }
    const goals = perGoal.slice(1);
    const line = `average over goals: accuracy ${pct(mean(goals.map(acc)))}, precision ${pct(mean(goals.map(prec)))}, recall ${pct(mean(goals.map(rec)))}`;
    console.log(line);
    console.log(`pooled judged pairs: accuracy ${pct(acc(pooled))}, precision ${pct(prec(pooled))}, recall ${pct(rec(pooled))}`);
    console.log(
      `all ${n(allPairs)} pairs (17 x ${part.length}): accuracy ${pct(acc(allPairs))}, precision ${pct(prec(allPairs))}, recall ${pct(rec(allPairs))}`,
    );
    summary.push(`${name.padEnd(13)} ${line}`);
  }
  console.log(`\n${summary.join('\n')}`);
  console.log(
    `mean ${msPerText.toFixed(3)} ms per text (${texts.length} texts x ${rounds} rounds, lexicon of ${lexicon.terms.length} terms compiled once)`,
  );

  if (showErrors) {
    const chosen = texts.filter((t) => errorSplit === 'all' || (errorSplit === 'heldout') === t.id.startsWith('h-'));
    console.log(`\nmistakes in the ${errorSplit} part (all 17 goals per text):`);
    for (const t of chosen) {
      const said = results.get(t.id)!;
      const missed = t.sdgs.filter((g) => !said.has(g));
      const extra = [...said].filter((g) => !t.sdgs.includes(g));
      if (!missed.length && !extra.length) continue;
      const r = classify(t.text);
      const why = (g: number) => {
        const s = r.sdgs.find((x) => x.number === g)!;
        return `${g} (${s.score}: ${s.evidence.map((e) => e.term).join(', ')})`;
      };
      console.log(
        `${t.id}${missed.length ? `  missed ${missed.map(why).join('; ')}` : ''}${extra.length ? `  extra ${extra.map(why).join('; ')}` : ''}`,
      );
      console.log(
        `    top: ${r.sdgs
          .slice(0, 3)
          .map((s) => `${s.number}=${s.score}`)
          .join(' ')} | ${t.text.slice(0, 110)}`,
      );
    }
  }
}

try {
  main();
} catch (err) {
  console.error(`Error: ${err instanceof SdgLexiconError ? err.message : (err as Error).stack}`);
  process.exitCode = 1;
}
