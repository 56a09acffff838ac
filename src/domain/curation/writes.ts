import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database, Run } from '../../data/database.js';
import { cypher } from '../../data/queries.js';
import { compact, nodeProperties } from '../../seed/load.js';
import { KIND_SCHEMAS } from '../../seed/schema.js';
import { CARD_PROPS, CARDLESS, changesShownFields, dropCards, withoutCard } from '../atlas/case-cards.js';
import { DomainError, invalidInput, notFound } from '../errors.js';
import { KINDS, kindOfLabel, relationshipAllowed, RELATIONSHIP_TYPES, SLUG, type Kind } from '../model.js';

export interface Actor {
  id: string;
  name: string;
}

/** Kinds whose set is fixed by the frameworks: their nodes can be corrected but not created or deleted. */
const FIXED_KINDS: Kind[] = ['pathway', 'goal', 'target'];
export type WritableKind = keyof typeof KIND_SCHEMAS;
export const WRITABLE_KINDS = Object.keys(KIND_SCHEMAS) as WritableKind[];

/** Properties the app maintains; a curator's record never sets them. */
const SYSTEM_PROPS = ['id', 'kind', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'sourceType', 'altNamesText', 'searchKey', 'sourceIds', ...CARD_PROPS];

const conflict = (id: string, current: number, given: number) =>
  new DomainError('conflict', `The ${id} you edited has changed since (version ${current}, your edit was based on ${given}): reload it and apply your change again.`, {
    id,
    currentVersion: current,
    yourVersion: given,
  });

function zodProblem(error: z.ZodError, kind: string): DomainError {
  const issue = error.issues[0]!;
  const field = issue.path.join('.') || '(body)';
  return invalidInput(field, `${issue.message} (for a ${kind})`, {
    errors: error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
  });
}

/** A stored node back in the shape of its seed record, so edits validate with the seed schema. */
function recordOf(kind: Kind, node: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (!SYSTEM_PROPS.includes(k) && !k.startsWith('deleted') && !k.startsWith('merged')) record[k] = v;
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
  const { altNamesText: _a, searchKey: _s, ...rest } = withoutCard(props);
  return rest;
}

/** A change's id, made before its transaction so that every attempt of that transaction shares it. */
export const newChangeId = () => `change-${randomUUID()}`;

/**
 * Runs a curation write whose history record is keyed by `changeId`. The driver runs the work again
 * when a commit's answer was lost (a dropped connection, a leader switch); finding the record then
 * means the earlier attempt was committed, and its result is answered instead of writing twice.
 */
export function recordedWrite<T>(db: Database, changeId: string, work: (run: Run) => Promise<T>): Promise<T> {
  return db.writeTx(async (run) => {
    const [done] = await run(cypher('curation/get-change-result'), { id: changeId });
    if (done) return JSON.parse(String(done.result ?? 'null')) as T;
    const result = await work(run);
    await run(cypher('curation/set-change-result'), { id: changeId, result: JSON.stringify(result) });
    return result;
  });
}

/**
 * Records a change on every node it touched and drops the case cards it may have made stale
 * (`cards`: see dropCards), in the change's transaction.
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
  cards: Parameters<typeof dropCards>[1],
) {
  await dropCards(run, cards);
  await run(cypher('curation/record-change'), {
    changeId,
    at: new Date().toISOString(),
    by: by.name,
    action,
    target,
    before: before === undefined ? null : JSON.stringify(before),
    after: after === undefined ? null : JSON.stringify(after),
    summary,
    nodeIds,
  });
  return changeId;
}

async function nodeAnyState(run: Run, id: string) {
  const [row] = await run(cypher('curation/get-node-any-state'), { id });
  if (!row) return undefined;
  const labels = row.labels as string[];
  const node = row.node as Record<string, unknown> & { kind: Kind; version?: number };
  const state = labels.includes('Entity') ? 'live' : labels.includes('Deleted') ? 'deleted' : 'merged';
  return { node, state, kind: node.kind ?? kindOfLabel(labels.find((l) => kindOfLabel(l))!)! };
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
  const props = compact({ ...nodeProperties(record), id: record.id, kind, version: 1, createdAt: now, createdBy: by.name, updatedAt: now, updatedBy: by.name });
  await run(cypher('curation/create-node'), { id: record.id, label: KINDS[kind as Kind], props, sources: record.sources ?? [] });
  await history(run, changeId, by, 'create', record.id, [record.id], undefined, snapshot(props), `created ${kind} ${record.id}`, {});
  return { id: record.id, kind, version: 1 };
}

/** Applies a partial edit when `version` is still current; otherwise 409. */
export async function updateNode(db: Database, by: Actor, id: string, version: number, patch: Record<string, unknown>, changeId = newChangeId()) {
  return recordedWrite(db, changeId, (run) => updateNodeIn(run, by, id, version, patch, changeId));
}

/** updateNode inside a transaction the caller holds. */
export async function updateNodeIn(run: Run, by: Actor, id: string, version: number, patch: Record<string, unknown>, changeId = newChangeId()) {
  const found = await nodeAnyState(run, id);
  if (!found || found.state !== 'live') throw notFound('node', id);
  const { node, kind } = found;
  if (kind === 'target') throw invalidInput('kind', 'targets are official UN texts and are not edited here');
  const current = (node.version as number | undefined) ?? 0;
  if (current !== version) throw conflict(id, current, version);
  if ('id' in patch && patch.id !== id) throw invalidInput('id', 'cannot be changed; merge the node into another instead');
  const merged = Object.fromEntries(Object.entries({ ...recordOf(kind, node), ...patch }).filter(([, v]) => v !== null));
  const parsed = schemaFor(kind).safeParse(merged);
  if (!parsed.success) throw zodProblem(parsed.error, kind);
  const record = parsed.data as Record<string, unknown> & { sources?: string[]; targets?: unknown };
  delete record.targets;
  await checkSources(run, record.sources);
  const now = new Date().toISOString();
  const keep = Object.fromEntries(['createdAt', 'createdBy', 'goal', 'code', 'text'].filter((k) => node[k] !== undefined).map((k) => [k, node[k]]));
  const props = compact({ ...keep, ...nodeProperties(record), id, kind, version: current + 1, updatedAt: now, updatedBy: by.name });
  const rows = await run(cypher('curation/update-node'), { id, version: current, props, sources: record.sources ?? [] });
  if (!rows.length) throw conflict(id, current + 1, version);
  await history(run, changeId, by, 'update', id, [id], snapshot(node), snapshot(props), `edited ${Object.keys(patch).join(', ')}`, {
    cases: [id],
    around: changesShownFields(node, props) ? [id] : [],
  });
  return { id, kind, version: current + 1 };
}

/** Soft delete: the node leaves the public graph but keeps its links and history, and can be restored. */
export async function deleteNode(db: Database, by: Actor, id: string, version: number, changeId = newChangeId()) {
  return recordedWrite(db, changeId, async (run) => {
    const found = await nodeAnyState(run, id);
    if (!found || found.state !== 'live') throw notFound('node', id);
    if (FIXED_KINDS.includes(found.kind)) throw invalidInput('kind', `a ${found.kind} belongs to a fixed framework and cannot be deleted`);
    const current = (found.node.version as number | undefined) ?? 0;
    if (current !== version) throw conflict(id, current, version);
    const [row] = await run(cypher('curation/soft-delete-node'), { id, version: current, label: KINDS[found.kind], at: new Date().toISOString(), by: by.name, cardless: CARDLESS });
    if (!row) throw conflict(id, current + 1, version);
    await history(run, changeId, by, 'delete', id, [id], { state: 'live' }, { state: 'deleted' }, `deleted ${found.kind} ${id}`, { cases: [id], around: [id] });
    return { id, kind: found.kind, version: row.version as number, deleted: true };
  });
}

export async function restoreNode(db: Database, by: Actor, id: string, changeId = newChangeId()) {
  return recordedWrite(db, changeId, async (run) => {
    const found = await nodeAnyState(run, id);
    if (!found || found.state !== 'deleted') throw notFound('deleted node', id);
    const [row] = await run(cypher('curation/restore-node'), { id, label: KINDS[found.kind], at: new Date().toISOString(), by: by.name });
    await history(run, changeId, by, 'restore', id, [id], { state: 'deleted' }, { state: 'live' }, `restored ${found.kind} ${id}`, { cases: [id], around: [id] });
    return { id, kind: found.kind, version: row!.version as number, deleted: false };
  });
}

export const linkSchema = z.strictObject({
  from: z.string().regex(SLUG, 'must be a node id'),
  type: z.enum(RELATIONSHIP_TYPES as [string, ...string[]]),
  to: z.string().regex(SLUG, 'must be a node id'),
  sources: z.array(z.string().regex(SLUG, 'must be a source id')).max(20).default([]),
  basis: z.enum(['stated', 'curated']).default('stated'),
  note: z.string().trim().min(1).max(1000).optional(),
});
export type LinkInput = z.infer<typeof linkSchema>;

/** Adds (or replaces) a relationship; a link without a source is kept as unverified. */
export async function addLink(db: Database, by: Actor, input: LinkInput, changeId = newChangeId()) {
  return recordedWrite(db, changeId, (run) => addLinkIn(run, by, input, changeId));
}

/** addLink inside a transaction the caller holds. */
export async function addLinkIn(run: Run, by: Actor, input: LinkInput, changeId = newChangeId()) {
  const from = await nodeAnyState(run, input.from);
  const to = await nodeAnyState(run, input.to);
  if (!from || from.state !== 'live') throw notFound('node', input.from);
  if (!to || to.state !== 'live') throw notFound('node', input.to);
  if (!relationshipAllowed(input.type, from.kind, to.kind)) throw invalidInput('type', `${input.type} may not join a ${from.kind} to a ${to.kind}`);
  await checkSources(run, input.sources);
  const [existing] = await run(cypher('curation/get-link'), input);
  const props = compact({
    sources: input.sources,
    basis: input.sources.length ? input.basis : 'unverified',
    note: input.note,
    addedAt: new Date().toISOString(),
    addedBy: by.name,
  });
  await run(cypher('curation/merge-link'), { from: input.from, to: input.to, type: input.type, props });
  await history(run, changeId, by, existing ? 'update-link' : 'add-link', input.from, [input.from, input.to], existing ? { ...input, props: existing.props } : undefined, { ...input, props }, `${input.from} ${input.type} ${input.to}`, { cases: [input.from, input.to] });
  return { ...input, ...props, unverified: props.basis === 'unverified', change: changeId };
}

export async function removeLink(db: Database, by: Actor, input: { from: string; type: string; to: string }, changeId = newChangeId()) {
  return recordedWrite(db, changeId, async (run) => {
    const [row] = await run(cypher('curation/delete-link'), input);
    if (!row) throw notFound('link', `${input.from} ${input.type} ${input.to}`);
    await history(run, changeId, by, 'remove-link', input.from, [input.from, input.to], { ...input, props: row.props }, undefined, `removed ${input.from} ${input.type} ${input.to}`, { cases: [input.from, input.to] });
    return { ...input, removed: true };
  });
}

export async function nodeHistory(db: Database, id: string, limit = 100) {
  const rows = await db.read(cypher('curation/node-history'), { id, limit });
  return rows.map((r) => {
    const { result: _result, ...c } = r.change as Record<string, unknown>;
    return { ...c, before: c.before ? JSON.parse(String(c.before)) : null, after: c.after ? JSON.parse(String(c.after)) : null };
  });
}

/** Undoes one change with a new change of its own, so the history keeps both. */
export async function revertChange(db: Database, by: Actor, changeId: string) {
  const [row] = await db.read(cypher('curation/get-change'), { id: changeId });
  if (!row) throw notFound('change', changeId);
  const c = row.change as { action: string; target: string; before: string | null; after: string | null };
  const before = c.before ? JSON.parse(c.before) : null;
  const after = c.after ? JSON.parse(c.after) : null;
  switch (c.action) {
    case 'create':
      return deleteNode(db, by, c.target, (await currentVersion(db, c.target)) ?? 0);
    case 'delete':
      return restoreNode(db, by, c.target);
    case 'restore':
      return deleteNode(db, by, c.target, (await currentVersion(db, c.target)) ?? 0);
    case 'update': {
      const kind = before.kind as Kind;
      const record = recordOf(kind, before);
      delete record.id;
      const current = recordOf(kind, (await nodeAnyStateRead(db, c.target))?.node ?? {});
      // Fields the change added are cleared, so the node returns exactly to its earlier state.
      for (const k of Object.keys(current)) if (!(k in record) && k !== 'id') record[k] = null;
      return updateNode(db, by, c.target, (await currentVersion(db, c.target)) ?? 0, record);
    }
    case 'add-link':
      return removeLink(db, by, after);
    case 'remove-link':
    case 'update-link': {
      const props = before.props as { sources?: string[]; basis?: string; note?: string };
      return addLink(db, by, {
        from: before.from,
        to: before.to,
        type: before.type,
        sources: props.sources ?? [],
        basis: props.basis === 'curated' ? 'curated' : 'stated',
        note: props.note,
      });
    }
    default:
      throw invalidInput('change', `a ${c.action} cannot be reverted`);
  }
}

async function nodeAnyStateRead(db: Database, id: string) {
  return db.readTx((run) => nodeAnyState(run, id));
}

async function currentVersion(db: Database, id: string): Promise<number | undefined> {
  return (await nodeAnyStateRead(db, id))?.node.version as number | undefined;
}
