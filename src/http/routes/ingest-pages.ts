import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { DomainError } from '../../domain/errors.js';
import { MAX_PROPOSALS_PER_ITEM } from '../../domain/ingest/extract/bounds.js';
import { BATCH_ID, commitBatch, createBatch, decideBatch, getBatch, listBatches, trialCommit } from '../../domain/ingest/review/queue.js';
import {
  decisionSchema,
  decisionsSchema,
  editableFields,
  PROPOSAL_KEY,
  ingestInputSchema,
  isDraft,
  MAX_PROPOSALS_PER_BATCH,
  MAX_REVIEW_CHARS,
  type Batch,
  type Decision,
  type EditField,
  type ReviewItem,
  type ReviewProposal,
} from '../../domain/ingest/review/types.js';
import { organisationSchema, placeSchema, SOURCE_TYPES } from '../../domain/model/schemas.js';
import { commitProblems, unresolvedNames, type Unresolved } from '../../domain/ingest/review/check.js';
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
    out.push({
      text: text.slice(a, b),
      proposals: [...new Set(covering.map((m) => m.key))],
      kinds: [...new Set(covering.map((m) => m.kind))],
      anchor: starting ? `m-${starting.key}` : undefined,
    });
  }
  return out;
}

const LIST_FIELDS = new Set<EditField>(['places', 'organisations', 'initiatives', 'approaches', 'themes']);
const LABELS: Record<EditField, string> = {
  name: 'Name',
  id: 'Use instead the existing node (its id)',
  summary: 'Summary',
  year: 'Year',
  country: 'Country (ISO code such as BE)',
  placeType: 'Type',
  orgType: 'Type',
  description: 'Description',
  places: 'Where it took place: places, one a line (names or ids)',
  organisations: 'Carried out by: organisations, one a line',
  initiatives: 'Part of: initiatives, one a line',
  approaches: 'Procurement approaches used, one a line',
  themes: 'Themes, one a line',
  existing: 'The existing case this item reports (its id; leave empty to make a new case)',
};
const OPTIONS: Partial<Record<EditField, readonly string[]>> = {
  placeType: placeSchema.shape.placeType.options,
  orgType: organisationSchema.shape.orgType.options,
};

const refText = (r: { name: string; id?: string }) => r.id ?? r.name;
const details = (p: ReviewProposal) => p.details ?? {};

/** What the extractor found for an edit field, before any edit. */
function extracted(p: ReviewProposal, field: EditField): string {
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
      return d[field] === undefined || d[field] === null ? '' : (d[field] as string | number).toString();
  }
}

/** An edit field's current value: the curator's edit, else what the extractor found. */
function current(p: ReviewProposal, field: EditField): string {
  const edited = p.fields?.[field];
  if (edited === undefined) return extracted(p, field);
  return Array.isArray(edited) ? edited.join('\n') : edited === null ? '' : String(edited);
}

const normalise = (field: EditField, v: string) =>
  LIST_FIELDS.has(field)
    ? v
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean)
        .join('\n')
    : v.replace(/\r\n/g, '\n').trim();

function fieldValue(field: EditField, raw: string): unknown {
  const v = normalise(field, raw);
  if (LIST_FIELDS.has(field)) return v ? v.split('\n') : [];
  if (field === 'year') return v === '' ? null : /^-?\d+$/.test(v) ? Number(v) : v;
  if (field === 'existing') return v === '' ? null : v;
  return v;
}

/** Proposals one review page shows, so that a batch of any size is reviewed in bounded pages. */
export const PROPOSALS_PER_PAGE = 50;

/** One item's part of a review page: its proposals from `from` up to `to`. */
export interface PagePart {
  item: ReviewItem;
  proposals: ReviewProposal[];
}

/** The batch cut into pages of at most PROPOSALS_PER_PAGE proposals, in order; a long item spans several. */
export function reviewPages(batch: Pick<Batch, 'items'>): PagePart[][] {
  const pages: PagePart[][] = [[]];
  let room = PROPOSALS_PER_PAGE;
  const next = () => {
    pages.push([]);
    room = PROPOSALS_PER_PAGE;
  };
  for (const item of batch.items) {
    if (!item.proposals.length) {
      if (room <= 0) next();
      pages[pages.length - 1]!.push({ item, proposals: [] });
      room--;
      continue;
    }
    for (let from = 0; from < item.proposals.length;) {
      if (room <= 0) next();
      const to = Math.min(item.proposals.length, from + room);
      pages[pages.length - 1]!.push({ item, proposals: item.proposals.slice(from, to) });
      room -= to - from;
      from = to;
    }
  }
  return pages;
}

/** The page (1-based) that shows a proposal. */
function pageOf(batch: Batch, key: string): number {
  const at = reviewPages(batch).findIndex((parts) => parts.some((part) => part.proposals.some((p) => p.proposal === key)));
  return at < 0 ? 1 : at + 1;
}

const pageNumber = z.coerce
  .number({ error: 'must be a page number' })
  .int('must be a whole page number')
  .min(1, 'must be 1 or more')
  .max(100_000, 'is beyond the last page');

/** The page a request asks for, refused with 404 beyond the batch's last page. */
function pageIn(batch: Batch, raw: unknown): { number: number; count: number; parts: PagePart[] } {
  const number = raw === undefined || raw === '' ? 1 : parseWith(z.strictObject({ page: pageNumber }), { page: raw }, 'query').page;
  const pages = reviewPages(batch);
  if (number > pages.length)
    throw new DomainError(
      'not-found',
      `No page ${number} in this batch: it has ${pages.length} page(s) of at most ${PROPOSALS_PER_PAGE} proposals.`,
      { field: 'page', pages: pages.length },
    );
  return { number, count: pages.length, parts: pages[number - 1]! };
}

const decisionKey = (p: ReviewProposal) => `d_${p.proposal}`;
const decidable = (p: ReviewProposal) => !p.committed && p.status !== 'present';
/** The radio a proposal's decision starts at. */
const choiceOf = (p: ReviewProposal) =>
  p.status === 'pending'
    ? 'pending'
    : p.status === 'rejected'
      ? 'reject'
      : p.duplicates?.length && p.fields?.existing === null
        ? 'new'
        : 'accept';

/**
 * The decisions the batch form makes: one radio per proposal, and what becomes of those left
 * undecided; a paged form decides only the proposals of the page it was posted from.
 */
export function decisionsFromForm(batch: Batch, form: Form): Decision[] {
  const out: Decision[] = [];
  const rejectRest = form.undecided === 'reject';
  const shown = form.page === undefined ? batch.items.map((item) => ({ item, proposals: item.proposals })) : pageIn(batch, form.page).parts;
  for (const { proposals } of shown) {
    for (const p of proposals.filter(decidable)) {
      const posted = form[decisionKey(p)];
      if (posted === 'new') {
        // A draft that looked like an existing case is a new case after all.
        if (choiceOf(p) !== 'new') out.push({ proposal: p.proposal, action: 'edit', fields: { ...p.fields, existing: null } });
        continue;
      }
      const choice = posted === 'accept' || posted === 'reject' ? posted : rejectRest && p.status === 'pending' ? 'reject' : undefined;
      if (choice && choice !== choiceOf(p)) out.push({ proposal: p.proposal, action: choice });
    }
  }
  return out;
}

/** The decision an edit form makes: an edit holding every field that differs from the extractor's or was edited before. */
/** The decisions of a batch's form, checked as the JSON API checks them. */
function formDecisions(batch: Batch, form: Form): Decision[] {
  return parseWith(decisionsSchema, { decisions: decisionsFromForm(batch, form) }, 'body').decisions;
}

export function decisionFromEditForm(p: ReviewProposal, form: Form): Decision {
  const fields: Record<string, unknown> = { ...p.fields };
  for (const field of editableFields(p)) {
    const raw = form[field];
    if (typeof raw !== 'string' || normalise(field, raw) === normalise(field, current(p, field))) continue;
    fields[field] = fieldValue(field, raw);
  }
  return Object.keys(fields).length ? { proposal: p.proposal, action: 'edit', fields: fields } : { proposal: p.proposal, action: 'accept' };
}

interface FieldView {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'select';
  value: string;
  options?: readonly string[];
}

function fieldViews(p: ReviewProposal, form: Form): FieldView[] {
  return editableFields(p).map((field) => ({
    name: field,
    label: LABELS[field],
    type: OPTIONS[field]
      ? 'select'
      : field === 'year'
        ? 'number'
        : field === 'summary' || field === 'description' || LIST_FIELDS.has(field)
          ? 'textarea'
          : 'text',
    value: typeof form[field] === 'string' ? form[field] : current(p, field),
    options: OPTIONS[field],
  }));
}

/** What the batch page shows of one proposal, with the radio the form starts at (the posted one after an error). */
function proposalView(batch: Batch, p: ReviewProposal, form: Form) {
  const posted = form[decisionKey(p)];
  const edits = Object.entries(p.fields ?? {}).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v === null ? '(none)' : v}`);
  return {
    p,
    draft: isDraft(p),
    decidable: decidable(p),
    decisionName: decisionKey(p),
    choice: typeof posted === 'string' ? posted : choiceOf(p),
    options: [...(p.status === 'pending' ? ['pending'] : []), 'accept', ...(p.duplicates?.length ? ['new'] : []), 'reject'],
    optionLabels: {
      pending: 'Undecided',
      accept:
        p.duplicates?.length && p.fields?.existing
          ? `Use existing: ${p.duplicates.find((d) => d.id === p.fields?.existing)?.name ?? p.fields.existing}`
          : 'Accept',
      new: 'Accept as a new case',
      reject: 'Reject',
    } as Record<string, string>,
    newFields: p.duplicates?.length ? JSON.stringify({ ...p.fields, existing: null }) : null,
    editUrl: decidable(p) ? `/curate/ingest/${batch.id}/proposals/${p.proposal}` : null,
    edits,
    link: p.committed?.id ?? p.presentAs ?? p.id,
  };
}

/** Only the proposals still waiting for a decision, when the curator asked for them alone. */
const undecidedOnly = (p: ReviewProposal) => decidable(p) && p.status === 'pending';

function batchView(batch: Batch, parts: PagePart[], form: Form = {}, undecided = false) {
  return parts.map(({ item, proposals }) => ({
    item,
    segments: segments({ text: item.text, proposals }),
    proposals: proposals.filter((p) => !undecided || undecidedOnly(p)).map((p) => proposalView(batch, p, form)),
    range:
      proposals.length < item.proposals.length
        ? `${proposals[0]!.proposal}–${proposals[proposals.length - 1]!.proposal} of ${item.proposals.length}`
        : null,
  }));
}

function findProposal(batch: Batch, key: string): { item: ReviewItem; p: ReviewProposal } {
  for (const item of batch.items) {
    const p = item.proposals.find((x) => x.proposal === key);
    if (p) return { item, p };
  }
  throw new DomainError('not-found', `No proposal ${key} in this batch.`, { id: key });
}

const batchParams = z.strictObject({ batch: z.string().regex(BATCH_ID, 'must be a batch id') });
const proposalParams = z.strictObject({
  batch: z.string().regex(BATCH_ID, 'must be a batch id'),
  proposal: z.string().regex(PROPOSAL_KEY, 'must be a proposal id such as 1.3'),
});
const FORM_ERRORS = new Set(['invalid-input', 'conflict', 'too-large', 'not-found']);
const STATUS_OF: Record<string, number> = { 'invalid-input': 400, conflict: 409, 'too-large': 413, 'not-found': 400 };

function noStore(res: Response): void {
  res.set('Cache-Control', 'no-store');
}

export function ingestPagesRouter(db: Database, guard: RequestHandler, commitTimeoutMs?: number): Router {
  const router = Router();

  const queue = async (res: Response, status: number, values: Form, error: string | null) => {
    noStore(res);
    res.status(status).render('ingest-queue', {
      title: 'Review queue',
      batches: await listBatches(db, 200),
      values,
      error,
      sourceTypes: SOURCE_TYPES,
      maxChars: MAX_REVIEW_CHARS,
    });
  };

  const batchPage = (
    res: Response,
    status: number,
    batch: Batch,
    form: Form,
    error: string | null,
    notice: string | null,
    page = pageIn(batch, form.page),
    undecided = form.show === 'undecided',
    problems: string[] = [],
  ) => {
    noStore(res);
    const omitted = batch.items.reduce((n, i) => n + (i.omitted?.proposals ?? 0), 0);
    res.status(status).render('ingest-batch', {
      title: `Review: ${batch.title}`,
      batch,
      items: batchView(batch, page.parts, form, undecided),
      show: undecided ? 'undecided' : 'all',
      problems,
      page: { number: page.number, count: page.count, size: PROPOSALS_PER_PAGE },
      omitted,
      limits: { item: MAX_PROPOSALS_PER_ITEM, batch: MAX_PROPOSALS_PER_BATCH },
      undecided: form.undecided === 'reject' ? 'reject' : 'keep',
      error,
      notice,
    });
  };

  const editPage = (
    res: Response,
    status: number,
    batch: Batch,
    key: string,
    form: Form,
    error: string | null,
    unresolved: Unresolved[] = [],
  ) => {
    const { item, p } = findProposal(batch, key);
    noStore(res);
    res.status(status).render('ingest-proposal', {
      title: `Edit ${p.name}`,
      batch,
      page: pageOf(batch, key),
      item,
      p,
      draft: isDraft(p),
      decidable: decidable(p),
      fields: decidable(p) ? fieldViews(p, form) : [],
      error,
      unresolved,
    });
  };

  /** A form posted to a batch's page, with the batch it is about. */
  const posted = async (req: Request) => {
    const { batch: id } = parseWith(batchParams, req.params, 'path');
    return { id, form: (req.body ?? {}) as Form, batch: await getBatch(db, id) };
  };

  router.get('/curate/ingest', guard, async (_req, res) => {
    await queue(res, 200, {}, null);
  });

  router.post('/curate/ingest', guard, async (req: Request, res) => {
    const form = (req.body ?? {}) as Form;
    try {
      const input = parseWith(
        ingestInputSchema,
        { text: form.text, title: form.title, url: form.url, date: form.date, kind: form.kind },
        'body',
      );
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
    const page = pageIn(batch, req.query.page);
    const last = batch.commits[batch.commits.length - 1];
    const notice =
      req.query.notice === 'committed' && last
        ? `Committed: ${last.created.length} node(s) created, ${last.cited.length} now cite their item, ${last.links.length} link(s) added.`
        : req.query.notice === 'unchanged'
          ? 'Committed: nothing new needed writing.'
          : req.query.notice === 'saved'
            ? 'Decisions saved; nothing is written to the graph until you commit.'
            : null;
    batchPage(res, 200, batch, { show: req.query.show }, null, notice, page);
  });

  router.get('/curate/ingest/:batch/proposals/:proposal', guard, async (req, res) => {
    const { batch: id, proposal } = parseWith(proposalParams, req.params, 'path');
    editPage(res, 200, await getBatch(db, id), proposal, {}, null);
  });

  router.post('/curate/ingest/:batch/proposals/:proposal', guard, async (req, res) => {
    const { batch: id, proposal } = parseWith(proposalParams, req.params, 'path');
    const form = (req.body ?? {}) as Form;
    const batch = await getBatch(db, id);
    const { item, p } = findProposal(batch, proposal);
    // "Use this one" on a name nothing resolves: the existing node's option replaces the typed name in its list.
    const replace =
      typeof form.replace === 'string'
        ? /^(places|organisations|initiatives|approaches|themes)\|(.*)\|([a-z0-9-]+)$/.exec(form.replace)
        : null;
    if (replace) {
      const [, field, name, by] = replace as unknown as [string, string, string, string];
      const lines = (typeof form[field] === 'string' ? form[field] : '').split(/\r?\n/);
      form[field] = lines.map((l) => (l.trim() === name ? by : l)).join('\n');
    }
    try {
      const decision = parseWith(decisionSchema, decisionFromEditForm(p, form), 'body');
      const unresolved = await unresolvedNames(db, item, p, decision.fields ?? p.fields ?? {});
      if (unresolved.length) {
        const names = unresolved.map((u) => `“${u.name}”`).join(', ');
        editPage(
          res,
          400,
          batch,
          proposal,
          form,
          `Not saved: ${names} ${unresolved.length > 1 ? 'are' : 'is'} not in the atlas nor proposed in this item. Choose an existing one, or create it first.`,
          unresolved,
        );
        return;
      }
      // Whatever else the commit would refuse about this proposal (a year out of range, an id of
      // another kind...) is found by trying the commit and rolling it back.
      const refused = await trialCommit(db, actor(res), id, decision, commitTimeoutMs);
      if (refused?.code === 'invalid-input' && refused.details.proposal === p.proposal) {
        editPage(res, 400, batch, proposal, form, `Not saved: ${refused.message}`);
        return;
      }
      await decideBatch(db, actor(res), id, [decision]);
      res.redirect(303, `/curate/ingest/${id}?page=${pageOf(batch, proposal)}#p-${proposal}`);
    } catch (err) {
      if (!(err instanceof DomainError) || !FORM_ERRORS.has(err.code)) throw err;
      editPage(res, STATUS_OF[err.code] ?? 400, await getBatch(db, id), proposal, form, err.message);
    }
  });

  router.post('/curate/ingest/:batch/decisions', guard, async (req, res) => {
    const { id, form, batch } = await posted(req);
    try {
      const decisions = formDecisions(batch, form);
      await decideBatch(db, actor(res), id, decisions);
      // "Edit…" saves what was decided on the page before the edit page opens, so nothing is lost.
      if (typeof form.edit === 'string' && PROPOSAL_KEY.test(form.edit)) {
        res.redirect(303, `/curate/ingest/${id}/proposals/${form.edit}`);
        return;
      }
      const show = form.show === 'undecided' ? '&show=undecided' : '';
      res.redirect(303, `/curate/ingest/${id}?page=${pageIn(batch, form.page).number}&notice=saved${show}`);
    } catch (err) {
      if (!(err instanceof DomainError) || !FORM_ERRORS.has(err.code)) throw err;
      batchPage(res, STATUS_OF[err.code] ?? 400, await getBatch(db, id), form, err.message, null);
    }
  });

  router.post('/curate/ingest/:batch/accept-above', guard, async (req, res) => {
    const { id, form } = await posted(req);
    const { min } = parseWith(
      z.looseObject({
        min: z.coerce.number({ error: 'must be a number from 0 to 1' }).min(0, 'must be 0 or more').max(1, 'must be at most 1'),
      }),
      form,
      'body',
    );
    const pendingAbove = (current: Batch): Decision[] =>
      current.items
        .flatMap((i) => i.proposals)
        .filter((p) => decidable(p) && p.status === 'pending' && p.confidence >= min)
        .map((p) => ({ proposal: p.proposal, action: 'accept' }));
    await decideBatch(db, actor(res), id, pendingAbove);
    const show = form.show === 'undecided' ? '&show=undecided' : '';
    res.redirect(303, `/curate/ingest/${id}?notice=saved${show}`);
  });

  router.post('/curate/ingest/:batch/commit', guard, async (req, res) => {
    const { id, form, batch } = await posted(req);
    try {
      const decisions = formDecisions(batch, form);
      // What the commit would refuse is shown first, with the decisions kept, and nothing is written.
      const problems = await commitProblems(db, batch, decisions);
      if (problems.length) {
        const saved = await decideBatch(db, actor(res), id, decisions);
        batchPage(
          res,
          400,
          saved,
          { show: form.show, page: form.page },
          `Nothing was committed: ${problems.length} proposal(s) need attention first.`,
          null,
          undefined,
          form.show === 'undecided',
          problems,
        );
        return;
      }
      const { written } = await commitBatch(db, actor(res), id, decisions, commitTimeoutMs);
      const wrote = written.created.length + written.cited.length + written.links.length > 0;
      res.redirect(303, `/curate/ingest/${id}?page=${pageIn(batch, form.page).number}&notice=${wrote ? 'committed' : 'unchanged'}`);
    } catch (err) {
      if (!(err instanceof DomainError) || !FORM_ERRORS.has(err.code)) throw err;
      // The decisions are kept, so the curator fixes the one proposal named and commits again.
      const saved = await (async () => decideBatch(db, actor(res), id, formDecisions(batch, form)))().catch(async () => getBatch(db, id));
      batchPage(res, STATUS_OF[err.code] ?? 400, saved, form, `Nothing was committed: ${err.message}`, null);
    }
  });

  return router;
}
