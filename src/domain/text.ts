/** Lower-cases and strips accents, so "Zürich" and "zurich" compare equal. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The text a name lookup matches against: the name and every alternate name, folded. */
export function searchKey(name: string, altNames: string[] = []): string {
  return fold([name, ...altNames].join(' | '));
}

/** A noun with its indefinite article: "a place", "an organisation". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** Control characters other than tab, line feed and carriage return, which stored text refuses. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The text with each stray control character (from a pasted document) turned into a space; lengths stay. */
export function withoutControlChars(text: string): string {
  return text.replace(CONTROL_CHARS, ' ');
}
