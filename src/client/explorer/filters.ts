/**
 * What is visible: the kind filter, the facet filters (pathway, goal, theme, country) and the
 * nodes hidden by the user, put on the nodes as classes; and the values the facet filters offer.
 */
import type cytoscape from 'cytoscape';
import type { FacetOption } from './events.js';
import { FILTER_CLASS, HIDDEN_CLASS, HIDDEN_SELECTOR, ITEM_KINDS, type GraphState } from './graph-state.js';
import { FACETS, type Facet } from './state.js';
import { NODE_KINDS, type NodeKind } from './types.js';
import type { ViewStateStore } from './view-state.js';

export class Filters {
  constructor(
    private readonly cy: cytoscape.Core,
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

  setFilter(facet: Facet, value: string | undefined): void {
    const filters = this.view.current.filters;
    if (value) filters[facet] = facet === 'country' ? value.toUpperCase() : value;
    else delete filters[facet];
    this.applyFilters();
    this.view.commit(true);
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
    const countryFilter = state.filters.country;
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        // A group is filtered as the kind of its members.
        const kind = String(n.data('kind') === 'group' ? n.data('of') : n.data('kind'));
        const onPath = n.hasClass('highlighted');
        let out = hiddenKinds.has(kind) || (keep !== null && !keep.has(n.id()));
        if (countryFilter && (kind === 'place' || kind === 'organisation') && n.data('country') && n.data('country') !== countryFilter)
          out = true;
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

  /** The nodes the facet filters keep, or null when no facet filter is set. */
  private facetKeepSet(): Set<string> | null {
    const filters = this.view.current.filters;
    if (!FACETS.some((f) => filters[f])) return null;
    const items = this.cy.nodes().filter((n) => ITEM_KINDS.has(String(n.data('kind'))));
    const goalNumber = filters.goal
      ? ((this.cy.getElementById(filters.goal).data('number') as number | undefined) ?? Number(/^sdg-(\d+)$/.exec(filters.goal)?.[1]))
      : undefined;
    const matches = (item: cytoscape.NodeSingular): boolean => {
      const neighbours: cytoscape.NodeSingular[] = item
        .neighborhood()
        .nodes()
        .map((n) => n);
      for (const facet of FACETS) {
        const value = filters[facet];
        if (!value) continue;
        if (facet === 'country') {
          const ok =
            item.data('country') === value ||
            neighbours.some((nb) => ['place', 'organisation'].includes(String(nb.data('kind'))) && nb.data('country') === value);
          if (!ok) return false;
        } else if (facet === 'goal') {
          const ok = neighbours.some(
            (nb) =>
              nb.id() === value ||
              (nb.data('kind') === 'target' && goalNumber !== undefined && nb.id().startsWith(`target-${goalNumber}-`)),
          );
          if (!ok) return false;
        } else if (!neighbours.some((nb) => nb.id() === value)) return false;
      }
      return true;
    };
    const kept = items.filter(matches);
    const keep = new Set<string>(kept.map((n) => n.id()));
    for (const facet of FACETS) {
      const v = filters[facet];
      if (v && facet !== 'country') keep.add(v);
    }
    // Context nodes stay when they touch a kept item, or touch no item at all.
    this.cy.nodes().forEach((n) => {
      if (ITEM_KINDS.has(String(n.data('kind')))) return;
      const itemNeighbours = n
        .neighborhood()
        .nodes()
        .map((nb) => nb)
        .filter((nb) => ITEM_KINDS.has(String(nb.data('kind'))));
      if (itemNeighbours.length === 0 || itemNeighbours.some((nb) => keep.has(nb.id()))) keep.add(n.id());
    });
    return keep;
  }

  /** The values the facet filters can take, from the nodes in the view. */
  facetOptions(): Record<Facet, FacetOption[]> {
    const byKind = (kind: NodeKind): FacetOption[] =>
      this.cy
        .nodes(`[kind = "${kind}"]`)
        .map((n) => ({ value: n.id(), label: String(n.data('label')), n: Number(n.data('number')) }))
        .sort((a, b) => (Number.isFinite(a.n) && Number.isFinite(b.n) ? a.n - b.n : a.label.localeCompare(b.label)))
        .map(({ value, label }) => ({ value, label }));
    const countries = new Set<string>();
    this.cy.nodes().forEach((n) => {
      const c: unknown = n.data('country');
      if (typeof c === 'string' && /^[A-Z]{2}$/.test(c)) countries.add(c);
    });
    return {
      pathway: byKind('pathway'),
      goal: byKind('goal'),
      theme: byKind('theme'),
      country: [...countries].sort().map((c) => ({ value: c, label: c })),
    };
  }
}
