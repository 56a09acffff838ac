import { z } from 'zod';
import { httpUrl, SOURCE_TYPES, type SourceType } from '../../model/schemas.js';
import { SLUG } from '../../model/kinds.js';
import type { IngestItem, Proposal } from '../types.js';

/**
 * The review queue's records and inputs. A batch holds what one ingest proposed, item by item, with
 * a status per proposal; it is an :IngestBatch node (not :Entity), so it never reaches the public
 * graph, search, exports or counts.
 */

/** pending: not yet decided; present: the graph already holds what it proposes. */
export const REVIEW_STATUSES = ['pending', 'accepted', 'edited', 'rejected', 'present'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The longest text one batch reads: a long newsletter (the ICLEI one of ten items is 21,000). */
export const MAX_REVIEW_CHARS = 60_000;
/** The most proposals one batch keeps (each item keeps at most MAX_PROPOSALS_PER_ITEM), so that its review and commit stay bounded. */
export const MAX_PROPOSALS_PER_BATCH = 1_000;

/** 2021-02-30 is refused (Date.parse would roll it over to March). */
function realDate(d: string): boolean {
  const [y, m = 1, day = 1] = d.split('-').map(Number) as [number, number?, number?];
  const t = new Date(Date.UTC(y, m - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const sourceDate = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date as YYYY-MM-DD (or YYYY-MM, or YYYY)')
  .refine(realDate, 'must be a real calendar date');

export const ingestInputSchema = z.strictObject({
  text: z.string({ error: 'must be the text to read' }).refine((t) => t.trim().length > 0, 'must not be empty'),
  title: z.preprocess(blankToUndefined, z.string().trim().max(300, 'must be at most 300 characters').optional()),
  url: z.preprocess(blankToUndefined, httpUrl.optional()),
  date: z.preprocess(blankToUndefined, sourceDate.optional()),
  kind: z.preprocess(blankToUndefined, z.enum(SOURCE_TYPES).default('news')),
});
export type IngestInput = z.infer<typeof ingestInputSchema>;

const listField = z.array(z.string().trim().min(1, 'must not hold an empty entry').max(300)).max(50);
const shortText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** What a curator may change in a proposal before accepting it; which fields apply depends on its kind. */
export const editFieldsSchema = z.strictObject({
  name: shortText(300).optional(),
  /** Use this existing node instead of the one proposed. */
  id: z.string().regex(SLUG, 'must be the id of an existing node').max(200).optional(),
  summary: shortText(5000).optional(),
  year: z.number().int('must be a whole year').nullable().optional(),
  country: z.string().trim().max(10).optional(),
  placeType: z.string().trim().max(40).optional(),
  orgType: z.string().trim().max(40).optional(),
  description: shortText(5000).optional(),
  places: listField.optional(),
  organisations: listField.optional(),
  initiatives: listField.optional(),
  approaches: listField.optional(),
  themes: listField.optional(),
  /** For a case draft: the existing case that this item reports instead (null: a new case after all). */
  existing: z.string().regex(SLUG, 'must be the id of an existing case').max(200).nullable().optional(),
});
export type EditFields = z.infer<typeof editFieldsSchema>;
export type EditField = keyof EditFields;

export const PROPOSAL_KEY = /^\d{1,4}\.\d{1,4}$/;

export const decisionSchema = z.strictObject({
  proposal: z.string().regex(PROPOSAL_KEY, 'must be a proposal id such as 1.3'),
  action: z.enum(['accept', 'reject', 'edit']),
  fields: editFieldsSchema.optional(),
});
export const decisionsSchema = z.strictObject({ decisions: z.array(decisionSchema).max(5000) });
export type Decision = z.infer<typeof decisionSchema>;

/** A proposal in review: the extractor's proposal, its key in the batch ("1.3"), a status and the curator's edits. */
export interface ReviewProposal extends Proposal {
  proposal: string;
  status: ReviewStatus;
  fields?: EditFields;
  /** Why it is present or was rejected without a decision in this batch. */
  note?: string;
  /** For a present proposal: the node (or link target) the graph already holds. */
  presentAs?: string;
  /** For a case draft: existing cases it looks like, most alike first (the first is used unless the curator says otherwise). */
  duplicates?: { id: string; name: string; reasons: string[] }[];
  /** Set once written: the node it became (or was linked to) and when. */
  committed?: { id: string; at: string; by: string };
}

export interface ItemSource {
  /** The Source node: an existing one the item was recognised as, or the one a commit created. */
  id?: string;
  existing: boolean;
  title: string;
  date: string | null;
  url?: string;
  sourceType: SourceType;
}

export interface ReviewItem extends Omit<IngestItem, 'proposals'> {
  index: number;
  source: ItemSource;
  proposals: ReviewProposal[];
}

export type ReviewCounts = Record<ReviewStatus | 'committed', number>;

export interface CommitSummary {
  at: string;
  by: string;
  sources: string[];
  created: { id: string; kind: string }[];
  cited: string[];
  links: { from: string; type: string; to: string; basis: string }[];
}

export interface Batch {
  id: string;
  title: string;
  url?: string;
  date?: string;
  sourceType: SourceType;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** open while some proposal waits for a decision or a commit; done when none does. */
  status: 'open' | 'done';
  version: number;
  counts: ReviewCounts;
  commits: CommitSummary[];
  items: ReviewItem[];
}

export type BatchSummary = Omit<Batch, 'items' | 'commits'> & { itemCount: number };

/** Fields a curator may edit, per kind of proposal (a case draft is a case without an id). */
export function editableFields(p: Pick<Proposal, 'kind' | 'id' | 'origin'>): EditField[] {
  switch (p.kind) {
    case 'place':
      return ['name', 'id', 'country', 'placeType'];
    case 'organisation':
      return ['name', 'id', 'country', 'orgType'];
    case 'initiative':
      return ['name', 'id', 'description'];
    case 'case':
      return isDraft(p)
        ? ['name', 'summary', 'year', 'places', 'organisations', 'initiatives', 'approaches', 'themes', 'existing']
        : ['id'];
    case 'approach':
    case 'theme':
      return ['name', 'id'];
    default:
      return ['id'];
  }
}

export const isDraft = (p: Pick<Proposal, 'kind' | 'id' | 'origin'>) => p.kind === 'case' && !p.id;

export function countStatuses(items: ReviewItem[]): ReviewCounts {
  const counts: ReviewCounts = { pending: 0, accepted: 0, edited: 0, rejected: 0, present: 0, committed: 0 };
  for (const item of items) {
    for (const p of item.proposals) {
      counts[p.status]++;
      if (p.committed) counts.committed++;
    }
  }
  return counts;
}
