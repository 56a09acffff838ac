import { loadCues, loadPathwayTerms } from './lexicon.js';
import { PhraseIndex } from './phrases.js';
import { foldName } from './tokens.js';
import type { IngestContext, KnownName } from '../types.js';

/** The graph's names as phrase indexes, built once per context. */
export interface KnownNameIndex {
  /** Places, organisations, initiatives and cases: proper names. */
  proper: PhraseIndex<KnownName>;
  /** Approaches and themes: terms, matched in any case. */
  terms: PhraseIndex<KnownName>;
  /** Just the places, for places named inside other names. */
  places: PhraseIndex<KnownName>;
  byId: Map<string, KnownName>;
  /** Folded name or alternate name -> the nodes bearing it, for new names that match a node. */
  byFoldedName: Map<string, KnownName[]>;
  /** Folded topic and approach terms (vocabulary and pathway lexicon): not names of bodies. */
  termKeys: Set<string>;
}

/** A name folded to words separated by single spaces. */
export function nameKey(name: string): string {
  return foldName(name)
    .replace(/[^\p{L}\p{N}+]+/gu, ' ')
    .trim();
}

const cache = new WeakMap<IngestContext, KnownNameIndex>();

function namesOf(n: KnownName): string[] {
  return [n.name, ...n.altNames];
}

export function knownNames(context: IngestContext): KnownNameIndex {
  const hit = cache.get(context);
  if (hit) return hit;
  const cues = loadCues();
  const ignored = new Set(cues.ignoreAltNames.map(foldName));
  const index: KnownNameIndex = {
    proper: new PhraseIndex(),
    terms: new PhraseIndex(),
    places: new PhraseIndex(),
    byId: new Map(),
    byFoldedName: new Map(),
    termKeys: new Set(),
  };
  for (const n of context.names) {
    index.byId.set(n.id, n);
    for (const phrase of namesOf(n)) {
      const key = nameKey(phrase);
      if (n.kind === 'approach' || n.kind === 'theme') index.termKeys.add(key);
      index.byFoldedName.set(key, [...(index.byFoldedName.get(key) ?? []), n]);
      if (n.kind === 'approach' || n.kind === 'theme') {
        if (phrase !== n.name && ignored.has(foldName(phrase))) continue;
        index.terms.add({ phrase, value: n, proper: false });
      } else {
        index.proper.add({ phrase, value: n, proper: true });
        if (n.kind === 'place') index.places.add({ phrase, value: n, proper: true });
      }
    }
  }
  for (const [id, phrases] of Object.entries(cues.vocabularyTerms)) {
    const n = index.byId.get(id);
    if (!n) continue;
    for (const phrase of phrases) {
      index.terms.add({ phrase, value: n, proper: false });
      index.termKeys.add(nameKey(phrase));
    }
  }
  for (const p of loadPathwayTerms().pathways) for (const t of p.terms) index.termKeys.add(nameKey(t.term));
  cache.set(context, index);
  return index;
}

/** The node a new name denotes when the graph already has it under that name or an alternate name. */
export function knownByName(index: KnownNameIndex, name: string, kinds: KnownName['kind'][]): KnownName | undefined {
  const key = nameKey(name);
  return index.byFoldedName.get(key)?.find((n) => kinds.includes(n.kind));
}
