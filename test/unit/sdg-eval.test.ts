import { describe, expect, it } from 'vitest';
import { readSdgLabelled, scoreSdgSet, scoreTargets, total } from '../../bench/lib/sdg-eval.js';
import { classifySdgs } from '../../src/domain/sdg-tagger/tagger.js';

// The figures `npm run eval:sdg` measured on the shipped set, less a small margin: a change to the lexicon,
// the thresholds or the matcher that lowers quality fails here.
const FLOORS = {
  'tuning part': { accuracy: 0.95, precision: 0.965, recall: 0.93 },
  'held-out part': { accuracy: 0.88, precision: 0.94, recall: 0.83 },
};

describe('the SDG tagger on the shipped labelled set', () => {
  const texts = readSdgLabelled();
  const parts = scoreSdgSet(texts, classifySdgs);

  it('has at least 1,000 judgements, with a held-out part of at least 300', () => {
    const byName = new Map(parts.map((p) => [p.name, p]));
    expect(total(byName.get('all texts')!.pooled)).toBeGreaterThanOrEqual(1000);
    expect(total(byName.get('held-out part')!.pooled)).toBeGreaterThanOrEqual(300);
  });

  it.each(Object.entries(FLOORS))('keeps the average over goals on the %s at or above the figures reached', (name, floor) => {
    const part = parts.find((p) => p.name === name)!;
    expect(part.average.accuracy).toBeGreaterThanOrEqual(floor.accuracy);
    expect(part.average.precision).toBeGreaterThanOrEqual(floor.precision);
    expect(part.average.recall).toBeGreaterThanOrEqual(floor.recall);
  });

  it('judges every goal on both parts', () => {
    for (const part of parts.slice(0, 2)) for (let g = 1; g <= 17; g++) expect(total(part.perGoal[g]!)).toBeGreaterThan(0);
  });

  it('keeps target-level precision on the texts labelled with targets at or above the figures reached', () => {
    const [tuning, heldOut] = scoreTargets(texts, classifySdgs);
    expect(tuning!.texts + heldOut!.texts).toBeGreaterThanOrEqual(100);
    expect(tuning!.correct / tuning!.proposed).toBeGreaterThanOrEqual(0.84);
    expect(heldOut!.correct / heldOut!.proposed).toBeGreaterThanOrEqual(0.8);
    expect(tuning!.topCorrect / tuning!.withTop).toBeGreaterThanOrEqual(0.93);
    expect(heldOut!.topCorrect / heldOut!.withTop).toBeGreaterThanOrEqual(0.9);
  });
});
