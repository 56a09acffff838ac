import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitItems } from '../../src/domain/ingest/extract/split.js';
import { newsletterPath } from './newsletter.js';

describe('ingest: splitting the seed newsletter', () => {
  it('when the seed newsletter is split, then its ten items come out with their titles and dates', () => {
    const text = readFileSync(newsletterPath, 'utf8');
    const items = splitItems(text);
    expect(items.map((i) => i.date)).toEqual([
      '2020-01-15', '2020-01-08', '2019-12-17', '2019-12-13', '2019-12-10',
      '2019-12-05', '2019-12-03', '2019-12-02', '2019-11-26', '2019-11-25',
    ]);
    expect(items[0]!.title).toBe('Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality');
    expect(items[8]!.title).toBe('The latest on life-cycle costing for procurement');
    // The webinar's own date line inside an item ("16th December 2019 at 14:00 CET") starts nothing.
    expect(text.slice(items[8]!.start, items[8]!.end)).toContain('16th December 2019 at 14:00 CET');
    // Each item runs up to the next title, and the body starts after the date line.
    expect(text.slice(items[2]!.bodyStart).trimStart().startsWith('On 9 December, the ‘Conference')).toBe(true);
    expect(text.slice(items[2]!.end, items[3]!.start).trim()).toBe('');
    expect(text.slice(items[2]!.start, items[2]!.end).trimEnd().endsWith('Learn more about ICLEI’s work in Make ICT Fair.')).toBe(true);
  });

});
