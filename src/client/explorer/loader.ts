/**
 * The data operations that go through the API: opening and adding neighbourhoods, expanding a
 * node, finding a path and rebuilding a whole view from a state. They run one at a time through
 * the queue, so a shared URL always rebuilds the same view.
 */
import type cytoscape from 'cytoscape';
import { reportError, type ExplorerBus } from './events.js';
import type { Filters } from './filters.js';
import type { GraphState } from './graph-state.js';
import type { LayoutRunner } from './layout.js';
import type { TaskQueue } from './queue.js';
import { cloneState, type ViewState } from './state.js';
import { isGroupData, type GraphPayload, type GraphSource, type NeighbourhoodResponse } from './types.js';
import type { ViewStateStore } from './view-state.js';

/** The parts a loader works through. */
export interface LoaderParts {
  cy: cytoscape.Core;
  bus: ExplorerBus;
  view: ViewStateStore;
  graph: GraphState;
  filters: Filters;
  layout: LayoutRunner;
  queue: TaskQueue;
}

export class Loader {
  private readonly cy: cytoscape.Core;
  private readonly bus: ExplorerBus;
  private readonly view: ViewStateStore;
  private readonly graph: GraphState;
  private readonly filters: Filters;
  private readonly layout: LayoutRunner;
  private readonly queue: TaskQueue;

  constructor(
    private readonly api: GraphSource | null,
    parts: LoaderParts,
  ) {
    this.cy = parts.cy;
    this.bus = parts.bus;
    this.view = parts.view;
    this.graph = parts.graph;
    this.filters = parts.filters;
    this.layout = parts.layout;
    this.queue = parts.queue;
  }

  /** The live view state (`restore` replaces it, so it is read afresh each time). */
  private get state(): ViewState {
    return this.view.current;
  }

  /** Replaces the view with the neighbourhood of one node. */
  open(id: string): Promise<void> {
    return this.restore(this.view.openingState(id), true);
  }

  /** Adds the neighbourhood of a node to the view (it becomes an anchor of the view). */
  addNeighbourhood(id: string, depth = this.state.depth): Promise<void> {
    return this.queue.enqueue('load', async () => {
      if (!this.api) return;
      try {
        const res = await this.api.neighbourhood(id, { depth, limit: this.state.limit });
        const first = this.cy.nodes().empty();
        const centre = this.followed(id, res);
        this.graph.merge(res, centre);
        this.cy.getElementById(centre).addClass('anchor');
        if (!this.state.nodes.includes(centre)) this.state.nodes.push(centre);
        this.state.depth = depth;
        this.reportTruncation(res.truncated, res.limit, centre);
        this.filters.applyFilters();
        this.view.commit(true);
        await this.layout.runLayout(this.state.layout, { incremental: !first });
      } catch (err) {
        reportError(this.bus, err, `Loading the neighbourhood of ${id}`);
      }
    });
  }

  /** Adds the direct neighbours of a node; a group node is replaced by its members instead. */
  expand(id: string): Promise<void> {
    if (isGroupData(this.graph.nodeData(id))) return this.expandGroup(id);
    return this.queue.enqueue('expand', async () => {
      if (!this.api) return;
      try {
        const res = await this.api.neighbourhood(id, { depth: 1, limit: this.state.limit });
        const centre = this.followed(id, res);
        const added = this.graph.merge(res, centre);
        if (!this.state.expanded.includes(centre)) this.state.expanded.push(centre);
        this.reportTruncation(res.truncated, res.limit, centre);
        this.filters.applyFilters();
        this.view.commit(true);
        if (added.length) await this.layout.runLayout(this.state.layout, { incremental: true });
        else
          this.bus.emit('notice', {
            level: 'info',
            code: 'info',
            message: `${this.graph.labelOf(id)}: all its neighbours are already shown.`,
          });
      } catch (err) {
        reportError(this.bus, err, `Expanding ${id}`);
      }
    });
  }

  /**
   * Replaces a group node by its members (as many as the cap allows; the rest come as a further
   * group), placed around where the group was.
   */
  expandGroup(id: string): Promise<void> {
    return this.queue.enqueue('expand', async () => {
      const data = this.graph.nodeData(id);
      if (!this.api || !isGroupData(data)) return;
      try {
        const res = await this.api.group(data.expand, this.state.limit);
        const added = this.graph.merge(res, id);
        this.graph.dropGroup(id);
        this.filters.applyFilters();
        this.view.commit(false);
        this.bus.emit('group', { id, parent: data.parent, members: res.group.members, added });
        if (added.length) await this.layout.runLayout(this.state.layout, { incremental: true });
      } catch (err) {
        reportError(this.bus, err, `Opening the group "${data.label}"`);
      }
    });
  }

  /**
   * The node a neighbourhood answer is centred on: a merged-away id is answered (through the API's
   * redirect) with the node it was merged into, as the pages follow it; the view then names that one.
   */
  private followed(asked: string, res: NeighbourhoodResponse): string {
    const centre = typeof res.center === 'string' ? res.center : asked;
    if (centre === asked || !res.nodes.some((n) => n.data.id === centre)) return asked;
    const rename = (ids: string[]) => ids.map((x) => (x === asked ? centre : x));
    const state = this.state;
    state.hidden = rename(state.hidden);
    state.removed = rename(state.removed);
    if (state.selected === asked) state.selected = centre;
    if (state.path) state.path = { from: rename([state.path.from])[0]!, to: rename([state.path.to])[0]! };
    this.bus.emit('notice', {
      level: 'info',
      code: 'moved',
      message: `${asked} was merged into ${centre}: the view shows ${centre}.`,
    });
    return centre;
  }

  private reportTruncation(truncated: boolean, limit: number, id: string): void {
    if (!truncated) return;
    this.bus.emit('notice', {
      level: 'warning',
      code: 'truncated',
      message: `The neighbourhood of ${this.graph.labelOf(id)} was capped at ${limit} nodes: the atlas holds more than is shown. The rest are in group nodes (dashed boxes with a count): click one, or choose it in "Nodes in view" and press Enter, to show its members.`,
    });
  }

  /** Finds and draws the shortest path between two nodes; the rest of the view fades. */
  findPath(from: string, to: string): Promise<boolean> {
    return this.queue.enqueue('path', async () => {
      if (!this.api) return false;
      try {
        const res = await this.api.path(from, to);
        if (!res.found) {
          this.clearPathClasses();
          this.state.path = undefined;
          this.view.commit(true);
          this.bus.emit('notice', {
            level: 'warning',
            code: 'no-path',
            message: `No path joins ${this.graph.labelOf(from)} and ${this.graph.labelOf(to)} in the atlas.`,
          });
          this.bus.emit('path', { from, to, found: false, length: 0 });
          return false;
        }
        // Merged-away ids come back as the nodes they were merged into.
        const ends = { from: res.from ?? from, to: res.to ?? to };
        const added = this.graph.merge(res, ends.from);
        this.highlightPath(res);
        this.state.path = ends;
        this.filters.applyFilters();
        this.view.commit(true);
        this.bus.emit('path', { ...ends, found: true, length: res.length });
        if (added.length) await this.layout.runLayout(this.state.layout, { incremental: true });
        return true;
      } catch (err) {
        reportError(this.bus, err, 'Finding a path');
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
    this.filters.applyFilters();
    this.view.commit(true);
    this.bus.emit('path', null);
  }

  /** Rebuilds a whole view from a state (a shared URL, or the back button). */
  restore(target: ViewState, push = false): Promise<void> {
    return this.queue.enqueue('restore', async () => {
      const state = cloneState(target);
      this.layout.stopLayout();
      this.cy.elements().remove();
      this.graph.applyDensity();
      this.view.replace(state);
      this.state.nodes = [];
      this.state.expanded = [];
      const api = this.api;
      if (!api) return;
      // Fetch every neighbourhood in parallel, then merge in a fixed order.
      const anchors = await Promise.allSettled(state.nodes.map((id) => api.neighbourhood(id, { depth: state.depth, limit: state.limit })));
      anchors.forEach((r, i) => {
        const id = state.nodes[i]!;
        if (r.status === 'fulfilled') {
          const centre = this.followed(id, r.value);
          this.graph.merge(r.value, centre);
          this.cy.getElementById(centre).addClass('anchor');
          if (!this.state.nodes.includes(centre)) this.state.nodes.push(centre);
          this.reportTruncation(r.value.truncated, r.value.limit, centre);
        } else reportError(this.bus, r.reason, `Opening ${id}`);
      });
      const expansions = await Promise.allSettled(state.expanded.map((id) => api.neighbourhood(id, { depth: 1, limit: state.limit })));
      expansions.forEach((r, i) => {
        const id = state.expanded[i]!;
        if (r.status === 'fulfilled') {
          const centre = this.followed(id, r.value);
          this.graph.merge(r.value, centre);
          if (!this.state.expanded.includes(centre)) this.state.expanded.push(centre);
          this.reportTruncation(r.value.truncated, r.value.limit, centre);
        }
      });
      const removed = this.state.removed;
      this.cy.batch(() => {
        for (const id of removed) this.cy.getElementById(id).remove();
      });
      this.state.hidden = this.state.hidden.filter((id) => this.cy.getElementById(id).nonempty());
      const path = this.state.path;
      if (path) {
        try {
          const res = await api.path(path.from, path.to);
          if (res.found) {
            this.state.path = { from: res.from ?? path.from, to: res.to ?? path.to };
            this.graph.merge(res, this.state.path.from);
            this.highlightPath(res);
          } else this.state.path = undefined;
        } catch (err) {
          this.state.path = undefined;
          reportError(this.bus, err, 'Finding a path');
        }
      }
      this.graph.applyDensity();
      this.filters.applyFilters();
      if (this.state.selected && this.cy.getElementById(this.state.selected).empty()) this.state.selected = undefined;
      this.view.commit(push);
      if (this.cy.nodes().empty() && state.nodes.length) {
        this.bus.emit('notice', { level: 'info', code: 'empty', message: 'Nothing to show for this view.' });
      }
      await this.layout.runLayout(this.state.layout);
      if (this.state.selected) this.graph.select(this.state.selected, 'api');
    });
  }
}
