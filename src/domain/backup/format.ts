import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../errors.js';
import { propsToJson } from '../exchange/formats/json.js';
import type { ExGraph, ExNode, ExRel } from '../exchange/types.js';
import { jsonValueSchema, type Props, type Value } from '../exchange/values.js';
import { inBackupOrder } from './read.js';

/**
 * A backup is the whole graph in the exchange's JSON shapes (nodes with every label and typed
 * property, relationships with theirs), one record a line, with the counts and a SHA-256 of the
 * records at the end. Accounts and tokens (password and token hashes) are in it unless left out;
 * the review queue (:IngestBatch) only when asked for.
 */
export const BACKUP_FORMAT = 'pathway-atlas-backup';
export const BACKUP_VERSION = 1;

/** Labels a restore never writes: the schema's bookkeeping (made by the migration) and its own working labels. */
export const NEVER_RESTORED = [
  'SchemaMigration',
  'RestoreBatch',
  'RestoreStaged',
  'RestoreMarker',
  'RestorePromoted',
  'ChangeFeed',
  'GraphChange',
] as const;
export const ACCOUNT_LABELS = ['Account', 'ApiToken'] as const;
export const REVIEW_QUEUE_LABELS = ['IngestBatch'] as const;
/** Where a staged node keeps its labels and its restore's run id until the switch (see graph/queries/backup/stage-nodes). */
export const STAGED_PROPERTIES = ['_atlasRestoreLabels', '_atlasRestoreRun'] as const;

export interface BackupMeta {
  createdAt: string;
  /** Whether accounts and tokens are in the file (and are replaced by a restore). */
  accounts: boolean;
  /** Whether the review queue is in the file (and is replaced by a restore). */
  reviewQueue: boolean;
}

export interface Backup {
  meta: BackupMeta;
  graph: ExGraph;
  /** The content digest of the graph as a backup of the restored database would have it (the file's own when it was made by backup). */
  contentSha256: string;
}

/** A backup that cannot be restored; nothing has been changed. */
export class BackupError extends DomainError {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    const shown = problems.slice(0, 20);
    const more = problems.length > shown.length ? `\n- … and ${problems.length - shown.length} more` : '';
    super('invalid-input', shown.length ? `${message}\n- ${shown.join('\n- ')}${more}` : message, { problems: problems.slice(0, 1000) });
  }
}

const nodeLine = (n: ExNode) => JSON.stringify({ id: n.key, labels: n.labels, properties: propsToJson(n.props) });
const relLine = (r: ExRel) => JSON.stringify({ type: r.type, from: r.from, to: r.to, properties: propsToJson(r.props) });

/** SHA-256 of the records as the file writes them, one a line: equal digests, equal graphs. */
export function contentDigest(graph: ExGraph): string {
  const hash = createHash('sha256');
  for (const n of graph.nodes) hash.update(`${nodeLine(n)}\n`);
  for (const r of graph.relationships) hash.update(`${relLine(r)}\n`);
  return hash.digest('hex');
}

/** The backup document as text in pieces, so a large graph is never one huge string. */
export function* backupText(graph: ExGraph, meta: BackupMeta): Generator<string> {
  const content = createHash('sha256');
  const head = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: meta.createdAt,
    accounts: meta.accounts,
    reviewQueue: meta.reviewQueue,
    ...(meta.accounts ? { sensitive: 'holds password and token hashes of the accounts: keep it as private as the database' } : {}),
  };
  yield `${JSON.stringify(head).slice(0, -1)},\n"nodes": [\n`;
  let first = true;
  for (const n of graph.nodes) {
    const line = nodeLine(n);
    content.update(`${line}\n`);
    yield `${first ? '' : ',\n'}${line}`;
    first = false;
  }
  yield '\n],\n"relationships": [\n';
  first = true;
  for (const r of graph.relationships) {
    const line = relLine(r);
    content.update(`${line}\n`);
    yield `${first ? '' : ',\n'}${line}`;
    first = false;
  }
  const counts = { nodes: graph.nodes.length, relationships: graph.relationships.length };
  yield `\n],\n"counts": ${JSON.stringify(counts)},\n"contentSha256": "${content.digest('hex')}"\n}\n`;
}

const properties = z.record(z.string().min(1, 'a property name must not be empty'), jsonValueSchema).default({});

const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT, `must be "${BACKUP_FORMAT}"`),
  version: z.literal(BACKUP_VERSION, `must be ${BACKUP_VERSION}`),
  createdAt: z.string(),
  accounts: z.boolean(),
  // Files made before the field existed held the review queue.
  reviewQueue: z.boolean().default(true),
  sensitive: z.string().optional(),
  nodes: z.array(
    z.strictObject({ id: z.string().min(1, 'must not be empty'), labels: z.array(z.string().min(1, 'must not be empty')), properties }),
  ),
  relationships: z.array(
    z.strictObject({
      type: z.string().min(1, 'must not be empty'),
      from: z.string().min(1, 'must not be empty'),
      to: z.string().min(1, 'must not be empty'),
      properties,
    }),
  ),
  counts: z.strictObject({ nodes: z.number().int().min(0), relationships: z.number().int().min(0) }),
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hexadecimal digits'),
});

function where(raw: unknown, path: PropertyKey[]): string {
  const [list, index, field, key] = path;
  if (typeof list !== 'string') return 'the document';
  if (typeof index !== 'number') return `field "${list}"`;
  const record = ((raw as Record<string, unknown[]>)[list]?.[index] ?? {}) as Record<string, unknown>;
  const name = list === 'nodes' ? String(record.id) : `${String(record.from)} ${String(record.type)} ${String(record.to)}`;
  const at = `${list}[${index}] (${name})`;
  if (field === 'properties' && key !== undefined) return `${at} property "${String(key)}"`;
  return field !== undefined ? `${at} field "${String(field)}"` : at;
}

const dropNulls = (props: Record<string, Value | null>): Props =>
  Object.fromEntries(Object.entries(props).filter((e): e is [string, Value] => e[1] !== null));

/**
 * Reads and checks a whole backup document before anything is written: its shape and every value,
 * unique node keys, both ends of every relationship, the counts and the content digest.
 */
export function parseBackup(text: string, file = 'the backup'): Backup {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new BackupError(`${file} is not valid JSON (${(err as Error).message}); nothing was restored.`);
  }
  const parsed = backupSchema.safeParse(raw);
  if (!parsed.success) {
    throw new BackupError(
      `${file} is not a backup this version can restore; nothing was restored:`,
      parsed.error.issues.map((i) => `${where(raw, i.path)}: ${i.message}`),
    );
  }
  const doc = parsed.data;
  const problems: string[] = [];
  const keys = new Set<string>();
  const refused = new Set<string>([
    ...NEVER_RESTORED,
    ...(doc.accounts ? [] : ACCOUNT_LABELS),
    ...(doc.reviewQueue ? [] : REVIEW_QUEUE_LABELS),
  ]);
  const leftOut = (l: string) =>
    (ACCOUNT_LABELS as readonly string[]).includes(l)
      ? ' from a backup made without accounts'
      : (REVIEW_QUEUE_LABELS as readonly string[]).includes(l)
        ? ' from a backup made without the review queue'
        : '';
  const nodes: ExNode[] = doc.nodes.map((n, i) => {
    if (keys.has(n.id)) problems.push(`nodes[${i}] (${n.id}): the id is used by an earlier node`);
    keys.add(n.id);
    for (const l of n.labels.filter((l) => refused.has(l))) {
      problems.push(`nodes[${i}] (${n.id}): label "${l}" is not restored${leftOut(l)}`);
    }
    for (const p of STAGED_PROPERTIES.filter((p) => p in n.properties))
      problems.push(`nodes[${i}] (${n.id}): property "${p}" is reserved for the restore itself`);
    return { key: n.id, labels: n.labels, props: dropNulls(n.properties) };
  });
  const relationships: ExRel[] = doc.relationships.map((r, i) => {
    for (const end of [r.from, r.to])
      if (!keys.has(end)) problems.push(`relationships[${i}] (${r.from} ${r.type} ${r.to}): no node "${end}" in the backup`);
    return { type: r.type, from: r.from, to: r.to, props: dropNulls(r.properties) };
  });
  if (doc.counts.nodes !== nodes.length || doc.counts.relationships !== relationships.length) {
    problems.push(
      `the counts say ${doc.counts.nodes} nodes and ${doc.counts.relationships} relationships, the file holds ${nodes.length} and ${relationships.length}`,
    );
  }
  if (problems.length) throw new BackupError(`${file} cannot be restored; nothing was restored:`, problems);
  const graph = { nodes, relationships };
  if (contentDigest(graph) !== doc.contentSha256) {
    throw new BackupError(
      `${file}: its records do not match the content digest written with them (the file was edited or cut short); nothing was restored.`,
    );
  }
  // What a restore must read back: the same records in the order (and label and property order) a backup of the graph has.
  const expected = contentDigest(
    inBackupOrder({ nodes: nodes.map((n) => ({ ...n, labels: [...n.labels] })), relationships: [...relationships] }),
  );
  return { meta: { createdAt: doc.createdAt, accounts: doc.accounts, reviewQueue: doc.reviewQueue }, graph, contentSha256: expected };
}
