import type { Run } from '../../data/database.js';
import { KINDS } from '../model/kinds.js';
import { CONTENT_LABELS, PRIVATE_LABELS, groupLabel } from './content.js';
import { selectsCases, type ExportFilters } from './filters.js';
import type { ExGraph, ExNode } from './types.js';
import { contentNodes, nodesById, relationshipsAmong, selectCaseSubgraph, type NodeOut, type PropRow } from './queries.js';
import { fromGraph, valueKey, type Props } from './values.js';

export type { PropRow } from './queries.js';

export function propsOf(rows: PropRow[]): Props {
  const props: Props = {};
  for (const p of [...rows].sort((a, b) => (a.key < b.key ? -1 : 1))) props[p.key] = fromGraph(p.type, p.value);
  return props;
}

export interface GraphNode extends ExNode {
  ref: string;
}

export const textId = (props: Props): string | undefined => (props.id?.type === 'string' ? (props.id.value as string) : undefined);

/** A node as return-nodes gives it; `key` is its id, or '' until blank keys are handed out. */
export function graphNode(row: NodeOut): GraphNode {
  const props = propsOf(row.props);
  return { ref: row.ref, key: textId(props) ?? '', labels: [...row.labels].sort(), props };
}

/** What a node without a text id is known by: its labels and every property. */
export const contentSignature = (n: { labels: string[]; props: Props }) =>
  JSON.stringify([
    [...n.labels].sort(),
    Object.keys(n.props)
      .sort()
      .map((k) => [k, valueKey(n.props[k]!)]),
  ]);

const byKey = (a: { key: string }, b: { key: string }) => {
  const blankA = a.key.startsWith('_:');
  const blankB = b.key.startsWith('_:');
  if (blankA !== blankB) return blankA ? 1 : -1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
};

/** Reads the part of the graph that the filters select, nodes and relationships among them, sorted. */
export async function readGraph(run: Run, filters: ExportFilters): Promise<ExGraph> {
  const privateLabels = [...PRIVATE_LABELS];
  const labels = filters.kinds?.map((k) => KINDS[k]);
  let rows: NodeOut[];
  if (selectsCases(filters)) {
    const selected = await run(selectCaseSubgraph, {
      pathway: filters.pathway ?? null,
      sdg: filters.sdg ?? null,
      country: filters.country ?? null,
      labels: labels ?? null,
    });
    rows = await run(nodesById, { ids: selected.map((r) => r.id), privateLabels });
  } else {
    rows = await run(contentNodes, { contentLabels: labels ?? CONTENT_LABELS, privateLabels });
  }

  const nodes = rows.map(graphNode);
  const blank = nodes.filter((n) => !n.key).map((n) => ({ n, sig: `${groupLabel(n.labels)} ${contentSignature(n)}` }));
  blank.sort((a, b) => (a.sig < b.sig ? -1 : a.sig > b.sig ? 1 : 0));
  blank.forEach(({ n }, i) => (n.key = `_:b${i + 1}`));

  const byRef = new Map(nodes.map((n) => [n.ref, n]));
  const relRows = await run(relationshipsAmong, { refs: [...byRef.keys()] });
  const relationships = relRows.flatMap((r) => {
    const from = byRef.get(r.at.from);
    const to = byRef.get(r.at.to);
    return from && to ? [{ type: r.type, from: from.key, to: to.key, props: propsOf(r.props) }] : [];
  });
  relationships.sort(
    (a, b) =>
      byKey({ key: a.from }, { key: b.from }) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) || byKey({ key: a.to }, { key: b.to }),
  );

  return { nodes: nodes.sort(byKey).map(({ key, labels: l, props }) => ({ key, labels: l, props })), relationships };
}
