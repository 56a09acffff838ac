import { describe, expect, it } from 'vitest';
import { ofKind, readOne, seedGraphContext, spanned } from './ingest-helpers.js';

const names = (item: ReturnType<typeof readOne>, kind: 'organisation' | 'initiative') =>
  ofKind(item, kind)
    .map((p) => p.name)
    .sort();

describe('ingest: organisations and initiatives', () => {
  it('when the graph knows a body under an alternate name or acronym, then its id is proposed', () => {
    const item = readOne(
      'ICLEI Europe and EUROCITIES run the Big Buyers Initiative with DG GROW. The MakeICTFair project ended.',
      seedGraphContext(),
    );
    expect(
      ofKind(item, 'organisation')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['org-dg-grow', 'org-eurocities', 'org-iclei']);
    expect(
      ofKind(item, 'initiative')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['initiative-big-buyers', 'initiative-make-ict-fair']);
  });

  it('when an acronym that the graph knows is written in lower case, then it is not matched', () => {
    const item = readOne('It is not ec policy; the rws and the Big buyers are words here.', seedGraphContext());
    expect(ofKind(item, 'organisation')).toEqual([]);
    expect(ofKind(item, 'initiative')).toEqual([]);
  });

  it('when a new body is named with a head word, then it is proposed as an organisation, with its acronym', () => {
    const item = readOne(
      'The Korea Environmental Industry and Technology Institute (KEITI) met the Swedish National Agency for Public Procurement. KEITI runs the ecolabel.',
    );
    expect(names(item, 'organisation')).toEqual([
      'Korea Environmental Industry and Technology Institute',
      'Swedish National Agency for Public Procurement',
    ]);
    const keiti = ofKind(item, 'organisation').find((p) => p.details?.acronym === 'KEITI')!;
    // The name, the acronym in brackets and the later "KEITI" are all mentions of it.
    expect(keiti.spans!.map((s) => item.text.slice(s.start, s.end))).toEqual([
      'Korea Environmental Industry and Technology Institute',
      'KEITI',
      'KEITI',
    ]);
  });

  it('when a municipal body is named, then the body is an organisation and its place a place', () => {
    const item = readOne('The City of Oslo and Aarhus Municipality signed; Reading Borough Council followed.');
    expect(names(item, 'organisation')).toEqual(['Aarhus Municipality', 'City of Oslo', 'Reading Borough Council']);
    expect(ofKind(item, 'organisation').every((o) => o.details?.orgType === 'public-authority')).toBe(true);
    expect(
      ofKind(item, 'place')
        .map((p) => [p.name, p.details?.country ?? p.candidates?.[0]?.country])
        .sort(),
    ).toEqual([
      ['Oslo', 'NO'],
      ['Reading', 'GB'],
      ['Århus', 'DK'],
    ]);
  });

  it('when the text says what a name is, then the project, the company or the authority is proposed', () => {
    const item = readOne(
      "The EU-funded project CityLoops has ended. The Horizon 2020 programme paid for it. Île-de-France Mobilités, the region's transport authority, runs the buses. " +
        'A consortium led by Signify won; companies such as Siemens Energy, Corvus Energy and Fjord1 supply batteries; Rødne Trafikk AS operates.',
    );
    expect(names(item, 'initiative')).toEqual(['CityLoops', 'Horizon 2020']);
    expect(names(item, 'organisation')).toEqual([
      'Corvus Energy',
      'Fjord1',
      'Rødne Trafikk AS',
      'Siemens Energy',
      'Signify',
      'Île-de-France Mobilités',
    ]);
    // A topic word inside a company's name is not a theme.
    expect(ofKind(item, 'theme').map((t) => t.id)).not.toContain('theme-energy');
  });

  it('when capitalised words are a person, a role or a topic, then no organisation is proposed', () => {
    const item = readOne(
      'Katrin Stjernfeldt Jammeh, Mayor of Malmö, spoke. The Internet of Things (IoT) and Key Performance Indicators (KPIs) help. State Secretary Stientje van Veldhoven agreed.',
    );
    expect(ofKind(item, 'organisation')).toEqual([]);
    expect(ofKind(item, 'initiative')).toEqual([]);
  });

  it('when working groups are listed, then each is an initiative, matched to the graph where it has them', () => {
    const item = readOne(
      'Three working groups on circular construction materials, heavy-duty electric vehicles, and zero-emission construction sites were set up.',
      seedGraphContext(),
    );
    const groups = ofKind(item, 'initiative');
    expect(groups.map((g) => g.id).sort()).toEqual([
      'initiative-big-buyers-circular-construction',
      'initiative-big-buyers-heavy-duty-evs',
      'initiative-big-buyers-zero-emission-construction-sites',
    ]);
    expect(groups.map((g) => spanned(item, g)).sort()).toEqual([
      'circular construction materials',
      'heavy-duty electric vehicles',
      'zero-emission construction sites',
    ]);
  });
});
