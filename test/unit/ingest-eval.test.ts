import { describe, expect, it } from 'vitest';
import { figures, INITIATIVE_KINDS, readIngestLabelled, scoreIngestSet } from '../../bench/lib/ingest-eval.js';
import { extract } from '../../src/domain/ingest/extract/extract.js';
import { seedGraphContext } from './ingest-helpers.js';

// The figures `npm run eval:ingest` measured on the shipped labelled items, less a small margin: a change
// to the extractor or its cues that lowers quality fails here.
const FLOORS: Record<string, { precision: number; recall: number }> = {
  place: { precision: 0.96, recall: 0.94 },
  organisation: { precision: 0.94, recall: 0.88 },
  initiative: { precision: 0.94, recall: 0.84 },
  'explicit reference': { precision: 0.95, recall: 0.95 },
};

describe('the ingest extractor on the shipped labelled items', () => {
  const fixtures = readIngestLabelled();
  const { all } = scoreIngestSet(fixtures, (text) => extract(text, seedGraphContext()).items);

  it('has at least 20 items of other publishers (city networks, EU programmes, national procurement agencies)', () => {
    expect(fixtures.filter((f) => /^(?:heldout-)?(?:network|eu|agency)-/.test(f.id)).length).toBeGreaterThanOrEqual(20);
  });

  it.each(Object.entries(FLOORS))('keeps %s precision and recall at or above the figures reached', (kind, floor) => {
    const f = figures(all.get(kind)!);
    expect(f.precision).toBeGreaterThanOrEqual(floor.precision);
    expect(f.recall).toBeGreaterThanOrEqual(floor.recall);
  });

  it('labels and finds initiatives of every kind', () => {
    for (const kind of INITIATIVE_KINDS) {
      const t = all.get(`  ${kind}`)!;
      expect({ kind, labelled: t.expected > 0, halfFound: figures(t).recall >= 0.5 }).toEqual({ kind, labelled: true, halfFound: true });
    }
    expect(figures(all.get('  declaration')!).recall).toBeGreaterThanOrEqual(0.9);
    expect(figures(all.get('  award')!).recall).toBeGreaterThanOrEqual(0.9);
  });
});
