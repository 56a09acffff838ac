import { withArticle } from '../text.js';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database, Run } from '../../data/database.js';
import { recordGraphChange } from '../../data/change-feed.js';
import { toPlain } from '../../data/plain.js';
import { defineQuery } from '../../data/queries.js';
import { compact, nestedFields, nodeProperties } from '../model/properties.js';
import { KIND_SCHEMAS, text } from '../model/schemas.js';
import { fieldLabel, kindLabel, relationshipLabel } from '../model/labels.js';
import { DomainError, invalidInput, notFound } from '../errors.js';
import { followMerges } from './redirects.js';
import { KINDS, kindOfLabel, relationshipAllowed, RELATIONSHIP_TYPES, SLUG, type Kind } from '../model/kinds.js';

export interface Actor {
  id: string;
  name: string;
}

/** A node's stored properties as read back (every node has a name: a source's is its title). */
export type StoredNode = Record<string, unknown> & {
  kind: Kind;
  version?: number;
  name: string;
  altNames?: string[];
  sourceIds?: string[];
};

/** A relationship's stored properties. */
export type LinkProps = Record<string, unknown> & { sources?: string[]; basis?: string; note?: string };

/** A :Change as stored: before and after are JSON text, absent when the change had none. */
export interface StoredChange {
  id: string;
  at: string;
  by: string;
  action: string;
  target: string;
  before?: string;
  after?: string;
  summary: string;
  result?: string;
  /** For a revert: the change it undid, and what the revert did (update, delete, add-link...). */
  revertOf?: string;
  effect?: string;
}

type LinkParams = { from: string; type: string; to: string };

const lockNodesQuery = defineQuery<{ ids: string[] }, never>('curation/lock-nodes');
const bumpVersionsQuery = defineQuery<{ ids: string[] }, { id: string; version: number }>('curation/bump-versions');
const getChangeResult = defineQuery<{ id: string }, { result: string | null }>('curation/get-change-result');
const setChangeResult = defineQuery<{ id: string; result: string }, never>('curation/set-change-result');
/** Records one change in the history (its before and after as JSON), on the nodes it touched. */
export const recordChangeQuery = defineQuery<
  {
    changeId: string;
    at: string;
    by: string;
    action: string;
    target: string;
    before: string | null;
    after: string | null;
    summary: string;
    nodeIds: string[];
    revertOf: string | null;
    effect: string | null;
  },
  never
>('curation/record-change');
const claimUndoQuery = defineQuery<{ revertOf: string; changeId: string }, { undoneBy: string | null }>('curation/claim-undo');
const mergedIntoQuery = defineQuery<{ id: string }, { survivor: string }>('curation/merged-into');
const nodeAnyStateQuery = defineQuery<{ id: string }, { node: StoredNode; labels: string[] }>('curation/get-node-any-state');
const createNodeQuery = defineQuery<{ id: string; label: string; props: Record<string, unknown>; sources: string[] }, never>(
  'curation/create-node',
);
const updateNodeQuery = defineQuery<
  { id: string; version: number; props: Record<string, unknown>; sources: string[] },
  { version: number }
>('curation/update-node');
const softDeleteNodeQuery = defineQuery<{ id: string; version: number; label: string; at: string; by: string }, { version: number }>(
  'curation/soft-delete-node',
);
const restoreNodeQuery = defineQuery<{ id: string; label: string; at: string; by: string }, { version: number }>('curation/restore-node');
const getLinkQuery = defineQuery<LinkParams, { props: LinkProps }>('curation/get-link');
const mergeLinkQuery = defineQuery<LinkParams & { props: Record<string, unknown> }, never>('curation/merge-link');
const deleteLinkQuery = defineQuery<LinkParams, { props: LinkProps }>('curation/delete-link');
const nodeHistoryQuery = defineQuery<{ id: string; limit: number }, { change: StoredChange }>('curation/node-history');
const getChangeQuery = defineQuery<{ id: string }, { change: StoredChange }>('curation/get-change');

/** One recorded change as stored, its before and after still JSON text; undefined when there is none of this id. */
export async function getChange(db: Database, id: string): Promise<StoredChange | undefined> {
  const [row] = await db.read(getChangeQuery, { id });
  return row?.change;
}

/** Kinds whose set is fixed by the frameworks: their nodes can be corrected but not created or deleted. */
/** Kinds whose set is fixed by their framework: edited, never created, deleted or merged. */
export const FIXED_KINDS: Kind[] = ['pathway', 'goal', 'target'];
export type WritableKind = keyof typeof KIND_SCHEMAS;
export const WRITABLE_KINDS = Object.keys(KIND_SCHEMAS) as WritableKind[];

/** Properties the app maintains; a curator's record never sets them. */
export const SYSTEM_PROPS = [
  'id',
  'kind',
  'version',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'sourceType',
  'altNamesText',
  'searchKey',
  'sourceIds',
];

const conflict = (id: string, current: number, given: number, state = 'live') =>
  new DomainError(
    'conflict',
    `The ${id} you edited has changed since (version ${current}${state === 'live' ? '' : `, now ${state}`}, your edit was based on ${given}): reload it and apply your change again.`,
    { id, currentVersion: current, yourVersion: given, state },
  );

/**
 * Takes the write locks of these nodes, in id order so that two writers never wait on each other,
 * before any of their versions is read; every version check below runs after it.
 */
export async function lockNodes(run: Run, ids: string[]): Promise<void> {
  await run(lockNodesQuery, { ids: [...new Set(ids)].sort() });
}

/**
 * Refuses a write based on another version of the node (`expected` undefined: nothing to compare);
 * a node deleted or merged since the client read it is a conflict too, not a mere 404.
 */
export function checkVersion(
  id: string,
  found: NodeState | undefined,
  expected: number | undefined,
  wanted: 'live' | 'deleted' = 'live',
): NodeState {
  if (!found) throw notFound(wanted === 'live' ? 'node' : 'deleted node', id);
  const current = found.node.version ?? 0;
  if (expected !== undefined && current !== expected) throw conflict(id, current, expected, found.state);
  if (found.state === 'merged' && found.survivor) {
    const survivor = found.survivor;
    throw new DomainError('not-found', `"${id}" was merged into "${survivor}": use that node instead.`, {
      kind: 'node',
      id,
      mergedInto: survivor,
    });
  }
  if (found.state !== wanted) throw notFound(wanted === 'live' ? 'node' : 'deleted node', id);
  return found;
}

/** Raises the versions of the ends of a changed link; returns them by id. */
async function bumpVersions(run: Run, ids: string[]): Promise<Record<string, number>> {
  const rows = await run(bumpVersionsQuery, { ids: [...new Set(ids)].sort() });
  return Object.fromEntries(rows.map((r) => [r.id, r.version]));
}

/** Integers stored by older versions as the driver's {low, high} objects, read back as numbers. */
function plainStored(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainStored);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 2 && Number.isInteger(o.low) && Number.isInteger(o.high))
    return (o.high as number) * 2 ** 32 + ((o.low as number) >>> 0);
  return Object.fromEntries(keys.map((k) => [k, plainStored(o[k])]));
}

/** A stored history value (JSON text) as plain JSON. */
export function readStored(text: string | null | undefined): unknown {
  return text === null || text === undefined || text === '' ? null : plainStored(JSON.parse(text));
}

/** What the history keeps of a node (its kind and record) and of a link (its ends, type and properties). */
const storedNode = z.looseObject({ kind: z.enum(Object.keys(KINDS) as [Kind, ...Kind[]]) });
const storedLink = z.looseObject({
  from: z.string(),
  type: z.string(),
  to: z.string(),
  props: z.looseObject({ sources: z.array(z.string()).optional(), basis: z.string().optional(), note: z.string().optional() }).default({}),
});

/** A recorded before or after state, checked against the shape the reverting step needs. */
function storedAs<T extends z.ZodType>(schema: T, text: string | null | undefined, changeId: string): z.infer<T> {
  const parsed = schema.safeParse(readStored(text));
  if (!parsed.success)
    throw invalidInput('change', `change ${changeId} does not record the state it would return to, so it cannot be reverted`);
  return parsed.data;
}

/** A history value as JSON text of plain numbers and strings (driver Integers and temporals converted). */
export function storable(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(toPlain(value));
}

function zodProblem(error: z.ZodError, kind: string): DomainError {
  const issue = error.issues[0]!;
  const field = issue.path.join('.') || '(body)';
  return invalidInput(field, `${issue.message} (for ${withArticle(kind)})`, {
    errors: error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
  });
}

/** A stored node back in the shape of its seed record, so edits validate with the seed schema. */
function recordOf(kind: Kind, node: Record<string, unknown>): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node))
    if (!SYSTEM_PROPS.includes(k) && !k.startsWith('deleted') && !k.startsWith('merged')) own[k] = v;
  const record = nestedFields(own);
  record.id = node.id;
  if (kind === 'source') {
    record.kind = node.sourceType;
    delete record.name;
  }
  if (node.sourceIds) record.sources = node.sourceIds;
  if (kind === 'goal') record.targets = [];
  return record;
}

/** What history keeps of a node: every property but the derived search helpers. */
function snapshot(props: Record<string, unknown>): Record<string, unknown> {
  const { altNamesText: _a, searchKey: _s, ...rest } = props;
  return rest;
}

/** Properties every write sets, which say nothing about what a curator changed. */
const BOOKKEEPING = new Set(['version', 'updatedAt', 'updatedBy']);

/** The fields whose values differ between two snapshots of a node, in alphabetical order. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !BOOKKEEPING.has(k));
  const same = (a: unknown, b: unknown) => JSON.stringify(toPlain(a) ?? null) === JSON.stringify(toPlain(b) ?? null);
  return keys.filter((k) => !same(before[k], after[k])).sort();
}

/** A change's id, made before its transaction so that every attempt of that transaction shares it. */
export const newChangeId = () => `change-${randomUUID()}`;

/**
 * Runs a curation write whose history record is keyed by `changeId`. The driver runs the work again
 * when a commit's answer was lost (a dropped connection, a leader switch); finding the record then
 * means the earlier attempt was committed, and its result is answered instead of writing twice.
 */
export function recordedWrite<T>(db: Database, changeId: string, work: (run: Run) => Promise<T>): Promise<T> {
  return db.writeTx<T>(async (run) => {
    const [done] = await run(getChangeResult, { id: changeId });
    if (done) return JSON.parse(done.result ?? 'null') as T;
    const result = await work(run);
    await run(setChangeResult, { id: changeId, result: JSON.stringify(result) });
    return result;
  });
}

/**
 * Records a change on every node it touched, in the change's transaction: in their history, and in
 * the change feed that keeps the read model current.
 */
async function history(
  run: Run,
  changeId: string,
  by: Actor,
  action: string,
  target: string,
  nodeIds: string[],
  before: unknown,
  after: unknown,
  summary: string,
  revertOf?: string,
) {
  if (revertOf) {
    // Undone once is enough: a second undo would write the same state again over what came since.
    const [claim] = await run(claimUndoQuery, { revertOf, changeId });
    if (claim?.undoneBy)
      throw new DomainError('conflict', `This change was already undone by ${claim.undoneBy}; revert that one to apply the change again.`, {
        field: 'change',
        undoneBy: claim.undoneBy,
      });
  }
  await recordGraphChange(run, { ids: nodeIds });
  await run(recordChangeQuery, {
    changeId,
    at: new Date().toISOString(),
    by: by.name,
    // A revert is labelled as one, with what it did kept as its effect so that it can be reverted in turn.
    action: revertOf ? 'revert' : action,
    target,
    before: storable(before),
    after: storable(after),
    summary: revertOf ? `reverted: ${summary}` : summary,
    nodeIds,
    revertOf: revertOf ?? null,
    effect: revertOf ? action : null,
  });
  return changeId;
}

export interface NodeState {
  node: StoredNode;
  state: 'live' | 'deleted' | 'merged';
  kind: Kind;
  /** For a merged-away node, the live node it now lives in (after later merges too). */
  survivor?: string;
}

export async function nodeAnyState(run: Run, id: string): Promise<NodeState | undefined> {
  const [row] = await run(nodeAnyStateQuery, { id });
  if (!row) return undefined;
  const { labels, node } = row;
  const state = labels.includes('Entity') ? 'live' : labels.includes('Deleted') ? 'deleted' : 'merged';
  const kind = node.kind ?? kindOfLabel(labels.find((l) => kindOfLabel(l))!)!;
  if (state !== 'merged') return { node, state, kind };
  // Where it lives now, its merges followed as its page's redirect follows them.
  const survivor = await followMerges(id, async (current) => (await run(mergedIntoQuery, { id: current }))[0]?.survivor);
  return { node, state, kind, ...(survivor ? { survivor } : {}) };
}

/** A node's state read after its lock was taken, so that it cannot change before the transaction ends. */
export async function lockedState(run: Run, id: string): Promise<NodeState | undefined> {
  await lockNodes(run, [id]);
  return nodeAnyState(run, id);
}

async function checkSources(run: Run, ids: string[] | undefined) {
  for (const sid of ids ?? []) {
    const found = await nodeAnyState(run, sid);
    if (!found || found.state !== 'live' || found.kind !== 'source') throw invalidInput('sources', `no source with id "${sid}"`);
  }
}

function schemaFor(kind: string): z.ZodType {
  const schema = (KIND_SCHEMAS as Record<string, z.ZodType>)[kind];
  if (!schema) throw invalidInput('kind', `must be one of ${WRITABLE_KINDS.join(', ')}`);
  return schema;
}

/** Creates a node of any writable kind, validated with the seed schema, with provenance and history. */
export async function createNode(db: Database, by: Actor, kind: string, body: Record<string, unknown>, changeId = newChangeId()) {
  newRecord(kind, body); // refused before a transaction is opened
  return recordedWrite(db, changeId, (run) => createNodeIn(run, by, kind, body, changeId));
}

function newRecord(kind: string, body: Record<string, unknown>) {
  if (FIXED_KINDS.includes(kind as Kind)) throw invalidInput('kind', `the set of ${kind}s is fixed by its framework; edit one instead`);
  const parsed = schemaFor(kind).safeParse(body);
  if (!parsed.success) throw zodProblem(parsed.error, kind);
  return parsed.data as Record<string, unknown> & { id: string; sources?: string[] };
}

/** createNode inside a transaction the caller holds, so that several writes commit or fail together. */
export async function createNodeIn(run: Run, by: Actor, kind: string, body: Record<string, unknown>, changeId = newChangeId()) {
  const record = newRecord(kind, body);
  if (await nodeAnyState(run, record.id)) throw new DomainError('conflict', `The id "${record.id}" is already taken.`, { field: 'id' });
  await checkSources(run, record.sources);
  const now = new Date().toISOString();
  const props = compact({
    ...nodeProperties(record),
    id: record.id,
    kind,
    version: 1,
    createdAt: now,
    createdBy: by.name,
    updatedAt: now,
    updatedBy: by.name,
  });
  await run(createNodeQuery, { id: record.id, label: KINDS[kind as Kind], props, sources: record.sources ?? [] });
  await history(
    run,
    changeId,
    by,
    'create',
    record.id,
    [record.id],
    undefined,
    snapshot(props),
    `created the ${kindLabel(kind)} ${typeof props.name === 'string' ? props.name : typeof props.title === 'string' ? props.title : record.id}`,
  );
  return { id: record.id, kind, version: 1 };
}

/** Applies a partial edit when `version` is still current; otherwise 409. */
export async function updateNode(
  db: Database,
  by: Actor,
  id: string,
  version: number,
  patch: Record<string, unknown>,
  changeId = newChangeId(),
  revertOf?: string,
) {
  return recordedWrite(db, changeId, (run) => updateNodeIn(run, by, id, version, patch, changeId, revertOf));
}

/** updateNode inside a transaction the caller holds. */
export async function updateNodeIn(
  run: Run,
  by: Actor,
  id: string,
  version: number,
  patch: Record<string, unknown>,
  changeId = newChangeId(),
  revertOf?: string,
) {
  const state = await lockedState(run, id);
  if (state?.kind === 'target') throw invalidInput('kind', 'targets are official UN texts and are not edited here');
  const { node, kind } = checkVersion(id, state, version);
  const current = node.version ?? 0;
  if ('id' in patch && patch.id !== id) throw invalidInput('id', 'cannot be changed; merge the node into another instead');
  const merged = Object.fromEntries(Object.entries({ ...recordOf(kind, node), ...patch }).filter(([, v]) => v !== null));
  const parsed = schemaFor(kind).safeParse(merged);
  if (!parsed.success) throw zodProblem(parsed.error, kind);
  const record = parsed.data as Record<string, unknown> & { sources?: string[]; targets?: unknown };
  delete record.targets;
  await checkSources(run, record.sources);
  const now = new Date().toISOString();
  const keep = Object.fromEntries(
    ['createdAt', 'createdBy', 'goal', 'code', 'text'].filter((k) => node[k] !== undefined).map((k) => [k, node[k]]),
  );
  const props = compact({ ...keep, ...nodeProperties(record), id, kind, version: current + 1, updatedAt: now, updatedBy: by.name });
  const rows = await run(updateNodeQuery, { id, version: current, props, sources: record.sources ?? [] });
  if (!rows.length) throw conflict(id, current + 1, version);
  const before = snapshot(node);
  const after = snapshot(props);
  const fields = changedFields(before, after);
  const summary = fields.length ? `edited ${fields.join(', ')}` : 'saved without changing a field';
  await history(run, changeId, by, 'update', id, [id], before, after, summary, revertOf);
  return { id, kind, version: current + 1 };
}

/** Soft delete: the node leaves the public graph but keeps its links and history, and can be restored. */
export async function deleteNode(db: Database, by: Actor, id: string, version: number, changeId = newChangeId(), revertOf?: string) {
  return recordedWrite(db, changeId, async (run) => {
    const state = await lockedState(run, id);
    if (state && FIXED_KINDS.includes(state.kind))
      throw invalidInput('kind', `${withArticle(state.kind)} belongs to a fixed framework and cannot be deleted`);
    const found = checkVersion(id, state, version);
    const current = found.node.version ?? 0;
    const [row] = await run(softDeleteNodeQuery, {
      id,
      version: current,
      label: KINDS[found.kind],
      at: new Date().toISOString(),
      by: by.name,
    });
    if (!row) throw conflict(id, current + 1, version);
    await history(run, changeId, by, 'delete', id, [id], { state: 'live' }, { state: 'deleted' }, `deleted ${found.kind} ${id}`, revertOf);
    return { id, kind: found.kind, version: row.version, deleted: true };
  });
}

/** Brings a soft-deleted node back when `version` (the one its delete answered) is still current. */
export async function restoreNode(db: Database, by: Actor, id: string, version: number, changeId = newChangeId(), revertOf?: string) {
  return recordedWrite(db, changeId, async (run) => {
    const found = checkVersion(id, await lockedState(run, id), version, 'deleted');
    const [row] = await run(restoreNodeQuery, { id, label: KINDS[found.kind], at: new Date().toISOString(), by: by.name });
    await history(
      run,
      changeId,
      by,
      'restore',
      id,
      [id],
      { state: 'deleted' },
      { state: 'live' },
      `restored ${found.kind} ${id}`,
      revertOf,
    );
    return { id, kind: found.kind, version: row!.version, deleted: false };
  });
}

const version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** The versions of a link's ends the client read; when given, a link change after either changed is refused. */
const endVersions = { fromVersion: version.optional(), toVersion: version.optional() };

/** A link's note: a sentence or two of free text. */
export const linkNote = text.refine((t) => t.length <= 1000, 'must be at most 1,000 characters');

export const linkSchema = z.strictObject({
  from: z.string().regex(SLUG, 'must be a node id'),
  type: z.enum(RELATIONSHIP_TYPES as [string, ...string[]]),
  to: z.string().regex(SLUG, 'must be a node id'),
  sources: z.array(z.string().regex(SLUG, 'must be a source id')).max(20).default([]),
  basis: z.enum(['stated', 'curated']).default('stated'),
  note: linkNote.optional(),
  ...endVersions,
});
export type LinkInput = z.infer<typeof linkSchema>;

export const linkKeySchema = z.strictObject({
  from: z.string().regex(SLUG, 'must be a node id'),
  type: z.enum(RELATIONSHIP_TYPES as [string, ...string[]]),
  to: z.string().regex(SLUG, 'must be a node id'),
  ...endVersions,
});
export type LinkKey = z.infer<typeof linkKeySchema>;

/** Locks both ends of a link, then checks that they are live and, when given, still at the versions the client read. */
async function linkEnds(run: Run, input: LinkKey) {
  await lockNodes(run, [input.from, input.to]);
  const from = checkVersion(input.from, await nodeAnyState(run, input.from), input.fromVersion);
  const to = checkVersion(input.to, await nodeAnyState(run, input.to), input.toVersion);
  return { from, to };
}

/** Adds (or replaces) a relationship; a link without a source is kept as unverified. */
export async function addLink(db: Database, by: Actor, input: LinkInput, changeId = newChangeId(), revertOf?: string) {
  return recordedWrite(db, changeId, (run) => addLinkIn(run, by, input, changeId, revertOf));
}

/** addLink inside a transaction the caller holds; both ends' versions go up. */
export async function addLinkIn(run: Run, by: Actor, input: LinkInput, changeId = newChangeId(), revertOf?: string) {
  const { fromVersion: _f, toVersion: _t, ...link } = input;
  const { from, to } = await linkEnds(run, input);
  if (!relationshipAllowed(link.type, from.kind, to.kind))
    throw invalidInput('type', `${link.type} may not join ${withArticle(from.kind)} to ${withArticle(to.kind)}`);
  await checkSources(run, link.sources);
  const [existing] = await run(getLinkQuery, link);
  const props = compact({
    sources: link.sources,
    basis: link.sources.length ? link.basis : 'unverified',
    note: link.note,
    addedAt: new Date().toISOString(),
    addedBy: by.name,
  });
  await run(mergeLinkQuery, { from: link.from, to: link.to, type: link.type, props });
  const versions = await bumpVersions(run, [link.from, link.to]);
  await history(
    run,
    changeId,
    by,
    existing ? 'update-link' : 'add-link',
    link.from,
    [link.from, link.to],
    existing ? { ...link, props: existing.props } : undefined,
    { ...link, props },
    `${existing ? 'changed the link' : 'linked'}: ${from.node.name} ${relationshipLabel(link.type)} ${to.node.name}`,
    revertOf,
  );
  return {
    ...link,
    ...props,
    unverified: props.basis === 'unverified',
    change: changeId,
    fromVersion: versions[link.from],
    toVersion: versions[link.to],
  };
}

/** Removes a relationship; both ends' versions go up. */
export async function removeLink(db: Database, by: Actor, input: LinkKey, changeId = newChangeId(), revertOf?: string) {
  const { fromVersion: _f, toVersion: _t, ...link } = input;
  return recordedWrite(db, changeId, async (run) => {
    const ends = await linkEnds(run, input);
    const [row] = await run(deleteLinkQuery, link);
    if (!row) throw notFound('link', `${link.from} ${link.type} ${link.to}`);
    const versions = await bumpVersions(run, [link.from, link.to]);
    await history(
      run,
      changeId,
      by,
      'remove-link',
      link.from,
      [link.from, link.to],
      { ...link, props: row.props },
      undefined,
      `unlinked: ${ends.from.node.name} ${relationshipLabel(link.type)} ${ends.to.node.name}`,
      revertOf,
    );
    return { ...link, removed: true, fromVersion: versions[link.from], toVersion: versions[link.to] };
  });
}

/** A stored value as a curator reads it: lists joined, times to the minute, nothing shown as a dash. */
export function readable(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(readable).join(', ') : '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return `${value.slice(0, 16).replace('T', ' ')} UTC`;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** One changed field of an edit: its label and its values before and after, readable. */
export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The fields an edit (or the revert of one) changed, from its recorded before and after. */
export function fieldChanges(action: string, effect: string | undefined, before: unknown, after: unknown): FieldChange[] {
  if ((action !== 'update' && effect !== 'update') || !isRecord(before) || !isRecord(after)) return [];
  return changedFields(before, after).map((field) => ({
    field,
    label: fieldLabel(field),
    before: readable(before[field]),
    after: readable(after[field]),
  }));
}

export async function nodeHistory(db: Database, id: string, limit = 100) {
  const rows = await db.read(nodeHistoryQuery, { id, limit });
  // A change a later revert undid says so, and offers no second undo.
  const undoneBy = new Map<string, string>();
  for (const r of rows) if (r.change.revertOf) undoneBy.set(r.change.revertOf, r.change.id);
  return rows.map((r) => {
    const { result: _result, ...c } = r.change;
    const before = readStored(c.before);
    const after = readStored(c.after);
    return { ...c, before, after, undoneBy: undoneBy.get(c.id), fields: fieldChanges(c.action, c.effect, before, after) };
  });
}

/** Undoes one change with a new change of its own, so the history keeps both. */
export async function revertChange(db: Database, by: Actor, changeId: string) {
  const [row] = await db.read(getChangeQuery, { id: changeId });
  if (!row) throw notFound('change', changeId);
  const c = row.change;
  const undo = newChangeId();
  // A revert is undone by what it did (its effect): reverting it again restores the state it replaced.
  const action = c.action === 'revert' ? (c.effect ?? '') : c.action;
  switch (action) {
    case 'create':
      return deleteNode(db, by, c.target, (await currentVersion(db, c.target)) ?? 0, undo, changeId);
    case 'delete':
      return restoreNode(db, by, c.target, (await currentVersion(db, c.target)) ?? 0, undo, changeId);
    case 'restore':
      return deleteNode(db, by, c.target, (await currentVersion(db, c.target)) ?? 0, undo, changeId);
    case 'update': {
      const before = storedAs(storedNode, c.before, changeId);
      const kind = before.kind;
      const record = recordOf(kind, before);
      delete record.id;
      const current = recordOf(kind, (await nodeAnyStateRead(db, c.target))?.node ?? {});
      // Fields the change added are cleared, so the node returns exactly to its earlier state.
      for (const k of Object.keys(current)) if (!(k in record) && k !== 'id') record[k] = null;
      return updateNode(db, by, c.target, (await currentVersion(db, c.target)) ?? 0, record, undo, changeId);
    }
    case 'add-link': {
      const after = storedAs(storedLink, c.after, changeId);
      return removeLink(db, by, { from: after.from, type: after.type, to: after.to }, undo, changeId);
    }
    case 'remove-link':
    case 'update-link': {
      const before = storedAs(storedLink, c.before, changeId);
      const { props } = before;
      return addLink(
        db,
        by,
        {
          from: before.from,
          to: before.to,
          type: before.type,
          sources: props.sources ?? [],
          basis: props.basis === 'curated' ? 'curated' : 'stated',
          note: props.note,
        },
        undo,
        changeId,
      );
    }
    default:
      throw invalidInput('change', `${withArticle(c.action)} cannot be reverted`);
  }
}

async function nodeAnyStateRead(db: Database, id: string) {
  return db.readTx((run) => nodeAnyState(run, id));
}

async function currentVersion(db: Database, id: string): Promise<number | undefined> {
  return (await nodeAnyStateRead(db, id))?.node.version;
}
