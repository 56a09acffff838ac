/**
 * The explorer's Cytoscape stylesheet, kept apart from the logic. It styles by data (kind, colour,
 * transformation, basis) and by state classes that the controller toggles:
 *   .faded             everything outside a highlighted path or neighbourhood
 *   .highlighted       the nodes and edges of a found path
 *   .hidden-by-filter  taken out by the kind or facet filters
 *   .hidden-by-user    hidden with the "Hide" button
 *   .anchor            a node whose neighbourhood was loaded
 *   .label-off         a label that would overlap one with a higher priority (labels.ts)
 *   .label-hover       a label shown while the pointer is on its node
 *   .edge-label        an edge whose relationship is written on it (the selected node's, hovered)
 * Group nodes (kind "group") stand for neighbours left out by the cap: dashed, sized by their count.
 * Labels are drawn on the canvas from `data(label)`, never as HTML.
 */
import type cytoscape from 'cytoscape';
import type { NodeKind } from './types.js';

/** Text colour on the canvas and its halo: #1f2328 on white is 15.8:1. */
export const LABEL_COLOUR = '#1f2328';
export const LABEL_HALO = '#ffffff';

export const TRANSFORMATION_COLOURS = {
  'socio-cultural': '#8e3b9e',
  'socio-economic': '#c24e00',
  technological: '#1565c0',
} as const;

export const TRANSFORMATION_LABELS: Record<keyof typeof TRANSFORMATION_COLOURS, string> = {
  'socio-cultural': 'Socio-cultural transformation',
  'socio-economic': 'Socio-economic transformation',
  technological: 'Technological transformation',
};

export interface KindStyle {
  colour: string;
  shape: cytoscape.Css.NodeShape;
  size: number;
}

/** Colour and shape per kind; the shape repeats the colour's message for those who cannot see it. */
export const KIND_STYLES: Record<NodeKind, KindStyle> = {
  pathway: { colour: '#5b6770', shape: 'hexagon', size: 46 },
  goal: { colour: '#5b6770', shape: 'round-rectangle', size: 42 },
  target: { colour: '#9aa4ad', shape: 'round-rectangle', size: 22 },
  case: { colour: '#2e7d32', shape: 'ellipse', size: 32 },
  initiative: { colour: '#ad1457', shape: 'round-pentagon', size: 34 },
  place: { colour: '#00796b', shape: 'round-triangle', size: 32 },
  organisation: { colour: '#6d4c41', shape: 'round-diamond', size: 32 },
  theme: { colour: '#b8860b', shape: 'round-tag', size: 26 },
  approach: { colour: '#3949ab', shape: 'barrel', size: 26 },
  event: { colour: '#00838f', shape: 'vee', size: 28 },
  source: { colour: '#757575', shape: 'rectangle', size: 16 },
};

export const HIGHLIGHT_COLOUR = '#d32f2f';
export const SELECTED_COLOUR = '#111111';

export interface StyleOptions {
  /** A large graph: cheaper edges, no arrows, labels only when zoomed in. */
  dense?: boolean;
  /** A middling graph: straight edges, which cost less to draw than curves. */
  busy?: boolean;
  /**
   * Model units per screen pixel for label text (1 / zoom): labels keep their size on screen, so
   * zooming in makes room for more of them. Without it labels scale with the graph.
   */
  labelScale?: () => number;
}

export function explorerStylesheet({ dense = false, busy = false, labelScale }: StyleOptions = {}): cytoscape.StylesheetJson {
  // A length of label text: constant on screen when a scale is given.
  const px = (v: number): number | (() => number) => (labelScale ? () => v * labelScale() : v);
  const sheet: cytoscape.StylesheetJson = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        'font-size': px(11),
        color: LABEL_COLOUR,
        'text-outline-color': LABEL_HALO,
        'text-outline-width': px(2),
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': px(4),
        'text-wrap': 'ellipsis',
        'text-max-width': px(170) as unknown as string,
        'border-width': 1.5,
        'border-color': '#ffffff',
        'background-color': '#757575',
        width: 30,
        height: 30,
        // Labels too small to read are not drawn; a large graph shows them only when zoomed in.
        'min-zoomed-font-size': labelScale ? 0 : dense ? 9 : 6,
      },
    },
  ];
  for (const [kind, s] of Object.entries(KIND_STYLES)) {
    sheet.push({
      selector: `node[kind = "${kind}"]`,
      style: { 'background-color': s.colour, shape: s.shape, width: s.size, height: s.size },
    });
  }
  sheet.push(
    // Goals in their official colours, with the number inside.
    { selector: 'node[kind = "goal"][colour]', style: { 'background-color': 'data(colour)' } },
    // Pathways by their transformation.
    ...Object.entries(TRANSFORMATION_COLOURS).map(([t, colour]) => ({
      selector: `node[kind = "pathway"][transformation = "${t}"]`,
      style: { 'background-color': colour },
    })),
    { selector: 'node[kind = "pathway"], node[kind = "goal"]', style: { 'font-weight': 'bold', 'font-size': px(12) } },
    { selector: 'node.anchor', style: { 'border-width': 3, 'border-color': '#1f2328' } },
    // Group nodes: a dashed box in the colour of the kind they hold, as large as their count.
    {
      selector: 'node[kind = "group"]',
      style: {
        shape: 'round-rectangle',
        width: 'data(size)',
        height: 'data(size)',
        'background-color': '#5b6770',
        'background-opacity': 0.15,
        'border-width': 2.5,
        'border-style': 'dashed',
        'border-color': '#5b6770',
        'font-weight': 'bold',
        'min-zoomed-font-size': 0,
      },
    },
    ...Object.entries(KIND_STYLES).map(([kind, s]) => ({
      selector: `node[kind = "group"][of = "${kind}"]`,
      style: { 'background-color': s.colour, 'border-color': s.colour },
    })),
    {
      selector: 'edge',
      style: {
        width: 1.4,
        'line-color': '#9aa4ad',
        'curve-style': dense ? 'haystack' : busy ? 'straight' : 'bezier',
        ...(dense ? {} : { 'target-arrow-shape': 'triangle', 'target-arrow-color': '#9aa4ad', 'arrow-scale': 0.8 }),
      },
    },
    { selector: 'edge[basis = "curated"]', style: { 'line-style': 'dashed' } },
    { selector: 'edge[type = "GROUP"]', style: { 'line-style': 'dotted', 'target-arrow-shape': 'none' } },
    { selector: 'edge[type = "REPORTED_IN"]', style: { width: 0.8, 'line-color': '#c4cad0', 'target-arrow-color': '#c4cad0' } },
    { selector: '.faded', style: { opacity: 0.18, 'text-opacity': 0.4 } },
    {
      selector: 'node.highlighted',
      style: { 'border-width': 4, 'border-color': HIGHLIGHT_COLOUR, 'z-index': 20, 'font-weight': 'bold', 'min-zoomed-font-size': 0 },
    },
    {
      selector: 'edge.highlighted',
      style: {
        width: 4,
        'line-color': HIGHLIGHT_COLOUR,
        'target-arrow-color': HIGHLIGHT_COLOUR,
        'z-index': 20,
        label: 'data(label)',
        'font-size': px(10),
        color: LABEL_COLOUR,
        'text-outline-color': LABEL_HALO,
        'text-outline-width': px(2),
        'text-rotation': 'autorotate',
      },
    },
    {
      selector: 'edge.edge-label',
      style: {
        label: 'data(label)',
        'font-size': px(10),
        color: LABEL_COLOUR,
        'text-outline-color': LABEL_HALO,
        'text-outline-width': px(2),
        'text-rotation': 'autorotate',
        'z-index': 15,
      },
    },
    {
      selector: 'node:selected',
      style: {
        'border-width': 4,
        'border-color': SELECTED_COLOUR,
        'overlay-color': SELECTED_COLOUR,
        'overlay-opacity': 0.12,
        'overlay-padding': 6,
      },
    },
    { selector: 'edge:selected', style: { 'line-color': SELECTED_COLOUR, 'target-arrow-color': SELECTED_COLOUR, width: 3 } },
    { selector: 'node.label-off', style: { 'text-opacity': 0 } },
    {
      selector: 'node.label-hover',
      style: {
        'text-opacity': 1,
        'z-index': 50,
        'text-background-color': LABEL_HALO,
        'text-background-opacity': 0.9,
        'text-background-padding': px(2) as unknown as string,
      },
    },
    { selector: '.hidden-by-filter, .hidden-by-user', style: { display: 'none' } },
  );
  return sheet;
}
