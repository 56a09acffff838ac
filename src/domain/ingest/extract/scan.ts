import { loadCues, type Cues } from './lexicon.js';
import { foldName, joined, sentenceAt, splitSentences, tokenize, type Sentence, type Token } from './tokens.js';
import type { PlaceCandidate, ProposalKind, ProposalOrigin } from '../types.js';

/** One mention found in an item, before mentions of the same thing are merged into a proposal. */
export interface Mention {
  kind: ProposalKind;
  name: string;
  id?: string;
  confidence: number;
  start: number;
  end: number;
  origin: ProposalOrigin;
  ambiguous?: boolean;
  candidates?: PlaceCandidate[];
  details?: Record<string, unknown>;
  /** Taken back by a later step (a topic word that turned out to be part of a name). */
  removed?: boolean;
}

/** What a token has been claimed by, so later steps do not read it again. */
export type Owner = 'reference' | 'graph' | 'graph-place' | 'term' | 'country' | 'organisation' | 'place';

/** The working state of one item while the extractors run over it. */
export class ItemScan {
  readonly sentences: Sentence[];
  readonly tokens: Token[];
  readonly owner: (Owner | undefined)[];
  readonly mentions: Mention[] = [];
  /** The kind of the graph name each token belongs to, for names built around it. */
  readonly graphKind: (string | undefined)[];
  private readonly byStart = new Map<number, Mention[]>();
  /** ISO codes of countries the item names or places it names lie in. */
  readonly countries = new Set<string>();
  readonly cues: Cues;
  private readonly cueSets = new Map<string, Set<string>>();

  constructor(readonly text: string) {
    this.sentences = splitSentences(text);
    this.tokens = tokenize(text, this.sentences);
    this.owner = Array.from({ length: this.tokens.length }, () => undefined);
    this.graphKind = Array.from({ length: this.tokens.length }, () => undefined);
    this.cues = loadCues();
  }

  claim(from: number, to: number, owner: Owner): void {
    for (let i = from; i < to; i++) this.owner[i] ??= owner;
  }

  free(from: number, to = from + 1): boolean {
    for (let i = from; i < to; i++) if (this.owner[i]) return false;
    return true;
  }

  /**
   * Free, or held only by a place or a topic word: a name may still be built over it
   * ("Île-de-France Mobilités", "Corvus Energy"), as long as not every word is taken.
   */
  nameable(from: number, to: number): boolean {
    let placeOnly = true;
    for (let i = from; i < to; i++) {
      const o = this.owner[i];
      if (o && o !== 'graph-place' && o !== 'country' && o !== 'place' && o !== 'term') return false;
      if (!o) placeOnly = false;
    }
    return !placeOnly;
  }

  sentence(offset: number): Sentence | undefined {
    return sentenceAt(this.sentences, offset);
  }

  /** A cue list as a set of folded words, built once. */
  set(name: keyof Cues, folded = true): Set<string> {
    const key = `${name}:${folded}`;
    let s = this.cueSets.get(key);
    if (!s) {
      const raw = this.cues[name];
      const words = Array.isArray(raw) ? raw : Object.keys(raw);
      s = new Set(words.map((w) => (folded ? foldName(w) : w)));
      this.cueSets.set(key, s);
    }
    return s;
  }

  /** First words of the bodies named after their place: "Oslo Municipality", "Aarhus City Council". */
  municipalAfter(): Set<string> {
    let s = this.cueSets.get('municipalAfter');
    if (!s) {
      s = new Set(this.cues.municipalBodies.after.map((w) => foldName(w).split(' ')[0]!));
      this.cueSets.set('municipalAfter', s);
    }
    return s;
  }

  /** The folded words just before token i (within its sentence), nearest last. */
  wordsBefore(i: number, n: number): string[] {
    const out: string[] = [];
    const sentence = this.tokens[i]?.sentence;
    for (let k = i - 1; k >= 0 && out.length < n; k--) {
      const t = this.tokens[k]!;
      if (t.sentence !== sentence) break;
      out.unshift(t.folded);
    }
    return out;
  }

  /** The token after i when nothing but spaces or hyphens separates them. */
  joinedNext(i: number): Token | undefined {
    const next = this.tokens[i + 1];
    return next && joined(next) && next.sentence === this.tokens[i]!.sentence ? next : undefined;
  }

  add(m: Mention): void {
    this.mentions.push(m);
    const list = this.byStart.get(m.start);
    if (list) list.push(m);
    else this.byStart.set(m.start, [m]);
  }

  /** Takes back the mentions that `keep` rejects among those starting at a token in [from, to). */
  removeWithin(from: number, to: number, end: number, drop: (m: Mention) => boolean): void {
    for (let i = from; i < to; i++) {
      for (const m of this.byStart.get(this.tokens[i]!.start) ?? []) if (m.end <= end && drop(m)) m.removed = true;
    }
  }

  /** The first token starting at or after an offset (the token count when none does). */
  tokenIndexAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index of the sentence holding an offset (-1 before the first). */
  sentenceIndexAt(offset: number): number {
    let lo = 0;
    let hi = this.sentences.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.sentences[mid]!.start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}
