import type { Kind } from '../model/kinds.js';

/** The page of a node, by kind; kinds without a page of their own use the generic node page. */
export function pageUrl(node: { kind: string; id: string; number?: number | null; code?: string | null }): string {
  const id = encodeURIComponent(node.id);
  switch (node.kind as Kind) {
    case 'pathway':
      return `/pathways/${node.number ?? ''}`;
    case 'goal':
      return `/sdgs/${node.number ?? ''}`;
    case 'target':
      return `/targets/${node.code ?? ''}`;
    case 'case':
      return `/cases/${id}`;
    case 'place':
      return `/places/${id}`;
    case 'organisation':
      return `/organisations/${id}`;
    case 'initiative':
      return `/initiatives/${id}`;
    default:
      return `/nodes/${id}`;
  }
}
