/**
 * Entry point of the explorer bundle (public/build/explorer.js). Reads the initial view state from
 * the page's data-state attribute, builds the controller and the UI pieces, and keeps the URL in
 * step with the view so that it can be shared.
 */
import cytoscape from 'cytoscape';
import svg from 'cytoscape-svg';
import { ExplorerApi } from './api.js';
import { ExplorerController } from './controller.js';
import { emptyState, parseState, serializeState, type ViewState } from './state.js';
import { Filters, NodeList, Notices, PathTool, SearchBox, StatusLine, ViewControls } from './ui/controls.js';
import { DetailsPanel } from './ui/panel.js';
import { byId, el } from './ui/dom.js';

declare global {
  interface Window {
    /** The page's controller, for the console and the browser tests. */
    pathwayAtlasExplorer?: ExplorerController;
    /** The Cytoscape instance of the view, as in Cytoscape.js's own demos: script it from the console. */
    cy?: cytoscape.Core;
  }
}

function initialState(root: HTMLElement): ViewState {
  try {
    const raw = JSON.parse(root.dataset.state ?? '') as ViewState;
    // Normalise through the URL form, so the page and the address bar agree.
    return parseState(serializeState({ ...emptyState(), ...raw }));
  } catch {
    return parseState(window.location.search);
  }
}

function urlFor(state: ViewState): string {
  const qs = serializeState(state);
  return `${window.location.pathname}${qs ? `?${qs}` : ''}`;
}

function startHint(controller: ExplorerController): HTMLElement {
  const hint = el(
    'div',
    { class: 'ex-start', id: 'ex-start' },
    el('p', { text: 'Start from one of these nodes, or find one with “Find a node”:' }),
  );
  const list = el('ul', {});
  for (const [id, label] of [
    ['pathway-12', 'Pathway 12: procurement to accelerate innovation'],
    ['sdg-12', 'SDG 12: Responsible consumption and production'],
    ['pathway-9', 'Pathway 9: purchase conscientiously'],
  ] as const) {
    const b = el('button', { type: 'button', text: label });
    b.addEventListener('click', () => void controller.open(id));
    list.append(el('li', {}, b));
  }
  hint.append(list);
  return hint;
}

function boot(): void {
  // The SVG export's extension reads `window` as it loads, so the page registers it, not the controller (which also runs in Node).
  cytoscape.use(svg);
  const root = byId('explorer');
  const api = new ExplorerApi(root.dataset.apiBase ?? '');
  const controller = new ExplorerController(api, { container: byId('ex-canvas') });
  window.pathwayAtlasExplorer = controller;
  window.cy = controller.cy;

  new StatusLine(controller);
  new Notices(controller);
  const pathTool = new PathTool(controller, api);
  const panel = new DetailsPanel(controller, api, (end, id) => pathTool.set(end, id));
  const search = new SearchBox(controller, api, pathTool);
  new Filters(controller);
  new ViewControls(controller);
  new NodeList(controller, panel);

  // The URL follows the view; the back button walks back through views.
  let lastUrl = window.location.pathname + window.location.search;
  controller.bus.on('state', ({ state, push }) => {
    const url = urlFor(state);
    if (url === lastUrl) return;
    lastUrl = url;
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  });
  window.addEventListener('popstate', () => {
    lastUrl = window.location.pathname + window.location.search;
    panel.close(false);
    void controller.restore(parseState(window.location.search));
  });

  const stage = byId('ex-canvas').parentElement!;
  controller.bus.on('graph', ({ nodes }) => {
    const hint = document.getElementById('ex-start');
    if (nodes > 0) hint?.remove();
    else if (!hint && !controller.isBusy()) stage.append(startHint(controller));
  });

  const state = initialState(root);
  if (state.nodes.length) {
    void controller.restore(state);
  } else {
    controller.applyFilters();
    if (state.q) void search.run(state.q, true);
    root.dataset.status = 'ready';
  }
}

boot();
