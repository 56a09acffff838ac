/**
 * Prints, as a Markdown table, how complete the case profiles of the seed graph are: for each profile
 * field, the number and share of cases that have it (the README's table comes from this).
 *
 *   npm run --silent profiles:completeness
 */
import { readSeeds } from '../src/domain/seed/plan.js';
import type { CaseProfile } from '../src/domain/model/profile.js';

const FIELDS: [keyof CaseProfile, string][] = [
  ['background', 'background'],
  ['purchase', 'what was bought (words)'],
  ['cpv', 'what was bought (CPV 2008 codes)'],
  ['procedure', 'procedure and approach'],
  ['buyer', 'buyer organisation (and unit)'],
  ['contact', 'public contact'],
  ['value', 'contract value'],
  ['period', 'contract period'],
  ['criteria', 'tender criteria'],
  ['results', 'results with figures'],
  ['lessons', 'lessons learned'],
  ['documents', 'documents'],
];

const cases = readSeeds().files.flatMap((f) => f.data.cases ?? []);
const places = readSeeds().files.flatMap((f) => f.data.places ?? []);
const has = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined);
const share = (n: number, of: number) => `${n} of ${of} (${Math.round((100 * n) / of)}%)`;
console.log('| field | cases that have it |\n| --- | --- |');
for (const [key, label] of FIELDS) console.log(`| ${label} | ${share(cases.filter((c) => has(c.profile?.[key])).length, cases.length)} |`);
const curated = cases.filter((c) => c.profile?.cpv?.basis === 'curated').length;
console.log(`| (CPV codes chosen by a curator) | ${share(curated, cases.length)} |`);
const settlements = places.filter((p) => ['city', 'town', 'municipality'].includes(p.placeType));
console.log(
  `| place population (cities, towns and municipalities) | ${share(settlements.filter((p) => p.population).length, settlements.length)} places |`,
);
