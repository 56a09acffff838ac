import type { Props } from './values.js';

/**
 * A graph as the exchange formats see it. A node's key is its `id` property, or for a node without a
 * text id (a curation record) a blank key `_:…` that is local to one file.
 */
export interface ExNode {
  key: string;
  labels: string[];
  props: Props;
}

export interface ExRel {
  type: string;
  from: string;
  to: string;
  props: Props;
}

export interface ExGraph {
  nodes: ExNode[];
  relationships: ExRel[];
}

/** Where a record came from in an import file, for messages: `nodes[3] (ghent)`, `nodes/Case.csv line 4 (ghent)`. */
export interface Located {
  where: string;
}

export type InNode = ExNode & Located;
export type InRel = ExRel & Located;

export interface ImportSet {
  format: 'json' | 'yaml' | 'csv';
  nodes: InNode[];
  relationships: InRel[];
}

export const relKey = (r: { from: string; type: string; to: string }) => `${r.from} ${r.type} ${r.to}`;
