import countries from 'i18n-iso-countries';
import { createRequire } from 'node:module';
import type { Countries } from 'world-countries';

const world = createRequire(import.meta.url)('world-countries/countries.json') as Countries;

/**
 * What a buyer compares a place with their own by: its country's name, its region of the world (the
 * European Union, or the UN geoscheme sub-region from the world-countries package), and a size band
 * from its population.
 */
export const SIZE_BANDS = ['village', 'town', 'small-city', 'city', 'metropolis', 'region', 'country'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

export const SIZE_BAND_LABELS: Record<SizeBand, string> = {
  village: 'Village (under 20,000 people)',
  town: 'Town (20,000-100,000 people)',
  'small-city': 'Small city (100,000-250,000 people)',
  city: 'City (250,000-1 million people)',
  metropolis: 'Metropolis (1 million people or more)',
  region: 'Region',
  country: 'Country',
};

const SETTLEMENT_TYPES = new Set(['city', 'town', 'municipality']);
const REGION_TYPES = new Set(['region', 'county']);

/** The band a place falls in: countries and regions by their type, settlements by their population (none without one). */
export function sizeBand(placeType: unknown, population: unknown): SizeBand | undefined {
  if (placeType === 'country') return 'country';
  if (typeof placeType === 'string' && REGION_TYPES.has(placeType)) return 'region';
  if (typeof placeType !== 'string' || !SETTLEMENT_TYPES.has(placeType)) return undefined;
  if (typeof population !== 'number' || !Number.isFinite(population) || population <= 0) return undefined;
  if (population < 20_000) return 'village';
  if (population < 100_000) return 'town';
  if (population < 250_000) return 'small-city';
  if (population < 1_000_000) return 'city';
  return 'metropolis';
}

/** The 27 member states of the European Union (since 1 February 2020), by ISO 3166-1 alpha-2 code. */
const EU_MEMBERS = new Set('AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '));

export const isEuMember = (country: string): boolean => EU_MEMBERS.has(country);

const byCode = new Map(world.map((c) => [c.cca2, c]));

/** The country's English short name ("Denmark"), or the code itself. */
export function countryName(code: string): string {
  return byCode.get(code)?.name.common ?? countries.getName(code, 'en') ?? code;
}

/** "European Union" for a member state, otherwise the UN geoscheme sub-region ("Northern Europe", "South America"). */
export function worldRegion(code: string): string | undefined {
  if (isEuMember(code)) return 'European Union';
  const c = byCode.get(code);
  return c?.subregion || c?.region || undefined;
}

/** The ISO 3166-1 numeric code that world-atlas uses as a country's id ("208"). */
export const numericCountryCode = (code: string): string | undefined => byCode.get(code)?.ccn3;

/**
 * A point for a whole country on a map, from the world-countries package (its `latlng`, a
 * representative point inside the country): for a country place the graph gives no coordinates.
 */
export function countryCentre(code: unknown): { lat: number; lon: number } | undefined {
  if (typeof code !== 'string') return undefined;
  const c = world.find((w) => w.cca2 === code.toUpperCase());
  const [lat, lon] = c?.latlng ?? [];
  return typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : undefined;
}
