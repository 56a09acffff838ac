/**
 * Exports of the view: PNG and SVG pictures, GraphML of exactly the elements in view (for Gephi or
 * Cytoscape desktop), and JSON with the elements and the view state.
 */
import type cytoscape from 'cytoscape';
import type { ViewState } from './state.js';

/** The view as a PNG (white background, whole graph); needs a browser. */
export function exportPng(cy: cytoscape.Core, headless: boolean, output: 'blob'): Blob;
export function exportPng(cy: cytoscape.Core, headless: boolean, output?: 'base64uri'): string;
export function exportPng(cy: cytoscape.Core, headless: boolean, output: 'blob' | 'base64uri' = 'base64uri'): Blob | string {
  if (headless) throw new Error('PNG export needs a browser.');
  const options = { full: true, bg: '#ffffff', scale: 2, maxWidth: 4000, maxHeight: 4000 };
  return output === 'blob' ? cy.png({ ...options, output: 'blob' }) : cy.png({ ...options, output: 'base64uri' });
}

interface SvgCore {
  svg(options: { full?: boolean; scale?: number; bg?: string }): string;
}

/** The view as SVG (the cytoscape-svg extension draws the canvas's picture as vectors); needs a browser. */
export function exportSvg(cy: cytoscape.Core, headless: boolean): string {
  if (headless) throw new Error('SVG export needs a browser.');
  return (cy as unknown as SvgCore).svg({ full: true, scale: 1, bg: '#ffffff' });
}

/** The view as JSON: Cytoscape elements (data, positions, classes) and the view state. */
export function exportJson(cy: cytoscape.Core, state: ViewState): string {
  const json = cy.json() as { elements?: unknown };
  return JSON.stringify(
    {
      generator: 'Pathway Atlas explorer',
      exportedAt: new Date().toISOString(),
      state,
      elements: json.elements ?? { nodes: [], edges: [] },
    },
    null,
    2,
  );
}

type Ele = cytoscape.NodeSingular | cytoscape.EdgeSingular;
type KeyType = 'string' | 'int' | 'double';
interface GraphmlKey {
  id: string;
  for: 'node' | 'edge';
  name: string;
  type: KeyType;
  value: (ele: Ele) => unknown;
}

const field =
  (key: string) =>
  (ele: Ele): unknown =>
    ele.data(key) as unknown;

const GRAPHML_KEYS: GraphmlKey[] = [
  { id: 'label', for: 'node', name: 'label', type: 'string', value: field('label') },
  { id: 'kind', for: 'node', name: 'kind', type: 'string', value: field('kind') },
  { id: 'url', for: 'node', name: 'url', type: 'string', value: field('url') },
  { id: 'number', for: 'node', name: 'number', type: 'int', value: field('number') },
  { id: 'code', for: 'node', name: 'code', type: 'string', value: field('code') },
  {
    id: 'country',
    for: 'node',
    name: 'country',
    type: 'string',
    value: (n) => (n.data('country') as string | undefined) ?? (n.data('countries') as string[] | undefined)?.join(' '),
  },
  { id: 'year', for: 'node', name: 'year', type: 'int', value: field('year') },
  { id: 'count', for: 'node', name: 'count', type: 'int', value: field('count') },
  { id: 'x', for: 'node', name: 'x', type: 'double', value: (n) => (n as cytoscape.NodeSingular).position('x') },
  { id: 'y', for: 'node', name: 'y', type: 'double', value: (n) => (n as cytoscape.NodeSingular).position('y') },
  { id: 'type', for: 'edge', name: 'type', type: 'string', value: field('type') },
  { id: 'relation', for: 'edge', name: 'label', type: 'string', value: field('label') },
  { id: 'basis', for: 'edge', name: 'basis', type: 'string', value: field('basis') },
];

/** Text safe in XML: the five special characters escaped, characters XML 1.0 forbids dropped. */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function dataLines(ele: Ele, keys: GraphmlKey[]): string {
  let out = '';
  for (const key of keys) {
    const v = key.value(ele);
    if (v === undefined || v === null || v === '') continue;
    if (key.type !== 'string' && (typeof v !== 'number' || !Number.isFinite(v))) continue;
    const text =
      typeof v === 'number'
        ? key.type === 'int'
          ? String(Math.round(v))
          : key.type === 'double'
            ? v.toFixed(2)
            : String(v)
        : typeof v === 'string'
          ? v
          : JSON.stringify(v);
    out += `\n      <data key="${key.id}">${xmlText(text)}</data>`;
  }
  return out;
}

/**
 * GraphML of the nodes in view and the edges between them (what is filtered out or hidden is left
 * out), with positions, so the picture opens as it is in Gephi or Cytoscape desktop.
 */
export function exportGraphml(nodes: cytoscape.NodeCollection): string {
  const edges = nodes.edgesWith(nodes);
  const nodeKeys = GRAPHML_KEYS.filter((k) => k.for === 'node');
  const edgeKeys = GRAPHML_KEYS.filter((k) => k.for === 'edge');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...GRAPHML_KEYS.map((k) => `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`),
    '  <graph id="pathway-atlas" edgedefault="directed">',
  ];
  nodes.forEach((n) => {
    lines.push(`    <node id="${xmlText(n.id())}">${dataLines(n, nodeKeys)}\n    </node>`);
  });
  edges.forEach((e) => {
    lines.push(
      `    <edge id="${xmlText(e.id())}" source="${xmlText(e.source().id())}" target="${xmlText(e.target().id())}">${dataLines(e, edgeKeys)}\n    </edge>`,
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
