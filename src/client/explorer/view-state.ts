/**
 * The explorer's current view state, the record the URL is written from (src/client/explorer/state.ts
 * has its URL form). The parts change `current` in place; `commit` publishes a copy on the bus so the
 * address bar (and the history) can follow.
 */
import type { ExplorerBus } from './events.js';
import { cloneState, emptyState, type ViewState } from './state.js';

export class ViewStateStore {
  /** The live state. Read it afresh each time: `replace` swaps it for another object. */
  current: ViewState = emptyState();

  constructor(private readonly bus: ExplorerBus) {}

  /** A copy of the state, safe to keep or change. */
  get(): ViewState {
    return cloneState(this.current);
  }

  /** Makes (a copy of) `state` the current state, without publishing it. */
  replace(state: ViewState): void {
    this.current = cloneState(state);
  }

  /** Publishes the state; `push` marks a step worth a history entry. */
  commit(push: boolean): void {
    this.bus.emit('state', { state: this.get(), push });
  }

  /** The state that opens the neighbourhood of one node, keeping the current settings. */
  openingState(id: string): ViewState {
    const next = emptyState();
    next.nodes = [id];
    next.depth = this.current.depth;
    next.limit = this.current.limit;
    next.hideKinds = [...this.current.hideKinds];
    next.layout = this.current.layout;
    next.selected = id;
    return next;
  }
}
