import { caseLinks } from './case-docs.js';
import type { GraphMirror, MirrorNode } from './mirror.js';

/** A case as lists show it: its own fields and its links, each framework link with its basis and sources. */
export type CaseSummary = Record<string, unknown> & { id: string; name: string };

export const LIST_FIELDS = [
  'places',
  'pathways',
  'goals',
  'targets',
  'approaches',
  'themes',
  'initiatives',
  'organisations',
  'sources',
] as const;
type ListField = (typeof LIST_FIELDS)[number];

type SortKeys = { number?: unknown; code?: unknown; name?: unknown; title?: unknown };
const collator = new Intl.Collator('en', { numeric: true });
const text = (v: unknown) => (typeof v === 'string' ? v : '');
const byNumberOrName = (a: SortKeys, b: SortKeys) =>
  (Number(a.number ?? 0) || 0) - (Number(b.number ?? 0) || 0) ||
  collator.compare(text(a.code ?? a.name ?? a.title), text(b.code ?? b.name ?? b.title));

/** Only the named properties the node has. */
function pick(node: MirrorNode, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: node.id };
  for (const k of keys) if (node.props[k] !== undefined) out[k] = node.props[k];
  return out;
}

function sourceRef(mirror: GraphMirror, id: string): Record<string, unknown>[] {
  const s = mirror.nodes.get(id);
  return s?.kind === 'source' ? [{ id, title: s.props.title ?? null, date: s.props.date ?? null, url: s.props.url ?? null }] : [];
}

/** The list shape of a case, read from the mirror; undefined when it is not a public case. */
export function caseSummary(mirror: GraphMirror, id: string): CaseSummary | undefined {
  const node = mirror.nodes.get(id);
  if (node?.kind !== 'case') return undefined;
  const lists: Record<ListField, Record<string, unknown>[]> = Object.fromEntries(LIST_FIELDS.map((f) => [f, []])) as unknown as Record<
    ListField,
    Record<string, unknown>[]
  >;
  for (const { rel, node: n } of caseLinks(mirror, id)) {
    const withBasis = (fields: readonly string[]) => ({
      ...pick(n, fields),
      basis: rel.props.basis ?? null,
      sources: (Array.isArray(rel.props.sources) ? (rel.props.sources as string[]) : []).flatMap((s) => sourceRef(mirror, s)),
    });
    switch (rel.type) {
      case 'LOCATED_IN':
        if (n.kind === 'place') lists.places.push(pick(n, ['name', 'country', 'placeType']));
        break;
      case 'ILLUSTRATES':
        if (n.kind === 'pathway') lists.pathways.push(withBasis(['number', 'name', 'transformation']));
        break;
      case 'CONTRIBUTES_TO':
        if (n.kind === 'goal') lists.goals.push(withBasis(['number', 'name', 'colour']));
        else if (n.kind === 'target') lists.targets.push(withBasis(['code']));
        break;
      case 'USES_APPROACH':
        lists.approaches.push(pick(n, ['name']));
        break;
      case 'ABOUT_THEME':
        lists.themes.push(pick(n, ['name']));
        break;
      case 'PART_OF':
        if (n.kind === 'initiative') lists.initiatives.push(pick(n, ['name']));
        break;
      case 'IMPLEMENTED_BY':
        lists.organisations.push(pick(n, ['name']));
        break;
      case 'REPORTED_IN':
        if (n.kind === 'source') lists.sources.push(pick(n, ['title', 'date', 'url', 'sourceType']));
        break;
    }
  }
  for (const f of LIST_FIELDS) lists[f].sort(byNumberOrName);
  const p = node.props;
  // Fields the case lacks are left out, as in every other answer.
  const own = Object.fromEntries(
    (['summary', 'year', 'status', 'outcome'] as const).flatMap((k) => (p[k] === undefined ? [] : [[k, p[k]]])),
  );
  return { id, name: text(p.name), ...own, ...lists };
}
