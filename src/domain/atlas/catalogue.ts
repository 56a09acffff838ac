import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { DomainError, notFound } from '../errors.js';
import { fold } from '../text.js';
import { survivorOf } from '../curation/redirects.js';
import { pageUrl } from './urls.js';
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
const getEntityQuery = defineQuery<
  { id: string; label: string | null; cap: number },
  { node: StoredNode; links: LinkRow[]; degree: number; sources: (SourceRef & { sourceType: string | null })[] }
>('entities/get-entity');
const listEntitiesQuery = defineQuery<
  { kind: string; q: string | null; country: string | null; limit: number; offset: number },
  { total: number; items: ListedEntity[] }
>('entities/list-entities');

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

const LINK_CAP = 500;

/** Any node with its neighbours (each link with its basis and sources), optionally of one label. */
export async function getEntity(db: Database, id: string, label?: string) {
  const [row] = await db.read(getEntityQuery, { id, label: label ?? null, cap: LINK_CAP });
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
