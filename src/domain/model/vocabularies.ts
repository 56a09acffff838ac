import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The reference lists the model checks values against, read once from graph/vocabularies: the CPV
 * 2008 codes with their labels, and the yearly average euro exchange rates used to show a contract
 * value in euro. ISO 4217 currency codes come from the runtime's own list (Intl).
 */
const vocabularyFile = (name: string) => new URL(`../../../graph/vocabularies/${name}`, import.meta.url);

const cpvFileSchema = z.object({
  vocabulary: z.string(),
  source: z.string(),
  licence: z.string(),
  coverage: z.string(),
  languages: z.array(z.string()),
  /** Code with check digit, then its label in each of `languages` ('' where the source gives none). */
  codes: z.array(z.tuple([z.string().regex(/^\d{8}-\d$/), z.string().min(1)]).rest(z.string())),
});

const ratesFileSchema = z.object({
  source: z.string(),
  url: z.string(),
  retrieved: z.string(),
  note: z.string(),
  /** Units of the currency per euro, by currency and year. */
  perEuro: z.record(z.string().regex(/^[A-Z]{3}$/), z.record(z.string().regex(/^\d{4}$/), z.number().positive())),
});

export interface CpvEntry {
  code: string;
  /** Labels by language code (en always present). */
  labels: Record<string, string>;
}

let cpv: { meta: Omit<z.infer<typeof cpvFileSchema>, 'codes'>; byCode: Map<string, CpvEntry>; byNumber: Map<string, string> } | undefined;

function loadCpv() {
  if (cpv) return cpv;
  const file = cpvFileSchema.parse(JSON.parse(readFileSync(vocabularyFile('cpv-2008.json'), 'utf8')));
  const { codes, ...meta } = file;
  const byCode = new Map<string, CpvEntry>();
  const byNumber = new Map<string, string>();
  for (const [code, ...labels] of codes) {
    const entry: CpvEntry = { code, labels: Object.fromEntries(meta.languages.flatMap((l, i) => (labels[i] ? [[l, labels[i]]] : []))) };
    byCode.set(code, entry);
    byNumber.set(code.slice(0, 8), code);
  }
  cpv = { meta, byCode, byNumber };
  return cpv;
}

/** The CPV vocabulary's provenance: where the list comes from, its licence and how much of it is shipped. */
export function cpvVocabulary() {
  return loadCpv().meta;
}

/** A CPV code with its check digit ("45210000-2"), or undefined when the vocabulary has no such code. */
export function cpvEntry(code: string): CpvEntry | undefined {
  return loadCpv().byCode.get(code);
}

/** Every code of the vocabulary, in code order. */
export function cpvEntries(): CpvEntry[] {
  return [...loadCpv().byCode.values()];
}

/** A code's division: its first two digits ("45"). */
export const cpvDivision = (code: string): string => code.slice(0, 2);

/** The division's own entry ("45000000-7 Construction work"). */
export function cpvDivisionEntry(division: string): CpvEntry | undefined {
  const code = loadCpv().byNumber.get(`${division}000000`);
  return code ? cpvEntry(code) : undefined;
}

/** The code's English label, or the code itself. */
export const cpvLabel = (code: string): string => cpvEntry(code)?.labels.en ?? code;

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Whether a code is an ISO 4217 currency code in current use (the runtime's list of currencies). */
export const isCurrency = (code: string): boolean => CURRENCIES.has(code);

let rates: z.infer<typeof ratesFileSchema> | undefined;

/** The table of yearly average exchange rates and where they come from. */
export function exchangeRates() {
  rates ??= ratesFileSchema.parse(JSON.parse(readFileSync(vocabularyFile('eur-rates.json'), 'utf8')));
  return rates;
}

/** An amount in euro at the year's average rate, rounded to the euro; undefined when the table has no rate for that currency and year. */
export function toEuro(amount: number, currency: string, year: number): { amount: number; rate: number } | undefined {
  if (currency === 'EUR') return { amount: Math.round(amount), rate: 1 };
  const rate = exchangeRates().perEuro[currency]?.[String(year)];
  return rate ? { amount: Math.round(amount / rate), rate } : undefined;
}
