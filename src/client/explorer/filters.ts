/**
 * What is visible: the kind filter, the facet filters (pathway, goal, theme, country) and the
 * nodes hidden by the user, put on the nodes as classes; and the values the facet filters offer.
 */
import type cytoscape from 'cytoscape';
import type { ExplorerBus, FacetOption } from './events.js';
import { FILTER_CLASS, HIDDEN_CLASS, HIDDEN_SELECTOR, ITEM_KINDS, type GraphState } from './graph-state.js';
import { FACETS, type Facet } from './state.js';
import { NODE_KINDS, type NodeKind } from './types.js';
import type { ViewStateStore } from './view-state.js';

export class Filters {
  constructor(
    private readonly cy: cytoscape.Core,
    private readonly bus: ExplorerBus,
    private readonly view: ViewStateStore,
    private readonly graph: GraphState,
  ) {}

  setKindVisible(kind: NodeKind, visible: boolean): void {
    const hidden = new Set(this.view.current.hideKinds);
    if (visible) hidden.delete(kind);
    else hidden.add(kind);
    this.view.current.hideKinds = NODE_KINDS.filter((k) => hidden.has(k));
    this.applyFilters();
    this.view.commit(true);
  }

  /**
   * Sets a facet filter. A filter that would keep no case, initiative or event of the view is not
   * applied: a notice says so instead, and false is returned.
   */
  setFilter(facet: Facet, value: string | undefined): boolean {
    const filters = { ...this.view.current.filters };
    if (value) filters[facet] = facet === 'country' ? value.toUpperCase() : value;
    else delete filters[facet];
    const items = this.items();
    if (value && items.nonempty() && items.filter((n) => this.matches(n, filters)).empty()) {
      this.bus.emit('notice', {
        level: 'warning',
        code: 'filter-empty',
        message: `No case, initiative or event in view ${describe(facet, filters[facet]!, (id) => this.graph.labelOf(id))}${
          Object.keys(filters).length > 1 ? ' with the other filters' : ''
        }: the filter was not applied, as it would hide them all.`,
      });
      this.graph.emitGraph();
      return false;
    }
    this.view.current.filters = filters;
    this.applyFilters();
    this.view.commit(true);
    return true;
  }

  clearFilters(): void {
    this.view.current.filters = {};
    this.view.current.hideKinds = [];
    this.applyFilters();
    this.view.commit(true);
  }

  /** Puts the filter and hide classes on the nodes; the elements of a drawn path always stay visible. */
  applyFilters(): void {
    const state = this.view.current;
    const hiddenKinds = new Set<string>(state.hideKinds);
    const hidden = new Set(state.hidden);
    const keep = this.facetKeepSet();
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        // A group is filtered as the kind of its members.
        const kind = String(n.data('kind') === 'group' ? n.data('of') : n.data('kind'));
        const onPath = n.hasClass('highlighted');
        const out = hiddenKinds.has(kind) || (keep !== null && !keep.has(n.id()));
        n.toggleClass(FILTER_CLASS, out && !onPath);
        n.toggleClass(HIDDEN_CLASS, hidden.has(n.id()) && !onPath);
      });
    });
    if (state.selected) {
      const sel = this.cy.getElementById(state.selected);
      if (sel.empty() || sel.is(HIDDEN_SELECTOR)) this.graph.select(null, 'api');
    }
    this.graph.emitGraph();
  }

  /** The practices in view: the items the facet filters choose among. */
  private items(): cytoscape.NodeCollection {
    return this.cy.nodes().filter((n) => ITEM_KINDS.has(String(n.data('kind'))));
  }

  /** The countries of an item: its own, those of its places (which may lie outside the view) and of its places and organisations in view. */
  private countriesOf(item: cytoscape.NodeSingular): Set<string> {
    const out = new Set<string>();
    const own: unknown = item.data('country');
    if (typeof own === 'string') out.add(own);
    const listed: unknown = item.data('countries');
    if (Array.isArray(listed)) for (const c of listed) if (typeof c === 'string') out.add(c);
    item
      .neighborhood()
      .nodes()
      .forEach((nb) => {
        const c: unknown = nb.data('country');
        if (typeof c === 'string' && PLACE_KINDS.has(String(nb.data('kind')))) out.add(c);
      });
    return out;
  }

  /** Whether an item passes every facet filter given. */
  private matches(item: cytoscape.NodeSingular, filters: Partial<Record<Facet, string>>): boolean {
    const neighbours: cytoscape.NodeSingular[] = item
      .neighborhood()
      .nodes()
      .map((n) => n);
    for (const facet of FACETS) {
      const value = filters[facet];
      if (!value) continue;
      if (facet === 'country') {
        if (!this.countriesOf(item).has(value)) return false;
      } else if (facet === 'goal') {
        const goalNumber = (this.cy.getElementById(value).data('number') as number | undefined) ?? Number(/^sdg-(\d+)$/.exec(value)?.[1]);
        const ok = neighbours.some(
          (nb) =>
            nb.id() === value ||
            (nb.data('kind') === 'target' && Number.isFinite(goalNumber) && nb.id().startsWith(`target-${goalNumber}-`)),
        );
        if (!ok) return false;
      } else if (!neighbours.some((nb) => nb.id() === value)) return false;
    }
    return true;
  }

  /** The nodes the facet filters keep, or null when no facet filter is set. */
  private facetKeepSet(): Set<string> | null {
    const filters = this.view.current.filters;
    if (!FACETS.some((f) => filters[f])) return null;
    const kept = this.items().filter((n) => this.matches(n, filters));
    const keep = new Set<string>(kept.map((n) => n.id()));
    for (const facet of FACETS) {
      const v = filters[facet];
      if (v && facet !== 'country') keep.add(v);
    }
    // Context nodes stay when they touch a kept item, or touch no item at all.
    this.cy.nodes().forEach((n) => {
      if (ITEM_KINDS.has(String(n.data('kind')))) return;
      const itemNeighbours: cytoscape.NodeSingular[] = n
        .neighborhood()
        .nodes()
        .map((nb) => nb)
        .filter((nb) => ITEM_KINDS.has(String(nb.data('kind'))));
      if (itemNeighbours.length === 0 || itemNeighbours.some((nb) => keep.has(nb.id()))) keep.add(n.id());
    });
    return keep;
  }

  /**
   * The values the facet filters can take: those of the practices in view, each with how many of
   * them it keeps together with the other filters set (values that would keep none are left out).
   */
  facetOptions(): Record<Facet, FacetOption[]> {
    const filters = this.view.current.filters;
    const out = {} as Record<Facet, FacetOption[]>;
    for (const facet of FACETS) {
      const others = { ...filters };
      delete others[facet];
      const items = this.items().filter((n) => this.matches(n, others));
      const counts = new Map<string, number>();
      const add = (v: string) => counts.set(v, (counts.get(v) ?? 0) + 1);
      items.forEach((item) => {
        if (facet === 'country') {
          for (const c of this.countriesOf(item)) if (/^[A-Z]{2}$/.test(c)) add(c);
          return;
        }
        const values = new Set<string>();
        item
          .neighborhood()
          .nodes()
          .forEach((nb) => {
            const kind = String(nb.data('kind'));
            if (kind === facet) values.add(nb.id());
            else if (facet === 'goal' && kind === 'target') {
              const goal = /^target-(\d+)-/.exec(nb.id())?.[1];
              if (goal && this.cy.getElementById(`sdg-${goal}`).nonempty()) values.add(`sdg-${goal}`);
            }
          });
        for (const v of values) add(v);
      });
      out[facet] = [...counts.entries()]
        .map(([value, count]) => {
          const node = this.cy.getElementById(value);
          const name = facet === 'country' ? countryName(value) : node.nonempty() ? String(node.data('label')) : value;
          return { value, label: `${name} (${count})`, count, n: Number(node.nonempty() ? node.data('number') : NaN), name };
        })
        .sort((a, b) => (Number.isFinite(a.n) && Number.isFinite(b.n) ? a.n - b.n : a.name.localeCompare(b.name)))
        .map(({ value, label, count }) => ({ value, label, count }));
    }
    return out;
  }
}

const PLACE_KINDS = new Set(['place', 'organisation']);

let regionNames: Intl.DisplayNames | null | undefined;
/** "Germany (DE)"; the code alone where the runtime has no region names. */
export function countryName(code: string): string {
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
    } catch {
      regionNames = null;
    }
  }
  const name = regionNames?.of(code);
  return name && name !== code ? `${name} (${code})` : code;
}

function describe(facet: Facet, value: string, labelOf: (id: string) => string): string {
  switch (facet) {
    case 'country':
      return `is in ${countryName(value)}`;
    case 'theme':
      return `is about ${labelOf(value)}`;
    default:
      return `is linked to ${labelOf(value)}`;
  }
}
