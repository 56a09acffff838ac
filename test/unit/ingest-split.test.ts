import { describe, expect, it } from 'vitest';
import { parseDateLine, splitItems } from '../../src/domain/ingest/extract/split.js';

describe('ingest: splitting a feed into items', () => {
  it('when a Markdown feed marks titles as headings and dates in emphasis, then each heading with a date is an item', () => {
    const text = [
      '# Procurement news',
      '',
      '## Lyon buys local food',
      '*14 March 2022*',
      '',
      'The city of Lyon awarded a contract.',
      '',
      '### What comes next',
      '',
      'More tenders follow.',
      '',
      '## Oslo tests electric diggers',
      '',
      'Published: March 2, 2022',
      '',
      'Oslo tested machines.',
    ].join('\n');
    const items = splitItems(text);
    expect(items.map((i) => [i.title, i.date])).toEqual([
      ['Lyon buys local food', '2022-03-14'],
      ['Oslo tests electric diggers', '2022-03-02'],
    ]);
    expect(text.slice(items[0]!.start, items[0]!.end)).toContain('More tenders follow.');
  });

  it('when the text is a single article, then it is one item titled by its first line', () => {
    const text = 'Ghent buys fair laptops\n\nThe City of Ghent has bought 2,000 laptops. It asked for audits.';
    const items = splitItems(text);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Ghent buys fair laptops', date: null, start: 0, end: text.length });
  });

  it('when an article has no title line, then its first sentence names it', () => {
    const items = splitItems('The City of Ghent has bought 2,000 laptops. It asked for audits of the factories.');
    expect(items).toHaveLength(1);
    expect(items[0]!.title).toBe('The City of Ghent has bought 2,000 laptops.');
  });

  it('when date lines take other forms, then they are read as dates and anything more is not', () => {
    expect(parseDateLine('15 January 2020')).toBe('2020-01-15');
    expect(parseDateLine('16th December 2019')).toBe('2019-12-16');
    expect(parseDateLine('January 15, 2020')).toBe('2020-01-15');
    expect(parseDateLine('  2020-01-15 ')).toBe('2020-01-15');
    expect(parseDateLine('_Posted on 3 Dec 2019_')).toBe('2019-12-03');
    expect(parseDateLine('16th December 2019 at 14:00 CET')).toBeNull();
    expect(parseDateLine('31 February 2020')).toBeNull();
    expect(parseDateLine('In 2019 we met.')).toBeNull();
  });
});
