import type { Mention } from './scan.js';
import type { ItemScan } from './scan.js';
import type { Sentence } from './tokens.js';
import type { AmountFact, YearFact } from '../types.js';

/**
 * Candidate cases: who bought what, where, with which approach. A sentence is cut into segments
 * (at "; ", at ", " before a lower-case word and at "as well as"); a segment with a buyer (a place
 * that is not only a location, or a public body) and a procurement approach, or a buyer, a theme and
 * a procurement verb, gives a draft. Drafts sharing a buyer are merged. When no segment qualifies but
 * the item names buyers and an approach, one draft for the whole item is proposed with less
 * confidence. Names and summaries are generated from the extracted facts, not copied from the text.
 */

const LOCATION_WORDS = new Set([
  'in',
  'at',
  'to',
  'from',
  'across',
  'near',
  'around',
  'into',
  'visited',
  'towards',
  'between',
  'throughout',
  'within',
  'elsewhere',
]);
const PROCURING =
  /\b(?:procured|purchased|bought|tendered|awarded|contracted|procures|buys|purchases|(?:procurements?|purchases?|purchasing|tenders?|tendering|contracts?) (?:of|for)|procuring)\b/i;
const BUYER_ORGS = new Set(['public-authority', 'government']);
const MAX_ACTORS = 3;

export interface CaseDraft {
  name: string;
  summary: string;
  actors: { name: string; id?: string; kind: string }[];
  approaches: { name: string; id?: string }[];
  themes: { name: string; id?: string }[];
  initiatives: { name: string; id?: string }[];
  year?: number;
  endYear?: number;
  amounts: { text: string; currency: string; value: number }[];
  confidence: number;
  evidence: string;
  span: { start: number; end: number };
}

interface Segment {
  start: number;
  end: number;
  sentence: Sentence;
}

function segments(sentence: Sentence): Segment[] {
  const out: Segment[] = [];
  const re = /;\s+|,\s+(?:and\s+)?(?=\p{Ll})|,?\s+as well as\s+/gu;
  let from = 0;
  for (const m of sentence.text.matchAll(re)) {
    out.push({ start: sentence.start + from, end: sentence.start + m.index, sentence });
    from = m.index + m[0].length;
  }
  out.push({ start: sentence.start + from, end: sentence.end, sentence });
  return out;
}

function isBuyer(m: Mention): boolean {
  if (m.kind === 'place') return m.details?.placeType !== 'country' && !m.details?.nested;
  if (m.kind === 'organisation') return BUYER_ORGS.has(typeof m.details?.orgType === 'string' ? m.details.orgType : '');
  return false;
}

/** A place after "in", "at" or "to" is where something happened, not who did it. */
function onlyLocation(scan: ItemScan, m: Mention): boolean {
  let i = scan.tokenIndexAt(m.start) - 1;
  while (i >= 0 && (scan.tokens[i]!.cap || scan.tokens[i]!.folded === 'and')) i--;
  const word = scan.tokens[i];
  if (!word || word.sentence !== scan.tokens[i + 1]?.sentence) return false;
  // "Mayor of Malmö": the place a person speaks for.
  if (word.folded === 'of' && scan.tokens[i - 1] && scan.set('personTitles').has(scan.tokens[i - 1]!.folded)) return true;
  // "public buyers in Stockholm": the buyers are the place's.
  if (word.folded === 'in' && /^(?:buyers|authorities|municipalities|councils|purchasers)$/.test(scan.tokens[i - 1]?.folded ?? ''))
    return false;
  return LOCATION_WORDS.has(word.folded);
}

function lowerFirst(name: string): string {
  return /^\p{Lu}\p{Ll}/u.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name;
}

function listText(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function unique<T extends { name: string; id?: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const key = x.id ?? x.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(
  draft: Omit<CaseDraft, 'name' | 'summary'>,
  item: { title: string; date: string | null },
): { name: string; summary: string } {
  const actors = listText(draft.actors.map((a) => a.name));
  const approaches = draft.approaches.map((a) => lowerFirst(a.name));
  const themes = draft.themes.map((t) => lowerFirst(t.name));
  const what = approaches.length ? listText(approaches) : 'public procurement';
  const name = `${actors}: ${what}${themes.length ? ` for ${listText(themes.slice(0, 2))}` : ''}`;
  const when = draft.year ? (draft.endYear ? ` in ${draft.year}–${draft.endYear}` : ` in ${draft.year}`) : '';
  const within = draft.initiatives.length ? `, within ${listText(draft.initiatives.map((i) => i.name))}` : '';
  const money = draft.amounts.length
    ? ` The item mentions ${listText(draft.amounts.map((a) => `${a.currency} ${a.value.toLocaleString('en-GB')}`))}.`
    : '';
  const reported = item.title ? ` Reported in “${item.title}”${item.date ? ` (${item.date})` : ''}.` : '';
  const summary = `${actors} used ${what}${themes.length ? ` in ${listText(themes)}` : ''}${when}${within}.${money}${reported}`;
  return { name, summary };
}

export function draftCases(
  scan: ItemScan,
  item: { title: string; date: string | null },
  years: YearFact[],
  amounts: AmountFact[],
  from = 0,
): CaseDraft[] {
  const mentions = scan.mentions.filter((m) => m.start >= from && !m.removed).sort((a, b) => a.start - b.start);
  const within = (seg: { start: number; end: number }) => (m: { start: number; end: number }) => m.start >= seg.start && m.end <= seg.end;
  /** The mentions inside a span, found by binary search over the sorted list. */
  const mentionsIn = (seg: { start: number; end: number }): Mention[] => {
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mentions[mid]!.start < seg.start) lo = mid + 1;
      else hi = mid;
    }
    const out: Mention[] = [];
    for (let k = lo; k < mentions.length && mentions[k]!.start < seg.end; k++) if (mentions[k]!.end <= seg.end) out.push(mentions[k]!);
    return out;
  };
  const drafts: Omit<CaseDraft, 'name' | 'summary'>[] = [];

  for (const sentence of scan.sentences) {
    if (sentence.end <= from) continue;
    for (const seg of segments(sentence)) {
      const inSeg = mentionsIn(seg);
      const buyers = inSeg.filter((m) => isBuyer(m) && !onlyLocation(scan, m));
      // "City of Paris" and the Paris inside it are one buyer: keep the place.
      const actors = unique(
        buyers.filter((m) => m.kind === 'place' || !buyers.some((p) => p.kind === 'place' && p.start >= m.start && p.end <= m.end)),
      );
      const approaches = unique(inSeg.filter((m) => m.kind === 'approach'));
      const themes = unique(inSeg.filter((m) => m.kind === 'theme'));
      if (!actors.length || actors.length > MAX_ACTORS) continue;
      const verb = PROCURING.test(scan.text.slice(seg.start, seg.end));
      if (!approaches.length && !(verb && themes.length)) continue;
      const year = years.find((y) => within(sentence)(y.span));
      drafts.push({
        actors: actors.map((a) => ({ name: a.name, id: a.id, kind: a.kind })),
        approaches: approaches.map((a) => ({ name: a.name, id: a.id })),
        themes: themes.map((t) => ({ name: t.name, id: t.id })),
        initiatives: unique(mentionsIn(sentence).filter((m) => m.kind === 'initiative')).map((i) => ({ name: i.name, id: i.id })),
        year: year?.year,
        endYear: year?.endYear,
        amounts: amounts.filter((a) => within(sentence)(a.span)).map((a) => ({ text: a.text, currency: a.currency, value: a.value })),
        confidence: approaches.length ? 0.55 : 0.45,
        evidence: sentence.text,
        span: { start: seg.start, end: seg.end },
      });
    }
  }

  // One draft per buyer set: drafts that share a buyer are one case told in several sentences.
  const merged: typeof drafts = [];
  for (const d of drafts) {
    const key = (a: { name: string; id?: string }) => a.id ?? a.name;
    const same = merged.find((m) => m.actors.length === d.actors.length && m.actors.every((a) => d.actors.some((b) => key(a) === key(b))));
    if (!same) {
      merged.push(d);
      continue;
    }
    same.approaches = unique([...same.approaches, ...d.approaches]);
    same.themes = unique([...same.themes, ...d.themes]);
    same.initiatives = unique([...same.initiatives, ...d.initiatives]);
    same.year ??= d.year;
    same.endYear ??= d.endYear;
    same.amounts.push(...d.amounts);
    same.confidence = Math.max(same.confidence, d.confidence);
  }

  if (!merged.length) {
    // The buyers named in one sentence and the approach in the same or the next: "X, Y and Z have
    // joined forces in P. ... they will go through a pre-commercial procurement".
    // Or an initiative ties them: "X and Y have joined forces in AI4Cities" ... "Through AI4Cities,
    // these cities will go through a pre-commercial procurement".
    const sentenceOf = (m: Mention) => scan.sentenceIndexAt(m.start);
    const approachSentences = new Set(mentions.filter((m) => m.kind === 'approach').map(sentenceOf));
    const initiativeKey = (m: Mention) => m.id ?? m.name;
    const initiativesWithApproach = new Set(
      mentions.filter((m) => m.kind === 'initiative' && approachSentences.has(sentenceOf(m))).map(initiativeKey),
    );
    const tiedSentences = new Set(
      mentions.filter((m) => m.kind === 'initiative' && initiativesWithApproach.has(initiativeKey(m))).map(sentenceOf),
    );
    const near = (m: Mention) =>
      approachSentences.has(sentenceOf(m)) || approachSentences.has(sentenceOf(m) + 1) || tiedSentences.has(sentenceOf(m));
    const actors = unique(
      mentions.filter((m) => m.kind === 'place' && isBuyer(m) && !onlyLocation(scan, m) && m.confidence >= 0.6 && near(m)),
    ).slice(0, 8);
    const approaches = unique(mentions.filter((m) => m.kind === 'approach'));
    if (actors.length && approaches.length) {
      const first = actors[0]!;
      const sentence = scan.sentence(first.start)!;
      const year = years.find((y) => y.span.start >= from);
      merged.push({
        actors: actors.map((a) => ({ name: a.name, id: a.id, kind: a.kind })),
        approaches: approaches.map((a) => ({ name: a.name, id: a.id })),
        themes: unique(mentions.filter((m) => m.kind === 'theme'))
          .slice(0, 4)
          .map((t) => ({ name: t.name, id: t.id })),
        initiatives: unique(mentions.filter((m) => m.kind === 'initiative')).map((i) => ({ name: i.name, id: i.id })),
        year: year?.year,
        endYear: year?.endYear,
        amounts: amounts.map((a) => ({ text: a.text, currency: a.currency, value: a.value })),
        confidence: 0.4,
        evidence: sentence.text,
        span: { start: sentence.start, end: sentence.end },
      });
    }
  }
  return merged.map((d) => ({ ...describe(d, item), ...d }));
}
