import { describe, expect, it } from 'vitest';
import { readOne } from './ingest-helpers.js';

const amounts = (text: string) => readOne(text).facts.amounts.map((a) => [a.currency, a.value]);
const years = (text: string) => readOne(text).facts.years.map((y) => (y.endYear ? [y.year, y.endYear] : y.year));

describe('ingest: years and amounts', () => {
  it('when amounts are written in the usual ways, then each is read with its currency and value', () => {
    expect(amounts('A contract worth EUR 5 million.')).toEqual([['EUR', 5_000_000]]);
    expect(amounts('Tallinn spends €1.2m on buses and €900,000 on lights.')).toEqual([
      ['EUR', 1_200_000],
      ['EUR', 900_000],
    ]);
    expect(amounts('Worth NOK 1.2 billion, or USD 2.5bn, or £40,000, or 3 million euros, or SEK 40 million.')).toEqual([
      ['NOK', 1_200_000_000],
      ['USD', 2_500_000_000],
      ['GBP', 40_000],
      ['EUR', 3_000_000],
      ['SEK', 40_000_000],
    ]);
  });

  it('when numbers are not money, then no amount is read', () => {
    expect(amounts('Six speedboats emit as much as 1000 busses; 110 participants came; 70% was reused.')).toEqual([]);
  });

  it('when years and periods are named, then each is read, with the end of a period', () => {
    expect(years('In 2017 the council decided; in 2018-2019 it ran a PCP; by 2025 all sites are clean.')).toEqual([
      2017,
      [2018, 2019],
      2025,
    ]);
    expect(years('The project runs from January 2020 to December 2022.')).toEqual([[2020, 2022]]);
    expect(years('Deliveries are planned between 2025 and 2028.')).toEqual([[2025, 2028]]);
  });

  it('when a number only looks like a year, then it is not read as one', () => {
    expect(years('It saves 1000 tonnes, 2030 tonnes and 2019% more; the Horizon 2020 programme pays; call 0800 2020 123.')).toEqual([]);
  });

  it('when the item has a date line, then that date is not read as a fact', () => {
    const item = readOne('Oslo tests diggers\n\n3 December 2019\n\nThe test ran in 2018.');
    expect(item.date).toBe('2019-12-03');
    expect(item.facts.years.map((y) => y.year)).toEqual([2018]);
    expect(item.facts.years[0]!.evidence).toBe('The test ran in 2018.');
  });
});
