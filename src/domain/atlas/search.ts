import type { Database } from '../../data/database.js';
import type { Kind } from '../model/kinds.js';
import { findNodes } from '../read-model/finder.js';
import { readModelOf } from '../read-model/read-model.js';
import { pageUrl } from './urls.js';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Search over every kind of node: a pathway, goal or target named in the query ("SDG 12",
 * "Pathway 12", "target 12.7") first, then by text; stems, acronyms and the glossary's other
 * languages as for cases.
 */
export async function searchAll(db: Database, q: string, kinds: Kind[] | undefined, limit: number) {
  const state = await readModelOf(db).current();
  const { hits, suggestions } = findNodes(state, q, kinds, limit);
  return {
    query: q,
    hits: hits.map(({ node, score }) => {
      const p = node.props;
      const text = str(p.summary) ?? str(p.text) ?? str(p.description) ?? str(p.title);
      const name = str(p.name) ?? str(p.title) ?? (typeof p.code === 'string' ? `Target ${p.code}` : node.id);
      return {
        id: node.id,
        kind: node.kind,
        name,
        score: Math.round(score * 1000) / 1000,
        url: pageUrl({ id: node.id, kind: node.kind, number: typeof p.number === 'number' ? p.number : null, code: str(p.code) ?? null }),
        ...(typeof p.number === 'number' ? { number: p.number } : {}),
        ...(typeof p.country === 'string' ? { country: p.country } : {}),
        ...(typeof p.colour === 'string' ? { colour: p.colour } : {}),
        ...(text && text !== name ? { snippet: text.length > 180 ? `${text.slice(0, 177)}...` : text } : {}),
      };
    }),
    ...(suggestions.length ? { suggestions } : {}),
  };
}
