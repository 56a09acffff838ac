/**
 * What the explorer's controller publishes on its bus, and the notice helpers the parts share.
 * UI pieces import these types from `controller.ts`, which re-exports them.
 */
import type { EventBus } from './bus.js';
import type { ViewState } from './state.js';
import type { LayoutName } from './types.js';

export type NoticeLevel = 'info' | 'warning' | 'error';
export interface Notice {
  level: NoticeLevel;
  message: string;
  /** Stable code so the UI (and tests) can tell notices apart. */
  code: 'truncated' | 'no-path' | 'not-found' | 'api-error' | 'empty' | 'moved' | 'filter-empty' | 'info';
}

export interface NodeSummary {
  id: string;
  label: string;
  kind: string;
}

export interface FacetOption {
  value: string;
  label: string;
  /** How many practices in view the value keeps, with the other filters. */
  count?: number;
}

export interface ExplorerEvents {
  [name: string]: unknown;
  /** Elements were added or removed, or filters changed what is visible. */
  graph: { nodes: number; edges: number; visible: number; dense: boolean };
  /** The view state changed (and the URL should follow). `push` marks a step worth a history entry. */
  state: { state: ViewState; push: boolean };
  select: { id: string | null; origin: 'canvas' | 'list' | 'api' };
  notice: Notice;
  busy: { busy: boolean; task?: string };
  layout: { name: LayoutName; running: boolean };
  path: { from: string; to: string; found: boolean; length: number } | null;
  /** A group node was replaced by (a page of) its members. */
  group: { id: string; parent: string; members: string[]; added: string[] };
}

export type ExplorerBus = EventBus<ExplorerEvents>;

/** Publishes a failed API call as an error notice (a 404 as "not found"). */
export function reportError(bus: ExplorerBus, err: unknown, what: string): void {
  const status = (err as { status?: number }).status;
  const message = err instanceof Error ? err.message : String(err);
  bus.emit('notice', {
    level: 'error',
    code: status === 404 ? 'not-found' : 'api-error',
    message: status === 404 ? `${what}: ${message}` : `${what} failed: ${message}`,
  });
}
