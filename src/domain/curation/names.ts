import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { invalidInput } from '../errors.js';
import { kindLabel } from '../model/labels.js';
import { fold } from '../text.js';
import { similarity } from './similar.js';

/** Names instead of ids in curators' forms: what an autocomplete offers and how a typed name finds its node. */

export interface NamedNode {
  id: string;
  name: string;
  kind: string;
  altNames: string[];
}

const namesOfKinds = defineQuery<{ kinds: string[]; limit: number }, NamedNode>('curation/names-of-kinds');

/** The live nodes of these kinds by name, for an autocomplete list. */
export function nodesOfKinds(db: Database, kinds: string[], limit = 5000): Promise<NamedNode[]> {
  return db.read(namesOfKinds, { kinds, limit });
}

/** How an autocomplete option is written: the name with the id in brackets, so that two namesakes differ. */
export const optionText = (n: Pick<NamedNode, 'id' | 'name'>) => `${n.name} [${n.id}]`;

/**
 * The node a curator typed: an option of the list ("Name [id]"), an id, or a name or alternate name
 * that one node of these kinds bears. Anything else is refused naming the near names it could be.
 */
export function resolveTyped(typed: string, nodes: NamedNode[], field: string, kinds: string[]): NamedNode {
  const text = typed.trim();
  const bracket = /\[([a-z0-9-]+)\]\s*$/.exec(text)?.[1];
  const byId = nodes.find((n) => n.id === (bracket ?? text));
  if (byId) return byId;
  const key = fold(text.replace(/\s*\[[^\]]*\]\s*$/, ''));
  const named = nodes.filter((n) => [n.name, ...n.altNames].some((x) => fold(x) === key));
  if (named.length === 1) return named[0]!;
  const what = kinds.map(kindLabel).join(' or ');
  if (named.length > 1)
    throw invalidInput(field, `several ${what}s are called “${text}”: choose one from the list (${named.map(optionText).join('; ')})`);
  const near = nodes
    .map((n) => ({ n, s: similarity(text, n.name) }))
    .filter((x) => x.s >= 0.4)
    .sort((a, b) => b.s - a.s)
    .slice(0, 3)
    .map((x) => optionText(x.n));
  throw invalidInput(field, `no ${what} is called “${text}”${near.length ? `; did you mean ${near.join(' or ')}?` : ''}`);
}

/**
 * The sources a curator typed, one a line (or separated by semicolons in a one-line field): each an option of the list
 * ("Title [id]"), an id or a title. Blank text is no sources; a line that names none is refused.
 */
export async function typedSources(db: Database, raw: string, field = 'sources'): Promise<string[]> {
  const lines = raw
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (!lines.length) return [];
  const sources = await nodesOfKinds(db, ['source']);
  const one = (text: string) => resolveTyped(text, sources, field, ['source']).id;
  // A title may hold a semicolon: the whole line is tried first, then its parts.
  const ids = lines.flatMap((line) => {
    try {
      return [one(line)];
    } catch (err) {
      const parts = line
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
      if (parts.length < 2) throw err;
      return parts.map(one);
    }
  });
  return [...new Set(ids)];
}
