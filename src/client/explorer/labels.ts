/**
 * Labels that never collide. Labels keep their size on screen (the stylesheet's scale is 1 / zoom),
 * and after each layout, zoom, selection or change of what is visible they are shown greedily by
 * priority (the selected node, its neighbours, a drawn path, the anchors, the frameworks, groups,
 * then by degree): a label is shown only when its box overlaps no label already shown. Zooming in
 * makes room, so more labels appear; the rest show while the pointer is on their node.
 * The relationships of the selected and the hovered node are written on their edges.
 */
import type cytoscape from 'cytoscape';
import type { ExplorerBus } from './events.js';
import { HIDDEN_SELECTOR } from './graph-state.js';

export const LABEL_OFF = 'label-off';
export const LABEL_HOVER = 'label-hover';
export const EDGE_LABEL = 'edge-label';

/** Zoom levels beyond these keep the label size they have there. */
const MIN_LABEL_ZOOM = 0.1;
const MAX_LABEL_ZOOM = 4;
/** How long the viewport rests before the labels are chosen again. */
const SETTLE_MS = 90;
/** Room kept between two labels, in screen pixels. */
const GAP_PX = 2;

const KIND_PRIORITY: Record<string, number> = { pathway: 600, goal: 580, group: 500, target: 400, initiative: 200, place: 150 };

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export class LabelLayer {
  private scale = 1;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly cy: cytoscape.Core,
    bus: ExplorerBus,
    private readonly headless: boolean,
    /** A dense view keeps labels at their model size (restyling thousands of elements per zoom costs too much). */
    private readonly isDense: () => boolean,
  ) {
    cy.on('zoom', () => this.schedule());
    cy.on('mouseover', 'node', (evt) => this.hover(evt.target as cytoscape.NodeSingular, true));
    cy.on('mouseout', 'node', (evt) => this.hover(evt.target as cytoscape.NodeSingular, false));
    bus.on('layout', ({ running }) => {
      if (!running) this.update();
    });
    bus.on('graph', () => this.schedule());
    bus.on('select', () => this.update());
  }

  /** Model units per screen pixel of label text; the stylesheet reads it. */
  readonly labelScale = (): number => this.scale;

  /** Chooses the labels again once the viewport has rested. */
  schedule(): void {
    if (this.headless) return this.update();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.update();
    }, SETTLE_MS);
  }

  /** Sets the label size for the current zoom and shows the labels that fit, best first. */
  update(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const cy = this.cy;
    if (cy.destroyed()) return;
    const zoom = Math.min(MAX_LABEL_ZOOM, Math.max(MIN_LABEL_ZOOM, cy.zoom()));
    const scale = this.headless || this.isDense() ? 1 : 1 / zoom;
    if (Math.abs(scale - this.scale) > 1e-9) {
      this.scale = scale;
      cy.style().update();
    }
    const nodes: cytoscape.NodeCollection = cy.nodes().not(HIDDEN_SELECTOR);
    const selected = cy.nodes(':selected').not(HIDDEN_SELECTOR);
    const near = new Set<string>(
      selected
        .neighborhood()
        .nodes()
        .map((n) => n.id()),
    );
    const chosen = new Set<string>(selected.map((n) => n.id()));
    const ranked = nodes
      .map((n: cytoscape.NodeSingular) => ({ n, p: this.priority(n, chosen, near) }))
      .sort((a, b) => b.p - a.p || (a.n.id() < b.n.id() ? -1 : 1));
    const gap = GAP_PX * this.scale;
    const shown: Box[] = [];
    const on: cytoscape.NodeSingular[] = [];
    const off: cytoscape.NodeSingular[] = [];
    for (const { n } of ranked) {
      const b = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
      const box = { x1: b.x1 - gap, y1: b.y1 - gap, x2: b.x2 + gap, y2: b.y2 + gap };
      if (b.w > 0 && !shown.some((s) => overlaps(s, box))) {
        shown.push(box);
        on.push(n);
      } else off.push(n);
    }
    cy.batch(() => {
      for (const n of on) n.removeClass(LABEL_OFF);
      for (const n of off) n.addClass(LABEL_OFF);
      cy.edges(`.${EDGE_LABEL}`).removeClass(EDGE_LABEL);
      selected.connectedEdges().addClass(EDGE_LABEL);
    });
  }

  private priority(n: cytoscape.NodeSingular, selected: Set<string>, near: Set<string>): number {
    if (selected.has(n.id())) return 1e7;
    let p = near.has(n.id()) ? 1e6 : 0;
    if (n.hasClass('highlighted')) p += 1e5;
    if (n.hasClass('anchor')) p += 1e4;
    return p + (KIND_PRIORITY[String(n.data('kind'))] ?? 0) * 10 + Math.min(n.degree(false), 5000) / 1000;
  }

  private hover(n: cytoscape.NodeSingular, on: boolean): void {
    this.cy.batch(() => {
      n.toggleClass(LABEL_HOVER, on);
      if (on) n.connectedEdges().addClass(EDGE_LABEL);
      else n.connectedEdges().not(this.cy.nodes(':selected').connectedEdges()).removeClass(EDGE_LABEL);
    });
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}
