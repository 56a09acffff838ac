/**
 * Layout and viewport: the options of each layout (cheaper ones for a dense view), running and
 * stopping a layout (a running layout is stopped before the next one starts), fitting and zooming.
 */
import type cytoscape from 'cytoscape';
import type { ExplorerBus } from './events.js';
import { kindRank, type GraphState } from './graph-state.js';
import { separateDiscs, sunflowerPoint } from './discs.js';
import { concentricValues, scaffoldPositions, treePositions } from './arrange.js';
import { withSeededRandom } from './random.js';
import type { LayoutName } from './types.js';
import type { ViewStateStore } from './view-state.js';

const LAYOUT_SEED = 20160429;
/** Fitting never zooms in further than this (the user still can). */
const MAX_FIT_ZOOM = 1.3;

type LayoutOptions = { name: string } & Record<string, unknown>;

interface RunningLayout {
  layout: cytoscape.Layouts;
  finish: () => void;
}

export interface LayoutRunnerOptions {
  /** Animate layouts (off in headless mode; dense views never animate). */
  animate: boolean;
  /** Cytoscape runs without a canvas (unit tests): no fitting or zooming to a screen. */
  headless: boolean;
}

export class LayoutRunner {
  private running: RunningLayout | null = null;

  constructor(
    private readonly cy: cytoscape.Core,
    private readonly bus: ExplorerBus,
    private readonly view: ViewStateStore,
    private readonly graph: GraphState,
    private readonly options: LayoutRunnerOptions,
  ) {}

  setLayout(name: LayoutName): Promise<void> {
    this.view.current.layout = name;
    this.view.commit(true);
    return this.runLayout(name);
  }

  private layoutOptions(name: LayoutName, incremental: boolean, nodes: cytoscape.NodeCollection): LayoutOptions {
    const dense = this.graph.isDense();
    const draft = this.graph.isBusy();
    const animate = this.options.animate && !this.graph.isBusy();
    const common = { animate, animationDuration: 450, fit: true, padding: 40 };
    switch (name) {
      case 'scaffold':
      case 'breadthfirst': {
        const positions =
          name === 'scaffold'
            ? scaffoldPositions(nodes)
            : treePositions(
                nodes,
                this.cy.nodes('.anchor').map((n) => n.id()),
              );
        return { ...common, name: 'preset', positions: (n: cytoscape.NodeSingular) => positions.get(n.id()) ?? n.position() };
      }
      case 'concentric': {
        const values = concentricValues(nodes);
        return {
          ...common,
          name,
          avoidOverlap: !dense,
          minNodeSpacing: dense ? 4 : 18,
          concentric: (n: cytoscape.NodeSingular) => values.get(n.id()) ?? 0,
          levelWidth: () => 5,
        };
      }
      default:
        return {
          ...common,
          name: 'fcose',
          // Past BUSY_NODES the spectral draft alone (at 500 nodes about a quarter of the full layout's time).
          quality: draft ? 'draft' : 'default',
          fit: !dense,
          // fCoSE's draft quality is its spectral step, which needs random starts; an expansion of a
          // small graph refines the current positions instead, keeping the picture stable.
          randomize: draft || !incremental,
          samplingType: true,
          nodeDimensionsIncludeLabels: false,
          idealEdgeLength: () => (dense ? 40 : 150),
          nodeRepulsion: () => (dense ? 3500 : 12000),
          numIter: dense ? 800 : 2500,
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
  runLayout(name: LayoutName = this.view.current.layout, { incremental = false }: { incremental?: boolean } = {}): Promise<void> {
    this.stopLayout();
    const { headless } = this.options;
    const dense = this.graph.isDense();
    const nodes = this.graph.visibleNodeCollection();
    if (nodes.empty()) return Promise.resolve();
    if (dense && incremental && name === 'fcose') {
      // A big graph keeps its picture when it grows: the new nodes stay on their ring.
      if (!headless) this.cy.fit(undefined, 40);
      return Promise.resolve();
    }
    const eles = nodes.union(nodes.edgesWith(nodes));
    const layout = eles.layout(this.layoutOptions(name, incremental, nodes));
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        if (this.running?.layout === layout) this.running = null;
        // A small graph is not blown up to fill the screen.
        if (!headless && this.cy.zoom() > MAX_FIT_ZOOM) {
          this.cy.zoom(MAX_FIT_ZOOM);
          this.cy.center(eles);
        }
        this.bus.emit('layout', { name, running: false });
        resolve();
      };
      this.running = { layout, finish };
      if (this.graph.isBusy() && name === 'fcose') {
        // fCoSE's draft puts nodes with the same neighbours on the same spot: spread them out.
        layout.one('layoutstop', () => {
          spreadCoincident(this.cy, nodes);
          if (!headless) this.cy.fit(nodes, 30);
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
    const visible = this.graph.visibleNodeCollection();
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
}

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
  separateDiscs(discs, { gap: 6, minRounds: 1, maxRounds: 60, work: 40_000_000 });
  cy.batch(() => {
    for (const d of discs) {
      d.members
        .sort((m, n) => kindRank(String(m.data('kind'))) - kindRank(String(n.data('kind'))) || (m.id() < n.id() ? -1 : 1))
        .forEach((n, i) => {
          n.position(sunflowerPoint(d, i, SPREAD_SPACING));
        });
    }
  });
}
