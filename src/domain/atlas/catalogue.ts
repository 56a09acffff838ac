import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { DomainError, notFound } from '../errors.js';
import { fold } from '../text.js';
import { survivorOf } from '../curation/redirects.js';
import { pageUrl } from './urls.js';
import { KINDS } from '../model/kinds.js';
import { readModelOf, remembered, type ReadState } from '../read-model/read-model.js';
import type { GoalBrief, NodeBrief, PathwayBrief } from './rows.js';

/** A source as cited by a link: the node's own fields a reader needs. */
type SourceRef = { id: string; title: string | null; date: string | null; url: string | null };
/** A node with all its stored properties (a source or a target has no name). */
type StoredNode = Record<string, unknown> & { id: string; kind: string; name?: string };
/** A neighbour as get-entity gives it with each link. */
type LinkedNode = NodeBrief & { transformation: string | null };
/** A link as get-entity gives it: its basis and note are null when not recorded. */
type LinkRow = { type: string; direction: 'in' | 'out'; basis: string | null; note: string | null; node: LinkedNode; sources: SourceRef[] };
/** One node of a list of places, organisations or initiatives. */
type ListedEntity = {
  id: string;
  name: string;
  altNames: string[] | null;
  country: string | null;
  placeType: string | null;
  orgType: string | null;
  startYear: number | null;
  endYear: number | null;
  lat: number | null;
  lon: number | null;
  cases: number;
};

const listPathwaysQuery = defineQuery<
  Record<string, never>,
  {
    pathway: PathwayBrief & { goals: number[] };
  }
>('pathways/list-pathways');
const getPathwayQuery = defineQuery<
  { number: number },
  {
    pathway: PathwayBrief & {
      description: string | null;
      initiatives: { id: string; name: string }[];
      goals: {
        id: string;
        number: number;
        name: string;
        colour: string;
        rationale: string | null;
        basis: string | null;
        sources: SourceRef[];
      }[];
    };
  }
>('pathways/get-pathway');
const listGoalsQuery = defineQuery<
  Record<string, never>,
  {
    goal: GoalBrief & {
      targets: number;
      cases: number;
      pathways: number[];
    };
  }
>('goals/list-goals');
const getGoalQuery = defineQuery<
  { number: number },
  {
    goal: GoalBrief & {
      uri: string;
      pathways: { id: string; number: number; name: string; transformation: string | null; rationale: string | null }[];
      targets: { id: string; code: string; text: string | null; cases: number }[];
    };
  }
>('goals/get-goal');
const getTargetQuery = defineQuery<
  { code: string },
  {
    target: {
      id: string;
      code: string;
      text: string | null;
      uri: string;
      goal: { id: string; number: number; name: string; colour: string };
    };
  }
>('goals/get-target');
const getEntityQuery = defineQuery<{ id: string; label: string | null; cap: number }, EntityRow>('entities/get-entity');
const listEntitiesQuery = defineQuery<
  { kind: string; q: string | null; country: string | null; limit: number; offset: number },
  { total: number; items: ListedEntity[] }
>('entities/list-entities');

const LINK_CAP = 500;

/** The 15 pathways with their case counts; counting every case link is kept briefly, like coverage. */
export async function listPathways(db: Database) {
  const rows = await db.cache.get('pathways/list-pathways', () => db.read(listPathwaysQuery));
  return rows.map((r) => ({ ...r.pathway }));
}

export async function getPathway(db: Database, number: number) {
  const [row] = await db.cache.get(`pathways/get-pathway:${number}`, () => db.read(getPathwayQuery, { number }));
  if (!row) throw notFound('pathway', String(number));
  return { ...row.pathway };
}

export async function listGoals(db: Database) {
  const rows = await db.read(listGoalsQuery);
  return rows.map(({ goal }) => ({ ...goal, uri: `http://metadata.un.org/sdg/${goal.number}` }));
}

export async function getGoal(db: Database, number: number) {
  const [row] = await db.read(getGoalQuery, { number });
  if (!row) throw notFound('goal', String(number));
  return row.goal;
}

export async function getTarget(db: Database, code: string) {
  const [row] = await db.read(getTargetQuery, { code });
  if (!row) throw notFound('target', code);
  return row.target;
}

export function withoutNulls<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null)) as Partial<T>;
}

/** Plain properties a reader needs; internal search helpers stay inside. */
export function publicProperties(node: Record<string, unknown>): Record<string, unknown> {
  const { altNamesText: _a, searchKey: _s, sourceIds: _i, ...rest } = node;
  return rest;
}

type EntityRow = { node: StoredNode; links: LinkRow[]; degree: number; sources: (SourceRef & { sourceType: string | null })[] };

type NeighbourField = 'name' | 'number' | 'code' | 'country' | 'colour' | 'year' | 'transformation';
const orderKey = (v: string | number | null | undefined) =>
  v === undefined || v === null ? '\uffff' : typeof v === 'number' ? v.toString().padStart(12, '0') : v;

/** The node as get-entity gives it, from the read model's copy of the public graph. */
function entityFromModel(state: ReadState, id: string, label?: string): EntityRow | undefined {
  const { mirror } = state;
  const found = mirror.nodes.get(id);
  if (!found || (label && KINDS[found.kind] !== label)) return undefined;
  const sourceRef = (sid: string) => {
    const s = mirror.nodes.get(sid);
    return s?.kind === 'source' ? [{ id: sid, title: str(s.props.title), date: str(s.props.date), url: str(s.props.url) }] : [];
  };
  const all = [
    ...mirror.out(id).map((r) => ({ r, other: r.to, direction: 'out' as const })),
    ...mirror.in(id).map((r) => ({ r, other: r.from, direction: 'in' as const })),
  ].filter((l) => l.r.type !== 'REPORTED_IN' && mirror.nodes.has(l.other));
  // Ordered and capped first, so a hub's thousands of links are not each made into an answer.
  const linkKey = ({ r, other }: (typeof all)[number]) => {
    const p = mirror.nodes.get(other)!.props;
    const k = (v: unknown) => orderKey((v ?? null) as string | number | null);
    return [r.type, mirror.nodes.get(other)!.kind, k(p.number), k(p.code), k(p.name)].join('\u0000');
  };
  const links = all
    .map((l) => ({ l, key: linkKey(l) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, LINK_CAP)
    .map(({ l: { r, other, direction } }) => {
      const m = mirror.nodes.get(other)!;
      const field = (f: NeighbourField) => (m.props[f] ?? null) as never;
      const node: LinkedNode = {
        id: m.id,
        kind: m.kind,
        name: field('name'),
        number: field('number'),
        code: field('code'),
        country: field('country'),
        colour: field('colour'),
        year: field('year'),
        transformation: field('transformation'),
      };
      const sourceIds = Array.isArray(r.props.sources) ? (r.props.sources as string[]) : [];
      return { type: r.type, direction, basis: str(r.props.basis), note: str(r.props.note), node, sources: sourceIds.flatMap(sourceRef) };
    });
  const sources = mirror
    .out(id)
    .filter((r) => r.type === 'REPORTED_IN')
    .flatMap((r) => {
      const s = mirror.nodes.get(r.to);
      return s?.kind === 'source' ? [{ ...sourceRef(r.to)[0]!, sourceType: str(s.props.sourceType) }] : [];
    });
  return { node: { ...found.props, id: found.id, kind: found.kind }, links, degree: all.length, sources };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Any node with its neighbours (each link with its basis and sources), optionally of one label.
 * Read from the read model (what this instance's writes and the change feed have brought it);
 * `fresh` reads Neo4j itself, for forms that edit the node and need its current version.
 */
export async function getEntity(db: Database, id: string, label?: string, options: { fresh?: boolean } = {}) {
  const row = options.fresh
    ? (await db.read(getEntityQuery, { id, label: label ?? null, cap: LINK_CAP }))[0]
    : await readModelOf(db)
        .current()
        .then((state) => remembered(state, JSON.stringify(['entity', id, label ?? null]), () => entityFromModel(state, id, label)));
  if (!row) {
    const survivor = await survivorOf(db, id);
    if (survivor) throw new DomainError('moved', `${id} was merged into ${survivor}.`, { from: id, to: survivor });
    throw notFound(label?.toLowerCase() ?? 'node', id);
  }
  // Naming id, kind and name keeps their types; they are public properties already, so they keep their place.
  const { id: nodeId, kind, name } = row.node;
  const node: StoredNode = { ...publicProperties(row.node), id: nodeId, kind, ...(name === undefined ? {} : { name }) };
  const links = row.links.map((l) => ({
    type: l.type,
    direction: l.direction,
    ...(l.basis === null ? {} : { basis: l.basis }),
    ...(l.note === null ? {} : { note: l.note }),
    node: { ...withoutNulls(l.node), id: l.node.id, kind: l.node.kind, url: pageUrl(l.node) },
    sources: l.sources,
  }));
  return {
    ...node,
    // `url` is the node's page, as in every list; a web address stored on the node (a source's, an organisation's site) is `externalUrl`.
    ...(typeof node.url === 'string' ? { externalUrl: node.url } : {}),
    url: pageUrl(node),
    degree: row.degree,
    linksTruncated: row.degree > LINK_CAP,
    sources: row.sources,
    links,
  };
}

export type Entity = Awaited<ReturnType<typeof getEntity>>;

/** Neighbours of an entity reached by one relationship type and direction, optionally of one kind. */
export function linked(entity: Entity, type: string, direction: 'in' | 'out', kind?: string) {
  return entity.links
    .filter((l) => l.type === type && l.direction === direction && (!kind || l.node.kind === kind))
    .map((l) => ({ ...l.node, basis: l.basis, note: l.note, sources: l.sources }));
}

export async function listEntities(
  db: Database,
  kind: 'place' | 'organisation' | 'initiative',
  f: { q?: string; country?: string; limit: number; offset: number },
) {
  const [row] = await db.read(listEntitiesQuery, {
    kind,
    q: f.q ? fold(f.q) : null,
    country: f.country ?? null,
    limit: f.limit,
    offset: f.offset,
  });
  const items = row?.items ?? [];
  return {
    total: row?.total ?? 0,
    limit: f.limit,
    offset: f.offset,
    items: items.map((i) => ({ ...withoutNulls(i), kind, url: pageUrl({ ...i, kind }) })),
  };
}
