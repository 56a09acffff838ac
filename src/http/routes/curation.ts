import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { dismissDuplicate, mergeNodes, suggestDuplicates } from '../../domain/curation/merge.js';
import {
  addLink,
  createNode,
  deleteNode,
  linkKeySchema,
  linkSchema,
  nodeHistory,
  removeLink,
  restoreNode,
  updateNode,
  WRITABLE_KINDS,
  type Actor,
} from '../../domain/curation/writes.js';
import { revertAnyChange } from '../../domain/curation/revert.js';
import { DomainError } from '../../domain/errors.js';
import { RELATIONSHIP_TYPES, SLUG } from '../../domain/model/kinds.js';
import { ApiRouter } from '../api-router.js';
import { versionedSchema } from '../api-schemas.js';

const id = z.string().regex(SLUG, 'must be an id of lower-case letters, digits and dashes').max(200);
const byId = z.strictObject({ id });
const anyRecord = z.record(z.string(), z.json());

/** The signed-in curator or token holder that the role check let through. */
export function actor(res: Response): Actor {
  const user = res.locals.user as { id: string; name: string } | undefined;
  if (!user) throw new DomainError('invalid-input', 'No signed-in user.');
  return { id: user.id, name: user.name };
}

/** The version an edit is based on: `If-Match: "3"` or a `version` field; required so no edit overwrites blindly. */
export function expectedVersion(req: Request, body: Record<string, unknown> = {}): number {
  const header = req.get('if-match');
  const raw = header ? header.replace(/^W\//, '').replace(/"/g, '') : body.version;
  if (raw === undefined || raw === null || raw === '') {
    throw new DomainError(
      'precondition-required',
      'Say which version you edited, with an If-Match header (the ETag of the node) or a version field, so that a newer edit is not overwritten.',
    );
  }
  // Digits only (as text, or a JSON number): "0x2", "1e0", " 2" or [3] are not versions.
  const version = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(version) || version < 0)
    throw new DomainError('invalid-input', 'version: must be a whole number', { field: 'version' });
  return version;
}

const version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const mergeBody = z.strictObject({
  survivor: id,
  duplicate: id,
  survivorVersion: version.optional(),
  duplicateVersion: version.optional(),
});

/** A merge changes both nodes, so it names the version of each that the client read. */
export function mergeVersions(body: { survivorVersion?: number; duplicateVersion?: number }): { survivor: number; duplicate: number } {
  const missing = (['survivorVersion', 'duplicateVersion'] as const).filter((k) => body[k] === undefined);
  if (missing.length) {
    throw new DomainError(
      'precondition-required',
      `Say which versions you merged: ${missing.join(' and ')} (the ETag of each node), so that a newer edit of either is not lost.`,
      { fields: missing },
    );
  }
  return { survivor: body.survivorVersion!, duplicate: body.duplicateVersion! };
}

function withEtag<T extends { version: number }>(res: Response, result: T): T {
  res.set('ETag', `"${result.version}"`);
  return result;
}

/** The write API: curators create, edit, soft-delete, restore, link, revert and merge. */
export function curationRoutes(db: Database, guard: RequestHandler): ApiRouter {
  const api = new ApiRouter();
  const curator = { before: [guard], access: 'curator' as const, tag: 'curation' };

  api
    .add({
      ...curator,
      method: 'post',
      path: '/api/nodes',
      operationId: 'createNode',
      response: versionedSchema,
      status: 201,
      headers: ['ETag', 'Location'],
      summary: 'Create a node of any writable kind, validated with the seed schema of that kind',
      description: `Body: {kind, ...fields of the kind}; kinds ${WRITABLE_KINDS.join(', ')}. Responds 201 with the new version as ETag.`,
      body: z.looseObject({ kind: z.enum(WRITABLE_KINDS as [string, ...string[]]) }),
      problems: [409],
      handler: async ({ body }, _req, res) => {
        const { kind, ...record } = body as Record<string, unknown> & { kind: string };
        // A source's own type travels as sourceType so that `kind` can name the node kind.
        if (kind === 'source' && record.sourceType !== undefined) {
          record.kind = record.sourceType;
          delete record.sourceType;
        }
        const created = await createNode(db, actor(res), kind, record);
        res.status(201).location(`/api/nodes/${created.id}`);
        return withEtag(res, created);
      },
    })
    .add({
      ...curator,
      method: 'patch',
      path: '/api/nodes/:id',
      operationId: 'updateNode',
      response: versionedSchema,
      headers: ['ETag'],
      summary: 'Edit a node; needs If-Match with the version the edit is based on (409 when stale)',
      params: byId,
      body: anyRecord,
      problems: [404, 409, 428],
      handler: async ({ params, body }, req, res) => {
        const { version: _v, ...patch } = body as Record<string, unknown>;
        return withEtag(res, await updateNode(db, actor(res), params.id, expectedVersion(req, body as Record<string, unknown>), patch));
      },
    })
    .add({
      ...curator,
      method: 'delete',
      path: '/api/nodes/:id',
      operationId: 'deleteNode',
      response: versionedSchema,
      headers: ['ETag'],
      summary: 'Soft-delete a node: hidden from readers, kept with its links and history, restorable',
      params: byId,
      problems: [404, 409, 428],
      handler: async ({ params }, req, res) => withEtag(res, await deleteNode(db, actor(res), params.id, expectedVersion(req))),
    })
    .add({
      ...curator,
      method: 'post',
      path: '/api/nodes/:id/restore',
      operationId: 'restoreNode',
      response: versionedSchema,
      headers: ['ETag'],
      summary: 'Restore a soft-deleted node; needs If-Match with the version its delete answered (409 when stale)',
      params: byId,
      problems: [404, 409, 428],
      handler: async ({ params }, req, res) => withEtag(res, await restoreNode(db, actor(res), params.id, expectedVersion(req))),
    })
    .add({
      method: 'get',
      path: '/api/nodes/:id/history',
      operationId: 'getNodeHistory',
      tag: 'curation',
      summary: 'Every recorded change of a node: who, when, before and after',
      params: byId,
      handler: async ({ params }) => ({ id: params.id, changes: await nodeHistory(db, params.id) }),
    })
    .add({
      ...curator,
      method: 'post',
      path: '/api/changes/:id/revert',
      operationId: 'revertChange',
      summary: 'Undo a change, a merge included (itself recorded as a revert naming the change it undid)',
      params: z.strictObject({ id: z.string().regex(/^change-[0-9a-f-]{36}$/, 'must be a change id') }),
      problems: [404, 409],
      handler: ({ params }, _req, res) => revertAnyChange(db, actor(res), params.id),
    })
    .add({
      ...curator,
      method: 'post',
      path: '/api/links',
      operationId: 'addLink',
      status: 201,
      summary: 'Add a relationship with its sources; without a source it is kept as unverified',
      description: `Types: ${RELATIONSHIP_TYPES.filter((t) => !['BELONGS_TO', 'REPORTED_IN'].includes(t)).join(', ')}. Both ends get a new version (answered as fromVersion and toVersion); fromVersion and toVersion in the body, when given, must be current (409 otherwise).`,
      body: linkSchema,
      problems: [404, 409],
      handler: async ({ body }, _req, res) => {
        res.status(201);
        return addLink(db, actor(res), body);
      },
    })
    .add({
      ...curator,
      method: 'delete',
      path: '/api/links',
      operationId: 'removeLink',
      summary: 'Remove a relationship; both ends get a new version, and fromVersion and toVersion, when given, must be current',
      body: linkKeySchema,
      problems: [404, 409],
      handler: ({ body }, _req, res) => removeLink(db, actor(res), body),
    })
    .add({
      ...curator,
      method: 'get',
      path: '/api/duplicates',
      operationId: 'listDuplicates',
      summary: 'Likely duplicates of one kind, with the reasons',
      query: z.strictObject({
        kind: z.enum(['place', 'organisation', 'initiative', 'case']).default('place'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      handler: ({ query }) => suggestDuplicates(db, query.kind, query.limit),
    })
    .add({
      ...curator,
      method: 'post',
      path: '/api/duplicates/dismiss',
      operationId: 'dismissDuplicate',
      summary: 'Say that a suggested pair is not a duplicate, so that it is not suggested again',
      body: z.strictObject({ a: id, b: id }),
      handler: async ({ body }, _req, res) => {
        await dismissDuplicate(db, actor(res), body.a, body.b);
        return { a: body.a, b: body.b, dismissed: true };
      },
    })
    .add({
      ...curator,
      method: 'post',
      path: '/api/merge',
      operationId: 'mergeNodes',
      summary: 'Merge a duplicate into a survivor: links, sources, alternate names and history move; the old id redirects',
      description:
        'Body: {survivor, duplicate, survivorVersion, duplicateVersion}; 409 when either version is stale, 428 when one is missing.',
      body: mergeBody,
      problems: [404, 409, 428],
      handler: ({ body }, _req, res) => mergeNodes(db, actor(res), body.survivor, body.duplicate, mergeVersions(body)),
    });
  return api;
}
