import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { graphDir } from '../../../data/queries.js';

/** Editable word lists under graph/lexicon/, checked with zod when first read. */

const lexiconDir = path.join(graphDir, 'lexicon');
const word = z.string().trim().min(1);

export const pathwayTermsSchema = z.strictObject({
  threshold: z.number().positive(),
  maxProposals: z.number().int().min(1).max(15),
  goalWeight: z.number().min(0),
  confidenceHalf: z.number().positive(),
  pathways: z
    .array(
      z.strictObject({
        number: z.number().int().min(1).max(15),
        terms: z.array(z.strictObject({ term: word, weight: z.number().positive().max(10) })).min(1),
      }),
    )
    .length(15, 'must list each of the 15 pathways')
    .refine((list) => new Set(list.map((p) => p.number)).size === 15, 'must list each pathway number once'),
});
export type PathwayTerms = z.infer<typeof pathwayTermsSchema>;

/** The kinds of named initiative news uses. */
export const INITIATIVE_KINDS = ['programme', 'network', 'pledge', 'declaration', 'award', 'campaign', 'call'] as const;
export type InitiativeKind = (typeof INITIATIVE_KINDS)[number];

export const cuesSchema = z.strictObject({
  organisationHeads: z.array(word),
  initiativeHeads: z.array(word),
  leadingHeads: z.array(word),
  companySuffixes: z.array(word),
  initiativeNouns: z.array(word),
  initiativeKinds: z.record(z.enum(INITIATIVE_KINDS), z.array(word)),
  organisationNouns: z.array(word),
  regionWords: z.record(word, z.enum(['region', 'county'])),
  cityWords: z.record(word, z.enum(['city', 'town', 'municipality'])),
  municipalBodies: z.strictObject({ before: z.array(word), after: z.array(word) }),
  personTitles: z.array(word),
  nameParticles: z.array(word),
  determiners: z.array(word),
  commonWordPlaces: z.array(word),
  vocabularyTerms: z.record(z.string().regex(/^(approach|theme)-[a-z0-9-]+$/, 'must be an approach or theme id'), z.array(word)),
  ignoreAltNames: z.array(word),
});
export type Cues = z.infer<typeof cuesSchema>;

/** A lexicon file that does not match its schema; the message names the file and the field. */
export class LexiconError extends Error {}

function readLexicon<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  const full = path.join(lexiconDir, file);
  const parsed = schema.safeParse(parse(readFileSync(full, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LexiconError(`graph/lexicon/${file}: ${issue.path.join('.') || 'the file'} ${issue.message}`);
  }
  return parsed.data;
}

let pathwayTerms: PathwayTerms | undefined;
let cues: Cues | undefined;

export function loadPathwayTerms(): PathwayTerms {
  pathwayTerms ??= readLexicon('pathway-terms.yaml', pathwayTermsSchema);
  return pathwayTerms;
}

export function loadCues(): Cues {
  cues ??= readLexicon('ingest-cues.yaml', cuesSchema);
  return cues;
}
