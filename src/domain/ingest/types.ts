import { z } from 'zod';

/** The kinds of graph content the extractor proposes. */
export const PROPOSAL_KINDS = ['place', 'organisation', 'initiative', 'case', 'pathway', 'goal', 'target', 'approach', 'theme'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** The kinds whose names the graph knows and the extractor matches in text. */
export const NAMED_KINDS = ['place', 'organisation', 'initiative', 'case', 'approach', 'theme'] as const;
export type NamedKind = (typeof NAMED_KINDS)[number];

const knownNameSchema = z.object({
  kind: z.enum(NAMED_KINDS),
  id: z.string().min(1),
  name: z.string().min(1),
  altNames: z.array(z.string()).default([]),
  /** ISO 3166-1 alpha-2, for places (and organisations that have one). */
  country: z.string().nullish(),
  placeType: z.string().nullish(),
  orgType: z.string().nullish(),
});
export type KnownName = z.infer<typeof knownNameSchema>;

export const ingestContextSchema = z.object({
  names: z.array(knownNameSchema),
  /** The 15 pathways with the goal numbers each aligns with. */
  pathways: z.array(z.object({ id: z.string(), number: z.number().int(), name: z.string(), goals: z.array(z.number().int()) })),
  goals: z.array(z.object({ id: z.string(), number: z.number().int(), name: z.string() })),
  /** Target codes that exist, such as "12.7" and "12.a". */
  targets: z.array(z.string()),
});
export type IngestContext = z.infer<typeof ingestContextSchema>;

export interface Span {
  start: number;
  end: number;
}

export type ProposalOrigin = 'graph' | 'gazetteer' | 'pattern' | 'reference' | 'classifier' | 'lexicon' | 'draft';

export interface PlaceCandidate {
  name: string;
  country: string;
  population: number;
  lat: number;
  lon: number;
}

export interface Proposal {
  kind: ProposalKind;
  name: string;
  /** The graph's id when the proposal is a node that exists. */
  id?: string;
  /** 0..1: how sure the extractor is. Explicit references are 1. */
  confidence: number;
  /** The sentence the proposal comes from. */
  evidence: string;
  /** Offsets of the first mention in the item's text. */
  span?: Span;
  /** Every mention in the item's text. */
  spans?: Span[];
  origin: ProposalOrigin;
  /** Several places bear this name and nothing in the text says which. */
  ambiguous?: boolean;
  candidates?: PlaceCandidate[];
  /** Kind-specific facts: a place's country and coordinates, a pathway's matched terms, a case draft. */
  details?: Record<string, unknown>;
}

export interface YearFact {
  year: number;
  /** A range such as "2018-2019" or "January 2020 to December 2022" gives its end year too. */
  endYear?: number;
  text: string;
  evidence: string;
  span: Span;
}

export interface AmountFact {
  text: string;
  currency: string;
  value: number;
  evidence: string;
  span: Span;
}

export interface IngestItem {
  title: string;
  /** ISO date (YYYY-MM-DD) when the item carries one. */
  date: string | null;
  /** The item's text, from its title line to its end; spans are offsets into it. */
  text: string;
  /** Where the item starts in the whole input. */
  offset: number;
  proposals: Proposal[];
  facts: { years: YearFact[]; amounts: AmountFact[] };
  /** What was left out over the limits of one item (see bounds.ts); absent when nothing was. */
  omitted?: { proposals: number; facts: number };
}

export interface IngestResult {
  items: IngestItem[];
}
