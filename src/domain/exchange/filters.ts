import { z } from 'zod';
import { KIND_NAMES, type Kind } from '../model/kinds.js';
import { queryList as list } from '../model/schemas.js';

export const EXPORT_FORMATS = ['json', 'csv', 'graphml', 'jsonld'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const filterShape = {
  kinds: list(z.enum(KIND_NAMES as [Kind, ...Kind[]])).describe('only nodes of these kinds, e.g. case,place'),
  pathway: list(z.coerce.number().int().min(1).max(15)).describe('cases that illustrate one of these pathways, with their neighbours'),
  sdg: list(z.coerce.number().int().min(1).max(17)).describe(
    'cases linked to one of these goals or any of their targets, with their neighbours',
  ),
  country: list(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as BE')
      .transform((c) => c.toUpperCase()),
  ).describe('cases located in one of these countries, with their neighbours'),
};

/** Which part of the graph to export; values of one filter are alternatives, filters combine. */
export const exportFiltersSchema = z.strictObject(filterShape);
export type ExportFilters = z.infer<typeof exportFiltersSchema>;

export const exportQuerySchema = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('json').describe('json (imports back losslessly), csv (a zip), graphml or jsonld'),
  ...filterShape,
});

export const selectsCases = (f: ExportFilters) => Boolean(f.pathway || f.sdg || f.country);
export const isWholeGraph = (f: ExportFilters) => !selectsCases(f) && !f.kinds;

/** The filters as given, without the empty ones (for the export's own description). */
export function describeFilters(f: ExportFilters): Record<string, (string | number)[]> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
}
