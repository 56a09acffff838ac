import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../src/domain/ingest/extract/extract.js';
import { splitItems } from '../../src/domain/ingest/extract/split.js';
import { foldName } from '../../src/domain/ingest/extract/tokens.js';
import type { IngestItem } from '../../src/domain/ingest/types.js';
import { readSeeds } from '../../src/domain/seed/plan.js';
import type { SeedFile } from '../../src/domain/seed/file.js';
import { seedGraphContext } from '../unit/ingest-helpers.js';

/**
 * The checks of the extractor against a newsletter of the ten news items the curated seed graph was
 * built from. Two files pass them: the original newsletter, which lives outside the repository
 * (`npm run eval:external`, test/eval), and test/fixtures/newsletter.txt, the same ten items with
 * the same titles, dates, names and figures in reworded prose (`npm test`, test/unit). Each call
 * declares the describe and it blocks for one file.
 */

/** Wording that differs between the original and the reworded copy; the splitting check looks for it. */
export interface NewsletterLandmarks {
  /** The last line of the third item (the Flemish conference on fair and circular ICT). */
  conferenceItemLastLine: string;
}

const NEWS_FILE = 'news/2019-12-iclei-procurement-news.yaml';

/** Whether the text names this (whole words, case and accents ignored). */
function names(text: string, name: string): boolean {
  const escaped = foldName(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(foldName(text).replace(/[’]/g, "'"));
}

/** The splitter finds the ten items with their titles and dates, and the bounds of each. */
export function newsletterSplitChecks(file: string, landmarks: NewsletterLandmarks): void {
  describe(`ingest: splitting the seed newsletter (${path.basename(file)})`, () => {
    it('when the seed newsletter is split, then its ten items come out with their titles and dates', () => {
      const text = readFileSync(file, 'utf8');
      const items = splitItems(text);
      expect(items.map((i) => i.date)).toEqual([
        '2020-01-15',
        '2020-01-08',
        '2019-12-17',
        '2019-12-13',
        '2019-12-10',
        '2019-12-05',
        '2019-12-03',
        '2019-12-02',
        '2019-11-26',
        '2019-11-25',
      ]);
      expect(items[0]!.title).toBe('Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality');
      expect(items[8]!.title).toBe('The latest on life-cycle costing for procurement');
      // The webinar's own date line inside an item ("16th December 2019 at 14:00 CET") starts nothing.
      expect(text.slice(items[8]!.start, items[8]!.end)).toContain('16th December 2019 at 14:00 CET');
      // Each item runs up to the next title, and the body starts after the date line.
      expect(text.slice(items[2]!.bodyStart).trimStart().startsWith('On 9 December, the ‘Conference')).toBe(true);
      expect(text.slice(items[2]!.end, items[3]!.start).trim()).toBe('');
      expect(text.slice(items[2]!.start, items[2]!.end).trimEnd().endsWith(landmarks.conferenceItemLastLine)).toBe(true);
    });
  });
}

/**
 * The curated seed graph was built by hand from the seed newsletter. Read by the extractor, the
 * newsletter must give back every place and initiative that graph holds wherever the item names it
 * (by its name or an alternate name), and every "Pathway N" the text names.
 */
export function seedGraphChecks(file: string): void {
  describe(`ingest: the seed newsletter against the curated seed graph (${path.basename(file)})`, () => {
    let news: SeedFile;
    let items: IngestItem[];
    let itemOfSource: Map<string, IngestItem>;

    beforeAll(() => {
      const files = readSeeds().files;
      news = files.find((f) => f.file.replace(/\\/g, '/').endsWith(NEWS_FILE))!.data;
      items = extract(readFileSync(file, 'utf8'), seedGraphContext()).items;
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

    it('when the newsletter is read, then its ten items match the ten news sources by title and date', () => {
      const sources = (news.sources ?? []).filter((s) => s.kind === 'news');
      expect(items).toHaveLength(10);
      expect(itemOfSource.size).toBe(10);
      for (const s of sources) expect(itemOfSource.get(s.id)!.date).toBe(s.date);
    });

    it('when an item names a place of the curated graph, then the extractor proposes that place in that item', () => {
      const expected = expectations(news.places ?? []);
      const missing = expected.flatMap((e) =>
        e.items.filter((i) => !i.proposals.some((p) => p.kind === 'place' && p.id === e.id)).map((i) => `${e.id} in "${i.title}"`),
      );
      expect(missing).toEqual([]);
      // Only the countries added to locate named cities are not named in any item.
      expect(
        expected
          .filter((e) => !e.items.length)
          .map((e) => e.id)
          .sort(),
      ).toEqual(['place-belgium', 'place-germany', 'place-spain', 'place-sweden', 'place-switzerland']);
    });

    it('when an item names an initiative of the curated graph, then the extractor proposes that initiative in that item', () => {
      const expected = expectations(news.initiatives ?? []);
      const missing = expected.flatMap((e) =>
        e.items.filter((i) => !i.proposals.some((p) => p.kind === 'initiative' && p.id === e.id)).map((i) => `${e.id} in "${i.title}"`),
      );
      expect(missing).toEqual([]);
      // The Big Buyers working groups are described ("three working groups on ...") rather than named,
      // and the extractor still finds them.
      const bigBuyers = itemOfSource.get('src-news-2019-12-03-big-buyers-oslo')!;
      for (const id of [
        'initiative-big-buyers-circular-construction',
        'initiative-big-buyers-heavy-duty-evs',
        'initiative-big-buyers-zero-emission-construction-sites',
      ]) {
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
      expect(
        guidance.proposals
          .filter((p) => p.kind === 'pathway' && p.origin === 'reference')
          .map((p) => p.id)
          .sort(),
      ).toEqual(['pathway-12', 'pathway-15', 'pathway-6']);
    });

    it('when a proposal points at its mention, then the span and the evidence come from the item text', () => {
      for (const item of items) {
        const spanned = item.proposals.filter((p) => p.span);
        for (const p of spanned) {
          expect(p.span!.start).toBeGreaterThanOrEqual(0);
          expect(p.span!.end).toBeLessThanOrEqual(item.text.length);
        }
        // Every proposal but a case draft quotes the item as its evidence.
        for (const p of spanned.filter((x) => x.origin !== 'draft')) expect(item.text).toContain(p.evidence);
      }
    });
  });
}

/** Every check of the extractor against one newsletter file. */
export function newsletterChecks(file: string, landmarks: NewsletterLandmarks): void {
  newsletterSplitChecks(file, landmarks);
  seedGraphChecks(file);
}
