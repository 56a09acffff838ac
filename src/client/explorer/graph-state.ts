/**
 * The elements in the view and the parts of the view state that record them: merging API payloads
 * into the graph, the dense mode, hiding and removing nodes, the selection, node lookups and counts.
 */
import type cytoscape from 'cytoscape';
import type { ExplorerBus, NodeSummary } from './events.js';
import { relationWords } from './relations.js';
import { explorerStylesheet } from './style.js';
import { NODE_KINDS, type ApiEdgeData, type ApiNodeData, type GraphPayload } from './types.js';
import type { ViewStateStore } from './view-state.js';

/** Kinds that stand for a practice: the facet filters choose among these. */
export const ITEM_KINDS = new Set<string>(['case', 'initiative', 'event']);
export const FILTER_CLASS = 'hidden-by-filter';
export const HIDDEN_CLASS = 'hidden-by-user';
export const HIDDEN_SELECTOR = `.${FILTER_CLASS}, .${HIDDEN_CLASS}`;

interface RendererFlags {
  textureOnViewport?: boolean;
  hideEdgesOnViewport?: boolean;
}

export function kindRank(kind: string): number {
  const i = (NODE_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? NODE_KINDS.length : i;
}

/** Node data as the explorer keeps it: always a label and a kind, extras kept. */
function normaliseNodeData(d: ApiNodeData): ApiNodeData {
  let label = typeof d.label === 'string' && d.label.trim() ? d.label : String(d.id);
  const kind = String(d.kind ?? 'unknown');
  // Goals and pathways are known by their numbers: "SDG 12 · Responsible consumption and production".
  const n = typeof d.number === 'number' ? d.number : undefined;
  if (n !== undefined && kind === 'goal' && !/^SDG\b/i.test(label)) label = `SDG ${n} · ${label}`;
  if (n !== undefined && kind === 'pathway' && !/^Pathway\b/i.test(label)) label = `Pathway ${n} · ${label}`;
  // A group node grows with the number of nodes it stands for.
  if (kind === 'group') return { ...d, id: String(d.id), label, kind, size: groupSize(Number(d.count) || 1) };
  return { ...d, id: String(d.id), label, kind };
}

/** The drawn size of a group node of `count` members: 36 for a few, 110 for a thousand or more. */
export function groupSize(count: number): number {
  return Math.round(Math.min(110, 36 + 25 * Math.log10(Math.max(1, count))));
}

function normaliseEdgeData(d: ApiEdgeData, targetKind: string): ApiEdgeData {
  const type = String(d.type ?? '');
  return { ...d, id: String(d.id), source: String(d.source), target: String(d.target), type, label: relationWords(type, targetKind) };
}

/** From this many nodes the view draws and lays out more cheaply (see applyDensity). */
export const BUSY_NODES = 150;

export interface GraphStateOptions {
  /** Above this many nodes the view switches to its cheaper rendering and layout settings. */
  denseThreshold: number;
  /** Cytoscape runs without a canvas (unit tests): no animation. */
  headless: boolean;
  /** The label scale the stylesheet reads (labels.ts); dense views go without it. */
  labelScale?: () => number;
}

export class GraphState {
  private dense = false;
  private busy = false;

  constructor(
    private readonly cy: cytoscape.Core,
    private readonly bus: ExplorerBus,
    private readonly view: ViewStateStore,
    private readonly options: GraphStateOptions,
  ) {}

  /**
   * Adds the nodes and edges of a payload that are not in the view yet (existing nodes get their
   * data refreshed, nothing is duplicated). New nodes start on a ring around `origin`, so the
   * starting positions, and with them the layout, depend only on the data.
   * Returns the ids of the nodes added.
   */
  merge(payload: GraphPayload, origin?: string): string[] {
    const cy = this.cy;
    const added: string[] = [];
    cy.batch(() => {
      const fresh: ApiNodeData[] = [];
      for (const n of payload.nodes ?? []) {
        if (!n?.data?.id) continue;
        const data = normaliseNodeData(n.data);
        const existing = cy.getElementById(data.id);
        if (existing.nonempty()) existing.data(data);
        else if (!fresh.some((f) => f.id === data.id)) fresh.push(data);
      }
      const centre = this.originPosition(origin);
      const radius = 90 + fresh.length * 7;
      fresh.forEach((data, i) => {
        const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
        const position =
          fresh.length === 1 && cy.nodes().empty()
            ? centre
            : { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
        cy.add({ group: 'nodes', data, position });
        added.push(data.id);
      });
      for (const e of payload.edges ?? []) {
        if (!e?.data?.id) continue;
        const id = String(e.data.id);
        if (cy.getElementById(id).nonempty()) continue;
        const target = cy.getElementById(String(e.data.target));
        if (cy.getElementById(String(e.data.source)).empty() || target.empty()) continue;
        cy.add({ group: 'edges', data: normaliseEdgeData(e.data, String(target.data('kind'))) });
      }
    });
    // A node brought back by the data is no longer "removed".
    const state = this.view.current;
    if (added.length && state.removed.length) {
      const back = new Set(added);
      state.removed = state.removed.filter((id) => !back.has(id));
    }
    this.applyDensity();
    return added;
  }

  private originPosition(origin?: string): { x: number; y: number } {
    const node = origin ? this.cy.getElementById(origin) : undefined;
    if (node && node.nonempty()) return { ...node.position() };
    if (this.cy.nodes().empty()) return { x: 0, y: 0 };
    const bb = this.cy.nodes().boundingBox({});
    return { x: bb.x2 + 150, y: (bb.y1 + bb.y2) / 2 };
  }

  /**
   * Switches to cheaper drawing and layout above the thresholds (and back below them): from
   * BUSY_NODES straight edges, no animation and a picture of the graph while the viewport moves;
   * above the dense threshold also no arrows and labels at their model size.
   */
  applyDensity(): void {
    const count = this.cy.nodes().length;
    const dense = count > this.options.denseThreshold;
    const busy = count > BUSY_NODES;
    if (dense === this.dense && busy === this.busy) return;
    this.dense = dense;
    this.busy = busy;
    this.cy.style(explorerStylesheet({ dense, busy, labelScale: dense ? undefined : this.options.labelScale }));
    // Renderer options are read at init; the canvas renderer keeps them as plain fields.
    const withRenderer = this.cy as unknown as { renderer?: () => RendererFlags | undefined };
    const renderer = withRenderer.renderer?.();
    if (renderer) {
      renderer.textureOnViewport = busy;
      renderer.hideEdgesOnViewport = dense;
    }
  }

  /** Past BUSY_NODES: no animation, straight edges, a picture while the viewport moves. */
  isBusy(): boolean {
    return this.busy;
  }

  isDense(): boolean {
    return this.dense;
  }

  /** Publishes the element counts (after anything that changes them or what is visible). */
  emitGraph(): void {
    this.bus.emit('graph', {
      nodes: this.cy.nodes().length,
      edges: this.cy.edges().length,
      visible: this.visibleNodeCollection().length,
      dense: this.dense,
    });
  }

  // ---------------------------------------------------------------- hide and remove

  /**
   * Records a node as hidden by the user (and drops the selection from it). Returns false when the
   * node is not in the view; the caller then applies the filters and commits the state.
   */
  hide(id: string): boolean {
    const node = this.cy.getElementById(id);
    if (node.empty()) return false;
    const state = this.view.current;
    if (!state.hidden.includes(id)) state.hidden.push(id);
    if (state.selected === id) this.select(null, 'api');
    return true;
  }

  /** Forgets every node hidden by the user; the caller applies the filters and commits. */
  showHidden(): void {
    this.view.current.hidden = [];
  }

  /**
   * Takes a node out of the view and records it as removed. Returns false when the node is not in
   * the view; the caller then applies the filters and commits the state.
   */
  remove(id: string): boolean {
    const node = this.cy.getElementById(id);
    if (node.empty()) return false;
    if (this.view.current.selected === id) this.select(null, 'api');
    node.remove();
    const state = this.view.current;
    state.hidden = state.hidden.filter((h) => h !== id);
    if (!state.removed.includes(id)) state.removed.push(id);
    this.applyDensity();
    return true;
  }

  /** Takes a group node out of the view once its members replace it (it is not recorded as removed). */
  dropGroup(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    if (this.view.current.selected === id) this.select(null, 'api');
    node.remove();
    this.view.current.hidden = this.view.current.hidden.filter((h) => h !== id);
    this.applyDensity();
  }

  // ---------------------------------------------------------------- selection and queries

  select(id: string | null, origin: 'canvas' | 'list' | 'api' = 'api'): void {
    const node = id ? this.cy.getElementById(id) : undefined;
    this.cy.batch(() => {
      this.cy.elements(':selected').unselect();
      if (node && node.nonempty()) node.select();
    });
    const selected = node && node.nonempty() ? id : null;
    if (node && node.nonempty() && origin === 'list' && !this.options.headless) {
      this.cy.animate({ center: { eles: node } }, { duration: this.dense ? 0 : 250 });
    }
    const state = this.view.current;
    if ((state.selected ?? null) !== selected) {
      state.selected = selected ?? undefined;
      this.view.commit(false);
    }
    this.bus.emit('select', { id: selected, origin });
  }

  labelOf(id: string): string {
    const n = this.cy.getElementById(id);
    return n.nonempty() ? String(n.data('label')) : id;
  }

  nodeData(id: string): ApiNodeData | undefined {
    const n = this.cy.getElementById(id);
    return n.nonempty() ? (n.data() as ApiNodeData) : undefined;
  }

  has(id: string): boolean {
    return this.cy.getElementById(id).nonempty();
  }

  /** The nodes neither filtered out nor hidden by the user. */
  visibleNodeCollection(): cytoscape.NodeCollection {
    return this.cy.nodes().not(HIDDEN_SELECTOR);
  }

  /** The nodes in view, by kind then label (for the keyboard list). */
  visibleNodes(): NodeSummary[] {
    return this.visibleNodeCollection()
      .map((n) => ({ id: n.id(), label: String(n.data('label')), kind: String(n.data('kind')) }))
      .sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  }

  kindCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    this.cy.nodes().forEach((n) => {
      const k = String(n.data('kind'));
      counts[k] = (counts[k] ?? 0) + 1;
    });
    return counts;
  }
}
