import { SIZE_BANDS, sizeBand, type SizeBand } from '../model/places.js';
import { cpvDivision, cpvLabel } from '../model/vocabularies.js';
import { parseStoredProfile, type CaseProfile } from '../model/profile.js';
import type { GraphMirror, MirrorNode, MirrorRel } from './mirror.js';

/**
 * What a case can be narrowed by; the values of one facet are alternatives. `size` is the size band
 * of the places the case is located in (exactly one per case, `unknown` when no place has one, so
 * that its counts add up to the cases); `cpvDivision` and `cpv` are what was bought, as CPV 2008
 * divisions ("45") and codes ("45210000-2").
 */
export const FACETS = [
  'pathway',
  'sdg',
  'target',
  'theme',
  'approach',
  'country',
  'place',
  'initiative',
  'year',
  'size',
  'cpvDivision',
  'cpv',
] as const;
export type Facet = (typeof FACETS)[number];

/** A case as the search index holds it: its text fields, its facet values and its framework links. */
export interface CaseDoc {
  id: string;
  name: string;
  altNames: string;
  summary: string;
  outcome: string;
  /** The profile's words: what was bought (with its CPV labels), the buyer, criteria, results and lessons. */
  profile: string;
  /** Names of what the case is about and how it was bought: themes, approaches, initiatives, organisations, places. */
  about: string;
  year: number | null;
  facets: Record<Facet, string[]>;
  /** The pathways, goals and targets a source states the case as linked to (not a curator's judgement), by node id. */
  stated: readonly string[];
}

const NONE: string[] = Object.freeze([]) as unknown as string[];

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Places reached from a place along PART_OF between places, up ('out': what it lies in) or down ('in'), nearest first, itself included. */
function walkPlaces(mirror: GraphMirror, placeId: string, direction: 'out' | 'in'): MirrorNode[] {
  const out: MirrorNode[] = [];
  const seen = new Set<string>();
  let frontier = [placeId];
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) {
      const node = mirror.nodes.get(id);
      if (seen.has(id) || node?.kind !== 'place') continue;
      seen.add(id);
      out.push(node);
      for (const r of direction === 'out' ? mirror.out(id) : mirror.in(id))
        if (r.type === 'PART_OF') next.push(direction === 'out' ? r.to : r.from);
    }
    frontier = next;
  }
  return out;
}

/** The place and every place it lies in, nearest first. */
export function placeWithAncestors(mirror: GraphMirror, placeId: string): MirrorNode[] {
  return walkPlaces(mirror, placeId, 'out');
}

/** The place and the places inside it, at any depth. */
export function placeWithDescendants(mirror: GraphMirror, placeId: string): string[] {
  return walkPlaces(mirror, placeId, 'in').map((n) => n.id);
}

/** The case's outgoing relationships to public nodes, each with the node it reaches. */
export function caseLinks(mirror: GraphMirror, id: string): { rel: MirrorRel; node: MirrorNode }[] {
  return mirror.out(id).flatMap((rel) => {
    const node = mirror.nodes.get(rel.to);
    return node ? [{ rel, node }] : [];
  });
}

/** The size band a case's places put it in: the smallest band among the places it is located in. */
function caseSizeBand(places: MirrorNode[]): SizeBand | 'unknown' {
  let best: number | undefined;
  for (const p of places) {
    const band = sizeBand(p.props.placeType, p.props.population);
    const rank = band ? SIZE_BANDS.indexOf(band) : -1;
    if (rank >= 0 && (best === undefined || rank < best)) best = rank;
  }
  return best === undefined ? 'unknown' : SIZE_BANDS[best]!;
}

/** The profile's text for search. */
function profileText(profile: CaseProfile | undefined): string {
  if (!profile) return '';
  const parts: string[] = [];
  const add = (...t: (string | undefined)[]) => parts.push(...t.filter((x): x is string => Boolean(x)));
  add(profile.background?.text, profile.purchase?.text, profile.procedure?.text, profile.buyer?.organisation, profile.buyer?.unit);
  for (const code of profile.cpv?.codes ?? []) add(cpvLabel(code));
  for (const c of profile.criteria ?? []) add(c.text);
  for (const r of profile.results ?? []) add(r.text);
  for (const l of profile.lessons ?? []) add(l.text);
  return parts.join(' | ');
}

/** The case's search document, derived from the mirror. */
export function caseDoc(mirror: GraphMirror, node: MirrorNode): CaseDoc {
  const p = node.props;
  const facets: Record<Facet, Set<string>> = Object.fromEntries(FACETS.map((f) => [f, new Set<string>()])) as Record<Facet, Set<string>>;
  const about: string[] = [];
  const stated = new Set<string>();
  const mark = (rel: MirrorRel, id: string) => {
    if (rel.props.basis !== 'curated') stated.add(id);
  };
  for (const { rel, node: n } of caseLinks(mirror, node.id)) {
    const q = n.props;
    switch (rel.type) {
      case 'ILLUSTRATES':
        if (n.kind === 'pathway' && num(q.number) !== null) {
          facets.pathway.add(String(q.number));
          mark(rel, n.id);
        }
        break;
      case 'CONTRIBUTES_TO':
        if (n.kind === 'goal' && num(q.number) !== null) facets.sdg.add(String(q.number));
        if (n.kind === 'target' && typeof q.code === 'string') {
          facets.target.add(q.code);
          const goal = num(q.goal) ?? Number(q.code.split('.')[0]);
          if (Number.isFinite(goal)) facets.sdg.add(String(goal));
        }
        mark(rel, n.id);
        break;
      case 'ABOUT_THEME':
        facets.theme.add(n.id);
        about.push(str(q.name));
        break;
      case 'USES_APPROACH':
        facets.approach.add(n.id);
        about.push(str(q.name));
        break;
      case 'PART_OF':
        if (n.kind === 'initiative') {
          facets.initiative.add(n.id);
          about.push(str(q.name));
        }
        break;
      case 'LOCATED_IN':
        for (const place of placeWithAncestors(mirror, n.id)) {
          facets.place.add(place.id);
          if (typeof place.props.country === 'string') facets.country.add(place.props.country);
        }
        about.push(str(q.name));
        break;
      case 'IMPLEMENTED_BY':
      case 'COORDINATED_BY':
      case 'FUNDED_BY':
        about.push(str(q.name));
        break;
    }
  }
  const year = num(p.year);
  if (year !== null) facets.year.add(String(year));
  const located = caseLinks(mirror, node.id).flatMap(({ rel, node: n }) => (rel.type === 'LOCATED_IN' && n.kind === 'place' ? [n] : []));
  facets.size.add(caseSizeBand(located));
  const profile = parseStoredProfile(p.profile);
  for (const code of profile?.cpv?.codes ?? []) {
    facets.cpv.add(code);
    facets.cpvDivision.add(cpvDivision(code));
  }
  return {
    id: node.id,
    name: str(p.name),
    altNames: Array.isArray(p.altNames) ? (p.altNames as unknown[]).map(str).join(' | ') : '',
    summary: str(p.summary),
    outcome: str(p.outcome),
    profile: profileText(profile),
    about: about.filter(Boolean).join(' | '),
    year,
    // Most cases lack some facets: those share one empty list (50,000 cases, nine facets each).
    facets: Object.fromEntries(FACETS.map((f) => [f, facets[f].size ? [...facets[f]] : NONE])) as Record<Facet, string[]>,
    stated: stated.size ? [...stated] : NONE,
  };
}

/** Which cases' documents depend on the given nodes: the cases among them, next to them, or in places inside them. */
export function casesDependingOn(mirror: GraphMirror, ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const addCasesNear = (id: string) => {
    for (const r of mirror.in(id)) if (mirror.nodes.get(r.from)?.kind === 'case') out.add(r.from);
  };
  for (const id of ids) {
    const node = mirror.nodes.get(id);
    if (!node) {
      // Removed: the caller knew its neighbours before; a removed case is dropped by id.
      out.add(id);
      continue;
    }
    if (node.kind === 'case') out.add(id);
    else if (node.kind === 'place') for (const p of placeWithDescendants(mirror, id)) addCasesNear(p);
    else addCasesNear(id);
  }
  return out;
}
