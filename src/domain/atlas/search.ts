import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import type { Kind } from '../model/kinds.js';
import { luceneQuery } from '../text.js';
import { pageUrl } from './urls.js';
import type { NodeBrief } from './rows.js';

/** A hit as search-all gives it: fields the node lacks are null (a source has a title, no name). */
type HitNode = NodeBrief & { summary: string | null; text: string | null; title: string | null };

const searchAllQuery = defineQuery<{ lucene: string; kinds: Kind[] | null; limit: number }, { node: HitNode; score: number }>(
  'search/search-all',
);

/** Full-text search over every kind of node, ranked, tolerant of case and accents. */
export async function searchAll(db: Database, q: string, kinds: Kind[] | undefined, limit: number) {
  const lucene = luceneQuery(q);
  if (!lucene) return { query: q, hits: [] };
  const rows = await db.read(searchAllQuery, { lucene, kinds: kinds ?? null, limit });
  return {
    query: q,
    hits: rows.map((r) => {
      const n = r.node;
      const text = n.summary ?? n.text ?? n.title;
      return {
        id: n.id,
        kind: n.kind,
        name: n.name,
        score: Math.round(r.score * 1000) / 1000,
        url: pageUrl(n),
        ...(n.number !== undefined && n.number !== null ? { number: n.number } : {}),
        ...(n.country ? { country: n.country } : {}),
        ...(n.colour ? { colour: n.colour } : {}),
        ...(text && text !== n.name ? { snippet: text.length > 180 ? `${text.slice(0, 177)}...` : text } : {}),
      };
    }),
  };
}
