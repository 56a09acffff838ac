import type { Database, Run } from '../../data/database.js';
import { cypher } from '../../data/queries.js';
import { notFound } from '../errors.js';
import type { Kind } from '../model/kinds.js';
import { withoutNulls } from './catalogue.js';
import { pageUrl } from './urls.js';

export interface ElementsJson {
  nodes: { data: Record<string, unknown> & { id: string; label: string; kind: string } }[];
  edges: { data: { id: string; source: string; target: string; type: string; basis?: string } }[];
}

/** Sources are reached through every node; they stay out of the explorer unless asked for. */
const DEFAULT_KINDS: Kind[] = ['pathway', 'goal', 'target', 'place', 'organisation', 'initiative', 'case', 'theme', 'approach', 'event'];

export const NEIGHBORHOOD_MAX = 2000;

async function elements(run: Run, ids: string[]): Promise<ElementsJson> {
  if (!ids.length) return { nodes: [], edges: [] };
  const [row] = await run(cypher('graph/elements'), { ids });
  const nodes = ((row?.nodes as Record<string, unknown>[]) ?? []).map((n) => {
    const { name, ...rest } = n;
    const data = withoutNulls(rest);
    return { data: { ...data, id: n.id as string, kind: n.kind as string, label: String(name ?? n.id), url: pageUrl(n) } };
  });
  const order = new Map(ids.map((id, i) => [id, i]));
  nodes.sort((a, b) => order.get(a.data.id)! - order.get(b.data.id)!);
  const edges = ((row?.edges as ElementsJson['edges'][number]['data'][]) ?? []).map((e) => ({
    data: withoutNulls(e) as ElementsJson['edges'][number]['data'],
  }));
  return { nodes, edges };
}

/** The subgraph around a node, breadth first, capped at `limit` nodes with a flag when cut. */
export async function neighborhood(db: Database, f: { node: string; depth: number; kinds?: Kind[]; limit: number }) {
  return db.readTx(async (run) => {
    const [found] = await run(cypher('entities/get-kind'), { id: f.node });
    if (!found) throw notFound('node', f.node);
    const kinds = f.kinds ?? DEFAULT_KINDS;
    const seen = [f.node];
    let frontier = [f.node];
    let truncated = false;
    for (let level = 0; level < f.depth && frontier.length && !truncated; level += 1) {
      const room = f.limit - seen.length;
      const [row] = await run(cypher('graph/expand-frontier'), { frontier, seen, kinds, cap: room + 1 });
      const next = (row?.ids as string[]) ?? [];
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
    const exists = await run(cypher('graph/node-exists'), { ids: [from, to] });
    for (const r of exists) if (!r.found) throw notFound('node', r.id as string);
    const found = from === to ? [{ ids: [from], length: 0 }] : await run(cypher('graph/shortest-paths'), { from, to, limit: limit * 4 });
    // Two relationships between the same pair of nodes make two paths with the same nodes: keep one.
    const paths = [...new Map(found.map((p) => [(p.ids as string[]).join('|'), p])).values()].slice(0, limit);
    const ids = [...new Set(paths.flatMap((p) => p.ids as string[]))];
    const els = await elements(run, ids);
    const onPath = new Set(paths.flatMap((p) => (p.ids as string[]).slice(1).map((id, i) => `${(p.ids as string[])[i]}|${id}`)));
    // Keep only the relationships that lie on a path, not every link among its nodes.
    els.edges = els.edges.filter((e) => onPath.has(`${e.data.source}|${e.data.target}`) || onPath.has(`${e.data.target}|${e.data.source}`));
    return {
      from,
      to,
      found: paths.length > 0,
      length: paths.length ? (paths[0]!.length as number) : null,
      paths: paths.map((p) => p.ids as string[]),
      ...els,
    };
  });
}
