import { z } from 'zod';
import { SLUG } from './kinds.js';
import { cpvEntry, isCurrency } from './vocabularies.js';

/**
 * A case's profile: what a public buyer needs to replicate it. Every part is optional, and every
 * part names the sources (by id) that state it: a value no source states is left out, never guessed.
 * The graph stores the profile as JSON text in the case's `profile` property, so that every export
 * format carries it unchanged and an import brings it back as it was.
 */
const text = z.string().trim().min(1, 'must not be empty');
const sources = z
  .array(z.string().regex(SLUG, 'must be a source id'))
  .min(1, 'must name at least one source that states this value (a value without a source is left out)');
const year = z.number().int().min(1900).max(2100);
const yearMonth = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'must be a year (YYYY) or a month (YYYY-MM)');
const webAddress = z.url({ protocol: /^https?$/, error: 'must be an http or https address' }).max(2000);

/** The parts of a tender a criterion belongs to, as the Procura+ case template names them. */
export const CRITERION_KINDS = ['selection', 'award', 'technical-specification', 'contract-clause'] as const;
/** What a result measures; the figure's unit says in what. */
export const RESULT_MEASURES = ['co2e', 'energy', 'cost-savings', 'jobs', 'other'] as const;
export const DOCUMENT_KINDS = ['tender', 'report', 'case-study', 'other'] as const;
/** Whether a source states the CPV code, or a curator chose the nearest code from what the sources say was bought. */
export const CPV_BASES = ['stated', 'curated'] as const;

const statement = z.strictObject({ text, sources });

export const cpvCode = z
  .string()
  .regex(/^\d{8}-\d$/, 'must be a CPV code with its check digit, such as 45210000-2')
  .refine((c) => !/^\d{8}-\d$/.test(c) || cpvEntry(c) !== undefined, 'is not a code of the CPV 2008 vocabulary');

export const caseProfileSchema = z.strictObject({
  background: statement.optional(),
  /** What was bought, in words. */
  purchase: statement.optional(),
  /** What was bought as CPV 2008 codes. */
  cpv: z
    .strictObject({
      codes: z.array(cpvCode).min(1, 'must list at least one code'),
      basis: z.enum(CPV_BASES),
      note: text.optional(),
      sources,
    })
    .optional(),
  procedure: statement.optional(),
  buyer: z.strictObject({ organisation: text, unit: text.optional(), sources }).optional(),
  contact: z
    .strictObject({
      role: text,
      email: z.email('must be an e-mail address').optional(),
      url: webAddress.optional(),
      sources,
    })
    .refine((c) => c.email || c.url, 'must give a public office e-mail address or a web page')
    .optional(),
  value: z
    .strictObject({
      amount: z.number().positive('must be a positive amount'),
      currency: z.string().refine(isCurrency, 'must be an ISO 4217 currency code such as EUR, DKK or USD'),
      year,
      /** What the amount covers ("contract value", "total project cost"), in the source's sense. */
      covers: text.optional(),
      sources,
    })
    .optional(),
  period: z
    .strictObject({ start: yearMonth, end: yearMonth.optional(), sources })
    .refine((p) => !p.end || p.end >= p.start, { message: 'must not end before it starts', path: ['end'] })
    .optional(),
  criteria: z.array(z.strictObject({ kind: z.enum(CRITERION_KINDS), text, sources })).optional(),
  results: z
    .array(
      z.strictObject({
        measure: z.enum(RESULT_MEASURES),
        amount: z.number(),
        unit: text,
        text,
        sources,
      }),
    )
    .optional(),
  lessons: z.array(statement).optional(),
  documents: z.array(z.strictObject({ title: text, url: webAddress, kind: z.enum(DOCUMENT_KINDS), sources })).optional(),
});

export type CaseProfile = z.infer<typeof caseProfileSchema>;

/** Every source id a profile names, for checking that each is a source of the graph. */
export function profileSourceIds(profile: CaseProfile): { field: string; id: string }[] {
  const out: { field: string; id: string }[] = [];
  for (const [field, value] of Object.entries(profile)) {
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item: { sources?: string[] } | undefined, i) => {
      for (const id of item?.sources ?? []) out.push({ field: Array.isArray(value) ? `${field}.${i}` : field, id });
    });
  }
  return out;
}

/** A stored profile (JSON text) read back; undefined when absent or not a valid profile. */
export function parseStoredProfile(raw: unknown): CaseProfile | undefined {
  if (typeof raw !== 'string' || !raw) return undefined;
  try {
    const parsed = caseProfileSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
