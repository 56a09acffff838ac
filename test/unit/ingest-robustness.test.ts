import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_CHARS, MAX_FACTS_PER_ITEM, MAX_PROPOSALS_PER_ITEM, MAX_SPANS } from '../../src/domain/ingest/extract/bounds.js';
import { extract } from '../../src/domain/ingest/extract/extract.js';
import { noGoals, seedGraphContext } from './ingest-helpers.js';

const words = [
  'Paris',
  'Region',
  'Goal',
  '12',
  'goals',
  'SDG',
  'Pathway',
  'City',
  'of',
  'Gent',
  'the',
  'EUR',
  '5',
  'million',
  '€1.2m',
  '2019-2020',
  'Reading',
  'Nice',
  'Municipality',
  'project',
  'AI4Cities',
  '(PCP)',
  ',',
  '.',
  '\n',
  '\n\n',
  '15 January 2020',
  'Institute',
  'for',
  'Human',
  'Rights',
  'Mr',
  'Florence',
  'and',
  'in',
  "'s",
  'Procura+',
  'Île-de-France',
];

describe('ingest: any text', () => {
  it('when the text is arbitrary, then extraction never fails and every span and sentence lies in its item', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.array(fc.constantFrom(...words), { maxLength: 80 }).map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const { items } = extract(t, seedGraphContext(), noGoals);
        for (const item of items) {
          expect(t.slice(item.offset, item.offset + item.text.length)).toBe(item.text);
          for (const p of item.proposals) {
            for (const s of [p.span, ...(p.spans ?? [])].filter((x) => x !== undefined)) {
              expect(s.start).toBeGreaterThanOrEqual(0);
              expect(s.end).toBeLessThanOrEqual(item.text.length);
              expect(s.start).toBeLessThanOrEqual(s.end);
            }
            expect(p.confidence).toBeGreaterThan(0);
            expect(p.confidence).toBeLessThanOrEqual(1);
          }
          // The evidence a proposal quotes (a draft's is written, not quoted) is in the item's text.
          const quoted = item.proposals.filter((p) => p.origin !== 'draft' && p.evidence).map((p) => p.evidence);
          expect(quoted.filter((e) => !item.text.includes(e))).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('when the text is long, then the mentions of a thing make one proposal, and its spans and the facts stay within their limits', () => {
    const paragraph = 'The City of Gent and the Paris Region ran a joint procurement worth EUR 5 million for Goal 12 in 2019. ';
    const { items } = extract(paragraph.repeat(2000), seedGraphContext(), noGoals);
    expect(items).toHaveLength(1);
    const ghent = items[0]!.proposals.filter((p) => p.id === 'place-ghent');
    expect(ghent).toHaveLength(1);
    expect(ghent[0]!.spans).toHaveLength(MAX_SPANS);
    expect(items[0]!.facts.amounts).toHaveLength(MAX_FACTS_PER_ITEM);
    expect(items[0]!.omitted!.facts).toBe(2 * 2000 - 2 * MAX_FACTS_PER_ITEM);
  });

  it('when one sentence names thousands of places, then an item keeps its strongest proposals, each with a short evidence, and counts the rest', () => {
    const names = [
      'Aarhus',
      'Tampere',
      'Uppsala',
      'Bergen',
      'Linz',
      'Graz',
      'Brno',
      'Ostrava',
      'Kaunas',
      'Tartu',
      'Debrecen',
      'Szeged',
      'Plovdiv',
      'Varna',
      'Maribor',
    ];
    const text = Array.from({ length: 3000 }, (_, i) => `the city of ${names[i % names.length]}${i % 7 ? '' : ' Goal 12'}`).join(', ');
    const [item] = extract(text, seedGraphContext(), noGoals).items;
    expect(item!.proposals.length).toBeLessThanOrEqual(MAX_PROPOSALS_PER_ITEM);
    for (const p of item!.proposals) expect(p.evidence.length).toBeLessThanOrEqual(MAX_EVIDENCE_CHARS);
    // A proposal found at a place in the text quotes that place in its evidence.
    const placed = item!.proposals.flatMap((p) => (p.span ? [{ evidence: p.evidence, span: p.span }] : []));
    expect(placed.length).toBeGreaterThan(0);
    for (const { evidence, span } of placed) expect(evidence.replace(/^…|…$/g, '')).toContain(item!.text.slice(span.start, span.end));
    // The explicit reference outranks the places it is listed among.
    expect(item!.proposals.some((p) => p.id === 'sdg-12' && p.origin === 'reference')).toBe(true);
    expect(JSON.stringify(item).length).toBeLessThan(item!.text.length + 300_000);
  });
});
