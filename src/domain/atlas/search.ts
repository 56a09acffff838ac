import type { Database } from '../../data/database.js';
import { cypher } from '../../data/queries.js';
import type { Kind } from '../model/kinds.js';
import { luceneQuery } from '../text.js';
import { pageUrl } from './urls.js';

/** Full-text search over every kind of node, ranked, tolerant of case and accents. */
export async function searchAll(db: Database, q: string, kinds: Kind[] | undefined, limit: number) {
  const lucene = luceneQuery(q);
  if (!lucene) return { query: q, hits: [] };
  const rows = await db.read(cypher('search/search-all'), { lucene, kinds: kinds ?? null, limit });
  return {
    query: q,
    hits: rows.map((r) => {
      const n = r.node as Record<string, unknown> & { id: string; kind: string; name: string };
      const text = (n.summary ?? n.text ?? n.title) as string | undefined;
      return {
        id: n.id,
        kind: n.kind,
        name: n.name,
        score: Math.round((r.score as number) * 1000) / 1000,
        url: pageUrl(n),
        ...(n.number !== undefined && n.number !== null ? { number: n.number } : {}),
        ...(n.country ? { country: n.country } : {}),
        ...(n.colour ? { colour: n.colour } : {}),
        ...(text && text !== n.name ? { snippet: text.length > 180 ? `${text.slice(0, 177)}...` : text } : {}),
      };
    }),
  };
}
