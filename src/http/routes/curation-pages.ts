import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { getEntity } from '../../domain/atlas/catalogue.js';
import { mergeNodes, suggestDuplicates } from '../../domain/curation/merge.js';
import {
  addLink,
  createNode,
  deleteNode,
  nodeHistory,
  removeLink,
  restoreNode,
  revertChange,
  updateNode,
  WRITABLE_KINDS,
} from '../../domain/curation/writes.js';
import { DomainError } from '../../domain/errors.js';
import { RELATIONSHIP_TYPES, SLUG } from '../../domain/model/kinds.js';
import { KIND_SCHEMAS } from '../../domain/model/schemas.js';
import { formBody, params, parseWith } from '../validate.js';
import { actor, expectedVersion } from './curation.js';

export interface FormField {
  name: string;
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
      if (json.enum) return { name, type: 'select', options: json.enum, required };
      if (json.type === 'array') return { name, type: 'list', required };
      if (json.type === 'number' || json.type === 'integer') return { name, type: 'number', required };
      return { name, type: LONG_TEXT.has(name) ? 'textarea' : 'text', required };
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
      out[f.name] = raw
        .split(/\r?\n|,/)
        .map((s) => s.trim())
        .filter(Boolean);
    else if (f.type === 'number') out[f.name] = Number(raw);
    else out[f.name] = raw;
  }
  return out;
}

/** Relationship types a curator adds by hand; the derived ones are kept by the app. */
const LINKABLE_TYPES = RELATIONSHIP_TYPES.filter((t) => !['BELONGS_TO', 'REPORTED_IN'].includes(t));

const byId = z.strictObject({ id: z.string().regex(SLUG, 'must be an id').max(200) });
const linkForm = z.looseObject({
  type: z.enum(RELATIONSHIP_TYPES as [string, ...string[]]),
  to: z.string().regex(SLUG, 'must be a node id'),
  sources: z.string().default(''),
  basis: z.enum(['stated', 'curated']).default('stated'),
  note: z.string().trim().max(1000).optional(),
});

/** A version posted by a form: a whole number, or left out (an empty field counts as left out). */
const formVersion = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional());
const mergeForm = z.looseObject({
  duplicate: z.string().regex(SLUG, 'must be a node id'),
  survivorVersion: formVersion,
  duplicateVersion: formVersion,
});

const dupQuery = z.object({ kind: z.enum(['place', 'organisation', 'initiative', 'case']).default('place') });
const newQuery = z.strictObject({ kind: z.enum(WRITABLE_KINDS as [string, ...string[]]) });

/** Forms for curators: edit, create, delete and restore, link, revert and merge; each posts through the write API's domain functions. */
export function curationPagesRouter(db: Database, guard: RequestHandler): Router {
  const router = Router();

  router.get('/curate', guard, async (req, res) => {
    const { kind } = parseWith(dupQuery, req.query, 'query');
    res.render('curate-home', {
      title: 'Curation',
      kinds: WRITABLE_KINDS,
      duplicates: await suggestDuplicates(db, kind, 30),
      dupKind: kind,
    });
  });

  router.get('/curate/new', guard, (req, res) => {
    const kind = parseWith(newQuery, req.query, 'query').kind;
    res.render('curate-edit', { title: `New ${kind}`, kind, item: null, fields: formFields(kind), values: {}, history: [], error: null });
  });

  router.post('/curate/new', guard, async (req, res) => {
    const form = formBody(req);
    const kind = parseWith(z.enum(WRITABLE_KINDS as [string, ...string[]]), form.kind, 'body');
    const record = { ...recordFromForm(kind, form, false), id: String(form.id ?? '').trim() };
    try {
      const created = await createNode(db, actor(res), kind, record);
      res.redirect(303, `/curate/${created.id}`);
    } catch (err) {
      if (!(err instanceof DomainError) || !['invalid-input', 'conflict'].includes(err.code)) throw err;
      res.status(err.code === 'conflict' ? 409 : 400).render('curate-edit', {
        title: `New ${kind}`,
        kind,
        item: null,
        fields: formFields(kind),
        values: form,
        history: [],
        error: err.message,
      });
    }
  });

  router.get('/curate/:id', guard, async (req, res) => {
    const { id } = params(byId, req);
    const item = await getEntity(db, id, undefined, { fresh: true });
    const values: Record<string, unknown> = Object.fromEntries(
      Object.entries(item).map(([k, v]) => [k, Array.isArray(v) ? (v as unknown[]).join('\n') : v]),
    );
    if (item.kind === 'source') values.kind = (item as Record<string, unknown>).sourceType;
    values.sources = item.sources.map((s) => String(s.id)).join('\n');
    res.render('curate-edit', {
      title: `Edit ${item.name}`,
      kind: item.kind,
      item,
      fields: formFields(item.kind),
      values,
      history: await nodeHistory(db, id, 50),
      error: null,
      relationshipTypes: LINKABLE_TYPES,
    });
  });

  router.post('/curate/:id', guard, async (req, res) => {
    const { id } = params(byId, req);
    const item = await getEntity(db, id, undefined, { fresh: true });
    const form = formBody(req);
    const version = Number(form.version);
    try {
      await updateNode(db, actor(res), id, Number.isInteger(version) ? version : -1, recordFromForm(item.kind, form, true));
      res.redirect(303, item.url);
    } catch (err) {
      if (!(err instanceof DomainError) || !['invalid-input', 'conflict'].includes(err.code)) throw err;
      res.status(err.code === 'conflict' ? 409 : 400).render('curate-edit', {
        title: `Edit ${item.name}`,
        kind: item.kind,
        item,
        fields: formFields(item.kind),
        values: form,
        history: await nodeHistory(db, id, 50),
        error: err.message,
        relationshipTypes: LINKABLE_TYPES,
      });
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
    const form = parseWith(linkForm, req.body ?? {}, 'body');
    const sources = form.sources.split(/[\s,]+/).filter(Boolean);
    await addLink(db, actor(res), { from: id, type: form.type, to: form.to, sources, basis: form.basis, note: form.note || undefined });
    res.redirect(303, `/curate/${id}`);
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

  router.post('/curate/:id/merge', guard, async (req, res) => {
    const { id } = params(byId, req);
    const form = parseWith(mergeForm, req.body ?? {}, 'body');
    // The survivor's page gives its version; a duplicate typed in by id is merged as it is now.
    const survivor = expectedVersion(req, { version: form.survivorVersion });
    await mergeNodes(db, actor(res), id, form.duplicate, { survivor, duplicate: form.duplicateVersion });
    res.redirect(303, `/curate/${id}`);
  });

  router.post('/curate/changes/:change/revert', guard, async (req, res) => {
    const change = parseWith(z.string().regex(/^change-[0-9a-f-]{36}$/, 'must be a change id'), req.params.change, 'path');
    const result = (await revertChange(db, actor(res), change)) as { id?: string; from?: string };
    res.redirect(303, `/curate/${result.id ?? result.from ?? ''}`);
  });

  return router;
}
