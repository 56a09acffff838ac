/** Relationship types in words, as an edge label reads from its start to its end. */

const WORDS: Record<string, string> = {
  LOCATED_IN: 'located in',
  IMPLEMENTED_BY: 'carried out by',
  PART_OF: 'part of',
  ILLUSTRATES: 'illustrates',
  USES_APPROACH: 'uses approach',
  ABOUT_THEME: 'about theme',
  HAS_PARTICIPANT: 'has participant',
  COORDINATED_BY: 'coordinated by',
  FUNDED_BY: 'funded by',
  ORGANISED_BY: 'organised by',
  BASED_IN: 'based in',
  PUBLISHED_BY: 'published by',
  ALIGNS_WITH: 'aligned with',
  BELONGS_TO: 'belongs to',
  REPORTED_IN: 'reported in',
  GROUP: 'more neighbours',
};

/** "contributes to target", "aligned with", "illustrates"; an unknown type in lower case. */
export function relationWords(type: string, targetKind?: string): string {
  if (type === 'CONTRIBUTES_TO') return targetKind === 'target' ? 'contributes to target' : 'contributes to goal';
  return WORDS[type] ?? type.toLowerCase().replace(/_/g, ' ');
}
