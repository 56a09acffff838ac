import type { Run } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { fold } from '../text.js';

/**
 * Whether a new or proposed node is one the graph already holds: the same name or alternate name, a
 * near name, the same place and year (cases), or a summary saying much the same. Used where nodes
 * are born (ingest proposals and the create forms) and by the duplicate finder.
 */

/** Character trigrams of a folded text, for a similarity that tolerates spelling variants. */
function trigrams(s: string): Set<string> {
  const t = `  ${fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
  const out = new Set<string>();
  for (let i = 0; i < t.length - 2; i += 1) out.add(t.slice(i, i + 3));
  return out;
}

/** Jaccard similarity of two names' trigrams, 0 to 1. */
export function similarity(a: string, b: string): number {
  // Names with no Latin letters or digits (Москва, 東京) have no trigrams to compare: only equal ones match.
  if (!/[a-z0-9]/.test(fold(a)) || !/[a-z0-9]/.test(fold(b))) return a.trim().toLowerCase() === b.trim().toLowerCase() ? 1 : 0;
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const g of ta) if (tb.has(g)) shared += 1;
  return shared / (ta.size + tb.size - shared || 1);
}

const STOP = new Set(
  'the a an and or of in on for to with by from at as is are was were its their this that it be has have into'.split(' '),
);

/** The content words of a text, folded. */
function words(text: string): Set<string> {
  return new Set(
    fold(text)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOP.has(w)),
  );
}

/** Share of content words two summaries have in common (Jaccard), 0 to 1. */
export function summarySimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared += 1;
  return shared / (wa.size + wb.size - shared || 1);
}

/** What is compared of a node. */
export interface Likeness {
  name: string;
  altNames?: string[];
  summary?: string;
  year?: number;
  places?: string[];
}

export interface Existing extends Likeness {
  id: string;
  kind: string;
}

export interface Match {
  id: string;
  name: string;
  reasons: string[];
  score: number;
}

const NAME_NEAR = 0.6;
const SUMMARY_NEAR = 0.4;

/** Why `b` looks like the same thing as `a`; empty when it does not. */
export function likenessReasons(a: Likeness, b: Likeness): string[] {
  const reasons: string[] = [];
  const namesA = [a.name, ...(a.altNames ?? [])].map(fold);
  const namesB = [b.name, ...(b.altNames ?? [])].map(fold);
  if (namesA.some((n) => namesB.includes(n))) reasons.push('same name or alternate name');
  else {
    const sim = similarity(a.name, b.name);
    if (sim >= NAME_NEAR) reasons.push(`similar name (${Math.round(sim * 100)}%)`);
  }
  if (a.year !== undefined && a.year === b.year && (a.places ?? []).some((p) => (b.places ?? []).includes(p)))
    reasons.push(`same place and year (${a.year})`);
  // Summaries of the same kind of purchase read alike; a different place or year says they are not one case.
  const otherPlace = Boolean(a.places?.length && b.places?.length && !a.places.some((p) => b.places!.includes(p)));
  const otherYear = a.year !== undefined && b.year !== undefined && a.year !== b.year;
  if (a.summary && b.summary && !otherPlace && !otherYear) {
    const sim = summarySimilarity(a.summary, b.summary);
    if (sim >= SUMMARY_NEAR) reasons.push(`similar summary (${Math.round(sim * 100)}% of words shared)`);
  }
  return reasons;
}

/** The existing nodes that look like the candidate, most alike first. */
export function matchesAmong(candidate: Likeness, existing: Existing[], limit = 3): Match[] {
  const out: Match[] = [];
  for (const e of existing) {
    const reasons = likenessReasons(candidate, e);
    if (reasons.length) out.push({ id: e.id, name: e.name, reasons, score: reasons.length + similarity(candidate.name, e.name) });
  }
  return out.sort((x, y) => y.score - x.score).slice(0, limit);
}

const likenessQuery = defineQuery<{ kind: string }, Existing>('curation/likeness');

/** Every live node of one kind with what is compared of it. */
export async function existingOfKind(run: Run, kind: string): Promise<Existing[]> {
  const rows = await run(likenessQuery, { kind });
  return rows.map((r) => ({ ...r, summary: r.summary ?? undefined, year: r.year ?? undefined }));
}
