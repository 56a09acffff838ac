/**
 * The view state of the explorer and its URL form. The URL names the operations that build the
 * view (which neighbourhoods were loaded, which nodes expanded, hidden or removed, the filters, the
 * layout, the path and the selection), so the same link rebuilds the same set of nodes.
 *
 *   /explore?node=pathway-12&depth=1&expand=geestland-led-street-lighting&hideKinds=source&layout=concentric
 *
 * Pure functions, no DOM: shared by the browser, the server route and the unit tests.
 */
import { DEFAULT_LAYOUT, isNodeKind, LAYOUTS, type LayoutName, type NodeKind } from './types.js';

export const FACETS = ['pathway', 'goal', 'theme', 'country'] as const;
export type Facet = (typeof FACETS)[number];

export interface ViewState {
  /** Nodes whose neighbourhood is loaded (the view's anchors), in order. */
  nodes: string[];
  /** Neighbourhood depth for the anchors, 1 to 3. */
  depth: number;
  /** Most nodes per neighbourhood asked from the API (its default when unset). */
  limit?: number;
  /** Nodes whose direct neighbours were added. */
  expanded: string[];
  /** Nodes hidden by the user (still loaded, can be shown again). */
  hidden: string[];
  /** Nodes taken out of the view. */
  removed: string[];
  /** Kinds hidden by the kind filter. */
  hideKinds: NodeKind[];
  /** Facet filters: node ids for pathway, goal and theme; an ISO 3166-1 code for country. */
  filters: Partial<Record<Facet, string>>;
  layout: LayoutName;
  /** The path drawn between two nodes, if any. */
  path?: { from: string; to: string };
  /** The selected node, if any. */
  selected?: string;
  /** A search to run when the view opens on no node. */
  q?: string;
}

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const COUNTRY_PATTERN = /^[A-Z]{2}$/;
export const MAX_IDS = 200;
export const MAX_LIMIT = 2000;

export function emptyState(): ViewState {
  return { nodes: [], depth: 1, expanded: [], hidden: [], removed: [], hideKinds: [], filters: {}, layout: DEFAULT_LAYOUT };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function idList(value: string | null): string[] {
  if (!value) return [];
  return unique(
    value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => ID_PATTERN.test(s)),
  ).slice(0, MAX_IDS);
}

function oneId(value: string | null): string | undefined {
  const v = value?.trim();
  return v && ID_PATTERN.test(v) ? v : undefined;
}

/** Reads a view state from a query string; unknown or malformed values are dropped. */
export function parseState(search: string | URLSearchParams): ViewState {
  const p = typeof search === 'string' ? new URLSearchParams(search.startsWith('?') ? search.slice(1) : search) : search;
  const state = emptyState();
  state.nodes = idList(p.get('node'));
  const depth = Number(p.get('depth'));
  if (Number.isInteger(depth) && depth >= 1 && depth <= 3) state.depth = depth;
  const limit = Number(p.get('limit'));
  if (p.get('limit') && Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT) state.limit = limit;
  state.expanded = idList(p.get('expand'));
  state.hidden = idList(p.get('hidden'));
  state.removed = idList(p.get('removed'));
  state.hideKinds = unique(
    (p.get('hideKinds') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(isNodeKind),
  );
  for (const facet of FACETS) {
    const raw = p.get(facet)?.trim();
    if (!raw) continue;
    if (facet === 'country') {
      if (COUNTRY_PATTERN.test(raw.toUpperCase())) state.filters.country = raw.toUpperCase();
    } else if (ID_PATTERN.test(raw)) {
      state.filters[facet] = raw;
    }
  }
  const layout = p.get('layout');
  if (layout && (LAYOUTS as readonly string[]).includes(layout)) state.layout = layout as LayoutName;
  const from = oneId(p.get('from'));
  const to = oneId(p.get('to'));
  if (from && to) state.path = { from, to };
  state.selected = oneId(p.get('select'));
  const q = p.get('q')?.trim();
  if (q) state.q = q.slice(0, 200);
  return state;
}

/** Writes a view state as a query string (without the `?`), leaving out defaults. */
export function serializeState(state: ViewState): string {
  const p = new URLSearchParams();
  if (state.nodes.length) p.set('node', state.nodes.join(','));
  if (state.depth !== 1) p.set('depth', String(state.depth));
  if (state.limit) p.set('limit', String(state.limit));
  if (state.expanded.length) p.set('expand', state.expanded.join(','));
  if (state.hidden.length) p.set('hidden', state.hidden.join(','));
  if (state.removed.length) p.set('removed', state.removed.join(','));
  if (state.hideKinds.length) p.set('hideKinds', state.hideKinds.join(','));
  for (const facet of FACETS) {
    const v = state.filters[facet];
    if (v) p.set(facet, v);
  }
  if (state.layout !== DEFAULT_LAYOUT) p.set('layout', state.layout);
  if (state.path) {
    p.set('from', state.path.from);
    p.set('to', state.path.to);
  }
  if (state.selected) p.set('select', state.selected);
  if (state.q && !state.nodes.length) p.set('q', state.q);
  // Commas are safe in a query string and keep shared links readable.
  return p.toString().replace(/%2C/gi, ',');
}

export function cloneState(state: ViewState): ViewState {
  return {
    ...state,
    nodes: [...state.nodes],
    expanded: [...state.expanded],
    hidden: [...state.hidden],
    removed: [...state.removed],
    hideKinds: [...state.hideKinds],
    filters: { ...state.filters },
    path: state.path ? { ...state.path } : undefined,
  };
}
