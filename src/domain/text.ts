/** Lower-cases and strips accents, so "Zürich" and "zurich" compare equal. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The text a name lookup matches against: the name and every alternate name, folded. */
export function searchKey(name: string, altNames: string[] = []): string {
  return fold([name, ...altNames].join(' | '));
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * Builds a Lucene query from free text: every word must match, as a whole word or a prefix; the
 * words are folded like the index's analyzer and escaped so no user text is read as syntax.
 */
export function luceneQuery(text: string): string | undefined {
  const words = fold(text)
    .replace(LUCENE_SPECIAL, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0 && !['and', 'or', 'not'].includes(w))
    .slice(0, 12);
  if (!words.length) return undefined;
  return words.map((w) => (w.length >= 3 ? `(${w} OR ${w}*)` : w)).join(' AND ');
}
