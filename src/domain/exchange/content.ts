import { KINDS, LABELS, RELATIONSHIP_TYPES, kindOfLabel, type Kind } from '../model/kinds.js';

/**
 * What belongs to the graph's open content. Exports take every node that carries one of the content
 * labels and none of the private ones; imports create only content labels and relationship types.
 */

/**
 * Curation records that are content beside the entities: history (:Change, linked by CHANGED),
 * soft-deleted nodes (:Deleted) and merged-away ids (:Merged, linked by MERGED_INTO). Add new ones here.
 */
export const RECORD_LABELS = ['Change', 'Deleted', 'Merged'] as const;
/** Extra labels an entity may carry besides Entity and its kind; none so far. */
export const ENTITY_EXTRA_LABELS: readonly string[] = [];
/** Never exported, never imported: accounts, their tokens and the schema's own bookkeeping. */
export const PRIVATE_LABELS = ['Account', 'ApiToken', 'SchemaMigration'] as const;

/** Properties the app maintains on an entity; a seed file does not carry them, so a YAML import keeps them. */
export const MAINTAINED_PROPERTIES = ['version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'] as const;

export const CONTENT_LABELS: string[] = ['Entity', ...LABELS, ...RECORD_LABELS];
export const IMPORTABLE_LABELS = new Set<string>([...CONTENT_LABELS, ...ENTITY_EXTRA_LABELS]);

/** Relationships that touch a record node may have any type spelled like this (they are not part of the model's rules). */
export const RECORD_TYPE = /^[A-Z][A-Z0-9_]{0,63}$/;
export const MODEL_TYPES = new Set(RELATIONSHIP_TYPES);

/** A node key that is not an `id` property: a blank node, local to one file. */
export const BLANK = /^_:[A-Za-z0-9_-]+$/;
export const isBlank = (key: string) => key.startsWith('_:');

/** The kind of an entity from its labels, or undefined for a record node. */
export function kindOf(labels: string[]): Kind | undefined {
  if (!labels.includes('Entity')) return undefined;
  for (const l of labels) {
    const k = kindOfLabel(l);
    if (k) return k;
  }
  return undefined;
}

/** The label that names a node's file or group: its kind label, else its first record label. */
export function groupLabel(labels: string[]): string {
  const kind = kindOf(labels);
  if (kind) return KINDS[kind];
  return [...labels].sort().find((l) => (RECORD_LABELS as readonly string[]).includes(l)) ?? [...labels].sort()[0] ?? 'Node';
}
