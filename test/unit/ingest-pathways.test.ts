import { describe, expect, it } from 'vitest';
import { cuesSchema, loadCues, loadPathwayTerms, pathwayTermsSchema } from '../../src/domain/ingest/extract/lexicon.js';
import { extract } from '../../src/domain/ingest/extract/extract.js';
import { noGoals, ofKind, readOne, seedGraphContext } from './ingest-helpers.js';

describe('ingest: implicit pathways, approaches and themes', () => {
  it('when the lexicon files are read, then they pass their schemas, and a broken one is refused with its field', () => {
    const terms = loadPathwayTerms();
    expect(terms.pathways.map((p) => p.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(loadCues().commonWordPlaces).toContain('Reading');
    const broken = pathwayTermsSchema.safeParse({ ...terms, pathways: terms.pathways.slice(1) });
    expect(broken.success).toBe(false);
    expect(broken.error!.issues[0]!.message).toBe('must list each of the 15 pathways');
    const badWeight = pathwayTermsSchema.safeParse({
      ...terms,
      pathways: terms.pathways.map((p, i) => (i ? p : { ...p, terms: [{ term: 'x', weight: -1 }] })),
    });
    expect(badWeight.success).toBe(false);
    expect(cuesSchema.safeParse({ ...loadCues(), vocabularyTerms: { 'place-ghent': ['x'] } }).success).toBe(false);
  });

  it('when an item is about innovation procurement without naming a pathway, then Pathway 12 is proposed with the terms that count', () => {
    const item = readOne(
      'The county ran a pre-commercial procurement to challenge the market, and the prototypes were tested in 2019.',
      seedGraphContext(),
    );
    const [top] = ofKind(item, 'pathway');
    expect(top).toMatchObject({ id: 'pathway-12', origin: 'lexicon' });
    expect(top!.confidence).toBeGreaterThan(0.5);
    expect(top!.confidence).toBeLessThan(1);
    const terms = (top!.details!.terms as { term: string; weight: number; count: number; points: number }[]).map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['pre-commercial procurement', 'challenge the market', 'prototypes']));
    expect(top!.details!.score).toBe(8);
  });

  it('when goals the item is about align with a pathway, then they add to its score and are listed', () => {
    const text = 'The city buys food from local producers for its school canteens.';
    const withGoal = {
      classify: () => ({ sdgs: [{ number: 2, score: 6, assigned: true, evidence: [{ term: 'food', sentence: text }] }], targets: [] }),
    };
    const [plain] = extract(text, seedGraphContext(), noGoals).items;
    const [boosted] = extract(text, seedGraphContext(), withGoal).items;
    const six = (i: typeof plain) => i!.proposals.find((p) => p.id === 'pathway-6');
    expect(six(boosted)!.details!.goals).toEqual([{ number: 2, points: 0.5 }]);
    expect(Number(six(boosted)!.details!.score)).toBeCloseTo(Number(six(plain)!.details!.score) + 0.5);
  });

  it('when a text names a pathway and also is about it, then one proposal carries confidence 1 and the lexicon evidence', () => {
    const item = readOne('Pathway 12 is about innovation procurement; the buyers ran a pre-commercial procurement.', seedGraphContext());
    const twelve = ofKind(item, 'pathway').filter((p) => p.id === 'pathway-12');
    expect(twelve).toHaveLength(1);
    expect(twelve[0]).toMatchObject({ confidence: 1, origin: 'reference' });
    expect(twelve[0]!.details!.lexicon).toBeDefined();
  });

  it('when approaches and themes are named, then they map to vocabulary ids; a generic word alone does not', () => {
    const item = readOne(
      'Copenhagen and Oslo run a dynamic purchasing system (DPS) for joint procurement of electric vehicles. It works well.',
      seedGraphContext(),
    );
    expect(
      ofKind(item, 'approach')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['approach-dynamic-purchasing-system', 'approach-joint-procurement']);
    expect(ofKind(item, 'theme').map((p) => p.id)).toEqual(['theme-mobility']);
  });

  it('when buyers, an approach and a theme meet in a sentence, then a case draft is built from those facts', () => {
    const item = readOne(
      'Big Buyers meet in Oslo\n\nAfter a welcome, participants heard of a dynamic purchasing system for joint procurement by Copenhagen and Oslo, and procuring sustainable housing using LCA criteria by Helsinki in 2019.',
      seedGraphContext(),
    );
    const drafts = ofKind(item, 'case');
    expect(drafts.map((d) => (d.details!.actors as { id: string }[]).map((a) => a.id))).toEqual([
      ['place-copenhagen', 'place-oslo'],
      ['place-helsinki'],
    ]);
    const helsinki = drafts[1]!;
    expect(helsinki.name).toBe('Helsinki: life-cycle assessment criteria for buildings and housing');
    expect(helsinki.details!.summary).toBe(
      'Helsinki used life-cycle assessment criteria in buildings and housing in 2019. Reported in “Big Buyers meet in Oslo”.',
    );
    expect(helsinki.details!.year).toBe(2019);
    expect(helsinki.origin).toBe('draft');
    expect(helsinki.confidence).toBeLessThan(0.7);
  });

  it('when a place is only where something happened, then it is not a buyer in a case draft', () => {
    const item = readOne('At an event in Oslo, Mayor of Malmö Katrin Jammeh praised joint procurement.', seedGraphContext());
    expect(ofKind(item, 'case')).toEqual([]);
  });
});
