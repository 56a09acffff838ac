import { z } from 'zod';
import {
  caseSchema,
  eventSchema,
  goalSchema,
  initiativeSchema,
  linkSchema,
  organisationSchema,
  pathwaySchema,
  placeSchema,
  sourceSchema,
  vocabularySchema,
} from '../model/schemas.js';

/** One seed (or YAML exchange) file: lists of records by kind, and the links between them. */
export const seedFileSchema = z.strictObject({
  sources: z.array(sourceSchema).optional(),
  pathways: z.array(pathwaySchema).optional(),
  goals: z.array(goalSchema).optional(),
  themes: z.array(vocabularySchema).optional(),
  approaches: z.array(vocabularySchema).optional(),
  places: z.array(placeSchema).optional(),
  organisations: z.array(organisationSchema).optional(),
  initiatives: z.array(initiativeSchema).optional(),
  cases: z.array(caseSchema).optional(),
  events: z.array(eventSchema).optional(),
  links: z.array(linkSchema).optional(),
});

export type SeedFile = z.infer<typeof seedFileSchema>;
export type SeedLink = z.infer<typeof linkSchema>;

/** The seed list each node kind is read from. */
export const LIST_KIND = {
  sources: 'source',
  pathways: 'pathway',
  goals: 'goal',
  themes: 'theme',
  approaches: 'approach',
  places: 'place',
  organisations: 'organisation',
  initiatives: 'initiative',
  cases: 'case',
  events: 'event',
} as const;
