/**
 * The explorer's controller: it owns the Cytoscape instance and an event bus. Every graph operation
 * is a method here; UI pieces call the methods and subscribe to the bus, and never touch `cy`.
 *
 * Data operations (load, expand, path, restore) run one at a time through a queue, so a shared URL
 * always rebuilds the same view. A running layout is stopped before the next one starts.
 *
 * The work is done by parts, each handed the Cytoscape instance, the bus and the view state it needs:
 * the view state and its commits (view-state.ts), the elements and the selection (graph-state.ts),
 * visibility and facets (filters.ts), layout and viewport (layout.ts), the API operations and their
 * queue (loader.ts, queue.ts) and the exports (export.ts). This class composes them.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { EventBus } from './bus.js';
import type { ExplorerEvents, FacetOption, NodeSummary } from './events.js';
import { exportGraphml, exportJson, exportPng, exportSvg } from './export.js';
import { Filters } from './filters.js';
import { GraphState } from './graph-state.js';
import { LabelLayer } from './labels.js';
import { LayoutRunner } from './layout.js';
import { Loader } from './loader.js';
import { TaskQueue } from './queue.js';
import type { Facet, ViewState } from './state.js';
import { explorerStylesheet } from './style.js';
import {
  isGroupData,
  isNodeKind,
  KIND_LABELS,
  type ApiNodeData,
  type GraphPayload,
  type GraphSource,
  type LayoutName,
  type NodeKind,
} from './types.js';
import { ViewStateStore } from './view-state.js';

export type { ExplorerEvents, FacetOption, NodeSummary, Notice, NoticeLevel } from './events.js';
export { spreadCoincident } from './layout.js';

let registered = false;
/** Registers the layout extensions once per page (or per Node process in tests). */
export function registerExtensions(): void {
  if (registered) return;
  cytoscape.use(fcose);
  registered = true;
}

/** Above this many nodes the explorer switches to its cheaper rendering and layout settings. */
export const DENSE_THRESHOLD = 800;

export interface ControllerOptions {
  /** The element to draw in; without one Cytoscape runs headless (unit tests). */
  container?: HTMLElement;
  /** Animate layouts (off in headless mode and for large graphs). */
  animate?: boolean;
  denseThreshold?: number;
}

export class ExplorerController {
  readonly cy: cytoscape.Core;
  readonly bus = new EventBus<ExplorerEvents>();
  private readonly view: ViewStateStore;
  private readonly graph: GraphState;
  private readonly filters: Filters;
  private readonly layout: LayoutRunner;
  private readonly queue: TaskQueue;
  private readonly loader: Loader;
  private readonly headless: boolean;
  private readonly labels: LabelLayer;
  private resizeObserver: ResizeObserver | null = null;

  constructor(api: GraphSource | null, options: ControllerOptions = {}) {
    registerExtensions();
    const headless = !options.container;
    this.headless = headless;
    // The stylesheet reads the label scale of the label layer, made once the instance exists.
    const scale = { of: () => 1 };
    const labelScale = headless ? undefined : () => scale.of();
    this.cy = cytoscape({
      container: options.container,
      headless,
      styleEnabled: true,
      style: explorerStylesheet({ labelScale }),
      elements: [],
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      pixelRatio: 'auto',
    });
    const { cy, bus } = this;
    this.view = new ViewStateStore(bus);
    this.graph = new GraphState(cy, bus, this.view, { denseThreshold: options.denseThreshold ?? DENSE_THRESHOLD, headless, labelScale });
    this.labels = new LabelLayer(cy, bus, headless, () => this.graph.isDense());
    scale.of = this.labels.labelScale;
    this.filters = new Filters(cy, bus, this.view, this.graph);
    this.layout = new LayoutRunner(cy, bus, this.view, this.graph, { animate: !headless && (options.animate ?? true), headless });
    this.queue = new TaskQueue(bus);
    this.loader = new Loader(api, {
      cy,
      bus,
      view: this.view,
      graph: this.graph,
      filters: this.filters,
      layout: this.layout,
      queue: this.queue,
    });

    // A click on a group node opens the group; on any other node, selects it.
    cy.on('tap', 'node', (evt) => {
      const id = (evt.target as cytoscape.NodeSingular).id();
      if (this.isGroup(id)) void this.expandGroup(id);
      else this.select(id, 'canvas');
    });
    cy.on('tap', (evt) => {
      if (evt.target === cy) this.select(null, 'canvas');
    });
    cy.on('dbltap', 'node', (evt) => {
      const id = (evt.target as cytoscape.NodeSingular).id();
      if (!this.isGroup(id)) void this.expand(id);
    });
    // The canvas follows its box when the side panel opens or the window changes.
    if (options.container && typeof ResizeObserver === 'function') {
      this.resizeObserver = new ResizeObserver(() => cy.resize());
      this.resizeObserver.observe(options.container);
    }
  }

  /** Publishes the state after a change made here, once the filters are applied again. */
  private changed(): void {
    this.filters.applyFilters();
    this.view.commit(true);
  }

  // ---------------------------------------------------------------- state

  getState(): ViewState {
    return this.view.get();
  }

  isDense(): boolean {
    return this.graph.isDense();
  }

  isBusy(): boolean {
    return this.queue.isBusy();
  }

  // ---------------------------------------------------------------- elements

  /** Adds the elements of a payload not in the view yet; returns the ids of the nodes added (see GraphState.merge). */
  merge(payload: GraphPayload, origin?: string): string[] {
    return this.graph.merge(payload, origin);
  }

  // ---------------------------------------------------------------- data operations

  /** Replaces the view with the neighbourhood of one node. */
  open(id: string): Promise<void> {
    return this.loader.open(id);
  }

  /** Adds the neighbourhood of a node to the view (it becomes an anchor of the view). */
  addNeighbourhood(id: string, depth = this.view.current.depth): Promise<void> {
    return this.loader.addNeighbourhood(id, depth);
  }

  /** Adds the direct neighbours of a node. */
  expand(id: string): Promise<void> {
    return this.loader.expand(id);
  }

  /** Replaces a group node by its members (capped, with a further group for the rest). */
  expandGroup(id: string): Promise<void> {
    return this.loader.expandGroup(id);
  }

  /** Whether the node is a group node standing for neighbours left out by the cap. */
  isGroup(id: string): boolean {
    return isGroupData(this.graph.nodeData(id));
  }

  /** Finds and draws the shortest path between two nodes; the rest of the view fades. */
  findPath(from: string, to: string): Promise<boolean> {
    return this.loader.findPath(from, to);
  }

  clearPath(): void {
    this.loader.clearPath();
  }

  /** Rebuilds a whole view from a state (a shared URL, or the back button). */
  restore(target: ViewState, push = false): Promise<void> {
    return this.loader.restore(target, push);
  }

  /** Waits until every queued data operation has finished. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  // ---------------------------------------------------------------- hide, remove, filters

  hide(id: string): void {
    if (this.graph.hide(id)) this.changed();
  }

  showHidden(): void {
    this.graph.showHidden();
    this.changed();
  }

  remove(id: string): void {
    if (this.graph.remove(id)) this.changed();
  }

  setKindVisible(kind: NodeKind, visible: boolean): void {
    this.filters.setKindVisible(kind, visible);
  }

  /** Sets a facet filter; one that would hide every practice in view is refused with a notice (false). */
  setFilter(facet: Facet, value: string | undefined): boolean {
    return this.filters.setFilter(facet, value);
  }

  clearFilters(): void {
    this.filters.clearFilters();
  }

  /** Puts the filter and hide classes on the nodes; the elements of a drawn path always stay visible. */
  applyFilters(): void {
    this.filters.applyFilters();
  }

  /** The values the facet filters can take, from the nodes in the view. */
  facetOptions(): Record<Facet, FacetOption[]> {
    return this.filters.facetOptions();
  }

  // ---------------------------------------------------------------- selection and queries

  select(id: string | null, origin: 'canvas' | 'list' | 'api' = 'api'): void {
    this.graph.select(id, origin);
  }

  labelOf(id: string): string {
    return this.graph.labelOf(id);
  }

  nodeData(id: string): ApiNodeData | undefined {
    return this.graph.nodeData(id);
  }

  has(id: string): boolean {
    return this.graph.has(id);
  }

  /** The nodes in view, by kind then label (for the keyboard list). */
  visibleNodes(): NodeSummary[] {
    return this.graph.visibleNodes();
  }

  kindCounts(): Record<string, number> {
    return this.graph.kindCounts();
  }

  // ---------------------------------------------------------------- layout and viewport

  setLayout(name: LayoutName): Promise<void> {
    return this.layout.setLayout(name);
  }

  /** Stops a running layout (its promise resolves at once). */
  stopLayout(): void {
    this.layout.stopLayout();
  }

  /**
   * Lays out the visible elements. Resolves when the layout has stopped, or at once when another
   * layout supersedes it. Math.random is seeded while the layout computes, so it is deterministic.
   */
  runLayout(name: LayoutName = this.view.current.layout, options: { incremental?: boolean } = {}): Promise<void> {
    return this.layout.runLayout(name, options);
  }

  fit(): void {
    this.layout.fit();
  }

  zoomBy(factor: number): void {
    this.layout.zoomBy(factor);
  }

  /** Moves the view by some screen pixels (the arrow keys on the drawing). */
  panBy(x: number, y: number): void {
    this.cy.panBy({ x, y });
  }

  // ---------------------------------------------------------------- export

  /** The view as a PNG (white background, whole graph); needs a browser. */
  exportPng(output: 'blob'): Blob;
  exportPng(output?: 'base64uri'): string;
  exportPng(output: 'blob' | 'base64uri' = 'base64uri'): Blob | string {
    return output === 'blob' ? exportPng(this.cy, this.headless, 'blob') : exportPng(this.cy, this.headless, 'base64uri');
  }

  /** The view as SVG (white background, whole graph); needs a browser. */
  exportSvg(): string {
    return exportSvg(this.cy, this.headless);
  }

  /** GraphML of exactly the nodes in view and the edges between them. */
  exportGraphml(): string {
    return exportGraphml(this.graph.visibleNodeCollection());
  }

  /** Chooses again which labels are shown (they never overlap); runs by itself after layouts, zooms and selections. */
  updateLabels(): void {
    this.labels.update();
  }

  /** The view as JSON: Cytoscape elements (data, positions, classes) and the view state. */
  exportJson(): string {
    return exportJson(this.cy, this.getState());
  }

  destroy(): void {
    this.resizeObserver?.disconnect();
    this.labels.destroy();
    this.layout.stopLayout();
    this.cy.destroy();
  }

  static kindLabel(kind: string): string {
    if (kind === 'group') return 'Groups (click or press Enter to open)';
    return isNodeKind(kind) ? KIND_LABELS[kind] : kind;
  }
}
