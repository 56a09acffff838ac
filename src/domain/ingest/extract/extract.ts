import { boundedEvidence, boundProposal, MAX_FACTS_PER_ITEM, MAX_PROPOSALS_PER_ITEM, strongest } from './bounds.js';
import { draftCases } from './cases.js';
import { findAmounts, findYears } from './facts.js';
import { knownNames, type KnownNameIndex } from './known-names.js';
import { OrganisationFinder } from './organisations.js';
import { pathwayConfidence, scorePathways, type GoalStrengths } from './pathways.js';
import { findCities, findCountries, findNamedTowns, findNestedPlaces, findRegions, findSubdivisions, graphPlace } from './places.js';
import { findReferences, type Reference } from './references.js';
import { ItemScan, type Mention } from './scan.js';
import { classifySdgs, type SdgClassification } from '../../sdg-tagger/tagger.js';
import { splitItems } from './split.js';
import { foldName } from './tokens.js';
import { targetId } from '../../model/kinds.js';
import { PROPOSAL_KINDS, type IngestContext, type IngestItem, type IngestResult, type Proposal } from '../types.js';

/**
 * The ingest extractor: a pure function from prose and the graph's known names to proposals a
 * curator reviews. Each item of a feed is read on its own; every proposal carries the sentence it
 * comes from, the offsets of its mentions in the item's text and a confidence.
 */

export type { IngestContext, IngestResult, IngestItem, Proposal } from '../types.js';

/** The classifier of goals the item is about; replaceable for tests. */
export type GoalClassifier = (text: string) => SdgClassification;

export interface ExtractOptions {
  classify?: GoalClassifier;
}

const MAX_IMPLICIT_GOALS = 5;
const MAX_IMPLICIT_TARGETS = 3;

function graphMatches(scan: ItemScan, index: KnownNameIndex): void {
  const { tokens } = scan;
  for (let i = 0; i < tokens.length; i++) {
    if (!scan.free(i)) continue;
    const m = index.proper.matchAt(tokens, i);
    if (!m || !scan.free(m.from, m.to)) continue;
    const surface = foldName(scan.text.slice(m.start, m.end));
    const primary = m.entries.filter((e) => foldName(e.value.name) === surface);
    const chosen = [...new Set((primary.length ? primary : m.entries).map((e) => e.value))];
    const places = chosen.filter((e) => e.kind === 'place');
    if (places.length === chosen.length) {
      if (graphPlace(scan, m, places, primary.length > 0)) {
        scan.claim(m.from, m.to, 'graph-place');
        i = m.to - 1;
      }
      continue;
    }
    const e = chosen.find((x) => x.kind !== 'place')!;
    scan.add({
      kind: e.kind,
      name: e.name,
      id: e.id,
      confidence: e.kind === 'case' ? 0.8 : primary.length ? 0.95 : 0.9,
      start: m.start,
      end: m.end,
      origin: 'graph',
      details: e.kind === 'organisation' && e.orgType ? { orgType: e.orgType } : undefined,
    });
    scan.claim(m.from, m.to, 'graph');
    for (let k = m.from; k < m.to; k++) scan.graphKind[k] = e.kind;
    nestedNames(scan, index, m.from, m.to, e.id);
    i = m.to - 1;
  }
}

/**
 * The body a longer name starts with: "Procura+" in "Procura+ Interest Group on ...", "ICLEI" in
 * "ICLEI Japan". Names further inside are left alone ("Green Purchasing Network" inside
 * "International Green Purchasing Network" is another body).
 */
function nestedNames(scan: ItemScan, index: KnownNameIndex, from: number, to: number, outer: string): void {
  const m = index.proper
    .allAt(scan.tokens, from)
    .filter((x) => x.to < to)
    .pop();
  const e = m?.entries.map((x) => x.value).find((x) => (x.kind === 'organisation' || x.kind === 'initiative') && x.id !== outer);
  if (!m || !e) return;
  scan.add({
    kind: e.kind,
    name: e.name,
    id: e.id,
    confidence: 0.7,
    start: m.start,
    end: m.end,
    origin: 'graph',
    details: { nested: true },
  });
}

function termMatches(scan: ItemScan, index: KnownNameIndex): void {
  for (const m of index.terms.scan(scan.tokens, (i) => !scan.free(i))) {
    const e = m.entries[0]!.value;
    scan.add({
      kind: e.kind,
      name: e.name,
      id: e.id,
      confidence: e.kind === 'approach' ? 0.85 : 0.6,
      start: m.start,
      end: m.end,
      origin: 'graph',
    });
    scan.claim(m.from, m.to, 'term');
  }
}

/** Mentions of the same thing become one proposal: the strongest mention's facts, every span. */
/**
 * A new name of two words or more that begins or ends a longer new name of the same kind in the item is a
 * short form of it: a headline's "Procura+ Award" is the text's "Procura+ Award for Sustainable Procurement
 * of the Year", "Clean Air Accelerator" the "C40 Clean Air Accelerator".
 */
function shortFormsOf(mentions: Mention[]): Map<Mention, Mention> {
  const named = mentions.filter((m) => !m.removed && !m.id && (m.kind === 'organisation' || m.kind === 'initiative'));
  const words = new Map(named.map((m) => [m, foldName(m.name).split(' ')]));
  const out = new Map<Mention, Mention>();
  for (const short of named) {
    const s = words.get(short)!;
    if (s.length < 2) continue;
    let best: Mention | undefined;
    for (const long of named) {
      const l = words.get(long)!;
      if (long.kind !== short.kind || l.length <= s.length) continue;
      const head = s.every((w, k) => l[k] === w);
      const tail = s.every((w, k) => l[l.length - s.length + k] === w);
      if ((head || tail) && (!best || l.length > words.get(best)!.length)) best = long;
    }
    if (best) out.set(short, best);
  }
  return out;
}

function mergeMentions(scan: ItemScan): Proposal[] {
  const groups = new Map<string, Mention[]>();
  const longer = shortFormsOf(scan.mentions);
  for (const mention of scan.mentions) {
    const full = longer.get(mention);
    const m = full
      ? { ...mention, name: full.name, details: full.details, confidence: Math.min(mention.confidence, full.confidence) }
      : mention;
    const key = `${m.kind}|${m.id ?? foldName(m.name)}`;
    if (m.removed) continue;
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  const out: Proposal[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => a.start - b.start);
    const best = list.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    let confidence = best.confidence;
    if (best.kind === 'theme') confidence = Math.min(0.85, confidence + 0.1 * (list.length - 1));
    const seen = new Set<number>();
    const spans = list.filter((m) => !seen.has(m.start) && seen.add(m.start)).map((m) => ({ start: m.start, end: m.end }));
    out.push({
      kind: best.kind,
      name: best.name,
      ...(best.id ? { id: best.id } : {}),
      confidence: Math.round(confidence * 100) / 100,
      evidence: scan.sentence(best.start)?.text ?? '',
      span: { start: best.start, end: best.end },
      spans: spans.length > 1 ? spans : undefined,
      origin: best.origin,
      ...(best.ambiguous ? { ambiguous: true } : {}),
      ...(best.candidates ? { candidates: best.candidates } : {}),
      ...(best.details ? { details: stripUndefined(best.details) } : {}),
    });
  }
  return out;
}

function stripUndefined(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

/** Where a classifier's evidence sentence and term sit in the item's text. */
function locate(text: string, sentence: string, term: string): { start: number; end: number } | undefined {
  const at = text.indexOf(sentence.slice(0, 80));
  if (at < 0) return undefined;
  const word = term.split(' … ')[0]!;
  const inSentence = text.toLowerCase().indexOf(word.toLowerCase(), at);
  return inSentence >= 0 && inSentence < at + sentence.length + 1
    ? { start: inSentence, end: inSentence + word.length }
    : { start: at, end: at + sentence.length };
}

function frameworkProposals(scan: ItemScan, context: IngestContext, refs: Reference[], classify: GoalClassifier): Proposal[] {
  const out: Proposal[] = [];
  const byId = new Map<string, Proposal>();
  for (const r of refs) {
    const hit = byId.get(r.id);
    if (hit) {
      hit.spans = [...(hit.spans ?? [hit.span!]), r.span];
      continue;
    }
    const p: Proposal = {
      kind: r.kind,
      name: r.name,
      id: r.id,
      confidence: 1,
      evidence: scan.sentence(r.span.start)?.text ?? '',
      span: r.span,
      origin: 'reference',
    };
    byId.set(r.id, p);
    out.push(p);
  }

  const sdg = classify(scan.text);
  const assigned = sdg.sdgs.filter((g) => g.assigned).sort((a, b) => b.score - a.score);
  const top = assigned[0]?.score ?? 0;
  const strengths: GoalStrengths = new Map(assigned.map((g) => [g.number, top ? g.score / top : 0]));
  assigned.slice(0, MAX_IMPLICIT_GOALS).forEach((g, rank) => {
    const id = `sdg-${g.number}`;
    const classifier = { score: g.score, rank: rank + 1, terms: g.evidence.map((e) => e.term) };
    const existing = byId.get(id);
    if (existing) {
      existing.details = { ...existing.details, classifier };
      return;
    }
    const ev = g.evidence[0];
    const goal = context.goals.find((x) => x.number === g.number);
    const p: Proposal = {
      kind: 'goal',
      name: `SDG ${g.number}${goal ? `: ${goal.name}` : ''}`,
      id,
      confidence: Math.round(Math.min(0.85, 0.35 + 0.5 * (top ? g.score / top : 0)) * 100) / 100,
      evidence: ev?.sentence ?? '',
      span: ev ? locate(scan.text, ev.sentence, ev.term) : undefined,
      origin: 'classifier',
      details: { classifier },
    };
    byId.set(id, p);
    out.push(p);
  });
  const known = new Set(context.targets);
  for (const t of sdg.targets.filter((x) => !known.size || known.has(x.code)).slice(0, MAX_IMPLICIT_TARGETS)) {
    const id = targetId(t.code);
    const existing = byId.get(id);
    if (existing) {
      existing.details = { ...existing.details, classifier: { score: t.score, terms: t.evidence.map((e) => e.term) } };
      continue;
    }
    const ev = t.evidence[0];
    out.push({
      kind: 'target',
      name: `Target ${t.code}`,
      id,
      confidence: Math.round(Math.min(0.7, 0.25 + 0.1 * t.score) * 100) / 100,
      evidence: ev?.sentence ?? '',
      span: ev ? locate(scan.text, ev.sentence, ev.term) : undefined,
      origin: 'classifier',
      details: { classifier: { score: t.score, terms: t.evidence.map((e) => e.term) } },
    });
  }

  const { scores, lexicon } = scorePathways(scan, context, strengths);
  let implicit = 0;
  for (const s of scores) {
    const id = `pathway-${s.number}`;
    const why = { score: s.score, terms: s.terms, goals: s.goals };
    const existing = byId.get(id);
    if (existing) {
      if (s.score > 0) existing.details = { ...existing.details, lexicon: why };
      continue;
    }
    if (s.score < lexicon.threshold || implicit >= lexicon.maxProposals) continue;
    implicit++;
    const pathway = context.pathways.find((p) => p.number === s.number);
    out.push({
      kind: 'pathway',
      name: `Pathway ${s.number}${pathway ? `: ${pathway.name}` : ''}`,
      id,
      confidence: pathwayConfidence(s.score, lexicon),
      evidence: s.first ? (scan.sentence(s.first.start)?.text ?? '') : '',
      span: s.first,
      origin: 'lexicon',
      details: why,
    });
  }
  return out;
}

/** Claims the tokens of framework references so "Goal 12" is never read as a place. */
function claimReferences(scan: ItemScan, refs: Reference[]): void {
  for (const r of refs) {
    // The token the span starts in may begin before it ("SDGs 11 and 12": the span of 12 is the number).
    let i = Math.max(0, scan.tokenIndexAt(r.span.start) - 1);
    for (; i < scan.tokens.length && scan.tokens[i]!.start < r.span.end; i++) {
      if (scan.tokens[i]!.end > r.span.start) scan.claim(i, i + 1, 'reference');
    }
  }
  scan.tokens.forEach((t, i) => {
    const next = scan.tokens[i + 1];
    if (/^(?:Pathways?|Goals?|SDGs?|Targets?)$/.test(t.text) && next && /^\d/.test(next.text)) scan.claim(i, i + 1, 'reference');
  });
}

/** Reads one item of text. */
export function extractItem(
  text: string,
  context: IngestContext,
  meta: { title: string; date: string | null; offset?: number; bodyStart?: number },
  options: ExtractOptions = {},
): IngestItem {
  const index = knownNames(context);
  const scan = new ItemScan(text);
  const bodyStart = meta.bodyStart ?? 0;

  const refs = findReferences(scan.text, context);
  claimReferences(scan, refs);
  graphMatches(scan, index);
  termMatches(scan, index);
  findCountries(scan, index);
  for (const m of scan.mentions) if (m.kind === 'place' && typeof m.details?.country === 'string') scan.countries.add(m.details.country);
  new OrganisationFinder(scan, index).run();
  findRegions(scan, index);
  findCities(scan, index);
  findSubdivisions(scan);
  findNamedTowns(scan);
  for (const m of [...scan.mentions]) {
    if (m.kind !== 'organisation' && m.kind !== 'initiative' && m.kind !== 'case') continue;
    if (m.removed) continue;
    const from = scan.tokenIndexAt(m.start);
    let to = from;
    while (scan.tokens[to] && scan.tokens[to]!.end <= m.end) to++;
    if (to - from > 1) findNestedPlaces(scan, index, from, to);
  }

  const years = findYears(scan, bodyStart);
  const amounts = findAmounts(scan, bodyStart);
  const found = [...mergeMentions(scan), ...frameworkProposals(scan, context, refs, options.classify ?? classifySdgs)];
  for (const draft of draftCases(scan, meta, years, amounts)) {
    const { confidence, evidence, span, name, ...rest } = draft;
    found.push({ kind: 'case', name, confidence, evidence, span, origin: 'draft', details: rest });
  }
  const proposals = strongest(found, MAX_PROPOSALS_PER_ITEM).map((p) => boundProposal(scan, p));
  const order = (k: string) => PROPOSAL_KINDS.indexOf(k as (typeof PROPOSAL_KINDS)[number]);
  proposals.sort((a, b) => order(a.kind) - order(b.kind) || b.confidence - a.confidence || (a.span?.start ?? 0) - (b.span?.start ?? 0));
  const facts = {
    years: years.slice(0, MAX_FACTS_PER_ITEM).map((f) => ({ ...f, evidence: boundedEvidence(scan, f.evidence, f.span) })),
    amounts: amounts.slice(0, MAX_FACTS_PER_ITEM).map((f) => ({ ...f, evidence: boundedEvidence(scan, f.evidence, f.span) })),
  };
  const omitted = {
    proposals: found.length - proposals.length,
    facts: years.length + amounts.length - facts.years.length - facts.amounts.length,
  };
  return {
    title: meta.title,
    date: meta.date,
    text,
    offset: meta.offset ?? 0,
    proposals,
    facts,
    ...(omitted.proposals || omitted.facts ? { omitted } : {}),
  };
}

/** Splits the text into items (a feed) or one item (an article) and reads each. */
export function extract(text: string, context: IngestContext, options: ExtractOptions = {}): IngestResult {
  const items = splitItems(text).map((b) =>
    extractItem(
      text.slice(b.start, b.end),
      context,
      { title: b.title, date: b.date, offset: b.start, bodyStart: b.bodyStart - b.start },
      options,
    ),
  );
  return { items };
}
