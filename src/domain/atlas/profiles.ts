import type { Database } from '../../data/database.js';
import { casesInPlace, readCaseSummaries } from './cases.js';
import { getEntity, linked, type Entity } from './catalogue.js';
import { placeFacts, profileView } from './case-profile.js';

const incomingFrom = (e: Entity, types: string[], kind: string) =>
  types.flatMap((t) => linked(e, t, 'in', kind).map((n) => ({ ...n, role: t })));

/** A place: its cases (also those of the places inside it), initiatives, organisations and events. */
export async function getPlace(db: Database, id: string) {
  const place = await getEntity(db, id, 'Place');
  const { cases, total } = await casesInPlace(db, id, 200);
  const p = place as Record<string, unknown>;
  const populationIds = Array.isArray(p.populationSources) ? (p.populationSources as string[]) : [];
  return {
    ...place,
    ...placeFacts(p),
    populationCited: populationIds.map((sid) => {
      const s = place.sources.find((x) => x.id === sid);
      return { id: sid, title: s?.title ?? sid, url: s?.url ?? null };
    }),
    cases,
    caseTotal: total,
    initiatives: incomingFrom(place, ['HAS_PARTICIPANT'], 'initiative'),
    organisations: linked(place, 'BASED_IN', 'in', 'organisation'),
    events: linked(place, 'LOCATED_IN', 'in', 'event'),
    partOf: linked(place, 'PART_OF', 'out', 'place'),
    contains: linked(place, 'PART_OF', 'in', 'place'),
  };
}

/** An organisation: the cases and initiatives it takes part in, where it is based, what it published. */
export async function getOrganisation(db: Database, id: string) {
  const org = await getEntity(db, id, 'Organisation');
  const caseIds = [...new Set(org.links.filter((l) => l.node.kind === 'case').map((l) => l.node.id))];
  return {
    ...org,
    cases: await readCaseSummaries(db, caseIds),
    initiatives: incomingFrom(org, ['HAS_PARTICIPANT', 'COORDINATED_BY', 'FUNDED_BY'], 'initiative'),
    events: incomingFrom(org, ['HAS_PARTICIPANT', 'ORGANISED_BY'], 'event'),
    basedIn: linked(org, 'BASED_IN', 'out', 'place'),
    partOf: linked(org, 'PART_OF', 'out', 'organisation'),
    units: linked(org, 'PART_OF', 'in', 'organisation'),
    publications: linked(org, 'PUBLISHED_BY', 'in', 'source'),
  };
}

/** An initiative: who takes part, who runs and funds it, its cases, events and what it aims at. */
export async function getInitiative(db: Database, id: string) {
  const ini = await getEntity(db, id, 'Initiative');
  const caseIds = linked(ini, 'PART_OF', 'in', 'case').map((c) => c.id);
  return {
    ...ini,
    cases: await readCaseSummaries(db, caseIds),
    participants: linked(ini, 'HAS_PARTICIPANT', 'out'),
    coordinators: linked(ini, 'COORDINATED_BY', 'out'),
    funders: linked(ini, 'FUNDED_BY', 'out'),
    partOf: linked(ini, 'PART_OF', 'out', 'initiative'),
    parts: linked(ini, 'PART_OF', 'in', 'initiative'),
    events: linked(ini, 'PART_OF', 'in', 'event'),
    pathways: linked(ini, 'ILLUSTRATES', 'out'),
    goals: linked(ini, 'CONTRIBUTES_TO', 'out', 'goal'),
    targets: linked(ini, 'CONTRIBUTES_TO', 'out', 'target'),
    themes: linked(ini, 'ABOUT_THEME', 'out'),
    approaches: linked(ini, 'USES_APPROACH', 'out'),
  };
}

/** A case in full: every neighbour with the source of each link. */
export async function getCase(db: Database, id: string) {
  const c = await getEntity(db, id, 'Case');
  const places = linked(c, 'LOCATED_IN', 'out');
  return {
    ...c,
    // The stored JSON text, read back as the profile with the sources of each value.
    profile: profileView((c as Record<string, unknown>).profile, c.sources ?? []),
    places: places.map((p) => ({ ...p, ...placeFacts(p) })),
    pathways: linked(c, 'ILLUSTRATES', 'out'),
    goals: linked(c, 'CONTRIBUTES_TO', 'out', 'goal'),
    targets: linked(c, 'CONTRIBUTES_TO', 'out', 'target'),
    approaches: linked(c, 'USES_APPROACH', 'out'),
    themes: linked(c, 'ABOUT_THEME', 'out'),
    initiatives: linked(c, 'PART_OF', 'out'),
    organisations: [...linked(c, 'IMPLEMENTED_BY', 'out'), ...linked(c, 'COORDINATED_BY', 'out'), ...linked(c, 'FUNDED_BY', 'out')],
    participants: linked(c, 'HAS_PARTICIPANT', 'out'),
  };
}
