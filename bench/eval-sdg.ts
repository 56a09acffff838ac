/**
 * Scores the SDG tagger against the labelled texts in test/fixtures/sdg-labelled.jsonl (see
 * bench/lib/sdg-eval.ts for how judgements are counted) and prints, per part (tuning, held-out, all),
 * accuracy, precision, recall and F1 per goal and on average over goals, beside published mapper
 * figures, and the throughput in texts per second.
 *
 * Usage: npm run eval:sdg [-- --errors] [-- --split tune|heldout|all] [-- --lexicon FILE]
 */
import { createSdgTagger, loadSdgLexicon, SdgLexiconError } from '../src/domain/sdg-tagger/tagger.js';
import {
  PUBLISHED_REFERENCE,
  SDG_FIXTURE,
  accuracy,
  assignments,
  f1,
  isHeldOut,
  precision,
  readSdgLabelled,
  recall,
  scoreSdgSet,
  scoreTargets,
  total,
} from './lib/sdg-eval.js';

const pct = (x: number) => (Number.isNaN(x) ? '    -  ' : `${(100 * x).toFixed(1).padStart(6)}%`);

function main(): void {
  const args = process.argv.slice(2);
  const showErrors = args.includes('--errors');
  const splitAt = args.indexOf('--split');
  const errorSplit = splitAt >= 0 ? args[splitAt + 1] : 'tune';
  const lexAt = args.indexOf('--lexicon');
  const lexicon = loadSdgLexicon(lexAt >= 0 ? args[lexAt + 1] : undefined);
  const classify = createSdgTagger(lexicon);
  const texts = readSdgLabelled();

  for (const t of texts.slice(0, 20)) classify(t.text); // warm-up, so timing excludes JIT compilation
  const rounds = 5;
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) assignments(texts, classify);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = (rounds * texts.length) / seconds;

  const parts = scoreSdgSet(texts, classify);
  console.log(`Labelled set: ${SDG_FIXTURE} (CC BY 4.0, Pathway Atlas project)`);
  for (const part of parts) {
    const { pooled } = part;
    console.log(
      `\n== ${part.name}: ${part.texts} texts, ${total(pooled)} judgements (${pooled.tp + pooled.fn} yes, ${pooled.tn + pooled.fp} no)`,
    );
    console.log('goal  judged  accuracy  precision   recall       F1');
    for (let g = 1; g <= 17; g++) {
      const c = part.perGoal[g]!;
      console.log(
        `${String(g).padStart(4)}  ${String(total(c)).padStart(6)}  ${pct(accuracy(c))}   ${pct(precision(c))}  ${pct(recall(c))}  ${pct(f1(c))}`,
      );
    }
    const a = part.average;
    console.log(`average  ${pct(a.accuracy)}   ${pct(a.precision)}  ${pct(a.recall)}  ${pct(a.f1)}`);
    console.log(`pooled judgements: accuracy ${pct(accuracy(pooled))}, precision ${pct(precision(pooled))}, recall ${pct(recall(pooled))}`);
    console.log(
      `all ${total(part.allPairs)} pairs (17 x ${part.texts}): accuracy ${pct(accuracy(part.allPairs))}, precision ${pct(precision(part.allPairs))}, recall ${pct(recall(part.allPairs))}`,
    );
  }
  console.log('\nAverage over the 17 goals           accuracy  precision   recall       F1');
  for (const p of parts) {
    const a = p.average;
    console.log(`this tagger, ${p.name.padEnd(22)} ${pct(a.accuracy)}   ${pct(a.precision)}  ${pct(a.recall)}  ${pct(a.f1)}`);
  }
  console.log('\nTargets, on the texts labelled at target level      precision  top-1 precision  recall');
  for (const t of scoreTargets(texts, classify)) {
    console.log(
      `${t.name.padEnd(13)} ${String(t.texts).padStart(3)} texts, ${String(t.proposed).padStart(3)} proposed  ${pct(t.correct / t.proposed)}     ${pct(t.topCorrect / t.withTop)}  ${pct(t.found / t.labelled)}`,
    );
  }
  console.log('\nPublished figures on expert-labelled yes/no benchmarks (other texts, for reference):');
  for (const r of PUBLISHED_REFERENCE) console.log(`  ${r.mapper.padEnd(42)} accuracy ${r.accuracy}`);
  console.log(
    `\nthroughput: ${perSecond.toFixed(0)} texts/s (${((1000 * seconds) / (rounds * texts.length)).toFixed(3)} ms per text; ${texts.length} texts x ${rounds} rounds, lexicon of ${lexicon.terms.length} terms compiled once)`,
  );

  if (showErrors) {
    const chosen = texts.filter((t) => errorSplit === 'all' || (errorSplit === 'heldout') === isHeldOut(t));
    const said = assignments(chosen, classify);
    console.log(`\nmistakes in the ${errorSplit} part (all 17 goals per text):`);
    for (const t of chosen) {
      const goals = said.get(t.id)!;
      const missed = t.sdgs.filter((g) => !goals.has(g));
      const extra = [...goals].filter((g) => !t.sdgs.includes(g));
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
