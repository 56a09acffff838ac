/**
 * Case cards: each case's list shape (see caseSummaries) stored on the case as JSON text, so a page of
 * cases is one property read per case instead of a walk over every neighbour, decoded by JSON.parse
 * instead of the driver. The sources a card cites are kept as ids and read live with the page.
 *
 * A card is derived data. Every write that can change what a card shows drops it in the same
 * transaction (dropCards), locking the case; a reader finding no card builds the list shape live; and
 * the keeper (keepCaseCards) rebuilds missing cards in the background, locking each case before it
 * reads it, so a card is never built from a state older than the last change that dropped it.
 */
import type { Run } from '../../data/database.js';
import { toPlain } from '../../data/plain.js';
import { defineQuery } from '../../data/queries.js';

const dropCardsQuery = defineQuery<{ cases: string[]; around: string[]; cardless: Record<string, null> }, { dropped: number }>(
  'cards/drop',
);

/** Fields of a neighbour shown on a case card (names, numbers, codes, colours; a source's title orders it). */
export const CARD_FIELDS = ['name', 'number', 'code', 'goal', 'country', 'placeType', 'transformation', 'colour', 'title'] as const;

/** The shape of the cards this code writes and reads; a card of another format counts as missing. */
export const CARD_FORMAT = 3;

/** The properties a card keeps on its case; internal, never shown, exported or kept in history. */
export const CARD_PROPS = [
  'listCard',
  'listCardSources',
  'listCardFormat',
  'facetPathways',
  'facetGoals',
  'facetTargets',
  'facetThemes',
  'facetApproaches',
  'facetCountries',
  'facetPlaces',
  'facetInitiatives',
] as const;

/** Every card property set to null: `SET n += $cardless` removes a card (see graph/queries/cards/drop.cypher). */
export const CARDLESS: Record<string, null> = Object.fromEntries(CARD_PROPS.map((p) => [p, null]));

export function withoutCard<T extends Record<string, unknown>>(props: T): T {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !(CARD_PROPS as readonly string[]).includes(k))) as T;
}

type Source = Record<string, unknown> & { id: string };
type Link = Record<string, unknown> & { sources?: unknown };
export type CaseSummary = Record<string, unknown> & { id: string; name: string };

export const LIST_FIELDS = [
  'places',
  'pathways',
  'goals',
  'targets',
  'approaches',
  'themes',
  'initiatives',
  'organisations',
  'sources',
] as const;

/** A summary as stored: link and case sources as ids, with every id it cites. */
export function toCard(summary: CaseSummary): { id: string; card: string; sources: string[] } {
  const cited = new Set<string>();
  const ids = (list: unknown) =>
    ((list as Source[] | undefined) ?? []).map((s) => {
      cited.add(s.id);
      return s.id;
    });
  const card: Record<string, unknown> = { ...summary };
  for (const field of LIST_FIELDS) {
    if (field === 'sources') card.sources = ids(summary.sources);
    else card[field] = (summary[field] as Link[]).map((l) => ('sources' in l ? { ...l, sources: ids(l.sources) } : l));
  }
  return { id: summary.id, card: JSON.stringify(card), sources: [...cited] };
}

/** A stored card back in the list shape, its sources filled in from `sources` (missing ones left out, as live). */
export function fromCard(text: string, sources: Map<string, Source>): CaseSummary {
  const card = JSON.parse(text) as CaseSummary;
  const linkSource = (id: string) => {
    const s = sources.get(id);
    return s ? [{ id: s.id, title: s.title, date: s.date, url: s.url }] : [];
  };
  for (const field of LIST_FIELDS) {
    if (field === 'sources') card.sources = (card.sources as string[]).flatMap((id) => sources.get(id) ?? []);
    else for (const link of card[field] as Link[]) if ('sources' in link) link.sources = (link.sources as string[]).flatMap(linkSource);
  }
  return card;
}

/**
 * Drops the cards a change may have made stale, inside the change's transaction: those of `cases`
 * (a case itself changed or gained or lost a link) and those of every case linked to a node in
 * `around` (a node whose shown fields changed, or that was deleted, restored or merged).
 */
export async function dropCards(run: Run, change: { cases?: string[]; around?: string[] }): Promise<number> {
  const cases = change.cases ?? [];
  const around = change.around ?? [];
  if (!cases.length && !around.length) return 0;
  const [row] = await run(dropCardsQuery, { cases, around, cardless: CARDLESS });
  return row?.dropped ?? 0;
}

/** Whether an edit changes a field shown on the cards of the node's cases. */
export function changesShownFields(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  // Values may be driver Integers on one side and numbers on the other.
  return CARD_FIELDS.some((f) => JSON.stringify(toPlain(before[f])) !== JSON.stringify(toPlain(after[f])));
}
