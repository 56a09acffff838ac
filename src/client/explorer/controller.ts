/**
 * The explorer's controller: it owns the Cytoscape instance and an event bus. Every graph operation
 * is a method here; UI pieces call the methods and subscribe to the bus, and never touch `cy`.
 *
 * Data operations (load, expand, path, restore) run one at a time through a queue, so a shared URL
 * always rebuilds the same view. A running layout is stopped before the next one starts.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { EventBus } from './bus.js';
import { withSeededRandom } from './random.js';
import { cloneState, emptyState, FACETS, type Facet, type ViewState } from './state.js';
import { explorerStylesheet } from './style.js';
import {
  isNodeKind,
  KIND_LABELS,
  NODE_KINDS,
  type ApiEdgeData,
  type ApiNodeData,
  type GraphPayload,
  type GraphSource,
  type LayoutName,
  type NodeKind,
} from './types.js';

let registered = false;
/** Registers the layout extensions once per page (or per Node process in tests). */
export function registerExtensions(): void {
  if (registered) return;
  cytoscape.use(fcose);
  registered = true;
}

/** Above this many nodes the explorer switches to its cheaper rendering and layout settings. */
export const DENSE_THRESHOLD = 800;

/** Kinds that stand for a practice: the facet filters choose among these. */
const ITEM_KINDS = new Set<string>(['case', 'initiative', 'event']);
const FILTER_CLASS = 'hidden-by-filter';
const HIDDEN_CLASS = 'hidden-by-user';
const HIDDEN_SELECTOR = `.${FILTER_CLASS}, .${HIDDEN_CLASS}`;
const LAYOUT_SEED = 20160429;
/** Fitting never zooms in further than this (the user still can). */
const MAX_FIT_ZOOM = 1.3;

export type NoticeLevel = 'info' | 'warning' | 'error';
export interface Notice {
  level: NoticeLevel;
  message: string;
  /** Stable code so the UI (and tests) can tell notices apart. */
  code: 'truncated' | 'no-path' | 'not-found' | 'api-error' | 'empty' | 'info';
}

export interface NodeSummary {
  id: string;
  label: string;
  kind: string;
}

export interface FacetOption {
  value: string;
  label: string;
}

export interface ExplorerEvents {
  [name: string]: unknown;
  /** Elements were added or removed, or filters changed what is visible. */
  graph: { nodes: number; edges: number; visible: number; dense: boolean };
  /** The view state changed (and the URL should follow). `push` marks a step worth a history entry. */
  state: { state: ViewState; push: boolean };
  select: { id: string | null; origin: 'canvas' | 'list' | 'api' };
  notice: Notice;
  busy: { busy: boolean; task?: string };
  layout: { name: LayoutName; running: boolean };
  path: { from: string; to: string; found: boolean; length: number } | null;
}

export interface ControllerOptions {
  /** The element to draw in; without one Cytoscape runs headless (unit tests). */
  container?: HTMLElement;
  /** Animate layouts (off in headless mode and for large graphs). */
  animate?: boolean;
  denseThreshold?: number;
}

type LayoutOptions = { name: string } & Record<string, unknown>;

interface RunningLayout {
  layout: cytoscape.Layouts;
  finish: () => void;
}

interface RendererFlags {
  textureOnViewport?: boolean;
  hideEdgesOnViewport?: boolean;
}

function kindRank(kind: string): number {
  const i = (NODE_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? NODE_KINDS.length : i;
}

export class ExplorerController {
  readonly cy: cytoscape.Core;
  readonly bus = new EventBus<ExplorerEvents>();
  private state: ViewState = emptyState();
  private queue: Promise<unknown> = Promise.resolve();
  private running: RunningLayout | null = null;
  private dense = false;
  private pending = 0;
  private readonly animate: boolean;
  private readonly headless: boolean;
  private resizeObserver: ResizeObserver | null = null;
  private readonly denseThreshold: number;

  constructor(
    private readonly api: GraphSource | null,
    options: ControllerOptions = {},
  ) {
    registerExtensions();
    const headless = !options.container;
    this.headless = headless;
    this.animate = !headless && (options.animate ?? true);
    this.denseThreshold = options.denseThreshold ?? DENSE_THRESHOLD;
    this.cy = cytoscape({
      container: options.container,
      headless,
      styleEnabled: true,
      style: explorerStylesheet(),
      elements: [],
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      pixelRatio: 'auto',
    });
    this.cy.on('tap', 'node', (evt) => this.select((evt.target as cytoscape.NodeSingular).id(), 'canvas'));
    this.cy.on('tap', (evt) => {
      if (evt.target === this.cy) this.select(null, 'canvas');
    });
    this.cy.on('dbltap', 'node', (evt) => {
      void this.expand((evt.target as cytoscape.NodeSingular).id());
    });
    // The canvas follows its box when the side panel opens or the window changes.
    if (options.container && typeof ResizeObserver === 'function') {
      this.resizeObserver = new ResizeObserver(() => this.cy.resize());
      this.resizeObserver.observe(options.container);
    }
  }

  // ---------------------------------------------------------------- state

  getState(): ViewState {
    return cloneState(this.state);
  }

  private commit(push: boolean): void {
    this.bus.emit('state', { state: this.getState(), push });
  }

  private emitGraph(): void {
    this.bus.emit('graph', {
      nodes: this.cy.nodes().length,
      edges: this.cy.edges().length,
      visible: this.visibleNodeCollection().length,
      dense: this.dense,
    });
  }

  isDense(): boolean {
    return this.dense;
  }

  isBusy(): boolean {
    return this.pending > 0;
  }

  /** Runs data operations one at a time, in the order they were asked for. */
  private enqueue<T>(task: string, op: () => Promise<T>): Promise<T> {
    this.pending++;
    this.bus.emit('busy', { busy: true, task });
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run.finally(() => {
      this.pending--;
      if (this.pending === 0) this.bus.emit('busy', { busy: false });
    });
  }

  private reportError(err: unknown, what: string): void {
    const status = (err as { status?: number }).status;
    const message = err instanceof Error ? err.message : String(err);
    this.bus.emit('notice', {
      level: 'error',
      code: status === 404 ? 'not-found' : 'api-error',
      message: status === 404 ? `${what}: ${message}` : `${what} failed: ${message}`,
    });
  }

  // ---------------------------------------------------------------- elements

  /** Node data as the explorer keeps it: always a label and a kind, extras kept. */
  private static nodeData(d: ApiNodeData): ApiNodeData {
    let label = typeof d.label === 'string' && d.label.trim() ? d.label : String(d.id);
    const kind = String(d.kind ?? 'unknown');
    // Goals and pathways are known by their numbers: "SDG 12 · Responsible consumption and production".
    const n = typeof d.number === 'number' ? d.number : undefined;
    if (n !== undefined && kind === 'goal' && !/^SDG\b/i.test(label)) label = `SDG ${n} · ${label}`;
    if (n !== undefined && kind === 'pathway' && !/^Pathway\b/i.test(label)) label = `Pathway ${n} · ${label}`;
    return { ...d, id: String(d.id), label, kind };
  }

  private static edgeData(d: ApiEdgeData): ApiEdgeData {
    return { ...d, id: String(d.id), source: String(d.source), target: String(d.target), type: String(d.type ?? '') };
  }

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
        const data = ExplorerController.nodeData(n.data);
        const existing = cy.getElementById(data.id);
        if (existing.nonempty()) existing.data(data);
        else if (!fresh.some((f) => f.id === data.id)) fresh.push(data);
      }
      const centre = this.originPosition(origin);
      const radius = 90 + fresh.length * 7;
      fresh.forEach((data, i) => {
        const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
        const position = fresh.length === 1 && cy.nodes().empty() ? centre : { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
        cy.add({ group: 'nodes', data, position });
        added.push(data.id);
      });
      for (const e of payload.edges ?? []) {
        if (!e?.data?.id) continue;
        const data = ExplorerController.edgeData(e.data);
        if (cy.getElementById(data.id).nonempty()) continue;
        if (cy.getElementById(data.source).empty() || cy.getElementById(data.target).empty()) continue;
        cy.add({ group: 'edges', data });
      }
    });
    // A node brought back by the data is no longer "removed".
    if (added.length && this.state.removed.length) {
      const back = new Set(added);
      this.state.removed = this.state.removed.filter((id) => !back.has(id));
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

  /** Switches to cheaper drawing and layout above the threshold (and back below it). */
  private applyDensity(): void {
    const dense = this.cy.nodes().length > this.denseThreshold;
    if (dense === this.dense) return;
    this.dense = dense;
    this.cy.style(explorerStylesheet({ dense }));
    // Renderer options are read at init; the canvas renderer keeps them as plain fields.
    const withRenderer = this.cy as unknown as { renderer?: () => RendererFlags | undefined };
    const renderer = withRenderer.renderer?.();
    if (renderer) {
      renderer.textureOnViewport = dense;
      renderer.hideEdgesOnViewport = dense;
    }
  }

  // ---------------------------------------------------------------- data operations

  /** Replaces the view with the neighbourhood of one node. */
  open(id: string): Promise<void> {
    const next = emptyState();
    next.nodes = [id];
    next.depth = this.state.depth;
    next.limit = this.state.limit;
    next.hideKinds = [...this.state.hideKinds];
    next.layout = this.state.layout;
    next.selected = id;
    return this.restore(next, true);
  }

  /** Adds the neighbourhood of a node to the view (it becomes an anchor of the view). */
  addNeighbourhood(id: string, depth = this.state.depth): Promise<void> {
    return this.enqueue('load', async () => {
      if (!this.api) return;
      try {
        const res = await this.api.neighbourhood(id, { depth, limit: this.state.limit });
        const first = this.cy.nodes().empty();
        this.merge(res, id);
        this.cy.getElementById(id).addClass('anchor');
        if (!this.state.nodes.includes(id)) this.state.nodes.push(id);
        this.state.depth = depth;
        this.reportTruncation(res.truncated, res.limit, id);
        this.applyFilters();
        this.commit(true);
        await this.runLayout(this.state.layout, { incremental: !first });
      } catch (err) {
        this.reportError(err, `Loading the neighbourhood of ${id}`);
      }
    });
  }

  /** Adds the direct neighbours of a node. */
  expand(id: string): Promise<void> {
    return this.enqueue('expand', async () => {
      if (!this.api) return;
      try {
        const res = await this.api.neighbourhood(id, { depth: 1, limit: this.state.limit });
        const added = this.merge(res, id);
        if (!this.state.expanded.includes(id)) this.state.expanded.push(id);
        this.reportTruncation(res.truncated, res.limit, id);
        this.applyFilters();
        this.commit(true);
        if (added.length) await this.runLayout(this.state.layout, { incremental: true });
        else this.bus.emit('notice', { level: 'info', code: 'info', message: `${this.labelOf(id)}: all its neighbours are already shown.` });
      } catch (err) {
        this.reportError(err, `Expanding ${id}`);
      }
    });
  }

  private reportTruncation(truncated: boolean, limit: number, id: string): void {
    if (!truncated) return;
    this.bus.emit('notice', {
      level: 'warning',
      code: 'truncated',
      message: `The neighbourhood of ${this.labelOf(id)} was capped at ${limit} nodes: the atlas holds more than is shown. Raise "Nodes per neighbourhood", or expand single nodes to see the rest.`,
    });
  }

  /** Finds and draws the shortest path between two nodes; the rest of the view fades. */
  findPath(from: string, to: string): Promise<boolean> {
    return this.enqueue('path', async () => {
      if (!this.api) return false;
      try {
        const res = await this.api.path(from, to);
        if (!res.found) {
          this.clearPathClasses();
          this.state.path = undefined;
          this.commit(true);
          this.bus.emit('notice', { level: 'warning', code: 'no-path', message: `No path joins ${this.labelOf(from)} and ${this.labelOf(to)} in the atlas.` });
          this.bus.emit('path', { from, to, found: false, length: 0 });
          return false;
        }
        const added = this.merge(res, from);
        this.highlightPath(res);
        this.state.path = { from, to };
        this.applyFilters();
        this.commit(true);
        this.bus.emit('path', { from, to, found: true, length: res.length });
        if (added.length) await this.runLayout(this.state.layout, { incremental: true });
        return true;
      } catch (err) {
        this.reportError(err, 'Finding a path');
        return false;
      }
    });
  }

  private highlightPath(res: GraphPayload): void {
    const ids = new Set<string>([...res.nodes.map((n) => String(n.data.id)), ...res.edges.map((e) => String(e.data.id))]);
    this.cy.batch(() => {
      this.cy.elements().forEach((el) => {
        const on = ids.has(el.id());
        el.toggleClass('highlighted', on);
        el.toggleClass('faded', !on);
      });
    });
  }

  private clearPathClasses(): void {
    this.cy.batch(() => this.cy.elements().removeClass('highlighted faded'));
  }

  clearPath(): void {
    this.clearPathClasses();
    this.state.path = undefined;
    this.applyFilters();
    this.commit(true);
    this.bus.emit('path', null);
  }

  /** Rebuilds a whole view from a state (a shared URL, or the back button). */
  restore(target: ViewState, push = false): Promise<void> {
    return this.enqueue('restore', async () => {
      const state = cloneState(target);
      this.stopLayout();
      this.cy.elements().remove();
      this.applyDensity();
      this.state = cloneState(state);
      this.state.nodes = [];
      this.state.expanded = [];
      if (!this.api) return;
      // Fetch every neighbourhood in parallel, then merge in a fixed order.
      const anchors = await Promise.allSettled(state.nodes.map((id) => this.api!.neighbourhood(id, { depth: state.depth, limit: state.limit })));
      anchors.forEach((r, i) => {
        const id = state.nodes[i]!;
        if (r.status === 'fulfilled') {
          this.merge(r.value, id);
          this.cy.getElementById(id).addClass('anchor');
          this.state.nodes.push(id);
          this.reportTruncation(r.value.truncated, r.value.limit, id);
        } else this.reportError(r.reason, `Opening ${id}`);
      });
      const expansions = await Promise.allSettled(state.expanded.map((id) => this.api!.neighbourhood(id, { depth: 1, limit: state.limit })));
      expansions.forEach((r, i) => {
        const id = state.expanded[i]!;
        if (r.status === 'fulfilled') {
          this.merge(r.value, id);
          this.state.expanded.push(id);
          this.reportTruncation(r.value.truncated, r.value.limit, id);
        }
      });
      this.state.removed = [...state.removed];
      this.cy.batch(() => {
        for (const id of state.removed) this.cy.getElementById(id).remove();
      });
      this.state.hidden = state.hidden.filter((id) => this.cy.getElementById(id).nonempty());
      if (state.path) {
        try {
          const res = await this.api.path(state.path.from, state.path.to);
          if (res.found) {
            this.merge(res, state.path.from);
            this.highlightPath(res);
          } else this.state.path = undefined;
        } catch (err) {
          this.state.path = undefined;
          this.reportError(err, 'Finding a path');
        }
      }
      this.applyDensity();
      this.applyFilters();
      if (this.state.selected && this.cy.getElementById(this.state.selected).empty()) this.state.selected = undefined;
      this.commit(push);
      if (this.cy.nodes().empty() && state.nodes.length) {
        this.bus.emit('notice', { level: 'info', code: 'empty', message: 'Nothing to show for this view.' });
      }
      await this.runLayout(this.state.layout);
      if (this.state.selected) this.select(this.state.selected, 'api');
    });
  }

  /** Waits until every queued data operation has finished. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }

  // ---------------------------------------------------------------- hide, remove, filters

  hide(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    if (!this.state.hidden.includes(id)) this.state.hidden.push(id);
    if (this.state.selected === id) this.select(null, 'api');
    this.applyFilters();
    this.commit(true);
  }

  showHidden(): void {
    this.state.hidden = [];
    this.applyFilters();
    this.commit(true);
  }

  remove(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    if (this.state.selected === id) this.select(null, 'api');
    node.remove();
    this.state.hidden = this.state.hidden.filter((h) => h !== id);
    if (!this.state.removed.includes(id)) this.state.removed.push(id);
    this.applyDensity();
    this.applyFilters();
    this.commit(true);
  }

  setKindVisible(kind: NodeKind, visible: boolean): void {
    const hidden = new Set(this.state.hideKinds);
    if (visible) hidden.delete(kind);
    else hidden.add(kind);
    this.state.hideKinds = NODE_KINDS.filter((k) => hidden.has(k));
    this.applyFilters();
    this.commit(true);
  }

  setFilter(facet: Facet, value: string | undefined): void {
    if (value) this.state.filters[facet] = facet === 'country' ? value.toUpperCase() : value;
    else delete this.state.filters[facet];
    this.applyFilters();
    this.commit(true);
  }

  clearFilters(): void {
    this.state.filters = {};
    this.state.hideKinds = [];
    this.applyFilters();
    this.commit(true);
  }

  /** Puts the filter and hide classes on the nodes; the elements of a drawn path always stay visible. */
  applyFilters(): void {
    const hiddenKinds = new Set<string>(this.state.hideKinds);
    const hidden = new Set(this.state.hidden);
    const keep = this.facetKeepSet();
    const countryFilter = this.state.filters.country;
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        const kind = String(n.data('kind'));
        const onPath = n.hasClass('highlighted');
        let out = hiddenKinds.has(kind) || (keep !== null && !keep.has(n.id()));
        if (countryFilter && (kind === 'place' || kind === 'organisation') && n.data('country') && n.data('country') !== countryFilter) out = true;
        n.toggleClass(FILTER_CLASS, out && !onPath);
        n.toggleClass(HIDDEN_CLASS, hidden.has(n.id()) && !onPath);
      });
    });
    if (this.state.selected) {
      const sel = this.cy.getElementById(this.state.selected);
      if (sel.empty() || sel.is(HIDDEN_SELECTOR)) this.select(null, 'api');
    }
    this.emitGraph();
  }

  /** The nodes the facet filters keep, or null when no facet filter is set. */
  private facetKeepSet(): Set<string> | null {
    const filters = this.state.filters;
    if (!FACETS.some((f) => filters[f])) return null;
    const items = this.cy.nodes().filter((n) => ITEM_KINDS.has(String(n.data('kind'))));
    const goalNumber = filters.goal ? this.cy.getElementById(filters.goal).data('number') ?? Number(/^sdg-(\d+)$/.exec(filters.goal)?.[1]) : undefined;
    const matches = (item: cytoscape.NodeSingular): boolean => {
      const neighbours: cytoscape.NodeSingular[] = item.neighborhood().nodes().map((n) => n);
      for (const facet of FACETS) {
        const value = filters[facet];
        if (!value) continue;
        if (facet === 'country') {
          const ok =
            item.data('country') === value ||
            neighbours.some((nb) => ['place', 'organisation'].includes(String(nb.data('kind'))) && nb.data('country') === value);
          if (!ok) return false;
        } else if (facet === 'goal') {
          const ok = neighbours.some(
            (nb) =>
              nb.id() === value ||
              (nb.data('kind') === 'target' && goalNumber !== undefined && nb.id().startsWith(`target-${goalNumber}-`)),
          );
          if (!ok) return false;
        } else if (!neighbours.some((nb) => nb.id() === value)) return false;
      }
      return true;
    };
    const kept = items.filter(matches);
    const keep = new Set<string>(kept.map((n) => n.id()));
    for (const facet of FACETS) {
      const v = filters[facet];
      if (v && facet !== 'country') keep.add(v);
    }
    // Context nodes stay when they touch a kept item, or touch no item at all.
    this.cy.nodes().forEach((n) => {
      if (ITEM_KINDS.has(String(n.data('kind')))) return;
      const itemNeighbours = n
        .neighborhood()
        .nodes()
        .map((nb) => nb)
        .filter((nb) => ITEM_KINDS.has(String(nb.data('kind'))));
      if (itemNeighbours.length === 0 || itemNeighbours.some((nb) => keep.has(nb.id()))) keep.add(n.id());
    });
    return keep;
  }

  /** The values the facet filters can take, from the nodes in the view. */
  facetOptions(): Record<Facet, FacetOption[]> {
    const byKind = (kind: NodeKind): FacetOption[] =>
      this.cy
        .nodes(`[kind = "${kind}"]`)
        .map((n) => ({ value: n.id(), label: String(n.data('label')), n: Number(n.data('number')) }))
        .sort((a, b) => (Number.isFinite(a.n) && Number.isFinite(b.n) ? a.n - b.n : a.label.localeCompare(b.label)))
        .map(({ value, label }) => ({ value, label }));
    const countries = new Set<string>();
    this.cy.nodes().forEach((n) => {
      const c = n.data('country');
      if (typeof c === 'string' && /^[A-Z]{2}$/.test(c)) countries.add(c);
    });
    return {
      pathway: byKind('pathway'),
      goal: byKind('goal'),
      theme: byKind('theme'),
      country: [...countries].sort().map((c) => ({ value: c, label: c })),
    };
  }

  // ---------------------------------------------------------------- selection and queries

  select(id: string | null, origin: 'canvas' | 'list' | 'api' = 'api'): void {
    const node = id ? this.cy.getElementById(id) : undefined;
    this.cy.batch(() => {
      this.cy.elements(':selected').unselect();
      if (node && node.nonempty()) node.select();
    });
    const selected = node && node.nonempty() ? id : null;
    if (node && node.nonempty() && origin === 'list' && !this.headless) {
      this.cy.animate({ center: { eles: node } }, { duration: this.dense ? 0 : 250 });
    }
    if ((this.state.selected ?? null) !== selected) {
      this.state.selected = selected ?? undefined;
      this.commit(false);
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

  private visibleNodeCollection(): cytoscape.NodeCollection {
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

  // ---------------------------------------------------------------- layout and viewport

  setLayout(name: LayoutName): Promise<void> {
    this.state.layout = name;
    this.commit(true);
    return this.runLayout(name);
  }

  private layoutOptions(name: LayoutName, incremental: boolean): LayoutOptions {
    const animate = this.animate && !this.dense;
    const common = { animate, animationDuration: 450, fit: true, padding: 40 };
    const anchors = this.cy.nodes('.anchor').not(HIDDEN_SELECTOR);
    switch (name) {
      case 'concentric':
        return {
          ...common,
          name,
          avoidOverlap: !this.dense,
          minNodeSpacing: this.dense ? 4 : 18,
          concentric: (n: cytoscape.NodeSingular) => (n.hasClass('anchor') ? 1000 : n.degree(false)),
          levelWidth: (nodes: cytoscape.NodeCollection) => Math.max(1, nodes.maxDegree(false) / 4),
        };
      case 'breadthfirst':
        return {
          ...common,
          name,
          directed: false,
          spacingFactor: this.dense ? 0.9 : 1.15,
          avoidOverlap: !this.dense,
          roots: anchors.nonempty() ? anchors.map((n) => `#${cssId(n.id())}`).join(', ') : undefined,
        };
      default:
        return {
          ...common,
          name: 'fcose',
          quality: this.dense ? 'draft' : 'default',
          fit: !this.dense,
          // fCoSE's draft quality is its spectral step, which needs random starts; an expansion of a
          // small graph refines the current positions instead, keeping the picture stable.
          randomize: this.dense || !incremental,
          samplingType: true,
          nodeDimensionsIncludeLabels: false,
          idealEdgeLength: () => (this.dense ? 40 : 150),
          nodeRepulsion: () => (this.dense ? 3500 : 12000),
          numIter: this.dense ? 800 : 2500,
          tile: true,
        };
    }
  }

  /** Stops a running layout (its promise resolves at once). */
  stopLayout(): void {
    const running = this.running;
    if (!running) return;
    this.running = null;
    running.layout.stop();
    running.finish();
  }

  /**
   * Lays out the visible elements. Resolves when the layout has stopped, or at once when another
   * layout supersedes it. Math.random is seeded while the layout computes, so it is deterministic.
   */
  runLayout(name: LayoutName = this.state.layout, { incremental = false }: { incremental?: boolean } = {}): Promise<void> {
    this.stopLayout();
    const nodes = this.visibleNodeCollection();
    if (nodes.empty()) return Promise.resolve();
    if (this.dense && incremental && name === 'fcose') {
      // A big graph keeps its picture when it grows: the new nodes stay on their ring.
      if (!this.headless) this.cy.fit(undefined, 40);
      return Promise.resolve();
    }
    const eles = nodes.union(nodes.edgesWith(nodes));
    const layout = eles.layout(this.layoutOptions(name, incremental) as unknown as cytoscape.LayoutOptions);
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        if (this.running?.layout === layout) this.running = null;
        // A small graph is not blown up to fill the screen.
        if (!this.headless && this.cy.zoom() > MAX_FIT_ZOOM) {
          this.cy.zoom(MAX_FIT_ZOOM);
          this.cy.center(eles);
        }
        this.bus.emit('layout', { name, running: false });
        resolve();
      };
      this.running = { layout, finish };
      if (this.dense && name === 'fcose') {
        // fCoSE's draft puts nodes with the same neighbours on the same spot: spread them out.
        layout.one('layoutstop', () => {
          spreadCoincident(this.cy, nodes);
          if (!this.headless) this.cy.fit(nodes, 30);
        });
      }
      layout.one('layoutstop', finish);
      this.bus.emit('layout', { name, running: true });
      try {
        withSeededRandom(LAYOUT_SEED, () => layout.run());
      } catch (err) {
        console.error('explorer: layout failed', err);
        finish();
      }
    });
  }

  fit(): void {
    const visible = this.visibleNodeCollection();
    this.cy.fit(visible.nonempty() ? visible : undefined, 40);
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center(visible);
    }
  }

  zoomBy(factor: number): void {
    const cy = this.cy;
    const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
    cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  // ---------------------------------------------------------------- export

  /** The view as a PNG (white background, whole graph); needs a browser. */
  exportPng(output: 'blob'): Blob;
  exportPng(output?: 'base64uri'): string;
  exportPng(output: 'blob' | 'base64uri' = 'base64uri'): Blob | string {
    if (this.headless) throw new Error('PNG export needs a browser.');
    const options = { full: true, bg: '#ffffff', scale: 2, maxWidth: 4000, maxHeight: 4000 };
    return output === 'blob' ? this.cy.png({ ...options, output: 'blob' }) : this.cy.png({ ...options, output: 'base64uri' });
  }

  /** The view as JSON: Cytoscape elements (data, positions, classes) and the view state. */
  exportJson(): string {
    const json = this.cy.json() as { elements?: unknown };
    return JSON.stringify(
      {
        generator: 'Pathway Atlas explorer',
        exportedAt: new Date().toISOString(),
        state: this.getState(),
        elements: json.elements ?? { nodes: [], edges: [] },
      },
      null,
      2,
    );
  }

  destroy(): void {
    this.resizeObserver?.disconnect();
    this.stopLayout();
    this.cy.destroy();
  }

  static kindLabel(kind: string): string {
    return isNodeKind(kind) ? KIND_LABELS[kind] : kind;
  }
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const SPREAD_SPACING = 24;

/**
 * Spreads nodes that share a position onto small sunflower discs, then pushes overlapping discs
 * apart. Linear in the nodes plus a bounded pairwise pass over the distinct positions.
 */
export function spreadCoincident(cy: cytoscape.Core, nodes: cytoscape.NodeCollection): void {
  const groups = new Map<string, cytoscape.NodeSingular[]>();
  nodes.forEach((n) => {
    const p = n.position();
    const key = `${Math.round(p.x / 2)},${Math.round(p.y / 2)}`;
    const g = groups.get(key);
    if (g) g.push(n);
    else groups.set(key, [n]);
  });
  const discs = [...groups.values()].map((members) => {
    const c = members.reduce((acc, n) => ({ x: acc.x + n.position('x'), y: acc.y + n.position('y') }), { x: 0, y: 0 });
    return { x: c.x / members.length, y: c.y / members.length, r: SPREAD_SPACING * (Math.sqrt(members.length) + 0.5), members };
  });
  // Scale the positions up first so that single nodes have room, then remove the remaining overlaps.
  const scale = discs.length > 1 ? 3 : 1;
  for (const d of discs) {
    d.x *= scale;
    d.y *= scale;
  }
  const budget = Math.max(1, Math.min(60, Math.floor(40_000_000 / Math.max(1, discs.length * discs.length))));
  for (let iter = 0; iter < budget; iter++) {
    let moved = false;
    for (let i = 0; i < discs.length; i++) {
      const a = discs[i]!;
      for (let j = i + 1; j < discs.length; j++) {
        const b = discs[j]!;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let d = Math.hypot(dx, dy);
        const min = a.r + b.r + 6;
        if (d >= min) continue;
        if (d < 1e-6) {
          const angle = (i * 7 + j * 13) * GOLDEN_ANGLE;
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          d = 1;
        }
        const push = (min - d) / 2 / d;
        a.x -= dx * push;
        a.y -= dy * push;
        b.x += dx * push;
        b.y += dy * push;
        moved = true;
      }
    }
    if (!moved) break;
  }
  cy.batch(() => {
    for (const d of discs) {
      d.members
        .sort((m, n) => kindRank(String(m.data('kind'))) - kindRank(String(n.data('kind'))) || (m.id() < n.id() ? -1 : 1))
        .forEach((n, i) => {
          const r = SPREAD_SPACING * Math.sqrt(i);
          n.position({ x: d.x + r * Math.cos(i * GOLDEN_ANGLE), y: d.y + r * Math.sin(i * GOLDEN_ANGLE) });
        });
    }
  });
}

/** Escapes an id for a Cytoscape `#id` selector. */
function cssId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`);
}
