import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { DomainError } from '../../domain/errors.js';
import { BATCH_ID, commitBatch, createBatch, getBatch, listBatches } from '../../domain/ingest/review.js';
import {
  decisionsSchema,
  editableFields,
  ingestInputSchema,
  isDraft,
  MAX_REVIEW_CHARS,
  SOURCE_TYPES,
  type Batch,
  type Decision,
  type EditField,
  type ReviewItem,
  type ReviewProposal,
} from '../../domain/ingest/review-types.js';
import { organisationSchema, placeSchema } from '../../seed/schema.js';
import { parseWith } from '../validate.js';
import { actor } from './curation.js';

/**
 * The review queue's pages for curators: paste or upload a text, see the batches, and review one
 * batch (proposals beside the item's text, evidence highlighted), then commit the accepted ones.
 * Plain forms with CSRF tokens; the only script reads a chosen file into the text box.
 */

type Form = Record<string, unknown>;

export interface Segment {
  text: string;
  /** Proposal keys whose mentions cover this piece of text. */
  proposals: string[];
  kinds: string[];
  /** The id of the anchor a proposal links to, on the piece where its first mention starts. */
  anchor?: string;
}

/** Cuts an item's text at every mention's start and end, so each piece knows which proposals cover it. */
export function segments(item: Pick<ReviewItem, 'text' | 'proposals'>): Segment[] {
  const text = item.text;
  const marks = item.proposals.flatMap((p) =>
    (p.spans ?? (p.span ? [p.span] : []))
      .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= text.length && s.start < s.end)
      .map((s) => ({ ...s, key: p.proposal, kind: isDraft(p) ? 'draft' : p.kind, first: s.start === p.span?.start })),
  );
  const cuts = [...new Set([0, text.length, ...marks.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  const anchored = new Set<string>();
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i]!, cuts[i + 1]!];
    const covering = marks.filter((m) => m.start <= a && m.end >= b);
    const starting = covering.find((m) => m.first && m.start === a && !anchored.has(m.key));
    if (starting) anchored.add(starting.key);
    out.push({ text: text.slice(a, b), proposals: [...new Set(covering.map((m) => m.key))], kinds: [...new Set(covering.map((m) => m.kind))], anchor: starting ? `m-${starting.key}` : undefined });
  }
  return out;
}

const LIST_FIELDS = new Set<EditField>(['places', 'organisations', 'initiatives', 'approaches', 'themes']);
const LABELS: Record<EditField, string> = {
  name: 'Name',
  id: 'Use the existing node with id',
  summary: 'Summary',
  year: 'Year',
  country: 'Country (ISO code such as BE)',
  placeType: 'Type',
  orgType: 'Type',
  description: 'Description',
  places: 'Places (LOCATED_IN), one a line: ids or names',
  organisations: 'Organisations (IMPLEMENTED_BY), one a line',
  initiatives: 'Initiatives (PART_OF), one a line',
  approaches: 'Procurement approaches (USES_APPROACH), one a line',
  themes: 'Themes (ABOUT_THEME), one a line',
};
const OPTIONS: Partial<Record<EditField, readonly string[]>> = {
  placeType: placeSchema.shape.placeType.options,
  orgType: organisationSchema.shape.orgType.options,
};

const refText = (r: { name: string; id?: string }) => r.id ?? r.name;
const details = (p: ReviewProposal) => (p.details ?? {}) as Record<string, unknown>;

/** The value an edit field starts from: the curator's earlier edit, else what the extractor found. */
function defaultValue(p: ReviewProposal, field: EditField): string {
  const edited = p.fields?.[field];
  if (edited !== undefined) return Array.isArray(edited) ? edited.join('\n') : edited === null ? '' : String(edited);
  const d = details(p);
  const list = (v: unknown) => ((v ?? []) as { name: string; id?: string }[]).map(refText).join('\n');
  const actors = (kind: string) => list(((d.actors ?? []) as { name: string; id?: string; kind: string }[]).filter((a) => a.kind === kind));
  switch (field) {
    case 'name':
      return p.name;
    case 'id':
      return p.id ?? '';
    case 'places':
      return actors('place');
    case 'organisations':
      return actors('organisation');
    case 'initiatives':
    case 'approaches':
    case 'themes':
      return list(d[field]);
    default:
      return d[field] === undefined || d[field] === null ? '' : String(d[field]);
  }
}

const normalise = (field: EditField, v: string) =>
  LIST_FIELDS.has(field)
    ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean).join('\n')
    : v.replace(/\r\n/g, '\n').trim();

function fieldValue(field: EditField, raw: string): unknown {
  const v = normalise(field, raw);
  if (LIST_FIELDS.has(field)) return v ? v.split('\n') : [];
  if (field === 'year') return v === '' ? null : /^-?\d+$/.test(v) ? Number(v) : v;
  return v;
}

const formKey = (p: ReviewProposal, field: EditField) => `f_${p.proposal}_${field}`;
const decisionKey = (p: ReviewProposal) => `d_${p.proposal}`;
const decidable = (p: ReviewProposal) => !p.committed && p.status !== 'present';

/** The decisions a submitted review form makes: an accepted proposal whose fields changed is an edit. */
export function decisionsFromForm(batch: Batch, form: Form): Decision[] {
  const out: Decision[] = [];
  const rejectRest = form.undecided === 'reject';
  for (const item of batch.items) {
    for (const p of item.proposals.filter(decidable)) {
      const choice = form[decisionKey(p)];
      const action = choice === 'accept' || choice === 'reject' ? choice : rejectRest && p.status === 'pending' ? 'reject' : undefined;
      if (action === 'reject') {
        if (p.status !== 'rejected') out.push({ proposal: p.proposal, action });
        continue;
      }
      if (action !== 'accept') continue;
      const fields: Record<string, unknown> = {};
      for (const field of editableFields(p)) {
        const raw = form[formKey(p, field)];
        if (typeof raw !== 'string' || normalise(field, raw) === normalise(field, defaultValue(p, field))) continue;
        fields[field] = fieldValue(field, raw);
      }
      out.push(Object.keys(fields).length ? { proposal: p.proposal, action: 'edit', fields: fields as Decision['fields'] } : { proposal: p.proposal, action: 'accept' });
    }
  }
  return out;
}

interface FieldView {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'select';
  value: string;
  options?: readonly string[];
}

/** What the batch page shows of one proposal, with the form's values (the posted ones after an error). */
function proposalView(p: ReviewProposal, form: Form) {
  const posted = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : undefined);
  const fields: FieldView[] = decidable(p)
    ? editableFields(p).map((field) => ({
        name: formKey(p, field),
        label: LABELS[field],
        type: OPTIONS[field] ? 'select' : field === 'year' ? 'number' : field === 'summary' || field === 'description' || LIST_FIELDS.has(field) ? 'textarea' : 'text',
        value: posted(formKey(p, field)) ?? defaultValue(p, field),
        options: OPTIONS[field],
      }))
    : [];
  const choice = posted(decisionKey(p)) ?? (p.status === 'rejected' ? 'reject' : 'pending');
  return { p, draft: isDraft(p), decidable: decidable(p), fields, decisionName: decisionKey(p), choice, link: p.committed?.id ?? p.presentAs ?? p.id };
}

function batchView(batch: Batch, form: Form = {}) {
  return batch.items.map((item) => ({ item, segments: segments(item), proposals: item.proposals.map((p) => proposalView(p, form)) }));
}

const batchParams = z.strictObject({ batch: z.string().regex(BATCH_ID, 'must be a batch id') });
const FORM_ERRORS = new Set(['invalid-input', 'conflict', 'too-large', 'not-found']);
const STATUS_OF: Record<string, number> = { 'invalid-input': 400, conflict: 409, 'too-large': 413, 'not-found': 400 };

function noStore(res: Response): void {
  res.set('Cache-Control', 'no-store');
}

export function ingestPagesRouter(db: Database, guard: RequestHandler): Router {
  const router = Router();

  const queue = async (res: Response, status: number, values: Form, error: string | null) => {
    noStore(res);
    res.status(status).render('ingest-queue', { title: 'Review queue', batches: await listBatches(db, 200), values, error, sourceTypes: SOURCE_TYPES, maxChars: MAX_REVIEW_CHARS });
  };

  const batchPage = (res: Response, status: number, batch: Batch, form: Form, error: string | null, notice: string | null) => {
    noStore(res);
    res.status(status).render('ingest-batch', { title: `Review: ${batch.title}`, batch, items: batchView(batch, form), undecided: form.undecided === 'reject' ? 'reject' : 'keep', error, notice });
  };

  router.get('/curate/ingest', guard, async (_req, res) => {
    await queue(res, 200, {}, null);
  });

  router.post('/curate/ingest', guard, async (req: Request, res) => {
    const form = (req.body ?? {}) as Form;
    try {
      const input = parseWith(ingestInputSchema, { text: form.text, title: form.title, url: form.url, date: form.date, kind: form.kind }, 'body');
      const batch = await createBatch(db, actor(res), input);
      res.redirect(303, `/curate/ingest/${batch.id}`);
    } catch (err) {
      if (!(err instanceof DomainError) || !FORM_ERRORS.has(err.code)) throw err;
      await queue(res, STATUS_OF[err.code] ?? 400, form, err.message);
    }
  });

  router.get('/curate/ingest/:batch', guard, async (req, res) => {
    const { batch: id } = parseWith(batchParams, req.params, 'path');
    const batch = await getBatch(db, id);
    const last = batch.commits[batch.commits.length - 1];
    const notice =
      req.query.notice === 'committed'
        ? last
          ? `Committed: ${last.created.length} node(s) created, ${last.cited.length} cited this source, ${last.links.length} link(s) added.`
          : 'Saved: nothing new was written to the graph.'
        : null;
    batchPage(res, 200, batch, {}, null, notice);
  });

  router.post('/curate/ingest/:batch/commit', guard, async (req, res) => {
    const { batch: id } = parseWith(batchParams, req.params, 'path');
    const form = (req.body ?? {}) as Form;
    const batch = await getBatch(db, id);
    try {
      const { decisions } = parseWith(decisionsSchema, { decisions: decisionsFromForm(batch, form) }, 'body');
      await commitBatch(db, actor(res), id, decisions);
      res.redirect(303, `/curate/ingest/${id}?notice=committed`);
    } catch (err) {
      if (!(err instanceof DomainError) || !FORM_ERRORS.has(err.code)) throw err;
      batchPage(res, STATUS_OF[err.code] ?? 400, await getBatch(db, id), form, err.message, null);
    }
  });

  return router;
}
