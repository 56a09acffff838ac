import { createHash } from 'node:crypto';
import type { Run } from '../../../data/database.js';
import { defineQuery } from '../../../data/queries.js';
import { DomainError } from '../../errors.js';
import { foldName } from '../extract/tokens.js';

/** The id prefix of each kind a review creates, as the seed graph spells them. */
export const ID_PREFIX = {
  place: 'place',
  organisation: 'org',
  initiative: 'initiative',
  case: 'case',
  theme: 'theme',
  approach: 'approach',
  source: 'src',
} as const;
export type CreatableKind = keyof typeof ID_PREFIX;

const MAX_SLUG = 60;

/** "Île-de-France Mobilités" -> "ile-de-france-mobilites"; cut at a dash so no word is broken. */
export function slugOf(text: string, max = MAX_SLUG): string {
  const slug = foldName(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const at = cut.lastIndexOf('-');
  return (at > 10 ? cut.slice(0, at) : slug.slice(0, max)).replace(/-+$/, '');
}

/** The id a new node of this kind would get from its name, before clashes are resolved. */
export function baseId(kind: CreatableKind, name: string): string {
  const slug = slugOf(name);
  // A name with no Latin letters or digits still gets a stable id.
  const body = slug || createHash('sha256').update(name).digest('hex').slice(0, 10);
  return `${ID_PREFIX[kind]}-${body}`;
}

/** A source's id: its type, date and the first words of its title (src-news-2021-03-12-ghent-buys-...). */
export function sourceBaseId(sourceType: string, date: string, title: string): string {
  const words = slugOf(title, 40);
  return ['src', sourceType, date, words].filter(Boolean).join('-');
}

const TRIES = 50;

const idsTaken = defineQuery<{ ids: string[] }, { id: string }>('ingest/review-ids-taken');

/**
 * Hands out ids that clash neither with a node in the graph (live, deleted or merged away) nor with
 * one handed out earlier in the same commit: "place-leuven", else "place-leuven-2", and so on.
 */
export class IdAllocator {
  private readonly taken = new Set<string>();

  constructor(private readonly run: Run) {}

  async allocate(base: string): Promise<string> {
    const candidates = Array.from({ length: TRIES }, (_, i) => (i === 0 ? base : `${base}-${i + 1}`)).filter((c) => !this.taken.has(c));
    const rows = await this.run(idsTaken, { ids: candidates });
    const inGraph = new Set(rows.map((r) => r.id));
    const free = candidates.find((c) => !inGraph.has(c));
    if (!free) throw new DomainError('conflict', `No free id near "${base}": choose another name.`, { id: base });
    this.taken.add(free);
    return free;
  }
}
