import type { ItemScan } from './scan.js';
import type { Proposal, Span } from '../types.js';

/**
 * What one item of text may make, whatever the text: a list of names without full stops is one
 * sentence thousands of characters long, and each of its hundreds of names would otherwise carry
 * all of it as evidence.
 */
export const MAX_EVIDENCE_CHARS = 600;
/** Mentions highlighted per proposal; further mentions of the same thing add nothing to review. */
export const MAX_SPANS = 50;
/** Proposals one item keeps: the seed newsletter's richest item has 43. */
export const MAX_PROPOSALS_PER_ITEM = 150;
/** Years and amounts (each) one item keeps. */
export const MAX_FACTS_PER_ITEM = 100;

const ELLIPSIS = '…';

/** The part of an evidence sentence around its mention, at most MAX_EVIDENCE_CHARS long, cut at spaces. */
export function boundedEvidence(scan: ItemScan, evidence: string, span: Span | undefined): string {
  if (evidence.length <= MAX_EVIDENCE_CHARS) return evidence;
  const sentence = span ? scan.sentence(span.start) : undefined;
  let at = sentence && sentence.text === evidence && span ? span.start - sentence.start : -1;
  if (at < 0 && span) at = evidence.indexOf(scan.text.slice(span.start, span.end));
  const room = MAX_EVIDENCE_CHARS - 2;
  let from = at < 0 ? 0 : Math.max(0, Math.min(at - Math.floor(room / 3), evidence.length - room));
  let to = Math.min(evidence.length, from + room);
  if (from > 0) {
    const space = evidence.indexOf(' ', from);
    if (space >= 0 && space < from + 40 && (at < 0 || space < at)) from = space + 1;
  }
  if (to < evidence.length) {
    const space = evidence.lastIndexOf(' ', to);
    if (space > to - 40 && space > from) to = space;
  }
  return `${from > 0 ? ELLIPSIS : ''}${evidence.slice(from, to).trim()}${to < evidence.length ? ELLIPSIS : ''}`;
}

/** A proposal with its evidence and list of mentions bounded. */
export function boundProposal(scan: ItemScan, p: Proposal): Proposal {
  const evidence = boundedEvidence(scan, p.evidence, p.span);
  const spans = p.spans && p.spans.length > MAX_SPANS ? p.spans.slice(0, MAX_SPANS) : p.spans;
  return evidence === p.evidence && spans === p.spans ? p : { ...p, evidence, spans };
}

/**
 * The `max` proposals to keep, in their given order: the most confident, explicit references
 * (confidence 1) first, earlier mentions before later ones at equal confidence.
 */
export function strongest<T extends Pick<Proposal, 'confidence' | 'span'>>(proposals: T[], max: number): T[] {
  if (proposals.length <= max) return proposals;
  const ranked = proposals
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.confidence - a.p.confidence || (a.p.span?.start ?? 0) - (b.p.span?.start ?? 0) || a.i - b.i)
    .slice(0, Math.max(0, max));
  const keep = new Set(ranked.map((r) => r.i));
  return proposals.filter((_, i) => keep.has(i));
}
