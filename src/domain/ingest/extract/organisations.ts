import { knownByName, nameKey, type KnownNameIndex } from './known-names.js';
import { gazetteer, phraseKey } from './gazetteer.js';
import { placeOfBody } from './places.js';
import type { ItemScan } from './scan.js';
import type { InitiativeKind } from './lexicon.js';
import { foldName, joined, type Token } from './tokens.js';

/**
 * New organisations and initiatives, from how the text names them:
 * - a capitalised name around a head word: "Danish Institute for Human Rights", "X County Council",
 *   "Big Buyers Initiative" (heads in graph/lexicon/ingest-cues.yaml);
 * - "City of X", "X Municipality": the municipal body;
 * - a company suffix: "Rødne Trafikk AS";
 * - a defined acronym: "International Green Purchasing Network (IGPN)";
 * - a noun that says what it is: "the EU-funded project AI4Cities", "the MakeICTFair project",
 *   "AI4Cities, a new EU-funded project", "the supplier, X,", "companies such as A, B and C";
 * - "led by X", and working groups ("three working groups on A, B and C").
 * A name the graph already has (under any of its names) gets the graph's id.
 */

const RIGHT_LINKS = new Set(['of', 'for', 'on', 'de', 'du', 'des', 'la']);
const INNER_LINKS = new Set(['of', 'for', 'and', 'the', 'on', 'de', 'du', 'des', 'la', 'le', 'y', 'in', 'to', '&']);
const ADJECTIVE_ENDINGS = /(?:ean|ish|ian|ese|ic|al|an)$/;
const LIST_NOUNS =
  /\b(?:companies|firms|manufacturers|suppliers|brands|retailers|operators|contractors|consortia|partners|organisations|organizations)\s+(?:such as|like|including|namely)\s+/gi;

type NewKind = 'organisation' | 'initiative';

/** Heads whose name may go on with a lower-case topic after "on" ("Green Deal on circular procurement"). */
const TOPIC_HEADS = new Set(['deal', 'pact', 'declaration', 'charter', 'manifesto', 'accord', 'pledge', 'compact']);
const TOPIC_STOPS = new Set([
  'in',
  'at',
  'by',
  'with',
  'for',
  'and',
  'or',
  'to',
  'from',
  'of',
  'on',
  'the',
  'a',
  'an',
  'that',
  'which',
  'since',
  'until',
  'this',
  'its',
  'their',
  'was',
  'is',
  'were',
  'are',
  'will',
  'has',
  'have',
  'had',
]);

/** Lower-case words that may join the capitalised words of a name read leftwards from its noun. */
const LEFT_LINKS = new Set(['of', 'to', 'for', 'on', 'the', 'de', 'du', 'des', 'la']);
const MONTHS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]);
const isDateWord = (t: Token) => /^\d{4}$/.test(t.text) || (t.cap && MONTHS.has(t.folded));
const isPlaceOwner = (o: string | undefined) => o === 'place' || o === 'graph-place' || o === 'country';

/** Heads that after a known body's name describe rather than name ("a European Commission Initiative"). */
/** Heads that are everyday nouns in a heading or a plan ("Key Actions", "Business Model"). */
const WEAK_HEADS = new Set(['model', 'actions']);
/** Words that make such a head a common phrase rather than a name when they alone come before it. */
const EVERYDAY_MODIFIERS = new Set(
  ['key', 'priority', 'next', 'main', 'new', 'first', 'further', 'other', 'concrete', 'immediate', 'corrective', 'preventive', 'joint']
    .concat(['our', 'its', 'their', 'business', 'data', 'delivery', 'operating', 'climate', 'energy', 'cost', 'pricing', 'funding'])
    .concat(['governance', 'procurement', 'service', 'maturity', 'reference', 'logic', 'financial', 'digital', 'information', 'local']),
);
const GENERIC_HEADS = new Set(['initiative', 'project', 'programme', 'program', 'campaign', 'platform', 'network']);

function sameSentence(a: Token, b: Token): boolean {
  return a.sentence === b.sentence;
}

function initials(tokens: Token[]): string {
  return tokens
    .filter((t) => t.cap)
    .map((t) => (t.upper ? t.text : t.text[0]!))
    .join('')
    .toUpperCase();
}

export class OrganisationFinder {
  private readonly heads: Map<string, NewKind>;
  private readonly leading: Set<string>;
  private readonly suffixes: Set<string>;
  private readonly determiners: Set<string>;
  private readonly initiativeKinds: Map<string, InitiativeKind>;

  constructor(
    private readonly scan: ItemScan,
    private readonly index: KnownNameIndex,
  ) {
    this.heads = new Map();
    for (const h of scan.cues.organisationHeads) this.heads.set(foldName(h), 'organisation');
    for (const h of scan.cues.initiativeHeads) this.heads.set(foldName(h), 'initiative');
    for (const h of scan.cues.leadingHeads) this.heads.set(foldName(h), 'organisation');
    this.leading = new Set(scan.cues.leadingHeads.map(foldName));
    this.suffixes = new Set(scan.cues.companySuffixes);
    this.determiners = scan.set('determiners');
    this.initiativeKinds = new Map();
    for (const [kind, words] of Object.entries(scan.cues.initiativeKinds))
      for (const w of words) this.initiativeKinds.set(foldName(w), kind as InitiativeKind);
  }

  /** The kind of a new or known initiative: the last kind word of its name, else the noun beside it, else programme. */
  private initiativeKind(name: string, noun?: string): InitiativeKind {
    const words = foldName(name).split(/[\s]+/);
    for (let k = words.length - 1; k >= 0; k--) {
      const two = k > 0 ? this.initiativeKinds.get(`${words[k - 1]} ${words[k]}`) : undefined;
      const kind = two ?? this.initiativeKinds.get(words[k]!);
      if (kind) return kind;
    }
    return (noun && this.initiativeKinds.get(foldName(noun))) || 'programme';
  }

  run(): void {
    this.municipalBodies();
    this.headWords();
    this.companies();
    this.acronyms();
    this.nounPatterns();
    this.fundedUnder();
    this.lists();
    this.ledBy();
    this.groups();
  }

  /**
   * "three working groups on circular construction materials, heavy-duty electric vehicles, and
   * zero-emission construction sites": one initiative per group, matched to a graph initiative whose
   * name ends the same way ("Big Buyers working group on circular construction materials").
   */
  private groups(): void {
    const { scan } = this;
    const initiatives = [...this.index.byId.values()].filter((n) => n.kind === 'initiative');
    for (const m of scan.text.matchAll(/\b(working|interest|thematic|expert) groups? on ([^.;:()]+)/gi)) {
      const listStart = m.index + m[0].length - m[2]!.length;
      const parts = [...m[2]!.matchAll(/[^,]+/g)].flatMap((p) => {
        const [first, ...rest] = p[0].split(/\s+and\s+/);
        let at = p.index;
        return [first!, ...rest].map((x) => {
          const start = m[2]!.indexOf(x, at);
          at = start + x.length;
          return { text: x, start };
        });
      });
      for (const part of parts) {
        const topic = part.text
          .replace(/^\s*(?:and\s+)?/, '')
          .replace(/\s+(?:were|was|are|is|have|has|will|had)\b.*$/, '')
          .trim();
        if (!topic || topic.split(/\s+/).length > 6) continue;
        const start = listStart + m[2]!.indexOf(topic, part.start);
        const name = `${m[1]!.toLowerCase()} group on ${topic}`;
        const key = nameKey(name);
        const known = initiatives.find((n) => [n.name, ...n.altNames].some((x) => nameKey(x).endsWith(key)));
        scan.add({
          kind: 'initiative',
          name: known?.name ?? name[0]!.toUpperCase() + name.slice(1),
          id: known?.id,
          confidence: known ? 0.8 : 0.55,
          start,
          end: start + topic.length,
          origin: known ? 'graph' : 'pattern',
        });
      }
    }
  }

  private get tokens(): Token[] {
    return this.scan.tokens;
  }

  private propose(kind: NewKind, from: number, to: number, confidence: number, details: Record<string, unknown> = {}, noun?: string): void {
    const { tokens, scan } = this;
    while (from < to && this.determiners.has(tokens[from]!.folded) && tokens[from]!.cap) {
      if (tokens[from]!.folded === 'new' && from + 1 < to && this.placeStartsAt(from)) break;
      // "A&M": a letter joined to the next by '&' is no article.
      if (tokens[from + 1]?.gap === '&') break;
      from++;
    }
    if (from >= to) return;
    const start = tokens[from]!.start;
    const end = tokens[to - 1]!.end;
    const name = scan.text.slice(start, end).replace(/\s+/g, ' ');
    // Topic and approach terms ("Internet of Things") are not names of bodies.
    if (this.index.termKeys.has(nameKey(name))) return;
    const known = knownByName(this.index, name, ['organisation', 'initiative']);
    const finalKind = known && (known.kind === 'organisation' || known.kind === 'initiative') ? known.kind : kind;
    if (finalKind === 'initiative') details = { ...details, initiativeKind: this.initiativeKind(known?.name ?? name, noun) };
    scan.add({
      kind: finalKind,
      name: known?.name ?? name,
      id: known?.id,
      confidence: known ? 0.9 : confidence,
      start,
      end,
      origin: known ? 'graph' : 'pattern',
      details: Object.keys(details).length ? details : undefined,
    });
    for (let i = from; i < to; i++) if (scan.owner[i] === 'term') scan.owner[i] = undefined;
    scan.removeWithin(from, to, end, (m) => m.kind === 'theme' || m.kind === 'approach');
    scan.claim(from, to, 'organisation');
    this.acronymMentions(name, end, known?.id, finalKind, known?.name ?? name, details.initiativeKind);
  }

  /** "Name (ACR)": later mentions of ACR in the item are mentions of the same body. */
  private acronymMentions(
    name: string,
    end: number,
    id: string | undefined,
    kind: string,
    canonical: string,
    initiativeKind?: unknown,
  ): void {
    const m = /^\s*\(([\p{Lu}][\p{L}\p{N}&+-]{1,11})\)/u.exec(this.scan.text.slice(end, end + 16));
    if (!m) return;
    const acronym = m[1]!;
    const { tokens, scan } = this;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.text !== acronym || !scan.free(i)) continue;
      scan.add({
        kind: kind as NewKind,
        name: canonical,
        id,
        confidence: id ? 0.9 : 0.7,
        start: t.start,
        end: t.end,
        origin: id ? 'graph' : 'pattern',
        details: { acronym, of: name, ...(initiativeKind ? { initiativeKind } : {}) },
      });
      scan.claim(i, i + 1, 'organisation');
    }
  }

  /** "City of X", "Municipality of X", "X Municipality", "X City Council". */
  private municipalBodies(): void {
    const { tokens, scan } = this;
    const before = scan.cues.municipalBodies.before.map((p) => foldName(p).split(' '));
    const after = scan.cues.municipalBodies.after.map((p) => foldName(p).split(' '));
    for (let i = 0; i < tokens.length; i++) {
      if (!tokens[i]!.cap) continue;
      for (const words of before) {
        const end = i + words.length;
        if (!words.every((w, k) => tokens[i + k]?.folded === w && (k === 0 || joined(tokens[i + k]!)))) continue;
        const x = tokens[end];
        if (!x?.cap || !joined(x) || !sameSentence(x, tokens[i]!)) continue;
        let to = end + 1;
        while (tokens[to]?.cap && joined(tokens[to]!) && to - end < 3) to++;
        if (!scan.free(i, to) && !this.ownedByPlaceOnly(i, to)) continue;
        const place = scan.free(end, to) ? placeOfBody(scan, this.index, end, to) : undefined;
        this.propose('organisation', i, to, 0.65, { orgType: 'public-authority', place });
        i = to - 1;
        break;
      }
    }
    for (let i = 1; i < tokens.length; i++) {
      for (const words of after) {
        if (!words.every((w, k) => tokens[i + k]?.folded === w && tokens[i + k]!.cap && joined(tokens[i + k]!))) continue;
        let from = i;
        while (
          from > 0 &&
          tokens[from - 1]!.cap &&
          joined(tokens[from]!) &&
          i - from < 3 &&
          !this.determiners.has(tokens[from - 1]!.folded)
        )
          from--;
        const to = i + words.length;
        if (from === i || (!scan.free(from, to) && !this.ownedByPlaceOnly(from, to))) continue;
        const place = scan.free(from, i) ? placeOfBody(scan, this.index, from, i) : undefined;
        this.propose('organisation', from, to, 0.65, { orgType: 'public-authority', place });
        break;
      }
    }
  }

  private ownedByPlaceOnly(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const o = this.scan.owner[i];
      if (o && o !== 'country' && o !== 'place' && o !== 'graph-place') return false;
    }
    return true;
  }

  /** Names built around a head word; words before it are capitalised, words after start with of/for. */
  private headWords(): void {
    const { tokens, scan } = this;
    for (let h = 0; h < tokens.length; h++) {
      const head = tokens[h]!;
      if (!head.cap) continue;
      const two = tokens[h + 1] && joined(tokens[h + 1]!) ? `${head.folded} ${tokens[h + 1]!.folded}` : '';
      const kind = this.heads.get(two) ?? this.heads.get(head.folded);
      if (!kind) continue;
      const headEnd = this.heads.has(two) ? h + 2 : h + 1;
      if (!scan.free(h, headEnd)) continue;
      // "Circular Business Model Award", "Urban Innovative Actions Programme": a head followed by another is a word of its name.
      const after = tokens[headEnd];
      if (after?.cap && joined(after) && sameSentence(after, head) && !this.leading.has(head.folded) && this.heads.has(after.folded))
        continue;
      let from = h;
      while (from > 0) {
        const prev = tokens[from - 1]!;
        // "Green and Healthy Streets Declaration", "Research & Innovation Programme": two capitalised words joined by
        // "and" or a spaced '&', neither of them a place.
        if (prev.folded === 'and' || prev.folded === '&') {
          const before = tokens[from - 2];
          if (!before?.cap || !joined(prev) || !sameSentence(before, head) || this.determiners.has(before.folded)) break;
          if (isPlaceOwner(scan.owner[from - 2]) || isPlaceOwner(scan.owner[from])) break;
          from -= 2;
          continue;
        }
        if (!prev.cap || !joined(tokens[from]!) || !sameSentence(prev, head) || prev.possessive) break;
        // "New" opens a run ("New projects") unless it begins a place's name ("New York Climate Week").
        if (this.determiners.has(prev.folded) && tokens[from]!.gap !== '&' && !(prev.folded === 'new' && this.placeStartsAt(from - 1)))
          break;
        const owner = scan.owner[from - 1];
        if (owner === 'reference') break;
        from--;
      }
      let to = headEnd;
      if (this.leading.has(head.folded)) {
        // "Centro Hospitalar Lisboa Central": the name goes on after the head.
        let k = headEnd;
        let lastCap = headEnd - 1;
        while (
          tokens[k] &&
          joined(tokens[k]!) &&
          sameSentence(tokens[k]!, head) &&
          (tokens[k]!.cap || scan.set('nameParticles').has(tokens[k]!.folded)) &&
          k - headEnd < 6
        ) {
          if (tokens[k]!.cap) lastCap = k;
          k++;
        }
        to = lastCap + 1;
      } else if (tokens[to] && RIGHT_LINKS.has(tokens[to]!.folded) && !tokens[to]!.cap && joined(tokens[to]!)) {
        let k = to;
        let lastCap = -1;
        while (
          tokens[k] &&
          joined(tokens[k]!) &&
          sameSentence(tokens[k]!, head) &&
          (tokens[k]!.cap || INNER_LINKS.has(tokens[k]!.folded)) &&
          k - to < 10
        ) {
          // "European Week of Regions and Cities in October", "Capital of Smart Tourism for 2024": a date ends the name.
          if (isDateWord(tokens[k]!)) break;
          if (tokens[k]!.cap) lastCap = k;
          if (tokens[k]!.folded === 'and' && !tokens[k + 1]?.cap) break;
          k++;
        }
        // "Innovative Actions of the European Urban Initiative": a name with a head of its own after "of the" is another
        // name; "European Capital of Innovation Awards", "Covenant of Mayors Initiative" are one.
        const headAfter = lastCap > to && tokens[to + 1]?.folded === 'the' && this.heads.has(tokens[lastCap]!.folded);
        if (lastCap > to && !headAfter) to = lastCap + 1;
        else if (tokens[to]!.folded === 'on' && TOPIC_HEADS.has(head.folded)) to = this.topicAfter(to, head);
      }
      if (to - from < 2) continue;
      // "Key Actions", "Business Model": a head that is an everyday noun, after one everyday word, names nothing.
      if (WEAK_HEADS.has(head.folded) && from === h - 1 && to === headEnd && EVERYDAY_MODIFIERS.has(tokens[from]!.folded)) continue;
      const others = [...Array(to - from).keys()].map((k) => from + k).filter((k) => k < h || k >= headEnd);
      // "a European Commission Initiative" is the Commission's initiative, not a new name; but
      // "Procura+ Awards" is a name of its own.
      const ofKnownBody = others.every((k) => !tokens[k]!.cap || scan.graphKind[k] === 'organisation');
      if (ofKnownBody && GENERIC_HEADS.has(head.folded)) continue;
      if (others.every((k) => scan.owner[k] === 'graph' || !tokens[k]!.cap) && !ofKnownBody && GENERIC_HEADS.has(head.folded)) continue;
      if (others.some((k) => scan.owner[k] === 'organisation')) continue;
      const acronym = /^\s*\(([\p{Lu}][\p{L}\p{N}&+-]{1,11})\)/u.exec(scan.text.slice(tokens[to - 1]!.end, tokens[to - 1]!.end + 16))?.[1];
      if (acronym) from = this.extendToAcronym(from, to, acronym);
      this.propose(kind, from, to, acronym ? 0.8 : 0.7, acronym ? { acronym } : {});
      h = to - 1;
    }
  }

  /**
   * "the Green Deal on circular procurement", "a Pact on sustainable food": a pledge or declaration named by
   * its topic in lower case, up to four words, ending before a preposition, a conjunction or punctuation.
   */
  private topicAfter(on: number, head: Token): number {
    const { tokens } = this;
    let k = on + 1;
    while (
      tokens[k] &&
      joined(tokens[k]!) &&
      sameSentence(tokens[k]!, head) &&
      !tokens[k]!.cap &&
      !TOPIC_STOPS.has(tokens[k]!.folded) &&
      k - on <= 4
    )
      k++;
    return k - on >= 2 && k - on <= 4 ? k : on;
  }

  /** "Korea Environmental Industry and Technology Institute (KEITI)": the acronym says where the name starts. */
  private extendToAcronym(from: number, to: number, acronym: string): number {
    const { tokens } = this;
    const caps = acronym.replace(/[^\p{Lu}]/gu, '');
    for (let k = from; k >= 0 && to - k <= 12; k--) {
      const t = tokens[k]!;
      if (k < from && (!sameSentence(t, tokens[from]!) || !joined(tokens[k + 1]!) || (!t.cap && !INNER_LINKS.has(t.folded)))) break;
      if (t.cap && initials(tokens.slice(k, to)) === caps) return k;
    }
    return from;
  }

  /** Whether a place's name begins at token i: a place found already, or "New York", "New Delhi" in the gazetteer. */
  private placeStartsAt(i: number): boolean {
    const { tokens, scan } = this;
    if (isPlaceOwner(scan.owner[i])) return true;
    const next = tokens[i + 1];
    if (!next?.cap || !joined(next)) return false;
    const key = phraseKey(scan.text.slice(tokens[i]!.start, next.end));
    const gaz = gazetteer();
    return gaz.cities(key).length > 0 || gaz.subdivisions(key).length > 0;
  }

  /** "a consortium led by Signify": the body that leads or runs something. */
  private ledBy(): void {
    const { tokens, scan } = this;
    for (const m of scan.text.matchAll(/\b(?:led|run|operated|coordinated|developed|supplied|built|founded|owned) by\s+(?=\p{Lu})/gu)) {
      const i = scan.tokenIndexAt(m.index + m[0].length);
      if (i >= tokens.length || !scan.free(i)) continue;
      const to = this.runFrom(i, 5, true);
      if (!scan.free(i, to)) continue;
      const key = phraseKey(scan.text.slice(tokens[i]!.start, tokens[to - 1]!.end));
      const gaz = gazetteer();
      if (gaz.country(key) || gaz.cities(key).some((c) => c.population >= 20_000) || this.index.places.matchAt(tokens, i)) continue;
      this.propose('organisation', i, to, 0.6);
    }
  }

  /** "Rødne Trafikk AS", "Acme GmbH". */
  private companies(): void {
    const { tokens, scan } = this;
    for (let i = 1; i < tokens.length; i++) {
      if (!this.suffixes.has(tokens[i]!.text) || !joined(tokens[i]!) || !scan.free(i)) continue;
      let from = i;
      while (
        from > 0 &&
        tokens[from - 1]!.cap &&
        joined(tokens[from]!) &&
        i - from < 4 &&
        scan.free(from - 1) &&
        !this.determiners.has(tokens[from - 1]!.folded)
      )
        from--;
      if (from === i) continue;
      this.propose('organisation', from, i + 1, 0.75, { orgType: 'company' });
    }
  }

  /** "Full Name (ACR)" whose capitalised words give the acronym's letters, without a head word. */
  private acronyms(): void {
    const { tokens, scan } = this;
    for (const m of scan.text.matchAll(/\(([\p{Lu}][\p{L}\p{N}&+-]{1,11})\)/gu)) {
      const acronym = m[1]!;
      const caps = acronym.replace(/[^\p{Lu}]/gu, '');
      if (caps.length < 3 || /s$/.test(acronym)) continue;
      const at = m.index;
      const last = scan.tokenIndexAt(at) - 1;
      if (!tokens[last] || !tokens[last].cap || !scan.free(last)) continue;
      for (let from = last; from >= 0 && last - from < 10; from--) {
        const t = tokens[from]!;
        if (!sameSentence(t, tokens[last]) || !scan.free(from)) break;
        if (!t.cap && !INNER_LINKS.has(t.folded)) break;
        if (!t.cap) continue;
        const span = tokens.slice(from, last + 1);
        if (initials(span) === caps) {
          if (from > 0 && tokens[from - 1]!.cap && !this.determiners.has(tokens[from - 1]!.folded) && joined(t)) continue;
          this.propose('organisation', from, last + 1, 0.55, { acronym });
          break;
        }
      }
    }
  }

  /** A capitalised name run starting at i: capitalised words and inner links, ending on a capital. */
  private runFrom(i: number, max = 6, listItem = false): number {
    const { tokens } = this;
    let to = i;
    let lastCap = i;
    while (tokens[to] && (to === i || joined(tokens[to]!)) && sameSentence(tokens[to]!, tokens[i]!) && to - i < max) {
      const t = tokens[to]!;
      if (t.cap) lastCap = to;
      else if (!INNER_LINKS.has(t.folded) || to === i || (listItem && (t.folded === 'and' || t.folded === 'or'))) break;
      to++;
    }
    return lastCap + 1;
  }

  /** A capitalised name run ending at token `last`, going left. */
  private runTo(last: number, max = 5): number {
    const { tokens } = this;
    const particles = this.scan.set('nameParticles');
    let from = last;
    while (from > 0 && joined(tokens[from]!) && sameSentence(tokens[from - 1]!, tokens[last]!) && last - from < max - 1) {
      const prev = tokens[from - 1]!;
      if (prev.possessive) break;
      if (prev.cap && !this.determiners.has(prev.folded) && !/^\d+$/.test(prev.text)) from--;
      else if (!prev.cap && particles.has(prev.folded) && from > 1 && tokens[from - 2]!.cap && joined(prev)) from -= 2;
      else if (!prev.cap && LEFT_LINKS.has(prev.folded) && joined(prev)) {
        // "the Race to Zero campaign", "the Innovation Procurement of the Year award": up to two link words between capitals.
        let k = from - 1;
        while (k > 0 && !tokens[k]!.cap && LEFT_LINKS.has(tokens[k]!.folded) && from - k <= 2 && joined(tokens[k]!)) k--;
        const t = tokens[k]!;
        if (k < from - 1 && t.cap && !this.determiners.has(t.folded) && sameSentence(t, tokens[last]!) && last - k < max + 2) from = k;
        else break;
      } else break;
    }
    return from;
  }

  private singleNameOk(t: Token): boolean {
    return /[\p{N}]/u.test(t.text) || /\p{Ll}\p{Lu}/u.test(t.text) || t.upper || !ADJECTIVE_ENDINGS.test(t.folded);
  }

  private nounPatterns(): void {
    const { tokens, scan } = this;
    const initiative = new Set(scan.cues.initiativeNouns.map(foldName));
    const organisation = new Set(scan.cues.organisationNouns.map(foldName));
    const kindOf = (w: string): NewKind | undefined =>
      initiative.has(w) ? 'initiative' : organisation.has(w) ? 'organisation' : undefined;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const kind = kindOf(t.folded);
      if (!kind || t.cap) continue;
      // "the project Make ICT Fair", "the EU-funded project AI4Cities"
      const next = tokens[i + 1];
      if (next?.cap && joined(next) && sameSentence(next, t) && scan.nameable(i + 1, i + 2)) {
        const to = this.runFrom(i + 1);
        if (scan.nameable(i + 1, to) && (to - i - 1 > 1 || this.singleNameOk(next))) {
          this.propose(kind, i + 1, to, 0.7, {}, t.folded);
          continue;
        }
      }
      // "the MakeICTFair project"
      const prev = tokens[i - 1];
      if (prev?.cap && joined(t) && sameSentence(prev, t) && scan.nameable(i - 1, i) && !prev.sentenceStart) {
        const from = this.runTo(i - 1);
        if (scan.nameable(from, i) && (i - from > 1 || this.singleNameOk(prev)) && !tokens[from]!.sentenceStart) {
          this.propose(kind, from, i, 0.65, {}, t.folded);
          continue;
        }
      }
    }
    // "The supplier, Schijvens Confectie, must ...": the noun, then the name between commas.
    for (const m of scan.text.matchAll(/\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\p{Ll}-]+\s+)?([\p{Ll}-]+),\s+(?=\p{Lu})/gu)) {
      const kind = kindOf(foldName(m[1]!));
      if (!kind) continue;
      const i = scan.tokenIndexAt(m.index + m[0].length);
      if (i >= tokens.length || !scan.nameable(i, i + 1)) continue;
      const to = this.runFrom(i, 5, true);
      if (tokens[to - 1]!.end >= scan.text.length || !/^\s*,/.test(scan.text.slice(tokens[to - 1]!.end))) continue;
      if (!scan.nameable(i, to) || (to - i === 1 && !this.singleNameOk(tokens[i]!))) continue;
      this.propose(kind, i, to, 0.65, {}, foldName(m[1]!));
    }
    // "AI4Cities, a new EU-funded project", "Île-de-France Mobilités, the region's transport authority"
    // Also "Consip, Italy's national central purchasing body": a country's or city's possessive for the article.
    for (const m of scan.text.matchAll(/,\s+(?:a|an|the|\p{Lu}[\p{L}-]+['’]s)\s+((?:[\p{L}'’-]+\s+){0,4}[\p{L}'’-]+)/gu)) {
      const words = m[1]!.split(/\s+/).map((w) => foldName(w.replace(/['’]s$/, '')));
      const kind = words.map(kindOf).find((k) => k);
      if (!kind) continue;
      const noun = words.find((w) => kindOf(w));
      const last = scan.tokenIndexAt(m.index) - 1;
      if (last < 0 || !tokens[last]!.cap || !scan.nameable(last, last + 1)) continue;
      const from = this.runTo(last);
      if (!scan.nameable(from, last + 1) || (last === from && !this.singleNameOk(tokens[last]!))) continue;
      this.propose(kind, from, last + 1, 0.7, {}, noun);
    }
  }

  /** "a project funded under Horizon Europe", "financed through Interreg Europe": the programme that pays. */
  private fundedUnder(): void {
    const { tokens, scan } = this;
    const cue = /\b(?:funded|financed|co-funded|co-financed|paid for|supported)\s+(?:under|through)\s+(?:the\s+)?(?=\p{Lu})/gu;
    for (const m of scan.text.matchAll(cue)) {
      const i = scan.tokenIndexAt(m.index + m[0].length);
      if (i >= tokens.length || !scan.free(i)) continue;
      const to = this.runFrom(i, 5);
      if (!scan.nameable(i, to) || (to - i === 1 && !this.singleNameOk(tokens[i]!))) continue;
      this.propose('initiative', i, to, 0.6, {}, 'programme');
    }
  }

  /** "companies such as Samsung, Panasonic and Apple". */
  private lists(): void {
    const { tokens, scan } = this;
    for (const m of scan.text.matchAll(LIST_NOUNS)) {
      let i = scan.tokenIndexAt(m.index + m[0].length);
      const sentence = tokens[i]?.sentence;
      while (i >= 0 && tokens[i] && tokens[i]!.sentence === sentence && tokens[i]!.cap) {
        const to = this.runFrom(i, 4, true);
        if (scan.nameable(i, to)) this.propose('organisation', i, to, 0.65, { orgType: 'company' });
        const next = tokens[to];
        if (!next || next.sentence !== sentence) break;
        const gap = next.gap.trim();
        if (next.folded === 'and' || next.folded === 'or') i = to + 1;
        else if (gap === ',' || gap === ';') i = to;
        else break;
        if (tokens[i]?.folded === 'and') i++;
      }
    }
  }
}
