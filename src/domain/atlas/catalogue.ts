import type { Database } from '../../data/database.js';
import { cypher } from '../../data/queries.js';
import { DomainError, notFound } from '../errors.js';
import { fold } from '../text.js';
import { survivorOf } from '../curation/redirects.js';
import { withoutCard } from './case-cards.js';
import { pageUrl } from './urls.js';

/** The 15 pathways with their case counts; counting every case link is kept briefly, like coverage. */
export async function listPathways(db: Database) {
  const rows = await db.cache.get('pathways/list-pathways', () => db.read(cypher('pathways/list-pathways')));
  return rows.map((r) => ({ ...(r.pathway as Record<string, unknown>) }));
}

export async function getPathway(db: Database, number: number) {
  const [row] = await db.cache.get(`pathways/get-pathway:${number}`, () => db.read(cypher('pathways/get-pathway'), { number }));
  if (!row) throw notFound('pathway', String(number));
  return { ...(row.pathway as Record<string, unknown>) };
}

export async function listGoals(db: Database) {
  const rows = await db.read(cypher('goals/list-goals'));
  return rows.map((r) => {
    const goal = r.goal as { number: number; name: string; colour: string; [k: string]: unknown };
    return { ...goal, uri: `http://metadata.un.org/sdg/${goal.number}` };
  });
}

export async function getGoal(db: Database, number: number) {
  const [row] = await db.read(cypher('goals/get-goal'), { number });
  if (!row) throw notFound('goal', String(number));
  return row.goal as Record<string, unknown> & { targets: Record<string, unknown>[] };
}

export async function getTarget(db: Database, code: string) {
  const [row] = await db.read(cypher('goals/get-target'), { code });
  if (!row) throw notFound('target', code);
  return row.target as Record<string, unknown>;
}

export function withoutNulls<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null)) as Partial<T>;
}

/** Plain properties a reader needs; internal search helpers stay inside. */
export function publicProperties(node: Record<string, unknown>): Record<string, unknown> {
  const { altNamesText: _a, searchKey: _s, sourceIds: _i, ...rest } = withoutCard(node);
  return rest;
}

export interface NodeProperties {
  id: string;
  kind: string;
  name: string;
  [property: string]: unknown;
}

export interface Link {
  type: string;
  direction: 'in' | 'out';
  basis?: string;
  note?: string;
  node: Record<string, unknown> & { id: string; kind: string; name: string };
  sources: Record<string, unknown>[];
}

const LINK_CAP = 500;

/** Any node with its neighbours (each link with its basis and sources), optionally of one label. */
export async function getEntity(db: Database, id: string, label?: string) {
  const [row] = await db.read(cypher('entities/get-entity'), { id, label: label ?? null, cap: LINK_CAP });
  if (!row) {
    const survivor = await survivorOf(db, id);
    if (survivor) throw new DomainError('moved', `${id} was merged into ${survivor}.`, { from: id, to: survivor });
    throw notFound(label?.toLowerCase() ?? 'node', id);
  }
  const node = publicProperties(row.node as Record<string, unknown>) as NodeProperties;
  const links = (row.links as Link[]).map((l) => ({
    ...(withoutNulls(l as unknown as Record<string, unknown>) as unknown as Link),
    node: { ...(withoutNulls(l.node) as Link['node']), url: pageUrl(l.node) },
  }));
  return {
    ...node,
    // `url` is the node's page, as in every list; a web address stored on the node (a source's, an organisation's site) is `externalUrl`.
    ...(typeof node.url === 'string' ? { externalUrl: node.url } : {}),
    url: pageUrl(node),
    degree: row.degree as number,
    linksTruncated: (row.degree as number) > LINK_CAP,
    sources: row.sources as Record<string, unknown>[],
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
  const [row] = await db.read(cypher('entities/list-entities'), {
    kind,
    q: f.q ? fold(f.q) : null,
    country: f.country ?? null,
    limit: f.limit,
    offset: f.offset,
  });
  const items = (row?.items as Record<string, unknown>[]) ?? [];
  return {
    total: (row?.total as number) ?? 0,
    limit: f.limit,
    offset: f.offset,
    items: items.map((i) => ({ ...withoutNulls(i), kind, url: pageUrl({ ...i, kind }) })),
  };
}
