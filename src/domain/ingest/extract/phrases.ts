import { foldName, tokenize, type Token } from './tokens.js';

/**
 * Finds known phrases (names, alternate names, lexicon terms) in a token stream: a trie over folded
 * tokens, longest match first. Tokens that look like acronyms in the phrase ("PCP", "AI4Cities",
 * "CoR") must match with the same case; in proper names, capitalised words must be capitalised in
 * the text too, so "big buyers" does not match "Big Buyers".
 */

export interface PhraseEntry<T> {
  phrase: string;
  value: T;
  /** A proper name: its capitalised words must be capitalised in the text. */
  proper: boolean;
}

interface StoredEntry<T> extends PhraseEntry<T> {
  surface: string[];
  exact: boolean[];
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  entries: StoredEntry<T>[];
}

export interface PhraseMatch<T> {
  /** Token indices, end exclusive. */
  from: number;
  to: number;
  start: number;
  end: number;
  entries: PhraseEntry<T>[];
}

/** A token that must keep its case: two or more capitals, or letters mixed with digits. */
function acronymLike(word: string): boolean {
  const caps = word.replace(/[^\p{Lu}]/gu, '').length;
  return caps >= 2 || (caps >= 1 && /\p{N}/u.test(word) && /\p{L}/u.test(word)) || /^\p{Ll}+\p{Lu}/u.test(word);
}

const capitals = (word: string) => word.normalize('NFD').replace(/\P{Lu}/gu, '');

/** Between two tokens of one name: spaces, hyphens, dashes, apostrophes, a slash or an ampersand. */
const NAME_GAP = /^[ \t\u00a0\-‐‑–—'’/&+]{0,4}$/;

export class PhraseIndex<T> {
  private root: TrieNode<T> = { next: new Map(), entries: [] };
  private longest = 0;

  add(entry: PhraseEntry<T>): void {
    const tokens = tokenize(entry.phrase);
    if (!tokens.length) return;
    let node = this.root;
    for (const t of tokens) {
      let child = node.next.get(t.folded);
      if (!child) {
        child = { next: new Map(), entries: [] };
        node.next.set(t.folded, child);
      }
      node = child;
    }
    const surface = tokens.map((t) => t.text);
    if (!node.entries.some((e) => e.value === entry.value && e.phrase === entry.phrase)) {
      node.entries.push({ ...entry, surface, exact: surface.map(acronymLike) });
    }
    this.longest = Math.max(this.longest, tokens.length);
  }

  private accepts(entry: StoredEntry<T>, tokens: Token[], from: number): boolean {
    for (let k = 0; k < entry.surface.length; k++) {
      const t = tokens[from + k]!;
      const s = entry.surface[k]!;
      if (entry.exact[k]) {
        if (t.folded !== foldName(s) || capitals(t.text) !== capitals(s)) return false;
      } else if (entry.proper && /^\p{Lu}/u.test(s) && !t.cap) return false;
    }
    return true;
  }

  /** Every phrase starting at token `from`, shortest first. */
  allAt(tokens: Token[], from: number): PhraseMatch<T>[] {
    let node: TrieNode<T> | undefined = this.root;
    const out: PhraseMatch<T>[] = [];
    for (let j = from; j < tokens.length && j - from < this.longest; j++) {
      const t = tokens[j]!;
      if (j > from && !NAME_GAP.test(t.gap)) break;
      node = node.next.get(t.folded);
      if (!node) break;
      const ok = node.entries.filter((e) => this.accepts(e, tokens, from));
      if (ok.length) out.push({ from, to: j + 1, start: tokens[from]!.start, end: t.end, entries: ok });
    }
    return out;
  }

  /** The longest phrase starting at token `from`, if any. */
  matchAt(tokens: Token[], from: number): PhraseMatch<T> | undefined {
    const all = this.allAt(tokens, from);
    return all[all.length - 1];
  }

  /** Every longest, non-overlapping match, left to right. */
  scan(tokens: Token[], skip?: (index: number) => boolean): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (skip?.(i)) continue;
      const m = this.matchAt(tokens, i);
      if (m) {
        out.push(m);
        i = m.to - 1;
      }
    }
    return out;
  }
}
