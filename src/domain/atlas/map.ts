import type { Database } from '../../data/database.js';
import { SIZE_BAND_LABELS, countryCentre, sizeBand } from '../model/places.js';
import { parseStoredProfile } from '../model/profile.js';
import { caseLinks } from '../read-model/case-docs.js';
import { findCases } from '../read-model/finder.js';
import type { GraphMirror } from '../read-model/mirror.js';
import { readModelOf } from '../read-model/read-model.js';
import { cpvView } from './case-profile.js';
import { caseQueryOf, type CaseSearch } from './case-search.js';

/** A case as a map point lists it: enough to colour the point and open the case. */
export interface MapCase {
  id: string;
  name: string;
  year: number | null;
  pathways: number[];
  goals: number[];
}

/** A place on the map with the cases of the current filter that are located there. */
export interface MapPlace {
  id: string;
  name: string;
  country: string | null;
  lat: number;
  lon: number;
  /** A country drawn at its centre, for want of coordinates of its own. */
  approximate: boolean;
  sizeBand: string | null;
  cases: MapCase[];
}

const numbers = (mirror: GraphMirror, caseId: string, type: string, kind: string) =>
  caseLinks(mirror, caseId)
    .filter(({ rel, node }) => rel.type === type && node.kind === kind && typeof node.props.number === 'number')
    .map(({ node }) => node.props.number as number)
    .sort((a, b) => a - b);

/**
 * Every place with coordinates that a case of the filter is located in, each with those cases; a
 * country without coordinates of its own is drawn at its centre. A case located only in places
 * without coordinates (regions, areas) has no point; `unplaced` counts those cases.
 */
export function mapPlaces(mirror: GraphMirror, caseIds: string[]): { places: MapPlace[]; cases: number; unplaced: number } {
  const places = new Map<string, MapPlace>();
  let unplaced = 0;
  for (const id of caseIds) {
    const c = mirror.nodes.get(id);
    if (!c) continue;
    const item: MapCase = {
      id,
      name: typeof c.props.name === 'string' ? c.props.name : id,
      year: typeof c.props.year === 'number' ? c.props.year : null,
      pathways: numbers(mirror, id, 'ILLUSTRATES', 'pathway'),
      // A goal the case is linked to directly or through one of its targets.
      goals: [
        ...new Set([
          ...numbers(mirror, id, 'CONTRIBUTES_TO', 'goal'),
          ...caseLinks(mirror, id).flatMap(({ rel, node }) =>
            rel.type === 'CONTRIBUTES_TO' && node.kind === 'target' && typeof node.props.goal === 'number' ? [node.props.goal] : [],
          ),
        ]),
      ].sort((a, b) => a - b),
    };
    let placed = false;
    for (const { rel, node } of caseLinks(mirror, id)) {
      if (rel.type !== 'LOCATED_IN' || node.kind !== 'place') continue;
      const own = typeof node.props.lat === 'number' && typeof node.props.lon === 'number';
      const point = own
        ? { lat: node.props.lat as number, lon: node.props.lon as number }
        : node.props.placeType === 'country'
          ? countryCentre(node.props.country)
          : undefined;
      if (!point) continue;
      placed = true;
      let p = places.get(node.id);
      if (!p) {
        const band = sizeBand(node.props.placeType, node.props.population);
        p = {
          id: node.id,
          name: typeof node.props.name === 'string' ? node.props.name : node.id,
          country: typeof node.props.country === 'string' ? node.props.country : null,
          lat: point.lat,
          lon: point.lon,
          approximate: !own,
          sizeBand: band ? SIZE_BAND_LABELS[band] : null,
          cases: [],
        };
        places.set(node.id, p);
      }
      p.cases.push(item);
    }
    if (!placed) unplaced++;
  }
  return { places: [...places.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), cases: caseIds.length, unplaced };
}

/** The map of the cases a search keeps (every page of it). */
export async function casesMap(db: Database, f: CaseSearch) {
  const state = await readModelOf(db).current();
  const all = findCases(state, { ...caseQueryOf(f), limit: state.cases.size, offset: 0 });
  return mapPlaces(
    state.mirror,
    all.cases.map((c) => c.id),
  );
}

/** The points of one case's or one place's own small map. */
export async function placesMap(db: Database, caseIds: string[]) {
  const state = await readModelOf(db).current();
  return mapPlaces(state.mirror, caseIds);
}

/** The cases that list a CPV code (or a code of a division), newest first, with the code's labels. */
export async function casesForCpv(db: Database, code: string) {
  const state = await readModelOf(db).current();
  const division = /^\d{2}$/.test(code);
  const result = findCases(state, {
    filters: division ? { cpvDivision: [code] } : { cpv: [code] },
    sort: 'newest',
    limit: state.cases.size,
    offset: 0,
  });
  const curated = (id: string) => parseStoredProfile(state.mirror.nodes.get(id)?.props.profile)?.cpv?.basis === 'curated';
  return { total: result.total, cases: result.cases.map((c) => ({ ...c, cpvCurated: curated(c.id) })) };
}

export { cpvView };
