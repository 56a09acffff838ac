import type { Database, Run } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { notFound } from '../errors.js';
import type { Kind } from '../model/kinds.js';
import { withoutNulls } from './catalogue.js';
import { pageUrl } from './urls.js';
import type { NodeBrief } from './rows.js';

export interface ElementsJson {
  nodes: { data: Record<string, unknown> & { id: string; label: string; kind: string } }[];
  edges: { data: { id: string; source: string; target: string; type: string; basis?: string } }[];
}

/** Sources are reached through every node; they stay out of the explorer unless asked for. */
const DEFAULT_KINDS: Kind[] = ['pathway', 'goal', 'target', 'place', 'organisation', 'initiative', 'case', 'theme', 'approach', 'event'];

export const NEIGHBORHOOD_MAX = 2000;

/** A node of the explorer as graph/elements gives it (fields a node lacks are null). */
type ElementNode = NodeBrief & { transformation: string | null; placeType: string | null };

const elementsQuery = defineQuery<
  { ids: string[] },
  { nodes: ElementNode[]; edges: { id: string; source: string; target: string; type: string; basis: string | null }[] }
>('graph/elements');
const kindOf = defineQuery<{ id: string }, { kind: string }>('entities/get-kind');
const expandFrontier = defineQuery<{ frontier: string[]; seen: string[]; kinds: Kind[] | null; cap: number }, { ids: string[] }>(
  'graph/expand-frontier',
);
const nodeExists = defineQuery<{ ids: string[] }, { id: string; found: boolean }>('graph/node-exists');
const shortestPathsQuery = defineQuery<{ from: string; to: string; limit: number }, { ids: string[]; length: number }>(
  'graph/shortest-paths',
);

async function elements(run: Run, ids: string[]): Promise<ElementsJson> {
  if (!ids.length) return { nodes: [], edges: [] };
  const [row] = await run(elementsQuery, { ids });
  const nodes = (row?.nodes ?? []).map((n) => {
    const { name, ...rest } = n;
    const data = withoutNulls(rest);
    return { data: { ...data, id: n.id, kind: n.kind, label: name ?? n.id, url: pageUrl(n) } };
  });
  const order = new Map(ids.map((id, i) => [id, i]));
  nodes.sort((a, b) => order.get(a.data.id)! - order.get(b.data.id)!);
  const edges = (row?.edges ?? []).map((e) => ({
    data: { id: e.id, source: e.source, target: e.target, type: e.type, ...(e.basis === null ? {} : { basis: e.basis }) },
  }));
  return { nodes, edges };
}

/** The subgraph around a node, breadth first, capped at `limit` nodes with a flag when cut. */
export async function neighborhood(db: Database, f: { node: string; depth: number; kinds?: Kind[]; limit: number }) {
  return db.readTx(async (run) => {
    const [found] = await run(kindOf, { id: f.node });
    if (!found) throw notFound('node', f.node);
    const kinds = f.kinds ?? DEFAULT_KINDS;
    const seen = [f.node];
    let frontier = [f.node];
    let truncated = false;
    for (let level = 0; level < f.depth && frontier.length && !truncated; level += 1) {
      const room = f.limit - seen.length;
      const [row] = await run(expandFrontier, { frontier, seen, kinds, cap: room + 1 });
      const next = row?.ids ?? [];
      if (next.length > room) truncated = true;
      frontier = next.slice(0, room);
      seen.push(...frontier);
    }
    const els = await elements(run, seen);
    return { center: f.node, depth: f.depth, kinds, limit: f.limit, truncated, ...els };
  });
}

/** The shortest connections between two nodes, merged into one set of elements. */
export async function shortestPaths(db: Database, from: string, to: string, limit: number) {
  return db.readTx(async (run) => {
    const exists = await run(nodeExists, { ids: [from, to] });
    for (const r of exists) if (!r.found) throw notFound('node', r.id);
    const found = from === to ? [{ ids: [from], length: 0 }] : await run(shortestPathsQuery, { from, to, limit: limit * 4 });
    // Two relationships between the same pair of nodes make two paths with the same nodes: keep one.
    const paths = [...new Map(found.map((p) => [p.ids.join('|'), p])).values()].slice(0, limit);
    const ids = [...new Set(paths.flatMap((p) => p.ids))];
    const els = await elements(run, ids);
    const onPath = new Set(paths.flatMap((p) => p.ids.slice(1).map((id, i) => `${p.ids[i]}|${id}`)));
    // Keep only the relationships that lie on a path, not every link among its nodes.
    els.edges = els.edges.filter((e) => onPath.has(`${e.data.source}|${e.data.target}`) || onPath.has(`${e.data.target}|${e.data.source}`));
    return {
      from,
      to,
      found: paths.length > 0,
      length: paths.length ? paths[0]!.length : null,
      paths: paths.map((p) => p.ids),
      ...els,
    };
  });
}
