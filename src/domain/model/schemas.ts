import { z } from 'zod';
import { RELATIONSHIP_TYPES, SLUG, TRANSFORMATIONS } from './kinds.js';
import { caseProfileSchema } from './profile.js';

/**
 * A query parameter that lists values, repeated (`?sdg=12&sdg=13`) or comma-separated (`?sdg=12,13`):
 * one to twenty items of the given schema, or absent.
 */
export const queryList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      v === undefined
        ? undefined
        : (Array.isArray(v) ? v : [v])
            .flatMap((x) => String(x).split(','))
            .map((x) => x.trim())
            .filter(Boolean),
    z.array(item).min(1).max(20).optional(),
  );

/** What a source is; stored as the source node's `sourceType`. */
export const SOURCE_TYPES = ['news', 'publication', 'event', 'web', 'dataset', 'declaration'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
export const PLACE_TYPES = ['city', 'town', 'municipality', 'region', 'county', 'country', 'network', 'area'] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];
export const ORGANISATION_TYPES = [
  'network',
  'public-authority',
  'government',
  'company',
  'consortium',
  'ngo',
  'research',
  'un-body',
  'eu-body',
  'media',
] as const;
export const CASE_STATUSES = ['planned', 'ongoing', 'completed'] as const;
/** Whether a relationship is stated by its sources or added by a curator's judgement. */
export const LINK_BASES = ['stated', 'curated'] as const;

export const slug = z
  .string()
  .max(200, 'must be at most 200 characters')
  .regex(SLUG, 'must be a slug of lower-case letters, digits and dashes');
/** A control character other than tab, line feed and carriage return. */
const isControl = (ch: string) => {
  const c = ch.charCodeAt(0);
  return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127;
};
/** Free text: trimmed, not empty, at most 20,000 characters, without control characters. */
export const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(20_000, 'must be at most 20,000 characters')
  .refine((t) => ![...t].some(isControl), 'must not contain control characters (only tabs and line breaks)');
/** A name or title: indexed for lookups, so kept well under the index's size limit. */
export const nameText = text.refine((t) => t.length <= 1000, 'must be at most 1,000 characters');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(d)), 'must be a real calendar date');
/** A source's date as precisely as the source states it: YYYY, YYYY-MM or YYYY-MM-DD. */
const sourceDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date as YYYY-MM-DD (or YYYY-MM, or YYYY when the source gives only that)')
  .refine((d) => !Number.isNaN(Date.parse(d)), 'must be a real calendar date');
const year = z.number().int().min(1900).max(2100);
const altNames = z.array(nameText).optional();
const sourceRefs = z.array(slug).min(1, 'must name at least one source');

/**
 * A stored web address: http or https with a host name, nothing else (no javascript:, data:,
 * file: or other schemes that a link could run or read).
 */
const HOST_NAME = /^(?=.{1,254}$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})\.?$/;
export const httpUrl = z
  .url({ protocol: /^https?$/, hostname: HOST_NAME, error: 'must be an http or https address with a host name' })
  .max(2000, 'must be at most 2,000 characters');

export const sourceSchema = z.strictObject({
  id: slug,
  title: nameText,
  date: sourceDate,
  kind: z.enum(SOURCE_TYPES),
  url: httpUrl.optional(),
  publisher: slug.optional(),
  description: text.optional(),
});

export const pathwaySchema = z.strictObject({
  id: slug,
  number: z.number().int().min(1).max(15),
  name: nameText,
  title: nameText,
  transformation: z.enum(TRANSFORMATIONS),
  description: text,
});

export const targetSchema = z.strictObject({
  code: z.string().regex(/^(\d{1,2})\.([1-9]\d?|[a-z])$/, 'must be a target code such as 12.7 or 12.a'),
  text,
});

export const goalSchema = z
  .strictObject({
    id: slug,
    number: z.number().int().min(1).max(17),
    name: nameText,
    title: nameText,
    colour: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'must be a colour as #RRGGBB'),
    targets: z.array(targetSchema),
  })
  .superRefine((goal, ctx) => {
    goal.targets.forEach((t, i) => {
      if (!t.code.startsWith(`${goal.number}.`)) {
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'code'], message: `must start with the goal number ${goal.number}` });
      }
    });
  });

export const vocabularySchema = z.strictObject({ id: slug, name: nameText, description: text.optional(), altNames });

export const placeSchema = z.strictObject({
  id: slug,
  name: nameText,
  placeType: z.enum(PLACE_TYPES),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as BE'),
  altNames,
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  description: text.optional(),
  /** How many people live there, as of a year where the source gives one, and the source that says so. */
  population: z
    .strictObject({
      count: z.number().int().positive('must be a positive whole number'),
      year: year.optional(),
      sources: z.array(slug).min(1, 'must name the source that states the population'),
    })
    .optional(),
  sources: sourceRefs,
});

export const organisationSchema = z.strictObject({
  id: slug,
  name: nameText,
  orgType: z.enum(ORGANISATION_TYPES),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as BE')
    .optional(),
  altNames,
  url: httpUrl.optional(),
  description: text.optional(),
  sources: sourceRefs,
});

export const initiativeSchema = z.strictObject({
  id: slug,
  name: nameText,
  description: text,
  altNames,
  startYear: year.optional(),
  endYear: year.optional(),
  url: httpUrl.optional(),
  sources: sourceRefs,
});

export const caseSchema = z.strictObject({
  id: slug,
  name: nameText,
  summary: text,
  year: year.optional(),
  outcome: text.optional(),
  status: z.enum(CASE_STATUSES).optional(),
  altNames,
  /** What a buyer needs to replicate it, each part with its sources (see profile.ts). */
  profile: caseProfileSchema.optional(),
  sources: sourceRefs,
});

export const eventSchema = z.strictObject({
  id: slug,
  name: nameText,
  date: isoDate,
  endDate: isoDate.optional(),
  description: text.optional(),
  sources: sourceRefs,
});

export const linkSchema = z.strictObject({
  from: slug,
  type: z.enum(RELATIONSHIP_TYPES as [string, ...string[]]),
  to: slug,
  source: z.union([slug, z.array(slug).min(1)]),
  basis: z.enum(LINK_BASES).default('stated'),
  note: text.optional(),
});

/** The record schema of each kind that curators may write; targets are edited through their goal. */
export const KIND_SCHEMAS = {
  source: sourceSchema,
  pathway: pathwaySchema,
  goal: goalSchema,
  theme: vocabularySchema,
  approach: vocabularySchema,
  place: placeSchema,
  organisation: organisationSchema,
  initiative: initiativeSchema,
  case: caseSchema,
  event: eventSchema,
} as const;
