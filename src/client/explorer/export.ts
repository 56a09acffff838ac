/** Exports of the view: a PNG picture, and JSON with the elements and the view state. */
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
