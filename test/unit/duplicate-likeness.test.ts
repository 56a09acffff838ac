import { describe, expect, it } from 'vitest';
import { likenessReasons, matchesAmong, similarity } from '../../src/domain/curation/similar.js';

const tartu = {
  name: 'Tartu innovation procurement for mobility and transport',
  summary: 'The City of Tartu used innovation procurement to buy electric ferries for mobility and transport.',
  year: 2023,
  places: ['place-tartu'],
};

describe('the duplicate check', () => {
  it('does not call two cases alike for their summaries when their places or years differ', () => {
    const gdansk = {
      name: 'Gdańsk buys electric buses',
      summary: 'The City of Gdańsk used innovation procurement to buy electric buses for mobility and transport.',
      year: 2023,
      places: ['new:Gdańsk'],
    };
    expect(likenessReasons(gdansk, tartu)).toEqual([]);
    expect(likenessReasons({ ...gdansk, places: ['place-tartu'], year: 2022 }, tartu)).toEqual([]);
    expect(likenessReasons({ ...gdansk, places: ['place-tartu'] }, tartu)).toEqual([
      'same place and year (2023)',
      expect.stringMatching(/^similar summary \(\d+% of words shared\)$/),
    ]);
  });

  it('finds the same case told again, by its name', () => {
    const again = { ...tartu, name: 'Tartu Innovation Procurement for Mobility and Transport', places: [] };
    expect(matchesAmong(again, [{ ...tartu, id: 'case-tartu', kind: 'case' }]).map((m) => m.id)).toEqual(['case-tartu']);
  });

  it('compares names without Latin letters only for equality', () => {
    expect(similarity('Москва', '東京')).toBe(0);
    expect(similarity('!!!', '東京')).toBe(0);
    expect(similarity('Москва', 'Москва')).toBe(1);
    expect(similarity('Leuven', 'Lovaina')).toBeLessThan(0.6);
  });
});
