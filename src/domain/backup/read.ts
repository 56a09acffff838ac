import type { Database } from '../../data/database.js';
import { defineQuery, joinQueries } from '../../data/queries.js';
import { relationshipsAmong, returnNodes, type NodeOut } from '../exchange/queries.js';
import { contentSignature, graphNode, propsOf, type GraphNode } from '../exchange/read.js';
import type { ExGraph, ExRel } from '../exchange/types.js';
import { toJson } from '../exchange/values.js';

const backupNodes = joinQueries<{ accounts: boolean; reviewQueue: boolean }, NodeOut>(
  defineQuery('backup/match-backup-nodes'),
  returnNodes,
);

/** Reading the whole graph may take minutes on a large one; it is one read transaction. */
export const BACKUP_READ_TIMEOUT_MS = 600_000;
const REF_BATCH = 5_000;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isBlank = (key: string) => key.startsWith('_:');
const byKey = (a: string, b: string) => (isBlank(a) !== isBlank(b) ? (isBlank(a) ? 1 : -1) : compare(a, b));
const propsText = (r: ExRel) => JSON.stringify(Object.entries(r.props).map(([k, v]) => [k, toJson(v)]));

/**
 * Reads every node a backup holds (see graph/queries/backup/match-backup-nodes) and every
 * relationship among them, in a stable order: nodes by id (nodes without a unique text id get
 * `_:b…` keys, ordered by content), relationships by their ends, type and properties.
 */
export async function readBackupGraph(db: Database, opts: { accounts: boolean; reviewQueue: boolean }): Promise<ExGraph> {
  return db.readTx(async (run) => {
    const rows = await run(backupNodes, { accounts: opts.accounts, reviewQueue: opts.reviewQueue });
    const nodes: GraphNode[] = rows.map(graphNode);
    const uses = new Map<string, number>();
    for (const n of nodes) if (n.key) uses.set(n.key, (uses.get(n.key) ?? 0) + 1);
    const blank = nodes.filter((n) => !n.key || uses.get(n.key)! > 1).map((n) => ({ n, sig: contentSignature(n) }));
    blank.sort((a, b) => compare(a.sig, b.sig));
    blank.forEach(({ n }, i) => (n.key = `_:b${i + 1}`));

    const byRef = new Map(nodes.map((n) => [n.ref, n]));
    const refs = [...byRef.keys()];
    const relationships: ExRel[] = [];
    for (let i = 0; i < refs.length; i += REF_BATCH) {
      for (const r of await run(relationshipsAmong, { refs: refs.slice(i, i + REF_BATCH) })) {
        const from = byRef.get(r.at.from);
        const to = byRef.get(r.at.to);
        // A relationship to a node the backup leaves out (a migration record) is left out too.
        if (from && to) relationships.push({ type: r.type, from: from.key, to: to.key, props: propsOf(r.props) });
      }
    }
    return inBackupOrder({ nodes: nodes.map(({ key, labels, props }) => ({ key, labels, props })), relationships });
  }, BACKUP_READ_TIMEOUT_MS);
}

/** Sorts a graph in place as a backup holds it (see readBackupGraph); labels and property names sorted too. */
export function inBackupOrder(graph: ExGraph): ExGraph {
  for (const n of graph.nodes) {
    n.labels.sort(compare);
    n.props = Object.fromEntries(Object.entries(n.props).sort(([a], [b]) => compare(a, b)));
  }
  for (const r of graph.relationships) r.props = Object.fromEntries(Object.entries(r.props).sort(([a], [b]) => compare(a, b)));
  graph.nodes.sort((a, b) => byKey(a.key, b.key));
  graph.relationships.sort(
    (a, b) => byKey(a.from, b.from) || compare(a.type, b.type) || byKey(a.to, b.to) || compare(propsText(a), propsText(b)),
  );
  return graph;
}
