/**
 * The explorer's controls. Each piece binds to markup rendered by views/explore.ejs, calls the
 * controller's methods and follows the controller's events; none of them touches `cy`.
 */
import { ExplorerController, type FacetOption, type Notice } from '../controller.js';
import { FACETS, type Facet } from '../state.js';
import { KIND_STYLES, TRANSFORMATION_COLOURS, TRANSFORMATION_LABELS } from '../style.js';
import { isNodeKind, LAYOUTS, NODE_KINDS, type GraphSource, type LayoutName, type SearchHit } from '../types.js';
import { NodeField } from './autocomplete.js';
import { byId, clear, download, el } from './dom.js';
import type { DetailsPanel } from './panel.js';

/** Runs `fn` at most once per animation frame. */
function perFrame(fn: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      fn();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
    else setTimeout(run, 0);
  };
}

function fileStem(controller: ExplorerController): string {
  const anchor = controller.getState().nodes[0];
  return `pathway-atlas-${anchor ?? 'view'}`;
}

// ------------------------------------------------------------------ notices and status

export class Notices {
  private readonly box = byId('ex-notices');

  constructor(controller: ExplorerController) {
    controller.bus.on('notice', (n) => this.show(n));
    controller.bus.on('busy', ({ busy, task }) => {
      if (busy && task === 'restore') this.clear();
    });
  }

  show(notice: Notice): void {
    // One notice per code: a new one replaces the old.
    this.box.querySelector(`[data-code="${notice.code}"]`)?.remove();
    const close = el('button', { type: 'button', class: 'ex-notice-close', 'aria-label': 'Dismiss this message', text: 'Dismiss' });
    const item = el(
      'div',
      { class: `ex-notice ex-notice-${notice.level}`, 'data-code': notice.code },
      el('p', { text: notice.message }),
      close,
    );
    close.addEventListener('click', () => item.remove());
    this.box.append(item);
    while (this.box.children.length > 4) this.box.firstElementChild?.remove();
  }

  clear(): void {
    clear(this.box);
  }
}

export class StatusLine {
  private readonly root = byId('explorer');
  private readonly line = byId('ex-status');

  constructor(controller: ExplorerController) {
    controller.bus.on('graph', ({ nodes, edges, visible, dense }) => {
      const hidden = nodes - visible;
      this.line.textContent =
        nodes === 0
          ? 'No nodes in view. Search for a node to start.'
          : `${visible} of ${nodes} nodes shown, ${edges} links${hidden ? ` (${hidden} hidden)` : ''}${dense ? ' · large graph: simplified drawing, labels appear when you zoom in' : ''}.`;
      this.root.dataset.nodeCount = String(visible);
      this.root.dataset.dense = String(dense);
    });
    controller.bus.on('busy', ({ busy }) => {
      this.root.dataset.status = busy ? 'loading' : 'ready';
      this.root.setAttribute('aria-busy', String(busy));
    });
    controller.bus.on('layout', ({ running }) => {
      this.root.dataset.layout = running ? 'running' : 'idle';
    });
  }
}

// ------------------------------------------------------------------ search

export class SearchBox {
  private readonly form = byId<HTMLFormElement>('ex-search-form');
  private readonly input = byId<HTMLInputElement>('ex-search-q');
  private readonly results = byId('ex-search-results');

  constructor(
    private readonly controller: ExplorerController,
    private readonly api: GraphSource,
    private readonly pathTool: PathTool,
  ) {
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.run(this.input.value);
    });
  }

  /** Searches and lists the hits; with `openFirst` the first hit is opened at once. */
  async run(q: string, openFirst = false): Promise<void> {
    const query = q.trim();
    clear(this.results);
    if (!query) return;
    this.results.append(el('p', { class: 'ex-muted', role: 'status', text: 'Searching…' }));
    try {
      const res = await this.api.search(query, 10);
      clear(this.results);
      const hits = res.hits ?? [];
      this.results.append(
        el('p', {
          class: 'ex-muted',
          role: 'status',
          text: hits.length ? `${hits.length} found for “${query}”` : `Nothing found for “${query}”.`,
        }),
      );
      if (!hits.length) return;
      const list = el('ul', { class: 'ex-hits' });
      for (const hit of hits) list.append(this.hitItem(hit));
      this.results.append(list);
      if (openFirst && hits[0]) void this.controller.open(hits[0].id);
    } catch (err) {
      clear(this.results);
      this.results.append(el('p', { class: 'ex-error', role: 'alert', text: `The search failed: ${(err as Error).message}` }));
    }
  }

  private hitItem(hit: SearchHit): HTMLLIElement {
    const name = hit.name || hit.id;
    const open = el('button', { type: 'button', class: 'ex-hit-open', text: name, 'aria-label': `Open ${name} in the explorer` });
    open.addEventListener('click', () => void this.controller.open(hit.id));
    const add = el('button', { type: 'button', class: 'ex-small', text: 'Add', 'aria-label': `Add ${name} to the view` });
    add.addEventListener('click', () => void this.controller.addNeighbourhood(hit.id));
    const from = el('button', { type: 'button', class: 'ex-small', text: 'From', 'aria-label': `Path from ${name}` });
    from.addEventListener('click', () => this.pathTool.set('from', hit.id));
    const to = el('button', { type: 'button', class: 'ex-small', text: 'To', 'aria-label': `Path to ${name}` });
    to.addEventListener('click', () => this.pathTool.set('to', hit.id));
    return el(
      'li',
      { 'data-id': hit.id },
      open,
      el('span', { class: 'ex-hit-kind', text: ExplorerController.kindLabel(hit.kind) }),
      el('span', { class: 'ex-hit-actions' }, add, from, to),
    );
  }
}

// ------------------------------------------------------------------ path tool

export class PathTool {
  private readonly form = byId<HTMLFormElement>('ex-path-form');
  private readonly from: NodeField;
  private readonly to: NodeField;
  private selected: string | null = null;

  constructor(
    private readonly controller: ExplorerController,
    api: GraphSource,
  ) {
    this.from = new NodeField(byId<HTMLInputElement>('ex-path-from'), controller, api);
    this.to = new NodeField(byId<HTMLInputElement>('ex-path-to'), controller, api);
    controller.bus.on('select', ({ id }) => {
      this.selected = id;
    });
    byId('ex-path-from-selected').addEventListener('click', () => this.useSelected('from'));
    byId('ex-path-to-selected').addEventListener('click', () => this.useSelected('to'));
    byId('ex-path-clear').addEventListener('click', () => {
      this.from.clear();
      this.to.clear();
      controller.clearPath();
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.find();
    });
    controller.bus.on('state', ({ state }) => {
      if (state.path) {
        this.from.set(state.path.from);
        this.to.set(state.path.to);
      }
    });
  }

  /** Finds the path between the nodes the two fields name (picked from their lists, or typed). */
  private async find(): Promise<void> {
    const ends: string[] = [];
    for (const field of [this.from, this.to]) {
      const text = field.input.value.trim();
      const choice = await field.resolve();
      field.input.setAttribute('aria-invalid', String(!choice));
      if (!choice) {
        this.controller.bus.emit('notice', {
          level: 'error',
          code: 'info',
          message: text
            ? `No node is named “${text}”: type the start of a name (such as Geestland or SDG 12) and pick one from the list.`
            : 'Name both ends of the path: type the start of a name (such as Geestland or SDG 12) and pick one from the list.',
        });
        field.input.focus();
        return;
      }
      ends.push(choice.id);
    }
    await this.controller.findPath(ends[0]!, ends[1]!);
  }

  set(end: 'from' | 'to', id: string): void {
    const field = end === 'from' ? this.from : this.to;
    field.set(id);
    field.input.focus();
  }

  private useSelected(end: 'from' | 'to'): void {
    if (this.selected) this.set(end, this.selected);
    else
      this.controller.bus.emit('notice', {
        level: 'info',
        code: 'info',
        message: 'Select a node first: click it, or choose it in "Nodes in view".',
      });
  }
}

// ------------------------------------------------------------------ filters and legend

export class Filters {
  private readonly boxes = [...document.querySelectorAll<HTMLInputElement>('#explorer input[name="kind"]')];
  private readonly selects = new Map<Facet, HTMLSelectElement>(FACETS.map((f) => [f, byId<HTMLSelectElement>(`ex-filter-${f}`)]));

  constructor(private readonly controller: ExplorerController) {
    for (const box of this.boxes) {
      box.addEventListener('change', () => {
        if (isNodeKind(box.value)) controller.setKindVisible(box.value, box.checked);
      });
    }
    for (const [facet, select] of this.selects) {
      select.addEventListener('change', () => {
        // A filter that would hide every practice is refused (a notice says so): the choice goes back.
        if (!controller.setFilter(facet, select.value || undefined)) select.value = controller.getState().filters[facet] ?? '';
      });
    }
    byId('ex-clear-filters').addEventListener('click', () => controller.clearFilters());
    controller.bus.on('state', ({ state }) => {
      for (const box of this.boxes) box.checked = !state.hideKinds.includes(box.value as never);
      for (const [facet, select] of this.selects)
        if (select.value !== (state.filters[facet] ?? '')) this.fillFacet(facet, state.filters[facet]);
    });
    const refresh = perFrame(() => this.refresh());
    controller.bus.on('graph', refresh);
    this.paintSwatches();
  }

  private refresh(): void {
    const counts = this.controller.kindCounts();
    for (const kind of NODE_KINDS) {
      const badge = document.querySelector(`#explorer [data-count-for="${kind}"]`);
      if (badge) badge.textContent = counts[kind] ? String(counts[kind]) : '';
    }
    const state = this.controller.getState();
    for (const facet of FACETS) this.fillFacet(facet, state.filters[facet]);
  }

  private fillFacet(facet: Facet, current: string | undefined, options: FacetOption[] = this.controller.facetOptions()[facet]): void {
    const select = this.selects.get(facet)!;
    const first = select.options[0];
    const all = [...options];
    if (current && !all.some((o) => o.value === current)) all.unshift({ value: current, label: current });
    clear(select);
    if (first) select.append(first);
    for (const o of all) select.append(el('option', { value: o.value, text: o.label }));
    select.value = current ?? '';
  }

  /** Colours and shapes of the legend come from the same constants as the stylesheet. */
  private paintSwatches(): void {
    for (const swatch of document.querySelectorAll<HTMLElement>('#explorer .ex-swatch[data-kind]')) {
      const kind = swatch.dataset.kind;
      if (!isNodeKind(kind)) continue;
      if (kind === 'pathway') {
        const c = Object.values(TRANSFORMATION_COLOURS);
        swatch.style.backgroundImage = `linear-gradient(90deg, ${c[0]} 0 33%, ${c[1]} 33% 66%, ${c[2]} 66%)`;
      } else if (kind === 'goal') {
        swatch.style.backgroundImage =
          'linear-gradient(90deg, #E5243B 0 20%, #DDA63A 20% 40%, #4C9F38 40% 60%, #BF8B2E 60% 80%, #0A97D9 80%)';
      } else swatch.style.backgroundColor = KIND_STYLES[kind].colour;
    }
    const list = document.getElementById('ex-legend-transformations');
    if (list) {
      clear(list);
      for (const [t, colour] of Object.entries(TRANSFORMATION_COLOURS)) {
        const sw = el('span', { class: 'ex-swatch', 'data-kind': 'pathway', 'aria-hidden': 'true' });
        sw.style.backgroundColor = colour;
        list.append(el('li', {}, sw, el('span', { text: TRANSFORMATION_LABELS[t as keyof typeof TRANSFORMATION_LABELS] })));
      }
    }
  }
}

// ------------------------------------------------------------------ view controls and export

export class ViewControls {
  private readonly layout = byId<HTMLSelectElement>('ex-layout');
  private readonly depth = byId<HTMLSelectElement>('ex-depth');
  private readonly showHidden = byId<HTMLButtonElement>('ex-show-hidden');
  private readonly limit = byId<HTMLSelectElement>('ex-limit');

  constructor(controller: ExplorerController) {
    this.layout.addEventListener('change', () => {
      const name = this.layout.value as LayoutName;
      if ((LAYOUTS as readonly string[]).includes(name)) void controller.setLayout(name);
    });
    this.depth.addEventListener('change', () => {
      const state = controller.getState();
      const depth = Number(this.depth.value);
      if (state.nodes.length && depth !== state.depth) void controller.restore({ ...state, depth }, true);
    });
    this.limit.addEventListener('change', () => {
      const state = controller.getState();
      const limit = this.limit.value ? Number(this.limit.value) : undefined;
      if (limit !== state.limit) void controller.restore({ ...state, limit }, true);
    });
    byId('ex-relayout').addEventListener('click', () => void controller.runLayout());
    byId('ex-fit').addEventListener('click', () => controller.fit());
    byId('ex-zoom-in').addEventListener('click', () => controller.zoomBy(1.25));
    // The drawing takes the keyboard too: arrows pan, + and - zoom, 0 fits the view.
    byId('ex-canvas').addEventListener('keydown', (e) => {
      const step = e.shiftKey ? 200 : 60;
      const keys: Record<string, () => void> = {
        ArrowLeft: () => controller.panBy(step, 0),
        ArrowRight: () => controller.panBy(-step, 0),
        ArrowUp: () => controller.panBy(0, step),
        ArrowDown: () => controller.panBy(0, -step),
        '+': () => controller.zoomBy(1.25),
        '=': () => controller.zoomBy(1.25),
        '-': () => controller.zoomBy(0.8),
        '0': () => controller.fit(),
      };
      const act = keys[e.key];
      if (!act || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      act();
    });
    byId('ex-zoom-out').addEventListener('click', () => controller.zoomBy(0.8));
    this.showHidden.addEventListener('click', () => controller.showHidden());
    byId('ex-export-png').addEventListener('click', () => {
      try {
        download(controller.exportPng('blob'), `${fileStem(controller)}.png`);
      } catch (err) {
        controller.bus.emit('notice', { level: 'error', code: 'api-error', message: `The PNG export failed: ${(err as Error).message}` });
      }
    });
    byId('ex-export-svg').addEventListener('click', () => {
      try {
        download(new Blob([controller.exportSvg()], { type: 'image/svg+xml' }), `${fileStem(controller)}.svg`);
      } catch (err) {
        controller.bus.emit('notice', { level: 'error', code: 'api-error', message: `The SVG export failed: ${(err as Error).message}` });
      }
    });
    byId('ex-export-graphml').addEventListener('click', () => {
      download(new Blob([controller.exportGraphml()], { type: 'application/graphml+xml' }), `${fileStem(controller)}.graphml`);
    });
    byId('ex-export-json').addEventListener('click', () => {
      download(new Blob([controller.exportJson()], { type: 'application/json' }), `${fileStem(controller)}.json`);
    });
    controller.bus.on('state', ({ state }) => {
      this.layout.value = state.layout;
      this.depth.value = String(state.depth);
      const limit = state.limit && state.limit !== 300 ? String(state.limit) : '';
      if (![...this.limit.options].some((o) => o.value === limit))
        this.limit.append(el('option', { value: limit, text: `at most ${limit}` }));
      this.limit.value = limit;
      this.showHidden.disabled = state.hidden.length === 0;
      this.showHidden.textContent = state.hidden.length ? `Show hidden nodes (${state.hidden.length})` : 'Show hidden nodes';
    });
  }
}

// ------------------------------------------------------------------ keyboard list of nodes

export class NodeList {
  private readonly list = byId<HTMLSelectElement>('ex-node-list');

  constructor(
    private readonly controller: ExplorerController,
    private readonly panel: DetailsPanel,
  ) {
    const refresh = perFrame(() => this.refresh());
    controller.bus.on('graph', refresh);
    controller.bus.on('select', ({ id }) => {
      if (id && this.list.value !== id) this.list.value = id;
    });
    this.list.addEventListener('change', () => {
      if (this.list.value) controller.select(this.list.value, 'list');
    });
    this.list.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && this.list.value) {
        e.preventDefault();
        this.openDetails();
      }
    });
    this.list.addEventListener('dblclick', () => this.openDetails());
    byId('ex-node-details').addEventListener('click', () => this.openDetails());
  }

  private openDetails(): void {
    const id = this.list.value;
    if (!id) {
      this.controller.bus.emit('notice', { level: 'info', code: 'info', message: 'Choose a node in "Nodes in view" first.' });
      return;
    }
    // A group has no details: Enter opens it, and the list keeps the focus.
    if (this.controller.isGroup(id)) {
      void this.controller.expandGroup(id);
      return;
    }
    this.controller.select(id, 'list');
    this.panel.open(id);
  }

  private refresh(): void {
    const current = this.list.value;
    const frag = document.createDocumentFragment();
    let group: HTMLOptGroupElement | null = null;
    let groupKind = '';
    for (const n of this.controller.visibleNodes()) {
      if (n.kind !== groupKind || !group) {
        groupKind = n.kind;
        group = el('optgroup', { label: ExplorerController.kindLabel(n.kind) });
        frag.append(group);
      }
      group.append(el('option', { value: n.id, text: n.label }));
    }
    clear(this.list);
    this.list.append(frag);
    if (current) this.list.value = current;
  }
}
