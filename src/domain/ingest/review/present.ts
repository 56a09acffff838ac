import type { Run } from '../../../data/database.js';
import { defineQuery } from '../../../data/queries.js';
import { existingOfKind, matchesAmong } from '../../curation/similar.js';
import { nameKey } from '../extract/known-names.js';
import { isDraft, type ReviewItem, type ReviewProposal } from './types.js';
import { NAMED_KINDS, type KnownName, type NamedKind } from '../types.js';

type CaseFacts = { id: string; name: string; links: { type: string; to: string }[] };

const knownNames = defineQuery<{ kinds: NamedKind[] }, KnownName>('ingest/list-known-names');
const findSources = defineQuery<
  { items: { index: number; title: string; date: string | null; url: string | null }[] },
  { index: number; id: string | null }
>('ingest/review-find-sources');
const sourceFacts = defineQuery<
  { sources: string[]; types: string[] },
  { source: string; cited: string[]; themes: string[]; cases: CaseFacts[] }
>('ingest/review-source-facts');
const batchesForSources = defineQuery<{ sources: string[] }, { id: string; items: string }>('ingest/batch-for-sources');

/**
 * Compares what a batch proposes with what the graph already holds, so that ingesting a text again
 * proposes nothing that a commit already wrote: new names that match a node take its id, an item
 * whose Source exists is recognised, and what that Source already backs (the nodes citing it, its
 * cases and their links) is marked present. Decisions of earlier reviews of the same Source are
 * remembered: what a curator rejected there comes back rejected.
 */

/** The graph's names of the kinds the extractor proposes, for matching names to ids. */
export class NameIndex {
  private readonly byId = new Map<string, { kind: string; name: string }>();
  private readonly byKey = new Map<string, string[]>();

  constructor(rows: { kind: string; id: string; name: string; altNames: string[] }[]) {
    for (const r of rows) {
      this.byId.set(r.id, { kind: r.kind, name: r.name });
      for (const n of [r.name, ...r.altNames]) {
        const key = `${r.kind}|${nameKey(n)}`;
        const ids = this.byKey.get(key) ?? [];
        if (!ids.includes(r.id)) ids.push(r.id);
        this.byKey.set(key, ids);
      }
    }
  }

  static async load(run: Run): Promise<NameIndex> {
    return new NameIndex(await run(knownNames, { kinds: [...NAMED_KINDS] }));
  }

  kindOf(id: string): string | undefined {
    return this.byId.get(id)?.kind;
  }

  /** The one node of this kind bearing this name or alternate name; none when no node or several do. */
  find(kind: string, name: string): string | undefined {
    const ids = this.byKey.get(`${kind}|${nameKey(name)}`);
    return ids?.length === 1 ? ids[0] : undefined;
  }
}

/** Kinds whose accepted proposal makes the node cite the item's Source. */
const CITING_KINDS = new Set(['place', 'organisation', 'initiative', 'case']);
const CASE_LINK_TYPES = ['LOCATED_IN', 'IMPLEMENTED_BY', 'PART_OF', 'ILLUSTRATES', 'CONTRIBUTES_TO', 'USES_APPROACH', 'ABOUT_THEME'];
/** The link an accepted framework or vocabulary proposal gives the item's cases. */
export const CASE_LINK_OF: Record<string, string> = {
  pathway: 'ILLUSTRATES',
  goal: 'CONTRIBUTES_TO',
  target: 'CONTRIBUTES_TO',
  approach: 'USES_APPROACH',
  theme: 'ABOUT_THEME',
};

interface SourceFacts {
  cited: Set<string>;
  themes: Set<string>;
  cases: CaseFacts[];
}

/** The key a source title is compared by: lower case, single spaces. */
export const titleKey = (title: string) => title.replace(/\s+/g, ' ').trim().toLowerCase();

const sameName = (a: string, b: string) => nameKey(a) === nameKey(b);

/** The same proposed thing in two reviews: same kind, and the same id or name (a case draft by its name). */
function sameThing(earlier: ReviewProposal, p: ReviewProposal): boolean {
  if (earlier.kind !== p.kind || isDraft(earlier) !== isDraft(p)) return false;
  const earlierId = earlier.fields?.id ?? earlier.id ?? earlier.committed?.id;
  if (!isDraft(p) && earlierId && p.id && earlierId === p.id) return true;
  return sameName(earlier.name, p.name);
}

function markPresent(p: ReviewProposal, id: string, note: string): void {
  p.status = 'present';
  p.presentAs = id;
  p.note = note;
}

/** The ids a case draft names as its buyers, where the graph knows them. */
function actorIds(p: ReviewProposal, names: NameIndex): string[] {
  const actors = ((p.details?.actors ?? []) as { name: string; id?: string; kind: string }[]).map(
    (a) => a.id ?? names.find(a.kind, a.name),
  );
  return actors.every(Boolean) ? (actors as string[]) : [];
}

function compareItem(item: ReviewItem, facts: SourceFacts, earlier: ReviewProposal[], names: NameIndex): void {
  const sid = item.source.id!;
  const casesLinkedTo = (type: string, to: string) => facts.cases.filter((c) => c.links.some((l) => l.type === type && l.to === to));
  for (const p of item.proposals) {
    if (p.status !== 'pending') continue;
    const before = earlier.filter((e) => sameThing(e, p));
    if (isDraft(p)) {
      const committed = before.map((e) => e.committed?.id).find((id) => id && facts.cases.some((c) => c.id === id));
      const byName = facts.cases.find((c) => sameName(c.name, p.fields?.name ?? p.name));
      const actors = actorIds(p, names);
      const byActors = actors.length
        ? facts.cases.find((c) =>
            actors.every((a) => c.links.some((l) => (l.type === 'LOCATED_IN' || l.type === 'IMPLEMENTED_BY') && l.to === a)),
          )
        : undefined;
      const found = committed ?? byName?.id ?? byActors?.id;
      if (found) {
        markPresent(p, found, `${sid} already reports this case as ${found}`);
        continue;
      }
    } else if (CITING_KINDS.has(p.kind)) {
      const id = p.id ?? before.map((e) => e.committed?.id).find(Boolean);
      if (id && facts.cited.has(id)) {
        markPresent(p, id, `${id} already cites ${sid}`);
        continue;
      }
    } else if (p.id && CASE_LINK_OF[p.kind]) {
      const type = CASE_LINK_OF[p.kind]!;
      const cases = casesLinkedTo(type, p.id);
      if (cases.length || (p.kind === 'theme' && facts.themes.has(p.id))) {
        markPresent(p, p.id, cases.length ? `${cases.map((c) => c.id).join(', ')} ${type} ${p.id}` : `${sid} ABOUT_THEME ${p.id}`);
        continue;
      }
    }
    const rejected = before.find((e) => e.status === 'rejected');
    if (rejected) {
      p.status = 'rejected';
      p.note = `rejected in an earlier review of ${sid}`;
    }
  }
}

/**
 * Case drafts that look like a case the graph holds (same name or alternate name, same place and
 * year, a similar summary) name it, and are set to use it unless the curator says it is new.
 */
async function flagDuplicateCases(run: Run, items: ReviewItem[], names: NameIndex): Promise<void> {
  const drafts = items.flatMap((i) => i.proposals).filter((p) => isDraft(p) && p.status === 'pending');
  if (!drafts.length) return;
  const cases = await existingOfKind(run, 'case');
  for (const p of drafts) {
    const d = p.details ?? {};
    const places = ((d.actors ?? []) as { name: string; id?: string; kind: string }[])
      .filter((a) => a.kind === 'place')
      // A place the atlas does not hold yet is still a place, and not one of an existing case's.
      .map((a) => a.id ?? names.find('place', a.name) ?? `new:${a.name}`);
    const matches = matchesAmong(
      {
        name: p.name,
        summary: typeof d.summary === 'string' ? d.summary : undefined,
        year: typeof d.year === 'number' ? d.year : undefined,
        places,
      },
      cases,
    );
    if (!matches.length) continue;
    p.duplicates = matches.map(({ id, name, reasons }) => ({ id, name, reasons }));
    p.fields = { ...p.fields, existing: matches[0]!.id };
    p.note = `looks like ${matches[0]!.name} (${matches[0]!.id}), already in the atlas: ${matches[0]!.reasons.join('; ')}`;
  }
}

/**
 * The Source each item already is in the graph, by item index: the same address (when the batch is a
 * single article, whose address is the item's), or the same title and date.
 */
export async function existingSources(run: Run, items: ReviewItem[], single: boolean): Promise<Map<number, string>> {
  const found = await run(findSources, {
    items: items.map((i) => ({
      index: i.index,
      title: titleKey(i.source.title),
      date: i.source.date,
      url: single ? (i.source.url ?? null) : null,
    })),
  });
  return new Map(found.flatMap((row) => (row.id ? [[row.index, row.id] as const] : [])));
}

/** Marks, in place, what the graph already holds of each item (see above). Reads only. */
export async function compareWithGraph(run: Run, items: ReviewItem[]): Promise<void> {
  const names = await NameIndex.load(run);
  await flagDuplicateCases(run, items, names);
  for (const item of items) {
    for (const p of item.proposals) {
      if (p.id || isDraft(p) || !(NAMED_KINDS as readonly string[]).includes(p.kind)) continue;
      const id = names.find(p.kind, p.name);
      if (id) {
        p.id = id;
        p.note = `the graph knows this name as ${id}`;
      }
    }
  }

  const found = await existingSources(run, items, items.length === 1);
  for (const item of items) {
    const id = found.get(item.index);
    if (id) item.source = { ...item.source, id, existing: true };
  }
  const sids = [...new Set(items.filter((i) => i.source.id).map((i) => i.source.id!))];
  if (!sids.length) return;

  const factRows = await run(sourceFacts, { sources: sids, types: CASE_LINK_TYPES });
  const facts = new Map<string, SourceFacts>(
    factRows.map((r) => [r.source, { cited: new Set(r.cited), themes: new Set(r.themes), cases: r.cases }]),
  );
  const earlier = new Map<string, ReviewProposal[]>();
  for (const row of await run(batchesForSources, { sources: sids })) {
    for (const item of JSON.parse(row.items) as ReviewItem[]) {
      if (!item.source.id || !sids.includes(item.source.id)) continue;
      earlier.set(item.source.id, [...(earlier.get(item.source.id) ?? []), ...item.proposals]);
    }
  }
  for (const item of items) {
    const f = item.source.id ? facts.get(item.source.id) : undefined;
    if (f) compareItem(item, f, earlier.get(item.source.id!) ?? [], names);
  }
}
