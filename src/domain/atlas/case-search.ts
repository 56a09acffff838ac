import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { SORTS } from '../read-model/case-index.js';
import { countryCode, findCases } from '../read-model/finder.js';
import { readModelOf } from '../read-model/read-model.js';
import { SIZE_BANDS } from '../model/places.js';
import { cpvCode } from '../model/profile.js';
import { queryList as list } from '../model/schemas.js';

const idList = list(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an id such as theme-food'));

/** A country by ISO code ("ES") or by name in English, Spanish, German, French or Italian ("Spain", "España"). */
const country = z
  .string()
  .max(60)
  .transform((value, ctx) => {
    const code = countryCode(value);
    if (!code) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a country: give an ISO code such as ES or a name such as Spain` });
      return z.NEVER;
    }
    return code;
  });

/** The filters of GET /api/cases; values of one filter are alternatives, filters combine with AND. */
export const caseSearchSchema = z
  .strictObject({
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe(
        'free text over names, summaries, outcomes, themes and approaches; "SDG 12", "Goal 12", "target 12.7" or "Pathway 12" in it filter by that framework',
      ),
    pathway: list(z.coerce.number().int().min(1).max(15)).describe('pathway numbers, e.g. 12 or 9,12'),
    sdg: list(z.coerce.number().int().min(1).max(17)).describe('goal numbers; a case counts when linked to the goal or any of its targets'),
    target: list(z.string().regex(/^\d{1,2}\.(\d{1,2}|[a-z])$/, 'must be a target code such as 12.7')).describe('target codes, e.g. 12.7'),
    theme: idList.describe('theme ids, e.g. theme-food'),
    approach: idList.describe('procurement approach ids'),
    country: list(country).describe('countries by ISO code or name, e.g. ES or Spain'),
    place: idList.describe('place ids (includes the places inside them)'),
    initiative: idList.describe('initiative ids'),
    size: list(z.enum([...SIZE_BANDS, 'unknown'])).describe(
      'size bands of the places the cases are in: village (under 20,000 people), town (20,000-100,000), small-city (100,000-250,000), city (250,000-1 million), metropolis, region, country, unknown',
    ),
    cpvDivision: list(z.string().regex(/^\d{2}$/, 'must be a CPV division such as 45')).describe(
      'CPV 2008 divisions (first two digits), e.g. 45',
    ),
    cpv: list(cpvCode).describe('CPV 2008 codes with check digit, e.g. 45210000-2'),
    yearFrom: z.coerce.number().int().min(1900).max(2100).optional(),
    yearTo: z.coerce.number().int().min(1900).max(2100).optional(),
    sort: z.enum(SORTS).optional().describe('relevance (default with q), newest (default without), oldest or name'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .refine((f) => f.yearFrom === undefined || f.yearTo === undefined || f.yearFrom <= f.yearTo, {
    message: 'must not be after yearTo',
    path: ['yearFrom'],
  });

export type CaseSearch = z.infer<typeof caseSearchSchema>;

/**
 * Faceted case search from the read model: one page of cases, the total, and for every facet the
 * count of each value among the cases all *other* filters keep (so choosing a value not yet chosen
 * gives exactly its count; for a chosen facet, `adds` says what choosing one more value adds).
 */
export async function searchCases(db: Database, f: CaseSearch) {
  const state = await readModelOf(db).current();
  const result = findCases(state, caseQueryOf(f));
  return { limit: f.limit, offset: f.offset, filters: f, ...result };
}

/** The read model's query for a validated search. */
export function caseQueryOf(f: CaseSearch) {
  const strings = (v: (string | number)[] | undefined) => v?.map(String);
  return {
    q: f.q,
    filters: {
      pathway: strings(f.pathway),
      sdg: strings(f.sdg),
      target: f.target,
      theme: f.theme,
      approach: f.approach,
      country: f.country,
      place: f.place,
      initiative: f.initiative,
      size: f.size,
      cpvDivision: f.cpvDivision,
      cpv: f.cpv,
    },
    yearFrom: f.yearFrom,
    yearTo: f.yearTo,
    sort: f.sort,
    limit: f.limit,
    offset: f.offset,
  };
}
