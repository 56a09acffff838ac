/**
 * Layouts made for the atlas's shape, computed as positions (run through Cytoscape's preset layout):
 *
 * - scaffold: the frameworks in view (pathways by number, then each goal followed by its targets)
 *   on a ring that depends only on which of them are in view, so it stays put as the view grows;
 *   every other node in a cluster with the nodes that share its frameworks, placed between those
 *   frameworks; nodes linked to no framework beside the clusters they touch. Clusters never overlap.
 * - tree: breadth first from the anchors, each level wrapped into rows, children under their parents.
 * - concentric levels: anchors in the centre, then frameworks, then practices, then the rest, each
 *   kind spread over as many rings as it needs.
 */
import type cytoscape from 'cytoscape';
import { kindRank } from './graph-state.js';
import { separateDiscs, sunflowerPoint, type Disc as SeparatedDisc } from './discs.js';

export type Point = { x: number; y: number };

const FRAMEWORK = new Set(['pathway', 'goal', 'target']);
const PRACTICE = new Set(['case', 'initiative', 'event']);
/** Distance between two nodes of a cluster. */
const SPACING = 34;

function goalOf(n: cytoscape.NodeSingular): number {
  const kind = String(n.data('kind'));
  if (kind === 'goal') return Number(n.data('number') ?? /(\d+)$/.exec(n.id())?.[1] ?? 999);
  const m = /^target-(\d+)-/.exec(n.id()) ?? /^(\d+)\./.exec(String(n.data('code') ?? ''));
  return m ? Number(m[1]) : 999;
}

function byName(a: cytoscape.NodeSingular, b: cytoscape.NodeSingular): number {
  return (
    kindRank(String(a.data('kind'))) - kindRank(String(b.data('kind'))) ||
    String(a.data('label')).localeCompare(String(b.data('label'))) ||
    (a.id() < b.id() ? -1 : 1)
  );
}

/** Frameworks in ring order: pathways by number, then each goal followed by its targets. */
function frameworkOrder(frameworks: cytoscape.NodeSingular[]): cytoscape.NodeSingular[] {
  const key = (n: cytoscape.NodeSingular): [number, number, string] => {
    const kind = String(n.data('kind'));
    if (kind === 'pathway') return [0, Number(n.data('number') ?? 999), n.id()];
    return [1 + goalOf(n), kind === 'goal' ? 0 : 1, String(n.data('code') ?? n.id())];
  };
  return [...frameworks].sort((a, b) => {
    const [a1, a2, a3] = key(a);
    const [b1, b2, b3] = key(b);
    return a1 - b1 || a2 - b2 || a3.localeCompare(b3, 'en', { numeric: true });
  });
}

interface Disc extends SeparatedDisc {
  fixed: boolean;
  members: cytoscape.NodeSingular[];
}

const discRadius = (count: number) => SPACING * (Math.sqrt(count) * 0.9 + 0.6);

/** Pushes overlapping discs apart; fixed discs stay put. Bounded work on big views. */
const separate = (discs: Disc[]) => separateDiscs(discs, { gap: 8, minRounds: 4, maxRounds: 120, work: 30_000_000 });

/** Places a disc's members on a sunflower: the first in the centre, the rest around it. */
function fill(disc: Disc, out: Map<string, Point>): void {
  disc.members.sort(byName).forEach((n, i) => {
    out.set(n.id(), sunflowerPoint(disc, i, SPACING * 0.9));
  });
}

/** The scaffold layout's positions for the nodes given (see the module comment). */
export function scaffoldPositions(nodes: cytoscape.NodeCollection): Map<string, Point> {
  const inView = new Set(nodes.map((n) => n.id()));
  const all: cytoscape.NodeSingular[] = nodes.map((n) => n);
  const frameworks = frameworkOrder(all.filter((n) => FRAMEWORK.has(String(n.data('kind')))));
  const out = new Map<string, Point>();
  const discs: Disc[] = [];
  const frameworkDisc = new Map<string, Disc>();
  // The ring: long enough for every framework with room for its label, wide enough for the clusters inside.
  const others = all.length - frameworks.length;
  const inside = Math.sqrt((others * (SPACING * 1.6) ** 2) / Math.PI) * 1.25;
  const radius = frameworks.length <= 1 ? 0 : Math.max(260, (frameworks.length * 95) / (2 * Math.PI), inside);
  frameworks.forEach((n, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, frameworks.length);
    const disc = { x: radius * Math.cos(angle), y: radius * Math.sin(angle), r: SPACING, fixed: true, members: [n] };
    discs.push(disc);
    frameworkDisc.set(n.id(), disc);
  });
  const neighboursInView = (n: cytoscape.NodeSingular): string[] =>
    n
      .neighborhood()
      .nodes()
      .map((m) => m.id())
      .filter((id) => inView.has(id));

  // Clusters of the nodes that share the same frameworks, between those frameworks.
  const clusters = new Map<string, Disc>();
  const placedIn = new Map<string, Disc>();
  const rest: cytoscape.NodeSingular[] = [];
  for (const n of all) {
    if (frameworkDisc.has(n.id())) continue;
    const own = neighboursInView(n)
      .filter((id) => frameworkDisc.has(id))
      .sort();
    if (!own.length) {
      rest.push(n);
      continue;
    }
    const key = own.join('|');
    let disc = clusters.get(key);
    if (!disc) {
      const c = own.reduce((acc, id) => ({ x: acc.x + frameworkDisc.get(id)!.x, y: acc.y + frameworkDisc.get(id)!.y }), { x: 0, y: 0 });
      // One framework: just inside the ring beside it; several: towards the middle of them.
      const pull = own.length === 1 ? 0.72 : 0.6;
      disc = { x: (c.x / own.length) * pull, y: (c.y / own.length) * pull, r: 0, fixed: false, members: [] };
      clusters.set(key, disc);
      discs.push(disc);
    }
    disc.members.push(n);
    placedIn.set(n.id(), disc);
  }

  // The rest beside the clusters they touch, outwards; what touches nothing placed, below.
  let pending = rest;
  while (pending.length) {
    const next: cytoscape.NodeSingular[] = [];
    const added = new Map<string, Disc>();
    for (const n of pending) {
      const touching = [...new Set(neighboursInView(n).flatMap((id) => (placedIn.get(id) ? [placedIn.get(id)!] : [])))];
      if (!touching.length) {
        next.push(n);
        continue;
      }
      const key = touching
        .map((d) => discs.indexOf(d))
        .sort((a, b) => a - b)
        .join('|');
      let disc = added.get(key);
      if (!disc) {
        const c = touching.reduce((acc, d) => ({ x: acc.x + d.x, y: acc.y + d.y }), { x: 0, y: 0 });
        const x = c.x / touching.length;
        const y = c.y / touching.length;
        const len = Math.hypot(x, y) || 1;
        const out = radius ? 60 : 90;
        disc = { x: x + (x / len) * out, y: y + (y / len) * out + (len === 1 ? out : 0), r: 0, fixed: false, members: [] };
        added.set(key, disc);
      }
      disc.members.push(n);
    }
    if (!added.size) {
      // Linked to nothing in view (or only to each other): one cluster below everything.
      const bottom = discs.reduce((m, d) => Math.max(m, d.y + d.r), 0);
      const disc = { x: 0, y: bottom + discRadius(next.length) + 60, r: 0, fixed: false, members: next };
      discs.push(disc);
      break;
    }
    for (const disc of added.values()) {
      discs.push(disc);
      for (const m of disc.members) placedIn.set(m.id(), disc);
    }
    pending = next;
  }
  for (const d of discs) if (!d.fixed) d.r = discRadius(d.members.length);
  separate(discs);
  for (const d of discs) fill(d, out);
  return out;
}

/** Breadth first from the roots; each level wrapped into rows, every node under its parents. */
export function treePositions(nodes: cytoscape.NodeCollection, roots: string[]): Map<string, Point> {
  const inView = new Set(nodes.map((n) => n.id()));
  const all: cytoscape.NodeSingular[] = nodes.map((n) => n);
  const start = roots.filter((id) => inView.has(id));
  if (!start.length && all.length)
    start.push([...all].sort((a, b) => b.degree(false) - a.degree(false) || (a.id() < b.id() ? -1 : 1))[0]!.id());
  const level = new Map<string, number>(start.map((id) => [id, 0]));
  const levels: string[][] = [start];
  const byId = new Map(all.map((n) => [n.id(), n]));
  const out = new Map<string, Point>();
  const perRow = Math.max(8, Math.ceil(Math.sqrt(all.length) * 1.6));
  const dx = 120;
  const dy = 90;
  let y = 0;
  for (let depth = 0; levels[depth]?.length; depth++) {
    const row = levels[depth]!;
    // Children in the order of their first parent's place, then by kind and name.
    const next: { id: string; parentX: number }[] = [];
    for (const id of row) {
      byId
        .get(id)!
        .neighborhood()
        .nodes()
        .forEach((m) => {
          if (!inView.has(m.id()) || level.has(m.id())) return;
          level.set(m.id(), depth + 1);
          next.push({ id: m.id(), parentX: out.get(id)?.x ?? 0 });
        });
    }
    const placeRow = (ids: string[]) => {
      for (let i = 0; i < ids.length; i += perRow) {
        const chunk = ids.slice(i, i + perRow);
        chunk.forEach((id, j) => out.set(id, { x: (j - (chunk.length - 1) / 2) * dx, y }));
        y += dy;
      }
      y += dy * 0.5;
    };
    if (depth === 0) placeRow(row);
    if (next.length) {
      next.sort((a, b) => a.parentX - b.parentX || byName(byId.get(a.id)!, byId.get(b.id)!));
      levels.push(next.map((c) => c.id));
      placeRow(next.map((c) => c.id));
    }
  }
  // Nodes not reached from the roots: rows below.
  const unreached = all.filter((n) => !out.has(n.id())).sort(byName);
  for (let i = 0; i < unreached.length; i += perRow)
    unreached
      .slice(i, i + perRow)
      .forEach((n, j, chunk) => out.set(n.id(), { x: (j - (chunk.length - 1) / 2) * dx, y: y + (i / perRow) * dy }));
  return out;
}

/** The concentric layout's value of a node: anchors innermost, then frameworks, practices, the rest; kinds over several rings. */
export function concentricValues(nodes: cytoscape.NodeCollection): Map<string, number> {
  const tiers: Record<string, cytoscape.NodeSingular[]> = { anchor: [], framework: [], practice: [], other: [] };
  nodes.forEach((n) => {
    const kind = String(n.data('kind'));
    const tier = n.hasClass('anchor') ? 'anchor' : FRAMEWORK.has(kind) ? 'framework' : PRACTICE.has(kind) ? 'practice' : 'other';
    tiers[tier]!.push(n);
  });
  const values = new Map<string, number>();
  let top = 10_000;
  for (const tier of ['anchor', 'framework', 'practice', 'other']) {
    const members = tiers[tier]!.sort((a, b) => b.degree(false) - a.degree(false) || byName(a, b));
    let ring = 0;
    let room = 12;
    let used = 0;
    for (const n of members) {
      if (used >= room) {
        ring++;
        used = 0;
        room = 12 + ring * 10;
      }
      values.set(n.id(), top - ring * 10);
      used++;
    }
    top -= (ring + 1) * 10 + 10;
  }
  return values;
}
