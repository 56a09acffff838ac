/** Lower-cases and strips accents, so "Zürich" and "zurich" compare equal. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The text a name lookup matches against: the name and every alternate name, folded. */
export function searchKey(name: string, altNames: string[] = []): string {
  return fold([name, ...altNames].join(' | '));
}
