import { describe, expect, it } from 'vitest';
import { ofKind, readOne, seedGraphContext, spanned } from './ingest-helpers.js';

const initiatives = (item: ReturnType<typeof readOne>) =>
  ofKind(item, 'initiative')
    .map((p) => [p.name, p.details?.initiativeKind])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('ingest: named initiatives of every kind', () => {
  it('when news names a manifesto, a title given to cities and a pledge, then each is proposed with its kind', () => {
    const item = readOne(
      'Forty municipalities endorsed the Circular Furniture Manifesto this spring. ' +
        'Next year the town will hold the European Green Leaf title, and it has also joined the Green City Accord.',
    );
    expect(initiatives(item)).toEqual([
      ['Circular Furniture Manifesto', 'declaration'],
      ['European Green Leaf', 'award'],
      ['Green City Accord', 'pledge'],
    ]);
  });

  it('when a declaration is named with its acronym, then later mentions of the acronym are the same initiative', () => {
    const item = readOne(
      'Twelve cities signed the Circular Cities Declaration (CCD) in May. Signatories say the CCD helps them share tender documents.',
    );
    const ccd = ofKind(item, 'initiative');
    expect(ccd.map((p) => p.name)).toEqual(['Circular Cities Declaration']);
    expect(ccd[0]!.details).toMatchObject({ initiativeKind: 'declaration', acronym: 'CCD' });
    expect(ccd[0]!.spans?.map((s) => item.text.slice(s.start, s.end))).toEqual(['Circular Cities Declaration', 'CCD', 'CCD']);
  });

  it('when a campaign or an award name holds lower-case link words, then the whole name is read from its noun', () => {
    const item = readOne(
      'Three capitals joined the Race to Zero campaign, and Barcelona received the Innovation Procurement of the Year award.',
    );
    expect(initiatives(item)).toEqual([
      ['Innovation Procurement of the Year', 'award'],
      ['Race to Zero', 'campaign'],
    ]);
  });

  it('when a headline shortens a name the text gives in full, then one initiative is proposed under the full name', () => {
    const item = readOne(
      'Buyers win the Procura+ Award\n\nThe city received the Procura+ Award for Sustainable Procurement of the Year for its bus tender.',
    );
    const awards = ofKind(item, 'initiative').filter((p) => !p.id);
    expect(awards.map((p) => p.name)).toEqual(['Procura+ Award for Sustainable Procurement of the Year']);
    expect(awards[0]!.spans?.length).toBe(2);
  });

  it('when a date follows a title or a week, then the date is not part of its name', () => {
    const item = readOne(
      'Heraklion was named European Capital of Smart Tourism for 2024. The winners meet at the European Week of Regions and Cities in October.',
    );
    expect(initiatives(item)).toEqual([
      ['European Capital of Smart Tourism', 'award'],
      ['European Week of Regions and Cities', 'campaign'],
    ]);
  });

  it('when a national agency is introduced by an apposition with a possessive, then it is proposed as an organisation', () => {
    const item = readOne(
      "Consip, Italy's national central purchasing body, launched a framework for cleaning services.",
      seedGraphContext(),
    );
    const consip = ofKind(item, 'organisation').find((p) => p.name === 'Consip');
    expect(consip).toBeDefined();
    expect(spanned(item, consip!)).toBe('Consip');
  });

  it('when "and" joins two capitalised words before a head word, then the name holds both, but a city list before a verb is left alone', () => {
    const item = readOne('Mayors of Lyon and Grenoble signed the Green and Healthy Streets Declaration.');
    expect(initiatives(item)).toEqual([['Green and Healthy Streets Declaration', 'declaration']]);
    expect(
      ofKind(item, 'place')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['Grenoble', 'Lyon']);
  });

  it('when a project is funded under a named programme, then the programme is proposed', () => {
    const item = readOne('Support comes through a pilot funded under Horizon Europe, which runs until 2027.');
    expect(initiatives(item)).toEqual([['Horizon Europe', 'programme']]);
  });

  it('when a pledge is named by a lower-case topic after "on", then the topic is part of its name', () => {
    const item = readOne('Both cities signed the national Green Deal on circular procurement in 2019.');
    expect(initiatives(item)).toEqual([['Green Deal on circular procurement', 'pledge']]);
  });
  it('when a name holds "&", opens with "New" of a place, or links two headed names by "of the", then each name is read whole', () => {
    const item = readOne(
      'The town joined the Covenant of Mayors for Climate & Energy. Mayors met during New York Climate Week. ' +
        'Ten cities share the second call for Innovative Actions of the European Urban Initiative. The R&D Programme starts.',
    );
    const names = initiatives(item).map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Covenant of Mayors for Climate & Energy',
        'New York Climate Week',
        'Innovative Actions',
        'European Urban Initiative',
      ]),
    );
    expect(names).not.toContain('York Climate Week');
    expect(names).not.toContain('Innovative Actions of the European Urban Initiative');
    expect(ofKind(item, 'place').map((p) => p.name)).not.toContain('York');
  });

  it('when a head word is linked by "of" (no "the") to a name ending in a head, or is followed by another head, then the name is read whole', () => {
    const item = readOne(
      'The European Capital of Innovation Awards were given in Brussels. Mayors renewed the Covenant of Mayors Initiative. ' +
        'Ghent won the Circular Business Model Award. The Urban Innovative Actions Programme funded it.',
    );
    const names = initiatives(item).map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        'European Capital of Innovation Awards',
        'Covenant of Mayors Initiative',
        'Circular Business Model Award',
        'Urban Innovative Actions Programme',
      ]),
    );
    for (const part of [
      'European Capital',
      'Innovation Awards',
      'Mayors Initiative',
      'Circular Business Model',
      'Urban Innovative Actions',
    ])
      expect(names).not.toContain(part);
  });

  it('when capitalised words before a head are joined by a spaced "&" or a letter is joined by "&", then the name keeps them', () => {
    const item = readOne(
      'The EU Research & Innovation Programme starts in May. The Marks & Spencer Foundation funded it. ' +
        'Texas A&M University studied the tender.',
    );
    expect(initiatives(item).map(([name]) => name)).toEqual(['EU Research & Innovation Programme']);
    expect(ofKind(item, 'organisation').map((p) => p.name)).toEqual(
      expect.arrayContaining(['Marks & Spencer Foundation', 'Texas A&M University']),
    );
    const all = item.proposals.map((p) => p.name);
    for (const part of ['Innovation Programme', 'Spencer Foundation', 'M University']) expect(all).not.toContain(part);
  });

  it('when "Model" or "Actions" follows a single everyday word, then no initiative is proposed, but longer names keep them', () => {
    const item = readOne(
      'Priority Actions include cutting waste. The new Business Model works well. The city listed its Climate Actions for 2030. ' +
        'The Social Value Model applies, and ten cities share the call for Innovative Actions.',
    );
    expect(initiatives(item).map(([name]) => name)).toEqual(['Innovative Actions', 'Social Value Model']);
  });
});
