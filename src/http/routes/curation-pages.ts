import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { getEntity } from '../../domain/atlas/catalogue.js';
import { curationHome } from '../../domain/curation/home.js';
import { dismissDuplicate, mergeNodes, mergePreview, suggestDuplicates } from '../../domain/curation/merge.js';
import { nodesOfKinds, optionText, resolveTyped, typedSources } from '../../domain/curation/names.js';
import { revertAnyChange } from '../../domain/curation/revert.js';
import { existingOfKind, matchesAmong } from '../../domain/curation/similar.js';
import {
  addLink,
  linkNote,
  createNode,
  deleteNode,
  nodeHistory,
  readable,
  removeLink,
  restoreNode,
  updateNode,
  SYSTEM_PROPS,
  WRITABLE_KINDS,
} from '../../domain/curation/writes.js';
import { DomainError, invalidInput } from '../../domain/errors.js';
import { baseId, ID_PREFIX, IdAllocator, type CreatableKind } from '../../domain/ingest/review/ids.js';
import { RELATIONSHIP_TYPES, relationshipsFrom, SLUG, type Kind } from '../../domain/model/kinds.js';
import { fieldLabel, kindLabel, relationshipLabel } from '../../domain/model/labels.js';
import { KIND_SCHEMAS } from '../../domain/model/schemas.js';
import { formBody, params, parseWith } from '../validate.js';
import { actor, expectedVersion } from './curation.js';

export interface FormField {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'list' | 'select';
  options?: string[];
  required: boolean;
}

const LONG_TEXT = new Set(['summary', 'description', 'outcome', 'title', 'text']);

/** The form fields of a kind, read from its seed schema so forms and validation never drift apart. */
export function formFields(kind: string): FormField[] {
  const schema = (KIND_SCHEMAS as Record<string, z.ZodObject<z.ZodRawShape>>)[kind];
  if (!schema) return [];
  return Object.entries(schema.shape)
    .filter(([name]) => !['id', 'targets'].includes(name))
    .map(([name, field]) => {
      const required = !(field as z.ZodType).safeParse(undefined).success;
      const json = z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' }) as {
        type?: string;
        enum?: string[];
        anyOf?: unknown[];
      };
      // Nested records (a case's profile, a place's population) are written through the JSON API.
      if (json.type === 'object') return undefined;
      const label = fieldLabel(name);
      if (json.enum) return { name, label, type: 'select', options: json.enum, required };
      if (json.type === 'array') return { name, label, type: 'list', required };
      if (json.type === 'number' || json.type === 'integer') return { name, label, type: 'number', required };
      return { name, label, type: LONG_TEXT.has(name) ? 'textarea' : 'text', required };
    })
    .filter((f): f is FormField => f !== undefined);
}

/** Form text back into a record: blank fields are cleared, lists are one value a line, numbers are numbers. */
function recordFromForm(kind: string, form: Record<string, unknown>, forEdit: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of formFields(kind)) {
    const raw = typeof form[f.name] === 'string' ? (form[f.name] as string).trim() : '';
    if (raw === '') {
      if (forEdit) out[f.name] = null;
      continue;
    }
    if (f.type === 'list')
      // One value a line, as the form says: names and titles may hold commas.
      out[f.name] = raw
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
    else if (f.type === 'number') out[f.name] = Number(raw);
    else out[f.name] = raw;
  }
  return out;
}

/** The address name of a new node left blank by the curator: made from its name, free in the graph. */
async function idFromName(db: Database, kind: string, record: Record<string, unknown>): Promise<string> {
  const name = typeof record.name === 'string' ? record.name : typeof record.title === 'string' ? record.title : '';
  if (!(kind in ID_PREFIX) || !name.trim()) throw invalidInput('id', `give the new ${kindLabel(kind)} an address name`);
  return db.readTx((run) => new IdAllocator(run).allocate(baseId(kind as CreatableKind, name)));
}

/** A form's record with its sources typed as titles, options or ids turned into source ids. */
async function recordWithSources(db: Database, kind: string, form: Record<string, unknown>, forEdit: boolean) {
  const record = recordFromForm(kind, form, forEdit);
  if (Array.isArray(record.sources)) record.sources = await typedSources(db, one(form.sources));
  return record;
}

/** The link types the model allows from a node of this kind, in the curator's words, with the kinds they reach. */
function linkChoices(kind: Kind) {
  return relationshipsFrom(kind).map((r) => ({
    type: r.type,
    label: `${relationshipLabel(r.type)} (a ${r.to.map(kindLabel).join(' or ')})`,
    to: r.to,
  }));
}

/** Everything the edit page shows besides the form: links it may add (with names to pick), history and notices. */
async function editExtras(db: Database, kind: Kind, id: string) {
  const choices = linkChoices(kind);
  const reachable = [...new Set(choices.flatMap((c) => c.to))];
  const [history, targets, sameKind, sources] = await Promise.all([
    nodeHistory(db, id, 50),
    reachable.length ? nodesOfKinds(db, reachable) : Promise.resolve([]),
    nodesOfKinds(db, [kind]),
    nodesOfKinds(db, ['source']),
  ]);
  return {
    history,
    relationshipTypes: choices,
    targetOptions: targets.map((n) => ({ value: optionText(n), kind: kindLabel(n.kind) })),
    sameKindOptions: sameKind.filter((n) => n.id !== id).map(optionText),
    sourceOptions: sources.map(optionText),
  };
}

const byId = z.strictObject({ id: z.string().regex(SLUG, 'must be an id').max(200) });
const linkForm = z.looseObject({
  type: z.enum(RELATIONSHIP_TYPES as [string, ...string[]]),
  to: z.string().trim().min(1, 'must name the node to link to').max(400),
  sources: z.string().default(''),
  basis: z.enum(['stated', 'curated']).default('stated'),
  note: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), linkNote.optional()),
});

/** The errors an edit form shows beside the form, with the status of the page. */
const FORM_STATUS: Partial<Record<string, number>> = { 'invalid-input': 400, conflict: 409, 'precondition-required': 428 };

/** A version posted by a form: a whole number, or left out (an empty field counts as left out). */
const formVersion = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional());
const mergeForm = z.looseObject({
  survivor: z.string().regex(SLUG, 'must be a node id'),
  duplicate: z.string().regex(SLUG, 'must be a node id'),
  survivorVersion: formVersion,
  duplicateVersion: formVersion,
  confirm: z.string().optional(),
});
const mergeQuery = z.looseObject({
  survivor: z.string().regex(SLUG, 'must be a node id'),
  duplicate: z.string().regex(SLUG, 'must be a node id'),
});
const dismissForm = z.looseObject({ a: z.string().regex(SLUG, 'must be a node id'), b: z.string().regex(SLUG, 'must be a node id') });
const changeId = z.string().regex(/^change-[0-9a-f-]{36}$/, 'must be a change id');
const editQuery = z.looseObject({ merged: changeId.optional(), reverted: z.string().optional() });
/** Properties the merge preview does not show: those the app maintains, but for what names the sources. */
const HIDDEN_IN_PREVIEW = new Set(SYSTEM_PROPS.filter((p) => p !== 'sourceType' && p !== 'sourceIds'));

const dupQuery = z.object({ kind: z.enum(['place', 'organisation', 'initiative', 'case']).default('place') });
const newQuery = z.strictObject({ kind: z.enum(WRITABLE_KINDS as [string, ...string[]]), name: z.string().trim().max(300).optional() });

/** A form's field as one string: the last value when a field was posted twice, '' when absent. */
const one = (v: unknown): string => (Array.isArray(v) ? String(v[v.length - 1] ?? '') : typeof v === 'string' ? v : '');

/** Forms for curators: home, edit, create, delete and restore, link, revert and merge; each posts through the write API's domain functions. */
export function curationPagesRouter(db: Database, guard: RequestHandler): Router {
  const router = Router();

  router.get('/curate', guard, async (req, res) => {
    const { kind } = parseWith(dupQuery, req.query, 'query');
    const notice = req.query.dismissed === '1' ? 'The pair is no longer suggested as duplicates.' : null;
    res.set('Cache-Control', 'no-store');
    res.render('curate-home', {
      title: 'Curation',
      kinds: WRITABLE_KINDS.map((k) => ({ kind: k, label: kindLabel(k) })),
      home: await curationHome(db),
      duplicates: await suggestDuplicates(db, kind, 30),
      dupKind: kind,
      notice,
      relationshipLabel,
    });
  });

  const newPage = (kind: string, values: Record<string, unknown>, error: string | null, matches: unknown[] = []) => ({
    title: `New ${kindLabel(kind)}`,
    kind,
    kindName: kindLabel(kind),
    item: null,
    idOptional: kind in ID_PREFIX,
    fields: formFields(kind),
    values,
    history: [],
    error,
    matches,
    notice: null,
    undo: null,
  });

  router.get('/curate/new', guard, (req, res) => {
    const { kind, name } = parseWith(newQuery, req.query, 'query');
    res.render('curate-edit', newPage(kind, name ? { name } : {}, null));
  });

  router.post('/curate/new', guard, async (req, res) => {
    const form = formBody(req);
    const kind = parseWith(z.enum(WRITABLE_KINDS as [string, ...string[]]), form.kind, 'body');
    const choice = one(form.duplicateChoice);
    if (choice.startsWith('existing:')) {
      const existing = parseWith(z.string().regex(SLUG, 'must be a node id'), choice.slice('existing:'.length), 'body');
      res.redirect(303, `/curate/${existing}`);
      return;
    }
    let record: Record<string, unknown>;
    try {
      record = await recordWithSources(db, kind, form, false);
      record.id = one(form.id).trim() || (await idFromName(db, kind, record));
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'invalid-input') throw err;
      res.status(400).render('curate-edit', newPage(kind, form, err.message));
      return;
    }
    // A new node that looks like one the graph holds is shown beside it first, "use existing" chosen.
    if (choice !== 'new' && typeof record.name === 'string') {
      const existing = await db.readTx((run) => existingOfKind(run, kind));
      const matches = matchesAmong(
        {
          name: record.name,
          altNames: Array.isArray(record.altNames) ? (record.altNames as string[]) : [],
          summary:
            typeof record.summary === 'string' ? record.summary : typeof record.description === 'string' ? record.description : undefined,
          year: typeof record.year === 'number' ? record.year : undefined,
        },
        existing,
      );
      if (matches.length) {
        res.status(409).render('curate-edit', newPage(kind, form, null, matches));
        return;
      }
    }
    try {
      const created = await createNode(db, actor(res), kind, record);
      res.redirect(303, `/curate/${created.id}`);
    } catch (err) {
      if (!(err instanceof DomainError) || !['invalid-input', 'conflict'].includes(err.code)) throw err;
      res.status(err.code === 'conflict' ? 409 : 400).render('curate-edit', newPage(kind, form, err.message));
    }
  });

  router.get('/curate/merge', guard, async (req, res) => {
    const { survivor, duplicate } = parseWith(mergeQuery, req.query, 'query');
    await renderMerge(res, 200, survivor, duplicate, null);
  });

  const renderMerge = async (res: Response, status: number, survivor: string, duplicate: string, error: string | null) => {
    const preview = await mergePreview(db, survivor, duplicate);
    const keys = [...new Set([...Object.keys(preview.survivor), ...Object.keys(preview.duplicate)])].filter(
      (k) => !HIDDEN_IN_PREVIEW.has(k) && !k.startsWith('merged') && !k.startsWith('deleted'),
    );
    const rows = keys.map((k) => ({
      field: k,
      label: fieldLabel(k),
      survivor: readable(preview.survivor[k]),
      duplicate: readable(preview.duplicate[k]),
      result: readable(preview.result[k]),
    }));
    res.set('Cache-Control', 'no-store');
    res
      .status(status)
      .render('curate-merge', { title: `Merge ${preview.duplicate.name} into ${preview.survivor.name}`, preview, rows, error });
  };

  router.post('/curate/merge', guard, async (req, res) => {
    const form = parseWith(mergeForm, req.body ?? {}, 'body');
    if (form.confirm !== 'yes') {
      await renderMerge(res, 400, form.survivor, form.duplicate, 'Tick the box to confirm the merge first.');
      return;
    }
    try {
      const merged = await mergeNodes(db, actor(res), form.survivor, form.duplicate, {
        survivor: form.survivorVersion,
        duplicate: form.duplicateVersion,
      });
      res.redirect(303, `/curate/${merged.survivor}?merged=${merged.change}`);
    } catch (err) {
      if (!(err instanceof DomainError) || !['invalid-input', 'conflict'].includes(err.code)) throw err;
      await renderMerge(res, err.code === 'conflict' ? 409 : 400, form.survivor, form.duplicate, err.message);
    }
  });

  router.post('/curate/duplicates/dismiss', guard, async (req, res) => {
    const form = parseWith(dismissForm, req.body ?? {}, 'body');
    await dismissDuplicate(db, actor(res), form.a, form.b);
    res.redirect(303, '/curate?dismissed=1#duplicates');
  });

  const renderEdit = async (
    res: Response,
    status: number,
    id: string,
    values: Record<string, unknown> | null,
    error: string | null,
    notice: string | null = null,
    undo: string | null = null,
  ) => {
    const item = await getEntity(db, id, undefined, { fresh: true });
    const shown: Record<string, unknown> =
      values ?? Object.fromEntries(Object.entries(item).map(([k, v]) => [k, Array.isArray(v) ? (v as unknown[]).join('\n') : v]));
    if (!values) {
      if (item.kind === 'source') shown.kind = (item as Record<string, unknown>).sourceType;
      shown.sources = item.sources.map((s) => optionText({ id: String(s.id), name: String(s.title ?? s.id) })).join('\n');
    }
    res.set('Cache-Control', 'no-store');
    res.status(status).render('curate-edit', {
      title: `Edit ${item.name}`,
      kind: item.kind,
      kindName: kindLabel(item.kind),
      item,
      fields: formFields(item.kind),
      values: shown,
      error,
      notice,
      undo,
      matches: [],
      relationshipLabel,
      ...(await editExtras(db, item.kind as Kind, id)),
    });
  };

  router.get('/curate/:id', guard, async (req, res) => {
    const { id } = params(byId, req);
    const q = parseWith(editQuery, req.query, 'query');
    const notice = q.merged
      ? 'Merged: the duplicate’s links, sources and names are now here, and its address leads here.'
      : q.reverted
        ? 'Reverted.'
        : null;
    await renderEdit(res, 200, id, null, null, notice, q.merged ?? null);
  });

  router.post('/curate/:id', guard, async (req, res) => {
    const { id } = params(byId, req);
    const item = await getEntity(db, id, undefined, { fresh: true });
    const form = formBody(req);
    try {
      await updateNode(db, actor(res), id, expectedVersion(req, form), await recordWithSources(db, item.kind, form, true));
      res.redirect(303, item.url);
    } catch (err) {
      if (!(err instanceof DomainError) || !(err.code in FORM_STATUS)) throw err;
      await renderEdit(res, FORM_STATUS[err.code]!, id, form, err.message);
    }
  });

  router.post('/curate/:id/delete', guard, async (req, res) => {
    const { id } = params(byId, req);
    await deleteNode(db, actor(res), id, expectedVersion(req, formBody(req)));
    res.redirect(303, '/curate');
  });

  router.post('/curate/:id/restore', guard, async (req, res) => {
    const { id } = params(byId, req);
    await restoreNode(db, actor(res), id, expectedVersion(req, formBody(req)));
    res.redirect(303, `/curate/${id}`);
  });

  router.post('/curate/:id/links', guard, async (req, res) => {
    const { id } = params(byId, req);
    const item = await getEntity(db, id, undefined, { fresh: true });
    const form = parseWith(linkForm, req.body ?? {}, 'body');
    try {
      const choice = linkChoices(item.kind as Kind).find((c) => c.type === form.type);
      if (!choice) throw new DomainError('invalid-input', `A ${kindLabel(item.kind)} cannot be linked that way.`, { field: 'type' });
      const to = resolveTyped(form.to, await nodesOfKinds(db, choice.to), 'to', choice.to);
      const sources = await typedSources(db, form.sources);
      await addLink(db, actor(res), { from: id, type: form.type, to: to.id, sources, basis: form.basis, note: form.note || undefined });
      res.redirect(303, `/curate/${id}`);
    } catch (err) {
      if (!(err instanceof DomainError) || !['invalid-input', 'conflict', 'not-found'].includes(err.code)) throw err;
      await renderEdit(res, err.code === 'conflict' ? 409 : 400, id, null, err.message);
    }
  });

  router.post('/curate/:id/links/remove', guard, async (req, res) => {
    const { id } = params(byId, req);
    const form = parseWith(
      z.looseObject({
        from: z.string().regex(SLUG),
        type: z.enum(RELATIONSHIP_TYPES as [string, ...string[]]),
        to: z.string().regex(SLUG),
      }),
      req.body ?? {},
      'body',
    );
    await removeLink(db, actor(res), { from: form.from, type: form.type, to: form.to });
    res.redirect(303, `/curate/${id}`);
  });

  /** The edit page's merge form names the duplicate; the merge itself waits for the preview's confirmation. */
  router.post('/curate/:id/merge', guard, async (req, res) => {
    const { id } = params(byId, req);
    const item = await getEntity(db, id, undefined, { fresh: true });
    const typed = parseWith(
      z.looseObject({ duplicate: z.string().trim().min(1, 'must name the duplicate').max(400) }),
      req.body ?? {},
      'body',
    );
    try {
      const dup = resolveTyped(typed.duplicate, await nodesOfKinds(db, [item.kind]), 'duplicate', [item.kind]);
      res.redirect(303, `/curate/merge?survivor=${encodeURIComponent(id)}&duplicate=${encodeURIComponent(dup.id)}`);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'invalid-input') throw err;
      await renderEdit(res, 400, id, null, err.message);
    }
  });

  router.post('/curate/changes/:change/revert', guard, async (req, res) => {
    const change = parseWith(changeId, req.params.change, 'path');
    const result = (await revertAnyChange(db, actor(res), change)) as { id?: string; from?: string };
    res.redirect(303, `/curate/${result.id ?? result.from ?? ''}?reverted=1`);
  });

  return router;
}
