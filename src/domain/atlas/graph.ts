import type { Database } from '../../data/database.js';
import { survivorOf } from '../curation/redirects.js';
import { DomainError, invalidInput, notFound } from '../errors.js';
import { KIND_NAMES, type Kind } from '../model/kinds.js';
import { countryName } from '../read-model/finder.js';
import type { CaseDoc } from '../read-model/case-docs.js';
import type { GraphMirror, MirrorNode } from '../read-model/mirror.js';
import { readModelOf, remembered, type ReadState } from '../read-model/read-model.js';
import { pageUrl } from './urls.js';

/**
 * The explorer's graph answers: the neighbourhood of a node and the shortest paths between two nodes,
 * as Cytoscape.js elements. Both are read from the read model's in-memory copy of the public graph
 * (src/domain/read-model/mirror.ts), which follows Neo4j through the change feed; relationships to
 * sources (REPORTED_IN) are never walked.
 *
 * A neighbourhood has at most `limit` nodes. When a node has more new neighbours than fit, the rest
 * are put in group nodes (kind `group`), one per kind, cases further split by country, pathway or SDG
 * when that splits them usefully, each with its count and the address that pages through its members.
 */

export interface ElementsJson {
  nodes: { data: Record<string, unknown> & { id: string; label: string; kind: string } }[];
  edges: { data: { id: string; source: string; target: string; type: string; basis?: string } }[];
}

/** Sources are reached through every node; they stay out of the explorer unless asked for. */
const DEFAULT_KINDS: Kind[] = ['pathway', 'goal', 'target', 'place', 'organisation', 'initiative', 'case', 'theme', 'approach', 'event'];
/** The link from every node to the sources that report it: never part of a neighbourhood or a path. */
const HIDDEN_TYPE = 'REPORTED_IN';
/** The properties a node of the explorer carries besides its id, kind, label and page. */
const NODE_FIELDS = ['number', 'code', 'country', 'colour', 'transformation', 'year', 'placeType'] as const;

export const NEIGHBORHOOD_MAX = 2000;
/** The longest path looked for, in relationships. */
export const PATH_MAX_LENGTH = 8;

/** What a group of neighbours can be split by. */
export const GROUP_DIMENSIONS = ['country', 'pathway', 'sdg'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];
/** The split each kind allows, in order of preference when two split equally well. */
const SPLITS: Partial<Record<Kind, GroupDimension[]>> = {
  case: ['country', 'pathway', 'sdg'],
  place: ['country'],
  organisation: ['country'],
};
/** `case`, `case:country:DE`, `*` (every kind asked for): what the `group` parameter names. */
export const GROUP_PATTERN = new RegExp(`^(\\*|${KIND_NAMES.join('|')})(?::(${GROUP_DIMENSIONS.join('|')}):([A-Za-z0-9-]{1,40}))?$`);

interface GroupSpec {
  kind: Kind | '*';
  by?: GroupDimension;
  value?: string;
}

const NOUNS: Record<Kind, [string, string]> = {
  pathway: ['pathway', 'pathways'],
  goal: ['goal', 'goals'],
  target: ['target', 'targets'],
  place: ['place', 'places'],
  organisation: ['organisation', 'organisations'],
  initiative: ['initiative', 'initiatives'],
  case: ['case', 'cases'],
  theme: ['theme', 'themes'],
  approach: ['procurement approach', 'procurement approaches'],
  source: ['source', 'sources'],
  event: ['event', 'events'],
};

// ------------------------------------------------------------------ elements

function nodeData(state: ReadState, n: MirrorNode): ElementsJson['nodes'][number]['data'] {
  const data: Record<string, unknown> = { id: n.id, kind: n.kind };
  for (const f of NODE_FIELDS) if (n.props[f] !== undefined && n.props[f] !== null) data[f] = n.props[f];
  // A case's countries are those of the places it is located in, which may lie outside the view.
  const doc = n.kind === 'case' ? state.cases.docs.get(n.id) : undefined;
  if (doc) data.countries = splitsOf(doc).country;
  const name = typeof n.props.name === 'string' ? n.props.name : null;
  const brief = { id: n.id, kind: n.kind, number: num(n.props.number), code: str(n.props.code) };
  return { ...data, id: n.id, kind: n.kind, label: name ?? n.id, url: pageUrl(brief) };
}

/** The nodes (in the order given) and every relationship among them but those to sources. */
function elements(state: ReadState, ids: readonly string[]): ElementsJson {
  const { mirror } = state;
  const set = new Set(ids);
  const nodes: ElementsJson['nodes'] = [];
  const edges: ElementsJson['edges'] = [];
  for (const id of set) {
    const n = mirror.nodes.get(id);
    if (!n) continue;
    nodes.push({ data: nodeData(state, n) });
    // Two relationships of one type between the same nodes keep apart by their place in the list.
    const repeats = new Map<string, number>();
    for (const r of mirror.out(id)) {
      if (r.type === HIDDEN_TYPE || !set.has(r.to)) continue;
      const key = `${r.from}|${r.type}|${r.to}`;
      const k = (repeats.get(key) ?? 0) + 1;
      repeats.set(key, k);
      const basis = typeof r.props.basis === 'string' ? { basis: r.props.basis } : {};
      edges.push({ data: { id: k === 1 ? key : `${key}|${k}`, source: r.from, target: r.to, type: r.type, ...basis } });
    }
  }
  return { nodes, edges };
}

// ------------------------------------------------------------------ neighbours and their order

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function compareNullable<T extends string | number>(a: T | null, b: T | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface SortKey {
  n: MirrorNode;
  kind: string;
  number: number | null;
  code: string | null;
  name: string | null;
}

/** By kind, number, code and name (missing values last), as the explorer has always listed them; then by id. */
function byListOrder(a: SortKey, b: SortKey): number {
  return (
    compareNullable(a.kind, b.kind) ||
    compareNullable(a.number, b.number) ||
    compareNullable(a.code, b.code) ||
    compareNullable(a.name, b.name) ||
    compareNullable(a.n.id, b.n.id)
  );
}

function inListOrder(nodes: MirrorNode[]): MirrorNode[] {
  return nodes
    .map((n) => ({ n, kind: n.kind, number: num(n.props.number), code: str(n.props.code), name: str(n.props.name) }))
    .sort(byListOrder)
    .map((k) => k.n);
}

/** Every node joined to `id` by a relationship other than to a source, once each, itself aside. */
function neighbourIds(mirror: GraphMirror, id: string): Set<string> {
  const out = new Set<string>();
  for (const r of mirror.out(id)) if (r.type !== HIDDEN_TYPE && r.to !== id) out.add(r.to);
  for (const r of mirror.in(id)) if (r.type !== HIDDEN_TYPE && r.from !== id) out.add(r.from);
  return out;
}

/** Hubs' neighbour lists in list order, kept while the read model's revision stays the same. */
const HUB = 500;
const CACHED_LISTS = 200;
const neighbourLists = new WeakMap<ReadState, { revision: number; lists: Map<string, MirrorNode[]> }>();

/** The neighbours of `id` of the given kinds, in list order (do not change the list: a hub's is shared). */
function neighboursOf(state: ReadState, id: string, kinds: ReadonlySet<string>): MirrorNode[] {
  let cache = neighbourLists.get(state);
  if (cache?.revision !== state.revision) neighbourLists.set(state, (cache = { revision: state.revision, lists: new Map() }));
  const key = `${[...kinds].join(',')}\u0000${id}`;
  const cached = cache.lists.get(key);
  if (cached) return cached;
  const out: MirrorNode[] = [];
  for (const nb of neighbourIds(state.mirror, id)) {
    const n = state.mirror.nodes.get(nb);
    if (n && kinds.has(n.kind)) out.push(n);
  }
  const sorted = inListOrder(out);
  if (sorted.length >= HUB) {
    if (cache.lists.size >= CACHED_LISTS) cache.lists.clear();
    cache.lists.set(key, sorted);
  }
  return sorted;
}

// ------------------------------------------------------------------ groups

/** A case's countries, pathways and SDGs in order (codes, numbers), kept with its search document. */
const splitsOfDoc = new WeakMap<CaseDoc, Record<GroupDimension, string[]>>();

function splitsOf(doc: CaseDoc): Record<GroupDimension, string[]> {
  let s = splitsOfDoc.get(doc);
  if (!s) {
    const byNumber = (a: string, b: string) => Number(a) - Number(b);
    s = {
      country: [...doc.facets.country].sort(),
      pathway: [...doc.facets.pathway].sort(byNumber),
      sdg: [...doc.facets.sdg].sort(byNumber),
    };
    splitsOfDoc.set(doc, s);
  }
  return s;
}

/** The centre's own value for a split, which all its neighbours share: left out. */
function ownValue(centre: MirrorNode, by: GroupDimension): string | null {
  if (by === 'pathway' && centre.kind === 'pathway') return String(centre.props.number);
  if (by === 'sdg' && centre.kind === 'goal') return String(centre.props.number);
  return null;
}

/**
 * The value of a neighbour for a split: a case's first country, pathway or SDG (by code or number),
 * leaving out the centre's own pathway or SDG, which all of them share; `none` without one.
 */
function splitValue(state: ReadState, own: string | null, n: MirrorNode, by: GroupDimension): string {
  if (n.kind !== 'case') return by === 'country' ? (str(n.props.country) ?? 'none') : 'none';
  const doc = state.cases.docs.get(n.id);
  if (!doc) return 'none';
  for (const v of splitsOf(doc)[by]) if (v !== own) return v;
  return 'none';
}

function groupKey(spec: GroupSpec): string {
  return spec.by ? `${spec.kind}:${spec.by}:${spec.value}` : spec.kind;
}

function parseGroup(group: string): GroupSpec {
  const m = GROUP_PATTERN.exec(group);
  if (!m) throw invalidInput('group', 'must be a kind, a kind with a split such as case:country:DE, or *');
  return { kind: m[1] as Kind | '*', ...(m[2] ? { by: m[2] as GroupDimension, value: m[3]! } : {}) };
}

function inGroup(state: ReadState, centre: MirrorNode, spec: GroupSpec, n: MirrorNode): boolean {
  if (spec.kind !== '*' && n.kind !== spec.kind) return false;
  return !spec.by || splitValue(state, ownValue(centre, spec.by), n, spec.by) === spec.value;
}

function groupLabel(spec: GroupSpec, count: number, more: boolean): string {
  const noun = spec.kind === '*' ? (count === 1 ? 'neighbour' : 'neighbours') : NOUNS[spec.kind][count === 1 ? 0 : 1];
  const head = `${count} ${more ? 'more ' : ''}${noun}`;
  if (!spec.by) return head;
  if (spec.value === 'none')
    return `${head} with no ${spec.by === 'country' ? 'country' : spec.by === 'sdg' ? 'other SDG' : 'other pathway'}`;
  if (spec.by === 'country') return `${head} in ${countryName(spec.value!)}`;
  return `${head} ${spec.by === 'sdg' ? 'for SDG' : 'in Pathway'} ${spec.value}`;
}

/** The address that pages through a group's members from `offset`. */
function groupUrl(parent: string, spec: GroupSpec, offset: number, kinds: readonly Kind[] | undefined): string {
  const q = new URLSearchParams({ node: parent, group: groupKey(spec), offset: String(offset) });
  if (spec.kind === '*' && kinds) q.set('kinds', kinds.join(','));
  return `/api/graph/neighborhood?${q.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2A/gi, '*')}`;
}

/** A group node standing for `count` neighbours of `parent`: the members of the group from `offset` on. */
function groupElements(parent: string, spec: GroupSpec, offset: number, count: number, kinds: readonly Kind[] | undefined): ElementsJson {
  const key = groupKey(spec);
  const id = `group:${parent}:${key}${offset ? `@${offset}` : ''}`;
  return {
    nodes: [
      {
        data: {
          id,
          kind: 'group',
          label: groupLabel(spec, count, offset > 0),
          count,
          of: spec.kind,
          ...(spec.by ? { by: spec.by, value: spec.value } : {}),
          parent,
          group: key,
          offset,
          expand: groupUrl(parent, spec, offset, kinds),
          url: null,
        },
      },
    ],
    edges: [{ data: { id: `${id}|link`, source: parent, target: id, type: 'GROUP' } }],
  };
}

interface Bucket {
  spec: GroupSpec;
  /** Every neighbour of the node in the group, in list order. */
  members: MirrorNode[];
  /** How many of them are new to this answer. */
  fresh: number;
}

interface Plan {
  show: string[];
  groups: { spec: GroupSpec; offset: number; count: number }[];
}

/** The items by key, in their order, each bucket with how many of its items are new. */
function bucketsBy<T>(items: MirrorNode[], key: (n: MirrorNode) => T, isNew: (id: string) => boolean) {
  const out = new Map<T, { members: MirrorNode[]; fresh: number }>();
  for (const n of items) {
    const k = key(n);
    let b = out.get(k);
    if (!b) out.set(k, (b = { members: [], fresh: 0 }));
    b.members.push(n);
    if (isNew(n.id)) b.fresh++;
  }
  return out;
}

/**
 * Which new neighbours of one node to show and how to group the rest, using at most `budget` nodes
 * (groups included) when `budget` allows one group per kind. Kinds small enough are shown whole; a
 * larger kind becomes groups (cases split by the dimension that leaves the largest group smallest),
 * the smallest groups are shown whole when they fit, and the room left shows the first members of
 * each remaining group in proportion to its size. A group holds its members from `offset` on.
 */
function planNeighbours(state: ReadState, centre: MirrorNode, all: MirrorNode[], isNew: (id: string) => boolean, budget: number): Plan {
  const fresh = all.filter((n) => isNew(n.id));
  if (fresh.length <= budget) return { show: fresh.map((n) => n.id), groups: [] };
  const kinds = [...bucketsBy(all, (n) => n.kind, isNew).entries()]
    .map(([kind, b]) => ({ kind, ...b }))
    .filter((k) => k.fresh > 0)
    .sort((a, b) => a.fresh - b.fresh || compareNullable(a.kind, b.kind));
  const show: string[] = [];
  let buckets: Bucket[];
  if (kinds.length > budget) {
    buckets = [{ spec: { kind: '*' }, members: all, fresh: fresh.length }];
  } else {
    const grouped: typeof kinds = [];
    let used = 0;
    kinds.forEach((k, i) => {
      const othersNeed = kinds.length - i - 1 + grouped.length;
      if (used + k.fresh + othersNeed <= budget) {
        used += k.fresh;
        for (const n of k.members) if (isNew(n.id)) show.push(n.id);
      } else grouped.push(k);
    });
    buckets = [];
    let slots = budget - used;
    grouped.forEach((k, i) => {
      const room = slots - (grouped.length - i - 1);
      let best: Bucket[] | null = null;
      for (const by of SPLITS[k.kind] ?? []) {
        const own = ownValue(centre, by);
        const parts = [...bucketsBy(k.members, (n) => splitValue(state, own, n, by), isNew).entries()]
          .map(([value, b]) => ({ spec: { kind: k.kind, by, value }, ...b }))
          .filter((b) => b.fresh > 0);
        if (parts.length < 2 || parts.length > room) continue;
        const largest = Math.max(...parts.map((b) => b.fresh));
        if (!best || largest < Math.max(...best.map((b) => b.fresh))) best = parts;
      }
      const chosen = best ?? [{ spec: { kind: k.kind }, members: k.members, fresh: k.fresh }];
      buckets.push(...chosen);
      slots -= chosen.length;
    });
  }
  // The room left once every group has its node.
  let extra = budget - show.length - buckets.length;
  const whole = new Set<Bucket>();
  for (const b of [...buckets].sort((x, y) => x.fresh - y.fresh)) {
    if (b.fresh - 1 > extra) break;
    extra -= b.fresh - 1;
    whole.add(b);
  }
  const rest = buckets.filter((b) => !whole.has(b));
  const total = rest.reduce((k, b) => k + b.fresh, 0);
  const shares = new Map(rest.map((b) => [b, Math.min(b.fresh - 1, Math.floor((Math.max(0, extra) * b.fresh) / total))]));
  let left = Math.max(0, extra) - [...shares.values()].reduce((k, v) => k + v, 0);
  for (const b of [...rest].sort((x, y) => y.fresh - x.fresh)) {
    if (left <= 0) break;
    const more = Math.min(left, b.fresh - 1 - shares.get(b)!);
    shares.set(b, shares.get(b)! + more);
    left -= more;
  }
  const groups: Plan['groups'] = [];
  for (const b of buckets) {
    if (whole.has(b)) {
      for (const n of b.members) if (isNew(n.id)) show.push(n.id);
      continue;
    }
    let shown = 0;
    let offset = 0;
    const share = shares.get(b)!;
    for (let i = 0; i < b.members.length && shown < share; i++) {
      if (!isNew(b.members[i]!.id)) continue;
      show.push(b.members[i]!.id);
      shown++;
      offset = i + 1;
    }
    groups.push({ spec: b.spec, offset, count: b.fresh - shown });
  }
  return { show, groups };
}

// ------------------------------------------------------------------ neighbourhood

export interface NeighbourhoodQuery {
  node: string;
  depth: number;
  kinds?: Kind[];
  limit: number;
  /** Only the members of this group of the node's neighbours (see GROUP_PATTERN), from `offset` on. */
  group?: string;
  offset?: number;
}

/**
 * The subgraph around a node, breadth first, at most `limit` nodes; the neighbours of a node that do
 * not fit are grouped, and `truncated` says that something was grouped or left out. With `group`,
 * the node and a page of that group's members (a further group for those after the page).
 */
/** The error for an id not in the graph: moved (answered as a redirect) when it was merged away, else not found. */
async function missing(db: Database, id: string): Promise<DomainError> {
  const survivor = await survivorOf(db, id);
  return survivor ? new DomainError('moved', `${id} was merged into ${survivor}.`, { from: id, to: survivor }) : notFound('node', id);
}

export async function neighborhood(db: Database, f: NeighbourhoodQuery) {
  const state = await readModelOf(db).current();
  const centre = state.mirror.nodes.get(f.node);
  if (!centre) throw await missing(db, f.node);
  const key = JSON.stringify(['neighbourhood', f.node, f.depth, f.kinds ?? null, f.limit, f.group ?? null, f.offset ?? 0]);
  return remembered(state, key, () => (f.group === undefined ? neighbourhoodOf(state, f) : groupMembers(state, centre, f)));
}

function neighbourhoodOf(state: ReadState, f: NeighbourhoodQuery) {
  const { mirror } = state;
  const kinds = f.kinds ?? DEFAULT_KINDS;
  const allowed = new Set<string>(kinds);
  const seen = new Set([f.node]);
  const groups: ElementsJson[] = [];
  let frontier = [f.node];
  let truncated = false;
  for (let level = 0; level < f.depth && frontier.length; level += 1) {
    let room = f.limit - seen.size - groups.length;
    if (room <= 0) {
      truncated ||= frontier.some((id) => neighboursOf(state, id, allowed).some((n) => !seen.has(n.id)));
      break;
    }
    // Each new node belongs to the first node of the frontier that reaches it.
    const claimed = new Set<string>();
    const claims = frontier.map((id) => {
      const all = neighboursOf(state, id, allowed);
      const mine = new Set<string>();
      for (const n of all) {
        if (seen.has(n.id) || claimed.has(n.id)) continue;
        mine.add(n.id);
        claimed.add(n.id);
      }
      return { id, all, mine };
    });
    // Share the room: a node needing less than an even share leaves the rest to the others.
    const budgets = new Map<string, number>();
    const byNeed = [...claims].sort((a, b) => a.mine.size - b.mine.size);
    byNeed.forEach((c, i) => {
      const give = Math.min(c.mine.size, Math.floor(room / (byNeed.length - i)));
      budgets.set(c.id, level === 0 ? Math.max(1, give) : give);
      room -= give;
    });
    const next: string[] = [];
    for (const c of claims) {
      if (!c.mine.size) continue;
      const budget = budgets.get(c.id)!;
      if (budget <= 0) {
        truncated = true;
        continue;
      }
      const from = mirror.nodes.get(c.id)!;
      const plan = planNeighbours(state, from, c.all, (id) => c.mine.has(id), budget);
      next.push(...plan.show);
      for (const g of plan.groups) groups.push(groupElements(c.id, g.spec, g.offset, g.count, f.kinds));
      if (plan.groups.length) truncated = true;
    }
    for (const id of next) seen.add(id);
    frontier = next;
  }
  const els = elements(state, [...seen]);
  for (const g of groups) {
    els.nodes.push(...g.nodes);
    els.edges.push(...g.edges);
  }
  return { center: f.node, depth: f.depth, kinds, limit: f.limit, truncated, ...els };
}

/** A page of one group's members: the node, up to `limit - 1` members and a group for the rest. */
function groupMembers(state: ReadState, centre: MirrorNode, f: NeighbourhoodQuery) {
  const spec = parseGroup(f.group!);
  const kinds = f.kinds ?? DEFAULT_KINDS;
  const offset = f.offset ?? 0;
  const id = `group:${centre.id}:${groupKey(spec)}${offset ? `@${offset}` : ''}`;
  const allowed = new Set<string>(spec.kind === '*' ? kinds : [spec.kind]);
  const members = neighboursOf(state, centre.id, allowed).filter((n) => inGroup(state, centre, spec, n));
  if (offset >= members.length) throw notFound('group', id);
  const page = members.slice(offset);
  const room = Math.max(1, f.limit - 1);
  const shown = page.length <= room ? page : page.slice(0, Math.max(1, room - 1));
  const els = elements(state, [centre.id, ...shown.map((n) => n.id)]);
  const truncated = shown.length < page.length;
  if (truncated) {
    const g = groupElements(centre.id, spec, offset + shown.length, page.length - shown.length, f.kinds);
    els.nodes.push(...g.nodes);
    els.edges.push(...g.edges);
  }
  return {
    center: centre.id,
    depth: 1,
    kinds,
    limit: f.limit,
    truncated,
    group: { id, parent: centre.id, group: groupKey(spec), offset, count: page.length, members: shown.map((n) => n.id) },
    ...els,
  };
}

// ------------------------------------------------------------------ shortest paths

function degree(mirror: GraphMirror, id: string): number {
  return mirror.out(id).length + mirror.in(id).length;
}

/** Every path from the root to `id` through the parents, in order of the parents' ids. */
function* pathsTo(parents: Map<string, string[]>, id: string): Generator<string[]> {
  const ps = parents.get(id)!;
  if (!ps.length) {
    yield [id];
    return;
  }
  for (const p of [...ps].sort()) for (const head of pathsTo(parents, p)) yield [...head, id];
}

/**
 * The node sequences of the shortest paths between two nodes (at most PATH_MAX_LENGTH long), at most
 * `limit` of them: a breadth-first search from both ends, each step widening the side that has fewer
 * relationships to follow, until the two meet.
 */
function shortestNodePaths(mirror: GraphMirror, from: string, to: string, limit: number): string[][] {
  if (from === to) return [[from]];
  const sides = [from, to].map((root) => ({
    parents: new Map<string, string[]>([[root, []]]),
    dist: new Map([[root, 0]]),
    front: [root],
    depth: 0,
  }));
  const [fwd, bwd] = sides as [(typeof sides)[0], (typeof sides)[0]];
  while (fwd.front.length && bwd.front.length && fwd.depth + bwd.depth < PATH_MAX_LENGTH) {
    const cost = (front: string[]) => front.reduce((k, id) => k + degree(mirror, id), 0);
    const side = cost(fwd.front) <= cost(bwd.front) ? fwd : bwd;
    const other = side === fwd ? bwd : fwd;
    const depth = side.depth + 1;
    const next: string[] = [];
    const reach = (u: string, v: string) => {
      const d = side.dist.get(v);
      if (d === undefined) {
        if (!mirror.nodes.has(v)) return;
        side.dist.set(v, depth);
        side.parents.set(v, [u]);
        next.push(v);
      } else if (d === depth) {
        // Two relationships between the same nodes are one step of a path.
        const ps = side.parents.get(v)!;
        if (ps[ps.length - 1] !== u) ps.push(u);
      }
    };
    // The front's nodes with fewest relationships first; once `limit` nodes where the two searches
    // meet are found, the rest of the front (a hub's thousands of neighbours) is left unexplored:
    // every path through a meeting node found now is a shortest one.
    const met = new Set<string>();
    for (const u of [...side.front].sort((a, b) => degree(mirror, a) - degree(mirror, b) || (a < b ? -1 : 1))) {
      const before = next.length;
      for (const r of mirror.out(u)) if (r.type !== HIDDEN_TYPE && r.to !== u) reach(u, r.to);
      for (const r of mirror.in(u)) if (r.type !== HIDDEN_TYPE && r.from !== u) reach(u, r.from);
      for (let i = before; i < next.length; i++) if (other.dist.has(next[i]!)) met.add(next[i]!);
      if (met.size >= limit) break;
    }
    side.front = next;
    side.depth = depth;
    // No path was shorter, so every node met now lies on a shortest path at this distance.
    const meet = [...met].sort();
    if (!meet.length) continue;
    const found: string[][] = [];
    for (const v of meet) {
      for (const head of pathsTo(fwd.parents, v)) {
        for (const tail of pathsTo(bwd.parents, v)) {
          found.push([...head, ...tail.reverse().slice(1)]);
          if (found.length >= limit) return found;
        }
      }
    }
    return found;
  }
  return [];
}

/** The shortest connections between two nodes, merged into one set of elements. */
export async function shortestPaths(db: Database, from: string, to: string, limit: number) {
  const state = await readModelOf(db).current();
  for (const id of [from, to]) if (!state.mirror.nodes.has(id)) throw await missing(db, id);
  return remembered(state, JSON.stringify(['path', from, to, limit]), () => pathsBetween(state, from, to, limit));
}

function pathsBetween(state: ReadState, from: string, to: string, limit: number) {
  const paths = shortestNodePaths(state.mirror, from, to, limit);
  const ids = [...new Set(paths.flat())];
  const els = elements(state, ids);
  const onPath = new Set(paths.flatMap((p) => p.slice(1).map((id, i) => `${p[i]}|${id}`)));
  // Keep only the relationships that lie on a path, not every link among its nodes.
  els.edges = els.edges.filter((e) => onPath.has(`${e.data.source}|${e.data.target}`) || onPath.has(`${e.data.target}|${e.data.source}`));
  return {
    from,
    to,
    found: paths.length > 0,
    length: paths.length ? paths[0]!.length - 1 : null,
    paths,
    ...els,
  };
}
