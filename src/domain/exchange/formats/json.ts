import { z } from 'zod';
import { ImportError } from '../errors.js';
import type { ExGraph, ImportSet, InNode, InRel } from '../types.js';
import { jsonValueSchema, toJson, type Props, type Value } from '../values.js';

/**
 * The atlas's own format: every node with all its labels and properties, every relationship with
 * its properties, value types kept (see values.ts); it imports back losslessly.
 */
export const JSON_FORMAT = 'pathway-atlas';
export const JSON_VERSION = 1;

export function propsToJson(props: Props): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, toJson(v)]));
}

export function toJsonDocument(graph: ExGraph, meta: { exportedAt: string; filters?: Record<string, unknown> }) {
  return {
    format: JSON_FORMAT,
    version: JSON_VERSION,
    exportedAt: meta.exportedAt,
    ...(meta.filters && Object.keys(meta.filters).length ? { filters: meta.filters } : {}),
    nodes: graph.nodes.map((n) => ({ id: n.key, labels: n.labels, properties: propsToJson(n.props) })),
    relationships: graph.relationships.map((r) => ({ type: r.type, from: r.from, to: r.to, properties: propsToJson(r.props) })),
  };
}

const properties = z.record(z.string(), jsonValueSchema).default({});

export const jsonDocumentSchema = z.strictObject({
  format: z.literal(JSON_FORMAT, `must be "${JSON_FORMAT}"`),
  version: z.literal(JSON_VERSION, `must be ${JSON_VERSION}`),
  exportedAt: z.string().optional(),
  filters: z.record(z.string(), z.unknown()).optional(),
  nodes: z
    .array(
      z.strictObject({
        id: z.string().min(1, 'must not be empty'),
        labels: z.array(z.string()).min(1, 'must name at least one label'),
        properties,
      }),
    )
    .default([]),
  relationships: z
    .array(
      z.strictObject({
        type: z.string().min(1, 'must not be empty'),
        from: z.string().min(1, 'must not be empty'),
        to: z.string().min(1, 'must not be empty'),
        properties,
      }),
    )
    .default([]),
});

/** A value from the document as it stands (not yet validated, so it may be of any type), as text for a message. */
const asText = (v: unknown): string => String(v);

function describe(raw: unknown, path: PropertyKey[]): string {
  const [list, index, field, key] = path;
  if (typeof list !== 'string') return 'the document';
  if (typeof index !== 'number') return `field "${list}"`;
  const record = ((raw as Record<string, unknown[]>)[list]?.[index] ?? {}) as Record<string, unknown>;
  const name =
    list === 'nodes' ? record.id : record.from ? `${asText(record.from)} ${asText(record.type)} ${asText(record.to)}` : undefined;
  const where = `${list}[${index}]${name !== undefined ? ` (${asText(name)})` : ''}`;
  if (field === 'properties' && key !== undefined) return `${where} property "${String(key)}"`;
  return field !== undefined ? `${where} field "${String(field)}"` : where;
}

const dropNulls = (props: Record<string, Value | null>): Props =>
  Object.fromEntries(Object.entries(props).filter((e): e is [string, Value] => e[1] !== null));

/** Reads an export document (text or already-parsed JSON) into an import set, naming each bad record. */
export function readJsonDocument(input: unknown, file = 'the JSON document'): ImportSet {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new ImportError([`${file}: not valid JSON (${(err as Error).message})`]);
    }
  }
  const parsed = jsonDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ImportError(parsed.error.issues.map((i) => `${file}: ${describe(raw, i.path)}: ${i.message}`));
  }
  const nodes: InNode[] = parsed.data.nodes.map((n, i) => ({
    key: n.id,
    labels: n.labels,
    props: dropNulls(n.properties),
    where: `${file}: nodes[${i}] (${n.id})`,
  }));
  const relationships: InRel[] = parsed.data.relationships.map((r, i) => ({
    type: r.type,
    from: r.from,
    to: r.to,
    props: dropNulls(r.properties),
    where: `${file}: relationships[${i}] (${r.from} ${r.type} ${r.to})`,
  }));
  return { format: 'json', nodes, relationships };
}
