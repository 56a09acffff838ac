import { withArticle } from '../text.js';
import type { Database, Run } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { recordGraphChange } from '../../data/change-feed.js';
import { KINDS, relationshipAllowed } from '../model/kinds.js';
import { MAINTAINED_PROPERTIES, MODEL_TYPES, PRIVATE_LABELS, RECORD_LABELS, isBlank, kindOf } from './content.js';
import { ImportError } from './errors.js';
import { readCsv } from './formats/csv.js';
import { readJsonDocument } from './formats/json.js';
import { readYaml } from './formats/yaml.js';
import {
  blankRecords,
  canonicalTemporals as canonicalTemporalsQuery,
  createNodes,
  findRelationships,
  mergeRelationships,
  nodesById,
  recordsById,
  updateNodes,
  type NodeOut,
} from './queries.js';
import { contentSignature, graphNode, propsOf, type GraphNode } from './read.js';
import { relKey, type ImportSet, type InNode, type InRel } from './types.js';
import { checkImportSet } from './validate.js';
import { elementType, isList, isTemporal, toJson, toWire, valueKey, type Props } from './values.js';

const idsOfRefs = defineQuery<{ refs: string[] }, { id: string }>('exchange/ids-of-refs');

export type ImportInput =
  | { format: 'json'; text: unknown; name?: string }
  | { format: 'csv'; bytes: Uint8Array; name?: string }
  | { format: 'yaml'; text: string; name?: string }
  | { format: 'yaml'; dir: string };

export interface PropertyChange {
  before: unknown;
  after: unknown;
}
export interface NodeChange {
  id: string;
  labels?: { before: string[]; after: string[] };
  properties: Record<string, PropertyChange>;
}
export interface RelationshipChange {
  from: string;
  type: string;
  to: string;
  properties: Record<string, PropertyChange>;
}
interface Counts {
  created: number;
  changed: number;
  unchanged: number;
}
export interface ImportReport {
  dryRun: boolean;
  format: ImportSet['format'];
  nodes: Counts;
  relationships: Counts;
  created: { nodes: string[]; relationships: string[] };
  changed: { nodes: NodeChange[]; relationships: RelationshipChange[] };
}

interface Plan {
  report: ImportReport;
  create: InNode[];
  update: { ref: string; node: InNode; removeLabels: string[] }[];
  merge: InRel[];
  /** Where each key of the file or of its relationships already is in the graph. */
  refs: Map<string, string>;
}

const BATCH = 1000;
function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

function propertyChanges(before: Props, after: Props): Record<string, PropertyChange> {
  const changes: Record<string, PropertyChange> = {};
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const b = before[key];
    const a = after[key];
    if (b && a && valueKey(b) === valueKey(a)) continue;
    changes[key] = { before: b ? toJson(b) : null, after: a ? toJson(a) : null };
  }
  return changes;
}

const sameLabels = (a: string[], b: string[]) => [...a].sort().join(':') === [...b].sort().join(':');
const describeNode = (g: GraphNode) => {
  const kind = kindOf(g.labels);
  return kind ? withArticle(KINDS[kind]) : `a ${g.labels.join(':')} record`;
};

const emptyReport = (set: ImportSet, dryRun: boolean): ImportReport => ({
  dryRun,
  format: set.format,
  nodes: { created: 0, changed: 0, unchanged: 0 },
  relationships: { created: 0, changed: 0, unchanged: 0 },
  created: { nodes: [], relationships: [] },
  changed: { nodes: [], relationships: [] },
});

/** The graph's side of every key the file names, as a node or as the end of a relationship. */
async function lookUp(run: Run, set: ImportSet): Promise<Map<string, GraphNode>> {
  const privateLabels = [...PRIVATE_LABELS];
  const recordLabels = [...RECORD_LABELS];
  const named = [...new Set([...set.nodes.map((n) => n.key), ...set.relationships.flatMap((r) => [r.from, r.to])])].filter(
    (k) => !isBlank(k),
  );
  const inGraph = new Map<string, GraphNode>();
  const add = (row: NodeOut) => {
    const g = graphNode(row);
    inGraph.set(g.key, g);
  };
  for (const ids of chunks(named)) for (const row of await run(nodesById, { ids, privateLabels })) add(row);
  const records = named.filter((k) => !inGraph.has(k));
  if (records.length) for (const row of await run(recordsById, { ids: records, recordLabels, privateLabels })) add(row);

  // nodes without an id are the same node when their labels and every property are the same
  const blanks = set.nodes.filter((n) => isBlank(n.key));
  if (blanks.length) {
    const bySignature = new Map<string, GraphNode[]>();
    for (const row of await run(blankRecords, { recordLabels, privateLabels })) {
      const g = graphNode(row);
      const sig = contentSignature(g);
      bySignature.set(sig, [...(bySignature.get(sig) ?? []), g]);
    }
    for (const n of blanks) {
      const match = bySignature.get(contentSignature(n))?.shift();
      if (match) inGraph.set(n.key, match);
    }
  }
  return inGraph;
}

/** The node as it will be written: a seed record keeps the app's own properties, and a change raises the version. */
function nodeToWrite(set: ImportSet, n: InNode, g: GraphNode): InNode {
  if (set.format !== 'yaml') return n;
  const props = { ...n.props };
  for (const key of MAINTAINED_PROPERTIES) if (g.props[key] && !props[key]) props[key] = g.props[key];
  const version = g.props.version;
  if (version?.type === 'int' && Object.keys(propertyChanges(g.props, props)).length) {
    // so that a curator's form opened before the import is refused instead of overwriting it
    props.version = { type: 'int', value: String(BigInt(version.value as string) + 1n) };
  }
  return { ...n, props };
}

function planNodes(set: ImportSet, inGraph: Map<string, GraphNode>, report: ImportReport, problems: string[]) {
  const create: InNode[] = [];
  const update: Plan['update'] = [];
  for (const file of set.nodes) {
    const g = inGraph.get(file.key);
    if (!g) {
      create.push(file);
      report.created.nodes.push(file.key);
      continue;
    }
    if (kindOf(file.labels) !== kindOf(g.labels)) {
      const kind = kindOf(file.labels);
      problems.push(
        `${file.where}: "${file.key}" is ${describeNode(g)} in the graph; the file makes it ${kind ? withArticle(KINDS[kind]) : 'a record'}`,
      );
      continue;
    }
    const n = nodeToWrite(set, file, g);
    const properties = propertyChanges(g.props, n.props);
    const labelsChanged = !sameLabels(g.labels, n.labels);
    if (!labelsChanged && !Object.keys(properties).length) {
      report.nodes.unchanged++;
      continue;
    }
    update.push({ ref: g.ref, node: n, removeLabels: g.labels.filter((l) => !n.labels.includes(l)) });
    report.changed.nodes.push({
      id: n.key,
      ...(labelsChanged ? { labels: { before: [...g.labels].sort(), after: [...n.labels].sort() } } : {}),
      properties,
    });
  }
  report.nodes.created = create.length;
  report.nodes.changed = update.length;
  return { create, update };
}

/** Both ends of a relationship must be in the file or in the graph, and the model must allow the link. */
async function planRelationships(run: Run, set: ImportSet, inGraph: Map<string, GraphNode>, report: ImportReport, problems: string[]) {
  const fileNodes = new Map(set.nodes.map((n) => [n.key, n]));
  const existing: { i: number; from: string; to: string; type: string }[] = [];
  set.relationships.forEach((r, i) => {
    const ends = [r.from, r.to].map((key) => ({
      key,
      labels: fileNodes.get(key)?.labels ?? inGraph.get(key)?.labels,
      ref: inGraph.get(key)?.ref,
    }));
    const missing = ends.filter((e) => !e.labels);
    for (const e of missing) problems.push(`${r.where}: no node with id "${e.key}" in the file or in the graph`);
    if (missing.length) return;
    const [fromKind, toKind] = ends.map((e) => kindOf(e.labels!));
    if (fromKind && toKind && !(MODEL_TYPES.has(r.type) && relationshipAllowed(r.type, fromKind, toKind, true))) {
      problems.push(`${r.where}: ${r.type} may not join a ${KINDS[fromKind]} to a ${KINDS[toKind]}`);
      return;
    }
    if (ends[0]!.ref && ends[1]!.ref) existing.push({ i, from: ends[0]!.ref, to: ends[1]!.ref, type: r.type });
  });
  const inGraphRels = new Map<number, Props>();
  for (const rows of chunks(existing)) {
    for (const row of await run(findRelationships, { rows })) inGraphRels.set(row.at, propsOf(row.props));
  }
  const merge: InRel[] = [];
  set.relationships.forEach((r, i) => {
    const before = inGraphRels.get(i);
    const properties = before ? propertyChanges(before, r.props) : {};
    if (before && !Object.keys(properties).length) {
      report.relationships.unchanged++;
      return;
    }
    merge.push(r);
    if (before) report.changed.relationships.push({ from: r.from, type: r.type, to: r.to, properties });
    else report.created.relationships.push(relKey(r));
  });
  report.relationships.created = report.created.relationships.length;
  report.relationships.changed = report.changed.relationships.length;
  return merge;
}

/** Looks up every node the import names, compares, and decides what to create and change. */
async function plan(run: Run, set: ImportSet, dryRun: boolean): Promise<Plan> {
  const report = emptyReport(set, dryRun);
  const problems: string[] = [];
  const inGraph = await lookUp(run, set);
  const { create, update } = planNodes(set, inGraph, report, problems);
  const merge = await planRelationships(run, set, inGraph, report, problems);
  if (problems.length) throw new ImportError(problems);
  return { report, create, update, merge, refs: new Map([...inGraph].map(([k, g]) => [k, g.ref])) };
}

/** Writes a plan inside the caller's transaction. */
async function apply(run: Run, p: Plan): Promise<void> {
  for (const nodes of chunks(p.create)) {
    const rows = nodes.map((n) => ({ key: n.key, labels: n.labels, ...toWire(n.props) }));
    for (const row of await run(createNodes, { rows })) p.refs.set(row.key, row.ref);
  }
  for (const updates of chunks(p.update)) {
    const rows = updates.map((u) => ({ ref: u.ref, labels: u.node.labels, removeLabels: u.removeLabels, ...toWire(u.node.props) }));
    await run(updateNodes, { rows });
  }
  for (const rels of chunks(p.merge)) {
    const rows = rels.map((r) => ({ from: p.refs.get(r.from)!, to: p.refs.get(r.to)!, type: r.type, ...toWire(r.props) }));
    await run(mergeRelationships, { rows });
  }
  // The change feed names every node created or changed and both ends of each link written.
  const refs = [
    ...p.create.map((n) => p.refs.get(n.key)),
    ...p.update.map((u) => u.ref),
    ...p.merge.flatMap((r) => [p.refs.get(r.from), p.refs.get(r.to)]),
  ];
  const known = [...new Set(refs)].filter((r): r is string => typeof r === 'string');
  const ids = known.length ? (await run(idsOfRefs, { refs: known })).map((r) => r.id) : [];
  await recordGraphChange(run, { ids });
}

/**
 * Rewrites temporal values as Neo4j prints them, so that a re-import of "10:00Z" finds "10:00:00Z"
 * unchanged; a value Neo4j cannot read is reported with its record.
 */
async function canonicalTemporals(db: Database, set: ImportSet): Promise<void> {
  const slots: { where: string; key: string; type: string; value: string; put: (text: string) => void }[] = [];
  for (const item of [...set.nodes, ...set.relationships]) {
    for (const [key, v] of Object.entries(item.props)) {
      if (!isTemporal(v)) continue;
      const type = elementType(v.type);
      if (isList(v.type)) {
        const items = v.value as string[];
        items.forEach((value, j) => slots.push({ where: item.where, key, type, value, put: (t) => (items[j] = t) }));
      } else slots.push({ where: item.where, key, type, value: v.value as string, put: (t) => (v.value = t) });
    }
  }
  if (!slots.length) return;
  const values = (list: typeof slots, offset = 0) => list.map((s, i) => ({ i: i + offset, type: s.type, value: s.value }));
  try {
    for (let start = 0; start < slots.length; start += BATCH) {
      for (const row of await db.read(canonicalTemporalsQuery, { values: values(slots.slice(start, start + BATCH), start) })) {
        slots[row.i]!.put(row.text);
      }
    }
  } catch {
    // find the values Neo4j refused, one at a time, to name their records
    const problems: string[] = [];
    for (const s of slots) {
      try {
        await db.read(canonicalTemporalsQuery, { values: values([s]) });
      } catch {
        problems.push(`${s.where} property "${s.key}": "${s.value}" is not a ${s.type} Neo4j can read`);
      }
    }
    throw new ImportError(problems.length ? problems : ['a temporal value could not be read']);
  }
}

/** Reads an import file into records; YAML looks at the graph for the ids its links name. */
async function readInput(db: Database, input: ImportInput): Promise<ImportSet> {
  switch (input.format) {
    case 'json':
      return readJsonDocument(input.text, input.name);
    case 'csv':
      return readCsv(input.bytes, input.name);
    case 'yaml':
      return db.readTx((run) =>
        readYaml(run, 'dir' in input ? { dir: input.dir } : { text: input.text, name: input.name ?? 'upload.yaml' }),
      );
  }
}

/**
 * Imports a file: a dry run reports what would be created, changed and left alone; a real run
 * writes all of it in one transaction or, on any problem, nothing. Planning and writing a whole
 * atlas takes longer than a page's query, so callers give the import's own time limit.
 */
export async function importGraph(db: Database, input: ImportInput, opts: { dryRun: boolean; timeoutMs?: number }): Promise<ImportReport> {
  const set = await readInput(db, input);
  const problems = checkImportSet(set);
  if (problems.length) throw new ImportError(problems);
  await canonicalTemporals(db, set);
  if (opts.dryRun) return db.readTx(async (run) => (await plan(run, set, true)).report, opts.timeoutMs);
  return db.writeTx(
    async (run) => {
      const p = await plan(run, set, false);
      await apply(run, p);
      return p.report;
    },
    { timeoutMs: opts.timeoutMs },
  );
}
