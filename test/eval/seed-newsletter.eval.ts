import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../src/domain/ingest/extract/extract.js';
import { foldName } from '../../src/domain/ingest/extract/tokens.js';
import type { IngestItem } from '../../src/domain/ingest/types.js';
import { readSeeds } from '../../src/domain/seed/plan.js';
import type { SeedFile } from '../../src/domain/seed/file.js';
import { seedGraphContext } from '../unit/ingest-helpers.js';
import { newsletterPath } from './newsletter.js';

/**
 * The curated seed graph was built by hand from the seed newsletter. Read by the extractor, the
 * newsletter must give back every place and initiative that graph holds wherever the item names it
 * (by its name or an alternate name), and every "Pathway N" the text names.
 */

const NEWS_FILE = 'news/2019-12-iclei-procurement-news.yaml';

/** Whether the text names this (whole words, case and accents ignored). */
function names(text: string, name: string): boolean {
  const escaped = foldName(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(foldName(text).replace(/[’]/g, "'"));
}

let news: SeedFile;
let items: IngestItem[];
let itemOfSource: Map<string, IngestItem>;

beforeAll(() => {
  const files = readSeeds().files;
  news = files.find((f) => f.file.replace(/\\/g, '/').endsWith(NEWS_FILE))!.data;
  items = extract(readFileSync(newsletterPath, 'utf8'), seedGraphContext()).items;
  itemOfSource = new Map();
  for (const s of news.sources ?? []) {
    if (s.kind !== 'news') continue;
    const item = items.find((i) => i.title === s.title);
    if (item) itemOfSource.set(s.id, item);
  }
});

/** For each record: the items that report it (by its sources) and name it (by any of its names). */
function expectations(records: { id: string; name: string; altNames?: string[]; sources: string[] }[]) {
  return records.map((r) => ({
    id: r.id,
    items: r.sources
      .map((s) => itemOfSource.get(s))
      .filter((i): i is IngestItem => !!i && [r.name, ...(r.altNames ?? [])].some((n) => names(i.text, n))),
  }));
}

describe('ingest: the seed newsletter against the curated seed graph', () => {
  it('when the newsletter is read, then its ten items match the ten news sources by title and date', () => {
    const sources = (news.sources ?? []).filter((s) => s.kind === 'news');
    expect(items).toHaveLength(10);
    expect(itemOfSource.size).toBe(10);
    for (const s of sources) expect(itemOfSource.get(s.id)!.date).toBe(s.date);
  });

  it('when an item names a place of the curated graph, then the extractor proposes that place in that item', () => {
    const expected = expectations(news.places ?? []);
    const missing = expected.flatMap((e) => e.items.filter((i) => !i.proposals.some((p) => p.kind === 'place' && p.id === e.id)).map((i) => `${e.id} in "${i.title}"`));
    expect(missing).toEqual([]);
    // Only the countries added to locate named cities are not named in any item.
    expect(expected.filter((e) => !e.items.length).map((e) => e.id).sort()).toEqual(['place-belgium', 'place-germany', 'place-spain', 'place-sweden', 'place-switzerland']);
  });

  it('when an item names an initiative of the curated graph, then the extractor proposes that initiative in that item', () => {
    const expected = expectations(news.initiatives ?? []);
    const missing = expected.flatMap((e) => e.items.filter((i) => !i.proposals.some((p) => p.kind === 'initiative' && p.id === e.id)).map((i) => `${e.id} in "${i.title}"`));
    expect(missing).toEqual([]);
    // The Big Buyers working groups are described ("three working groups on ...") rather than named,
    // and the extractor still finds them.
    const bigBuyers = itemOfSource.get('src-news-2019-12-03-big-buyers-oslo')!;
    for (const id of ['initiative-big-buyers-circular-construction', 'initiative-big-buyers-heavy-duty-evs', 'initiative-big-buyers-zero-emission-construction-sites']) {
      expect(bigBuyers.proposals.some((p) => p.id === id)).toBe(true);
    }
    const named = new Set(expected.filter((e) => e.items.length).map((e) => e.id));
    expect(named.size).toBeGreaterThanOrEqual(10);
  });

  it('when an item names "Pathway N", then that pathway is proposed as an explicit reference with confidence 1', () => {
    let count = 0;
    for (const item of items) {
      for (const m of item.text.matchAll(/\bPathway (\d+)\b/g)) {
        count++;
        const p = item.proposals.find((x) => x.id === `pathway-${m[1]}` && x.origin === 'reference');
        expect(p, `pathway-${m[1]} in "${item.title}"`).toBeDefined();
        expect(p!.confidence).toBe(1);
        expect(item.text.slice(p!.span!.start, p!.span!.end)).toBe(m[0]);
      }
    }
    expect(count).toBe(3);
    // "15 pathways" in a title is not a reference.
    const guidance = itemOfSource.get('src-news-2019-12-02-15-pathways')!;
    expect(guidance.proposals.filter((p) => p.kind === 'pathway' && p.origin === 'reference').map((p) => p.id).sort()).toEqual(['pathway-12', 'pathway-15', 'pathway-6']);
  });

  it('when a proposal points at its mention, then the span and the evidence come from the item text', () => {
    for (const item of items) {
      for (const p of item.proposals) {
        if (!p.span) continue;
        expect(p.span.start).toBeGreaterThanOrEqual(0);
        expect(p.span.end).toBeLessThanOrEqual(item.text.length);
        if (p.origin !== 'draft') expect(item.text).toContain(p.evidence);
      }
    }
  });
});
