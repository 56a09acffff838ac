import type { Database } from '../../data/database.js';
import type { Kind } from '../model/kinds.js';
import type { MirrorNode } from '../read-model/mirror.js';
import { readModelOf, remembered } from '../read-model/read-model.js';
import { fold } from '../text.js';
import { pageUrl } from './urls.js';

/**
 * Names as they are typed: every node whose name (or alternate name, or id) has a word starting
 * with each word typed, for the explorer's fields ("Geest" finds Geestland, "SDG 12" the goal).
 * Goals, pathways and targets are named by their numbers too ("SDG 12 · Responsible consumption").
 */

interface NameEntry {
  node: MirrorNode;
  name: string;
  /** The folded words of the name, alternate names and id. */
  words: string[];
  folded: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

function displayName(node: MirrorNode): string {
  const p = node.props;
  const name = str(p.name) ?? str(p.title) ?? node.id;
  if (node.kind === 'goal' && typeof p.number === 'number') return `SDG ${p.number} · ${name}`;
  if (node.kind === 'pathway' && typeof p.number === 'number') return `Pathway ${p.number} · ${name}`;
  if (node.kind === 'target' && typeof p.code === 'string') return `Target ${p.code}${str(p.name) ? ` · ${str(p.name)}` : ''}`;
  return name;
}

const splitWords = (text: string): string[] =>
  fold(text)
    .split(/[^\p{L}\p{N}.]+/u)
    .filter(Boolean);

function entries(nodes: Iterable<MirrorNode>): NameEntry[] {
  const out: NameEntry[] = [];
  for (const node of nodes) {
    if (node.kind === 'source') continue;
    const name = displayName(node);
    const alt = Array.isArray(node.props.altNames) ? node.props.altNames.filter((a): a is string => typeof a === 'string') : [];
    const words = [...new Set([...splitWords(name), ...alt.flatMap(splitWords), ...node.id.split('-')])];
    out.push({ node, name, words, folded: fold(name) });
  }
  return out;
}

export async function completeNames(db: Database, q: string, kinds: Kind[] | undefined, limit: number) {
  const state = await readModelOf(db).current();
  const list = remembered(state, 'name-entries', () => entries(state.mirror.nodes.values()));
  const typed = fold(q.trim());
  const words = splitWords(typed);
  const allowed = kinds ? new Set<string>(kinds) : null;
  const hits: { e: NameEntry; rank: number }[] = [];
  for (const e of list) {
    if (allowed && !allowed.has(e.node.kind)) continue;
    if (!words.every((w) => e.words.some((x) => x.startsWith(w)))) continue;
    // The id itself first, then names starting with the text, then the rest; shorter names first.
    const rank = e.node.id === typed ? 0 : e.folded.startsWith(typed) ? 1 : 2;
    hits.push({ e, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || a.e.name.length - b.e.name.length || a.e.name.localeCompare(b.e.name));
  return {
    query: q,
    hits: hits.slice(0, limit).map(({ e }) => ({
      id: e.node.id,
      kind: e.node.kind,
      name: e.name,
      url: pageUrl({
        id: e.node.id,
        kind: e.node.kind,
        number: typeof e.node.props.number === 'number' ? e.node.props.number : null,
        code: str(e.node.props.code) ?? null,
      }),
    })),
  };
}
