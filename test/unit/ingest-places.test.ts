import { describe, expect, it } from 'vitest';
import { ofKind, readOne, seedGraphContext, spanned } from './ingest-helpers.js';

describe('ingest: places', () => {
  it('when a text names the Paris Region, then the region is proposed and not the city of Paris', () => {
    const item = readOne('The Paris Region will pilot the tool with five other buyers.', seedGraphContext());
    const places = ofKind(item, 'place');
    expect(places.map((p) => p.id)).toEqual(['place-paris-region']);
    expect(spanned(item, places[0]!)).toBe('Paris Region');
    expect(places[0]!.evidence).toBe('The Paris Region will pilot the tool with five other buyers.');
  });

  it('when the graph does not know the region, then "X Region" is still a new region, not the city X', () => {
    const item = readOne('Buyers from the Helsinki Region and the Stockholm region met in Tampere.');
    const places = ofKind(item, 'place');
    expect(places.map((p) => [p.name, p.details?.placeType])).toEqual(
      expect.arrayContaining([
        ['Helsinki Region', 'region'],
        ['Stockholm region', 'region'],
        ['Tampere', 'city'],
      ]),
    );
    expect(places.some((p) => p.name === 'Helsinki' || p.name === 'Stockholm')).toBe(false);
  });

  it('when a text writes Gent, then the graph place Ghent is found through its alternate name', () => {
    const item = readOne('Digital services in Gent will buy refurbished laptops.', seedGraphContext());
    const [ghent] = ofKind(item, 'place');
    expect(ghent).toMatchObject({ id: 'place-ghent', name: 'Ghent', origin: 'graph' });
    expect(spanned(item, ghent!)).toBe('Gent');
  });

  it('when a city is not in the graph, then the gazetteer gives its country, coordinates and population', () => {
    const item = readOne('The city of Lyon awarded a catering contract.');
    const [lyon] = ofKind(item, 'place');
    expect(lyon).toMatchObject({ name: 'Lyon', origin: 'gazetteer', details: { country: 'FR', placeType: 'city' } });
    expect(lyon!.id).toBeUndefined();
    expect(lyon!.details!.population).toBeGreaterThan(400_000);
    expect(Math.round(Number(lyon!.details!.lat))).toBe(46);
  });

  it('when city names are everyday words, then they are places only with a cue', () => {
    const words = readOne(
      'Reading the report, buyers found it a nice surprise. Nice as it sounds, the split into lots will stay. Mobile phones and Bath towels are bought separately.',
    );
    expect(ofKind(words, 'place')).toEqual([]);
    const cities = readOne('Officials from Reading, UK, and from Nice, France, met in Split, a Croatian city.');
    expect(ofKind(cities, 'place').map((p) => [p.name, p.details?.country])).toEqual(
      expect.arrayContaining([
        ['Reading', 'GB'],
        ['Nice', 'FR'],
        ['Split', 'HR'],
        ['France', 'FR'],
      ]),
    );
    // "the city of Reading" says it is a place, but not which of the towns called Reading.
    const reading = ofKind(readOne('Officials from the city of Reading met.'), 'place');
    expect(reading).toHaveLength(1);
    expect(reading[0]).toMatchObject({ name: 'Reading', ambiguous: true });
    expect(reading[0]!.candidates!.map((c) => c.country)).toEqual(expect.arrayContaining(['GB', 'US']));
  });

  it('when a city name is also a first name, then the person is not a place', () => {
    const item = readOne('Florence Nightingale and Victoria Santos spoke; Jackson Silva chaired. Mayor Lincoln thanked them.');
    expect(ofKind(item, 'place')).toEqual([]);
  });

  it('when several cities share a name and nothing says which, then the place is flagged ambiguous with candidates', () => {
    const item = readOne('Cambridge will use a dynamic purchasing system for home retrofits.');
    const [cambridge] = ofKind(item, 'place');
    expect(cambridge).toMatchObject({ name: 'Cambridge', ambiguous: true });
    expect(cambridge!.confidence).toBeLessThan(0.5);
    expect(cambridge!.candidates!.map((c) => c.country)).toEqual(expect.arrayContaining(['GB', 'US', 'CA']));
  });

  it('when the item names the country, then the shared name is resolved to the city in that country', () => {
    const item = readOne('Cambridge, in the United Kingdom, will use a dynamic purchasing system.');
    const cambridge = ofKind(item, 'place').find((p) => p.name === 'Cambridge')!;
    expect(cambridge.ambiguous).toBeUndefined();
    expect(cambridge.details?.country).toBe('GB');
    const valencia = ofKind(readOne('The fleet of Valencia (Spain) goes electric.'), 'place').find((p) => p.name === 'Valencia')!;
    expect(valencia.details?.country).toBe('ES');
  });

  it('when "Goal" or "Pathway" is followed by a number, then it is a reference and never a place', () => {
    const item = readOne('Goal 11 and Pathway 12 guide the Nordic cities of Oslo and Bergen.');
    expect(
      ofKind(item, 'place')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['Bergen', 'Oslo']);
    expect(ofKind(item, 'place').find((p) => p.name === 'Bergen')!.details?.country).toBe('NO');
  });

  it('when countries are named, including with "the", then each is a country with its ISO code', () => {
    const item = readOne('Buyers from the Netherlands, Bosnia and Herzegovina and the UK joined.');
    expect(
      ofKind(item, 'place')
        .map((p) => p.details?.country)
        .sort(),
    ).toEqual(['BA', 'GB', 'NL']);
  });

  it('when the graph knows the country, then the proposal carries the graph id', () => {
    const item = readOne('China and the Netherlands will lead the programme.', seedGraphContext());
    expect(
      ofKind(item, 'place')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['place-china', 'place-netherlands']);
  });
  it('when a region is named without a region word, then the subdivision of the country the text names is proposed', () => {
    const item = readOne('Italy opened the framework to its regions. Regions such as Lombardy and Emilia-Romagna can order from it.');
    const regions = ofKind(item, 'place').filter((p) => p.details?.placeType === 'region');
    expect(regions.map((p) => [p.name, p.details?.country, p.details?.subdivision])).toEqual([
      ['Lombardy', 'IT', 'IT-25'],
      ['Emilia-Romagna', 'IT', 'IT-45'],
    ]);
  });

  it('when a subdivision name is an everyday word or belongs to several countries with no country named, then no region is proposed', () => {
    const item = readOne('Teams from Central and Northern offices met in Limburg to compare tenders.');
    expect(ofKind(item, 'place').filter((p) => p.details?.placeType === 'region')).toEqual([]);
  });

  it('when a first-level region shares its name with a small town of its country, then the region is proposed, not the town', () => {
    // Wales (GB-WLS) is also a village near Rotherham; California (US-CA) towns in Maryland and Missouri.
    for (const text of ['The hospital in Wales bought reusable gowns.', 'In the UK, hospitals in Wales bought gowns.']) {
      const places = ofKind(readOne(text), 'place').filter((p) => p.name === 'Wales');
      expect(places.map((p) => p.details)).toEqual([
        expect.objectContaining({ placeType: 'region', country: 'GB', subdivision: 'GB-WLS' }),
      ]);
    }
    const california = ofKind(readOne('Cities in California bought electric buses.'), 'place');
    expect(california.map((p) => [p.name, p.details?.placeType, p.details?.subdivision])).toEqual([['California', 'region', 'US-CA']]);
  });

  it('when a province bears the name of a city of its country, then the city is proposed', () => {
    const item = readOne('In Italy, the tender was first run in Treviso.');
    const treviso = ofKind(item, 'place').find((p) => p.name === 'Treviso');
    expect(treviso?.details).toMatchObject({ placeType: 'city', country: 'IT' });
  });

  it('when a place is named with "New" (New Jersey, New Mexico, New England, New York), then the place without "New" is not proposed', () => {
    const item = readOne(
      "In the US, New York and New Jersey joined. New Mexico signed too. Towns in New England buy local. New Jersey's transit agency agreed.",
    );
    const places = ofKind(item, 'place');
    expect(places.map((p) => [p.name, p.details?.placeType, p.details?.country])).toEqual(
      expect.arrayContaining([
        ['New York', 'city', 'US'],
        ['New Jersey', 'region', 'US'],
      ]),
    );
    const names = places.map((p) => p.name);
    for (const part of ['Jersey', 'York', 'Mexico', 'England']) expect(names).not.toContain(part);
    // Still a country on its own.
    expect(ofKind(readOne('Buyers in Mexico and Jersey met.'), 'place').map((p) => p.name)).toEqual(['Mexico', 'Jersey']);
  });

  it('when no city of a name lies in the country the item names but a region of that country bears it, then the region is proposed', () => {
    const item = readOne('In Canada, Ontario and British Columbia joined the framework.');
    const places = ofKind(item, 'place').filter((p) => p.name === 'Ontario');
    // Not Ontario, California.
    expect(places.map((p) => [p.details?.placeType, p.details?.country, p.details?.subdivision])).toEqual([['region', 'CA', 'CA-ON']]);
  });

  it('when a region name follows a capitalised word within a sentence, then it is part of a longer name and no region is proposed', () => {
    const item = readOne('The speaker, Jasmine Lazio, said the region would join. Italy signed too.');
    expect(ofKind(item, 'place').map((p) => p.name)).toEqual(['Italy']);
    // A title's capitalised cue is no name: "In Bavaria" still names the region.
    expect(ofKind(readOne('Procurement Tender Launched In Bavaria'), 'place').map((p) => p.details?.subdivision)).toEqual(['DE-BY']);
  });

  it('when a name that is also a region of a country the item does not name is followed by "\'s", then no region is proposed', () => {
    const item = readOne("Meta's new data centre in Odense buys renewable energy.");
    expect(ofKind(item, 'place').map((p) => p.name)).toEqual(['Odense']);
  });

  it('when a sentence opens with an everyday word that names a region of the country the item names, then no place is proposed', () => {
    for (const text of [
      'In the UK, prices went up. Down the line, buyers will save money.',
      'In the Czech Republic, Most of the tenders were green.',
      'In Nigeria, Rivers of plastic fill the streets.',
      'In France, Lot sizes were reduced to help small firms.',
    ]) {
      const places = ofKind(readOne(text), 'place');
      expect(places.map((p) => p.details?.placeType)).toEqual(['country']);
    }
  });

  it('when a country named with "and" is written with "&", then it is the country', () => {
    const item = readOne('Trinidad & Tobago and Bosnia & Herzegovina signed the pledge with France & Germany.');
    expect(ofKind(item, 'place').map((p) => p.details?.country)).toEqual(expect.arrayContaining(['TT', 'BA', 'FR', 'DE']));
    expect(ofKind(item, 'place')).toHaveLength(4);
  });
});
