/** The shapes the explorer reads from the JSON API (issue 3), and the explorer's own names for things. */

export const NODE_KINDS = [
  'pathway',
  'goal',
  'target',
  'case',
  'initiative',
  'place',
  'organisation',
  'theme',
  'approach',
  'event',
  'source',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && (NODE_KINDS as readonly string[]).includes(value);
}

export const KIND_LABELS: Record<NodeKind, string> = {
  pathway: 'Pathway',
  goal: 'Goal (SDG)',
  target: 'SDG target',
  case: 'Case',
  initiative: 'Initiative',
  place: 'Place',
  organisation: 'Organisation',
  theme: 'Theme',
  approach: 'Procurement approach',
  event: 'Event',
  source: 'Source',
};

/** The first is the default. */
export const LAYOUTS = ['scaffold', 'fcose', 'concentric', 'breadthfirst'] as const;
export type LayoutName = (typeof LAYOUTS)[number];
export const DEFAULT_LAYOUT: LayoutName = 'scaffold';

export const LAYOUT_LABELS: Record<LayoutName, string> = {
  scaffold: 'Frameworks with clusters',
  fcose: 'Force-directed (fCoSE)',
  concentric: 'Concentric by kind',
  breadthfirst: 'Tree (breadth first, wrapped)',
};

/** A node as the API returns it: `data` plus whatever extra fields its kind has. */
export interface ApiNodeData {
  id: string;
  label: string;
  kind: string;
  url?: string | null;
  number?: number;
  colour?: string;
  transformation?: string;
  country?: string;
  year?: number;
  [extra: string]: unknown;
}

/**
 * A group node: neighbours of `parent` that did not fit the cap, `count` of them, all of kind `of`
 * ('*' for any kind). `expand` is the API address that gives a page of its members.
 */
export interface GroupNodeData extends ApiNodeData {
  kind: 'group';
  count: number;
  of: string;
  parent: string;
  group: string;
  offset: number;
  expand: string;
  by?: string;
  value?: string;
}

export function isGroupData(data: ApiNodeData | undefined): data is GroupNodeData {
  return data?.kind === 'group' && typeof data.expand === 'string' && typeof data.count === 'number';
}

export interface ApiEdgeData {
  id: string;
  source: string;
  target: string;
  type: string;
  basis?: string | null;
  [extra: string]: unknown;
}

export interface GraphPayload {
  nodes: { data: ApiNodeData }[];
  edges: { data: ApiEdgeData }[];
}

export interface NeighbourhoodResponse extends GraphPayload {
  center: string | { data: ApiNodeData } | ApiNodeData | null;
  truncated: boolean;
  limit: number;
}

/** A page of a group's members: the node they are neighbours of, the members, and a group for the rest. */
export interface GroupResponse extends NeighbourhoodResponse {
  group: { id: string; parent: string; group: string; offset: number; count: number; members: string[] };
}

export interface PathResponse extends GraphPayload {
  found: boolean;
  length: number;
  /** The ends as the atlas knows them (a merged-away id answered with the node it was merged into). */
  from?: string;
  to?: string;
}

export interface SearchHit {
  id: string;
  kind: string;
  name: string;
  score?: number;
  url?: string | null;
}

export interface SearchResponse {
  query: string;
  hits: SearchHit[];
}

export interface NodeLink {
  type: string;
  direction?: 'in' | 'out';
  basis?: string | null;
  note?: string | null;
  node: { id: string; kind: string; name?: string | null; url?: string | null; [extra: string]: unknown };
  sources?: { id: string; title?: string | null; date?: string | null; url?: string | null }[];
}

/**
 * GET /api/nodes/:id: the node's own properties (at the top level, or under `properties`), its page,
 * its degree, its links and the sources that report it.
 */
export interface NodeDetails {
  id: string;
  kind: string;
  name: string;
  url?: string | null;
  properties?: Record<string, unknown>;
  degree?: number;
  links?: NodeLink[];
  linksTruncated?: boolean;
  sources?: { id: string; title?: string | null; date?: string | null; url?: string | null }[];
  [extra: string]: unknown;
}

/** What the explorer needs from the API; `ExplorerApi` is the fetch-based implementation. */
export interface GraphSource {
  neighbourhood(id: string, options?: { depth?: number; limit?: number; kinds?: readonly string[] }): Promise<NeighbourhoodResponse>;
  /** A page of a group's members, from the group node's `expand` address. */
  group(expand: string, limit?: number): Promise<GroupResponse>;
  path(from: string, to: string): Promise<PathResponse>;
  search(q: string, limit?: number): Promise<SearchResponse>;
  /** Nodes by the start of their names, for autocomplete. */
  names(q: string, limit?: number): Promise<SearchResponse>;
  node(id: string): Promise<NodeDetails>;
}
